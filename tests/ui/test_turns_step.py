"""Speaker and listener through Pilot, as a couple meets it at 80x24: many tries, the swap,
the buttons and the words of the exchange."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Static

from reconnect_tui.core.together import Phase
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from uihelpers import on_screen, shown, until

MakeApp = Callable[..., ReconnectApp]


def checkin(pilot: Pilot) -> CheckinScreen:
    screen = pilot.app.screen
    assert isinstance(screen, CheckinScreen)
    return screen


async def phase(pilot: Pilot, wanted: Phase) -> None:
    await until(pilot, lambda: checkin(pilot).session.phase is wanted, wanted.value)


async def first_prompt(pilot: Pilot) -> CheckinScreen:
    """Maya speaks first on the first prompt of a turns check-in."""
    await on_screen(pilot, CheckinScreen)
    await pilot.press("ctrl+n")
    await phase(pilot, Phase.SPEAK)
    return checkin(pilot)


def in_view(widget: Widget) -> bool:
    """Wholly on screen: inside every scrolling container around it and inside the terminal."""
    screen = widget.screen
    return screen.can_view_entire(widget) and screen.region.contains_region(widget.region)


@pytest.mark.parametrize(("size", "tries"), [((80, 24), 4), ((120, 40), 8)])
async def test_after_many_not_quites_the_listeners_box_and_the_buttons_stay_in_view(
    make_app: MakeApp, size: tuple[int, int], tries: int
) -> None:
    app = make_app(partners=("Maya", "Jonas"), mode="turns")
    async with app.run_test(size=size) as pilot:
        screen = await first_prompt(pilot)
        await pilot.press(*"I love that dog", "ctrl+n")
        for attempt in range(1, tries):
            await phase(pilot, Phase.REFLECT)
            await pilot.press(*f"Try{attempt}", "tab", *"It makes sense", "ctrl+n")
            await phase(pilot, Phase.CONFIRM)
            await pilot.pause()
            for part in ("#thats-it", "#not-quite", "#added"):
                assert in_view(screen.query_one(part)), f"{part} on try {attempt}"
            screen.query_one("#not-quite", Button).press()
        await phase(pilot, Phase.REFLECT)
        await pilot.pause()
        heard = screen.query_one("#heard")
        assert screen.focused is heard
        for part in (".turns-who", "#heard", "#makes-sense"):
            assert in_view(screen.query_one(part)), part
        await pilot.press(*"Lasttry")
        await until(pilot, lambda: "Lasttry" in app.export_screenshot(), "the words typed, on screen")


async def test_the_swap_goes_once_the_speaker_has_written(make_app: MakeApp) -> None:
    app = make_app(partners=("Maya", "Jonas"), mode="turns")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await first_prompt(pilot)
        swap = screen.query_one("#swap", Button)
        assert swap.display and "Jonas speaks first instead" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("I")
        await until(pilot, lambda: not swap.display, "the swap gone")
        assert "speaks first instead" not in app.export_screenshot().replace("&#160;", " ")
        swap.post_message(Button.Pressed(swap))  # a click already on its way swaps nothing
        await pilot.pause()
        assert screen.session.talk.seat == 0 and screen.session.first_seat == 0


async def test_the_heard_step_has_one_next_button_and_enter_moves_on(make_app: MakeApp) -> None:
    app = make_app(partners=("Maya", "Jonas"), mode="turns")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await first_prompt(pilot)
        for words in ("I love that dog", "Me too"):
            await pilot.press(*words, "ctrl+n")
            await phase(pilot, Phase.REFLECT)
            await pilot.press("ctrl+n")
            await phase(pilot, Phase.CONFIRM)
            screen.query_one("#thats-it", Button).press()
            await until(pilot, lambda: screen.session.phase is not Phase.CONFIRM, "that's it")
        await phase(pilot, Phase.HEARD)
        await pilot.pause()
        nexts = [b for b in screen.query("Button, ControlButton") if b.display and "Next" in b.label.plain]
        assert len(nexts) == 1
        assert app.export_screenshot().count("Next&#160;▶") == 1
        await pilot.press("enter")
        await until(pilot, lambda: screen.session.prompt_number() == (2, 7), "the next prompt")


async def reach_confirm(pilot: Pilot) -> CheckinScreen:
    screen = await first_prompt(pilot)
    await pilot.press(*"I love that dog", "ctrl+n")
    await phase(pilot, Phase.REFLECT)
    await pilot.press(*"You love that dog", "ctrl+n")
    await phase(pilot, Phase.CONFIRM)
    await pilot.pause()
    return screen


async def test_a_stray_enter_does_not_answer_for_the_speaker(make_app: MakeApp) -> None:
    app = make_app(partners=("Maya", "Jonas"), mode="turns")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reach_confirm(pilot)
        assert screen.focused is screen.query_one("#added")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.phase is Phase.CONFIRM and screen.session.talk.current_reflection.response is None
        await pilot.press(*"mostly the walk", "tab")  # the speaker's own line, then on to the buttons
        assert screen.focused is screen.query_one("#thats-it")
        await pilot.press("enter")
        await phase(pilot, Phase.SPEAK)
        (reflection,) = screen.session.talk.rounds[0].reflections
        assert (reflection.response, reflection.added) == ("thats_it", "mostly the walk")


async def test_left_and_right_move_between_thats_it_and_not_quite(make_app: MakeApp) -> None:
    app = make_app(partners=("Maya", "Jonas"), mode="turns")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reach_confirm(pilot)
        thats_it, not_quite = screen.query_one("#thats-it"), screen.query_one("#not-quite")
        thats_it.focus()
        await pilot.press("right")
        assert screen.focused is not_quite
        await pilot.press("right")
        assert screen.focused is not_quite
        await pilot.press("left")
        assert screen.focused is thats_it
        await pilot.press("right", "enter")
        await phase(pilot, Phase.REFLECT)
        assert screen.session.talk.rounds[0].reflections[0].response == "not_quite"


async def test_what_makes_sense_to_the_listener_reads_as_plain_words(make_app: MakeApp) -> None:
    app = make_app(partners=("Maya", "Jonas"), mode="turns")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await first_prompt(pilot)
        await pilot.press(*"I love that dog", "ctrl+n")
        await phase(pilot, Phase.REFLECT)
        await pilot.press(*"You love that dog", "tab", *"I love that dog too", "ctrl+n")
        await phase(pilot, Phase.CONFIRM)
        await pilot.pause()
        transcript = shown(screen.query_one(".turns-transcript", Static))
        assert "Jonas heard: You love that dog" in transcript
        assert "What makes sense to Jonas: I love that dog too" in transcript
        assert "Jonas, what makes sense" not in transcript
