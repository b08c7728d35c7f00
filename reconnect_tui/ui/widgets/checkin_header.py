"""The check-in's top line: the deck's title and a gentle timer.

The timer only ever informs. Past the deck's minutes it says there is no rush;
it never counts down and never stops anyone.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static


def timer_text(elapsed_seconds: float, minutes: int) -> str:
    spent = int(elapsed_seconds // 60)
    if spent < 1:
        return f"just started · about {minutes} min"
    if spent <= minutes:
        return f"{spent} min of about {minutes} min"
    return f"{spent} min · no rush"


class CheckinHeader(Horizontal):
    def __init__(self, title: str, minutes: int, elapsed: Callable[[], float]) -> None:
        super().__init__(id="checkin-header")
        self.title = title
        self.minutes = minutes
        self._elapsed = elapsed

    def compose(self) -> ComposeResult:
        yield Static(self.title, id="deck-title", markup=False)
        yield Static(timer_text(self._elapsed(), self.minutes), id="timer")

    def on_mount(self) -> None:
        self.set_interval(10, self.refresh_timer)

    def refresh_timer(self) -> None:
        self.query_one("#timer", Static).update(timer_text(self._elapsed(), self.minutes))
