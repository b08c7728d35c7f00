"""`reconnect history` in a real terminal, on ten years of nightly check-ins."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal import RECONNECT, Terminal, needs_tmux

from reconnect_tui.core.exchange import to_json

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from sample_journal import sample_entries  # noqa: E402

pytestmark = [pytest.mark.e2e, needs_tmux()]


@pytest.fixture
def terminal(private_home: Path) -> Iterator[Terminal]:
    term = Terminal(private_home, width=120, height=40)
    yield term
    term.close()


def test_ten_years_imported_then_browsed_and_searched(terminal: Terminal, private_home: Path, tmp_path: Path) -> None:
    export = tmp_path / "ten-years.json"
    export.write_text(to_json(sample_entries(3650)))
    imported = subprocess.run([RECONNECT, "import", str(export)], capture_output=True, text=True, timeout=120,
                              env={"RECONNECT_HOME": str(private_home), "PATH": "/usr/bin:/bin"})
    assert imported.returncode == 0, imported.stderr
    assert "Added 3650 check-ins" in imported.stdout

    terminal.start_reconnect("history")
    terminal.wait_for("3,650 check-ins", timeout=20)
    terminal.keys("Down", "Down")
    terminal.keys("/")
    terminal.type("sunset quiet")  # no entry holds both words
    terminal.wait_for("0 of 3,650 check-ins")
    terminal.keys("C-u")
    terminal.type("garden")
    screen = terminal.wait_for(" of 3,650 check-ins")
    assert "garden" in screen.lower()
    terminal.keys("Escape")  # out of the search box
    terminal.keys("Escape")  # and out of the journal
    terminal.wait_until_exited()
