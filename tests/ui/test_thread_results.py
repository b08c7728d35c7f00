"""A journal read on a thread may finish after its screen has begun to close."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from textual.css.query import NoMatches

from reconnect_tui.core.couple import who_in
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.home import HomeScreen
from reconnect_tui.ui.thread_results import hand_back

MakeApp = Callable[..., ReconnectApp]


async def _hand_back_from_a_thread(home: HomeScreen) -> None:
    """As the screen's own worker does it: from a thread, which waits for the app's turn."""
    who = who_in(home.workspace.journal)
    await asyncio.to_thread(hand_back, home, home._show_journal, who, [], [])


async def test_results_for_a_closing_screen_are_let_go(make_app: MakeApp) -> None:
    # The CI failure this comes from: the app closed while home's look back was mounting
    # its rows, and the lookup of a part already taken away ended the run with NoMatches.
    app = make_app(start="history")
    async with app.run_test(size=(80, 24)) as pilot:
        home = HomeScreen(app.workspace, app.clock, app.start_checkin_with, app.open_screen)
        await app.push_screen(home)
        await pilot.pause()
        app.pop_screen()
        while home.query("#home-gestures"):  # its parts go first, the screen last
            await asyncio.sleep(0)
        with pytest.raises(NoMatches):  # what the late results met before
            await home._show_journal(who_in(app.workspace.journal), [], [])
        await _hand_back_from_a_thread(home)
        await pilot.pause()
    assert app.return_code in (None, 0)


async def test_a_missing_part_on_an_open_screen_is_still_a_fault(make_app: MakeApp) -> None:
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        await home.query_one("#gesture-rows").remove()
        with pytest.raises(NoMatches):
            await _hand_back_from_a_thread(home)
