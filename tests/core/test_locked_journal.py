"""The journal, drafts and exchange with a locked journal's key (no scrypt here)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import MOMENT, make_entry, session_dict
from lockhelp import _session_key, journal_key, lock_with, no_cached_keys, wrapped  # noqa: F401  (fixtures)

from reconnect_tui.core.drafts import DraftDamaged, DraftStore
from reconnect_tui.core.errors import DraftError, JournalError
from reconnect_tui.core.exchange import import_file, save_copy, to_json
from reconnect_tui.core.journal import Journal, encode
from reconnect_tui.core.lockbox import Key, Lockbox
from reconnect_tui.core.paths import Paths
from reconnect_tui.core.workspace import Workspace

SECRET = "the blue door on Elm Street"


@pytest.fixture
def locked_home(paths: Paths, wrapped: bytes, journal_key: Key) -> Paths:  # noqa: F811
    paths.ensure()
    lock_with(paths.journal_dir, wrapped, journal_key)
    return paths


def secret_entry(days: int = 0):  # type: ignore[no-untyped-def]
    return make_entry(MOMENT + timedelta(days=days), answers=(SECRET, None))


def plaintext_files(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]


def test_a_locked_journal_writes_and_reads_age_files(locked_home: Paths, journal_key: Key) -> None:
    journal = Journal(locked_home.journal_dir, journal_key)
    entry = secret_entry()
    path = journal.save(entry)
    assert path.name == f"{entry.id}.json.age"
    assert path.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert journal_key.decrypt(path.read_bytes()) == encode(entry)  # the same JSON inside
    assert plaintext_files(locked_home.journal_dir.parent) == []
    assert Journal(locked_home.journal_dir, journal_key).load().entries == [entry]
    assert Journal(locked_home.journal_dir, journal_key).latest() == entry


def test_without_the_key_a_locked_journal_writes_nothing_and_names_what_it_cannot_read(
    locked_home: Paths, journal_key: Key
) -> None:
    Journal(locked_home.journal_dir, journal_key).save(secret_entry())
    journal = Journal(locked_home.journal_dir)
    with pytest.raises(JournalError, match="locked"):
        journal.save(secret_entry(days=1))
    loaded = journal.load()
    assert loaded.entries == [] and "not unlocked" in str(loaded.problems[0])
    assert plaintext_files(locked_home.journal_dir.parent) == []


def test_a_half_converted_journal_shows_every_entry_once(locked_home: Paths, journal_key: Key) -> None:
    plain = Journal(locked_home.journal_dir)
    first, second, third = secret_entry(0), secret_entry(1), secret_entry(2)
    both = locked_home.journal_dir / "2026" / "11" / f"{first.id}.json"
    both.parent.mkdir(parents=True)
    both.write_bytes(encode(first))  # as a stopped conversion leaves it: both forms
    both.with_name(both.name + ".age").write_bytes(journal_key.encrypt(encode(first)))
    (both.parent / f"{second.id}.json").write_bytes(encode(second))  # not converted yet
    Journal(locked_home.journal_dir, journal_key).save(third)
    loaded = Journal(locked_home.journal_dir, journal_key).load()
    assert loaded.entries == [first, second, third] and loaded.problems == []
    assert plain.root == locked_home.journal_dir


def test_the_same_entry_cannot_be_saved_twice_across_the_two_forms(locked_home: Paths, journal_key: Key) -> None:
    entry = secret_entry()
    path = locked_home.journal_dir / "2026" / "11" / f"{entry.id}.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(encode(entry))
    with pytest.raises(JournalError, match="already in the journal"):
        Journal(locked_home.journal_dir, journal_key).save(entry)


def test_a_damaged_age_entry_is_named_and_left_alone(locked_home: Paths, journal_key: Key) -> None:
    journal = Journal(locked_home.journal_dir, journal_key)
    good, bad = secret_entry(0), secret_entry(1)
    journal.save(good)
    bad_path = journal.save(bad)
    damaged = bad_path.read_bytes()[:-5] + b"12345"
    bad_path.write_bytes(damaged)
    stranger = journal.path_for(secret_entry(2))
    stranger.write_bytes(Key.generate().encrypt(b"{}"))
    loaded = journal.load()
    assert loaded.entries == [good]
    messages = sorted(str(p) for p in loaded.problems)
    assert any(bad.id in m and "cannot be decrypted" in m for m in messages)
    assert any("another key" in m for m in messages)
    assert bad_path.read_bytes() == damaged


def test_a_swapped_recipient_file_means_nothing_new_is_written(locked_home: Paths, journal_key: Key) -> None:
    journal_key.write_refusal = Lockbox(locked_home.journal_dir)._recipient_problem(Key.generate())
    journal = Journal(locked_home.journal_dir, journal_key)
    with pytest.raises(JournalError, match="does not match"):
        journal.save(secret_entry())
    assert list(locked_home.journal_dir.rglob("*.age")) == [Lockbox(locked_home.journal_dir).identity_path]


def test_drafts_are_encrypted_and_a_damaged_one_is_set_aside_still_encrypted(
    locked_home: Paths, journal_key: Key
) -> None:
    store = DraftStore(locked_home.drafts_dir, journal_key)
    store.save(session_dict(SECRET), MOMENT)
    assert store.path.name == "checkin.json.age"
    assert plaintext_files(locked_home.drafts_dir) == []
    assert store.exists() and store.load() == session_dict(SECRET)
    store.path.write_bytes(store.path.read_bytes()[:-3] + b"zzz")
    with pytest.raises(DraftDamaged) as caught:
        store.load()
    kept = [p for p in locked_home.drafts_dir.iterdir() if "unreadable" in p.name]
    assert len(kept) == 1 and kept[0].name.endswith(".json.age") and str(kept[0]) in str(caught.value)
    store.clear()
    assert not store.exists()


def test_a_locked_workspace_keeps_no_draft_before_it_is_unlocked(locked_home: Paths, journal_key: Key) -> None:
    workspace = Workspace.open(locked_home)
    assert workspace.locked and workspace.needs_unlock
    with pytest.raises(DraftError, match="locked"):
        workspace.drafts.save(session_dict(SECRET), MOMENT)
    plain_draft = locked_home.drafts_dir / "checkin.json"
    plain_draft.write_text(json.dumps({"draft_version": 1, "session": {"words": SECRET}}))
    assert workspace.unlock(journal_key) == []
    assert not workspace.needs_unlock
    assert not plain_draft.exists() and workspace.drafts.path.exists()  # finished at unlock
    assert plaintext_files(locked_home.journal_dir.parent) == []


def test_a_save_failed_copy_is_encrypted_and_imports_back(locked_home: Paths, journal_key: Key, tmp_path: Path) -> None:
    entry = secret_entry()
    copy = save_copy([entry], tmp_path / "copy.json.age", journal_key)
    assert SECRET.encode() not in copy.read_bytes()
    journal = Journal(locked_home.journal_dir, journal_key)
    with pytest.raises(JournalError, match="encrypted"):
        import_file(journal, copy)
    result = import_file(journal, copy, lambda data: journal_key.decrypt(data, copy))
    assert result.added == [entry]
    assert plaintext_files(locked_home.journal_dir.parent) == []


def test_imports_into_a_locked_journal_are_encrypted_on_the_way_in(
    locked_home: Paths, journal_key: Key, tmp_path: Path
) -> None:
    export = tmp_path / "export.json"
    export.write_text(to_json([secret_entry(0), secret_entry(3)]))
    result = import_file(Journal(locked_home.journal_dir, journal_key), export)
    assert len(result.added) == 2
    assert plaintext_files(locked_home.journal_dir) == []
    assert len(list(locked_home.journal_dir.rglob("*.json.age"))) == 2


def test_a_journal_whose_key_file_was_lost_still_writes_nothing_plain(locked_home: Paths) -> None:
    Lockbox(locked_home.journal_dir).identity_path.unlink()
    with pytest.raises(JournalError, match="locked"):
        Journal(locked_home.journal_dir).save(secret_entry())
    assert plaintext_files(locked_home.journal_dir.parent) == []
