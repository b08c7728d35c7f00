"""The commands that open a screen, up to the screen itself (which tests/ui drives)."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reconnect_tui.cli import app, screens
from reconnect_tui.ui.app import ReconnectApp

runner = CliRunner()


@pytest.fixture
def screen_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Each screen's run, as how many objects the garbage collector had set aside at that moment."""
    runs: list[int] = []
    monkeypatch.setattr(screens, "need_terminal", lambda command: None)
    monkeypatch.setattr(ReconnectApp, "run", lambda self, *args, **kwargs: runs.append(gc.get_freeze_count()))
    gc.unfreeze()
    yield runs
    gc.unfreeze()  # the rest of the test run collects as usual


@pytest.mark.parametrize("command", [["checkin", "--partners", "Alex,Sam"], ["history"], []])
def test_a_screen_starts_with_the_start_up_objects_set_aside(screen_runs: list[int], command: list[str],
                                                             private_home: Path) -> None:
    result = runner.invoke(app, command, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(screen_runs) == 1 and screen_runs[0] > 10_000  # the modules and classes loaded so far


def test_starting_a_check_in_loads_nothing_it_does_not_use() -> None:
    """What every start imports is paid on every start: `secrets` (hmac, hashlib) was
    loaded for random names, which os.urandom gives as well."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, reconnect_tui.cli, reconnect_tui.ui.app, reconnect_tui.core.workspace\n"
         "print(' '.join(sorted(m for m in ('secrets', 'hmac', 'hashlib') if m in sys.modules)))"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout.split()
    assert loaded == []
