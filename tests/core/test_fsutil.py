from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reconnect_tui.core import fsutil
from reconnect_tui.core.fsutil import FileLock, LockHeld, atomic_write, is_temp_name, remove_stale_temp


@pytest.mark.parametrize("umask", [0o022, 0o277])
def test_written_files_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    # 0o277 would leave mkdir(0o700) at 0o400 and open(0o600) at 0o400: only an
    # explicit chmod gets them right.
    os.umask(umask)
    try:
        path = atomic_write(tmp_path / "a" / "b" / "file.json", b"{}")
    finally:
        os.umask(0o022)
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)
    assert oct((tmp_path / "a").stat().st_mode & 0o777) == oct(0o700)
    assert oct((tmp_path / "a" / "b").stat().st_mode & 0o777) == oct(0o700)


def test_crash_between_write_and_rename_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "entry.json"
    atomic_write(path, b"old")

    def power_cut(*args: object) -> None:
        raise OSError("simulated crash before rename")

    monkeypatch.setattr(fsutil.os, "replace", power_cut)
    with pytest.raises(OSError):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]


def test_a_full_disk_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "entry.json"
    atomic_write(path, b"old")

    def disk_full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "write", disk_full)
    with pytest.raises(OSError):
        atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert len(list(tmp_path.iterdir())) == 1


def test_exclusive_write_never_replaces(tmp_path: Path) -> None:
    path = atomic_write(tmp_path / "entry.json", b"first", overwrite=False)
    with pytest.raises(FileExistsError):
        atomic_write(path, b"second", overwrite=False)
    assert path.read_bytes() == b"first"
    assert len(list(tmp_path.iterdir())) == 1


KILL_WRITER = """
import json, sys
from pathlib import Path
from reconnect_tui.core.fsutil import atomic_write
path = Path(sys.argv[1])
n = 0
print("ready", flush=True)
while True:
    n += 1
    atomic_write(path, json.dumps({"n": n, "pad": "x" * 200000}).encode())
"""


def test_kill_mid_write_always_leaves_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    atomic_write(path, json.dumps({"n": 0}).encode())
    for _ in range(5):
        writer = subprocess.Popen([sys.executable, "-c", KILL_WRITER, str(path)], stdout=subprocess.PIPE)
        assert writer.stdout is not None
        writer.stdout.readline()
        time.sleep(0.15)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        assert "n" in json.loads(path.read_bytes())


def test_temp_names_are_recognised_and_only_stale_ones_removed(tmp_path: Path) -> None:
    fresh = tmp_path / ".tmp-entry.json.1234.part"
    stale = tmp_path / ".tmp-other.json.5678.part"
    fresh.write_bytes(b"")
    stale.write_bytes(b"")
    old = time.time() - fsutil.STALE_TEMP_SECONDS - 5
    os.utime(stale, (old, old))
    assert is_temp_name(fresh.name) and not is_temp_name("entry.json")
    assert not remove_stale_temp(fresh)
    assert remove_stale_temp(stale)
    assert fresh.exists() and not stale.exists()


HOLDER = """
import sys, time
from pathlib import Path
from reconnect_tui.core.fsutil import FileLock
lock = FileLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
time.sleep(60)
"""


def test_lock_is_exclusive_and_taken_over_after_a_kill(tmp_path: Path) -> None:
    lock_path = tmp_path / "checkin.lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == b"locked"
        with pytest.raises(LockHeld):
            FileLock(lock_path).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    lock = FileLock(lock_path)
    lock.acquire()
    assert lock.held
    assert oct(lock_path.stat().st_mode & 0o777) == oct(0o600)
    lock.release()
