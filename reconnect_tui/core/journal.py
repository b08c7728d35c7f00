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
import heapq
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from msgspec import Struct, field

from reconnect_tui.core.cleantext import clean_line, visible
from reconnect_tui.core.entry import Entry, EntryFromNewerVersion, EntryInvalid, decode_entry, encode_entry
from reconnect_tui.core.model import ID_REGEX, Note, check_moment, decode_note, encode_note
from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.fsutil import (
    FOLDER_FDS,
    LinkRefused,
    atomic_write,
    is_temp_name,
    move_files,
    open_folder,
    random_hex,
    read_file,
    read_file_in,
    remove_stale_temp,
)

if TYPE_CHECKING:
    from reconnect_tui.core.lockbox import Key

ENTRY_SUFFIX = ".json"
LOCKED_SUFFIX = ".json.age"
NOTE_MARK = ".note-"  # <entry id>.note-<stamp>.json: a later note, read with its entry
NOTE_NAME = re.compile(r"^(?P<entry>.+)\.note-(?P<stamp>[0-9]{8}-[0-9]{6}-[0-9a-f]{6})\.json(?:\.age)?$")
# How much coarser than the clock a folder's modification time may be (FAT keeps 2 s).
MTIME_SLACK_SECONDS = 2
TRASH_DIR = ".trash"  # <journal>/.trash/YYYY/MM/: deleted entries, left out of loads and exports
_ID = re.compile(ID_REGEX)


class JournalProblem(Struct, frozen=True):
    """A file that could not be read as an entry: where, and what is wrong in plain words."""

    path: Path
    message: str
    newer: bool = False
    where: str = ""  # the path inside the journal, e.g. 2025/03/x.json

    def __str__(self) -> str:
        return f"entry {visible(self.where or self.path)}: {clean_line(self.message)}; it was left untouched"


class JournalLoad(Struct):
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


class EntryExists(JournalError):
    """An entry with this id is already in the journal."""


class EntryUnreadable(JournalError):
    """An entry was not written because it would not read back (say, an answer longer than
    an entry keeps): written, it would only ever show as damaged."""


