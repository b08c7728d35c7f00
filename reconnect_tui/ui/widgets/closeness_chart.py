"""Both partners on one closeness chart, with dates: one picture of the two of you.

Each check-in is a column; each partner a mark at the height of the word they chose
on arriving (their own colour, and their own shape, so the chart reads without
colour too). A check-in where someone gave no rating simply has no mark for them.
There are no averages, no lines per person to compare, and no numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.text import Text
from textual.widget import Widget

from reconnect_tui.core.entry import CLOSENESS_WORDS

MARKS = ("●", "○")  # the first partner, the second: told apart without colour
LABEL_WIDTH = max(len(CLOSENESS_WORDS[level]) for level in range(1, 6))
COLUMN = 3  # two marks and a space per check-in
PAD = " "  # padding at the start of a line (the chart never wraps, so it is kept)


def chart_lines(
    moments: Sequence[datetime],
    ratings: Sequence[tuple[int | None, int | None]],
    width: int,
    styles: tuple[str, str] = ("", ""),
) -> list[Text]:
    """The chart as lines of text, the newest check-ins that fit in `width` columns."""
    room = max(1, (width - LABEL_WIDTH - 2) // COLUMN)
    shown = list(zip(moments, ratings))[-room:]
    lines = []
    for level in range(5, 0, -1):
        line = Text(CLOSENESS_WORDS[level].rjust(LABEL_WIDTH, PAD) + " │", style="dim")
        for _, pair in shown:
            for seat, value in enumerate(pair):
                line.append(MARKS[seat] if value == level else " ", style=styles[seat])
            line.append(" ")
        lines.append(line)
    lines.append(Text(PAD * LABEL_WIDTH + " └" + "─" * (COLUMN * len(shown)), style="dim"))
    if shown:
        first, last = shown[0][0], shown[-1][0]
        fmt = "%-d %b" if first.year == last.year else "%-d %b %Y"
        left, right = f"{first:{fmt}}", f"{last:{fmt}}"
        span = COLUMN * len(shown)
        dates = left if len(shown) == 1 else left + " " * max(1, span - len(left) - len(right)) + right
        lines.append(Text(PAD * (LABEL_WIDTH + 2) + dates, style="dim"))
    return lines


class ClosenessChart(Widget):
    """How close each of you felt on arriving, both on one chart, newest on the right."""

    DEFAULT_CSS = """
    ClosenessChart {
        height: 7;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, moments: Sequence[datetime], ratings: Sequence[tuple[int | None, int | None]],
                 *, id: str | None = None, colours: tuple[str, str] | None = None) -> None:
        super().__init__(id=id)
        self.moments = list(moments)
        self.ratings = list(ratings)
        self.person_colours = colours  # each person's own; without them, the theme's two

    def colours(self) -> tuple[str, str]:
        if self.person_colours is not None:
            return self.person_colours
        variables = self.app.theme_variables
        return (variables.get("primary", "blue"), variables.get("accent", "yellow"))

    def shown_count(self) -> int:
        return min(len(self.ratings), max(1, (self.size.width - LABEL_WIDTH - 2) // COLUMN))

    def render(self) -> Text:
        text = Text("\n").join(chart_lines(self.moments, self.ratings, self.size.width, self.colours()))
        text.no_wrap = True  # a chart is laid out by column: never wrapped, never trimmed
        return text
