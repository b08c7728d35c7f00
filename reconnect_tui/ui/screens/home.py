"""The home screen (`reconnect` alone): start a check-in, look back, see the decks.

It says when the last check-in was, gently, and never keeps a streak.
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
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from reconnect_tui.core.decks import Deck
from reconnect_tui.core.insights import gentle_signals, last_checkin_line
from reconnect_tui.core.workspace import Workspace
from reconnect_tui.ui.widgets.care_note import CareNote


class HomeScreen(Screen[None]):
    BINDINGS = [
        Binding("s", "start", "Start"),
        Binding("j", "journal", "Journal"),
        Binding("o", "trends", "Over time"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, workspace: Workspace, clock: Callable[[], datetime],
                 start_checkin: Callable[[str], None], open_screen: Callable[[str], None]) -> None:
        super().__init__(id="home")
        self.workspace = workspace
        self.clock = clock
        self.start_checkin = start_checkin
        self.open_screen = open_screen
        self.decks: list[Deck] = list(workspace.library.decks.values())

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="home-body"):
            yield Static("reconnect", classes="step-title")
            yield Static("", id="last-checkin", classes="muted")
            with Horizontal(id="home-buttons"):
                yield Button("Start a check-in", id="start", variant="primary", compact=True)
                yield Button("Our journal", id="journal", compact=True)
                yield Button("Over time", id="trends", compact=True)
            with Horizontal(id="home-main"):
                yield OptionList(
                    *[Option(Content(f"{deck.title} · {deck.minutes} min"), id=deck.id) for deck in self.decks],
                    id="deck-list",
                )
                with Vertical(id="deck-about"):
                    yield Static("", id="deck-title", classes="summary-name", markup=False)
                    yield Static("", id="deck-description", markup=False)
                    yield Static("", id="deck-note", classes="deck-note", markup=False)
            yield Static("", id="home-signals", classes="signal", markup=False)
            yield CareNote()
        yield Footer(compact=True)

    def on_mount(self) -> None:
        deck_list = self.query_one("#deck-list", OptionList)
        default = self.workspace.default_deck().id
        deck_list.highlighted = next((n for n, d in enumerate(self.decks) if d.id == default), 0)
        deck_list.focus()
        self.refresh_journal()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_journal()

    def refresh_journal(self) -> None:
        latest = self.workspace.journal.latest()
        self.query_one("#last-checkin", Static).update(last_checkin_line([latest] if latest else [], self.clock()))
        self.look_for_signals()

    @work(thread=True, exclusive=True)
    def look_for_signals(self) -> None:
        entries = self.workspace.journal.load().entries
        signals = gentle_signals(entries, self.clock())
        lines = []
        for signal in signals:
            deck = self.workspace.library.decks.get(signal.deck_id)
            lines.append(signal.message + (f" “{deck.title}” may fit." if deck else ""))
        self.app.call_from_thread(self._show_signals, "\n\n".join(lines))

    def _show_signals(self, text: str) -> None:
        if self.is_mounted:
            self.query_one("#home-signals", Static).update(text)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        deck = self.workspace.library.decks[event.option.id or ""]
        self.query_one("#deck-title", Static).update(f"{deck.title} · about {deck.minutes} minutes")
        self.query_one("#deck-description", Static).update(deck.description)
        note = self.query_one("#deck-note", Static)
        note.update(deck.note or "")
        note.display = bool(deck.note)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.start_checkin(event.option.id or "")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"start": self.action_start, "journal": self.action_journal, "trends": self.action_trends}[
            event.button.id or "start"
        ]()

    def action_start(self) -> None:
        deck_list = self.query_one("#deck-list", OptionList)
        index = deck_list.highlighted if deck_list.highlighted is not None else 0
        self.start_checkin(self.decks[index].id)

    def action_journal(self) -> None:
        self.open_screen("history")

    def action_trends(self) -> None:
        self.open_screen("trends")
