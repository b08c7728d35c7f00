"""A locked journal in the app: the unlock screen, and no plain copies from the screens.

Each passphrase tried here costs one scrypt (a second or more on a busy machine).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import make_entry
from lockhelp import RIGHT, _session_key, journal_key, lock_with, no_cached_keys, wrapped  # noqa: F401  (fixtures)
from textual.pilot import Pilot
from textual.widgets import Input

from reconnect_tui.core.journal import Journal
from reconnect_tui.core.lockbox import Key
from reconnect_tui.core.paths import Paths
from reconnect_tui.core.workspace import Workspace
from reconnect_tui.ui.app import ReconnectApp, build_app
from reconnect_tui.ui.screens.export import ExportScreen
from reconnect_tui.ui.screens.history import HistoryScreen
from reconnect_tui.ui.screens.home import HomeScreen
from reconnect_tui.ui.screens.unlock import UnlockScreen
from uihelpers import on_screen, shown

SECRET = "the blue door on Elm Street"


@pytest.fixture
def locked(private_home: Path, wrapped: bytes, journal_key: Key) -> Paths:  # noqa: F811
    paths = Paths.in_folder(private_home).ensure()
    lock_with(paths.journal_dir, wrapped, journal_key)
    Journal(paths.journal_dir, journal_key).save(make_entry(answers=(SECRET, None)))
    return paths


async def wait_for(pilot: Pilot, check: Callable[[], bool], what: str) -> None:
    """Longer than the usual wait: scrypt may take seconds on a busy machine."""
    for _ in range(1500):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def app_for(paths: Paths, start: str, key: Key | None = None, clock: Callable | None = None) -> ReconnectApp:
    kwargs = {"clock": clock} if clock else {}
    return build_app(Workspace.open(paths, key), start=start, cursor_blink=False, **kwargs)


async def test_the_unlock_screen_opens_the_journal_after_a_wrong_try(locked: Paths, clock) -> None:
    app = app_for(locked, "history", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, UnlockScreen)
        assert "Your journal is locked" in shown(app.screen.query_one(".dialog-title"))
        field = app.screen.query_one("#passphrase", Input)
        assert field.password and app.focused is field
        await pilot.press(*"not it", "enter")
        hint = app.screen.query_one("#unlock-hint")
        await wait_for(pilot, lambda: "Try again (2 left)" in shown(hint), "the second try")
        assert field.value == ""
        await pilot.press(*RIGHT, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), "the journal")
        assert app.workspace.journal.key is not None
        view = app.screen.query_one("#entry")
        await wait_for(pilot, lambda: SECRET in shown(view), "the entry")


async def test_three_wrong_tries_end_the_app_kindly(locked: Paths, private_home: Path) -> None:
    app = app_for(locked, "home")  # opening the workspace may write the deck cache, a speed-up
    before = sorted((p, p.stat().st_mtime_ns) for p in private_home.rglob("*"))
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, UnlockScreen)
        for attempt in range(3):
            field = app.screen.query_one("#passphrase", Input)
            await wait_for(pilot, lambda: not field.disabled, "the field")
            await pilot.press(*f"wrong {attempt}", "enter")
        await wait_for(pilot, lambda: app.return_code == 1, "the app to end")
    assert "did not open the journal three times" in (app.farewell or "")
    assert "nothing was changed" in (app.farewell or "")
    assert sorted((p, p.stat().st_mtime_ns) for p in private_home.rglob("*")) == before


async def test_a_journal_unlocked_before_the_screen_asks_nothing(locked: Paths, journal_key: Key) -> None:
    app = app_for(locked, "home", key=journal_key)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HomeScreen)


async def test_history_markdown_export_says_why_it_is_not_written_when_locked(
    locked: Paths, journal_key: Key, private_home: Path, clock
) -> None:
    app = app_for(locked, "history", key=journal_key, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HistoryScreen)
        await pilot.press("e")
        await on_screen(pilot, ExportScreen)
        text = " ".join(shown(w) for w in app.screen.query(".dialog-text"))
        assert "not written from here" in text and "reconnect export --encrypt" in text
        assert not app.screen.query("#export-path")
        await pilot.press("enter")
        await on_screen(pilot, HistoryScreen)
    assert [p for p in private_home.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()] == []
