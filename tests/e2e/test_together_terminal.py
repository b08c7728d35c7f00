"""Talking together in a real terminal: a blind check-in, said aloud, and a break that parks a talk.

Ctrl+R, Ctrl+O and Ctrl+G are sent through tmux as a terminal sends them, not only
through Pilot.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from terminal import RECONNECT, Terminal, needs_tmux

from reconnect_tui.core.journal import Journal

pytestmark = [pytest.mark.e2e, needs_tmux()]
SECRET = "Zebracornflower42"


@pytest.fixture
def terminal(private_home: Path) -> Iterator[Terminal]:
    term = Terminal(private_home)
    yield term
    term.close()


def entries(home: Path) -> list:
    return sorted(Journal(home / "journal").load().entries, key=lambda e: e.finished_at)


def test_a_blind_check_in_never_shows_one_answer_during_the_other_turn(
    terminal: Terminal, private_home: Path
) -> None:
    terminal.start_reconnect("checkin", "--partners", "Alex,Sam", "--mode", "blind")
    # The closeness ratings are private in a blind check-in.
    terminal.wait_for("Alex's turn")
    terminal.keys("Enter")
    terminal.wait_for("Just for you")
    terminal.keys("Right", "C-n")
    terminal.wait_for("Sam's turn")
    terminal.keys("Enter")
    terminal.wait_for("Just for you")
    terminal.keys("Right", "Right", "C-n")
    terminal.wait_for("Both of you have had your turn")
    terminal.keys("C-r")
    terminal.wait_for("How close do you each feel")
    terminal.keys("C-n")
    terminal.wait_for("Alex answers prompt 1 of")
    terminal.keys("Enter")
    terminal.wait_for("Prompt 1 of")
    terminal.type(SECRET)
    terminal.wait_for(SECRET)
    terminal.keys("C-n")
    screen = terminal.wait_for("Sam's turn")
    assert SECRET not in screen
    terminal.keys("Enter")
    screen = terminal.wait_for("It stays private")
    assert SECRET not in screen
    terminal.type("Sam wrote this")
    screen = terminal.wait_for("Sam wrote this")
    assert SECRET not in screen
    terminal.keys("C-n")
    screen = terminal.wait_for("Both of you have had your turn")
    assert SECRET not in screen and "Sam wrote this" not in screen
    terminal.keys("C-r")
    screen = terminal.wait_for(SECRET)
    assert "Sam wrote this" in screen
    terminal.keys("C-o")  # and they talked about it aloud too
    terminal.wait_for("Said aloud ✓")
    terminal.keys("C-s")
    terminal.wait_for("Finish and save now?")
    terminal.keys("Enter")
    terminal.wait_for("Saved. Thank you")
    terminal.keys("Enter")
    terminal.wait_until_exited()

    exported = subprocess.run([RECONNECT, "export", "--format", "json"], capture_output=True, text=True,
                              timeout=30, env={**os.environ, "RECONNECT_HOME": str(private_home)})
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    (entry,) = data["entries"] if isinstance(data, dict) else data
    assert entry["mode"] == "blind"
    first = entry["prompts"][0]
    assert first["mode"] == "blind" and first["revealed_at"]
    assert [a.get("answer") for a in first["answers"]] == [SECRET, "Sam wrote this"]
    assert [a["status"] for a in first["answers"]] == ["spoken", "spoken"]


def test_a_break_parks_the_talk_while_another_check_in_runs(terminal: Terminal, private_home: Path) -> None:
    terminal.start_reconnect("checkin", "--partners", "Alex,Sam")
    terminal.wait_for("How close do you each feel")
    terminal.keys("C-n")
    terminal.wait_for("Prompt 1 of 7")
    terminal.type("Said before the break")
    terminal.keys("C-g")
    terminal.wait_for("twenty minutes")
    terminal.type("after a walk")
    terminal.keys("Enter")
    terminal.wait_until_exited()
    assert "pick it up again" in terminal.text()

    home = Terminal(private_home)
    try:
        home.start_reconnect()
        screen = " ".join(home.wait_for("Let it go").split())  # the line may wrap
        assert "Bedtime check-in, at prompt 1 of 7" in screen and "after a walk" in screen, screen
        assert "Said before the break" not in screen
        home.keys("q")
        home.wait_until_exited()
    finally:
        home.close()

    other = Terminal(private_home)
    try:
        other.start_reconnect("checkin", "--deck", "play", "--partners", "Alex,Sam")
        other.wait_for("Parked and waiting for you")
        other.keys("C-n")
        other.type("A different talk meanwhile")
        other.keys("C-s")
        other.wait_for("Finish and save now?")
        other.keys("Enter")
        other.wait_for("Saved. Thank you")
        other.keys("Enter")
        other.wait_until_exited()
    finally:
        other.close()
    assert len(entries(private_home)) == 1

    back = Terminal(private_home)
    try:
        back.start_reconnect("checkin", "--deck", "bedtime", "--partners", "Alex,Sam")
        back.wait_for("Pick up your parked talk?")
        back.keys("Enter")
        back.wait_for("Said before the break")
        back.keys("C-s")
        back.wait_for("Finish and save now?")
        back.keys("Enter")
        back.wait_for("Saved. Thank you")
        back.keys("Enter")
        back.wait_until_exited()
    finally:
        back.close()
    first, resumed = entries(private_home)
    assert first.deck_id == "play" and resumed.deck_id == "bedtime"
    assert resumed.prompts[0].answers[0].value == "Said before the break"
    assert not list((private_home / "drafts").glob("parked-*.json"))
