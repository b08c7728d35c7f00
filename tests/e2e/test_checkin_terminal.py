"""The installed `reconnect checkin` in a real terminal, as a couple would use it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal import RECONNECT, Terminal, needs_tmux

from reconnect_tui.core.drafts import DraftStore
from reconnect_tui.core.journal import Journal

pytestmark = [pytest.mark.e2e, needs_tmux()]


@pytest.fixture
def terminal(private_home: Path) -> Iterator[Terminal]:
    term = Terminal(private_home)
    yield term
    term.close()


def typed_draft(home: Path) -> dict | None:
    return DraftStore(home / "drafts").load()


def test_a_check_in_typed_and_saved(terminal: Terminal, private_home: Path) -> None:
    terminal.start_reconnect("checkin", "--partners", "Alex,Sam")
    terminal.wait_for("How close do you each feel")
    terminal.keys("Right", "Right", "Right", "Tab", "Right", "Right", "C-n")
    terminal.wait_for("Prompt 1 of 7")
    terminal.type("A quiet walk by the river")
    terminal.keys("Tab")
    terminal.type("Tea in bed")
    terminal.keys("C-s")
    terminal.wait_for("Finish and save now?")
    terminal.keys("Enter")
    terminal.wait_for("Saved. Thank you")
    terminal.keys("Enter")
    terminal.wait_until_exited()

    (entry,) = Journal(private_home / "journal").load().entries
    assert [a.value for a in entry.prompts[0].answers] == ["A quiet walk by the river", "Tea in bed"]
    assert [p.closeness_before for p in entry.partners] == [3, 2]
    assert typed_draft(private_home) is None


def test_sigkill_after_typing_loses_nothing(terminal: Terminal, private_home: Path) -> None:
    terminal.start_reconnect("checkin", "--partners", "Alex,Sam")
    terminal.wait_for("How close do you each feel")
    terminal.keys("C-n")
    terminal.wait_for("Prompt 1 of 7")
    terminal.type("Words typed a moment before the power went")
    time.sleep(1.2)  # the draft is written within about a second of a change
    os.kill(terminal.pid(), signal.SIGKILL)
    terminal.wait_until_exited()

    again = Terminal(private_home)
    try:
        again.start_reconnect("checkin")
        again.wait_for("Welcome back")
        again.keys("Enter")
        again.wait_for("Prompt 1 of 7")
        assert "Words typed a moment before the power went" in again.text()
    finally:
        again.close()


def test_sigterm_keeps_the_draft_and_leaves_the_terminal_usable(
    terminal: Terminal, private_home: Path, tmp_path: Path
) -> None:
    settings = tmp_path / "stty.txt"
    said = tmp_path / "said.txt"
    terminal.start(f"{RECONNECT} checkin --partners 'Alex,Sam' > {said}; stty -a > {settings}")
    terminal.wait_for("How close do you each feel")
    terminal.keys("C-n")
    terminal.wait_for("Prompt 1 of 7")
    terminal.type("Asked to stop")
    os.kill(terminal.child_pid(), signal.SIGTERM)
    terminal.wait_until_exited()
    assert typed_draft(private_home)["answers"][0][0]["value"] == "Asked to stop"
    modes = settings.read_text()
    assert " icanon" in modes and " echo" in modes  # back in the usual cooked mode
    assert "kept as a draft" in said.read_text()


def test_closing_the_terminal_window_keeps_the_draft(terminal: Terminal, private_home: Path) -> None:
    terminal.start_reconnect("checkin", "--partners", "Alex,Sam")
    terminal.wait_for("How close do you each feel")
    terminal.keys("C-n")
    terminal.wait_for("Prompt 1 of 7")
    terminal.type("The window was closed")
    pid = terminal.pid()
    terminal.close()  # the terminal goes away: the app gets SIGHUP
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    assert typed_draft(private_home)["answers"][0][0]["value"] == "The window was closed"


def test_a_second_check_in_is_told_the_first_is_open(terminal: Terminal, private_home: Path) -> None:
    terminal.start_reconnect("checkin", "--partners", "Alex,Sam")
    terminal.wait_for("How close do you each feel")
    second = subprocess.run([RECONNECT, "checkin"], capture_output=True, text=True, timeout=20,
                            env={**os.environ, "RECONNECT_HOME": str(private_home)})
    assert second.returncode == 1
    assert "already open" in second.stderr
    terminal.keys("C-q")
    terminal.wait_until_exited()
