"""SVG snapshots of the main check-in screens at 80x24 and 120x40.

The clock is fixed, the cursor does not blink, and the entry id is fixed too, so
the only thing that can change a snapshot is the screen itself. (The summary names
the entry's place inside the journal folder, so the folder's own path never shows.)
Update them on purpose with: pytest tests/ui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import FIXED, Clock
from helpers import make_entry
from textual.pilot import Pilot

from reconnect_tui.core import session as session_module
from reconnect_tui.core.entry import FollowUp
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.paths import Paths
from reconnect_tui.core.workspace import Workspace
from reconnect_tui.ui.app import CheckinRequest, ReconnectApp, build_app
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.screens.history import HistoryScreen
from reconnect_tui.ui.screens.home import HomeScreen
from reconnect_tui.ui.screens.names import NamesScreen
from reconnect_tui.ui.screens.summary import SummaryScreen
from reconnect_tui.ui.screens.trends import TrendsScreen
from uihelpers import on_screen, until

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def snapshot_app(private_home: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., ReconnectApp]:
    monkeypatch.setattr(session_module, "new_entry_id", lambda started_at: "20261126-213000-snapshot")
    monkeypatch.setenv("HOME", str(private_home.parent))  # the journal's folder reads ~/home/journal in every run

    def make(partners: tuple[str, str] | None = ("Alex", "Sam"), start: str = "checkin",
             deck: str | None = None) -> ReconnectApp:
        workspace = Workspace.open(Paths.in_folder(private_home))
        return build_app(workspace, start=start, request=CheckinRequest(deck, partners, None), clock=Clock(),
                         cursor_blink=False)

    return make


@pytest.mark.parametrize("size", SIZES)
def test_welcome(snap_compare, snapshot_app, size) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        await on_screen(pilot, NamesScreen)
        await pilot.press(*"Alex")

    assert snap_compare(snapshot_app(partners=None), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_arriving(snap_compare, snapshot_app, size) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("right", "right", "right", "tab", "right", "right")

    assert snap_compare(snapshot_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_repair_first_step(snap_compare, snapshot_app, private_home, size) -> None:  # type: ignore[no-untyped-def]
    """The repair deck opens with its note of care, then asks whether both are calm enough."""
    Journal(private_home / "journal").save(make_entry(FIXED - timedelta(days=2), "before", intentions=(None, None)))

    async def ready(pilot: Pilot) -> None:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("right", "right", "tab", "right", "right", "right")

    assert snap_compare(snapshot_app(deck="repair"), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_repair_asks_first_if_both_are_ready(snap_compare, snapshot_app, private_home, size) -> None:  # type: ignore[no-untyped-def]
    Journal(private_home / "journal").save(make_entry(FIXED - timedelta(days=2), "before", intentions=(None, None)))

    async def ready(pilot: Pilot) -> None:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: pilot.app.screen.session.step.prompt_index == 0, "the first prompt")  # type: ignore[attr-defined]

    assert snap_compare(snapshot_app(deck="repair"), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_prompt_with_answers(snap_compare, snapshot_app, size) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"A quiet walk by the river, and your laugh at dinner.", "tab")
        await pilot.press(*"Coffee in bed.")

    assert snap_compare(snapshot_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_closing(snap_compare, snapshot_app, size) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        await on_screen(pilot, CheckinScreen)
        screen = pilot.app.screen
        while not screen.session.is_last_step:  # type: ignore[attr-defined]
            await pilot.press("ctrl+n")
        await pilot.press(*"Thank you for dinner")

    assert snap_compare(snapshot_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare, snapshot_app, size) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot) -> None:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("right", "right", "right", "tab", "right", "right", "ctrl+n", *"A walk", "ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)

    assert snap_compare(snapshot_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_summary_after_a_lower_now(snap_compare, snapshot_app, size) -> None:  # type: ignore[no-untyped-def]
    """After a hard talk one of you feels less close: the summary says that is normal."""
    entry = make_entry(FIXED, "20261126-213000-snapshot", closeness=((4, 3), (3, 3)),
                       intentions=("If you hurt them: keep one small promise from today, on time", None),
                       deck=("repair", "Repairing a hurt"))

    async def ready(pilot: Pilot) -> None:
        await on_screen(pilot, HomeScreen)
        await pilot.app.push_screen(SummaryScreen(entry, "Kept privately in your journal folder as 2026/11/x.json.",
                                                  30, on_done=lambda: None))
        await on_screen(pilot, SummaryScreen)

    assert snap_compare(snapshot_app(start="home"), terminal_size=size, run_before=ready)


def small_journal(home: Path) -> None:
    """Eight check-ins, a week apart, with a gesture followed up now and then."""
    journal = Journal(home / "journal")
    for number in range(8):
        started = FIXED - timedelta(days=4 + 7 * (7 - number))
        follow = (FollowUp("Cook together", "yes" if number % 2 else "partly"), None) if number else (None, None)
        journal.save(make_entry(started, f"snapshot-{number}", answers=(f"A small good thing, number {number}", None),
                                closeness=((2 + number % 3, 4), (3, 3 + number % 2)), follow_ups=follow))


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, snapshot_app, private_home, size) -> None:  # type: ignore[no-untyped-def]
    small_journal(private_home)

    async def ready(pilot: Pilot) -> None:
        await on_screen(pilot, HomeScreen)
        await until(pilot, lambda: any(w.display for w in pilot.app.screen.query("#home-gestures")), "the gestures")
        await pilot.pause(0.3)

    assert snap_compare(snapshot_app(start="home"), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare, snapshot_app, private_home, size) -> None:  # type: ignore[no-untyped-def]
    small_journal(private_home)

    async def ready(pilot: Pilot) -> None:
        await on_screen(pilot, HistoryScreen)
        await until(pilot, lambda: pilot.app.screen.index is not None, "the journal")  # type: ignore[attr-defined]
        await pilot.press("down")

    assert snap_compare(snapshot_app(start="history"), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_trends(snap_compare, snapshot_app, private_home, size) -> None:  # type: ignore[no-untyped-def]
    small_journal(private_home)

    async def ready(pilot: Pilot) -> None:
        await on_screen(pilot, HomeScreen)
        await pilot.press("o")
        await on_screen(pilot, TrendsScreen)
        await until(pilot, lambda: len(pilot.app.screen.query("ClosenessChart")) == 1, "the chart")

    assert snap_compare(snapshot_app(start="home"), terminal_size=size, run_before=ready)
