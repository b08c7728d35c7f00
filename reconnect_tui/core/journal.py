"""The journal: one JSON file per check-in under `journal/YYYY/MM/`.

One file per entry keeps sync tools (Syncthing, git) free of conflicts, and the
files are the only source of truth. Writes are atomic and exclusive, so two
processes can never lose each other's entries. A damaged file, or one from a newer
reconnect, is reported by name and left exactly as it is; every other entry loads.

A locked journal (see lockbox.py) keeps each entry as `<id>.json.age`, the same JSON
inside age encryption. The reader takes both forms side by side; where both exist
for one entry (a conversion stopped part way), the encrypted one is the entry.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reconnect_tui.core.entry import Entry, EntryFromNewerVersion, EntryInvalid, decode_entry, encode_entry
from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.fsutil import atomic_write, is_temp_name, remove_stale_temp

if TYPE_CHECKING:
    from reconnect_tui.core.lockbox import Key

ENTRY_SUFFIX = ".json"
LOCKED_SUFFIX = ".json.age"
NOTE_MARK = ".note-"  # <entry id>.note-<stamp>.json: a later note, read with its entry


@dataclass(frozen=True)
class JournalProblem:
    """A file that could not be read as an entry: where, and what is wrong in plain words."""

    path: Path
    message: str
    newer: bool = False
    where: str = ""  # the path inside the journal, e.g. 2025/03/x.json

    def __str__(self) -> str:
        return f"entry {self.where or self.path}: {self.message}; it was left untouched"


@dataclass
class JournalLoad:
    entries: list[Entry] = field(default_factory=list)
    problems: list[JournalProblem] = field(default_factory=list)

    @property
    def ids(self) -> set[str]:
        return {entry.id for entry in self.entries}


def sort_key(entry: Entry) -> tuple:
    return (entry.started_at, entry.id)


def encode(entry: Entry) -> bytes:
    """An entry file's bytes (schema 2)."""
    return encode_entry(entry)


