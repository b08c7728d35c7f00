"""Text contrast in every built-in theme with fixed colours: both partners' colours and the chosen word.

Measured on what Textual would draw (the widgets' own styles), aiming for 4.5:1.
The ansi-* themes use the terminal's own colours, which cannot be measured: there
the chosen word is also bold and underlined, and every button carries a name.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import FIXED
from helpers import make_entry
from textual.color import Color
from textual.strip import Strip
from textual.theme import BUILTIN_THEMES
from textual.widgets import Checkbox, RadioButton, SelectionList

from reconnect_tui.core.journal import Journal

from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.colours import ANSI_PALETTE, AIM, PALETTE, contrast, partner_variables, person_colour, readable, seat_colours
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.widgets.control_button import ControlButton
from reconnect_tui.ui.widgets.word_scale import WordScale
from uihelpers import on_screen

MakeApp = Callable[..., ReconnectApp]
FIXED_THEMES = sorted(name for name in BUILTIN_THEMES if not name.startswith("ansi"))


def shown_contrast(style) -> float:  # type: ignore[no-untyped-def]
    return contrast(Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor))


def test_readable_moves_a_faint_colour_only_as_far_as_needed() -> None:
    light_grey, orange = Color.parse("#E0E0E0"), Color.parse("#FFA62B")
    assert contrast(orange, light_grey) < AIM
    moved = readable(orange, light_grey)
    assert AIM <= contrast(moved, light_grey) < AIM + 1
    assert readable(Color.parse("#004578"), light_grey) == Color.parse("#004578")  # already fine: untouched


@pytest.mark.parametrize("theme", FIXED_THEMES)
async def test_both_partners_and_the_chosen_word_read_clearly(make_app: MakeApp, theme: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        app.theme = theme
        await pilot.pause()
        screen = app.screen
        await pilot.press("3", "tab", "4")  # a word chosen on each scale; the second scale has focus
        await pilot.pause()
        for scale, chosen in zip(screen.query(WordScale).results(WordScale), (3, 4), strict=True):
            assert scale.value == chosen
            ratio = shown_contrast(scale.word_style(chosen))
            assert ratio >= AIM, f"{theme}: the chosen word on {scale.id} is {ratio:.1f}:1"
        background = Color.from_rich_color(screen.rich_style.bgcolor)
        for partner in (0, 1):
            title_colour = background + screen.query_one(f"#pane-{partner}").styles.border_title_color
            ratio = contrast(title_colour, background)
            assert ratio >= AIM, f"{theme}: partner {partner}'s name is {ratio:.1f}:1"
        await pilot.press("ctrl+n")
        await pilot.pause()
        for passed in (False, True):  # "Alex: pass", then italic "Alex: answer after all"
            if passed:
                screen.toggle_pass(0)  # not clicked: the pointer and the focus would stay on it
                screen.toggle_pass(1)
                await pilot.pause()
            for partner in (0, 1):
                button = screen.query_one(f"#pass-{partner}", ControlButton)
                assert button.has_class("-passed") is passed
                ratio = shown_contrast(button.rich_style)
                assert ratio >= AIM, f"{theme}: {button.label.plain!r} is {ratio:.1f}:1"


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_in_ansi_themes_the_choice_and_whose_button_do_not_hang_on_colour(make_app: MakeApp, theme: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        app.theme = theme
        await pilot.press("3")
        await pilot.pause()
        scale = app.screen.query_one("#closeness-0", WordScale)
        chosen = scale.word_style(3)
        assert scale.has_focus and chosen.bold and chosen.underline
        # The terminal's colours cannot be tinted: the other words of the focused scale are
        # not filled with the partner's colour (their muted words would vanish on it).
        assert all(scale.word_style(other).bgcolor != chosen.bgcolor for other in (1, 2, 4, 5))
        await pilot.press("ctrl+n")
        labels = [app.screen.query_one(f"#pass-{p}", ControlButton).label.plain for p in (0, 1)]
        assert labels[0].startswith("Alex") and labels[1].startswith("Sam")


@pytest.mark.parametrize("theme", FIXED_THEMES)
def test_every_persons_colour_reads_clearly_in_every_theme(theme: str) -> None:
    """A person keeps one colour from the people file; in every seat and theme it reads at 4.5:1."""
    variables = BUILTIN_THEMES[theme].to_color_system().generate()
    found = partner_variables(variables, ("rose", "amber"))
    background = Color.parse(variables["background"])
    for name in PALETTE:
        ratio = contrast(Color.parse(found[f"person-{name}"]), background)
        assert ratio >= AIM, f"{theme}: {name} is {ratio:.1f}:1"
    swapped = partner_variables(variables, ("amber", "rose"))
    assert (swapped["partner-0"], swapped["partner-1"]) == (found["partner-1"], found["partner-0"])
    assert found["partner-0"] == found["person-rose"]


def test_in_ansi_themes_a_person_takes_the_nearest_terminal_colour() -> None:
    variables = BUILTIN_THEMES["ansi-dark"].to_color_system().generate()
    found = partner_variables(variables, ("sky", None))
    assert found["partner-0"] == ANSI_PALETTE["sky"] and found["partner-1"] == variables["accent"]  # unknown: the theme's
    assert person_colour(found, "rose") == "magenta"  # as Rich names it


def test_two_people_of_one_colour_still_look_different() -> None:
    assert seat_colours(("teal", "teal")) == ("teal", "sky")
    assert seat_colours(("lilac", "lilac")) == ("lilac", "rose")
    assert seat_colours((None, None)) == (None, None)


def the_mark(line: Strip):  # type: ignore[no-untyped-def]
    """The character drawn inside a line's box (between ▐ and ▌), and its style, as the screen shows it."""
    at = line.text.index("▐") + 1
    (segment,) = line.crop(at, at + 1)
    return segment.text, segment.style


