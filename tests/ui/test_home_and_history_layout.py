"""The home screen's sections and the journal browser's rough edges, through Pilot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import FIXED, MIXED_DECK
from helpers import make_deck, make_entry
from rich.console import Console
from textual.widgets import Input, OptionList, Static

from reconnect_tui.core.drafts import DraftStore
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.session import CheckinSession
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.history import HistoryScreen, column_widths
from reconnect_tui.ui.screens.home import HomeScreen
from reconnect_tui.ui.screens.resume import ResumeScreen
from reconnect_tui.ui.widgets.entry_list import EntryList
from reconnect_tui.ui.widgets.entry_view import EntryView, render_entry
from uihelpers import on_screen, shown, until

MakeApp = Callable[..., ReconnectApp]
DAY = timedelta(days=1)


def a_week(home: Path) -> Journal:
    """Three check-ins this week and one long ago, with gestures and far-apart ratings."""
    journal = Journal(home / "journal")
    journal.save(make_entry(FIXED - 30 * DAY, "old", intentions=("An old gesture", "Another old one")))
    for number, days in enumerate((6, 4, 2)):
        journal.save(make_entry(FIXED - days * DAY, f"week-{number}", closeness=((1, 2), (5, 5)),
                                intentions=(f"Gesture {number} of Alex", None if number == 2 else f"Sam's {number}")))
    return journal


def an_unfinished_checkin(home: Path) -> None:
    session = CheckinSession(deck=make_deck(), partners=("Alex", "Sam"), started_at=FIXED)
    DraftStore(home / "drafts").save(session.to_dict(), FIXED)


async def ready(pilot, app: ReconnectApp) -> HomeScreen:  # type: ignore[no-untyped-def]
    await on_screen(pilot, HomeScreen)
    screen = app.screen
    assert isinstance(screen, HomeScreen)
    await until(pilot, lambda: any(w.display for w in screen.query("#home-signals")), "the signals")
    await pilot.pause()
    return screen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_home_sections_come_in_order_and_nothing_is_cut(make_app: MakeApp, private_home: Path,
                                                             size: tuple[int, int]) -> None:
    a_week(private_home)
    an_unfinished_checkin(private_home)
    app = make_app(start="home")
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot, app)
        body = screen.query_one("#home-body")
        top = {name: screen.query_one(f"#{name}").region.y + body.scroll_y
               for name in ("deck-list", "home-talks", "home-gestures", "home-signals", "care-note")}
        assert top["deck-list"] < top["home-talks"] < top["home-gestures"] < top["care-note"]
        assert top["home-signals"] < top["care-note"]
        if size[0] < 90:
            assert top["home-gestures"] < top["home-signals"]  # one column, in the order
            assert body.max_scroll_y > 0  # what does not fit scrolls
        else:
            assert top["home-signals"] == top["home-talks"]  # side by side: the room is used
            assert body.max_scroll_y == 0  # everything fits at 120x40
        body.scroll_end(animate=False)
        await pilot.pause()
        care = screen.query_one("#care-note")
        assert care.region.bottom <= screen.size.height - 1  # the care note is reached, above the footer
        assert "not therapy" in shown(care)


async def test_every_deck_shows_your_own_first(make_app: MakeApp, private_home: Path) -> None:
    decks = private_home / "decks"
    decks.mkdir(parents=True)
    (decks / "mixed.yaml").write_text(MIXED_DECK)
    (decks / "more.yaml").write_text(MIXED_DECK.replace("id: mixed", "id: more").replace("Mixed deck", "More of ours"))
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HomeScreen)
        await pilot.pause()
        deck_list = app.screen.query_one("#deck-list", OptionList)
        count = len(app.workspace.library.decks)
        assert deck_list.option_count == count and count > 12
        assert deck_list.region.height == count + 2  # every deck is a row of its own, none behind a scroll
        labels = [str(deck_list.get_option_at_index(n).prompt) for n in range(2)]
        assert all(label.endswith("· yours") for label in labels)
        assert not str(deck_list.get_option_at_index(2).prompt).endswith("· yours")


async def test_an_unfinished_check_in_is_mentioned_and_resumed(make_app: MakeApp, private_home: Path) -> None:
    an_unfinished_checkin(private_home)
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HomeScreen)
        await pilot.pause()
        assert app.screen.query_one("#home-talks").display
        text = shown(app.screen.query_one("#talk-checkin-text"))
        assert "“Test deck”" in text and "Alex and Sam" in text and "Thursday 26 November" in text
        app.screen.query_one("#resume").press()
        await on_screen(pilot, ResumeScreen)


async def test_a_damaged_draft_is_still_mentioned(make_app: MakeApp, private_home: Path) -> None:
    (private_home / "drafts").mkdir(parents=True)
    (private_home / "drafts" / "checkin.json").write_text("{")
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HomeScreen)
        await pilot.pause()
        assert "left unfinished" in shown(app.screen.query_one("#talk-checkin-text"))
    assert (private_home / "drafts" / "checkin.json").read_text() == "{"  # looked at, never moved


async def test_no_unfinished_talks_no_section(make_app: MakeApp, private_home: Path) -> None:
    a_week(private_home)
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, app)
        assert not app.screen.query_one("#home-talks").display


async def test_this_weeks_gestures_under_each_person(make_app: MakeApp, private_home: Path) -> None:
    a_week(private_home)
    app = make_app(start="home")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot, app)
        rows = [[shown(cell) for cell in row.query(Static)] for row in screen.query("#gesture-rows .home-row")]
        # Alex's from the latest check-in; Sam chose nothing then, so no older gesture is brought back.
        assert rows == [["Alex", "Gesture 2 of Alex"]]



async def test_another_couples_gestures_stay_off_this_couples_home(make_app: MakeApp, private_home: Path) -> None:
    a_week(private_home).save(make_entry(FIXED - DAY, "imported", names=("Robin", "Kim"),
                                         intentions=("Robin's surprise", "Kim's plan")))
    app = make_app(start="home")
    app.workspace.remember(partners=("Alex", "Sam"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(pilot, app)
        rows = [[shown(cell) for cell in row.query(Static)] for row in screen.query("#gesture-rows .home-row")]
        assert rows == [["Alex", "Gesture 2 of Alex"]]

# --- the journal browser ----------------------------------------------------------------


LONGEST_PAIR = len("A bit apart → A bit apart")


def test_deck_titles_have_room_at_120_columns() -> None:
    (date, deck, first, second), gap = column_widths(118)
    assert deck >= len("Small gestures and appreciation") and first == second == LONGEST_PAIR


@pytest.mark.parametrize("width", [60, 61, 64, 70, 80, 118, 200])
def test_both_ratings_are_whole_down_to_60_columns(width: int) -> None:
    widths, gap = column_widths(width)
    assert widths[2] == widths[3] == LONGEST_PAIR
    shown = [w for w in widths if w]
    assert 1 + sum(shown) + len(gap) * (len(shown) - 1) + 1 <= width  # leading space and scrollbar


async def test_history_at_60x20_keeps_the_after_rating(make_app: MakeApp, private_home: Path) -> None:
    Journal(private_home / "journal").save(make_entry(FIXED - DAY, "one", closeness=((2, 5), (2, 3))))
    app = make_app(start="history")
    async with app.run_test(size=(60, 20)) as pilot:
        await on_screen(pilot, HistoryScreen)
        await pilot.pause()
        line = app.screen.query_one(EntryList).line_text(0)
        assert "A bit apart → Very close" in line and "A bit apart → In between" in line
        assert line.startswith(" 25 Nov ")
        assert len(line) <= app.screen.query_one(EntryList).scrollable_content_region.width


async def test_history_at_120_shows_the_deck_title_whole(make_app: MakeApp, private_home: Path) -> None:
    Journal(private_home / "journal").save(
        make_entry(FIXED - DAY, "one", deck=("small-gestures", "Small gestures and appreciation")))
    app = make_app(start="history")
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HistoryScreen)
        await pilot.pause()
        assert "Small gestures and appreciation " in app.screen.query_one(EntryList).line_text(0)


def styled(renderable: object) -> str:
    console = Console(width=120, record=True, force_terminal=True, color_system="standard",
                      file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text(styles=True)


async def test_search_matches_are_marked_in_the_entry(make_app: MakeApp, private_home: Path) -> None:
    Journal(private_home / "journal").save(make_entry(FIXED - DAY, "one", answers=("A walk by the Sea", None)))
    app = make_app(start="history")
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HistoryScreen)
        await pilot.press("slash", *"sea")
        view = app.screen.query_one(EntryView)
        await until(pilot, lambda: "\x1b[7mSea" in styled(view.content), "the match to be marked")
    plain = styled(render_entry(make_entry(answers=("A walk by the Sea", None)), ("blue", "yellow")))
    assert "\x1b[7m" not in plain  # nothing is marked without a search


async def test_the_empty_journal_says_so_at_the_top(make_app: MakeApp) -> None:
    app = make_app(start="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HistoryScreen)
        await pilot.pause()
        empty = app.screen.query_one("#history-empty")
        assert empty.display and "No check-ins yet" in shown(empty)
        assert empty.region.y <= 3  # just under the list's header, not at the bottom


async def test_a_search_with_no_match_says_so_at_the_top(make_app: MakeApp, private_home: Path) -> None:
    Journal(private_home / "journal").save(make_entry(FIXED - DAY, "one"))
    app = make_app(start="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HistoryScreen)
        empty = app.screen.query_one("#history-empty")
        assert not empty.display
        app.screen.query_one("#search", Input).value = "zebra"
        await until(pilot, lambda: empty.display, "the empty note")
        assert "Nothing here matches" in shown(empty) and empty.region.y <= 3
