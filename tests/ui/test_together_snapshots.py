"""SVG snapshots of talking together at 80x24 and 120x40: the hand-over, a private turn
with the other pane waiting, the reveal, a turns step and the break screen.

Update them on purpose with: pytest tests/ui/test_together_snapshots.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Clock
from textual.pilot import Pilot

from reconnect_tui.core import session as session_module
from reconnect_tui.core.paths import Paths
from reconnect_tui.core.together import Phase
from reconnect_tui.core.workspace import Workspace
from reconnect_tui.ui.app import CheckinRequest, ReconnectApp, build_app
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.screens.together_dialogs import BreakScreen
from uihelpers import on_screen, until

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def together_app(private_home: Path, together_deck: str, monkeypatch: pytest.MonkeyPatch) -> Callable[[], ReconnectApp]:
    monkeypatch.setattr(session_module, "new_entry_id", lambda started_at: "20261126-213000-snapshot")

    def make() -> ReconnectApp:
        workspace = Workspace.open(Paths.in_folder(private_home))
        return build_app(workspace, start="checkin", request=CheckinRequest(together_deck, ("Alex", "Sam"), None),
                         clock=Clock(), cursor_blink=False)

    return make


async def to_phase(pilot: Pilot, wanted: Phase) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, CheckinScreen)
    await until(pilot, lambda: screen.session.phase is wanted, wanted.value)


async def to_first_prompt(pilot: Pilot) -> None:
    await on_screen(pilot, CheckinScreen)
    await pilot.press("enter", "3", "ctrl+n", "enter", "4", "ctrl+n", "ctrl+r")
    await to_phase(pilot, Phase.REVEALED)
    await pilot.press("ctrl+n")
    await to_phase(pilot, Phase.HANDOVER)


@pytest.mark.parametrize("size", SIZES)
def test_hand_over(snap_compare, together_app, size) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        await to_first_prompt(pilot)

    assert snap_compare(together_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_private_turn_with_the_other_pane_waiting(snap_compare, together_app, size) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        await to_first_prompt(pilot)
        await pilot.press("enter", *"Tired, and glad it is Friday.", "ctrl+n", "enter")
        await to_phase(pilot, Phase.PRIVATE)
        await pilot.press(*"Still thinking about")

    assert snap_compare(together_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_reveal(snap_compare, together_app, size) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        await to_first_prompt(pilot)
        await pilot.press("enter", *"Tired, and glad it is Friday.", "ctrl+n", "enter")
        await to_phase(pilot, Phase.PRIVATE)
        await pilot.press(*"Still thinking about the call with my sister.", "ctrl+n", "ctrl+r")
        await to_phase(pilot, Phase.REVEALED)

    assert snap_compare(together_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_turns_step(snap_compare, together_app, size) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        await to_first_prompt(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, CheckinScreen)
        while screen.session.step.prompt_index != 2:
            await pilot.press("ctrl+n")
            await pilot.pause()
        await to_phase(pilot, Phase.SPEAK)
        await pilot.press(*"I felt alone when you worked all Sunday.", "ctrl+n")
        await to_phase(pilot, Phase.REFLECT)
        await pilot.press(*"You felt alone on Sunday while I worked.")

    assert snap_compare(together_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_break_screen(snap_compare, together_app, size) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        await to_first_prompt(pilot)
        await pilot.press("ctrl+g")
        await on_screen(pilot, BreakScreen)
        await pilot.press(*"after a walk, at 8")

    assert snap_compare(together_app(), terminal_size=size, run_before=ready)
