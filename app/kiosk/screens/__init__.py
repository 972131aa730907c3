"""The kiosk's screens, one a file; none imports another (``app.kiosk.navigation`` does)."""
