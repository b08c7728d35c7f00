"""The journal over time: every check-in in a list, the chosen one in full.

The newest entries are shown at once; the rest of a long journal is read in a
worker thread into an in-memory index. Search runs over it as you type (a short
pause after the last key, so typing never waits for the list).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import msgspec
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Select, Static

from reconnect_tui.core.cleantext import clean_line
from reconnect_tui.core.entry import CLOSENESS_WORDS, Entry, closeness_words
from reconnect_tui.core.couple import Who, in_couple_order, who_in
from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.insights import JournalIndex
from reconnect_tui.core.journal import JournalLoad
from reconnect_tui.core.workspace import Workspace
from reconnect_tui.ui import JOURNAL_STYLES
from reconnect_tui.ui.screens.confirm import ConfirmScreen
from reconnect_tui.ui.screens.export import ExportScreen
from reconnect_tui.ui.screens.note import NoteScreen
from reconnect_tui.ui.thread_results import hand_back
from reconnect_tui.ui.widgets.entry_list import GAP, EntryList, LazyRows, fit
from reconnect_tui.ui.widgets.entry_view import EntryView
from reconnect_tui.ui.widgets.footer import CompactFooter

SEARCH_PAUSE = 0.15  # seconds after the last key before the list is filtered
FIRST_LOOK = 200  # entries shown at once, while the rest of a long journal is read
SIDE_BY_SIDE_FROM = 130  # columns; narrower terminals put the entry under the list
DATE_WIDTH = 11


PAIR_WIDTH = max(len(f"{a} → {b}") for a in CLOSENESS_WORDS.values() for b in CLOSENESS_WORDS.values())
DECK_WIDTH = 40  # at most: wider, the partners' columns would drift away from the rest of the row
SHORT_DATE_WIDTH = 6  # "26 Nov": the entry below the list gives the year


def column_widths(width: int) -> tuple[tuple[int, int, int, int], str]:
    """Date, deck, and each partner's "before → after" fitted to the list's width, and the gap between.

    Both partners' words are never cut down to 60 columns: when the list is narrow
    the deck's title gives way first (down to nothing: the entry below shows it),
    then the date drops its year, then the gaps narrow. A column of width 0 is not
    shown. The deck's title takes the room that is left, up to DECK_WIDTH, so a
    wide terminal shows it whole.
    """
    pairs = 2 * PAIR_WIDTH
    for gap, date, deck_shown in ((GAP, DATE_WIDTH, True), (GAP, DATE_WIDTH, False),
                                  (GAP, SHORT_DATE_WIDTH, False), (" ", SHORT_DATE_WIDTH, False)):
        free = width - 1 - 1 - len(gap) * (3 if deck_shown else 2)  # leading space, scrollbar, gaps
        if deck_shown and free - date - pairs >= 10:
            return (date, min(DECK_WIDTH, free - date - pairs), PAIR_WIDTH, PAIR_WIDTH), gap
        if not deck_shown and free - date >= pairs:
            return (date, 0, PAIR_WIDTH, PAIR_WIDTH), gap
    partner = max(8, (width - 2 - 2 - SHORT_DATE_WIDTH) // 2)  # very narrow: the words are cut, with an ellipsis
    return (SHORT_DATE_WIDTH, 0, partner, partner), " "


def row_for(entry: Entry, short_date: bool = False, who: Who | None = None,
            couple: tuple[str, ...] = ()) -> tuple[str, ...]:
    """One row; the couple's own check-ins put each person under their own column
    whatever their seats were, anyone else's name their people in the cells."""
    moment = entry.started_at
    cells = [f"{moment:%d %b}" if short_date else f"{moment:%d %b %Y}", clean_line(entry.deck_title)]
    seated = in_couple_order(entry, who, couple) if who is not None and len(couple) == 2 else entry
    for partner in (seated or entry).partners:
        pair = f"{closeness_words(partner.closeness_before)} → {closeness_words(partner.closeness_after)}"
        cells.append(pair if seated is not None else f"{clean_line(partner.name)}: {pair}")
    return tuple(cells)


