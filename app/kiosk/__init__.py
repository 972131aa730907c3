"""The self-service kiosk: its own App, screens, navigation, texts and voice."""
