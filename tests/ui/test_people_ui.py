"""The swapped-order couple, through Pilot: the follow-up and history follow the person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from conftest import FIXED
from helpers import make_entry

from reconnect_tui.core.journal import Journal
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.screens.history import HistoryScreen
from reconnect_tui.ui.widgets.entry_list import EntryList
from uihelpers import on_screen, shown, until

MakeApp = Callable[..., ReconnectApp]


def last_time(home: Path) -> Journal:
    journal = Journal(home / "journal")
    journal.save(make_entry(FIXED - timedelta(days=2), "last", names=("Maya", "Jonas"), closeness=((1, 2), (5, 4)),
                            intentions=("Maya's tea", "Jonas's walk")))
    return journal


async def test_each_is_asked_about_their_own_gesture(make_app: MakeApp, private_home: Path) -> None:
    last_time(private_home)
    app = make_app(partners=("Jonas", "Maya"))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        assert app.screen.session.previous_intentions == ("Jonas's walk", "Maya's tea")  # type: ignore[attr-defined]


async def test_history_puts_each_person_under_their_own_name(make_app: MakeApp, private_home: Path) -> None:
    journal = last_time(private_home)
    journal.save(make_entry(FIXED - timedelta(days=1), "swapped", names=("Jonas", "Maya"),
                            closeness=((5, 5), (2, 3))))
    journal.save(make_entry(FIXED - timedelta(hours=5), "kim", names=("Kim", "Alex"), closeness=((3, 3), (3, 3))))
    app = make_app(start="history", partners=None)
    app.workspace.remember(partners=("Maya", "Jonas"))
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HistoryScreen)
        screen = app.screen
        await until(pilot, lambda: screen.index is not None, "the journal")  # type: ignore[attr-defined]
        await pilot.pause()
        header = shown(screen.query_one("#list-header"))
        assert header.index("Maya") < header.index("Jonas")
        rows = screen.query_one(EntryList)
        kim, swapped, last = (rows.line_text(n) for n in range(3))
        assert "Kim: In between → In" in kim and "Alex: In between → In" in kim  # under their own names
        assert swapped.index("A bit apart → In between") < swapped.index("Very close → Very close")  # Maya first
        assert last.index("Far apart → A bit apart") < last.index("Very close → Close")
