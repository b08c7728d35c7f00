"""Later notes on a saved check-in ("we talked more about this on Sunday").

Each note is its own small file beside its entry,
`YYYY/MM/<entry id>.note-<stamp>.json` (`.json.age` in a locked journal), holding
`{"schema_version": 2, "entry_id", "written_at", "author", "text"}`. The entry
itself is never changed, so what was said then stays as it was; two laptops
adding notes to one synced journal never write the same file. Notes are read
when they are shown: for one entry from its month's folder, for an export from
every folder once.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

import msgspec

from reconnect_tui.core.entry import Entry, EntryInvalid, Note
from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.fsutil import atomic_write
from reconnect_tui.core.journal import NOTE_MARK, Journal

NOTE_LIMIT = 5000  # characters: a note is a few lines, not a second journal


def note_problem(text: str) -> str | None:
    if not text.strip():
        return "the note is empty"
    if len(text) > NOTE_LIMIT:
        return f"the note is longer than {NOTE_LIMIT:,} characters"
    return None


class Notes:
    """The later notes of one journal."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal

    def add(self, entry: Entry, text: str, now: datetime, author: str | None = None) -> Note:
        problem = note_problem(text)
        if problem:
            raise JournalError(problem)
        note = Note(entry_id=entry.id, written_at=now, text=text.strip("\n"), author=author)
        folder = self.journal.path_for(entry).parent
        locked = self.journal.key is not None
        name = f"{entry.id}{NOTE_MARK}{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}.json" + (".age" if locked else "")
        data = msgspec.json.format(msgspec.json.encode(note), indent=2) + b"\n"
        try:
            atomic_write(folder / name, self.journal.seal(data), overwrite=False)
        except OSError as error:
            raise JournalError(f"the note could not be saved ({error.strerror or error})") from None
        return note

    def for_entry(self, entry: Entry) -> list[Note]:
        """The entry's notes, oldest first; unreadable ones are left out."""
        folder = self.journal.path_for(entry).parent
        return sorted(self._read_folder(folder, prefix=f"{entry.id}{NOTE_MARK}").get(entry.id, []),
                      key=lambda n: n.written_at)

    def for_entries(self, entries: Iterable[Entry]) -> dict[str, list[Note]]:
        """The notes of these entries, by entry id, reading each month folder once."""
        entries = list(entries)
        folders = {self.journal.path_for(entry).parent for entry in entries}
        wanted = {entry.id for entry in entries}
        found: dict[str, list[Note]] = {}
        for folder in folders:
            for entry_id, notes in self._read_folder(folder).items():
                if entry_id in wanted:
                    found.setdefault(entry_id, []).extend(notes)
        for notes in found.values():
            notes.sort(key=lambda n: n.written_at)
        return found

    @staticmethod
    def attach(entries: Iterable[Entry], notes: Mapping[str, Sequence[Note]]) -> list[Entry]:
        """The entries with their notes inside (the form a JSON export carries)."""
        return [msgspec.structs.replace(entry, notes=tuple(notes[entry.id])) if notes.get(entry.id) else entry
                for entry in entries]

    def _read_folder(self, folder: Path, prefix: str = "") -> dict[str, list[Note]]:
        found: dict[str, list[Note]] = {}
        try:
            names = [name for name in os.listdir(folder) if NOTE_MARK in name and name.startswith(prefix)]
        except OSError:
            return found
        for name in names:
            if not (name.endswith(".json") or name.endswith(".json.age")):
                continue
            note = self._read(folder / name)
            if note is not None and name.startswith(f"{note.entry_id}{NOTE_MARK}"):
                found.setdefault(note.entry_id, []).append(note)
        return found

    def _read(self, path: Path) -> Note | None:
        try:
            return msgspec.json.decode(self.journal.open_bytes(path), type=Note)
        except (OSError, ValueError, msgspec.ValidationError, msgspec.DecodeError, EntryInvalid):
            return None  # a damaged note, or one from a newer reconnect, is left out; never fatal to its entry
