"""The Textual app: screens, widgets and styles. Only imported to open a screen."""

from pathlib import Path

STYLES = Path(__file__).parent / "styles"
JOURNAL_STYLES = STYLES / "journal.tcss"
"""Home, history and trends only: loaded with those screens, not for a check-in."""
