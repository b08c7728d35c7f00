"""The Textual app: screens, widgets and styles. Only imported to open a screen."""