def readable(entry: Entry) -> bytes:
    """The entry's bytes, once they are known to read back as this same entry.

    Records are built in memory without the model's checks; a field past its limit
    (an answer of more than 100,000 characters, say) would be written, then named as
    damage on every load. It is refused before anything is written, in plain words,
    while the words are still on screen.
    """
    data = encode(entry)
    try:
        decode_entry(data)
    except EntryInvalid as error:
        raise EntryUnreadable(f"the check-in was not saved, because {error}") from None
    return data


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
        """A file's plain bytes; an encrypted one is decrypted (EntryInvalid if it cannot be).

        Only a regular file inside the journal is read, up to the stated size: a FIFO,
        a link (to /dev/zero, or out of the journal) or a runaway file is an OSError
        that names it, never a hang or a flood of memory.
        """
        return self._plain(path, read_file(path, "entry", inside=self.root.parent))

    def _plain(self, path: Path, data: bytes) -> bytes:
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
        """Write a new entry; JournalError if one with its id is already there, or if
        it would not read back (see `readable`).

        No link is followed below the journal's own folder (LinkRefused, an
        OSError, names it): a month folder linked elsewhere never receives entries.
        """
        path = self.path_for(entry)
        twin = path.with_name(f"{entry.id}{ENTRY_SUFFIX if self.key is not None else LOCKED_SUFFIX}")
        if twin.exists():
            raise EntryExists(f"an entry with the id {entry.id} is already in the journal ({twin})")
        data = self.seal(readable(entry))
        try:
            return atomic_write(path, data, overwrite=False, inside=self.root.parent)
        except FileExistsError:
            raise EntryExists(f"an entry with the id {entry.id} is already in the journal ({path})") from None

    def update(self, entry: Entry) -> Path:
        """Replace the entry with this id by a newer version of the same check-in, atomically."""
        return atomic_write(self.path_for(entry), self.seal(readable(entry)), overwrite=True, inside=self.root.parent)

    def entry_files(self, newest_first: bool = False, problems: list[JournalProblem] | None = None) -> Iterator[Path]:
        """Every entry file, month by month; crash leftovers are skipped and cleaned.

        A year or month folder that is a link is not followed (nor swept): it is
        named in `problems` and left alone.
        """
        for month in self._months(newest_first, problems):
            yield from self._files_in(month)

    def _files_in(self, folder: Path) -> list[Path]:
        return self._scan(folder)[0]

    def _scan(self, folder: Path) -> tuple[list[Path], list[Path]]:
        """The entry files and the note files of one month folder."""
        files: list[Path] = []
        notes: list[Path] = []
        locked: set[str] = set()
        with os.scandir(folder) as scan:
            for item in scan:
                name = item.name
                if is_temp_name(name):
                    remove_stale_temp(Path(item.path))
                elif name.startswith("."):
                    continue
                elif NOTE_MARK in name and NOTE_NAME.match(name):
                    notes.append(Path(item.path))
                elif name.endswith(ENTRY_SUFFIX):
                    files.append(Path(item.path))
                elif name.endswith(LOCKED_SUFFIX):
                    files.append(Path(item.path))
                    locked.add(name[: -len(".age")])
        if locked:  # a conversion stopped part way: the encrypted form is the entry
            files = [path for path in files if path.name not in locked]
            notes = [path for path in notes if path.name not in locked]
        return files, notes

    def load(self, at_least: int | None = None) -> JournalLoad:
        """Every readable entry, oldest first, and what could not be read.

        With `at_least`, only the newest months are read, until that many entries
        are in: enough to show a screen at once while the rest is read.
        """
        result = JournalLoad()
        seen: dict[str, Path] = {}
        with _gc_paused():
            for month in self._months(newest_first=at_least is not None, problems=result.problems):
                if at_least is not None and len(result.entries) >= at_least:
                    break
                part = self._read_month(month, seen)
                result.entries += part.entries
                result.problems += part.problems
        result.entries.sort(key=sort_key)
        return result

    def in_order(self, problems: list[JournalProblem]) -> Iterator[Entry]:
        """Every readable entry with its notes, oldest first, read a month at a time.

        For exporting a long journal without holding all of it: only the entries of
        a month or two are in memory at once (and the ids, to find duplicates). An
        entry files under its own clock's month, so one written just after midnight
        far east of another can sort before it; entries wait until no later month
        can hold anything older. What could not be read goes to `problems`.
        """
        waiting: list[tuple[tuple, int, Entry]] = []  # a heap, by sort_key
        seen: dict[str, Path] = {}
        number = 0
        for month in self._months(problems=problems):
            part = self._read_month(month, seen)
            problems.extend(part.problems)
            for entry in part.entries:
                number += 1
                heapq.heappush(waiting, (sort_key(entry), number, entry))
            settled = _start_of_next_month(month.parent.name, month.name)
            while waiting and settled is not None and waiting[0][0][0] < settled:
                yield heapq.heappop(waiting)[2]
        while waiting:
            yield heapq.heappop(waiting)[2]

    def _read_month(self, month: Path, seen: dict[str, Path]) -> JournalLoad:
        """One month folder, read in one pass: its entries with their notes, and its problems.

        An entry whose id is already in `seen` (from this month or an earlier one) is
        named as a problem, not shown twice; the ids shown are added to `seen`.
        """
        part = JournalLoad()
        files, notes = self._scan(month)
        here: dict[str, int] = {}  # entry id -> its place in part.entries
        for path, entry in self._read_all(month, files, part.problems):
            if entry.id in seen:
                part.problems.append(JournalProblem(
                    path, f"it has the same id as {self.where(seen[entry.id])}, so it was not shown",
                    where=self.where(path),
                ))
                continue
            seen[entry.id] = path
            here[entry.id] = len(part.entries)
            part.entries.append(entry)
        if notes:
            self._attach_notes(month, notes, here, part)
        return part

    def _months(self, newest_first: bool = False, problems: list[JournalProblem] | None = None) -> Iterator[Path]:
        for year in _sorted_children(self.root, newest_first, problems):
            yield from _sorted_children(year, newest_first, problems)

    def _attach_notes(self, month: Path, paths: list[Path], here: dict[str, int], result: JournalLoad) -> None:
        """Merge the notes of one month into their entries (read in the same pass)."""
        found: dict[str, list[Note]] = {}
        for path in sorted(paths):
            match = NOTE_NAME.match(path.name)
            assert match is not None
            entry_id = match.group("entry")
            try:
                note = decode_note(self.open_bytes(path))
            except OSError as error:
                result.problems.append(JournalProblem(path, f"it cannot be read ({error.strerror})", where=self.where(path)))
                continue
            except EntryInvalid as error:
                result.problems.append(JournalProblem(path, str(error), where=self.where(path)))
                continue
            if note.entry_id != entry_id:
                result.problems.append(
                    JournalProblem(path, f"it is a note on {note.entry_id}, not on {entry_id}", where=self.where(path))
                )
                continue
            found.setdefault(entry_id, []).append(note)
        for entry_id, notes in found.items():
            if entry_id in here:
                index = here[entry_id]
                ordered = tuple(sorted(notes, key=lambda n: (n.written_at, n.text)))
                result.entries[index] = msgspec.structs.replace(result.entries[index], notes=ordered)
            elif not any((month / f"{entry_id}{suffix}").exists() for suffix in (ENTRY_SUFFIX, LOCKED_SUFFIX)):
                for note in notes:
                    result.problems.append(
                        JournalProblem(
                            month / f"{entry_id}{NOTE_MARK}…",
                            "it is a note on an entry that is not in the journal",
                            where=f"{self.where(month)}/{entry_id}{NOTE_MARK}…",
                        )
                    )
                    break

    # --- later notes --------------------------------------------------------------------

    def add_note(self, entry: Entry, text: str, written_at: datetime, author: str | None = None) -> Note:
        """Write a later note on an entry, in a small file of its own beside it.

        Two laptops adding notes to one entry never touch the same file, so a synced
        folder never gets a conflict. `author` is a person id (see people.py) or None.
        The note is in `entry.notes` the next time the journal is loaded.
        JournalError says what is wrong (no words, an unknown entry, a bad time).
        """
        words = text.strip()
        if not words:
            raise JournalError("a note needs a few words")
        if len(words) > 100_000:
            raise JournalError("a note can be at most 100,000 characters")
        if author is not None and not _ID.match(author):
            raise JournalError(f"{author!r} is not a person id")
        if written_at.tzinfo is None:
            raise JournalError("a note's time needs its time zone")
        try:
            check_moment(written_at, "the note's time")
        except ValueError as error:
            raise JournalError(str(error)) from None
        note = Note(entry_id=entry.id, written_at=written_at, author=author, text=words)
        self.save_note(entry, note)
        return note

    def save_note(self, entry: Entry, note: Note) -> Path:
        """Write a note (already made) beside its entry; import uses it."""
        if self._entry_file(entry) is None:
            raise JournalError(f"the entry {entry.id} is not in the journal, so the note was not written")
        stamp = f"{note.written_at:%Y%m%d-%H%M%S}-{random_hex(3)}"
        suffix = ".json.age" if self.key is not None else ".json"
        path = self.path_for(entry).with_name(f"{entry.id}{NOTE_MARK}{stamp}{suffix}")
        data = self.seal(encode_note(note))
        try:
            return atomic_write(path, data, overwrite=False, inside=self.root.parent)
        except FileExistsError:
            return self.save_note(entry, note)  # the same second and the same 24 random bits: try again
        except OSError as error:
            raise JournalError(f"the note could not be written to {path} ({error.strerror or error})") from None

    def _entry_file(self, entry: Entry, root: Path | None = None) -> Path | None:
        """The entry's file (plain or locked) under `root` (the journal by default), if there."""
        place = self.path_for(entry)
        folder = (root or self.root) / place.parent.relative_to(self.root)
        for suffix in (ENTRY_SUFFIX, LOCKED_SUFFIX):
            candidate = folder / f"{entry.id}{suffix}"
            if candidate.exists():
                return candidate
        return None

    # --- trash ----------------------------------------------------------------------------

    @property
    def trash_root(self) -> Path:
        return self.root / TRASH_DIR

    def trash(self, entry: Entry) -> Path:
        """Move an entry and its notes into `<journal>/.trash/YYYY/MM/` (nothing is deleted).

        Loads and exports leave the trash out; `trashed()` lists it and `restore()`
        brings an entry back. Returns the entry's new place; JournalError if it is
        not in the journal or the trash already holds an entry with its id.
        """
        return self._move(entry, self.root, self.trash_root)

    def restore(self, entry: Entry) -> Path:
        """Bring an entry (and its notes) back from the trash to its place in the journal."""
        return self._move(entry, self.trash_root, self.root)

    def trashed(self) -> JournalLoad:
        """What is in the trash, read like a journal (with its notes)."""
        return Journal(self.trash_root, self.key).load()

    def _move(self, entry: Entry, source_root: Path, target_root: Path) -> Path:
        source = self._entry_file(entry, source_root)
        where = "the trash" if source_root == self.trash_root else "the journal"
        if source is None:
            raise JournalError(f"the entry {entry.id} is not in {where}")
        if self._entry_file(entry, target_root) is not None:
            there = "the journal" if target_root == self.root else "the trash"
            raise JournalError(f"{there} already holds an entry with the id {entry.id}; nothing was moved")
        target_folder = target_root / source.parent.relative_to(source_root)
        notes = [p for p in source.parent.glob(f"{glob_escape(entry.id)}{NOTE_MARK}*") if NOTE_NAME.match(p.name)]
        try:
            # Notes first: an entry never arrives without them. Nothing is moved
            # through a link (a trash or month folder that is one is named).
            move_files([*(path.name for path in notes), source.name], source.parent, target_folder,
                       inside=self.root.parent)
        except LinkRefused as error:
            raise JournalError(f"the entry {entry.id} was not moved: {error}") from None
        except OSError as error:
            raise JournalError(f"the entry {entry.id} could not be moved ({error.strerror or error})") from None
        return target_folder / source.name

    def latest(self) -> Entry | None:
        """The most recent readable entry, reading only the newest month that has one."""
        for entries in self._newest_months():
            return max(entries, key=sort_key)
        return None

    def latest_finished(self, of: Callable[[Entry], bool] | None = None) -> Entry | None:
        """The entry finished most recently (of those `of` accepts): where the next follow-up comes from.

        Entries are filed by the month they started, and a talk parked for a break can
        be finished weeks later, after newer check-ins. An entry is written when it
        finishes, or later (a lock, an import, a copy), never before; so once the
        newest month with such an entry is read, an older month can hold one that
        finished later only if its folder was written into since the best entry so far
        finished. The others cost one stat each. (After the whole journal is written
        afresh, by `reconnect lock` say, every month is read until the next check-in
        is saved.)
        """
        best: Entry | None = None
        for month in self._months(newest_first=True):
            if best is not None and _modified(month) < best.finished_at.timestamp() - MTIME_SLACK_SECONDS:
                continue
            for _, entry in self._read_all(month, self._files_in(month), []):
                if (of is None or of(entry)) and (
                        best is None or (entry.finished_at, entry.id) > (best.finished_at, best.id)):
                    best = entry
        return best

    def _newest_months(self) -> Iterator[list[Entry]]:
        """The readable entries of each month that has any, newest month first, read only
        as far as the caller goes (what cannot be read is left to a full load to name)."""
        for month in self._months(newest_first=True):
            entries = [entry for _, entry in self._read_all(month, self._files_in(month), [])]
            if entries:
                yield entries

    def where(self, path: Path) -> str:
        """A file's place inside the journal, as problems name it (2025/03/x.json)."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def read(self, path: Path) -> Entry:
        """One entry file; EntryInvalid (or EntryFromNewerVersion) in plain words, OSError as is."""
        return decode_entry(self.open_bytes(path))

    def _read_all(self, month: Path, files: list[Path], problems: list[JournalProblem]) -> Iterator[tuple[Path, Entry]]:
        """The readable entries among `files` (all in `month`), each with its file; the rest go to `problems`.

        The month folder is checked for links and opened once, and its files are read
        through it: walking each file's path again cost more than decoding it. Where
        that cannot be done (a link on the way, no such call on this system), each
        file is read and refused on its own, as `read` does.
        """
        folder = None
        if FOLDER_FDS and files:
            try:
                folder = open_folder(month, self.root.parent)
            except OSError:
                folder = None  # each file is refused by name below
        try:
            for path in files:
                entry = self._read(path, problems, folder)
                if entry is not None:
                    yield path, entry
        finally:
            if folder is not None:
                os.close(folder)

    def _read(self, path: Path, problems: list[JournalProblem], folder: int | None = None) -> Entry | None:
        try:
            if folder is None:
                return decode_entry(self.open_bytes(path))
            return decode_entry(self._plain(path, read_file_in(folder, path, "entry")))
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


EARLIEST_CLOCK = timezone(timedelta(hours=14))  # the zone whose midnight comes first


def _start_of_next_month(year: str, month: str) -> datetime | None:
    """The first moment any entry filed after this month folder can have (None if
    the folder's name is not a real month: then nothing is settled early)."""
    try:
        first = date(int(year), int(month), 1)
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    except (ValueError, OverflowError):
        return None
    return datetime(following.year, following.month, 1, tzinfo=EARLIEST_CLOCK)


def glob_escape(text: str) -> str:
    """An id as a glob pattern that matches only itself (ids may hold no glob characters,
    but a damaged name might)."""
    return re.sub(r"([*?\[])", r"[\1]", text)


LINKED_FOLDER = (
    "it is a symbolic link, and reconnect does not follow links inside the journal, "
    "so the entries there were not read"
)


def _modified(folder: Path) -> float:
    """When something was last written into `folder`; as late as can be when that cannot be told."""
    try:
        return os.lstat(folder).st_mtime
    except OSError:
        return float("inf")


def _sorted_children(
    folder: Path, newest_first: bool, problems: list[JournalProblem] | None = None
) -> list[Path]:
    """The year or month folders (digits only) inside `folder`, in time order; links are left out."""
    names = []
    try:
        with os.scandir(folder) as scan:
            for item in scan:
                if not item.name.isdigit():
                    continue
                if item.is_symlink():
                    if problems is not None:
                        problems.append(JournalProblem(Path(item.path), LINKED_FOLDER))
                elif item.is_dir(follow_symlinks=False):
                    names.append(item.name)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [folder / name for name in sorted(names, key=int, reverse=newest_first)]
