"""The journal is theirs to manage: delete into the trash, later notes, appreciations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from conftest import FIXED
from helpers import make_entry
from textual.widgets import Static, TextArea

from reconnect_tui.core.journal import Journal
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.appreciations import AppreciationsScreen
from reconnect_tui.ui.screens.confirm import ConfirmScreen
from reconnect_tui.ui.screens.history import HistoryScreen
from reconnect_tui.ui.screens.home import HomeScreen
from reconnect_tui.ui.screens.note import NoteScreen
from reconnect_tui.ui.widgets.entry_view import EntryView
from uihelpers import on_screen, shown, until

MakeApp = Callable[..., ReconnectApp]
DAY = timedelta(days=1)


def three(home: Path) -> Journal:
    journal = Journal(home / "journal")
    for number in range(3):
        journal.save(make_entry(FIXED - (3 - number) * DAY, f"entry-{number}", answers=(f"Answer {number}", None)))
    return journal


async def open_history(pilot, app: ReconnectApp) -> HistoryScreen:  # type: ignore[no-untyped-def]
    await on_screen(pilot, HistoryScreen)
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    await until(pilot, lambda: screen.index is not None, "the journal")
    await pilot.pause()
    return screen


async def test_delete_asks_once_and_moves_to_the_trash(make_app: MakeApp, private_home: Path) -> None:
    journal = three(private_home)
    app = make_app(start="history")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, app)
        await pilot.press("d")
        await on_screen(pilot, ConfirmScreen)
        await pilot.press("escape")  # kept
        await on_screen(pilot, HistoryScreen)
        assert len(journal.load().entries) == 3
        await pilot.press("d")
        await on_screen(pilot, ConfirmScreen)
        await pilot.click("#yes")
        await on_screen(pilot, HistoryScreen)
        await until(pilot, lambda: len(screen.shown) == 2, "the list to lose it")
        assert shown(screen.query_one("#history-status")) == "2 check-ins"
        assert "Answer 1" in shown(screen.query_one(EntryView))
    assert [e.id for e in journal.load().entries] == ["entry-0", "entry-1"]
    assert [entry.id for entry in journal.trashed().entries] == ["entry-2"]


async def test_a_later_note_is_kept_and_shown_under_the_entry(make_app: MakeApp, private_home: Path) -> None:
    journal = three(private_home)
    app = make_app(start="history")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot, app)
        await pilot.press("n")
        await on_screen(pilot, NoteScreen)
        await pilot.press("ctrl+s")  # empty: said, nothing kept
        assert "empty" in shown(app.screen.query_one("#note-problem", Static))
        app.screen.query_one(TextArea).insert("We talked more about this on Sunday.")
        await pilot.press("ctrl+s")
        await on_screen(pilot, HistoryScreen)
        view = screen.query_one(EntryView)
        await until(pilot, lambda: "Later notes" in shown(view), "the note under the entry")
        assert "We talked more about this on Sunday." in shown(view)
    entry = journal.load().entries[-1]
    assert [n.text for n in entry.notes] == ["We talked more about this on Sunday."]


async def test_appreciations_newest_first_from_home_and_history(make_app: MakeApp, private_home: Path) -> None:
    journal = Journal(private_home / "journal")
    journal.save(make_entry(FIXED - 9 * DAY, "old"))  # Alex: "Thank you for dinner"
    newer = make_entry(FIXED - 2 * DAY, "new", names=("Sam", "Alex"))
    journal.save(newer)
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HomeScreen)
        await pilot.press("p")
        await on_screen(pilot, AppreciationsScreen)
        screen = app.screen
        await until(pilot, lambda: len(screen.query(".appreciation-words")) == 2, "the appreciations")
        who = [shown(w) for w in screen.query(".appreciation-who")]
        assert who[0].startswith("Sam to Alex · Tuesday 24 November 2026")
        assert who[1].startswith("Alex to Sam · Tuesday 17 November 2026")
        await pilot.press("escape")
        await on_screen(pilot, HomeScreen)
        await pilot.press("j")
        await open_history(pilot, app)
        await pilot.press("p")
        await on_screen(pilot, AppreciationsScreen)


async def test_no_appreciations_yet_says_so_kindly(make_app: MakeApp) -> None:
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HomeScreen)
        await pilot.click("#appreciations")
        await on_screen(pilot, AppreciationsScreen)
        status = app.screen.query_one("#appreciations-status")
        await until(pilot, lambda: "Nothing here yet" in shown(status), "the empty note")
