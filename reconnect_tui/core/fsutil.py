"""Safe file reading and writing, private folders and the check-in lock.

Every platform-specific call (folder fsync, file locks, permission bits, refusing
links) lives here, so a port to another platform has one module to change, and
nothing Unix-only is imported at the top: reconnect imports on Windows too.

Nothing in reconnect is ever overwritten in place: data goes to a temporary file
in the same folder, is flushed and fsynced, then renamed over the target, and the
folder itself is fsynced so the rename survives a power cut.

The folders we are given (RECONNECT_HOME, the XDG folders) may be links; below
them reconnect never follows one when it creates, writes, reads or sweeps: a link
planted in a synced folder must not make us truncate or read a file elsewhere.
Where the platform can open relative to a folder (openat: Linux, the BSDs, macOS),
each folder is opened from the one before with `O_NOFOLLOW` and the file is made,
renamed or read inside the folder held open, so a folder swapped for a link after
the walk changes nothing. Elsewhere (Windows) the path is checked just before it is
used: a link planted in the few system calls between the check and the open could
still be followed there (see `_DIR_FD`).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
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

# The largest file reconnect reads, by kind. Generous (a check-in with a whole
# book in one answer fits easily), but a link to /dev/zero or a runaway file is
# refused by name instead of eating the machine's memory. The README states them.
MiB = 1024 * 1024
LIMITS = {
    "entry": 8 * MiB,
    "draft": 16 * MiB,
    "deck": 4 * MiB,
    "config": 1 * MiB,
    "people": 4 * MiB,
    "import": 512 * MiB,
    "cache": 64 * MiB,  # the deck cache: every deck file's text and what it held
}

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class LinkRefused(OSError):
    """A path below the folders we were given is a symbolic link; it is not followed."""

    def __init__(self, link: Path) -> None:
        super().__init__(
            errno.ELOOP,
            "is a symbolic link, and reconnect does not follow links inside its folders; "
            "remove the link (or put the real folder or file there)",
            str(link),
        )
        self.link = link

    def __str__(self) -> str:
        return f"{self.filename} {self.strerror}"


class NotAFile(OSError):
    """Something that is not a regular file (a FIFO, a device, a folder) was to be read."""


class TooLarge(OSError):
    """A file is larger than reconnect reads for its kind."""


def _describe_mode(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _size_words(limit: int) -> str:
    return f"{limit // MiB} MB" if limit >= MiB else f"{limit} bytes"


def refuse_links(path: Path, inside: Path) -> None:
    """Raise LinkRefused if `path` or any folder between `inside` and it is a link.

    `inside` itself may be a link (it is one of the folders we were given); parts
    that do not exist yet are fine. `path` must be below `inside`.
    """
    try:
        relative = path.relative_to(inside)
    except ValueError:
        return
    current = inside
    for part in relative.parts:
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                raise LinkRefused(current)
        except FileNotFoundError:
            return


def make_private_dirs(path: Path, inside: Path | None = None) -> Path:
    """Create `path` and any missing parents, each one 0700 whatever the umask.

    `os.makedirs(mode=...)` only applies the mode to the last folder and is filtered
    by the umask, so each folder we create is chmod-ed explicitly. Folders that were
    already there (say `~/.config`) are left as they are. With `inside`, no folder
    below it may be a link (LinkRefused names it).
    """
    if inside is not None:
        refuse_links(path, inside)
    missing: list[Path] = []
    current = path
    while not os.path.lexists(current):
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            pass  # another process made it a moment ago
        if inside is not None:
            refuse_links(folder, inside)
        os.chmod(folder, PRIVATE_DIR_MODE)
    return path


def random_hex(nbytes: int) -> str:
    """Random hex digits that keep a name unique, from os.urandom as `secrets.token_hex`
    makes them: importing `secrets` pulls in hmac and hashlib, a millisecond of every start."""
    return os.urandom(nbytes).hex()


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


def _make_private(fd: int, path: Path) -> None:
    """0600 on an open file (by descriptor where the platform can, else by name)."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, PRIVATE_FILE_MODE)
    else:  # Windows: only the read-only bit exists; the name is ours (O_EXCL)
        os.chmod(path, PRIVATE_FILE_MODE)


def atomic_write(path: Path, data: bytes, *, overwrite: bool = True, inside: Path | None = None) -> Path:
    """Write `data` to `path` so that readers see either the old file or the new one.

    With `overwrite=False` the final step fails with `FileExistsError` instead of
    replacing a file that is already there (a hard link is atomic and exclusive);
    two processes can never silently replace each other's entry. With `inside`, no
    folder between it and `path` may be a link, and neither may `path` itself.
    """
    place = _Place.of(path, inside)
    try:
        fd, tmp = place.open_temp()
        try:
            try:
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                os.fsync(fd)
            finally:
                os.close(fd)
            place.put_in_place(tmp, overwrite)
        except BaseException:
            place.remove_quietly(tmp)
            raise
    finally:
        place.close()
    return path


