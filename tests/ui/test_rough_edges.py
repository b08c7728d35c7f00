"""The rough edges of the first hour: each one reproduced, then kept fixed."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.geometry import Region
from textual.widgets import TextArea

from reconnect_tui.core.drafts import DraftStore
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.widgets.control_button import ControlButton
from uihelpers import on_screen, until

MakeApp = Callable[..., ReconnectApp]


def checkin_of(app: ReconnectApp) -> CheckinScreen:
    screen = app.screen
    assert isinstance(screen, CheckinScreen)
    return screen


async def test_an_answer_area_that_has_left_the_screen_draws_nothing(make_app: MakeApp) -> None:
    """The root of the Ctrl+P crash: a step's old text area drawn after it was removed.

    Each step is built afresh; an update queued by the old area a moment before
    (a key typed just before Ctrl+P) can make Textual draw it from its last layout
    once it is detached. Transparent and cut off from the screen, it had no
    background, and textual-dark has no surface colour to fall back on: Textual's
    text-area theme failed `base_style.bgcolor is None` and the app ended.
    """
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        assert app.theme == "textual-dark"
        await pilot.press("ctrl+n", *"words", "tab", *"more")
        old = checkin_of(app).query_one("#answer-1", TextArea)
        await pilot.press("ctrl+p")
        assert not old.is_attached
        lines = old.render_lines(Region(0, 0, 30, 4))  # raised AssertionError before the fix
        assert len(lines) == 4 and all(line.cell_length == 30 for line in lines)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_stepping_back_and_forth_while_typing_never_ends_the_app(make_app: MakeApp, size) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+P and Ctrl+N in quick bursts with typing between them, many times over."""
    app = make_app(deck="noticing-drift", mode="open")  # seven prompts, all written side by side
    chance = random.Random(7)
    typed = 0
    async with app.run_test(size=size) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin_of(app)
        await pilot.press("ctrl+n")
        await pilot.press(*"xx", "ctrl+n", *"yy", "ctrl+n", *"zz", "ctrl+n")  # on prompt 4 of 7
        driver = app._driver
        assert driver is not None
        for _ in range(12):
            keys: list[str] = []
            for move in ["ctrl+p"] * 3 + ["ctrl+n"] * 3:
                letters = chance.choice(["", "a", "bc", "def"])
                typed += len(letters)
                keys += [*letters, move]
            for key in keys:
                driver.send_message(events.Key(key, key if len(key) == 1 else None))
            await pilot.pause(chance.choice([0, 0.01, 0.05]))
        await until(pilot, lambda: screen.session.prompt_number() == (4, 7) and not screen._changing_step,
                    "the bursts to settle on prompt 4")
        await pilot.pause(0.3)
        assert app.is_running and app._exception is None
        assert screen.query_one("#answer-0", TextArea).is_attached
        session = screen.session
        written = "".join(str(session.answer(i, p).value or "")
                          for i in range(len(session.deck.prompts)) for p in (0, 1))
    assert app._exception is None
    assert sum(written.count(letter) for letter in "abcdef") == typed  # no key lost on the way


async def test_an_unexpected_error_keeps_the_draft_and_says_so_in_one_line(
    make_app: MakeApp, private_home: Path
) -> None:
    app = make_app()
    with pytest.raises(ZeroDivisionError):  # the test still sees the bug itself
        async with app.run_test(size=(80, 24)) as pilot:
            await on_screen(pilot, CheckinScreen)
            await pilot.press("ctrl+n", *"Words to keep")

            def broken() -> None:
                1 / 0  # noqa: B018 - stands for any bug in a handler

            checkin_of(app).call_next(broken)
            await until(pilot, lambda: not app.is_running, "the app to close")
    assert app.return_code == 1
    assert app._exit_renderables == []  # no traceback printed on the terminal
    assert app.farewell is not None and "\n" not in app.farewell
    assert "ZeroDivisionError" in app.farewell and "kept as a draft" in app.farewell
    kept = DraftStore(private_home / "drafts").load()
    assert kept is not None and "Words to keep" in str(kept)


