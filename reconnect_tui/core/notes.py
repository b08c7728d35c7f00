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

import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reconnect_tui.core.entry import Entry, EntryInvalid
from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.fsutil import atomic_write
from reconnect_tui.core.journal import NOTE_MARK, Journal

NOTE_VERSION = 2
NOTE_LIMIT = 5000  # characters: a note is a few lines, not a second journal


@dataclass(frozen=True)
class Note:
    entry_id: str
    written_at: datetime
    text: str
    author: str | None = None  # a person's id, when the note says who wrote it

    def to_dict(self) -> dict[str, object]:
        return {"schema_version": NOTE_VERSION, "entry_id": self.entry_id,
                "written_at": self.written_at.isoformat(), "author": self.author, "text": self.text}


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
        note = Note(entry.id, now, text.strip("\n"), author)
        folder = self.journal.path_for(entry).parent
        locked = self.journal.key is not None
        name = f"{entry.id}{NOTE_MARK}{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}.json" + (".age" if locked else "")
        data = (json.dumps(note.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
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
            data = json.loads(self.journal.open_bytes(path))
            if data.get("schema_version") != NOTE_VERSION:
                return None
            author = data.get("author")
            return Note(str(data["entry_id"]), datetime.fromisoformat(data["written_at"]), str(data["text"]),
                        str(author) if author else None)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, EntryInvalid):
            return None  # a damaged note is left out, never fatal to its entry