@contextmanager
def atomic_stream(path: Path, *, overwrite: bool = True, inside: Path | None = None) -> Iterator[BinaryIO]:
    """`atomic_write` for data written bit by bit: yields a file to write to.

    The file appears at `path` (0600) only when the block ends without an error,
    so a long export that fails half way leaves nothing behind.
    """
    place = _Place.of(path, inside)
    try:
        fd, tmp = place.open_temp()
        try:
            with os.fdopen(fd, "wb") as out:
                yield out
                out.flush()
                os.fsync(out.fileno())
            place.put_in_place(tmp, overwrite)
        except BaseException:
            place.remove_quietly(tmp)
            raise
    finally:
        place.close()


# Where the platform can open a folder and then create, rename and link names
# relative to it (openat and friends: Linux, the BSDs, macOS), a write below one of
# our folders walks there one folder at a time, each opened with O_NOFOLLOW
# relative to the one before, and then works inside the folder it holds open. A
# folder swapped for a link at any moment (after a check, before the write) is then
# refused or simply not seen: the file lands in the folder that was checked, never
# through the link. Elsewhere (Windows) the path is checked just before it is used,
# which leaves a window of a few system calls between the check and the open in
# which a planted link could still be followed.
_DIR_FD = (
    bool(_NOFOLLOW)
    and hasattr(os, "O_DIRECTORY")
    and {os.open, os.mkdir, os.rename, os.link, os.unlink, os.stat} <= os.supports_dir_fd
)


def open_folder(folder: Path, inside: Path, create: bool = False) -> int:
    """A descriptor on `folder` (below `inside`, or `inside` itself), reached without
    following a link; close it with os.close.

    Each folder is opened from the one before with O_NOFOLLOW, so the folder held is
    the one that was checked, whatever is renamed meanwhile. Missing folders are made
    (0700) with `create` (where `_DIR_FD`); else FileNotFoundError. `inside` itself
    may be a link (it is one of the folders we were given). LinkRefused names a
    folder that is a link. Only where `FOLDER_FDS` is true.
    """
    if create and not os.path.isdir(inside):
        make_private_dirs(inside)
    flags = os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC
    fd = os.open(inside, flags)
    try:
        current = inside
        for part in folder.relative_to(inside).parts:
            current = current / part
            made = False
            if create:
                try:
                    os.mkdir(part, PRIVATE_DIR_MODE, dir_fd=fd)
                    made = True
                except FileExistsError:
                    pass
            try:
                child = os.open(part, flags | _NOFOLLOW, dir_fd=fd)
            except OSError as error:
                if error.errno in (errno.ELOOP, errno.ENOTDIR) and _is_link(part, fd):
                    raise LinkRefused(current) from None
                raise
            if made:
                try:
                    os.fchmod(child, PRIVATE_DIR_MODE)  # whatever the umask
                except BaseException:
                    os.close(child)
                    raise
            os.close(fd)
            fd = child
        return fd
    except BaseException:
        os.close(fd)
        raise


