"""Keys that arrive together (a quick typist, keys piling up while the app is busy)
land where the cursor is at each moment: after Tab, in the next field."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import events
from textual.widgets import Input, TextArea

from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.screens.names import NamesScreen
from uihelpers import on_screen, until

MakeApp = Callable[..., ReconnectApp]


def send_all_at_once(app: ReconnectApp, keys: list[str]) -> None:
    """As a terminal delivers a burst: every key queued before the app handles the first."""
    for key in keys:
        character = key if len(key) == 1 else None
        app._driver.send_message(events.Key(key, character))  # type: ignore[union-attr]


async def test_names_typed_with_tab_in_one_burst_go_to_their_own_boxes(make_app: MakeApp) -> None:
    app = make_app(partners=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, NamesScreen)
        send_all_at_once(app, [*"Maya", "tab", *"Jonas"])
        boxes = list(app.screen.query(Input))
        await until(pilot, lambda: len(boxes[0].value) + len(boxes[1].value) == 9, "every letter")
        assert (boxes[0].value, boxes[1].value) == ("Maya", "Jonas")


async def test_answers_typed_with_tab_in_one_burst_stay_with_their_partner(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: getattr(app.focused, "id", None) == "answer-0", "the first answer")
        send_all_at_once(app, [*"mine", "tab", *"yours", "shift+tab", *"!"])
        first, second = (app.screen.query_one(f"#answer-{n}", TextArea) for n in (0, 1))
        await until(pilot, lambda: len(first.text) + len(second.text) == 10, "every letter")
        assert (first.text, second.text) == ("mine!", "yours")


@pytest.mark.parametrize(
    "burst",
    [
        pytest.param([*"Maya", "tab", *"Jonas", "enter"], id="tab-then-enter"),
        pytest.param([*"Maya", "enter", *"Jonas", "enter"], id="enter-after-each"),
        # A second begin would pop a screen that is gone, and end the app.
        pytest.param([*"Maya", "tab", *"Jonas", "enter", "enter"], id="two-enters"),
        # A key after Enter goes into neither name ("Jonas3" was once saved).
        pytest.param([*"Maya", "tab", *"Jonas", "enter", "3"], id="a-key-after-enter"),
    ],
)
async def test_names_and_enter_in_one_burst_begin_once_with_both_names(make_app: MakeApp, burst: list[str]) -> None:
    """Enter is a priority key, handled as it arrives: the letters before it may not
    have reached their boxes yet, and the names are read only once they have."""
    app = make_app(partners=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, NamesScreen)
        send_all_at_once(app, burst)
        await on_screen(pilot, CheckinScreen)
        await until(pilot, lambda: getattr(app.focused, "id", None) == "closeness-0", "the first step")
        assert app.screen.session.partners == ("Maya", "Jonas")
        assert app.is_running
