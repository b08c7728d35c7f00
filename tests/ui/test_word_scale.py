"""The row of closeness words, used as a person would: with the mouse, on a narrow terminal, without colour.

The scale draws its words itself, so these read what it draws (its rendered lines)
and click where a word is shown on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.widgets.word_scale import WordScale
from uihelpers import on_screen

MakeApp = Callable[..., ReconnectApp]


def drawn(scale: WordScale) -> list[str]:
    return [scale.render_line(y).text for y in range(scale.region.height)]


async def test_a_click_inside_a_word_picks_it_and_focuses_the_scale(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        scale = app.screen.query_one("#closeness-1", WordScale)
        assert scale.value is None and not scale.has_focus
        x = drawn(scale)[0].index("In between") + 4  # in the middle of the third word
        await pilot.click("#closeness-1", offset=(x, 0))
        await pilot.pause()
        assert scale.value == 3 and scale.has_focus
        assert app.screen.session.people[1].closeness_before == 3  # the screen heard it, as from a key


async def test_a_narrow_row_wraps_a_word_inside_its_own_cell(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(40, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        scale = app.screen.query_one("#closeness-0", WordScale)
        rows = drawn(scale)
        assert len(rows) >= 2 and not any("A bit apart" in row for row in rows)  # the row grew
        first = rows[0].index("A bit")
        second = rows[1].index("apart", rows[1].index("apart") + 1)  # "Far apart" wraps too, to its left
        assert first == second  # both halves centred in the one cell, under each other
        assert rows[0].index("Far") < first < rows[0].index("In")  # between its neighbours
        await pilot.click("#closeness-0", offset=(second + 2, 1))  # its second line picks it too
        assert scale.value == 2


async def test_the_chosen_word_is_drawn_bold_and_underlined(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("3")
        await pilot.pause()
        scale = app.screen.query_one("#closeness-0", WordScale)
        words = {segment.text: segment.style for segment in scale.render_line(0) if segment.text.strip()}
        assert set(words) == set(scale.labels)
        chosen = words.pop("In between")
        assert chosen == scale.word_style(3) and chosen.bold and chosen.underline
        assert not any(style.bold or style.underline for style in words.values())  # only the choice
