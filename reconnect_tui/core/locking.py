"""Turning a journal's encryption on and off, one file at a time.

Each file is converted on its own: the new form is written to a temporary file,
fsynced and renamed into place, and only then is the old form removed. A kill at
any moment leaves every entry readable in one form or the other (both, for at most
one file), and running the same command again finishes the job. Where both
`<name>.json` and `<name>.json.age` exist in a locked journal, the `.age` one is
the truth and the plain one is what is left to remove.

What is converted: every `*.json` file below the journal's top folder (entries,
notes, the trash), the people file (the couple's names) and every draft. The key
files at the top of the journal folder stay as they are.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from msgspec import Struct, field

from reconnect_tui.core.fsutil import atomic_write, fsync_dir, is_temp_name, read_file
from reconnect_tui.core.lockbox import AGE_SUFFIX, DECRYPTING_NAME, Key, Lockbox
from reconnect_tui.core.people import PEOPLE_FILE

PLAIN_SUFFIX = ".json"


class Stopped(Exception):
    """Raised by the `stop_after` test hook: a stand-in for kill -9 between files."""


class Conversion(Struct):
    converted: list[Path] = field(default_factory=list)  # the files written
    problems: list[str] = field(default_factory=list)  # files that were left as they are


def _files(folder: Path, top_level: bool) -> Iterator[Path]:
    """Every plain or encrypted JSON file under `folder`; with `top_level` False,
    files directly in `folder` are left out (the journal's own top files)."""
    if not folder.is_dir():
        return
    for here, dirs, names in os.walk(folder):
        dirs.sort()
        if not top_level and Path(here) == folder:
            continue
        for name in sorted(names):
            if is_temp_name(name):
                continue
            if name.endswith(PLAIN_SUFFIX) or name.endswith(PLAIN_SUFFIX + AGE_SUFFIX):
                yield Path(here) / name


def _read(path: Path) -> bytes:
    """A file to convert: a regular file only, never through a link, up to the largest
    size reconnect reads (a FIFO or a link named *.json is named and left alone)."""
    return read_file(path, "draft", follow_links=False)


def data_files(journal_dir: Path, drafts_dir: Path) -> Iterator[Path]:
    for name in (PEOPLE_FILE, PEOPLE_FILE + AGE_SUFFIX):
        if (journal_dir / name).is_file():
            yield journal_dir / name
    yield from _files(journal_dir, top_level=False)
    yield from _files(drafts_dir, top_level=True)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        return
    fsync_dir(path.parent)


def encrypt_files(journal_dir: Path, drafts_dir: Path, key: Key, stop_after: int | None = None) -> Conversion:
    """Encrypt every plain file that is left; where both forms exist, drop the plain one."""
    result = Conversion()
    for path in list(data_files(journal_dir, drafts_dir)):
        if not path.name.endswith(PLAIN_SUFFIX) or not path.exists():
            continue
        target = path.with_name(path.name + AGE_SUFFIX)
        if not target.exists():
            if stop_after is not None and len(result.converted) >= stop_after:
                raise Stopped(len(result.converted))
            try:
                atomic_write(target, key.encrypt(_read(path)))
            except OSError as error:
                result.problems.append(f"{path} could not be encrypted ({error.strerror or error}); it was left as it is")
                continue
            result.converted.append(target)
        _remove(path)
    return result


def decrypt_files(journal_dir: Path, drafts_dir: Path, key: Key, stop_after: int | None = None) -> Conversion:
    """Write every encrypted file back as plain JSON, then remove the encrypted one.

    A file this key cannot decrypt is named and left exactly as it is.
    """
    from reconnect_tui.core.lockbox import EncryptedDataDamaged

    result = Conversion()
    for path in list(data_files(journal_dir, drafts_dir)):
        if not path.name.endswith(AGE_SUFFIX) or not path.exists():
            continue
        if stop_after is not None and len(result.converted) >= stop_after:
            raise Stopped(len(result.converted))
        target = path.with_name(path.name[: -len(AGE_SUFFIX)])
        try:
            plain = key.decrypt(_read(path), path)
        except EncryptedDataDamaged as error:
            result.problems.append(f"{error}; it was left as it is")
            continue
        except OSError as error:
            result.problems.append(f"{path} cannot be read ({error.strerror}); it was left as it is")
            continue
        atomic_write(target, plain)
        result.converted.append(target)
        _remove(path)
    return result


def lock_journal(
    journal_dir: Path, drafts_dir: Path, passphrase: str, key: Key | None = None, stop_after: int | None = None
) -> tuple[Key, Conversion]:
    """Lock a plain journal: make and wrap the key, then encrypt file by file."""
    lockbox = Lockbox(journal_dir)
    key = lockbox.create(passphrase, key)
    return key, finish_locking(lockbox, drafts_dir, key, stop_after)


def finish_locking(lockbox: Lockbox, drafts_dir: Path, key: Key, stop_after: int | None = None) -> Conversion:
    """Encrypt whatever is still plain (after a stopped `lock`, or files that arrived
    plain through a sync); a stopped return to plain files is left for its command."""
    if lockbox.decrypting_path.exists():
        return Conversion()
    return encrypt_files(lockbox.journal_dir, drafts_dir, key, stop_after)


def relock(lockbox: Lockbox, drafts_dir: Path, key: Key, stop_after: int | None = None) -> Conversion:
    """`reconnect lock` on a journal whose return to plain files was stopped part way."""
    try:
        lockbox.decrypting_path.unlink()
    except FileNotFoundError:
        pass
    return encrypt_files(lockbox.journal_dir, drafts_dir, key, stop_after)


def unlock_journal(lockbox: Lockbox, drafts_dir: Path, key: Key, stop_after: int | None = None) -> Conversion:
    """Return to plain files for good: decrypt file by file, then remove the key files.

    A marker file says the return is under way, so a later unlock does not encrypt
    the plain files again; the key files go only when every file is plain.
    """
    atomic_write(lockbox.decrypting_path, b"reconnect: this journal is being returned to plain files\n")
    result = decrypt_files(lockbox.journal_dir, drafts_dir, key, stop_after)
    if result.problems:
        return result  # the key is still needed for what could not be decrypted
    # The recipient goes first: a kill now leaves the identity, so the journal still
    # opens and the same command finishes the job.
    for path in (lockbox.recipient_path, lockbox.identity_path, lockbox.decrypting_path):
        _remove(path)
    lockbox.forget()
    return result


__all__ = [
    "DECRYPTING_NAME",
    "Conversion",
    "Stopped",
    "data_files",
    "decrypt_files",
    "encrypt_files",
    "finish_locking",
    "lock_journal",
    "relock",
    "unlock_journal",
]
