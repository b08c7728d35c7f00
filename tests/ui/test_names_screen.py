"""The first-run names screen: what it refuses is said where it can be seen."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static

from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.names import NamesScreen
from uihelpers import on_screen, shown, until

MakeApp = Callable[..., ReconnectApp]


def drawn(widget: Static) -> bool:
    """Whether the widget is on screen, inside the screen's edges and not scrolled out of sight."""
    region = widget.region
    screen = widget.screen
    if not region or not screen.region.contains_region(region):
        return False
    return all(screen.get_widget_at(region.x + dx, region.y)[0] is widget for dx in (0, region.width - 1))


async def test_refusing_the_same_name_twice_is_said_where_it_can_be_seen(make_app: MakeApp) -> None:
    app = make_app(partners=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, NamesScreen)
        await pilot.press(*"Maya", "enter", *"maya", "enter")
        hint = app.screen.query_one("#names-hint", Static)
        assert "Two different names" in shown(hint)
        await until(pilot, lambda: drawn(hint), "the refusal drawn on screen")
        assert app.focused is app.screen.query_one("#name-1")
