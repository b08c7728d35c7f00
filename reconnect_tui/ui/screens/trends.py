"""Over time: the two of you on one closeness chart, check-ins per month, gestures kept.

Everything here is said of the couple together, never per person: one chart holds
both partners (with dates), and the words beside it describe you both. Nothing is a
score; months before the first check-in are not shown as empty months.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from reconnect_tui.core.cleantext import clean_line
from reconnect_tui.core.couple import couple_view, who_in
from reconnect_tui.core.insights import Signal, closeness_together, gentle_signals, journal_stats, last_checkin_line
from reconnect_tui.core.journal import JournalLoad
from reconnect_tui.core.workspace import Workspace
from reconnect_tui.ui import JOURNAL_STYLES
from reconnect_tui.ui.thread_results import hand_back
from reconnect_tui.ui.widgets.closeness_chart import MARKS, ClosenessChart
from reconnect_tui.ui.widgets.footer import CompactFooter
from reconnect_tui.ui.widgets.word_chart import WordChart


class TrendsScreen(Screen[str | None]):
    """Answers a deck id when the couple chooses to start the deck a signal suggests."""

    CSS_PATH = JOURNAL_STYLES

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, workspace: Workspace, clock: Callable[[], datetime]) -> None:
        super().__init__(id="trends")
        self.workspace = workspace
        self.clock = clock
        self.signals: list[Signal] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="trends-body"):
            yield Static("Over time", classes="step-title")
            yield Static("Reading your journal…", id="trends-status", classes="muted")
            yield Vertical(id="trends-content")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        loaded = self.workspace.journal.load()
        hand_back(self, self._show, loaded)

    def _show(self, loaded: JournalLoad) -> None:
        now = self.clock()
        names = self.workspace.couple_names()
        ours = couple_view(self.workspace.journal, loaded.entries, names)  # by person, the couple's only
        stats = journal_stats(ours, now, names)
        status = self.query_one("#trends-status", Static)
        if not stats.count or stats.first is None:
            status.update("No check-ins yet. After a few, you will see here how things have been going.")
            return
        plural = "s" if stats.count != 1 else ""
        status.update(f"{stats.count:,} check-in{plural} since {stats.first:%-d %B %Y}. "
                      f"{last_checkin_line(loaded.entries, now)}")
        colours = self._couple_colours(stats.partners)
        legend = Text("How close you each felt on arriving:  ")
        for seat, partner in enumerate(stats.partners):
            legend.append(f"{MARKS[seat]} ", style=colours[seat])
            legend.append(clean_line(partner.name), style=f"bold {colours[seat]}")
            legend.append("   ")
        ratings = list(zip(stats.partners[0].before, stats.partners[1].before, strict=True))
        widgets = [
            Static(legend, classes="field-label", id="chart-legend"),
            ClosenessChart(stats.moments, ratings, id="closeness-chart", colours=colours),
        ]
        together = closeness_together(stats.partners)
        if together:
            widgets.append(Static(clean_line(together), id="closeness-words", classes="together", markup=False))
        months = stats.per_month
        widgets.append(Static("Check-ins per month (a dot: none that month)", classes="field-label"))
        widgets.append(WordChart([count for _, count in months], max(count for _, count in months),
                                 spaced=True, classes="trend months"))
        span = _month(months[0][0]) if len(months) == 1 else f"{_month(months[0][0])} … {_month(months[-1][0])}"
        widgets.append(Static(span, classes="muted"))
        widgets.append(Static("Small gestures", classes="field-label"))
        widgets.append(Static(stats.follow_through.sentence(), id="follow-through"))
        self.signals = gentle_signals(ours, now)
        if self.signals:
            widgets.append(Static("Worth noticing together", classes="field-label"))
            for number, signal in enumerate(self.signals):
                deck = self.workspace.library.decks.get(signal.deck_id)
                widgets.append(Static(clean_line(signal.message), classes="signal", markup=False))
                if deck is not None:
                    widgets.append(Button(Content(f"Try “{clean_line(deck.title)}”"), id=f"signal-{number}", compact=True))
        self.query_one("#trends-content", Vertical).mount_all(widgets)

    def _couple_colours(self, partners: Sequence[object]) -> tuple[str, str]:
        """Each of the couple in their own colour (the people file's), in the chart and its legend."""
        who = who_in(self.workspace.journal)
        keys = who.couple([getattr(p, "name", "") for p in partners])
        app = self.app
        if not hasattr(app, "person_colour") or len(keys) != 2:
            variables = app.theme_variables
            return (variables.get("primary", "blue"), variables.get("accent", "yellow"))
        return (app.person_colour(who.colour(keys[0]), 0), app.person_colour(who.colour(keys[1]), 1))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        number = int((event.button.id or "signal-0").rsplit("-", 1)[-1])
        self.dismiss(self.signals[number].deck_id)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
        else:
            self.app.exit()


def _month(key: str) -> str:
    return datetime.strptime(key, "%Y-%m").strftime("%b %Y")