async def test_a_key_still_queued_when_the_last_screen_has_gone_is_let_go(make_app: MakeApp) -> None:
    """Keys sent in a burst can outlive the screens as the app closes; Textual would
    look for a screen to hand them to and end in ScreenStackError."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        stack = app._screen_stack[:]
        app._screen_stack.clear()  # the moment after the last screen left, before the app ends
        try:
            await app.on_event(events.Key("a", "a"))
        finally:
            app._screen_stack[:] = stack
        assert app._exception is None


async def test_ctrl_c_with_nothing_selected_says_it_copies_and_how_to_stop(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"hello", "ctrl+c")
        await pilot.pause()
        said = [str(note.message) for note in app._notifications]
        assert any("copies selected text" in message and "Ctrl+Q" in message for message in said)
        assert not any("Do you want to quit" in str(note.title) for note in app._notifications)
        assert app.is_running


LONG = ("Maximiliana Josefine", "Bartholomew Augustus")  # twenty characters each, the limit


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_control_stays_on_screen_with_long_names_and_both_passed(make_app: MakeApp, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(partners=LONG)
    async with app.run_test(size=size) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin_of(app)
        await pilot.press("ctrl+n")
        await pilot.click("#pass-0")
        await pilot.click("#pass-1")
        await pilot.pause()
        for button in screen.query("#controls ControlButton").results(ControlButton):
            if not button.display:
                continue
            region = button.region
            label = button.label.plain
            assert region.width >= len(label) + 2, f"{label!r} is clipped to {region.width} columns"
            assert region.right <= size[0] and region.bottom <= size[1], f"{label!r} is off screen"
        labels = [screen.query_one(f"#pass-{p}", ControlButton).label.plain for p in (0, 1)]
        assert labels[0].startswith(f"{LONG[0]}: answer") and labels[1].startswith(f"{LONG[1]}: answer")
        for partner in (0, 1):  # the pane titles carry the whole name, never cut
            assert str(screen.query_one(f"#pane-{partner}").border_title) == LONG[partner]


async def test_the_export_dialog_proposes_the_reconnect_home_folder(make_app: MakeApp, private_home: Path,
                                                                     tmp_path: Path) -> None:
    from helpers import make_entry
    from textual.widgets import Input

    from reconnect_tui.ui.screens.export import ExportScreen

    app = make_app(start="history")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ExportScreen([make_entry()], app.clock()))
        await pilot.pause()
        proposed = Path(app.screen.query_one("#export-path", Input).value)
        assert proposed.parent == private_home  # everything in one folder: the export goes there too
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "missing" / "out.md")
        await pilot.press("enter")
        await pilot.pause()
        assert "there is no folder" in str(app.screen.query_one("#export-result").render())
        assert not (tmp_path / "missing").exists()


async def test_since_last_time_names_the_one_who_chose_a_gesture(make_app: MakeApp, private_home: Path) -> None:
    from helpers import make_entry

    from reconnect_tui.core.journal import Journal

    Journal(private_home / "journal").save(make_entry(intentions=("Send a kind message", None)))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n")
        lead = str(checkin_of(app).query_one(".step-lead").render())
        assert "Last time Alex chose a small gesture" in lead and "each" not in lead


async def test_the_summary_gives_back_the_appreciations_and_says_where_in_words(
    make_app: MakeApp, private_home: Path
) -> None:
    from reconnect_tui.ui.screens.summary import SummaryScreen
    from uihelpers import shown

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin_of(app)
        while not screen.session.is_last_step:
            await pilot.press("ctrl+n")
        await pilot.press(*"Your patience this week")
        await pilot.press("ctrl+s")
        await on_screen(pilot, SummaryScreen)
        table = " ".join(shown(cell) for cell in app.screen.query("#summary-table Static"))
        assert "Your patience this week" in table and "Appreciated" in table
        where = shown(app.screen.query_one(".where"))
        entry_id = screen.session.finish(screen.clock()).id
        assert "journal folder" in where and entry_id not in where and ".json" not in where


async def test_the_closing_step_labels_every_field_and_shows_a_gesture_once(make_app: MakeApp) -> None:
    from textual.widgets import Input, Label, Select

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin_of(app)
        while not screen.session.is_last_step:
            await pilot.press("ctrl+n")
        box = screen.query_one("#pane-0")
        labels = [str(label.render()) for label in box.query(Label)]
        assert labels == ["Something you appreciate about Sam", "One small gesture for the coming days",
                          "How close do you feel now?"]
        assert "Close now" not in " ".join(labels)
        gesture = screen.session.gestures[1]
        screen.query_one("#gesture-0", Select).value = gesture
        await pilot.pause()
        assert screen.query_one("#intention-0", Input).value == gesture
        assert screen.query_one("#gesture-0", Select).is_blank()  # shown once: in the field, not also in the list
        assert screen.session.people[0].intention == gesture


async def test_typing_on_a_scale_says_where_typing_goes(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        assert app.focused.id == "closeness-0"
        await pilot.press(*"hello")
        titles = [str(note.title) for note in app._notifications]
        assert titles.count("This one is chosen, not typed") == 1  # said once, not five times
        await pilot.press("3")  # a number still chooses, quietly
        assert checkin_of(app).session.people[0].closeness_before == 3
