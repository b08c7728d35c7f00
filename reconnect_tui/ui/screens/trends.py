"""Trends: closeness over time for each partner, check-ins per month, gestures kept.

The charts use one fixed scale for both partners (a small widget of ours), with
words beside them: how close each partner has usually felt lately, never a number
to be graded by.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from reconnect_tui.core.insights import Signal, gentle_signals, journal_stats
from reconnect_tui.core.journal import JournalLoad
from reconnect_tui.core.couple import couple_view
from reconnect_tui.core.workspace import Workspace
from reconnect_tui.ui.widgets.word_chart import WordChart

RECENT = 60  # check-ins shown in the closeness charts


class TrendsScreen(Screen[str | None]):
    """Answers a deck id when the couple chooses to start the deck a signal suggests."""

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
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        loaded = self.workspace.journal.load()
        self.app.call_from_thread(self._show, loaded)

    def _show(self, loaded: JournalLoad) -> None:
        now = self.clock()
        names = self.workspace.config.config.partners
        stats = journal_stats(couple_view(self.workspace.journal, loaded.entries, names), now, names)
        status = self.query_one("#trends-status", Static)
        if not stats.count:
            status.update("No check-ins yet. After a few, you will see here how things have been going.")
            return
        shown = min(RECENT, stats.count)
        plural = "s" if stats.count != 1 else ""
        status.update(f"{stats.count:,} check-in{plural}. The charts show the last {shown}, oldest on the left: "
                      "the lowest bar is Far apart, the highest Very close, a dot is not given.")
        content = self.query_one("#trends-content", Vertical)
        widgets = []
        for number, partner in enumerate(stats.partners):
            widgets.append(Static(partner.name, classes=f"summary-name name-{number}", markup=False))
            for which, label in (("before", "arriving"), ("after", "leaving")):
                usual = partner.usual(which)
                values = getattr(partner, which)[-RECENT:]
                chart = WordChart(values, 5, classes=f"trend name-{number}")
                chart.styles.width = len(values)
                widgets.append(Horizontal(
                    Static(label, classes="summary-label trend-label"),
                    chart,
                    Static(f"usually {usual}" if usual else "not given yet", classes="muted trend-usual"),
                    classes="trend-row",
                ))
        months = stats.per_month
        widgets.append(Static("Check-ins per month, the last twelve (a dot: none that month)", classes="field-label"))
        widgets.append(WordChart([count for _, count in months], max(count for _, count in months),
                                 spaced=True, classes="trend months"))
        widgets.append(Static(f"{_month(months[0][0])} … {_month(months[-1][0])}", classes="muted"))
        widgets.append(Static("Small gestures", classes="field-label"))
        widgets.append(Static(stats.follow_through.sentence()))
        self.signals = gentle_signals(couple_view(self.workspace.journal, loaded.entries, names), now)
        if self.signals:
            widgets.append(Static("Worth noticing together", classes="field-label"))
            for number, signal in enumerate(self.signals):
                deck = self.workspace.library.decks.get(signal.deck_id)
                widgets.append(Static(signal.message, classes="signal", markup=False))
                if deck is not None:
                    widgets.append(Button(Content(f"Try “{deck.title}”"), id=f"signal-{number}", compact=True))
        content.mount_all(widgets)

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
