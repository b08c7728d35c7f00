"""The care note in the app: on the first run, before a first check-in, on home."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import FIXED
from helpers import make_entry

from reconnect_tui.core.journal import Journal
from reconnect_tui.core.wording import CARE_NOTE, READ_BY_BOTH
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.screens.home import HomeScreen
from reconnect_tui.ui.screens.names import NamesScreen
from reconnect_tui.ui.widgets.care_note import CareNote
from uihelpers import on_screen, shown

MakeApp = Callable[..., ReconnectApp]


def notes_on(screen: object) -> list[str]:
    return [shown(note) for note in screen.query(CareNote)]  # type: ignore[attr-defined]


async def test_the_first_run_says_all_of_it_before_the_names(make_app: MakeApp) -> None:
    app = make_app(partners=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, NamesScreen)
        assert notes_on(app.screen) == [CARE_NOTE]
        note = app.screen.query_one(CareNote)
        names = app.screen.query_one("#name-0")
        assert note.region.y < names.region.y, "the note comes before the names are asked"


async def test_a_first_check_in_says_both_can_read_everything(make_app: MakeApp) -> None:
    app = make_app()  # names given, so no welcome screen: the check-in itself says it
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        assert notes_on(app.screen) == [READ_BY_BOTH]
        note = app.screen.query_one(CareNote)
        assert 0 < note.region.bottom <= 24 - 3, "seen at once, not below the fold"


async def test_later_check_ins_do_not_repeat_it(make_app: MakeApp, private_home: Path) -> None:
    Journal(private_home / "journal").save(make_entry(FIXED.replace(day=20), "earlier"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        assert notes_on(app.screen) == []


async def test_home_keeps_the_whole_note_in_reach(make_app: MakeApp) -> None:
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HomeScreen)
        assert notes_on(app.screen) == [CARE_NOTE]
        note = app.screen.query_one(CareNote)
        note.scroll_visible(animate=False)
        await pilot.pause()
        assert note.virtual_size.height <= note.region.height, "scrolled to, it is whole, never cut"
