"""`reconnect lock`, `unlock`, and the other commands on a locked journal.

Each command is a process of its own in real life, so the in-memory key cache is
emptied before every invocation here. Tests whose name ends in `_scrypt` pay for
age's passphrase encryption; the rest put a session-wide wrapped key on disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
from pathlib import Path

import pytest
from datetime import timedelta

from helpers import MOMENT, fill_journal, make_entry
from lockhelp import RIGHT, _session_key, journal_key, lock_with, wrapped  # noqa: F401  (fixtures)
from typer.testing import CliRunner

from reconnect_tui.cli.commands import app
from reconnect_tui.core import lockbox
from reconnect_tui.core.journal import Journal, encode
from reconnect_tui.core.lockbox import Key, Lockbox
from reconnect_tui.core.paths import Paths

runner = CliRunner()
PHRASE = "A quiet walk"  # in every entry fill_journal makes


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    lockbox._unlocked.clear()  # a new process: the key is asked for again
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        stat = path.lstat()
        digest.update(f"{path}:{stat.st_mode}:{stat.st_mtime_ns}:{stat.st_size}\n".encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def phrase_anywhere(home: Path, phrase: str = PHRASE) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file() and phrase.encode() in p.read_bytes()]


def use_command(monkeypatch: pytest.MonkeyPatch, passphrase: str) -> None:
    monkeypatch.setenv("RECONNECT_PASSPHRASE_COMMAND", f"printf '%s\\n' {shlex.quote(passphrase)}")


@pytest.fixture
def locked(paths: Paths, wrapped: bytes, journal_key: Key) -> Paths:  # noqa: F811
    """A journal of 12 entries, locked with the session's key (passphrase RIGHT)."""
    from reconnect_tui.core.locking import encrypt_files

    fill_journal(paths.journal_dir, 12)
    lock_with(paths.journal_dir, wrapped, journal_key)
    paths.drafts_dir.mkdir(parents=True, exist_ok=True)
    encrypt_files(paths.journal_dir, paths.drafts_dir, journal_key)
    return paths


def test_lock_asks_twice_warns_and_leaves_no_plaintext_scrypt(paths: Paths, private_home: Path) -> None:
    fill_journal(paths.journal_dir, 5)
    draft = paths.drafts_dir / "checkin.json"
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text(json.dumps({"draft_version": 1, "session": {"typing": PHRASE}}))
    assert phrase_anywhere(private_home)
    result = run("lock", "--no-recovery-key", input="sea glass\nsea glass\n")
    assert result.exit_code == 0, result.output
    assert "a lost passphrase means a lost journal" in result.stderr
    assert "Your journal is locked: 6 files encrypted." in result.stdout
    assert "age -d -i" in result.stdout
    assert phrase_anywhere(private_home) == []  # nothing of the words, anywhere in RECONNECT_HOME
    assert "sea glass" not in "".join(p.read_text(errors="replace") for p in private_home.rglob("*") if p.is_file())
    assert "locked   yes" in run("paths").stdout
    assert json.loads(run("paths", "--json").stdout)["locked"] is True
    assert "is locked" in run("lock", "--status").stdout


def test_lock_refuses_two_different_passphrases_and_changes_nothing(paths: Paths, private_home: Path) -> None:
    fill_journal(paths.journal_dir, 2)
    before = folder_digest(private_home)
    result = run("lock", "--no-recovery-key", input="one\ntwo\none\nthree\n")
    assert result.exit_code != 0
    assert "the two passphrases were not the same; nothing was changed" in result.stderr
    assert folder_digest(private_home) == before
    assert not Lockbox(paths.journal_dir).locked


