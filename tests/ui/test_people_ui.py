"""The swapped-order couple, through Pilot: the follow-up and history follow the person."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from conftest import FIXED
from helpers import make_entry

import pytest
from rich.style import Style
from textual.color import Color
from textual.widgets import Checkbox, Input, Static

from reconnect_tui.core.config import load_config
from reconnect_tui.core.entry import FollowUp
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.people import PeopleStore
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.screens.history import HistoryScreen
from reconnect_tui.ui.screens.rename import RenameScreen
from reconnect_tui.ui.screens.summary import SummaryScreen
from reconnect_tui.ui.widgets.entry_list import EntryList
from reconnect_tui.ui.widgets.entry_view import EntryView, partner_colours
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
        await pilot.press("down")  # the swapped check-in, in full: Maya's side first too
        await pilot.pause()
        view = shown(screen.query_one(EntryView))
        assert view.index("Maya") < view.index("Jonas")
        assert view.index("A bit apart → In between") < view.index("Very close → Very close")


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
        def rows() -> list[list[str]]:
            return [[shown(cell) for cell in row.query(Static)] for row in home.screen.query("#gesture-rows .home-row")]

        await until(pilot, lambda: rows() == [["Jonas", "Jonas's walk (carried on from before)"]], "the carried gesture")

    again = make_app(partners=("Maya", "Jonas"))
    async with again.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        assert again.screen.session.previous_intentions == (None, "Jonas's walk")  # type: ignore[attr-defined]
        await pilot.press("ctrl+n")
        assert "Jonas's walk" in shown(again.screen.query_one(".intention"))


def maya_and_jonas(home: Path) -> tuple[str, str]:
    """The people file knows both; their colours, Maya's first."""
    people = PeopleStore(home / "journal")
    maya, jonas = people.find_or_add("Maya"), people.find_or_add("Jonas")
    return maya.colour, jonas.colour


@pytest.mark.parametrize("order", [("Maya", "Jonas"), ("Jonas", "Maya")])
async def test_a_persons_colour_does_not_depend_on_their_seat(make_app: MakeApp, private_home: Path,
                                                            order: tuple[str, str]) -> None:
    colours = dict(zip(("Maya", "Jonas"), maya_and_jonas(private_home), strict=True))
    app = make_app(partners=order)
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = app.screen
        assert app.seats == (colours[order[0]], colours[order[1]])
        titles = {name: screen.query_one(f"#pane-{seat}").styles.border_title_color for seat, name in enumerate(order)}
        expected = {name: Color.parse(app.colour_variables[f"person-{colours[name]}"]) for name in order}
        assert titles == expected
        assert titles["Maya"] != titles["Jonas"]


async def test_new_names_take_their_colour_at_once(make_app: MakeApp, private_home: Path) -> None:
    app = make_app(partners=("Noor", "Ira"))  # nobody in the people file yet: added as the check-in begins
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        people = PeopleStore(private_home / "journal")
        noor, ira = people.find("Noor"), people.find("Ira")
        assert noor is not None and ira is not None
        assert app.seats == (noor.colour, ira.colour)
        title = app.screen.query_one("#pane-1").styles.border_title_color
        assert title == Color.parse(app.colour_variables[f"person-{ira.colour}"])


async def test_history_home_and_appreciations_colour_each_person_as_their_own(make_app: MakeApp,
                                                                              private_home: Path) -> None:
    maya_colour, jonas_colour = maya_and_jonas(private_home)
    journal = last_time(private_home)  # Maya first
    journal.save(make_entry(FIXED - timedelta(days=1), "swapped", names=("Jonas", "Maya"), intentions=("Tea", "Walk")))
    app = make_app(start="history", partners=("Maya", "Jonas"))
    app.workspace.remember(partners=("Maya", "Jonas"))
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HistoryScreen)
        screen = app.screen
        await until(pilot, lambda: screen.index is not None, "the journal")  # type: ignore[attr-defined]
        maya, jonas = app.person_colour(maya_colour), app.person_colour(jonas_colour)
        by_order = {entry.id: partner_colours(app, entry, screen.who) for entry in screen.shown}  # type: ignore[attr-defined]
        assert by_order["last"] == (maya, jonas) and by_order["swapped"] == (jonas, maya)
        header = screen.query_one("#list-header", Static).render()
        def looks(style: object) -> tuple:  # type: ignore[type-arg]
            parsed = Style.parse(str(style))
            return (parsed.bold, parsed.color.get_truecolor() if parsed.color else None)

        styles = {header.plain[span.start:span.end].strip(): looks(span.style) for span in header.spans}
        assert styles == {"Maya": looks(f"bold {maya}"), "Jonas": looks(f"bold {jonas}")}
        await pilot.press("p")
        await until(pilot, lambda: len(app.screen.query(".appreciation-who")) == 2, "the appreciations")
        said = {shown(row).split(" to ")[0]: row for row in app.screen.query(".appreciation-who")}
        assert said["Jonas"].has_class(f"person-{jonas_colour}") and said["Maya"].has_class(f"person-{maya_colour}")

    home = make_app(start="home", partners=None)
    async with home.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: len(home.screen.query(".gesture-name")) == 2, "this week's gestures")
        shown_names = [shown(cell) for cell in home.screen.query(".gesture-name")]
        assert shown_names == ["Maya", "Jonas"]  # the couple's own order, though Jonas sat first last time
        names = {shown(cell): cell for cell in home.screen.query(".gesture-name")}
        assert names["Jonas"].has_class(f"person-{jonas_colour}") and names["Maya"].has_class(f"person-{maya_colour}")


