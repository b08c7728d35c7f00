"""A month folder is opened once and its entries read through it: the same refusals as reading each by path."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import MOMENT, make_entry

from reconnect_tui.core import fsutil
from reconnect_tui.core.fsutil import LinkRefused, TooLarge, open_folder, read_file_in
from reconnect_tui.core.journal import Journal

needs_folder_fds = pytest.mark.skipif(not fsutil.FOLDER_FDS, reason="no folder descriptors on this system")


def two_entries(root: Path) -> tuple[Journal, Path]:
    journal = Journal(root)
    journal.save(make_entry(MOMENT))
    journal.save(make_entry(MOMENT + timedelta(days=1)))
    return journal, root / "2026" / "11"


def test_a_fifo_among_the_entries_is_named_and_the_rest_load(tmp_path: Path) -> None:
    journal, month = two_entries(tmp_path / "journal")
    os.mkfifo(month / "20261125-213005-aaaaaa.json")
    loaded = journal.load()
    assert len(loaded.entries) == 2
    assert [problem.where for problem in loaded.problems] == ["2026/11/20261125-213005-aaaaaa.json"]
    assert "not a file reconnect can read" in loaded.problems[0].message


def test_an_entry_linked_to_a_real_entry_elsewhere_is_refused(tmp_path: Path) -> None:
    journal, month = two_entries(tmp_path / "journal")
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(journal.path_for(journal.load().entries[0]).read_bytes())
    (month / "20261101-213005-bbbbbb.json").symlink_to(elsewhere)
    loaded = journal.load()
    assert len(loaded.entries) == 2
    assert [problem.where for problem in loaded.problems] == ["2026/11/20261101-213005-bbbbbb.json"]
    assert "symbolic link" in loaded.problems[0].message


def test_a_linked_journal_folder_is_refused_entry_by_entry_as_before(tmp_path: Path) -> None:
    _, _ = two_entries(tmp_path / "real")
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "journal").symlink_to(tmp_path / "real", target_is_directory=True)
    journal = Journal(tmp_path / "home" / "journal")
    loaded = journal.load()
    assert loaded.entries == []
    assert len(loaded.problems) == 2
    assert all("symbolic link" in problem.message for problem in loaded.problems)
    assert journal.latest() is None and journal.latest_finished() is None


def test_latest_reads_the_newest_month_through_its_folder(tmp_path: Path) -> None:
    journal, _ = two_entries(tmp_path / "journal")
    journal.save(make_entry(MOMENT + timedelta(days=10)))  # December
    latest = journal.latest()
    assert latest is not None and latest.started_at == MOMENT + timedelta(days=10)


@needs_folder_fds
def test_open_folder_refuses_a_linked_folder(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "inside").mkdir()
    (tmp_path / "inside" / "month").symlink_to(tmp_path / "real", target_is_directory=True)
    with pytest.raises(LinkRefused):
        open_folder(tmp_path / "inside" / "month", tmp_path / "inside")


@needs_folder_fds
def test_read_file_in_names_a_missing_file_by_its_whole_path(tmp_path: Path) -> None:
    folder = open_folder(tmp_path, tmp_path.parent)
    try:
        with pytest.raises(FileNotFoundError) as raised:
            read_file_in(folder, tmp_path / "gone.json", "entry")
        assert raised.value.filename == str(tmp_path / "gone.json")
    finally:
        os.close(folder)


@needs_folder_fds
def test_read_file_in_refuses_a_runaway_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(fsutil.LIMITS, "entry", 10)
    (tmp_path / "big.json").write_bytes(b"x" * 11)
    (tmp_path / "small.json").write_bytes(b"x" * 10)
    folder = open_folder(tmp_path, tmp_path.parent)
    try:
        with pytest.raises(TooLarge):
            read_file_in(folder, tmp_path / "big.json", "entry")
        assert read_file_in(folder, tmp_path / "small.json", "entry") == b"x" * 10
    finally:
        os.close(folder)
