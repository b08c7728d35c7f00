"""A folder swapped for a link between the check and the write (or the read).

Checking each folder for a link and then opening the path by name leaves a moment in
which a folder can be replaced by a link to somewhere else, and the open follows it.
Where the platform can open a folder and work relative to it (openat), reconnect
walks to the folder one step at a time without following a link and then creates,
renames and reads inside the folder it holds: the swap is too late to matter.

Each test makes the swap happen at the worst moment, deterministically: just before
the file itself is opened (the last step of the old check-then-open).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import MOMENT, make_deck, make_entry

from reconnect_tui.core import fsutil
from reconnect_tui.core.drafts import DraftStore
from reconnect_tui.core.journal import Journal, encode
from reconnect_tui.core.session import CheckinSession

pytestmark = pytest.mark.skipif(not fsutil._DIR_FD, reason="this platform cannot open relative to a folder")


def swap_before(monkeypatch: pytest.MonkeyPatch, when: Callable[[str, int], bool], folder: Path, target: Path) -> list[Path]:
    """Just before the first os.open that `when(name, flags)` picks, move `folder` aside and
    put a link to `target` in its place. Returns where the real folder went (once it has)."""
    real_open = os.open
    moved: list[Path] = []

    def open_with_a_swap(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if not moved and when(Path(str(path)).name, flags):
            aside = folder.with_name(folder.name + "-moved")
            folder.rename(aside)
            folder.symlink_to(target, target_is_directory=True)
            moved.append(aside)
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fsutil.os, "open", open_with_a_swap)
    return moved


def creating_temp(name: str, flags: int) -> bool:
    return bool(flags & os.O_CREAT) and name.startswith(fsutil.TEMP_PREFIX)


def test_a_month_folder_swapped_for_a_link_during_a_save_never_receives_the_entry(
    private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(private_home / "journal")
    journal.save(make_entry(entry_id="first"))  # the month folder is there and was checked
    month = private_home / "journal" / f"{MOMENT:%Y}" / f"{MOMENT:%m}"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    moved = swap_before(monkeypatch, creating_temp, month, elsewhere)
    journal.save(make_entry(entry_id="second"))
    assert moved, "the swap never happened"
    assert list(elsewhere.iterdir()) == []  # nothing written through the link
    assert sorted(p.name for p in moved[0].iterdir()) == ["first.json", "second.json"]


def test_a_drafts_folder_swapped_for_a_link_during_a_draft_save_is_not_written_through(
    private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drafts = private_home / "drafts"
    store = DraftStore(drafts)
    session = CheckinSession(deck=make_deck(1), partners=("Alex", "Sam"), started_at=MOMENT)
    store.save(session.to_dict(), MOMENT)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    moved = swap_before(monkeypatch, creating_temp, drafts, elsewhere)
    store.save(session.to_dict(), MOMENT)
    assert moved and list(elsewhere.iterdir()) == []
    assert (moved[0] / "checkin.json").is_file()


def test_a_month_folder_swapped_for_a_link_during_a_read_is_not_read_through(
    private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(private_home / "journal")
    mine = make_entry(entry_id="mine", answers=("Our own words", None))
    path = journal.save(mine)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    planted = make_entry(entry_id="mine", answers=("Words planted from elsewhere", None))
    (elsewhere / "mine.json").write_bytes(encode(planted))

    def opening_the_entry(name: str, flags: int) -> bool:
        return name == "mine.json" and not flags & os.O_CREAT

    moved = swap_before(monkeypatch, opening_the_entry, path.parent, elsewhere)
    assert journal.read(path) == mine
    assert moved


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_a_drafts_folder_swapped_for_a_link_before_the_lock_opens_never_touches_the_other_side(
    private_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drafts = private_home / "drafts"
    drafts.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    precious = elsewhere / "checkin.lock"
    precious.write_text("someone else's file\n")

    def opening_the_lock(name: str, flags: int) -> bool:
        return name == "checkin.lock"

    moved = swap_before(monkeypatch, opening_the_lock, drafts, elsewhere)
    store = DraftStore(drafts)
    store.lock()
    store.unlock()
    assert moved
    assert precious.read_text() == "someone else's file\n"
