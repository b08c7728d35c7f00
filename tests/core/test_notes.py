"""Later notes beside their entries, merged on read and carried by export and import; the trash."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import MOMENT, fill_journal, make_entry

from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.exchange import import_file, to_json, to_markdown
from reconnect_tui.core.journal import Journal

LATER = MOMENT + timedelta(days=3)


def test_a_note_is_a_file_of_its_own_and_is_merged_on_read(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    entry = make_entry()
    entry_path = journal.save(entry)
    before = entry_path.read_bytes()
    note = journal.add_note(entry, "  We laughed about this a week later.  ", LATER, author="p-alex")
    assert note.text == "We laughed about this a week later." and note.entry_id == entry.id
    files = sorted(p.name for p in entry_path.parent.iterdir())
    assert len(files) == 2 and files[1].startswith(f"{entry.id}.note-{LATER:%Y%m%d-%H%M%S}-")
    data = json.loads((entry_path.parent / files[1]).read_text())
    assert data == {
        "schema_version": 2,
        "entry_id": entry.id,
        "written_at": LATER.isoformat(),
        "author": "p-alex",
        "text": "We laughed about this a week later.",
    }
    assert entry_path.read_bytes() == before  # the entry file itself never changes
    loaded = journal.load()
    assert loaded.problems == [] and [e.notes for e in loaded.entries] == [(note,)]


def test_two_notes_written_at_once_never_collide_and_read_in_time_order(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    entry = make_entry()
    journal.save(entry)
    second = journal.add_note(entry, "Second", LATER + timedelta(hours=1))
    first = journal.add_note(entry, "First", LATER)
    same_second = journal.add_note(entry, "Also first", LATER)
    (loaded,) = journal.load().entries
    assert loaded.notes == (same_second, first, second)


def test_notes_are_refused_when_they_do_not_fit(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    entry = make_entry()
    with pytest.raises(JournalError, match="not in the journal"):
        journal.add_note(entry, "Words", LATER)
    journal.save(entry)
    with pytest.raises(JournalError, match="a few words"):
        journal.add_note(entry, "   ", LATER)
    with pytest.raises(JournalError, match="time zone"):
        journal.add_note(entry, "Words", LATER.replace(tzinfo=None))
    with pytest.raises(JournalError, match="year 1, it must be between 1970 and 2200"):
        journal.add_note(entry, "Words", LATER.replace(year=1))
    with pytest.raises(JournalError, match="not a person id"):
        journal.add_note(entry, "Words", LATER, author="p-alex\n")


def test_a_damaged_note_is_named_and_the_entry_still_loads(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    entry = make_entry()
    path = journal.save(entry)
    good = journal.add_note(entry, "Kept", LATER)
    broken = path.with_name(f"{entry.id}.note-20261201-100000-abcdef.json")
    broken.write_text('{"schema_version": 2, "entry_id": "' + entry.id + '", "written_at": "2026-12-01T10:00:00", "text": "x"}')
    elsewhere = path.with_name(f"{entry.id}.note-20261201-100001-abcdef.json")
    elsewhere.write_text(json.dumps({"schema_version": 2, "entry_id": "other", "written_at": LATER.isoformat(), "text": "x"}))
    loaded = journal.load()
    assert [e.notes for e in loaded.entries] == [(good,)]
    messages = {p.path.name: str(p) for p in loaded.problems}
    assert "the note's time it was written is" not in messages[broken.name]
    assert "it must be a date and time with its time zone" in messages[broken.name]
    assert messages[broken.name].startswith(f"entry 2026/11/{broken.name}: the time it was written is")
    assert "it is a note on other, not on" in messages[elsewhere.name]


def test_a_note_whose_entry_is_gone_is_reported(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    entry = make_entry()
    path = journal.save(entry)
    journal.add_note(entry, "Left behind", LATER)
    path.unlink()
    loaded = journal.load()
    assert loaded.entries == [] and len(loaded.problems) == 1
    assert "a note on an entry that is not in the journal" in str(loaded.problems[0])


def test_a_note_on_a_damaged_entry_adds_no_second_problem(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    entry = make_entry()
    path = journal.save(entry)
    journal.add_note(entry, "Still here", LATER)
    path.write_text("{ broken")
    loaded = journal.load()
    assert [p.path for p in loaded.problems] == [path]


def test_export_carries_notes_and_import_adds_only_the_new_ones(tmp_path: Path) -> None:
    home = Journal(tmp_path / "home")
    entry = make_entry()
    home.save(entry)
    home.add_note(entry, "From the first laptop", LATER)
    export = tmp_path / "export.json"
    export.write_text(to_json(home.load().entries))
    assert "From the first laptop" in export.read_text()

    away = Journal(tmp_path / "away")
    first = import_file(away, export)
    assert len(first.added) == 1 and [n.text for n in first.notes_added] == ["From the first laptop"]
    (entry_away,) = away.load().entries
    away.add_note(entry_away, "From the second laptop", LATER + timedelta(days=1))

    again = import_file(away, export)  # the same export twice: nothing new
    assert again.added == [] and again.notes_added == [] and len(again.skipped) == 1
    back = tmp_path / "back.json"
    back.write_text(to_json(away.load().entries))
    result = import_file(home, back)
    assert [n.text for n in result.notes_added] == ["From the second laptop"]
    assert [n.text for n in home.load().entries[0].notes] == ["From the first laptop", "From the second laptop"]
    assert to_json(home.load().entries) == to_json(away.load().entries)
    assert "Later notes" in to_markdown(home.load().entries) and "From the second laptop" in to_markdown(home.load().entries)


def test_the_trash_is_left_out_and_an_entry_comes_back_with_its_notes(tmp_path: Path) -> None:
    journal = fill_journal(tmp_path, 3)
    first = journal.load().entries[0]
    journal.add_note(first, "A note that goes with it", LATER)
    first = journal.load().entries[0]
    moved = journal.trash(first)
    assert moved == tmp_path / ".trash" / "2026" / "11" / f"{first.id}.json"
    assert [e.id for e in journal.load().entries] == ["e00001", "e00002"]
    assert journal.load().problems == []
    assert first.id not in to_json(journal.load().entries)
    trashed = journal.trashed()
    assert [e.id for e in trashed.entries] == [first.id] and trashed.entries[0].notes == first.notes
    with pytest.raises(JournalError, match="not in the journal"):
        journal.trash(first)
    journal.restore(trashed.entries[0])
    assert journal.load().entries[0] == first and journal.trashed().entries == []
    with pytest.raises(JournalError, match="not in the trash"):
        journal.restore(first)


def test_restoring_over_an_entry_of_the_same_id_is_refused(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    entry = make_entry()
    journal.save(entry)
    journal.trash(entry)
    journal.save(entry)  # imported again meanwhile
    with pytest.raises(JournalError, match="the journal already holds an entry with the id"):
        journal.restore(entry)
    with pytest.raises(JournalError, match="the trash already holds an entry with the id"):
        journal.trash(entry)
    assert len(journal.load().entries) == 1 and len(journal.trashed().entries) == 1
