"""The commands that open a screen, up to the screen itself (which tests/ui drives)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reconnect_tui.cli import opening
from reconnect_tui.cli.commands import app
from reconnect_tui.ui.app import ReconnectApp

runner = CliRunner()


@pytest.fixture
def screen_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Each screen's run, as how many objects the garbage collector had set aside at that moment."""
    runs: list[int] = []
    monkeypatch.setattr(opening, "need_terminal", lambda command: None)
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


RUN_MAIN = """
import sys
sys.argv = ["reconnect", *sys.argv[1:]]
from reconnect_tui.cli import main
try:
    main()
finally:
    print("typer loaded" if "typer" in sys.modules else "typer not loaded")
"""


def reconnect(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The console script in a fresh process, its input not a terminal (so no screen opens)."""
    return subprocess.run([sys.executable, "-c", RUN_MAIN, *args], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "RECONNECT_HOME": str(home)})


@pytest.mark.parametrize(("args", "command"), [((), "reconnect"), (("checkin",), "reconnect checkin")])
def test_the_everyday_ways_in_start_without_typer(args: tuple[str, ...], command: str, tmp_path: Path) -> None:
    run = reconnect(*args, home=tmp_path / "home")
    assert run.returncode == 1
    assert run.stderr == f"reconnect: {command} opens a screen and needs a terminal to type in; its input here is not one\n"
    assert run.stdout == "typer not loaded\n"


def test_with_an_option_typer_reads_the_line_and_says_the_same(tmp_path: Path) -> None:
    fast, typed = reconnect("checkin", home=tmp_path / "a"), reconnect("checkin", "--minutes", "10", home=tmp_path / "b")
    assert typed.stdout == "typer loaded\n"
    assert (typed.returncode, typed.stderr) == (fast.returncode, fast.stderr)
    helped = reconnect("checkin", "--help", home=tmp_path / "c")
    assert helped.returncode == 0 and "--partners" in helped.stdout


def test_a_failure_before_the_screen_is_one_line_either_way(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.write_text("a file where the folder should be", encoding="utf-8")
    fast, typed = reconnect("checkin", home=home), reconnect("checkin", "--minutes", "10", home=home)
    assert fast.returncode == typed.returncode == 1
    assert fast.stderr == typed.stderr and fast.stderr.startswith("reconnect: ") and fast.stderr.count("\n") == 1
    assert "Traceback" not in fast.stderr


def test_ctrl_c_before_the_screen_stops_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from reconnect_tui.cli import start

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(opening, "open_checkin", interrupted)
    monkeypatch.setattr(sys, "argv", ["reconnect", "checkin"])
    with pytest.raises(SystemExit) as stopped:
        start.main()
    assert stopped.value.code == 1 and capsys.readouterr().err == "\nAborted!\n"
