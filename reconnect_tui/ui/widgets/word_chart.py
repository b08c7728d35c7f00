"""A one-line bar chart on a fixed scale, for closeness and for counts.

Textual's Sparkline stretches each row between its own lowest and highest value,
so "In between" could look like the bottom of one partner's row and the middle of
the other's. Here the scale is fixed and the same for everyone: 1 (Far apart) is
the lowest bar and 5 (Very close) the highest; a check-in without a rating (or a
month without a check-in) is a small dot, never a bar.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

BARS = "·▁▂▃▄▅▆▇█"  # the dot marks "none"


def bars(values: Sequence[int | None], top: int, width: int) -> str:
    """One character per value (the newest `width` of them), scaled 0..top."""
    shown = list(values)[-width:] if width > 0 else []
    cells = []
    for value in shown:
        if value is None:
            cells.append(BARS[0])
        else:
            level = round(max(0, min(value, top)) / top * (len(BARS) - 1)) if top else 0
            cells.append(BARS[max(level, 1) if value > 0 else 0])
    return "".join(cells)


class WordChart(Widget):
    """Values on a fixed 0..top scale, newest on the right."""

    DEFAULT_CSS = """
    WordChart {
        height: 1;
    }
    """

    def __init__(self, values: Sequence[int | None], top: int, *, spaced: bool = False, classes: str = "") -> None:
        super().__init__(classes=classes)
        self.values = list(values)
        self.top = top
        self.spaced = spaced  # a space between bars, for a few values that each matter

    def render(self) -> Text:
        if self.spaced:
            return Text(" ".join(bars(self.values, self.top, self.size.width // 2)), no_wrap=True)
        return Text(bars(self.values, self.top, self.size.width), no_wrap=True)