def _is_link(name: str, dir_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


class _Place:
    """Where a file is written: its folder (held open where the platform allows) and name."""

    def __init__(self, path: Path, inside: Path | None, dir_fd: int | None) -> None:
        self.path = path
        self.inside = inside
        self.dir_fd = dir_fd

    @classmethod
    def of(cls, path: Path, inside: Path | None) -> _Place:
        if _DIR_FD and inside is not None and _below(path.parent, inside):
            fd = open_folder(path.parent, inside, create=True)
            place = cls(path, inside, fd)
            try:
                if _is_link(path.name, fd):
                    raise LinkRefused(path)
            except BaseException:
                place.close()
                raise
            return place
        make_private_dirs(path.parent, inside)
        if inside is not None:
            refuse_links(path, inside)
        return cls(path, inside, None)

    def close(self) -> None:
        if self.dir_fd is not None:
            os.close(self.dir_fd)
            self.dir_fd = None

    def open_temp(self) -> tuple[int, Path]:
        """A new private temporary file beside the target, open for writing."""
        tmp = self.path.with_name(f"{TEMP_PREFIX}{self.path.name}.{random_hex(4)}{TEMP_SUFFIX}")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY | _CLOEXEC
        # O_EXCL never follows a link: a planted link at the temp name fails here.
        if self.dir_fd is not None:
            fd = os.open(tmp.name, flags, PRIVATE_FILE_MODE, dir_fd=self.dir_fd)
        else:
            fd = os.open(tmp, flags, PRIVATE_FILE_MODE)
        try:
            _make_private(fd, tmp)
        except BaseException:
            os.close(fd)
            self.remove_quietly(tmp)
            raise
        return fd, tmp

    def put_in_place(self, tmp: Path, overwrite: bool) -> None:
        """Give the finished temporary file its name, durably."""
        if self.dir_fd is None:
            if overwrite:
                os.replace(tmp, self.path)
            else:
                _link_exclusive(tmp, self.path)
            fsync_dir(self.path.parent)
            return
        fd, name = self.dir_fd, self.path.name
        if overwrite:
            os.rename(tmp.name, name, src_dir_fd=fd, dst_dir_fd=fd)  # replaces, as os.replace does here
        else:
            try:
                os.link(tmp.name, name, src_dir_fd=fd, dst_dir_fd=fd)
            except OSError as error:
                if error.errno not in _NO_HARD_LINKS:
                    raise
                # A file system without hard links: the check and the rename are two steps.
                try:
                    os.stat(name, dir_fd=fd, follow_symlinks=False)
                except FileNotFoundError:
                    os.rename(tmp.name, name, src_dir_fd=fd, dst_dir_fd=fd)
                else:
                    raise FileExistsError(errno.EEXIST, "file exists", str(self.path)) from None
            else:
                os.unlink(tmp.name, dir_fd=fd)
        try:
            os.fsync(fd)
        except OSError:
            pass  # some file systems refuse fsync on a folder; the rename is still atomic

    def remove_quietly(self, tmp: Path) -> None:
        try:
            if self.dir_fd is not None:
                os.unlink(tmp.name, dir_fd=self.dir_fd)
            else:
                tmp.unlink()
        except OSError:
            pass


def move_files(names: list[str], source: Path, target: Path, inside: Path) -> None:
    """Move the files `names`, in order, from the folder `source` to the folder `target`
    (made if missing), both below `inside`, never through a link; durably."""
    if _DIR_FD and _below(source, inside) and _below(target, inside):
        source_fd = open_folder(source, inside, create=False)
        try:
            target_fd = open_folder(target, inside, create=True)
            try:
                for name in names:
                    os.rename(name, name, src_dir_fd=source_fd, dst_dir_fd=target_fd)
                for fd in (target_fd, source_fd):
                    try:
                        os.fsync(fd)
                    except OSError:
                        pass
            finally:
                os.close(target_fd)
        finally:
            os.close(source_fd)
        return
    make_private_dirs(target, inside)
    refuse_links(source, inside)
    for name in names:
        os.rename(source / name, target / name)
    fsync_dir(target)
    fsync_dir(source)


def _below(folder: Path, inside: Path) -> bool:
    try:
        folder.relative_to(inside)
    except ValueError:
        return False
    return True


_NO_HARD_LINKS = (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EACCES)


def _link_exclusive(tmp: Path, path: Path) -> None:
    """Give `tmp` the name `path`, failing if `path` exists."""
    try:
        os.link(tmp, path)
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        # A file system without hard links: the check and the rename are not one
        # step here, which is the best such a file system allows.
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def read_file(path: Path, kind: str, *, inside: Path | None = None, follow_links: bool = True) -> bytes:
    """The bytes of a regular file, refusing whatever could hang or flood memory.

    FIFOs, devices and folders are refused without blocking (the file is opened
    non-blocking and checked before a byte is read); a file larger than
    `LIMITS[kind]` is refused by name. With `follow_links=False` (or `inside`) a
    link is refused as well. Raises OSError (FileNotFoundError, LinkRefused,
    NotAFile, TooLarge...) with a `strerror` written for a person.
    """
    limit = LIMITS[kind]
    folder_fd = None
    if inside is not None:
        follow_links = False
        if FOLDER_FDS and _below(path.parent, inside):
            # The folders are walked without following a link and the file opened
            # relative to the last one: no folder can be swapped for a link meanwhile.
            folder_fd = open_folder(path.parent, inside)
        else:
            refuse_links(path, inside)
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | _CLOEXEC | getattr(os, "O_NOCTTY", 0)
    if not follow_links:
        if _NOFOLLOW:
            flags |= _NOFOLLOW
        elif os.path.islink(path):
            raise LinkRefused(path)
    try:
        fd = os.open(path, flags) if folder_fd is None else os.open(path.name, flags, dir_fd=folder_fd)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_links:
            raise LinkRefused(path) from None
        raise
    finally:
        if folder_fd is not None:
            os.close(folder_fd)
    return _read_opened(fd, path, kind, limit)


FOLDER_FDS = bool(_NOFOLLOW) and hasattr(os, "O_DIRECTORY") and {os.open, os.stat} <= os.supports_dir_fd
"""True where a folder can be opened once and the files in it read through it (not on Windows)."""


def read_file_in(folder_fd: int, path: Path, kind: str) -> bytes:
    """`read_file(path, kind, inside=...)` for a file in a folder opened by `open_folder`.

    The same refusals (a link, a FIFO, a device, a runaway size), without walking
    the path again for every file: a month of a long journal is read at once.
    """
    flags = os.O_RDONLY | _NONBLOCK | _BINARY | _CLOEXEC | getattr(os, "O_NOCTTY", 0) | _NOFOLLOW
    try:
        fd = os.open(path.name, flags, dir_fd=folder_fd)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise LinkRefused(path) from None
        error.filename = str(path)
        raise
    return _read_opened(fd, path, kind, LIMITS[kind])


def _read_opened(fd: int, path: Path, kind: str, limit: int) -> bytes:
    """The bytes of the file open as `fd` (closed here), if it is a regular file within `limit`."""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(errno.EINVAL, f"is {_describe_mode(info.st_mode)}, not a file reconnect can read", str(path))
        if info.st_size > limit:
            raise TooLarge(
                errno.EFBIG,
                f"is larger than reconnect reads for a {kind} file ({_size_words(limit)})",
                str(path),
            )
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1024 * 1024, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while we read
                raise TooLarge(
                    errno.EFBIG,
                    f"is larger than reconnect reads for a {kind} file ({_size_words(limit)})",
                    str(path),
                )
        return b"".join(chunks)
    finally:
        os.close(fd)


def remove_stale_temp(path: Path, now: float | None = None, *, max_age: float = STALE_TEMP_SECONDS) -> bool:
    """Delete a temporary file left by a crash; keep it if it may still be in use.

    Only a regular file is removed (a link is never followed, nor removed).
    """
    now = time.time() if now is None else now
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < max_age:
            return False
        path.unlink()
    except OSError:
        return False
    return True


def sweep_temp_files(folder: Path, *, max_age: float = STALE_TEMP_SECONDS) -> int:
    """Remove the crash leftovers of `atomic_write` in one folder (never below a link)."""
    removed = 0
    try:
        if stat.S_ISLNK(os.lstat(folder).st_mode):
            return 0
        with os.scandir(folder) as scan:
            names = [item.path for item in scan if is_temp_name(item.name)]
    except OSError:
        return 0
    for name in names:
        removed += remove_stale_temp(Path(name), max_age=max_age)
    return removed


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


class LockHeld(Exception):
    """Another live process holds the lock."""


if sys.platform == "win32":  # pragma: no cover - exercised by the Windows CI only
    import msvcrt

    def _try_lock(fd: int) -> None:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            raise BlockingIOError(errno.EAGAIN, "locked") from None

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    try:
        import fcntl
    except ImportError:  # a Unix without flock: the pid in the file is the lock
        fcntl = None  # type: ignore[assignment]

    def _pid_alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True  # alive, someone else's
        except OSError:
            return False
        return True

    def _try_lock(fd: int) -> None:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        # Without flock, a lock whose process is still alive is held; one left by a
        # process that died is taken over, as with flock. (Two processes starting in
        # the very same instant could both win; flock has no such gap.)
        os.lseek(fd, 0, os.SEEK_SET)
        holder = os.read(fd, 32).strip()
        pid = int(holder) if holder.isdigit() else 0
        if pid and pid != os.getpid() and _pid_alive(pid):
            raise BlockingIOError(errno.EAGAIN, "locked")

    def _unlock(fd: int) -> None:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:
            os.ftruncate(fd, 0)


class FileLock:
    """An exclusive, non-blocking lock on a file, released when the process dies.

    `flock` (and Windows' `msvcrt.locking`) locks belong to the open file, so a
    process killed with SIGKILL leaves nothing to clean up: the next one simply
    takes the lock. The lock file is opened without following a link and must be
    a regular file: a planted link to another file is refused by name, and that
    file is never truncated or written.
    """

    def __init__(self, path: Path, inside: Path | None = None) -> None:
        self.path = path
        self.inside = inside if inside is not None else path.parent
        self._fd: int | None = None

    def acquire(self) -> None:
        flags = os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK | _BINARY | _CLOEXEC
        place = _Place.of(self.path, self.inside)  # its folder, reached without following a link
        try:
            if place.dir_fd is not None:
                fd = os.open(self.path.name, flags, PRIVATE_FILE_MODE, dir_fd=place.dir_fd)
            else:
                fd = os.open(self.path, flags, PRIVATE_FILE_MODE)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise LinkRefused(self.path) from None
            raise
        finally:
            place.close()
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise NotAFile(errno.EINVAL, f"is {_describe_mode(info.st_mode)}, not a lock file", str(self.path))
            _try_lock(fd)
        except BlockingIOError:
            os.close(fd)
            raise LockHeld(str(self.path)) from None
        except BaseException:
            os.close(fd)
            raise
        _make_private(fd, self.path)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
