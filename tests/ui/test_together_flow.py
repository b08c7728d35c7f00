"""Blind and turns check-ins through Pilot: nothing private is drawn early, turns are recorded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from reconnect_tui.core.journal import Journal
from reconnect_tui.core.together import Phase
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.screens.home import HomeScreen
from reconnect_tui.ui.screens.resume import ResumeScreen
from reconnect_tui.ui.screens.summary import SummaryScreen
from reconnect_tui.ui.screens.together_dialogs import BreakScreen, ChoiceScreen
from uihelpers import on_screen, shown, until

MakeApp = Callable[..., ReconnectApp]
SECRET = "Zebracornflower42"  # one word, so it is found in an SVG too


def checkin(pilot: Pilot) -> CheckinScreen:
    screen = pilot.app.screen
    assert isinstance(screen, CheckinScreen)
    return screen


def screen_text(pilot: Pilot) -> str:
    """Everything the current screen holds as text: statics, text areas, inputs, labels."""
    parts = []
    for widget in pilot.app.screen.query("*"):
        if isinstance(widget, TextArea):
            parts.append(widget.text)
        elif isinstance(widget, Input):
            parts.append(widget.value)
        elif isinstance(widget, Static):
            parts.append(shown(widget))
        if widget.border_title:
            parts.append(str(widget.border_title))
    return "\n".join(parts)


def never_shown(pilot: Pilot, phrase: str) -> None:
    assert phrase not in screen_text(pilot)
    assert phrase not in pilot.app.export_screenshot()


async def phase(pilot: Pilot, wanted: Phase) -> None:
    await until(pilot, lambda: checkin(pilot).session.phase is wanted, wanted.value)


def entries(home: Path) -> list:
    return Journal(home / "journal").load().entries


async def test_a_blind_prompt_never_draws_the_other_answer_until_the_reveal(
    make_app: MakeApp, together_deck: str, private_home: Path
) -> None:
    app = make_app(deck=together_deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin(pilot)
        # Arriving: ratings are private in a blind check-in.
        await phase(pilot, Phase.HANDOVER)
        assert "Alex's turn" in screen_text(pilot) and "Sam, please look away" in screen_text(pilot)
        await pilot.press("enter")
        await phase(pilot, Phase.PRIVATE)
        assert screen.query("#private-closeness-0") and not screen.query("#private-closeness-1")
        await pilot.press("2", "ctrl+n")
        await phase(pilot, Phase.HANDOVER)
        await pilot.press("enter")
        await phase(pilot, Phase.PRIVATE)
        assert not screen.query("#private-closeness-0") and screen.query("#private-closeness-1")
        assert "A bit apart" not in screen_text(pilot).replace("A bit apart", "", 1)  # only Sam's own scale
        await pilot.press("4", "ctrl+n")
        await phase(pilot, Phase.READY)
        assert screen.session.people[0].closeness_before == 2 and screen.session.people[1].closeness_before == 4
        await pilot.press("ctrl+r")
        await phase(pilot, Phase.REVEALED)
        await pilot.press("ctrl+n")
        # The blind prompt: Alex writes a phrase nobody else may see before the reveal.
        await phase(pilot, Phase.HANDOVER)
        await pilot.press("enter")
        await phase(pilot, Phase.PRIVATE)
        assert screen.query("#answer-0") and not screen.query("#answer-1")
        await pilot.press(*SECRET, "ctrl+n")
        await phase(pilot, Phase.HANDOVER)
        never_shown(pilot, SECRET)
        assert "Sam's turn" in screen_text(pilot)
        await pilot.press("enter")
        await phase(pilot, Phase.PRIVATE)
        never_shown(pilot, SECRET)
        assert not screen.query("#answer-0"), "the other partner's text area is not in the screen at all"
        assert "Answered. It stays private" in screen_text(pilot)
        await pilot.press("ctrl+p")  # back goes to Sam's own hand-over, never into Alex's turn
        await phase(pilot, Phase.HANDOVER)
        assert screen.session.talk.seat == 1
        never_shown(pilot, SECRET)
        await pilot.press("enter", *"Mine too", "ctrl+n")
        await phase(pilot, Phase.READY)
        never_shown(pilot, SECRET)
        assert "Both of you have had your turn" in screen_text(pilot)
        await pilot.press("enter")  # Enter on "Reveal together"
        await phase(pilot, Phase.REVEALED)
        assert SECRET in screen_text(pilot) and "Mine too" in screen_text(pilot)
        assert SECRET in app.export_screenshot()
        # Back and forth never hides it again.
        await pilot.press("ctrl+n")
        await phase(pilot, Phase.HANDOVER)
        await pilot.press("ctrl+p")
        await phase(pilot, Phase.REVEALED)
        assert SECRET in screen_text(pilot)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, CheckinScreen), "a question")
        await pilot.press("enter")
        await on_screen(pilot, SummaryScreen)
    (entry,) = entries(private_home)
    assert entry.mode == "blind" and entry.prompts[0].mode == "blind" and entry.prompts[0].revealed_at
    assert [a.value for a in entry.prompts[0].answers] == [SECRET, "Mine too"]
    assert [p.closeness_before for p in entry.partners] == [2, 4] and entry.ratings_revealed_at


async def test_saving_from_a_private_turn_asks_first_and_the_draft_resumes_on_the_hand_over(
    make_app: MakeApp, together_deck: str, private_home: Path
) -> None:
    app = make_app(deck=together_deck, mode="blind")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin(pilot)
        for _ in range(3):  # skip through the private ratings
            await pilot.press("ctrl+n")
        await phase(pilot, Phase.REVEALED)
        await pilot.press("ctrl+n", "enter")
        await phase(pilot, Phase.PRIVATE)
        await pilot.press(*SECRET, "ctrl+n", "enter")
        await phase(pilot, Phase.PRIVATE)
        assert screen.session.talk.seat == 1
        await pilot.press(*"half", "ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, CheckinScreen), "the question")
        never_shown(pilot, SECRET)
        assert "Reveal and save, or keep as a draft?" in screen_text(pilot)
        await pilot.press("escape")  # stays
        await until(pilot, lambda: isinstance(app.screen, CheckinScreen), "back on the check-in")
        await pilot.press("ctrl+q")
    assert not entries(private_home)
    app = make_app(deck=together_deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, ResumeScreen)
        never_shown(pilot, SECRET)
        await pilot.press("enter")
        await on_screen(pilot, CheckinScreen)
        await phase(pilot, Phase.HANDOVER)
        screen = checkin(pilot)
        assert screen.session.talk.seat == 1
        never_shown(pilot, SECRET)
        await pilot.press("enter")
        await phase(pilot, Phase.PRIVATE)
        never_shown(pilot, SECRET)
        assert screen.query_one("#answer-1", TextArea).text == "half"


async def test_a_turns_prompt_records_reflection_confirmation_not_quite_and_the_swap(
    make_app: MakeApp, together_deck: str, private_home: Path
) -> None:
    app = make_app(deck=together_deck, mode=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin(pilot)
        while screen.session.step.prompt_index != 2:
            await pilot.press("ctrl+n")
            await pilot.pause()
        await phase(pilot, Phase.SPEAK)
        assert "Alex speaks, Sam listens." in screen_text(pilot)
        await pilot.press(*"I felt alone on Sunday", "ctrl+n")
        await phase(pilot, Phase.REFLECT)
        assert "Sam, what did you hear?" in screen_text(pilot) and "I felt alone on Sunday" in screen_text(pilot)
        assert "don't answer" in screen_text(pilot)
        await pilot.press(*"You were lonely", "tab", *"Sundays are long", "ctrl+n")
        await phase(pilot, Phase.CONFIRM)
        assert "Alex, is that what you meant?" in screen_text(pilot)
        await pilot.press(*"mostly the evening")  # the cursor starts in Alex's line to add
        await pilot.click("#not-quite")
        await phase(pilot, Phase.REFLECT)
        await pilot.press(*"The evening was lonely", "ctrl+n")
        await phase(pilot, Phase.CONFIRM)
        await pilot.press("tab", "enter")  # Tab from the line to add reaches "That's it"
        await phase(pilot, Phase.SPEAK)
        assert "Sam speaks, Alex listens." in screen_text(pilot)
        await pilot.press("ctrl+o")  # Sam says it aloud
        await until(pilot, lambda: screen.session.answer(2, 1).spoken, "said aloud")
        await pilot.press("ctrl+n", *"Work worried you", "ctrl+n")
        await phase(pilot, Phase.CONFIRM)
        await pilot.press("tab", "enter")
        await phase(pilot, Phase.HEARD)
        text = screen_text(pilot)
        assert "Sam heard: You were lonely" in text and "Alex: not quite — mostly the evening" in text
        assert "Alex heard: Work worried you" in text and "Sam: that's it" in text
        await pilot.press("ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
    (entry,) = entries(private_home)
    record = entry.prompts[2]
    assert record.mode == "turns"
    assert [(a.status, a.value) for a in record.answers] == [("answered", "I felt alone on Sunday"), ("spoken", None)]
    first, second = record.turns
    assert [(r.heard, r.makes_sense, r.response, r.added) for r in first.reflections] == [
        ("You were lonely", "Sundays are long", "not_quite", "mostly the evening"),
        ("The evening was lonely", None, "thats_it", None),
    ]
    assert second.speaker == 1 and second.reflections[0].heard == "Work worried you"


async def test_said_aloud_and_the_break_button_are_on_an_open_prompt(make_app: MakeApp, private_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin(pilot)
        await pilot.press("ctrl+n", "ctrl+o")
        await until(pilot, lambda: screen.session.answer(0, 0).spoken and screen.session.answer(0, 1).spoken)
        assert "Said aloud ✓" in str(screen.query_one("#spoken").label)
        assert screen.query_one("#break").display
        await pilot.press("ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
    (entry,) = entries(private_home)
    assert [a.status for a in entry.prompts[0].answers] == ["spoken", "spoken"]


# --- a break parks the talk -------------------------------------------------------------------


async def park_a_talk(make_app: MakeApp, private_home: Path, deck: str | None = None) -> None:
    app = make_app(deck=deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"Before the break", "ctrl+g")
        await on_screen(pilot, BreakScreen)
        text = screen_text(pilot)
        assert "at least twenty minutes" in text and "soothing" in text and "come back" in text
        assert "Before the break" not in text
        await pilot.press(*"after a walk", "enter")
        await until(pilot, lambda: app.farewell is not None, "leaving")
    assert "parked" in (app.farewell or "") and "after a walk" in (app.farewell or "")
    assert not (private_home / "drafts" / "checkin.json").exists()
    assert len(list((private_home / "drafts").glob("parked-*.json"))) == 1


async def test_a_break_parks_the_talk_and_home_offers_to_resume_it(make_app: MakeApp, private_home: Path) -> None:
    await park_a_talk(make_app, private_home)
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(app.screen.query(".parked-line")), "the parked talk")
        line = screen_text(pilot)
        assert "at prompt 1 of" in line and "parked today" in line and "after a walk" in line
        assert "Before the break" not in line
        await pilot.pause()
        await pilot.click("#resume-0")
        await on_screen(pilot, CheckinScreen)
        screen = checkin(pilot)
        assert screen.query_one("#answer-0", TextArea).text == "Before the break"
        assert not list((private_home / "drafts").glob("parked-*.json"))
        await pilot.press("ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
    (entry,) = entries(private_home)
    assert entry.prompts[0].answers[0].value == "Before the break"


async def test_checkin_with_a_parked_deck_offers_it_and_a_new_one_can_run_meanwhile(
    make_app: MakeApp, private_home: Path, mixed_deck: str
) -> None:
    await park_a_talk(make_app, private_home)  # the default deck
    app = make_app(deck=mixed_deck)  # a different deck runs to the end meanwhile
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
    assert len(entries(private_home)) == 1
    app = make_app(deck="bedtime")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, ChoiceScreen)
        assert "Pick up your parked talk?" in screen_text(pilot)
        await pilot.press("enter")
        await on_screen(pilot, CheckinScreen)
        assert checkin(pilot).query_one("#answer-0", TextArea).text == "Before the break"
        await pilot.press("ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
    assert len(entries(private_home)) == 2


def parked_files(home: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (home / "drafts").glob("parked-*.json")}


async def test_escape_on_the_offer_to_pick_up_a_parked_talk_means_not_now(
    make_app: MakeApp, private_home: Path
) -> None:
    await park_a_talk(make_app, private_home)
    before = parked_files(private_home)
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(app.screen.query(".parked-line")), "the parked talk")
        for _ in range(2):  # and again: nothing was left holding the drafts
            await pilot.press("s")
            await on_screen(pilot, ChoiceScreen)
            assert "Pick up your parked talk?" in screen_text(pilot)
            await pilot.press("escape")
            await on_screen(pilot, HomeScreen)
            await pilot.pause(0.2)
            assert isinstance(app.screen, HomeScreen)
            assert parked_files(private_home) == before
            assert not (private_home / "drafts" / "checkin.json").exists()


async def test_escape_on_the_offer_from_checkin_leaves_the_talk_parked(make_app: MakeApp, private_home: Path) -> None:
    await park_a_talk(make_app, private_home)
    before = parked_files(private_home)
    app = make_app(deck="bedtime")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, ChoiceScreen)
        await pilot.press("escape")
        await until(pilot, lambda: app.farewell is not None, "leaving")
    assert "still parked" in (app.farewell or "")
    assert parked_files(private_home) == before
    assert not (private_home / "drafts" / "checkin.json").exists()


async def test_letting_a_parked_talk_go_asks_once_and_can_save_what_was_said(
    make_app: MakeApp, private_home: Path
) -> None:
    await park_a_talk(make_app, private_home)
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(app.screen.query(".parked-line")), "the parked talk")
        await pilot.pause()
        await pilot.click("#let-go-0")
        await on_screen(pilot, ChoiceScreen)
        assert "Let this talk go?" in screen_text(pilot)
        await pilot.press("escape")  # keeps it parked
        await until(pilot, lambda: not isinstance(app.screen, ChoiceScreen))
        assert list((private_home / "drafts").glob("parked-*.json"))
        await pilot.click("#let-go-0")
        await on_screen(pilot, ChoiceScreen)
        await pilot.click("#save")
        await until(pilot, lambda: not list((private_home / "drafts").glob("parked-*.json")), "let go")
    (entry,) = entries(private_home)
    assert entry.prompts[0].answers[0].value == "Before the break"
