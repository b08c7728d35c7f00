from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers import MOMENT, fill_journal, make_entry

from reconnect_tui.core.entry import FollowUp
from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.exchange import import_file, in_range, parse_day, to_json, to_markdown
from reconnect_tui.core.journal import Journal


def test_json_export_is_sorted_and_has_no_timestamp(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.save(make_entry(MOMENT + timedelta(days=1), entry_id="later"))
    journal.save(make_entry(MOMENT, entry_id="b-same-time"))
    journal.save(make_entry(MOMENT, entry_id="a-same-time"))
    document = json.loads(to_json(journal.load().entries))
    assert set(document) == {"format", "schema_version", "entries"}
    assert [e["id"] for e in document["entries"]] == ["a-same-time", "b-same-time", "later"]
    assert all({"id", "started_at"} <= set(e) for e in document["entries"])


def test_export_import_export_gives_the_same_json(tmp_path: Path) -> None:
    source = fill_journal(tmp_path / "one", 5)
    follow = FollowUp("Cook together", "partly", "Once")
    source.save(make_entry(MOMENT + timedelta(days=10), entry_id="with-follow-up", follow_ups=(follow, None)))
    first = to_json(source.load().entries)
    export_file = tmp_path / "export.json"
    export_file.write_text(first)

    target = Journal(tmp_path / "two")
    result = import_file(target, export_file)
    assert len(result.added) == 6 and result.skipped == [] and result.problems == []
    assert to_json(target.load().entries) == first

    again = import_file(target, export_file)
    assert again.added == [] and len(again.skipped) == 6


def test_import_reports_entries_it_cannot_read_and_keeps_the_rest(tmp_path: Path) -> None:
    good = make_entry().to_dict()
    bad = dict(make_entry(entry_id="bad").to_dict(), partners=[{"name": "Solo"}])
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": "reconnect-journal", "schema_version": 1, "entries": [good, bad]}))
    result = import_file(Journal(tmp_path / "j"), path)
    assert len(result.added) == 1
    assert len(result.problems) == 1
    assert result.problems[0].startswith("entry 2 (bad) was left out: the partners: 1 given, there must be exactly 2")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"entries": []}', "not a reconnect export"),
        ('{"format": "reconnect-journal", "schema_version": 7, "entries": []}', "newer reconnect"),
    ],
)
def test_import_refuses_files_that_are_not_exports(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "file.json"
    path.write_text(content)
    with pytest.raises(JournalError, match=message):
        import_file(Journal(tmp_path / "j"), path)
    assert not (tmp_path / "j").exists()


def test_import_of_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(JournalError, match="no such file"):
        import_file(Journal(tmp_path), tmp_path / "nope.json")


def test_date_range_is_inclusive() -> None:
    entries = [make_entry(MOMENT + timedelta(days=n), entry_id=f"e{n}") for n in range(5)]
    chosen = in_range(entries, date(2026, 11, 27), date(2026, 11, 29))
    assert [e.id for e in chosen] == ["e1", "e2", "e3"]
    with pytest.raises(JournalError, match="like 2026-03-31"):
        parse_day("last week", "--since")


def test_markdown_reads_like_a_journal() -> None:
    follow = FollowUp("Cook together", "yes", "We made soup")
    text = to_markdown([make_entry(follow_ups=(follow, None))])
    assert text.startswith("# Our check-ins\n")
    assert "Alex and Sam · 1 check-in · Thursday 26 November 2026" in text
    assert "## Thursday 26 November 2026 · Bedtime check-in" in text
    assert "- Alex: In between → Close" in text and "- Sam: A bit apart → Close" in text
    assert "“Cook together”: Yes. We made soup" in text
    assert "### What made you smile today?" in text
    assert "> A quiet walk" in text and "**Sam** *(passed)*" in text
    assert "- **Alex:** Thank you for dinner" in text
    assert "- **Alex:** Send a kind message" in text
    assert "No check-ins" in to_markdown([])
