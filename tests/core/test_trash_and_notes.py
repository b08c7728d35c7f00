"""Deleting into the trash and back, and later notes beside their entries."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import MOMENT, make_entry
from lockhelp import _session_key, journal_key  # noqa: F401  (fixtures)

from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.exchange import to_markdown
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.lockbox import Key
from reconnect_tui.core.notes import NOTE_LIMIT, Notes
from reconnect_tui.core.trash import Trash


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    journal = Journal(tmp_path / "journal")
    for number in range(3):
        journal.save(make_entry(MOMENT + timedelta(days=number), f"entry-{number}"))
    return journal


def ids(journal: Journal) -> list[str]:
    return [entry.id for entry in journal.load().entries]


def test_a_deleted_entry_leaves_the_journal_and_comes_back_where_it_was(journal: Journal) -> None:
    entry = journal.load().entries[1]
    where = journal.path_for(entry)
    Notes(journal).add(entry, "We talked more on Sunday.", MOMENT + timedelta(days=3))
    trash = Trash(journal)
    trash.delete(entry)
    assert ids(journal) == ["entry-0", "entry-2"]
    assert not where.exists() and not list(where.parent.glob("entry-1.note-*"))  # the note went with it
    assert [item.entry_id for item in trash.items()] == ["entry-1"]
    assert trash.items()[0].entry == entry
    back = trash.restore("entry-1")
    assert back == where and ids(journal) == ["entry-0", "entry-1", "entry-2"]
    assert [n.text for n in Notes(journal).for_entry(entry)] == ["We talked more on Sunday."]
    assert trash.items() == []


def test_restore_never_replaces_an_entry_in_the_journal(journal: Journal) -> None:
    entry = journal.load().entries[0]
    trash = Trash(journal)
    trash.delete(entry)
    journal.save(entry)  # the same check-in was imported again meanwhile
    with pytest.raises(JournalError, match="in the journal already"):
        trash.restore(entry.id)
    assert [item.entry_id for item in trash.items()] == [entry.id]


def test_restore_and_delete_say_what_is_missing(journal: Journal) -> None:
    trash = Trash(journal)
    with pytest.raises(JournalError, match="no check-in with the id nope"):
        trash.restore("nope")
    entry = journal.load().entries[0]
    trash.delete(entry)
    with pytest.raises(JournalError, match="not in the journal any more"):
        trash.delete(entry)


def test_emptying_the_trash_deletes_for_good(journal: Journal) -> None:
    trash = Trash(journal)
    for entry in journal.load().entries[:2]:
        trash.delete(entry)
    (trash.root / "2026" / "11" / "damaged.json").write_text("{")  # unreadable, still listed and emptied
    assert len(trash.items()) == 3 and trash.items()[-1].entry is None
    assert trash.empty() == 3
    assert trash.items() == [] and ids(journal) == ["entry-2"]
    assert not [p for p in trash.root.rglob("*") if p.is_file()]


def test_a_move_that_fails_leaves_the_entry_where_it_was(journal: Journal) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write into a read-only folder")
    trash = Trash(journal)
    trash.root.mkdir(mode=0o500)
    entry = journal.load().entries[0]
    with pytest.raises(JournalError, match="could not be moved"):
        trash.delete(entry)
    assert entry.id in ids(journal)


def test_a_move_into_a_file_named_like_the_trash_fails_cleanly(journal: Journal) -> None:
    trash = Trash(journal)
    trash.root.write_text("not a folder")
    entry = journal.load().entries[0]
    with pytest.raises(JournalError, match="could not be moved"):
        trash.delete(entry)
    assert entry.id in ids(journal)


def test_notes_are_their_own_files_and_never_change_the_entry(journal: Journal) -> None:
    entry = journal.load().entries[0]
    before = journal.path_for(entry).read_bytes()
    notes = Notes(journal)
    notes.add(entry, "Second thought", MOMENT + timedelta(days=5))
    notes.add(entry, "First thought\nover two lines", MOMENT + timedelta(days=4))
    assert journal.path_for(entry).read_bytes() == before
    assert [n.text for n in notes.for_entry(entry)] == ["First thought\nover two lines", "Second thought"]
    assert ids(journal) == ["entry-0", "entry-1", "entry-2"]  # notes are never read as entries
    assert journal.load().problems == []
    other = journal.load().entries[1]
    assert notes.for_entry(other) == []
    assert set(notes.for_entries(journal.load().entries)) == {entry.id}
    files = list(journal.path_for(entry).parent.glob(f"{entry.id}.note-*.json"))
    assert len(files) == 2 and all(oct(f.stat().st_mode & 0o777) == oct(0o600) for f in files)


def test_an_empty_or_huge_note_is_refused(journal: Journal) -> None:
    entry = journal.load().entries[0]
    with pytest.raises(JournalError, match="empty"):
        Notes(journal).add(entry, "  \n ", MOMENT)
    with pytest.raises(JournalError, match="longer than"):
        Notes(journal).add(entry, "x" * (NOTE_LIMIT + 1), MOMENT)


def test_a_damaged_note_is_left_out(journal: Journal) -> None:
    entry = journal.load().entries[0]
    Notes(journal).add(entry, "Kept", MOMENT)
    (journal.path_for(entry).parent / f"{entry.id}.note-broken.json").write_text("{")
    assert [n.text for n in Notes(journal).for_entry(entry)] == ["Kept"]


def test_notes_in_a_locked_journal_are_encrypted(tmp_path: Path, journal_key: Key) -> None:  # noqa: F811
    journal = Journal(tmp_path / "locked", journal_key)
    entry = make_entry(MOMENT, "locked-1")
    journal.save(entry)
    Notes(journal).add(entry, "A private thought", MOMENT)
    (note,) = journal.path_for(entry).parent.glob("locked-1.note-*")
    assert note.name.endswith(".json.age") and b"private" not in note.read_bytes()
    assert [n.text for n in Notes(journal).for_entry(entry)] == ["A private thought"]
    Trash(journal).delete(entry)
    assert Trash(journal).items()[0].entry == entry


def test_markdown_shows_notes_under_their_entry(journal: Journal) -> None:
    entries = journal.load().entries
    Notes(journal).add(entries[1], "We talked more on Sunday.\nIt helped.", MOMENT + timedelta(days=3))
    text = to_markdown(entries, Notes(journal).for_entries(entries))
    assert text.count("Later notes") == 1
    part = text.split("---")[2]  # the second entry's section
    assert "Later notes" in part and "> We talked more on Sunday.\n> It helped." in part
