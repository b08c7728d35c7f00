"""The app in a real pseudo-terminal: the raw bytes it writes hold no injected sequence.

A terminal consumes escape sequences (and tmux or an SVG never shows them), so the
bytes are read from the pty's master side directly. Textual writes escape codes
of its own; what must never appear is the payload planted in the data.
"""

from __future__ import annotations

import json
import os
import select
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import make_entry

from reconnect_tui.core.decks import Deck, Prompt
from reconnect_tui.core.drafts import DraftStore
from reconnect_tui.core.entry import Entry
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.session import CheckinSession

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a Unix pseudo-terminal")

OSC52_BEL = "\x1b]52;c;cHduZWQ=\x07"
OSC52_ST = "\x1b]52;c;cHduZWQ=\x1b\\"
INJECTED = [b"\x1b]52;c;cHduZWQ", b"\x1b]0;retitled", b"\x1b]2;retitled"]


def run_in_pty(home: Path, args: list[str], keys: list[bytes], ready: bytes, seconds: float = 60) -> bytes:
    """Start reconnect on a 100x30 pty, wait for `ready`, type `keys`, return everything written."""
    import fcntl
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "RECONNECT_HOME": str(home), "TERM": "xterm-256color", "COLORTERM": "truecolor"}
    child = subprocess.Popen([sys.executable, "-m", "reconnect_tui", *args], stdin=slave, stdout=slave,
                             stderr=slave, env=env, start_new_session=True, close_fds=True)
    os.close(slave)
    written = bytearray()
    deadline = time.monotonic() + seconds

    def pump(until: bytes | None, limit: float) -> None:
        end = min(deadline, time.monotonic() + limit)
        while time.monotonic() < end:
            readable, _, _ = select.select([master], [], [], 0.1)
            if readable:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                written.extend(chunk)
                if until is not None and until in written:
                    return
            elif child.poll() is not None:
                return

    try:
        pump(ready, seconds)
        assert ready in written, f"never saw {ready!r}"
        pump(None, 1.5)  # let every widget draw
        for key in keys:
            os.write(master, key)
            pump(None, 1.0)
        pump(None, 2.0)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        os.close(master)
    return bytes(written)


def plant_journal(home: Path) -> None:
    journal = Journal(home / "journal")
    for number, payload in enumerate((OSC52_BEL, OSC52_ST, "\x1b]0;retitled\x07")):
        entry = make_entry(
            entry_id=f"20261126-21300{number}-aaaaaa",
            names=(f"Alex{payload}", f"Sam{payload}"),
            answers=(f"Answer{payload}", None),
            intentions=(f"Gesture{payload}", None),
            deck=("bedtime", f"Bedtime{payload}"),
        )
        journal.save(entry)
    # A prompt passed again and again: its text reaches the gentle signals.
    for number in range(4):
        data = make_entry(entry_id=f"20261120-21000{number}-bbbbbb").to_dict()
        data["prompts"][0]["text"] = f"Passed prompt{OSC52_ST}"
        data["prompts"][0]["answers"] = [{"status": "passed"}, {"status": "passed"}]
        journal.save(Entry.from_dict(data))


def test_history_writes_no_injected_sequence(private_home: Path) -> None:
    plant_journal(private_home)
    written = run_in_pty(private_home, ["history"], [b"\x1b[B", b"\x1b[B", b"\x1b"], ready=b"check-in")
    assert b"Answer" in written or b"Bedtime" in written
    assert not any(bad in written for bad in INJECTED)


def test_home_and_over_time_write_no_injected_sequence(private_home: Path) -> None:
    plant_journal(private_home)
    written = run_in_pty(private_home, [], [b"o", b"\x1b", b"\x11"], ready=b"Start a check-in")
    assert not any(bad in written for bad in INJECTED)


def test_a_planted_draft_writes_no_injected_sequence(private_home: Path) -> None:
    deck = Deck("evil", f"Evil deck{OSC52_ST}", "d", 10, "open", (Prompt("p", f"Prompt{OSC52_BEL}?", tip=f"tip{OSC52_ST}"),),
                note=f"note{OSC52_BEL}")
    session = CheckinSession(deck=deck, partners=(f"Alex{OSC52_BEL}", "Sam"),
                             started_at=make_entry().started_at, previous_intentions=(f"Cook{OSC52_ST}", None))
    session.set_closeness("before", 0, 3)
    store = DraftStore(private_home / "drafts")
    store.save(session.to_dict(), session.started_at)
    written = run_in_pty(private_home, ["checkin"], [b"\r", b"\x0e", b"\x0e", b"\x11"], ready=b"Welcome back")
    assert not any(bad in written for bad in INJECTED)


def plant_parked_talk(home: Path) -> None:
    """A parked blind-and-turns talk whose words are all hostile, written as a file would hold them."""
    from datetime import timedelta

    from reconnect_tui.core.parking import ParkedTalks

    started = make_entry().started_at
    deck = Deck("bedtime", "Bedtime", "d", 10, "blind",
                (Prompt("p1", "First?", tip="tip"), Prompt("p2", "Second?", mode="turns")), note="note")
    session = CheckinSession(deck=deck, partners=("Alex", "Sam"), started_at=started)
    path = ParkedTalks(home / "drafts").park(session.to_dict(), started + timedelta(minutes=5), "after tea")
    data = json.loads(path.read_text())
    data["session"]["partners"] = [f"Alex{OSC52_BEL}", f"Sam{OSC52_ST}"]
    data["session"]["deck"].update(title=f"Evil deck{OSC52_ST}", note=f"note{OSC52_BEL}")
    data["session"]["deck"]["prompts"][0].update(text=f"First{OSC52_BEL}?", tip=f"tip\x1b]0;retitled\x07")
    data["session"]["deck"]["prompts"][1]["text"] = f"Second{OSC52_ST}?"
    data["parked"]["come_back"] = f"after tea{OSC52_BEL}\x1b]2;retitled\x07"
    path.write_text(json.dumps(data))


def test_home_with_a_parked_talk_and_the_appreciations_write_no_injected_sequence(private_home: Path) -> None:
    plant_journal(private_home)
    plant_parked_talk(private_home)
    written = run_in_pty(private_home, [], [b"p", b"\x1b", b"\x11"], ready=b"Parked talks")
    assert b"What you have appreciated" in written
    assert not any(bad in written for bad in INJECTED)


def test_a_parked_talk_through_hand_over_reveal_and_turns_writes_no_injected_sequence(private_home: Path) -> None:
    plant_parked_talk(private_home)
    keys = [
        b"\r",  # resume it
        b"\r", b"\x0e",  # Alex's private rating: start, done
        b"\r", b"\x0e",  # Sam's
        b"\r",  # reveal together
        b"\x0e", b"\r", b"mine", b"\x0e",  # prompt 1, blind: Alex's turn
        b"\r", b"yours", b"\x0e", b"\r",  # Sam's turn, then reveal
        b"\x0e", b"I spoke", b"\x0e", b"I heard you", b"\x0e",  # prompt 2 in turns: speak, reflect
        b"\x07",  # Ctrl+G: the break dialog
        b"\x1b", b"\x13", b"\r", b"\r",  # save now, and done
    ]
    written = run_in_pty(private_home, ["checkin", "--deck", "bedtime"], keys, ready=b"Pick up your parked talk",
                         seconds=120)
    assert b"Evil deck" in written and b"look away" in written and b"is that what you meant" in written
    assert not any(bad in written for bad in INJECTED)
