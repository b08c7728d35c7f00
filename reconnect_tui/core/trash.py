"""Deleted check-ins wait in `<journal>/.trash/` until it is emptied.

Deleting from history moves the entry's file (and the later notes beside it) into
`.trash/YYYY/MM/`, the same place it had in the journal, so restoring puts it
back exactly where it was. The journal, exports, history and trends never read
`.trash/` (its name is not a year), so a deleted check-in is gone from all of
them at once and back in all of them when restored. Nothing is ever copied:
files are renamed, which on one disk is all or nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reconnect_tui.core.entry import Entry, EntryInvalid, decode_entry
from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.fsutil import fsync_dir, make_private_dirs
from reconnect_tui.core.journal import NOTE_MARK, Journal

TRASH = ".trash"


@dataclass(frozen=True)
class TrashedEntry:
    entry_id: str
    path: Path  # the entry's file inside .trash
    entry: Entry | None  # None when the file cannot be read (it can still be restored or emptied)


class Trash:
    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.root = journal.root / TRASH

    # --- moving in and out ---------------------------------------------------------

    def delete(self, entry: Entry) -> Path:
        """Move `entry` (and its notes) into the trash; the path it now has there."""
        source = self._entry_file(entry)
        if source is None:
            raise JournalError(f"the check-in {entry.id} is not in the journal any more")
        return self._move_with_notes(source, self.root / source.relative_to(self.journal.root))

    def restore(self, entry_id: str) -> Path:
        """Put a trashed entry back where it was; its path in the journal."""
        item = self.find(entry_id)
        if item is None:
            raise JournalError(f"there is no check-in with the id {entry_id} in the trash")
        target = self.journal.root / item.path.relative_to(self.root)
        if target.exists() or _twin(target).exists():
            raise JournalError(f"a check-in with the id {entry_id} is in the journal already, so it was left in the trash")
        return self._move_with_notes(item.path, target)

    def empty(self) -> int:
        """Delete everything in the trash for good; how many check-ins went."""
        count = len(self.items())
        for folder, _dirs, files in os.walk(self.root, topdown=False, followlinks=False):
            for name in files:
                try:
                    os.unlink(os.path.join(folder, name))
                except FileNotFoundError:
                    pass
                except OSError as error:
                    raise JournalError(f"the trash could not be emptied ({error.strerror}: {name})") from None
            if Path(folder) != self.root:
                try:
                    os.rmdir(folder)
                except OSError:
                    pass  # not empty (something new arrived): left for next time
        return count

    # --- looking -------------------------------------------------------------------

    def items(self) -> list[TrashedEntry]:
        """Everything in the trash, newest check-in first."""
        found: list[TrashedEntry] = []
        if not self.root.is_dir():
            return found
        for folder, _dirs, files in os.walk(self.root, followlinks=False):
            for name in sorted(files):
                if NOTE_MARK in name or not _is_entry_name(name):
                    continue
                path = Path(folder) / name
                found.append(TrashedEntry(_id_of(name), path, self._read(path)))
        found.sort(key=lambda item: (item.entry.started_at.isoformat() if item.entry else "", item.entry_id),
                   reverse=True)
        return found

    def find(self, entry_id: str) -> TrashedEntry | None:
        return next((item for item in self.items() if item.entry_id == entry_id), None)

    def _read(self, path: Path) -> Entry | None:
        try:
            return decode_entry(self.journal.open_bytes(path))
        except (OSError, EntryInvalid):
            return None  # still listed: it can be restored or emptied

    # --- files ---------------------------------------------------------------------

    def _entry_file(self, entry: Entry) -> Path | None:
        path = self.journal.path_for(entry)
        for candidate in (path, _twin(path)):
            if candidate.exists():
                return candidate
        return None

    def _move_with_notes(self, source: Path, target: Path) -> Path:
        """Move the entry first (that is what counts), then its notes after it."""
        entry_id = _id_of(source.name)
        notes = sorted(source.parent.glob(f"{glob_escape(entry_id)}{NOTE_MARK}*"))
        try:
            make_private_dirs(target.parent)
            os.replace(source, target)
        except OSError as error:
            raise JournalError(f"the check-in could not be moved ({error.strerror}); it is where it was") from None
        left = []
        for note in notes:
            try:
                os.replace(note, target.parent / note.name)
            except OSError:
                left.append(note.name)
        fsync_dir(target.parent)
        fsync_dir(source.parent)
        if left:
            raise JournalError(f"the check-in was moved, but {len(left)} of its notes could not follow it: "
                               f"{', '.join(left)} (in {source.parent})")
        return target


def _is_entry_name(name: str) -> bool:
    return name.endswith(".json") or name.endswith(".json.age")


def _id_of(name: str) -> str:
    return name.removesuffix(".age").removesuffix(".json")


def _twin(path: Path) -> Path:
    """The same entry in the other form: plain beside encrypted, or encrypted beside plain."""
    name = path.name
    return path.with_name(name.removesuffix(".age") if name.endswith(".age") else name + ".age")


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)
