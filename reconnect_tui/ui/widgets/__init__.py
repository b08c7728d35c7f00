"""Widgets of the check-in and the journal screens. They post messages; screens act."""
