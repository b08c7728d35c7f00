"""A long journal goes out a month at a time, in the same order as a whole load."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from helpers import fill_journal, make_entry

from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.exchange import new_file, to_json, to_markdown, write_json, write_markdown
from reconnect_tui.core.journal import Journal, JournalProblem


def test_in_order_gives_what_load_gives_across_months_and_time_zones(tmp_path: Path) -> None:
    journal = fill_journal(tmp_path, 70, start=datetime(2025, 12, 20, 21, 0, tzinfo=timezone.utc))
    far_east, far_west = timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))
    # Filed under February by its own clock, yet earlier than the January one below.
    journal.save(make_entry(datetime(2026, 2, 1, 0, 30, tzinfo=far_east), "east-early-february"))
    journal.save(make_entry(datetime(2026, 1, 31, 23, 0, tzinfo=far_west), "west-late-january"))
    # The very same moment, filed under two months: the id decides, as in load().
    moment = datetime(2026, 3, 1, 2, 0, tzinfo=far_east)
    journal.save(make_entry(moment, "same-moment-b"))
    journal.save(make_entry(moment.astimezone(far_west), "same-moment-a"))
    problems: list[JournalProblem] = []
    streamed = [entry.id for entry in journal.in_order(problems)]
    assert streamed == [entry.id for entry in journal.load().entries] and not problems
    assert streamed.index("east-early-february") < streamed.index("west-late-january")
    assert streamed.index("same-moment-a") == streamed.index("same-moment-b") - 1


def test_in_order_reports_damaged_files_and_duplicate_ids(tmp_path: Path) -> None:
    journal = fill_journal(tmp_path, 3)
    first = next(journal.entry_files())
    (first.parent / "broken.json").write_text("{not json", encoding="utf-8")
    twin = first.parent / "twin.json"
    twin.write_bytes(first.read_bytes())
    problems: list[JournalProblem] = []
    assert len(list(journal.in_order(problems))) == 3
    assert sorted(problem.path.name for problem in problems) == ["broken.json", "twin.json"]
    assert list(Journal(tmp_path / "nothing-here").in_order([])) == []


def test_streamed_exports_match_the_whole_documents(tmp_path: Path) -> None:
    journal = fill_journal(tmp_path, 30)
    entries = journal.load().entries
    out = io.BytesIO()
    assert write_json(journal.in_order([]), out) == 30
    assert out.getvalue().decode("utf-8") == to_json(entries)
    out = io.BytesIO()
    assert write_markdown(entries, out) == 30
    assert out.getvalue().decode("utf-8") == to_markdown(entries)
    empty = io.BytesIO()
    assert write_json([], empty) == 0 and b'"entries": []' in empty.getvalue()


def test_a_new_file_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "out" / "export.json"
    target.parent.mkdir()  # the folder asked for must exist: a mistyped one is never made quietly
    with new_file(target) as out:
        out.write(b"part one, ")
        assert not target.exists()  # nothing half-written is ever seen
        out.write(b"part two")
    assert target.read_bytes() == b"part one, part two" and target.stat().st_mode & 0o777 == 0o600
    with pytest.raises(JournalError, match="already exists"):
        with new_file(target) as out:
            out.write(b"never")
    with pytest.raises(RuntimeError):
        with new_file(target, replace=True) as out:
            out.write(b"half")
            raise RuntimeError("stopped part way")
    assert target.read_bytes() == b"part one, part two"
    assert [p.name for p in target.parent.iterdir()] == ["export.json"]  # no temporary left behind


def test_in_order_carries_later_notes_like_a_whole_load(tmp_path: Path) -> None:
    journal = fill_journal(tmp_path, 40)
    first = journal.load().entries[5]
    journal.add_note(first, "We talked about this again on Sunday.", first.started_at + timedelta(days=3))
    streamed = list(journal.in_order([]))
    assert streamed == journal.load().entries
    assert [note.text for note in streamed[5].notes] == ["We talked about this again on Sunday."]
