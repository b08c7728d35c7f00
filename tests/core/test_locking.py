"""Converting a journal to encrypted files and back, one file at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lockhelp import _session_key, journal_key, lock_with, no_cached_keys  # noqa: F401  (fixtures)

from reconnect_tui.core.lockbox import Key, Lockbox
from reconnect_tui.core.locking import (
    Stopped,
    data_files,
    decrypt_files,
    encrypt_files,
    finish_locking,
    relock,
    unlock_journal,
)

PHRASE = "the lighthouse on our first trip"


def plant(home: Path, count: int = 5) -> tuple[Path, Path, dict[str, bytes]]:
    """A plain journal of `count` entry files (plus a note, a trashed entry, a draft
    and the people file), each holding PHRASE; returns the folders and every file's bytes."""
    journal, drafts = home / "journal", home / "drafts"
    files: dict[str, bytes] = {}
    for number in range(count):
        month = journal / "2025" / f"{number % 12 + 1:02d}"
        month.mkdir(parents=True, exist_ok=True)
        name = f"2025{number % 12 + 1:02d}01-2130{number:02d}-abcdef.json"
        data = json.dumps({"id": name[:-5], "answer": f"{PHRASE} #{number}"}).encode()
        (month / name).write_bytes(data)
        files[str((month / name).relative_to(home))] = data
    extras = {
        journal / "2025" / "01" / "20250101-213000-abcdef.note-1.json": b'{"text": "%s, the note"}' % PHRASE.encode(),
        journal / ".trash" / "20240101-090000-aaaaaa.json": b'{"text": "%s, trashed"}' % PHRASE.encode(),
        drafts / "checkin.json": b'{"session": "%s, typing"}' % PHRASE.encode(),
        journal / "people.json": b'{"people": [{"names": ["%s"]}]}' % PHRASE.encode(),  # the names are private too
    }
    for path, data in extras.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        files[str(path.relative_to(home))] = data
    return journal, drafts, files


def phrase_anywhere(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file() and PHRASE.encode() in p.read_bytes()]


def read_back(home: Path, key: Key) -> dict[str, bytes]:
    """Every data file's plain bytes, by its plain name; .age preferred where both exist."""
    found: dict[str, bytes] = {}
    paths = sorted(data_files(home / "journal", home / "drafts"), key=lambda p: not p.name.endswith(".age"))
    for path in paths:
        name = str(path.relative_to(home)).removesuffix(".age")
        if name in found:
            continue
        data = path.read_bytes()
        found[name] = key.decrypt(data) if path.name.endswith(".age") else data
    return found


def test_encrypting_leaves_no_plaintext_anywhere(tmp_path: Path, journal_key: Key) -> None:
    journal, drafts, files = plant(tmp_path)
    result = encrypt_files(journal, drafts, journal_key)
    assert len(result.converted) == len(files) and not result.problems
    assert phrase_anywhere(tmp_path) == []
    assert all(p.name.endswith(".json.age") for p in data_files(journal, drafts))
    assert not (journal / "people.json").exists() and (journal / "people.json.age").is_file()
    assert read_back(tmp_path, journal_key) == files
    assert all(oct(p.stat().st_mode & 0o777) == oct(0o600) for p in data_files(journal, drafts))


@pytest.mark.parametrize("stop_after", [0, 1, 3, 7])
def test_a_stopped_lock_keeps_every_file_readable_and_finishes_next_time(
    tmp_path: Path, journal_key: Key, stop_after: int
) -> None:
    journal, drafts, files = plant(tmp_path)
    with pytest.raises(Stopped):
        encrypt_files(journal, drafts, journal_key, stop_after=stop_after)
    assert read_back(tmp_path, journal_key) == files  # every file in one form or the other
    encrypt_files(journal, drafts, journal_key)
    assert read_back(tmp_path, journal_key) == files
    assert phrase_anywhere(tmp_path) == []


def test_where_both_forms_exist_the_encrypted_one_wins_and_the_plain_one_goes(
    tmp_path: Path, journal_key: Key
) -> None:
    journal, drafts, files = plant(tmp_path, count=2)
    plain = next(p for p in data_files(journal, drafts) if "2025/01" in str(p) and "note" not in p.name)
    plain.with_name(plain.name + ".age").write_bytes(journal_key.encrypt(plain.read_bytes()))
    # a kill -9 right after writing the new file and before removing the old one
    result = encrypt_files(journal, drafts, journal_key)
    assert plain.with_name(plain.name + ".age") not in result.converted
    assert not plain.exists()
    assert read_back(tmp_path, journal_key) == files


@pytest.mark.parametrize("stop_after", [0, 2, 6])
def test_returning_to_plain_files_is_resumable_and_removes_the_keys_at_the_end(
    tmp_path: Path, journal_key: Key, wrapped_on_disk: Lockbox, stop_after: int
) -> None:
    journal, drafts, files = plant(tmp_path)
    encrypt_files(journal, drafts, journal_key)
    with pytest.raises(Stopped):
        unlock_journal(wrapped_on_disk, drafts, journal_key, stop_after=stop_after)
    assert read_back(tmp_path, journal_key) == files
    assert wrapped_on_disk.locked and wrapped_on_disk.status().decrypting
    # the next unlock must not encrypt again what was already returned to plain
    assert finish_locking(wrapped_on_disk, drafts, journal_key).converted == []
    result = unlock_journal(wrapped_on_disk, drafts, journal_key)
    assert not result.problems
    assert not wrapped_on_disk.locked and not wrapped_on_disk.status().decrypting
    assert not wrapped_on_disk.recipient_path.exists()
    assert read_back(tmp_path, journal_key) == files
    assert all(not p.name.endswith(".age") for p in data_files(journal, drafts))


def test_locking_again_after_a_stopped_return_encrypts_everything(
    tmp_path: Path, journal_key: Key, wrapped_on_disk: Lockbox
) -> None:
    journal, drafts, files = plant(tmp_path)
    encrypt_files(journal, drafts, journal_key)
    with pytest.raises(Stopped):
        unlock_journal(wrapped_on_disk, drafts, journal_key, stop_after=3)
    relock(wrapped_on_disk, drafts, journal_key)
    assert not wrapped_on_disk.status().decrypting
    assert phrase_anywhere(tmp_path) == []
    assert read_back(tmp_path, journal_key) == files


def test_a_damaged_encrypted_file_is_named_and_left_alone(
    tmp_path: Path, journal_key: Key, wrapped_on_disk: Lockbox
) -> None:
    journal, drafts, _ = plant(tmp_path, count=2)
    encrypt_files(journal, drafts, journal_key)
    victim = next(p for p in data_files(journal, drafts) if p.parent.name == "02")
    victim.write_bytes(victim.read_bytes()[:-3] + b"xyz")
    kept = victim.read_bytes()
    result = decrypt_files(journal, drafts, journal_key)
    assert len(result.problems) == 1 and str(victim) in result.problems[0]
    assert victim.read_bytes() == kept
    result = unlock_journal(wrapped_on_disk, drafts, journal_key)
    assert result.problems and wrapped_on_disk.locked  # the key stays while it is needed


@pytest.fixture
def wrapped_on_disk(tmp_path: Path, _session_key) -> Lockbox:  # noqa: F811
    key, wrapped = _session_key
    return lock_with(tmp_path / "journal", wrapped, key)
