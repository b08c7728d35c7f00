from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from helpers import make_folders_read_only, session_dict

from reconnect_tui.core import fsutil
from reconnect_tui.core.drafts import DraftDamaged, DraftStore
from reconnect_tui.core.errors import CheckinAlreadyOpen, DraftError

NOW = datetime(2026, 11, 26, 21, 0, tzinfo=timezone.utc)


def test_save_load_clear(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    assert store.load() is None
    store.save(session_dict("hello"), NOW)
    assert store.load() == session_dict("hello")
    assert oct(store.path.stat().st_mode & 0o777) == oct(0o600)
    store.clear()
    assert store.load() is None
    store.clear()  # clearing twice is fine


def test_damaged_draft_is_kept_aside_never_deleted(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    store.path.write_text('{"draft_version": 1, "session": {"wor')
    with pytest.raises(DraftDamaged) as caught:
        store.load()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("checkin.unreadable-")]
    assert len(kept) == 1 and kept[0].read_text().startswith('{"draft_version"')
    assert str(kept[0]) in str(caught.value)
    assert store.load() is None


def test_full_disk_gives_a_clear_error_and_keeps_the_last_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = DraftStore(tmp_path)
    store.save(session_dict("first"), NOW)

    def disk_full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fsutil.os, "write", disk_full)
    with pytest.raises(DraftError, match="No space left"):
        store.save(session_dict("second"), NOW)
    monkeypatch.undo()
    assert store.load() == session_dict("first")


def test_read_only_folder_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = DraftStore(tmp_path)
    make_folders_read_only(monkeypatch)
    with pytest.raises(DraftError, match="could not be saved.*[Rr]ead-only"):
        store.save(session_dict("x"), NOW)


LOCKER = """
import sys, time
from pathlib import Path
from reconnect_tui.core.drafts import DraftStore
DraftStore(Path(sys.argv[1])).lock()
print("locked", flush=True)
time.sleep(60)
"""


def test_second_checkin_is_told_and_a_dead_ones_lock_is_taken(tmp_path: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", LOCKER, str(tmp_path)], stdout=subprocess.PIPE)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == b"locked"
        with pytest.raises(CheckinAlreadyOpen, match="already open"):
            DraftStore(tmp_path).lock()
    finally:
        other.send_signal(signal.SIGKILL)
        other.wait()
    store = DraftStore(tmp_path)
    store.lock()
    store.unlock()
