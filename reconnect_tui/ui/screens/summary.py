"""After saving: closeness before and after, the gestures chosen, where it was kept."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from reconnect_tui.core.entry import Entry, closeness_words
from reconnect_tui.core.insights import lower_now_line, next_time_line


def summary_rows(entry: Entry) -> list[tuple[str, str, str]]:
    """(label, first partner, second partner) for each line of the summary."""
    first, second = entry.partners
    return [
        ("Before", closeness_words(first.closeness_before), closeness_words(second.closeness_before)),
        ("Now", closeness_words(first.closeness_after), closeness_words(second.closeness_after)),
        ("Gesture", first.intention or "—", second.intention or "—"),
    ]


class SummaryScreen(Screen[None]):
    """Enter (or Done) hands back to the app, which decides where to go next."""

    BINDINGS = [Binding("enter", "done", "Done", priority=True)]

    def __init__(self, entry: Entry, where: str, deck_minutes: int, on_done: Callable[[], None]) -> None:
        super().__init__()
        self.entry = entry
        self.where = where
        self.deck_minutes = deck_minutes
        self.on_done = on_done

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="summary"):
            with Vertical(classes="summary-box"):
                yield Static("Saved. Thank you, both of you.", classes="dialog-title")
                with Grid(id="summary-table"):
                    yield Static("")
                    for number, partner in enumerate(self.entry.partners):
                        yield Static(partner.name, classes=f"summary-name name-{number}", markup=False)
                    for label, first, second in summary_rows(self.entry):
                        yield Static(label, classes="summary-label")
                        yield Static(first, markup=False)
                        yield Static(second, markup=False)
                yield Static(self.where, classes="where", markup=False)
                lower = lower_now_line(self.entry)
                if lower:
                    yield Static(lower, id="lower-now", classes="dialog-text")
                yield Static(next_time_line(self.entry.deck_id, self.deck_minutes), id="next-time",
                             classes="dialog-text")
                yield Button("Done", id="done", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_done()

    def action_done(self) -> None:
        self.on_done()