class HistoryScreen(Screen[None]):
    CSS_PATH = JOURNAL_STYLES
    BINDINGS = [
        Binding("slash", "search", "Find"),
        Binding("e", "export_entry", "Export"),
        Binding("a", "export_shown", "Export all"),
        Binding("n", "add_note", "Note"),
        Binding("d", "delete", "Trash"),
        Binding("p", "appreciations", "Appreciations"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, workspace: Workspace, clock: Callable[[], datetime]) -> None:
        super().__init__(id="history")
        self.workspace = workspace
        self.clock = clock
        self.index: JournalIndex | None = None
        self.complete = False  # every entry is in the index (not just the newest)
        self.names: tuple[str, str] = workspace.couple_names() or ("", "")
        self.shown: list[Entry] = []
        self.who = who_in(workspace.journal)
        self.couple: tuple[str, ...] = self.who.couple(self.names) if all(self.names) else ()
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        # Stacked or not before the widgets are first styled: set on the first
        # resize instead, the class restyled every widget of the screen once more.
        self.set_class(self.app.size.width < SIDE_BY_SIDE_FROM, "-stacked")
        with Horizontal(id="history-top"):
            yield Static("Your journal", id="history-title")
            yield Input(placeholder="Search all answers…", id="search", compact=True)
            yield Select([], prompt="Every deck", id="deck-filter", compact=True)
        with Horizontal(id="history-body"):
            with Vertical(id="history-list"):
                yield Static("", id="list-header", markup=False)
                yield Static("", id="history-empty", markup=False)
                yield EntryList(*column_widths(80), id="entries")
                yield Static("Opening your journal…", id="history-status")
            with VerticalScroll(id="entry-scroll"):
                yield EntryView(id="entry")
        yield CompactFooter()

    def on_mount(self) -> None:
        self._show_header(self.names)
        self.query_one(EntryView).who = self.who
        self.query_one(EntryView).show(None)
        self.query_one("#history-empty").display = False
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
        labels = ("Date", "Deck", *(clean_line(name) for name in names))
        entries = self.query_one(EntryList)
        styles = ["", "", *self._column_colours()]
        header = Text(" ")
        shown = [(fit(label, width), style) for label, width, style in zip(labels, entries.widths, styles, strict=True)
                 if width > 0]
        for number, (cell, style) in enumerate(shown):
            if number:
                header.append(entries.gap)
            header.append(cell, style=f"bold {style}" if style else "")
        self.query_one("#list-header", Static).update(header)

    def _column_colours(self) -> tuple[str, str]:
        """Each partner's column is headed in that person's own colour."""
        app = self.app
        colours = [self.who.colour(key) for key in self.couple] if len(self.couple) == 2 else [None, None]
        if not hasattr(app, "person_colour"):
            return ("", "")
        return (app.person_colour(colours[0], 0), app.person_colour(colours[1], 1))

    @work(thread=True, exclusive=True)
    def load_the_rest(self) -> None:
        everything = self.workspace.journal.load()
        hand_back(self, self._loaded, everything, JournalIndex.build(everything.entries), True)

    def _loaded(self, loaded: JournalLoad, index: JournalIndex, complete: bool) -> None:
        self.index = index
        self.complete = complete
        if index.entries and not all(self.names):
            self._show_header(index.entries[0].names)  # no couple known yet: the latest check-in's
            self.couple = self.who.keys(index.entries[0])
        deck_filter = self.query_one("#deck-filter", Select)
        chosen = deck_filter.value
        decks = index.decks()
        # Content, not str: a title is shown as written, never read as markup
        # (a title holding "[@click=...]" must not become a button that acts).
        deck_filter.set_options([(Content(clean_line(title)), deck_id) for deck_id, title in decks])
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
        self._set_rows(before)
        total = len(self.index.entries)
        status = self.query_one("#history-status", Static)
        empty = self.query_one("#history-empty", Static)
        if not total:
            empty.update("No check-ins yet. Your first one will appear here." if self.complete else "")
        elif not self.shown:
            empty.update("Nothing here matches. Other words, or every deck, may find it.")
        empty.display = not self.shown
        if not total:
            status.update("")
        elif len(self.shown) == total:
            status.update(f"{total:,} check-in{'s' if total != 1 else ''}")
        else:
            status.update(f"{len(self.shown):,} of {total:,} check-ins")
        if not self.complete:
            status.update(f"{status.content} · reading the older ones…")
        self.show_entry(self.selected)

    def show_entry(self, entry: Entry | None) -> None:
        """The entry in full, with its later notes and the search's words marked.

        The couple's own check-ins read in the couple's order, as the list's columns
        do, whatever seats they took that evening; anyone else's in their own order."""
        seated = in_couple_order(entry, self.who, self.couple) if entry is not None and len(self.couple) == 2 else None
        self.query_one(EntryView).show(seated or entry, self.search_words, entry.notes if entry is not None else ())

    @property
    def search_words(self) -> list[str]:
        return self.query_one("#search", Input).value.split()

    def _set_rows(self, keep: Entry | None) -> None:
        entries = self.query_one(EntryList)
        short = entries.widths[0] == SHORT_DATE_WIDTH
        entries.set_rows(LazyRows(self.shown, lambda entry: row_for(entry, short, self.who, self.couple)))
        if keep is not None and keep in self.shown:
            entries.cursor = self.shown.index(keep)

    def on_resize(self) -> None:
        self.set_class(self.size.width < SIDE_BY_SIDE_FROM, "-stacked")
        self.call_after_refresh(self._fit_columns)

    def _fit_columns(self) -> None:
        entries = self.query_one(EntryList)
        widths, gap = column_widths(entries.size.width or self.size.width)
        short_before = entries.widths[0] == SHORT_DATE_WIDTH
        entries.set_widths(widths, gap)
        if (widths[0] == SHORT_DATE_WIDTH) != short_before:
            self._set_rows(self.selected)  # the dates change form
        self._show_header(self.names)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_PAUSE, self.refresh_list)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.refresh_list()

    def on_entry_list_highlighted(self, event: EntryList.Highlighted) -> None:
        if 0 <= event.index < len(self.shown):
            self.show_entry(self.shown[event.index])
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

    @work(exclusive=True, group="history-change")
    async def action_delete(self) -> None:
        entry = self.selected
        if entry is None or self.index is None:
            return
        moment = entry.started_at
        sure = await self.app.push_screen_wait(ConfirmScreen(
            "Move this check-in to the trash?",
            f"“{entry.deck_title}” of {moment:%A} {moment.day} {moment:%B %Y} leaves history, exports and trends. "
            f"Until the trash is emptied it can be brought back: reconnect trash restore {entry.id}",
            yes="Move to the trash",
            no="Keep it",
        ))
        if not sure:
            return
        try:
            self.workspace.journal.trash(entry)
        except JournalError as error:
            self.notify(str(error), title="Not moved", severity="error", markup=False)
            return
        self.index.remove(entry)
        self.refresh_list(keep_place=False)
        self.notify(f"Moved to the trash. reconnect trash restore {entry.id} brings it back.", markup=False,
                    timeout=10)

    @work(exclusive=True, group="history-change")
    async def action_add_note(self) -> None:
        entry = self.selected
        if entry is None:
            return
        text = await self.app.push_screen_wait(NoteScreen(entry))
        if text is None:
            return
        try:
            note = self.workspace.journal.add_note(entry, text, self.clock())
        except JournalError as error:
            self.notify(f"The note was not kept: {error}", severity="error", markup=False, timeout=12)
            return
        noted = msgspec.structs.replace(entry, notes=(*entry.notes, note))  # as the next load will read it
        if self.index is not None:
            self.index.replace(entry, noted)
        self.shown = [noted if shown is entry else shown for shown in self.shown]
        if self.selected is noted:
            self.show_entry(noted)
        self.notify("The note is kept beside the check-in.", markup=False)

    def action_appreciations(self) -> None:
        from reconnect_tui.ui.screens.appreciations import AppreciationsScreen

        self.app.push_screen(AppreciationsScreen(self.workspace))

    def action_back(self) -> None:
        if self.focused is self.query_one("#search", Input):
            self.query_one(EntryList).focus()  # out of the search box first
            return
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
        else:
            self.app.exit()
