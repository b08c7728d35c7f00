"""The journal over time: every check-in in a list, the chosen one in full.

The newest entries are shown at once; the rest of a long journal is read in a
worker thread into an in-memory index. Search runs over it as you type (a short
pause after the last key, so typing never waits for the list).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Select, Static

from reconnect_tui.core.entry import Entry, closeness_words
from reconnect_tui.core.insights import JournalIndex
from reconnect_tui.core.journal import JournalLoad
from reconnect_tui.core.workspace import Workspace
from reconnect_tui.ui.screens.export import ExportScreen
from reconnect_tui.ui.widgets.entry_list import GAP, EntryList, fit
from reconnect_tui.ui.widgets.entry_view import EntryView

SEARCH_PAUSE = 0.15  # seconds after the last key before the list is filtered
FIRST_LOOK = 200  # entries shown at once, while the rest of a long journal is read
SIDE_BY_SIDE_FROM = 130  # columns; narrower terminals put the entry under the list
DATE_WIDTH = 11


def column_widths(width: int) -> tuple[int, int, int, int]:
    """Date, deck, and each partner's "before → after", fitted to the list's width.

    The partners' columns keep room for the longest pair of words; the deck's
    title gives way first (the entry below shows it in full).
    """
    free = width - 1 - 2 - len(GAP) * 3 - DATE_WIDTH  # leading space, scrollbar, gaps
    partner = min(24, max(12, (free - 12) // 2))
    deck = max(6, min(30, free - 2 * partner))
    return (DATE_WIDTH, deck, partner, partner)


def row_for(entry: Entry) -> tuple[str, ...]:
    moment = entry.started_at
    cells = [f"{moment:%d %b %Y}", entry.deck_title]
    for partner in entry.partners:
        cells.append(f"{closeness_words(partner.closeness_before)} → {closeness_words(partner.closeness_after)}")
    return tuple(cells)


class HistoryScreen(Screen[None]):
    BINDINGS = [
        Binding("slash", "search", "Search"),
        Binding("e", "export_entry", "Export entry"),
        Binding("a", "export_shown", "Export all shown"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, workspace: Workspace, clock: Callable[[], datetime]) -> None:
        super().__init__(id="history")
        self.workspace = workspace
        self.clock = clock
        self.index: JournalIndex | None = None
        self.complete = False  # every entry is in the index (not just the newest)
        self.names: tuple[str, str] = workspace.config.config.partners or ("", "")
        self.shown: list[Entry] = []
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="history-top"):
            yield Static("Your journal", id="history-title")
            yield Input(placeholder="Search all answers…", id="search", compact=True)
            yield Select([], prompt="Every deck", id="deck-filter", compact=True)
        with Horizontal(id="history-body"):
            with Vertical(id="history-list"):
                yield Static("", id="list-header", markup=False)
                yield EntryList(column_widths(80), id="entries")
                yield Static("Opening your journal…", id="history-status")
            with VerticalScroll(id="entry-scroll"):
                yield EntryView(id="entry")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_header(self.names)
        self.query_one(EntryView).show(None)
        self.query_one(EntryList).focus()
        # The newest entries are read here, before the first frame (a few tens of
        # milliseconds); the rest of a long journal is read in a thread.
        recent = self.workspace.journal.load(at_least=FIRST_LOOK)
        complete = len(recent.entries) < FIRST_LOOK  # a young journal is read whole at once
        self._loaded(recent, JournalIndex.build(recent.entries), complete)
        if not complete:
            self.load_the_rest()

    def _show_header(self, names: tuple[str, str]) -> None:
        self.names = names
        labels = ("Date", "Deck", *names)
        widths = self.query_one(EntryList).widths
        self.query_one("#list-header", Static).update(
            " " + GAP.join(fit(label, width) for label, width in zip(labels, widths, strict=True))
        )

    @work(thread=True, exclusive=True)
    def load_the_rest(self) -> None:
        everything = self.workspace.journal.load()
        self.app.call_from_thread(self._loaded, everything, JournalIndex.build(everything.entries), True)

    def _loaded(self, loaded: JournalLoad, index: JournalIndex, complete: bool) -> None:
        self.index = index
        self.complete = complete
        if index.entries and not self.workspace.config.config.partners:
            self._show_header(index.entries[0].names)  # no names remembered: the latest check-in's
        deck_filter = self.query_one("#deck-filter", Select)
        chosen = deck_filter.value
        decks = index.decks()
        deck_filter.set_options([(title, deck_id) for deck_id, title in decks])
        if isinstance(chosen, str) and chosen in {deck_id for deck_id, _ in decks}:
            deck_filter.value = chosen
        self.refresh_list(keep_place=True)
        if complete:
            for problem in loaded.problems:
                self.notify(str(problem), title="A journal file was left out", severity="warning", timeout=12, markup=False)

    # --- the list ---------------------------------------------------------------------

    def refresh_list(self, keep_place: bool = False) -> None:
        """Filter the list by the search and the deck; `keep_place` keeps the chosen entry."""
        if self.index is None:
            return
        before = self.selected if keep_place else None
        query = self.query_one("#search", Input).value
        deck = self.query_one("#deck-filter", Select).value
        self.shown = self.index.find(query, deck if isinstance(deck, str) else None)
        entries = self.query_one(EntryList)
        entries.set_rows([row_for(entry) for entry in self.shown])
        if before is not None and before in self.shown:
            entries.cursor = self.shown.index(before)
        total = len(self.index.entries)
        status = self.query_one("#history-status", Static)
        if not total:
            status.update("No check-ins yet. Your first one will appear here." if self.complete else "")
        elif len(self.shown) == total:
            status.update(f"{total:,} check-in{'s' if total != 1 else ''}")
        else:
            status.update(f"{len(self.shown):,} of {total:,} check-ins")
        if not self.complete:
            status.update(f"{status.content} · reading the older ones…")
        self.query_one(EntryView).show(self.selected)

    def on_resize(self) -> None:
        self.set_class(self.size.width < SIDE_BY_SIDE_FROM, "-stacked")
        self.call_after_refresh(self._fit_columns)

    def _fit_columns(self) -> None:
        entries = self.query_one(EntryList)
        entries.set_widths(column_widths(entries.size.width or self.size.width))
        self._show_header(self.names)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_PAUSE, self.refresh_list)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_list()

    def on_entry_list_highlighted(self, event: EntryList.Highlighted) -> None:
        if 0 <= event.index < len(self.shown):
            self.query_one(EntryView).show(self.shown[event.index])
            self.query_one("#entry-scroll").scroll_home(animate=False)

    @property
    def selected(self) -> Entry | None:
        row = self.query_one(EntryList).cursor
        return self.shown[row] if 0 <= row < len(self.shown) else None

    # --- actions -----------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_export_entry(self) -> None:
        if self.selected is not None:
            self.app.push_screen(ExportScreen([self.selected], self.clock(), locked=self.workspace.locked))

    def action_export_shown(self) -> None:
        if self.shown:
            self.app.push_screen(ExportScreen(list(self.shown), self.clock(), locked=self.workspace.locked))

    def action_back(self) -> None:
        if self.focused is self.query_one("#search", Input):
            self.query_one(EntryList).focus()  # out of the search box first
            return
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
        else:
            self.app.exit()
