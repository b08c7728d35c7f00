from __future__ import annotations

import json
import multiprocessing
import os
import time
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from helpers import MOMENT, fill_journal, make_entry

from reconnect_tui.core import fsutil
from reconnect_tui.core.entry import EntryInvalid, entry_from_dict
from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.journal import Journal

ENTRY_SCHEMA = Path(__file__).resolve().parents[2] / "reconnect_tui" / "schemas" / "entry.schema.json"


def test_an_entry_is_one_private_file_by_year_and_month(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    entry = make_entry()
    path = journal.save(entry)
    assert path == tmp_path / "journal" / "2026" / "11" / f"{entry.id}.json"
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    assert oct((tmp_path / "journal" / "2026").stat().st_mode & 0o777) == oct(0o700)
    data = json.loads(path.read_text())
    assert data["schema_version"] == 2
    assert data["started_at"] == "2026-11-26T21:30:05+01:00"
    assert data["prompts"][0]["text"] == "What made you smile today?"
    assert journal.load().entries == [entry]


def test_stored_entries_match_the_shipped_schema() -> None:
    schema = json.loads(ENTRY_SCHEMA.read_text())
    jsonschema.Draft202012Validator(schema).validate(make_entry().to_dict())


def test_saving_an_id_twice_is_refused_and_keeps_the_first(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.save(make_entry())
    with pytest.raises(JournalError, match="already in the journal"):
        journal.save(make_entry(names=("Other", "People")))
    assert journal.load().entries[0].names == ("Alex", "Sam")


def test_damaged_and_newer_files_are_reported_and_left_untouched(tmp_path: Path) -> None:
    journal = fill_journal(tmp_path, 3)
    month = tmp_path / "2026" / "11"
    damaged = month / "damaged.json"
    damaged.write_bytes(b'{"schema_version": 1, "id": "x", "start')
    newer = month / "newer.json"
    newer_data = dict(make_entry(entry_id="newer").to_dict(), schema_version=99)
    newer.write_text(json.dumps(newer_data))
    wrong = month / "wrong.json"
    wrong.write_text(json.dumps(dict(make_entry(entry_id="wrong").to_dict(), partners=[])))
    before = {p: p.read_bytes() for p in (damaged, newer, wrong)}

    loaded = journal.load()
    assert len(loaded.entries) == 3
    messages = {p.path.name: str(p) for p in loaded.problems}
    assert set(messages) == {"damaged.json", "newer.json", "wrong.json"}
    assert "damaged" in messages["damaged.json"] and "left untouched" in messages["damaged.json"]
    assert "newer reconnect" in messages["newer.json"]
    assert [p.newer for p in loaded.problems if p.path == newer] == [True]
    assert {p: p.read_bytes() for p in before} == before


def test_temp_files_from_a_crash_are_skipped_not_reported(tmp_path: Path) -> None:
    journal = fill_journal(tmp_path, 2)
    month = tmp_path / "2026" / "11"
    stale = month / ".tmp-e9.json.abcd.part"
    stale.write_text('{"half": ')
    old = time.time() - fsutil.STALE_TEMP_SECONDS - 1
    os.utime(stale, (old, old))
    fresh = month / ".tmp-e8.json.ef01.part"
    fresh.write_text('{"being": "written"')
    loaded = journal.load()
    assert len(loaded.entries) == 2 and loaded.problems == []
    assert not stale.exists() and fresh.exists()


def test_entries_load_sorted_by_start_then_id(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.save(make_entry(MOMENT + timedelta(days=40), entry_id="b"))
    journal.save(make_entry(MOMENT, entry_id="z"))
    journal.save(make_entry(MOMENT, entry_id="a"))
    assert [e.id for e in journal.load().entries] == ["a", "z", "b"]
    assert journal.latest().id == "b"


def test_latest_skips_a_month_of_damaged_files(tmp_path: Path) -> None:
    journal = fill_journal(tmp_path, 2)
    later = tmp_path / "2027" / "01"
    later.mkdir(parents=True)
    (later / "bad.json").write_text("not json")
    assert journal.latest().id == "e00001"
    assert Journal(tmp_path / "empty").latest() is None


def _write_many(root: str, prefix: str) -> None:
    journal = Journal(Path(root))
    for number in range(40):
        journal.save(make_entry(MOMENT + timedelta(minutes=number), entry_id=f"{prefix}{number:03d}"))


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(str(tmp_path), prefix)) for prefix in ("a", "b")]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
        assert writer.exitcode == 0
    loaded = Journal(tmp_path).load()
    assert len(loaded.entries) == 80 and loaded.problems == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": "../../escape"}, "characters"),
        ({"started_at": "2026-11-26T21:30:05"}, "time zone"),
        ({"started_at": "yesterday"}, "start time is \"yesterday\", it must be a date and time"),
        ({"schema_version": None}, "schema_version"),
    ],
)
def test_entries_that_do_not_fit_are_refused(change: dict, message: str) -> None:
    with pytest.raises(EntryInvalid, match=message):
        entry_from_dict(dict(make_entry().to_dict(), **change))


def test_answer_shapes_are_checked() -> None:
    data = make_entry().to_dict()
    data["prompts"][0]["answers"][0] = {"status": "answered", "answer": 3}
    with pytest.raises(EntryInvalid, match="wrong shape"):
        entry_from_dict(data)
    data["prompts"][0]["answers"][0] = {"status": "maybe"}
    with pytest.raises(EntryInvalid, match="status"):
        entry_from_dict(data)


