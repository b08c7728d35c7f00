"""Hostile timing and input against the installed app in a real terminal."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal import RECONNECT, Terminal, needs_tmux

from reconnect_tui.core.drafts import DraftStore

pytestmark = [pytest.mark.e2e, needs_tmux()]


@pytest.fixture
def terminal(private_home: Path) -> Iterator[Terminal]:
    term = Terminal(private_home)
    yield term
    term.close()


def test_sigint_right_after_typing_keeps_the_last_words(terminal: Terminal, private_home: Path, tmp_path: Path) -> None:
    said = tmp_path / "said.txt"
    terminal.start(f"{RECONNECT} checkin --partners 'Alex,Sam' > {said}")
    terminal.wait_for("How close do you each feel")
    terminal.keys("C-n")
    terminal.wait_for("Prompt 1 of 7")
    terminal.type("Interrupted at once", pause=0.05)
    os.kill(terminal.child_pid(), signal.SIGINT)
    terminal.wait_until_exited()
    session = DraftStore(private_home / "drafts").load()
    assert session is not None and session["answers"][0][0]["value"] == "Interrupted at once"
    assert "kept as a draft" in said.read_text()


def test_sigterm_on_home_does_not_claim_a_draft(terminal: Terminal, private_home: Path, tmp_path: Path) -> None:
    said = tmp_path / "said.txt"
    terminal.start(f"{RECONNECT} > {said}")
    terminal.wait_for("Start a check-in")
    os.kill(terminal.child_pid(), signal.SIGTERM)
    terminal.wait_until_exited()
    assert "draft" not in said.read_text()
    assert DraftStore(private_home / "drafts").load() is None
