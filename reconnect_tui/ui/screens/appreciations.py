"""Every appreciation the two of you have given each other, newest first.

The fondness a couple can come back to: read-only, one after another, each with
the day it was said and who said it to whom. Opened from home and from history.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from reconnect_tui.core.cleantext import clean_line, clean_text
from reconnect_tui.core.couple import Who, who_in
from reconnect_tui.core.overview import Appreciation, appreciations
from reconnect_tui.core.workspace import Workspace
from reconnect_tui.ui import JOURNAL_STYLES
from reconnect_tui.ui.colours import name_class
from reconnect_tui.ui.thread_results import hand_back
from reconnect_tui.ui.widgets.footer import CompactFooter


def said_on(item: Appreciation) -> str:
    moment = item.given_at
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


class AppreciationsScreen(Screen[None]):
    CSS_PATH = JOURNAL_STYLES
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(id="appreciations")
        self.workspace = workspace
        self.items: list[Appreciation] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="appreciations-body"):
            yield Static("What you have appreciated in each other", classes="step-title")
            yield Static("Reading your journal…", id="appreciations-status", classes="muted")
            yield Vertical(id="appreciation-rows")
        yield CompactFooter()

    def on_mount(self) -> None:
        self.query_one("#appreciations-body").focus()
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        entries = self.workspace.journal.load().entries
        who = who_in(self.workspace.journal)
        hand_back(self, self._show, appreciations(entries, key=who.key), who)

    async def _show(self, items: list[Appreciation], who: Who) -> None:
        self.items = items
        status = self.query_one("#appreciations-status", Static)
        if not items:
            status.update("Nothing here yet. At the end of each check-in you can each say something you "
                          "appreciate; it will be kept here.")
            return
        status.update("Newest first." if len(items) > 1 else "")
        keys = list(dict.fromkeys(item.person for item in reversed(items)))  # who came first keeps one colour
        rows = self.query_one("#appreciation-rows")
        await rows.mount_all(
            widget
            for item in items
            for widget in (
                Static(f"{clean_line(item.name)} to {clean_line(item.to_name)} · {said_on(item)}", markup=False,
                       classes=f"appreciation-who {name_class(who.colour(item.person), keys.index(item.person))}"),
                Static(clean_text(item.words), markup=False, classes="appreciation-words"),
            )
        )

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
        else:
            self.app.exit()
