"""The check-in driven through Pilot, as a couple would, from the keyboard and mouse."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import MOMENT, fill_journal, make_entry
from textual.pilot import Pilot
from textual.widgets import Input, Select, SelectionList, TextArea

from reconnect_tui.core.config import load_config
from reconnect_tui.core.drafts import DraftStore
from reconnect_tui.core.errors import DraftError
from reconnect_tui.core.journal import Journal
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.screens.names import NamesScreen
from reconnect_tui.ui.screens.pause import PauseScreen
from reconnect_tui.ui.screens.resume import ResumeScreen
from reconnect_tui.ui.screens.save_failed import SaveFailedScreen
from reconnect_tui.ui.screens.summary import SummaryScreen
from reconnect_tui.ui.widgets.checkin_header import CheckinHeader
from reconnect_tui.ui.widgets.word_scale import WordScale
from uihelpers import on_screen, shown, until

MakeApp = Callable[..., ReconnectApp]


def checkin(pilot: Pilot) -> CheckinScreen:
    screen = pilot.app.screen
    assert isinstance(screen, CheckinScreen)
    return screen


def entries(home: Path) -> list:
    return Journal(home / "journal").load().entries


def draft(home: Path) -> dict | None:
    return DraftStore(home / "drafts").load()


async def test_first_use_asks_the_names_once_and_remembers_them(make_app: MakeApp, private_home: Path) -> None:
    app = make_app(partners=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, NamesScreen)
        await pilot.press(*"Alex", "enter")
        await pilot.press("enter")  # the second name is still missing: asked again, kindly
        assert "Two names" in shown(app.screen.query_one("#names-hint"))
        await pilot.press(*"Sam", "enter")
        await on_screen(pilot, CheckinScreen)
        assert checkin(pilot).session.partners == ("Alex", "Sam")
    assert load_config(private_home / "config.toml").config.partners == ("Alex", "Sam")


async def test_a_couple_who_gave_their_names_for_once_is_not_greeted_as_new(make_app: MakeApp,
                                                                          private_home: Path) -> None:
    # Names only ever given with --partners: nothing in the settings, but the people
    # file knows who checks in here, so a plain `reconnect checkin` starts with them.
    from reconnect_tui.core.couple import note_the_couple

    note_the_couple(Journal(private_home / "journal"), ["Maya", "Jonas"])
    app = make_app(partners=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        assert checkin(pilot).session.partners == ("Maya", "Jonas")
    assert load_config(private_home / "config.toml").config.partners is None  # still "this time only"


async def test_a_whole_check_in_from_the_keyboard(make_app: MakeApp, private_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin(pilot)
        assert app.focused.id == "closeness-0"
        await pilot.press("right", "right", "right", "tab", "right", "right")
        await pilot.press("ctrl+n")
        assert app.focused.id == "answer-0"  # focus starts in the first partner's pane
        await pilot.press(*"A quiet walk", "tab", *"Coffee in bed")
        await pilot.press("ctrl+n")
        await pilot.press("ctrl+p")  # back one step: the words are still there
        assert screen.query_one("#answer-0", TextArea).text == "A quiet walk"
        assert screen.query_one("#answer-1", TextArea).text == "Coffee in bed"
        await pilot.press("ctrl+n")
        await pilot.press(*"I wish you had seen the sunset")  # prompt 2: only Alex answers
        await pilot.press("ctrl+n")
        await pilot.press("right", "right", "right", "tab", "5")  # prompt 3 is a scale
        while not screen.session.is_last_step:
            await pilot.press("ctrl+n")
        await pilot.press(*"Thank you for dinner")
        await pilot.click("#gesture-0")
        await pilot.press("down", "down", "enter")  # past the blank line, to the first suggestion
        await pilot.pause()
        await pilot.click("#intention-1")
        await pilot.press(*"Hug at the door", "tab", "tab", "right", "right", "right", "right")  # past the suggestions
        await pilot.press("ctrl+n")  # the last step: Ctrl+N never saves, it says how to
        assert isinstance(app.screen, CheckinScreen)
        assert any("Ctrl+S" in str(note.message) for note in app._notifications)
        assert "Ctrl+S" in str(screen.query_one("#next").label)  # the button names its key
        await pilot.press("ctrl+s")
        await on_screen(pilot, SummaryScreen)
        summary = " ".join(shown(cell) for cell in app.screen.query("#summary-table Static"))
        assert "In between" in summary and "A bit apart" in summary and "Hug at the door" in summary
        await pilot.press("enter")

    (entry,) = entries(private_home)
    assert entry.deck_id == "bedtime" and entry.names == ("Alex", "Sam")
    first, second = entry.partners
    assert (first.closeness_before, second.closeness_before) == (3, 2)
    assert second.closeness_after == 4 and first.closeness_after is None
    assert first.appreciation == "Thank you for dinner"
    assert first.intention == "Send a kind message in the middle of the day"
    assert second.intention == "Hug at the door"
    answers = [[(a.status, a.value) for a in p.answers] for p in entry.prompts]
    assert answers[0] == [("answered", "A quiet walk"), ("answered", "Coffee in bed")]
    assert answers[1] == [("answered", "I wish you had seen the sunset"), ("empty", None)]  # left empty, not passed
    assert answers[2] == [("answered", 3), ("answered", 5)]
    assert all(status == "empty" for row in answers[3:] for status, _ in row)
    assert draft(private_home) is None


async def test_every_prompt_kind_has_a_fitting_widget(make_app: MakeApp, mixed_deck: str, private_home: Path) -> None:
    app = make_app(deck=mixed_deck)
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin(pilot)
        await pilot.press("ctrl+n", *"Sunshine", "ctrl+n")
        assert isinstance(screen.query_one("#answer-0"), WordScale)
        await pilot.press("4", "tab", "2", "ctrl+n")
        assert isinstance(screen.query_one("#answer-0"), SelectionList)
        await pilot.press("space", "down", "down", "space", "tab", "down", "space")
        await pilot.press("ctrl+n")
        await pilot.click("#answer-1 RadioButton")
        await pilot.press("ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
    (entry,) = entries(private_home)
    values = [[a.value for a in p.answers] for p in entry.prompts]
    assert values == [["Sunshine", None], [4, 2], [("Sleep", "Time alone"), ("A walk",)], [None, ("Tea",)]]


async def test_pass_is_a_button_and_can_be_undone(make_app: MakeApp, private_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"Something I may keep")
        await pilot.click("#pass-0")
        screen = checkin(pilot)
        assert screen.query_one("#pane-0").has_class("-passed")
        # At 80 columns, beside "Said aloud" and "Break", the shorter words are used.
        assert str(screen.query_one("#pass-0").label) == "Alex: answer"
        await pilot.click("#pass-1")
        await pilot.click("#pass-0")  # changed their mind: the words come back
        assert not screen.query_one("#pane-0").has_class("-passed")
        assert screen.query_one("#answer-0", TextArea).text == "Something I may keep"
        await pilot.press("ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
    statuses = [a.status for a in entries(private_home)[0].prompts[0].answers]
    assert statuses == ["answered", "passed"]


async def test_ctrl_s_saves_early_and_marks_what_was_not_reached(make_app: MakeApp, private_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"Just this one", "ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
    (entry,) = entries(private_home)
    assert [a.status for a in entry.prompts[0].answers] == ["answered", "empty"]
    assert {a.status for p in entry.prompts[1:] for a in p.answers} == {"not_reached"}


async def test_ctrl_q_keeps_the_draft_and_the_next_start_offers_it(make_app: MakeApp, private_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("right", "ctrl+n", *"Words worth keeping")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: not app.is_running, "the app to exit")
    saved = draft(private_home)
    assert saved is not None and saved["answers"][0][0]["value"] == "Words worth keeping"

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, ResumeScreen)
        assert again.focused.id == "resume"
        assert "prompt 1 of 7" in shown(again.screen.query_one(".dialog-text"))
        await pilot.press("enter")
        await on_screen(pilot, CheckinScreen)
        screen = checkin(pilot)
        assert screen.query_one("#answer-0", TextArea).text == "Words worth keeping"
        assert screen.session.people[0].closeness_before == 1


async def test_discarding_a_draft_asks_first(make_app: MakeApp, private_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"Draft words", "ctrl+q")
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, ResumeScreen)
        await pilot.click("#discard")
        await pilot.pause()
        assert again.focused.id == "no"  # the safe answer is the focused one
        await pilot.press("enter")
        await on_screen(pilot, ResumeScreen)
        await pilot.click("#discard")
        await pilot.click("#yes")
        await on_screen(pilot, CheckinScreen)
        assert checkin(pilot).session.answer(0, 0).value is None
    assert draft(private_home) is None  # a fresh check-in with nothing in it keeps no draft


@pytest.mark.parametrize(("choice", "journal_entries", "draft_left"), [("save", 1, False), ("draft", 0, True)])
async def test_pause_menu_save_or_keep_as_draft(
    make_app: MakeApp, private_home: Path, choice: str, journal_entries: int, draft_left: bool
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"Pause words", "escape")
        await on_screen(pilot, PauseScreen)
        await pilot.click(f"#{choice}")
        await until(pilot, lambda: not app.is_running, "the app to exit")
    assert len(entries(private_home)) == journal_entries
    assert (draft(private_home) is not None) == draft_left


async def test_pause_menu_escape_resumes_and_discard_is_confirmed(make_app: MakeApp, private_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"Going", "escape")
        await on_screen(pilot, PauseScreen)
        await pilot.press("escape")
        await on_screen(pilot, CheckinScreen)
        await pilot.press("escape")
        await on_screen(pilot, PauseScreen)
        await pilot.click("#discard")
        await pilot.click("#yes")
        await until(pilot, lambda: not app.is_running, "the app to exit")
    assert draft(private_home) is None and entries(private_home) == []


async def test_follow_up_asks_about_last_times_gestures(make_app: MakeApp, private_home: Path) -> None:
    yesterday = MOMENT - timedelta(days=1)
    Journal(private_home / "journal").save(make_entry(yesterday, intentions=("Cook together", None)))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n")
        screen = checkin(pilot)
        assert "Cook together" in shown(screen.query_one(".intention"))
        assert app.focused.id == "follow-up-0"
        await pilot.press("1", "tab", *"We made soup", "ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
    latest = Journal(private_home / "journal").latest()
    follow_up = latest.partners[0].follow_up
    assert (follow_up.intention, follow_up.result, follow_up.words) == ("Cook together", "yes", "We made soup")
    assert latest.partners[1].follow_up is None


async def test_follow_up_skips_another_couples_newer_check_in(make_app: MakeApp, private_home: Path) -> None:
    # An imported check-in of another couple is newer than the couple's own: their own
    # gesture is still asked about, and nothing of the other couple's is shown.
    journal = Journal(private_home / "journal")
    journal.save(make_entry(MOMENT - timedelta(days=2), "ours", intentions=("Cook together", None)))
    journal.save(make_entry(MOMENT - timedelta(days=1), "theirs", names=("Robin", "Kim"),
                            intentions=("Robin's secret plan", None)))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        assert checkin(pilot).session.previous_intentions == ("Cook together", None)
        await pilot.press("ctrl+n")
        assert "Cook together" in shown(checkin(pilot).query_one(".intention"))


async def test_no_follow_up_step_without_intentions(make_app: MakeApp, private_home: Path) -> None:
    fill_journal(private_home / "journal", 1)
    Journal(private_home / "journal").save(make_entry(MOMENT.replace(year=2027), "later", intentions=(None, None)))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        assert not checkin(pilot).session.has_follow_up


@pytest.mark.parametrize(("size", "stacked"), [((80, 24), True), ((60, 20), True), ((120, 40), False)])
async def test_panes_stack_on_narrow_terminals(make_app: MakeApp, size: tuple[int, int], stacked: bool) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        first, second = (checkin(pilot).query_one(f"#pane-{n}").region for n in (0, 1))
        if stacked:
            assert second.y >= first.bottom and first.width > size[0] // 2
        else:
            assert second.x >= first.right and first.y == second.y
        for selector in ("#next", "#back", "#pass-0", "#pass-1", ".prompt-text"):
            region = checkin(pilot).query_one(selector).region
            assert region.width > 0 and region.bottom <= size[1], selector


async def test_a_failed_draft_save_is_shown_and_nothing_is_lost(
    make_app: MakeApp, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        real_save = DraftStore.save

        def disk_full(self: DraftStore, session: dict, saved_at: object) -> None:
            raise DraftError(f"the draft could not be saved to {self.path}: No space left on device")

        monkeypatch.setattr(DraftStore, "save", disk_full)
        await pilot.press("ctrl+n", *"Still here")
        await pilot.pause(0.7)
        warning = checkin(pilot).query_one("#save-warning")
        assert warning.display and "No space left" in shown(warning)
        assert warning.region.y == 1  # right under the header, above the step
        monkeypatch.setattr(DraftStore, "save", real_save)
        await pilot.press("!")
        await pilot.pause(0.7)
        assert not warning.display
    assert draft(private_home)["answers"][0][0]["value"] == "Still here!"


async def test_quitting_when_the_draft_cannot_be_saved_asks_first(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)

        def read_only(self: DraftStore, session: dict, saved_at: object) -> None:
            raise DraftError("the draft could not be saved: Read-only file system")

        monkeypatch.setattr(DraftStore, "save", read_only)
        await pilot.press("ctrl+n", *"Precious", "ctrl+q")
        await pilot.pause()
        assert app.is_running and "could not be saved" in shown(app.screen.query_one(".dialog-title"))
        await pilot.press("enter")  # "Stay" is focused
        await on_screen(pilot, CheckinScreen)
        assert checkin(pilot).query_one("#answer-0", TextArea).text == "Precious"


async def test_a_full_disk_at_save_offers_retry_and_a_copy_elsewhere(
    make_app: MakeApp, private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        real_save = Journal.save

        def disk_full(self: Journal, entry: object) -> Path:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(Journal, "save", disk_full)
        await pilot.press("ctrl+n", *"Do not lose me", "ctrl+s", "enter")
        await on_screen(pilot, SaveFailedScreen)
        assert "No space left" in shown(app.screen.query_one(".dialog-text"))
        await pilot.click("#back")
        await on_screen(pilot, CheckinScreen)
        assert checkin(pilot).query_one("#answer-0", TextArea).text == "Do not lose me"

        await pilot.press("ctrl+s", "enter")
        await on_screen(pilot, SaveFailedScreen)
        copy = tmp_path / "rescued.json"
        app.screen.query_one("#copy-path", Input).value = str(copy)
        await pilot.click("#copy")
        await on_screen(pilot, SummaryScreen)
        assert "rescued.json" in shown(app.screen.query_one(".where"))
        monkeypatch.setattr(Journal, "save", real_save)
    rescued = json.loads(copy.read_text())["entries"][0]
    assert rescued["prompts"][0]["answers"][0]["answer"] == "Do not lose me"
    assert oct(copy.stat().st_mode & 0o777) == oct(0o600)


async def test_retry_after_space_is_freed_saves(make_app: MakeApp, private_home: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"Kept")

        def disk_full(self: Journal, entry: object) -> Path:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(Journal, "save", disk_full)
        await pilot.press("ctrl+s", "enter")
        await on_screen(pilot, SaveFailedScreen)
        monkeypatch.undo()  # space was freed
        await pilot.click("#retry")
        await on_screen(pilot, SummaryScreen)
    assert [a.value for a in entries(private_home)[0].prompts[0].answers][0] == "Kept"


async def test_a_draft_that_cannot_be_read_is_kept_aside_and_a_new_check_in_starts(
    make_app: MakeApp, private_home: Path
) -> None:
    drafts = private_home / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "checkin.json").write_text('{"draft_version": 1, "session": {"deck": ')
    app = make_app()
    notes: list[str] = []
    app.notify = lambda message, **kwargs: notes.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
    (kept,) = drafts.glob("checkin.unreadable-*.json")
    assert kept.read_text().startswith('{"draft_version": 1')
    assert any(str(kept) in note for note in notes)


async def test_a_draft_that_does_not_fit_its_deck_is_kept_aside(make_app: MakeApp, private_home: Path) -> None:
    drafts = private_home / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "checkin.json").write_text('{"draft_version": 1, "session": {"deck": {}}}')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
    assert len(list(drafts.glob("checkin.unreadable-*.json"))) == 1


async def test_resuming_a_draft_whose_entry_was_saved_does_not_save_twice(
    make_app: MakeApp, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"Only once")
        screen = checkin(pilot)
        screen.keeper.save_now()
        Journal(private_home / "journal").save(screen.session.finish(screen.clock()))  # saved, draft left behind
    saved_id = screen.session.entry_id
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        # Not offered as unfinished: it is in the journal; the leftover is removed.
        await on_screen(pilot, CheckinScreen)
        assert checkin(pilot).session.entry_id != saved_id
        assert draft(private_home) is None
    assert [e.id for e in entries(private_home)] == [saved_id]


async def test_the_theme_choice_is_remembered(make_app: MakeApp, private_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        app.theme = "nord"
        await pilot.pause()
    assert load_config(private_home / "config.toml").config.theme == "nord"
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        assert again.theme == "nord"


async def test_the_palette_has_no_screenshot_and_its_quit_keeps_the_draft(make_app: MakeApp, private_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Quit" in titles
        await pilot.press("ctrl+n", *"Palette words")
        quit_command = next(c for c in app.get_system_commands(app.screen) if c.title == "Quit")
        await quit_command.callback()
        await until(pilot, lambda: not app.is_running, "the app to exit")
    assert draft(private_home)["answers"][0][0]["value"] == "Palette words"


async def test_select_suggestion_fills_the_gesture(make_app: MakeApp, private_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin(pilot)
        while not screen.session.is_last_step:
            await pilot.press("ctrl+n")
        screen.query_one("#gesture-1", Select).value = screen.session.gestures[2]
        await pilot.pause()
        assert screen.query_one("#intention-1", Input).value == screen.session.gestures[2]
        assert screen.session.people[1].intention == screen.session.gestures[2]


async def test_a_long_deck_title_gives_way_to_the_timer_on_a_narrow_terminal(make_app: MakeApp, private_home: Path) -> None:
    (private_home / "decks").mkdir(parents=True)
    (private_home / "decks" / "long.yaml").write_text(
        "version: 1\ndecks:\n  - id: long\n    title: A very long title for a deck [b]that[/b] says a great deal\n"
        "    description: Long.\n    minutes: 10\n    mode: open\n    prompts:\n      - id: one\n        text: What was good?\n",
        encoding="utf-8")
    app = make_app(deck="long")
    async with app.run_test(size=(40, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.pause()
        header = checkin(pilot).query_one(CheckinHeader)
        line = header.render_line(0).text
        assert line.rstrip().endswith("just started · about 10 min"), line
        assert line.lstrip().startswith("A very") and "…" in line and "[b]" not in line, line
        assert len(line) <= 40


async def test_the_gentle_timer_follows_the_clock_and_never_stops_anyone(make_app: MakeApp, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app(minutes=20)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        header = checkin(pilot).query_one(CheckinHeader)
        assert header.timer == "just started · about 20 min" and header.timer in shown(header)
        clock.advance(minutes=7)
        header.refresh_timer()
        assert header.timer == "7 min of about 20 min" and header.timer in shown(header)
        clock.advance(minutes=30)
        header.refresh_timer()
        assert header.timer == "37 min · no rush" and header.timer in shown(header)
        await pilot.press("ctrl+n")
        assert checkin(pilot).session.step.prompt_index == 0  # still going


async def test_no_color_is_honoured(make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"Plain words")
        assert checkin(pilot).query_one("#answer-0", TextArea).text == "Plain words"


async def test_keys_typed_in_one_burst_before_moving_on_are_all_kept(make_app: MakeApp, private_home: Path) -> None:
    """Keys that arrive together (a fast typist, a paste, a slow link) must all land."""
    from textual import events

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n")
        driver = app._driver

        def burst(*keys: str) -> None:
            for key in keys:
                driver.send_message(events.Key(key, key if len(key) == 1 else None))

        burst(*"hello", "ctrl+n")
        await until(pilot, lambda: checkin(pilot).session.prompt_number() == (2, 7), "the second prompt")
        burst(*"second", "ctrl+n", *"late")  # "late" follows Ctrl+N within the same burst
        await until(pilot, lambda: checkin(pilot).session.prompt_number() == (3, 7), "the third prompt")
        burst("ctrl+s")
        await pilot.pause(0.2)
        await pilot.press("enter")  # yes, save now
        await on_screen(pilot, SummaryScreen)
        await pilot.pause(0.7)  # longer than the autosave: a late message must not revive the draft
    entry = entries(private_home)[0]
    assert entry.prompts[0].answers[0].value == "hello"
    assert entry.prompts[1].answers[0].value.startswith("second")
    every_word = " ".join(str(a.value) for p in entry.prompts for a in p.answers)
    assert "late" in every_word  # it lands with the pane that had focus when it was typed
    assert draft(private_home) is None


async def test_quitting_with_nothing_written_keeps_no_draft(make_app: MakeApp, private_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", "ctrl+q")
        await until(pilot, lambda: not app.is_running, "the app to exit")
    assert draft(private_home) is None
    assert app.farewell == "Nothing was written yet, so there was no draft to keep."


async def test_names_with_brackets_are_shown_as_typed(make_app: MakeApp, private_home: Path) -> None:
    app = make_app(partners=("Jo[/b]", "Al [x]"))
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"fine", "ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
        names = [shown(cell) for cell in app.screen.query(".summary-name")]
        assert names == ["Jo[/b]", "Al [x]"]
    assert entries(private_home)[0].names == ("Jo[/b]", "Al [x]")


@pytest.mark.parametrize(("size", "tall"), [((80, 24), False), ((120, 40), True)])
async def test_a_tall_terminal_gives_the_arriving_step_the_middle_and_taller_words(
    make_app: MakeApp, size: tuple[int, int], tall: bool
) -> None:
    from reconnect_tui.ui.widgets.word_scale import WordScale

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.pause()
        scale = app.screen.query_one("#closeness-0", WordScale)
        rows = [scale.render_line(y).text for y in range(scale.region.height)]
        words = ["Far apart" in row for row in rows]
        assert words == ([False, True, False] if tall else [True])  # the words in the middle row
        top, bottom = scale.region.y, size[1] - scale.region.bottom
        if tall:  # neither crowded at the top nor pushed to the bottom of an empty screen
            assert top > 10 and bottom > 8, (top, bottom)
