"""A locked journal, end to end: the standard `age` tool reads what reconnect wrote,
and a check-in runs on a locked journal behind its unlock screen.

The passphrase reaches `age` through a real terminal (tmux), as a person types it.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import fill_journal
from terminal import RECONNECT, Terminal, needs_tmux

pytestmark = [
    pytest.mark.e2e,
    needs_tmux(),
    pytest.mark.skipif(
        shutil.which("age") is None and os.environ.get("CI") != "true", reason="the age tool is not installed"
    ),
]

PASSPHRASE = "salt on the window"


@pytest.fixture
def terminal(private_home: Path) -> Iterator[Terminal]:
    term = Terminal(private_home)
    yield term
    term.close()


def reconnect(home: Path, *args: str, passphrase: str | None = PASSPHRASE) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("RECONNECT_")}
    env["RECONNECT_HOME"] = str(home)
    if passphrase is not None:
        env["RECONNECT_PASSPHRASE_COMMAND"] = f"printf '%s\\n' {shlex.quote(passphrase)}"
    return subprocess.run([RECONNECT, *args], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)


def age_decrypt(terminal: Terminal, identity: Path, encrypted: Path, output: Path) -> dict:
    """`age -d -i <identity.age> <file>` in a terminal, typing the passphrase when asked."""
    assert shutil.which("age"), "the age tool is needed (Debian: apt-get install age)"
    command = f"age -d -i {shlex.quote(str(identity))} -o {shlex.quote(str(output))} {shlex.quote(str(encrypted))}"
    terminal.start(command)
    terminal.wait_for("passphrase", timeout=20)
    terminal.type(PASSPHRASE, pause=0.1)
    terminal.keys("Enter")
    terminal.wait_until_exited(timeout=60)
    assert output.exists(), terminal.text()
    return json.loads(output.read_text())


def test_the_age_tool_reads_an_entry_reconnect_wrote(terminal: Terminal, private_home: Path, tmp_path: Path) -> None:
    fill_journal(private_home / "journal", 3)
    locked = reconnect(private_home, "lock", "--no-recovery-key")
    assert locked.returncode == 0, locked.stderr
    entry_file = sorted((private_home / "journal").rglob("*.json.age"))[-1]
    assert b"A quiet walk" not in entry_file.read_bytes()

    exported = reconnect(private_home, "export")
    assert exported.returncode == 0, exported.stderr
    by_id = {entry["id"]: entry for entry in json.loads(exported.stdout)["entries"]}

    opened = age_decrypt(terminal, private_home / "journal" / "identity.age", entry_file, tmp_path / "entry.json")
    assert opened == by_id[opened["id"]]
    assert entry_file.name == f"{opened['id']}.json.age"


def test_an_encrypted_export_opens_with_age_and_its_passphrase(
    terminal: Terminal, private_home: Path, tmp_path: Path
) -> None:
    fill_journal(private_home / "journal", 2)
    target = tmp_path / "journal-export.age"
    made = reconnect(private_home, "export", "--encrypt", "--output", str(target))
    assert made.returncode == 0, made.stderr
    plain = reconnect(private_home, "export", passphrase=None).stdout
    command = f"age -d -o {shlex.quote(str(tmp_path / 'out.json'))} {shlex.quote(str(target))}"
    terminal.start(command)
    terminal.wait_for("passphrase", timeout=20)
    terminal.type(PASSPHRASE, pause=0.1)
    terminal.keys("Enter")
    terminal.wait_until_exited(timeout=60)
    assert (tmp_path / "out.json").read_text() == plain


def test_a_check_in_on_a_locked_journal(terminal: Terminal, private_home: Path, tmp_path: Path) -> None:
    fill_journal(private_home / "journal", 1)
    assert reconnect(private_home, "lock", "--no-recovery-key").returncode == 0
    terminal.start_reconnect("checkin", "--partners", "Alex,Sam")
    terminal.wait_for("Your journal is locked")
    terminal.type("not the passphrase", pause=0.1)
    terminal.keys("Enter")
    terminal.wait_for("Try again (2 left)", timeout=30)
    terminal.type(PASSPHRASE, pause=0.1)
    terminal.keys("Enter")
    terminal.wait_for("How close do you each feel", timeout=30)
    terminal.keys("C-n")
    terminal.wait_for("Since last time")  # the entry written before locking was read
    terminal.keys("C-n")
    terminal.wait_for("Prompt 1 of")
    terminal.type("Lanterns along the harbour wall")
    terminal.keys("Tab")
    terminal.type("Soup on a cold night")
    terminal.keys("C-s")
    terminal.wait_for("Finish and save now?")
    terminal.keys("Enter")
    terminal.wait_for("Saved. Thank you")
    terminal.keys("Enter")
    terminal.wait_until_exited()
    terminal.close()

    secret = b"Lanterns along the harbour wall"
    assert [p for p in private_home.rglob("*") if p.is_file() and secret in p.read_bytes()] == []
    entries = sorted((private_home / "journal").rglob("*/*/*.json.age"))  # year/month/entry
    assert len(entries) == 2 and not list((private_home / "journal").rglob("*.json"))
    assert (private_home / "journal" / "people.json.age").is_file()  # the names are locked too
    assert not [p for p in (private_home / "drafts").iterdir() if p.name.startswith("checkin.json")]

    reader = Terminal(private_home)
    try:
        newest = max(entries, key=lambda p: p.stat().st_mtime_ns)
        opened = age_decrypt(reader, private_home / "journal" / "identity.age", newest, tmp_path / "new.json")
    finally:
        reader.close()
    answers = [answer.get("answer") for answer in opened["prompts"][0]["answers"]]
    assert answers == ["Lanterns along the harbour wall", "Soup on a cold night"]
