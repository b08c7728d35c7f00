"""Lists of options that draw a mark only beside what is chosen.

Textual's SelectionList draws the same X beside every option, and its RadioButton
the same ● on or off; both tell chosen from not by colour alone, which NO_COLOR,
the ansi-* themes and many eyes do not see. Here a chosen option carries ✓ (pick
several) or ● (pick one), at full contrast, and the others an empty box. Keys and
mouse work as in Textual: only the drawing differs.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist


class ChoiceList(SelectionList[str]):
    """A SelectionList showing ✓ beside the chosen options and nothing beside the rest."""

    # Full contrast: the theme's success green is faint on the light themes' panel.
    DEFAULT_CSS = """
    ChoiceList > .selection-list--button-selected,
    ChoiceList > .selection-list--button-selected-highlighted {
        color: auto 100%;
    }
    """

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)  # as SelectionList finds it
        except OptionDoesNotExist:
            return line  # below the last option: no box drawn
        # SelectionList draws its box as the first three segments: ▐, the mark, ▌.
        left, mark, *rest = line
        shown = "✓" if option.value in self.selected else " "
        return Strip([left, Segment(shown, mark.style), *rest], line.cell_length)


class ChoiceButton(RadioButton):
    """A RadioButton showing ● when chosen and nothing when not."""

    # Full contrast, as above. RadioSet colours its buttons' marks with a rule naming
    # both types, which outweighs one naming ChoiceButton alone; :enabled makes this
    # rule the more specific (a disabled list, a passed answer, is faded anyway).
    DEFAULT_CSS = """
    ChoiceButton.-on:enabled > .toggle--button {
        color: auto 100%;
    }
    """

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name for the mark)
        return "●" if self.value else " "
