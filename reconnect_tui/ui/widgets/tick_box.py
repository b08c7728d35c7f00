"""A checkbox that draws its mark only when it is ticked.

Textual's Checkbox draws the same X ticked or not and tells the two apart by colour
alone, which NO_COLOR, the ansi-* themes and many eyes do not see: a couple read an
unticked box as ticked. Here unticked is an empty box and ticked a check mark.
"""

from __future__ import annotations

from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A Checkbox showing ✓ when ticked and nothing when not."""

    # Full contrast: the theme's success green is faint on the light themes' panel.
    DEFAULT_CSS = """
    TickBox.-on > .toggle--button {
        color: auto 100%;
    }
    """

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name for the mark)
        return "✓" if self.value else " "
