"""The check-in's control buttons look and act as Textual's compact Button does, only cheaper to start.

ControlButton replaces Button in the controls bar for the first frame's sake
(issue #13). Each test here holds it to the Button it replaced: side by side with a
real `Button(compact=True)` in every theme and state, and on the check-in itself.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Button, Static

from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen, step_name
from reconnect_tui.ui.screens.together_dialogs import BreakScreen
from reconnect_tui.ui.widgets.control_button import ControlButton
from uihelpers import on_screen, until

MakeApp = Callable[..., ReconnectApp]
THEMES = sorted(App().available_themes)


class SideBySide(App[None]):
    """Each kind of control button in the bar, as a Button and as a ControlButton, one pair a row."""

    # What checkin.tcss gives the bar's buttons today (and gave Button before).
    CSS = """
    Horizontal { height: auto; }
    Button, ControlButton { margin-right: 1; min-width: 0; width: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("elsewhere", id="elsewhere")
        with Horizontal():
            yield Button("◀ Back", id="button-back", compact=True, disabled=True)
            yield ControlButton("◀ Back", id="control-back", disabled=True)
        with Horizontal():
            yield Button("Break", id="button-break", compact=True)
            yield ControlButton("Break", id="control-break")
        with Horizontal():
            yield Button("Next ▶", id="button-next", variant="primary", compact=True)
            yield ControlButton("Next ▶", id="control-next", primary=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.pressed.append(event.button.id or "")

    def on_control_button_pressed(self, event: ControlButton.Pressed) -> None:
        self.pressed.append(event.button.id or "")


def drawn(widget: Widget) -> tuple[object, ...]:
    """The widget's size and every cell it draws, with its style."""
    lines = widget.render_lines(Region(0, 0, *widget.outer_size))
    return widget.outer_size, [[(segment.text, segment.style) for segment in line] for line in lines]


def hover(widget: Widget, over: bool) -> None:
    """The mouse over the widget or not, as the app marks it on a mouse move (Pilot's hover waits
    for the app to go idle, a few seconds over all these states and themes)."""
    widget.mouse_hover = over
    widget.update_node_styles()


@pytest.mark.parametrize("theme", THEMES)
async def test_each_control_button_draws_as_the_compact_button_in_every_state(theme: str) -> None:
    app = SideBySide()
    async with app.run_test(size=(60, 12)) as pilot:
        app.theme = theme
        for kind in ("back", "break", "next"):
            button, control = app.query_one(f"#button-{kind}"), app.query_one(f"#control-{kind}")
            for state in ("plain", "hover", "focus", "focus+hover", "active", "active+hover", "active+focus"):
                looks = []
                for widget in (button, control):
                    widget.set_class("active" in state, "-active")  # the press flash, held still
                    app.set_focus(widget if "focus" in state else None)
                    hover(widget, "hover" in state)
                    await pilot.pause()
                    looks.append(drawn(widget))
                    widget.remove_class("-active")
                    hover(widget, False)
                assert looks[0] == looks[1], f"{theme}: {kind} differs from Button when {state}"
        assert "-primary" in app.query_one("#control-next").classes


async def test_keys_and_clicks_press_both_kinds_alike() -> None:
    """Enter and a click press; Space does nothing (Button binds only Enter); disabled takes neither."""
    app = SideBySide()
    async with app.run_test(size=(60, 12)) as pilot:
        for kind in ("break", "next"):
            for prefix in ("button", "control"):
                widget = app.query_one(f"#{prefix}-{kind}")
                widget.focus()
                await pilot.press("space")
                await pilot.pause()
                assert app.pressed == [], f"Space pressed {widget.id}"
                await pilot.press("enter")
                await until(pilot, lambda: len(app.pressed) == 1, f"Enter on {widget.id}")
                assert widget.has_class("-active")  # the flash, as Button's
                await until(pilot, lambda: not widget.has_class("-active"), "the flash to end")
                await pilot.click(widget)
                await until(pilot, lambda: len(app.pressed) == 2, f"a click on {widget.id}")
                assert app.pressed == [widget.id, widget.id]
                app.pressed.clear()
                await until(pilot, lambda: not widget.has_class("-active"), "the flash to end")
        for prefix in ("button", "control"):
            disabled = app.query_one(f"#{prefix}-back")
            assert not disabled.focusable
            await pilot.click(disabled)
            disabled.press()
            await pilot.pause()
            assert app.pressed == [] and not disabled.has_class("-active")


async def test_new_words_make_room_for_themselves() -> None:
    app = SideBySide()
    async with app.run_test(size=(60, 12)) as pilot:
        control = app.query_one("#control-break", ControlButton)
        control.label = "Take a break"
        await pilot.pause()
        assert control.outer_size.width == len("Take a break") + 2
        assert control.label.plain == "Take a break"
        control.label = "[b]Bold?[/b]"  # words, never markup: names go on these buttons
        await pilot.pause()
        assert control.label.plain == "[b]Bold?[/b]"


# --- on the check-in itself -------------------------------------------------------------


def checkin_of(app: ReconnectApp) -> CheckinScreen:
    screen = app.screen
    assert isinstance(screen, CheckinScreen)
    return screen


async def test_enter_presses_the_focused_control_button(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin_of(app)
        for _ in range(8):
            await pilot.press("tab")
            if app.focused is screen.query_one("#next"):
                break
        else:
            raise AssertionError("Tab never reached Next")
        await pilot.press("enter")
        await until(pilot, lambda: step_name(screen.session) != "Arriving", "the next step")


async def test_a_click_presses_a_control_button(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.click("#break")
        await on_screen(pilot, BreakScreen)


async def test_the_disabled_back_is_skipped_by_tab_and_cannot_be_pressed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = checkin_of(app)
        back = screen.query_one("#back", ControlButton)
        assert back.disabled
        reached = set()
        for _ in range(12):  # round the whole screen, more than once
            await pilot.press("tab")
            reached.add(app.focused.id if app.focused else None)
        assert {"break", "finish", "next"} <= reached and "back" not in reached
        await pilot.click("#back")
        back.press()
        await pilot.pause()
        assert step_name(screen.session) == "Arriving" and not back.has_class("-active")
        await pilot.press("ctrl+n")  # one step on, Back works
        await until(pilot, lambda: not back.disabled, "Back to be enabled")
        await pilot.click("#back")
        await until(pilot, lambda: step_name(screen.session) == "Arriving", "the first step again")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord", "ansi-dark"])
async def test_next_looks_like_textuals_primary_button(make_app: MakeApp, theme: str) -> None:
    """The Next on the check-in is drawn as a real `Button(compact=True, variant="primary")` in that theme."""

    class OneButton(App[None]):
        CSS = "Button { min-width: 0; }"  # as the bar had it

        def compose(self) -> ComposeResult:
            yield Button("Next ▶", variant="primary", compact=True)

    reference = OneButton()
    async with reference.run_test(size=(40, 5)) as pilot:
        reference.theme = theme
        reference.set_focus(None)
        await pilot.pause()
        expected = drawn(reference.query_one(Button))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        app.theme = theme
        await pilot.pause()
        next_ = checkin_of(app).query_one("#next", ControlButton)
        assert drawn(next_) == expected
        break_ = checkin_of(app).query_one("#break", ControlButton)
        assert styles_of(next_) != styles_of(break_)  # the reference is not simply what every button draws


def styles_of(widget: Widget) -> set[object]:
    """The styles a widget draws with, whatever its words."""
    return {segment.style for line in widget.render_lines(Region(0, 0, *widget.outer_size)) for segment in line}


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_a_passed_pass_button_still_shows_its_focus(make_app: MakeApp, theme: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        app.theme = theme
        screen = checkin_of(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        button = screen.query_one("#pass-0", ControlButton)
        button.focus()
        await pilot.pause()
        focused_style = button.rich_style
        screen.toggle_pass(0)
        await until(pilot, lambda: button.has_class("-passed"), "the pass")
        button.focus()
        await pilot.pause()
        style = button.rich_style
        assert style.italic  # passed
        assert (style.reverse, style.bold) == (focused_style.reverse, focused_style.bold)  # and focused
        screen.set_focus(None)
        await pilot.pause()
        assert not button.rich_style.reverse  # the focus, not the pass, gave it