async def test_a_name_is_changed_from_home(make_app: MakeApp, private_home: Path) -> None:
    last_time(private_home)
    maya_and_jonas(private_home)
    app = make_app(start="home", partners=None)
    app.workspace.remember(partners=("Maya", "Jonas"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(app.screen.query(".gesture-name")), "this week's gestures")
        await pilot.press("n")
        await on_screen(pilot, RenameScreen)
        dialog = app.screen
        await pilot.press("tab", *"jonas", "enter")  # someone else's name: said, and nothing changes
        assert "already the name of someone else" in shown(dialog.query_one("#rename-problem"))
        assert app.screen is dialog
        new_name = dialog.query_one("#new-name", Input)
        new_name.value = ""
        await pilot.press(*"May\x07 ", *"a" * 30)  # a control character goes; at most 20 characters are taken
        assert len(new_name.value) == 20
        new_name.value = " Ma\x1b[1my  "
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is not dialog, "the dialog to close")
        await until(pilot, lambda: "Ma[1my" in [shown(c) for c in app.screen.query(".gesture-name")], "the new name")
    people = PeopleStore(private_home / "journal")
    maya = people.find("Maya")
    assert maya is not None and maya.names == ("Ma[1my", "Maya")
    assert load_config(private_home / "config.toml").config.partners == ("Ma[1my", "Jonas")
    assert Journal(private_home / "journal").load().entries[0].partners[0].name == "Maya"  # the past as it was


async def test_rename_starts_on_whose_name_where_left_and_right_choose(make_app: MakeApp, private_home: Path) -> None:
    maya_and_jonas(private_home)
    app = make_app(start="home", partners=None)
    app.workspace.remember(partners=("Maya", "Jonas"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await on_screen(pilot, RenameScreen)
        dialog = app.screen
        assert "← → choose" in shown(dialog.query_one(".field-label.first"))
        assert app.focused is dialog.query_one("#whose")
        await pilot.press("right", "tab", *"Jo", "enter")  # the second name, the new one, Enter keeps it
        await until(pilot, lambda: app.screen is not dialog, "the dialog to close")
    assert [p.names for p in PeopleStore(private_home / "journal").people] == [("Maya",), ("Jo", "Jonas")]


async def test_rename_picks_whose_name_and_can_be_cancelled(make_app: MakeApp, private_home: Path) -> None:
    maya_and_jonas(private_home)
    app = make_app(start="home", partners=None)
    app.workspace.remember(partners=("Maya", "Jonas"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click("#rename")
        await on_screen(pilot, RenameScreen)
        await pilot.press("right")  # whose name: the second
        await pilot.click("#new-name")
        await pilot.press(*"Jo")
        await pilot.click("#change")
        await until(pilot, lambda: not isinstance(app.screen, RenameScreen), "the dialog to close")
        await pilot.press("n")
        await on_screen(pilot, RenameScreen)
        await pilot.press("tab", *"Someone", "escape")
        await until(pilot, lambda: not isinstance(app.screen, RenameScreen), "the dialog to close")
    assert [p.names for p in PeopleStore(private_home / "journal").people] == [("Maya",), ("Jo", "Jonas")]


async def test_nothing_to_rename_before_the_first_check_in(make_app: MakeApp) -> None:
    app = make_app(start="home", partners=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, RenameScreen)
        assert any("nothing to change yet" in str(n.message) for n in app._notifications)


async def test_who_goes_first_alternates_between_the_people_not_the_seats(make_app: MakeApp) -> None:
    async def first_to_answer(partners: tuple[str, str]) -> str:
        app = make_app(partners=partners)
        async with app.run_test(size=(80, 24)) as pilot:
            await on_screen(pilot, CheckinScreen)
            first = partners[app.screen.session.first_seat]  # type: ignore[attr-defined]
            await pilot.press("ctrl+n", *"Fine", "ctrl+s", "enter")
            await on_screen(pilot, SummaryScreen)
        return first

    assert await first_to_answer(("Maya", "Jonas")) == "Maya"
    # Given the other way round, the names would put Maya first again by seat: it is Jonas's turn.
    assert await first_to_answer(("Jonas", "Maya")) == "Jonas"
    assert await first_to_answer(("Maya", "Jonas")) == "Maya"


async def test_history_without_remembered_names_keeps_the_couple_who_checks_in_here(
        make_app: MakeApp, private_home: Path) -> None:
    from reconnect_tui.core.couple import note_the_couple

    journal = Journal(private_home / "journal")
    people = PeopleStore(journal.root)
    note_the_couple(journal, ["Maya", "Jonas"])
    people.rename(people.find("Maya").id, "May")  # type: ignore[union-attr]
    journal.save(make_entry(FIXED - timedelta(days=3), "ours", names=("Maya", "Jonas")))
    journal.save(make_entry(FIXED - timedelta(days=1), "imported", names=("Robin", "Kim")))
    app = make_app(start="history", partners=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HistoryScreen)
        screen = app.screen
        await until(pilot, lambda: screen.complete, "the whole journal")  # type: ignore[attr-defined]
        assert screen.names == ("May", "Jonas")  # type: ignore[attr-defined]
