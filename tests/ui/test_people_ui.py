"""The swapped-order couple, through Pilot: the follow-up and history follow the person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from conftest import FIXED
from helpers import make_entry

from textual.widgets import Checkbox, Static

from reconnect_tui.core.entry import FollowUp
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.people import PeopleStore
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.screens.history import HistoryScreen
from reconnect_tui.ui.screens.summary import SummaryScreen
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


async def test_a_gesture_not_happened_yet_is_carried_on(make_app: MakeApp, private_home: Path, clock) -> None:  # type: ignore[no-untyped-def]
    journal = last_time(private_home)
    app = make_app(partners=("Jonas", "Maya"))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n")
        screen = app.screen
        carry = screen.query_one("#carry-0", Checkbox)
        assert app.focused.id == "follow-up-0" and not carry.display  # asked only once it has not happened
        await pilot.press("3")  # Not yet
        assert carry.display and not carry.value
        await pilot.press("tab", "tab", "space")
        assert carry.value
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not screen, "the question")
        await pilot.press("enter")
        await on_screen(pilot, SummaryScreen)
    people = PeopleStore(private_home / "journal")
    saved = journal.latest()
    assert saved is not None and saved.id != "last"
    jonas, maya = saved.partners
    assert jonas.person_id == people.find("Jonas").id and maya.person_id == people.find("Maya").id  # type: ignore[union-attr]
    assert jonas.follow_up == FollowUp("Jonas's walk", "not_yet", None, carried=True)
    assert maya.follow_up is not None and not maya.follow_up.carried

    clock.advance(hours=2)
    home = make_app(start="home", partners=None)
    async with home.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(home.screen.query("#gesture-rows .home-row")), "this week's gestures")
        rows = [[shown(cell) for cell in row.query(Static)] for row in home.screen.query("#gesture-rows .home-row")]
        assert rows == [["Jonas", "Jonas's walk (carried on from before)"]]

    again = make_app(partners=("Maya", "Jonas"))
    async with again.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        assert again.screen.session.previous_intentions == (None, "Jonas's walk")  # type: ignore[attr-defined]
        await pilot.press("ctrl+n")
        assert "Jonas's walk" in shown(again.screen.query_one(".intention"))
