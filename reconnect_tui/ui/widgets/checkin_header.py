"""The check-in's top line: the deck's title and a gentle timer.

The timer only ever informs. Past the deck's minutes it says there is no rush;
it never counts down and never stops anyone.

One widget draws both halves: the header is on the first screen of every
check-in, where each widget costs start-up time (bench/run.py).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.widget import Widget

from reconnect_tui.core.cleantext import clean_line


def timer_text(elapsed_seconds: float, minutes: int) -> str:
    spent = int(elapsed_seconds // 60)
    if spent < 1:
        return f"just started · about {minutes} min"
    if spent <= minutes:
        return f"{spent} min of about {minutes} min"
    return f"{spent} min · no rush"


class CheckinHeader(Widget):
    """The title on the left, in bold; the timer on the right, muted. A long title
    gives way (cut with an ellipsis) so the timer always shows whole."""

    COMPONENT_CLASSES = {"checkin-header--title", "checkin-header--timer"}  # styled in checkin.tcss

    def __init__(self, title: str, minutes: int, elapsed: Callable[[], float]) -> None:
        super().__init__(id="checkin-header")
        self.title = clean_line(title)
        self.minutes = minutes
        self._elapsed = elapsed
        self.timer = timer_text(elapsed(), minutes)

    def on_mount(self) -> None:
        self.set_interval(10, self.refresh_timer)

    def refresh_timer(self) -> None:
        timer = timer_text(self._elapsed(), self.minutes)
        if timer != self.timer:
            self.timer = timer
            self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        timer = Content.styled(self.timer, self.get_visual_style("checkin-header--timer", partial=True))
        title = Content.styled(self.title, self.get_visual_style("checkin-header--title", partial=True)).truncate(max(0, width - timer.cell_length - 2), ellipsis=True)
        gap = max(1, width - title.cell_length - timer.cell_length)
        return Content.assemble(title, " " * gap, timer)
