"""The swapped-order couple in a real terminal: gestures, follow-up, history and export follow the person."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from helpers import make_entry
from terminal import RECONNECT, Terminal, needs_tmux

from reconnect_tui.core.journal import Journal
from reconnect_tui.core.people import PeopleStore

pytestmark = [pytest.mark.e2e, needs_tmux()]


@pytest.fixture
def terminal(private_home: Path) -> Iterator[Terminal]:
    term = Terminal(private_home)
    yield term
    term.close()


def test_names_the_other_way_round(terminal: Terminal, private_home: Path) -> None:
    journal = Journal(private_home / "journal")
    yesterday = datetime.now().astimezone() - timedelta(days=1)
    journal.save(make_entry(yesterday, "yesterday", names=("Maya", "Jonas"), closeness=((1, 2), (5, 4)),
                            intentions=("Make Jonas tea", "Take Maya for a walk")))
    terminal.start_reconnect("checkin", "--partners", "Jonas,Maya")
    terminal.wait_for("How close do you each feel")
    terminal.keys("C-n")
    screen = terminal.wait_for("Take Maya for a walk")
    assert "Make Jonas tea" in screen
    assert screen.index("Take Maya for a walk") < screen.index("Make Jonas tea")  # Jonas's pane comes first
    terminal.keys("3")  # Jonas: not yet; he carries it on to next time
    terminal.wait_for("Carry it on to next time")
    terminal.keys("Tab", "Tab", "Space")
    terminal.keys("C-s")
    terminal.wait_for("Finish and save now?")
    terminal.keys("Enter")
    terminal.wait_for("Saved")
    terminal.keys("Enter")
    terminal.wait_until_exited()

    today = max(journal.load().entries, key=lambda e: e.started_at)
    jonas, maya = today.partners
    assert (jonas.name, maya.name) == ("Jonas", "Maya")
    assert jonas.follow_up is not None and jonas.follow_up.intention == "Take Maya for a walk"
    assert maya.follow_up is not None and maya.follow_up.intention == "Make Jonas tea"
    assert jonas.follow_up.result == "not_yet" and jonas.follow_up.carried and not maya.follow_up.carried
    people = PeopleStore(private_home / "journal")
    assert (jonas.person_id, maya.person_id) == (people.find("Jonas").id, people.find("Maya").id)  # type: ignore[union-attr]

    exported = subprocess.run(f"{RECONNECT} export --format json", shell=True, capture_output=True, text=True,
                              env=terminal_env(private_home), check=True).stdout
    saved = next(e for e in json.loads(exported)["entries"] if e["id"] == today.id)
    assert [(p["name"], p["follow_up"]["intention"]) for p in saved["partners"]] == [
        ("Jonas", "Take Maya for a walk"), ("Maya", "Make Jonas tea")]

    # The next time, in the first order again: Jonas is asked about his walk once more.
    again = Terminal(private_home)
    try:
        again.start_reconnect("checkin", "--partners", "Maya,Jonas")
        again.wait_for("How close do you each feel")
        again.keys("C-n")
        screen = again.wait_for("Take Maya for a walk")
        assert "Make Jonas tea" not in screen and "Nothing to look back on" in screen
        again.keys("C-q")
        again.wait_until_exited()
    finally:
        again.close()


def terminal_env(home: Path) -> dict[str, str]:
    import os

    return {**os.environ, "RECONNECT_HOME": str(home)}