def test_the_recovery_key_is_shown_once_when_asked_and_opens_the_journal_scrypt(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_journal(paths.journal_dir, 1)
    use_command(monkeypatch, "tide pools")
    result = run("lock", "--recovery-key")
    secret = next(word for word in result.stdout.split() if word.startswith("AGE-SECRET-KEY-1"))
    key = Key.from_secret(secret)
    entry_file = next(paths.journal_dir.rglob("*.json.age"))
    assert PHRASE.encode() in key.decrypt(entry_file.read_bytes())
    assert "AGE-SECRET-KEY" not in run("lock", "--status").stdout


def test_every_reading_command_asks_once_and_works(locked: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    use_command(monkeypatch, RIGHT)
    assert "12 check-ins" in run("stats").stdout
    exported = run("export")
    assert exported.exit_code == 0
    assert len(json.loads(exported.stdout)["entries"]) == 12
    assert "not encrypted" in exported.stderr


def test_a_wrong_passphrase_three_times_ends_kindly_and_changes_nothing(locked: Paths, private_home: Path) -> None:
    before = folder_digest(private_home)
    result = run("export", input="wrong one\nwrong two\nwrong three\n")
    assert result.exit_code == 1
    assert result.stderr.count("Try again") == 2
    assert "echoed" not in result.stderr and "Warning" not in result.stderr  # piped: no getpass alarm
    told = [line for line in result.stderr.split("reconnect:")[1:]]
    assert len(told) == 1 and told[0].startswith(" that passphrase did not open the journal three times")
    assert "nothing was changed" in told[0] and "\n" not in told[0].strip()
    assert result.stdout.strip() == ""  # (the runner echoes the hidden newlines)
    assert folder_digest(private_home) == before


def test_a_wrong_passphrase_command_is_one_line_and_not_retried(
    locked: Paths, private_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    runs = tmp_path / "runs"
    monkeypatch.setenv("RECONNECT_PASSPHRASE_COMMAND", f"echo run >> {runs}; echo not-it")
    before = folder_digest(private_home)
    for command in (["stats"], ["unlock", "--decrypt-journal"], ["lock"], ["import", str(tmp_path / "x.json")]):
        result = run(*command)
        assert result.exit_code == 1, command
        assert result.stderr.strip().splitlines() == [
            "reconnect: the passphrase from RECONNECT_PASSPHRASE_COMMAND does not open this journal; "
            "nothing was changed"
        ]
    assert runs.read_text() == "run\n" * 4
    assert folder_digest(private_home) == before


def test_a_damaged_key_file_is_named(locked: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    use_command(monkeypatch, RIGHT)
    identity = Lockbox(locked.journal_dir).identity_path
    identity.write_bytes(identity.read_bytes()[:100])
    result = run("stats")
    assert result.exit_code == 1
    assert f"key file {identity} is damaged" in result.stderr


def test_change_passphrase_rewraps_only_scrypt(locked: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    entries = {p: p.read_bytes() for p in locked.journal_dir.rglob("*.json.age")}
    result = run("lock", "--change-passphrase", input=f"{RIGHT}\nnew words\nnew words\n")
    assert result.exit_code == 0, result.output
    assert "passphrase is changed" in result.stdout
    assert {p: p.read_bytes() for p in locked.journal_dir.rglob("*.json.age")} == entries
    use_command(monkeypatch, "new words")
    assert "12 check-ins" in run("stats").stdout


def test_unlock_decrypt_journal_returns_to_plain_files(locked: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    use_command(monkeypatch, RIGHT)
    before = run("export").stdout
    result = run("unlock", "--decrypt-journal")
    assert result.exit_code == 0, result.output
    assert "plain again: 12 files decrypted" in result.stdout
    assert not Lockbox(locked.journal_dir).locked
    assert list(locked.journal_dir.rglob("*.age")) == []
    monkeypatch.delenv("RECONNECT_PASSPHRASE_COMMAND")
    assert run("export").stdout == before
    assert "not locked" in run("lock", "--status").stdout


def test_unlock_without_the_flag_explains(paths: Paths) -> None:
    result = run("unlock")
    assert result.exit_code == 1 and "--decrypt-journal" in result.stderr


def test_lock_again_finishes_a_stopped_lock(locked: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(2):  # two more, arrived in plain (by a sync, say)
        Journal(locked.journal_dir).path_for(make_entry(entry_id=f"x{number}")).write_bytes(
            encode(make_entry(MOMENT + timedelta(days=40 + number), entry_id=f"x{number}"))
        )
    use_command(monkeypatch, RIGHT)
    result = run("lock")
    assert result.exit_code == 0
    assert "encrypted 2 files that were still plain" in result.stderr
    assert phrase_anywhere(locked.journal_dir) == []


def test_a_swapped_recipient_file_stops_writes_with_one_line(locked: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    use_command(monkeypatch, RIGHT)
    box = Lockbox(locked.journal_dir)
    box._write_recipient(Key.generate())
    exported = run("export")
    assert exported.exit_code == 0  # reading still works
    assert "does not match" in exported.stderr
    result = run("lock")
    assert result.exit_code == 1 and "does not match" in result.stderr


def test_export_encrypt_and_import_it_back_scrypt(
    locked: Paths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, private_home: Path
) -> None:
    use_command(monkeypatch, RIGHT)
    target = tmp_path / "journal.json.age"
    result = run("export", "--encrypt", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert "not encrypted" not in result.stderr
    data = target.read_bytes()
    assert data.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----") and PHRASE.encode() not in data
    plain = json.loads(lockbox.decrypt_with_passphrase(data, RIGHT, target))
    assert len(plain["entries"]) == 12
    # into an empty, plain journal: the file's passphrase is asked for
    monkeypatch.delenv("RECONNECT_PASSPHRASE_COMMAND")
    monkeypatch.setenv("RECONNECT_HOME", str(tmp_path / "other"))
    result = run("import", str(target), input=f"nope\n{RIGHT}\n")
    assert result.exit_code == 0, result.output
    assert "Added 12 check-ins" in result.stdout
    assert "Try again" in result.stderr


def test_plain_journals_do_not_import_pyrage() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from reconnect_tui.cli.commands import app\n"
        "for args in (['paths'], ['stats'], ['export'], ['lock', '--status']):\n"
        "    assert CliRunner().invoke(app, args).exit_code == 0, args\n"
        "print('pyrage' in sys.modules)\n"
    )
    env = dict(os.environ)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_lock_waits_for_an_open_check_in(paths: Paths, private_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reconnect_tui.core.drafts import DraftStore

    fill_journal(paths.journal_dir, 1)
    use_command(monkeypatch, "harbour")
    open_checkin = DraftStore(paths.drafts_dir)
    open_checkin.lock()
    try:
        result = run("lock", "--no-recovery-key")
    finally:
        open_checkin.unlock()
    assert result.exit_code == 1
    assert "a check-in is already open" in result.stderr
    assert not Lockbox(paths.journal_dir).locked
    assert phrase_anywhere(private_home)  # nothing was converted


def test_a_piped_passphrase_is_read_without_python_s_echo_warning(locked: Paths, private_home: Path) -> None:
    # A script pipes the passphrase in (no terminal): getpass would print "GetPassWarning
    # ... Password input may be echoed" with a path into Python itself.
    import subprocess
    import sys

    env = dict(os.environ, RECONNECT_HOME=str(private_home))
    env.pop("RECONNECT_PASSPHRASE_COMMAND", None)
    result = subprocess.run([sys.executable, "-m", "reconnect_tui", "stats"], input=f"{RIGHT}\n", env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "12 check-ins" in result.stdout
    assert "echoed" not in result.stderr and "getpass" not in result.stderr