@pytest.mark.parametrize("theme", [*FIXED_THEMES, "ansi-dark", "ansi-light", "NO_COLOR"])
async def test_carry_it_on_shows_a_mark_only_when_ticked(
    make_app: MakeApp, private_home: Path, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """Not by colour alone: unticked is an empty box, ticked a check mark that reads at 4.5:1."""
    if theme == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    Journal(private_home / "journal").save(make_entry(FIXED - timedelta(days=2), "last", intentions=("Tea", None)))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        if theme != "NO_COLOR":
            app.theme = theme
        await pilot.press("ctrl+n", "3")  # Not yet: carry it on?
        await pilot.pause()
        box = app.screen.query_one("#carry-0", Checkbox)
        assert box.display and not box.value
        assert the_mark(box.render_line(0))[0] == " "
        box.value = True
        await pilot.pause()
        mark, style = the_mark(box.render_line(0))
        assert mark == "✓"
        if theme in FIXED_THEMES:
            ratio = shown_contrast(style)
            assert ratio >= AIM, f"{theme}: the tick is {ratio:.1f}:1"


@pytest.mark.parametrize("theme", [*FIXED_THEMES, "ansi-dark", "ansi-light", "NO_COLOR"])
async def test_a_chosen_option_shows_a_mark_and_the_others_none(
    make_app: MakeApp, mixed_deck: str, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    """Not by colour alone, in a list of options to pick several (✓) or one (●)."""
    if theme == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(deck=mixed_deck)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        if theme != "NO_COLOR":
            app.theme = theme
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # What would help this week? (pick several)
        await pilot.press("space", "down")  # Sleep chosen; the cursor on "A walk", not chosen
        await pilot.pause()
        several = app.screen.query_one("#answer-0", SelectionList)
        chosen, mark_style = the_mark(several.render_line(0))
        assert chosen == "✓"
        assert [the_mark(several.render_line(y))[0] for y in (1, 2)] == [" ", " "]
        await pilot.press("ctrl+n", "down", "enter")  # Tea or coffee? (pick one): Coffee
        await pilot.pause()
        tea, coffee = app.screen.query_one("#answer-0").query(RadioButton)
        assert the_mark(tea.render_line(0))[0] == " "
        assert the_mark(coffee.render_line(0))[0] == "●"
        if theme in FIXED_THEMES:
            for what, style in (("✓", mark_style), ("●", the_mark(coffee.render_line(0))[1])):
                ratio = shown_contrast(style)
                assert ratio >= AIM, f"{theme}: the {what} is {ratio:.1f}:1"
