"""Links planted below reconnect's folders are never followed: not to lock, write, read or sweep.

RECONNECT_HOME may be a synced or removable folder, so a link in it is a realistic
attack: `drafts/checkin.lock -> ~/.bashrc` used to truncate that file.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import MOMENT, make_deck, make_entry
from typer.testing import CliRunner

from reconnect_tui.cli.commands import app
from reconnect_tui.core import fsutil
from reconnect_tui.core.drafts import DraftStore
from reconnect_tui.core.errors import DraftError
from reconnect_tui.core.fsutil import FileLock, LinkRefused, atomic_write
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.session import CheckinSession

PRECIOUS = b"export PATH=$HOME/bin:$PATH\n# years of settings\n"


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / ".bashrc"
    path.parent.mkdir()
    path.write_bytes(PRECIOUS)
    path.chmod(0o644)
    return path


def untouched(victim: Path) -> bool:
    return victim.read_bytes() == PRECIOUS and victim.stat().st_mode & 0o777 == 0o644


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(private_home: Path, victim: Path) -> None:
    drafts = private_home / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "checkin.lock").symlink_to(victim)
    store = DraftStore(drafts)
    with pytest.raises(DraftError) as caught:
        store.lock()
    assert "checkin.lock" in str(caught.value) and "link" in str(caught.value)
    assert not store.locked
    assert untouched(victim)


def test_checkin_on_the_command_line_names_the_link_and_writes_nothing(private_home: Path, victim: Path) -> None:
    drafts = private_home / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "checkin.lock").symlink_to(victim)
    result = CliRunner().invoke(app, ["checkin", "--partners", "Alex,Sam"])
    assert result.exit_code == 1
    assert "checkin.lock" in result.output and "symbolic link" in result.output
    assert untouched(victim)


def test_a_linked_drafts_folder_is_refused(private_home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere-drafts"
    elsewhere.mkdir()
    private_home.mkdir()
    (private_home / "drafts").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(DraftError, match="symbolic link"):
        DraftStore(private_home / "drafts").lock()
    assert list(elsewhere.iterdir()) == []


def test_the_given_home_itself_may_be_a_link(tmp_path: Path) -> None:
    real = tmp_path / "synced"
    real.mkdir()
    home = tmp_path / "home-link"
    home.symlink_to(real, target_is_directory=True)
    store = DraftStore(home / "drafts")
    store.lock()
    try:
        store.save(CheckinSession(deck=make_deck(1), partners=("Alex", "Sam"), started_at=MOMENT).to_dict(), MOMENT)
    finally:
        store.unlock()
    assert (real / "drafts" / "checkin.json").is_file()


def test_a_draft_that_is_a_link_is_not_read_through(private_home: Path, victim: Path) -> None:
    drafts = private_home / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "checkin.json").symlink_to(victim)
    with pytest.raises(DraftError, match="symbolic link"):
        DraftStore(drafts).load()
    assert untouched(victim)


@pytest.mark.parametrize("level", ["year", "month"])
def test_a_linked_year_or_month_folder_never_receives_entries(
    private_home: Path, tmp_path: Path, level: str
) -> None:
    journal = Journal(private_home / "journal")
    entry = make_entry()
    elsewhere = tmp_path / "elsewhere-month"
    elsewhere.mkdir()
    year = private_home / "journal" / f"{MOMENT.year:04d}"
    if level == "year":
        year.parent.mkdir(parents=True)
        year.symlink_to(elsewhere, target_is_directory=True)
    else:
        year.mkdir(parents=True)
        (year / f"{MOMENT.month:02d}").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(LinkRefused) as caught:
        journal.save(entry)
    assert "symbolic link" in str(caught.value)
    assert not any(elsewhere.rglob("*"))


def test_loading_names_a_linked_month_and_never_sweeps_inside_it(private_home: Path, tmp_path: Path) -> None:
    journal = Journal(private_home / "journal")
    journal.save(make_entry())
    elsewhere = tmp_path / "elsewhere-month"
    elsewhere.mkdir()
    leftover = elsewhere / ".tmp-someone-elses.json.1234.part"
    leftover.write_bytes(b"not ours")
    old = time.time() - fsutil.STALE_TEMP_SECONDS - 60
    os.utime(leftover, (old, old))
    (private_home / "journal" / "2026" / "10").symlink_to(elsewhere, target_is_directory=True)
    loaded = journal.load()
    assert len(loaded.entries) == 1
    assert [p.path.name for p in loaded.problems] == ["10"]
    assert "symbolic link" in str(loaded.problems[0])
    assert leftover.exists()


def test_an_old_temp_file_that_is_a_link_is_not_removed_nor_followed(tmp_path: Path, victim: Path) -> None:
    link = tmp_path / ".tmp-entry.json.abcd.part"
    link.symlink_to(victim)
    old = time.time() - fsutil.STALE_TEMP_SECONDS - 60
    os.utime(link, (old, old), follow_symlinks=False)
    assert not fsutil.remove_stale_temp(link)
    assert link.is_symlink() and untouched(victim)


def test_draft_temp_files_left_by_a_crash_are_swept_when_the_lock_is_taken(private_home: Path) -> None:
    drafts = private_home / "drafts"
    drafts.mkdir(parents=True)
    leftover = drafts / ".tmp-checkin.json.1a2b3c4d.part"
    leftover.write_text('{"private": "words"}')
    other = drafts / "checkin.unreadable-20261126-210000-abc123.json"
    other.write_text("kept for a person to look at")
    store = DraftStore(drafts)
    store.lock()
    store.unlock()
    assert not leftover.exists()
    assert other.exists()


def test_the_lock_refuses_a_fifo_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "checkin.lock")
    with pytest.raises(OSError, match="FIFO"):
        FileLock(tmp_path / "checkin.lock").acquire()


def test_atomic_write_refuses_a_link_at_the_target_below_inside(tmp_path: Path, victim: Path) -> None:
    folder = tmp_path / "home" / "journal"
    folder.mkdir(parents=True)
    (folder / "entry.json").symlink_to(victim)
    with pytest.raises(LinkRefused):
        atomic_write(folder / "entry.json", b"{}", inside=tmp_path / "home")
    assert untouched(victim)
