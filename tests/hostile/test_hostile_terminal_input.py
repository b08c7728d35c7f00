"""A screen started without a terminal to read keys from stops with one line, at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("command", [["history"], [], ["checkin", "--partners", "Alex,Sam"]])
def test_a_screen_with_no_terminal_for_input_says_so_and_stops(private_home: Path, command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reconnect_tui", *command],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
        env={**os.environ, "RECONNECT_HOME": str(private_home)},
    )
    assert result.returncode == 1
    assert "needs a terminal" in result.stderr
    assert not (private_home / "drafts" / "checkin.json").exists()