class Journal:
    def __init__(self, root: Path, key: Key | None = None) -> None:
        self.root = root
        self.key = key  # the unlocked key of a locked journal; None for a plain one

    def path_for(self, entry: Entry) -> Path:
        moment = entry.started_at
        suffix = LOCKED_SUFFIX if self.key is not None else ENTRY_SUFFIX
        return self.root / f"{moment.year:04d}" / f"{moment.month:02d}" / f"{entry.id}{suffix}"

    def seal(self, data: bytes) -> bytes:
        """The bytes to write: encrypted in a locked journal, never plain there."""
        from reconnect_tui.core.lockbox import LockError, Lockbox

        if self.key is None:
            if Lockbox(self.root).locked:
                raise JournalError("this journal is locked and was not unlocked, so nothing was written")
            return data
        try:
            return self.key.encrypt(data)
        except LockError as error:
            raise JournalError(str(error)) from None

    def open_bytes(self, path: Path) -> bytes:
        """A file's plain bytes; an encrypted one is decrypted (EntryInvalid if it cannot be)."""
        data = path.read_bytes()
        if not path.name.endswith(".age"):
            return data
        if self.key is None:
            raise EntryInvalid("it is encrypted, and the journal was not unlocked")
        from reconnect_tui.core.lockbox import EncryptedDataDamaged

        try:
            return self.key.decrypt(data, path)
        except EncryptedDataDamaged as error:
            raise EntryInvalid(f"it cannot be decrypted ({error.reason})") from None

    def save(self, entry: Entry) -> Path:
        """Write a new entry; JournalError if one with its id is already there."""
        path = self.path_for(entry)
        twin = path.with_name(f"{entry.id}{ENTRY_SUFFIX if self.key is not None else LOCKED_SUFFIX}")
        if twin.exists():
            raise JournalError(f"an entry with the id {entry.id} is already in the journal ({twin})")
        data = self.seal(encode(entry))
        try:
            return atomic_write(path, data, overwrite=False)
        except FileExistsError:
            raise JournalError(f"an entry with the id {entry.id} is already in the journal ({path})") from None

    def entry_files(self, newest_first: bool = False) -> Iterator[Path]:
        """Every entry file, month by month; crash leftovers are skipped and cleaned."""
        for year in _sorted_children(self.root, newest_first):
            for month in _sorted_children(year, newest_first):
                yield from self._files_in(month)

    def _files_in(self, folder: Path) -> list[Path]:
        files = []
        locked: set[str] = set()
        with os.scandir(folder) as scan:
            for item in scan:
                name = item.name
                if is_temp_name(name):
                    remove_stale_temp(Path(item.path))
                elif name.startswith(".") or NOTE_MARK in name:
                    continue
                elif name.endswith(ENTRY_SUFFIX):
                    files.append(Path(item.path))
                elif name.endswith(LOCKED_SUFFIX):
                    files.append(Path(item.path))
                    locked.add(name[: -len(".age")])
        if locked:  # a conversion stopped part way: the encrypted form is the entry
            files = [path for path in files if path.name not in locked]
        return files

    def load(self, at_least: int | None = None) -> JournalLoad:
        """Every readable entry, oldest first, and what could not be read.

        With `at_least`, only the newest months are read, until that many entries
        are in: enough to show a screen at once while the rest is read.
        """
        result = JournalLoad()
        seen: dict[str, Path] = {}
        last_month: Path | None = None
        with _gc_paused():
            for path in self.entry_files(newest_first=at_least is not None):
                if at_least is not None and len(result.entries) >= at_least and path.parent != last_month:
                    break
                last_month = path.parent
                entry = self._read(path, result.problems)
                if entry is None:
                    continue
                if entry.id in seen:
                    result.problems.append(
                        JournalProblem(
                            path,
                            f"it has the same id as {self.where(seen[entry.id])}, so it was not shown",
                            where=self.where(path),
                        )
                    )
                    continue
                seen[entry.id] = path
                result.entries.append(entry)
        result.entries.sort(key=sort_key)
        return result

    def latest(self) -> Entry | None:
        """The most recent readable entry, reading only the newest month that has one."""
        for year in _sorted_children(self.root, newest_first=True):
            for month in _sorted_children(year, newest_first=True):
                entries = [e for p in self._files_in(month) if (e := self._read(p, [])) is not None]
                if entries:
                    return max(entries, key=sort_key)
        return None

    def where(self, path: Path) -> str:
        """A file's place inside the journal, as problems name it (2025/03/x.json)."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def read(self, path: Path) -> Entry:
        """One entry file; EntryInvalid (or EntryFromNewerVersion) in plain words, OSError as is."""
        return decode_entry(self.open_bytes(path))

    def _read(self, path: Path, problems: list[JournalProblem]) -> Entry | None:
        try:
            return decode_entry(self.open_bytes(path))
        except OSError as error:
            problems.append(JournalProblem(path, f"it cannot be read ({error.strerror})", where=self.where(path)))
        except EntryFromNewerVersion as error:
            problems.append(JournalProblem(path, str(error), newer=True, where=self.where(path)))
        except EntryInvalid as error:
            problems.append(JournalProblem(path, str(error), where=self.where(path)))
        return None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector while thousands of entries are built.

    Loading allocates hundreds of thousands of small objects and no cycles; the
    collector would otherwise rescan the growing heap again and again, which costs
    more than half of a ten-year journal's load time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _sorted_children(folder: Path, newest_first: bool) -> list[Path]:
    """The year or month folders (digits only) inside `folder`, in time order."""
    try:
        with os.scandir(folder) as scan:
            names = [item.name for item in scan if item.is_dir() and item.name.isdigit()]
    except FileNotFoundError:
        return []
    return [folder / name for name in sorted(names, key=int, reverse=newest_first)]
