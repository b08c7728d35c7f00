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


async def test_home_notices_passing_without_quoting_the_question(make_app: MakeApp, private_home: Path) -> None:
    from datetime import timedelta

    from uihelpers import until

    journal = Journal(private_home / "journal")
    for number in range(5):  # the second partner passes the same question each time
        journal.save(make_entry(FIXED - timedelta(days=5 - number), f"p{number}", intentions=(None, None)))
    app = make_app(start="home")
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HomeScreen)
        from textual.widgets import Button, Static

        section = app.screen.query_one("#home-signals")

        def signals() -> str:  # the signal's words and the button that starts its deck
            return " ".join([shown(w) for w in section.query(Static)] + [str(b.label) for b in section.query(Button)])

        await until(pilot, lambda: "passed a few times" in signals(), "the signals")
        assert "What made you smile" not in signals()
        assert "Play" in signals(), "a lighter deck"


async def test_the_summary_after_a_lower_now_and_a_repair_talk(make_app: MakeApp) -> None:
    from reconnect_tui.ui.screens.summary import SummaryScreen

    entry = make_entry(FIXED, "lower", closeness=((4, 3), (3, 3)), deck=("repair", "Repairing a hurt"))
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HomeScreen)
        await app.push_screen(SummaryScreen(entry, "Kept.", 30, on_done=lambda: None))
        await on_screen(pilot, SummaryScreen)
        assert "normal" in shown(app.screen.query_one("#lower-now"))
        assert "when you both feel ready" in shown(app.screen.query_one("#next-time"))
        steady = make_entry(FIXED, "steady", closeness=((3, 4), (3, 3)))
        await app.push_screen(SummaryScreen(steady, "Kept.", 10, on_done=lambda: None))
        await pilot.pause()
        assert not app.screen.query("#lower-now")
        assert "Tomorrow" in shown(app.screen.query_one("#next-time"))
