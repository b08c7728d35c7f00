"""Safe file writing, private folders and the check-in lock.

Every POSIX-specific call (folder fsync, `flock`, permission bits) lives here, so a
port to another platform has one module to change. Nothing in reconnect is ever
overwritten in place: data goes to a temporary file in the same folder, is flushed
and fsynced, then renamed over the target, and the folder itself is fsynced so the
rename survives a power cut.
"""

from __future__ import annotations

import errno
import fcntl
import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = ".part"
# A temporary file older than this was left by a crash; younger ones may belong to
# another process that is writing right now, so they are never removed.
STALE_TEMP_SECONDS = 600


def make_private_dirs(path: Path) -> Path:
    """Create `path` and any missing parents, each one 0700 whatever the umask.

    `os.makedirs(mode=...)` only applies the mode to the last folder and is filtered
    by the umask, so each folder we create is chmod-ed explicitly. Folders that were
    already there (say `~/.config`) are left as they are.
    """
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            pass  # another process made it a moment ago
        os.chmod(folder, PRIVATE_DIR_MODE)
    return path


def is_temp_name(name: str) -> bool:
    """True for the names `atomic_write` uses for its temporary files."""
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def fsync_dir(folder: Path) -> None:
    """Make a rename inside `folder` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the rename is still atomic
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, overwrite: bool = True) -> Path:
    """Write `data` to `path` so that readers see either the old file or the new one.

    With `overwrite=False` the final step fails with `FileExistsError` instead of
    replacing a file that is already there (a hard link is atomic and exclusive);
    two processes can never silently replace each other's entry.
    """
    folder = path.parent
    make_private_dirs(folder)
    tmp = folder / f"{TEMP_PREFIX}{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        try:
            os.fchmod(fd, PRIVATE_FILE_MODE)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_exclusive(tmp, path)
    except BaseException:
        _remove_quietly(tmp)
        raise
    fsync_dir(folder)
    return path


@contextmanager
def atomic_stream(path: Path, *, overwrite: bool = True) -> Iterator[BinaryIO]:
    """`atomic_write` for data written bit by bit: yields a file to write to.

    The file appears at `path` (0600) only when the block ends without an error,
    so a long export that fails half way leaves nothing behind, and readers see
    either the old file or the whole new one.
    """
    folder = path.parent
    make_private_dirs(folder)
    tmp = folder / f"{TEMP_PREFIX}{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), PRIVATE_FILE_MODE)
            yield out
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_exclusive(tmp, path)
    except BaseException:
        _remove_quietly(tmp)
        raise
    fsync_dir(folder)


def _link_exclusive(tmp: Path, path: Path) -> None:
    """Give `tmp` the name `path`, failing if `path` exists."""
    try:
        os.link(tmp, path)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: the check and the rename are not one
        # step here, which is the best such a file system allows.
        if path.exists():
            raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def remove_stale_temp(path: Path, now: float | None = None) -> bool:
    """Delete a temporary file left by a crash; keep it if it may still be in use."""
    now = time.time() if now is None else now
    try:
        if now - path.stat().st_mtime < STALE_TEMP_SECONDS:
            return False
        path.unlink()
    except OSError:
        return False
    return True


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


class LockHeld(Exception):
    """Another live process holds the lock."""


class FileLock:
    """An exclusive, non-blocking lock on a file, released when the process dies.

    `flock` locks belong to the open file, so a process killed with SIGKILL leaves
    nothing to clean up: the next one simply takes the lock.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> None:
        make_private_dirs(self.path.parent)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise LockHeld(str(self.path)) from None
        except BaseException:
            os.close(fd)
            raise
        os.fchmod(fd, PRIVATE_FILE_MODE)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