def test_latest_finished_is_the_entry_finished_last_even_if_it_started_earlier(tmp_path: Path) -> None:
    from msgspec.structs import replace
    from datetime import timedelta

    journal = Journal(tmp_path)
    assert journal.latest_finished() is None
    parked_long = make_entry(MOMENT, entry_id="parked")
    parked_long = replace(parked_long, finished_at=MOMENT + timedelta(hours=5))
    quick = make_entry(MOMENT + timedelta(hours=1), entry_id="quick")
    journal.save(parked_long)
    journal.save(quick)
    assert journal.latest().id == "quick" and journal.latest_finished().id == "parked"


def test_latest_finished_of_one_couple_looks_past_newer_months_of_others(tmp_path: Path) -> None:
    from datetime import timedelta

    journal = Journal(tmp_path)
    journal.save(make_entry(MOMENT - timedelta(days=70), entry_id="ours"))
    journal.save(make_entry(MOMENT, entry_id="theirs", names=("Robin", "Kim")))
    ours = lambda entry: entry.partners[0].name == "Alex"  # noqa: E731
    assert journal.latest_finished().id == "theirs"
    assert journal.latest_finished(of=ours).id == "ours"
    assert journal.latest_finished(of=lambda entry: False) is None


def test_latest_finished_finds_a_talk_resumed_weeks_later_behind_newer_check_ins(tmp_path: Path) -> None:
    from msgspec.structs import replace

    journal = Journal(tmp_path)
    began = MOMENT - timedelta(weeks=20)  # all in the past: files are written now
    for weeks in (4, 8, 12):  # three newer check-ins, each in its own month
        journal.save(make_entry(began + timedelta(weeks=weeks), entry_id=f"later-{weeks}"))
    resumed = replace(make_entry(began, entry_id="resumed"), finished_at=began + timedelta(weeks=13))
    journal.save(resumed)  # into the month it started in, three months back
    assert journal.latest().id == "later-12"
    assert journal.latest_finished().id == "resumed"


def _months_read(journal: Journal) -> list[Path]:
    """Every month folder `journal` reads from now on, in order."""
    reads: list[Path] = []
    original = journal._read_all

    def read_all(month: Path, files: list[Path], problems: list) -> object:  # type: ignore[type-arg]
        reads.append(month)
        return original(month, files, problems)

    journal._read_all = read_all  # type: ignore[method-assign]
    return reads


def _set_written(folder: Path, when: float) -> None:
    """The folder and its files as if last written at `when` (seconds since the epoch)."""
    for path in (*folder.iterdir(), folder):
        os.utime(path, (when, when))


def test_latest_finished_reads_no_older_month_untouched_since(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    old = journal.save(make_entry(MOMENT - timedelta(days=62), entry_id="old"))
    newest = journal.save(make_entry(MOMENT, entry_id="newest"))
    old.write_text("not an entry")  # reading this month would skip the file; it is not read at all
    _set_written(old.parent, make_entry(MOMENT).finished_at.timestamp() - 3600)  # an hour before it finished
    reads = _months_read(journal)
    assert journal.latest_finished().id == "newest"
    assert reads == [newest.parent]


def test_latest_finished_reads_an_older_month_written_into_later(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    old = journal.save(make_entry(MOMENT - timedelta(days=62), entry_id="old"))
    newest = journal.save(make_entry(MOMENT, entry_id="newest"))
    _set_written(old.parent, make_entry(MOMENT).finished_at.timestamp() + 60)  # an import or a note, say
    reads = _months_read(journal)
    assert journal.latest_finished().id == "newest"  # read, and still the one that finished last
    assert reads == [newest.parent, old.parent]


def test_latest_finished_of_a_journal_kept_over_the_years_reads_its_newest_month(tmp_path: Path) -> None:
    journal = fill_journal(tmp_path, 40, start=MOMENT - timedelta(days=200), step=timedelta(days=3))
    for month in tmp_path.glob("*/*"):  # each folder last written when its last check-in finished
        _set_written(month, max(journal.read(path).finished_at for path in month.iterdir()).timestamp())
    newest_month = max(tmp_path.glob("*/*"))
    latest = journal.latest()
    reads = _months_read(journal)
    assert journal.latest_finished() == latest
    assert reads == [newest_month]


def test_latest_finished_finds_a_resumed_talk_after_the_journal_is_written_afresh(tmp_path: Path) -> None:
    """`reconnect lock` (or an import, or a copy) writes every file again, oldest month first:
    the newest month's files are then the newest, and the resumed talk is still found."""
    from msgspec.structs import replace

    journal = Journal(tmp_path)
    began = MOMENT - timedelta(days=90)
    journal.save(make_entry(began - timedelta(days=30), entry_id="before"))
    journal.save(replace(make_entry(began, entry_id="resumed"), finished_at=began + timedelta(days=40)))
    journal.save(make_entry(began + timedelta(days=31), entry_id="newer"))  # finished before the resumed one
    rewritten = time.time()
    for offset, month in enumerate(sorted(tmp_path.glob("*/*"))):
        _set_written(month, rewritten + offset)
    assert journal.latest().id == "newer"
    assert journal.latest_finished().id == "resumed"
