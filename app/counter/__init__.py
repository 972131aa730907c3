"""The counter face (counter and van modes): its app, screens, navigation and stylesheet."""
