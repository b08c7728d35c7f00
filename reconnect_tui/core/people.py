"""The people file: who takes part in check-ins, by a stable id, under every name they used.

`<journal>/people.json` sits at the top of the journal folder, so it syncs with
the entries. Each person has an id that never changes, every name they have used
(the current one first) and a colour from a small named palette. Entries name
partners by `person_id` and keep the name as it was at the time; schema 1
entries, which have names only, are matched to people by any name a person used.

The screens and commands use `PeopleStore`; nothing here draws or prints.

    store = PeopleStore(journal_root)
    alex = store.find("Alex") or store.add("Alex")
    store.rename(alex.id, "Alexandra")       # "Alex" is kept as an older name
    first, second = store.match(entry)       # by person_id, else by any name

Every change is written at once, atomically. A people file that cannot be read is
never overwritten: `load` raises PeopleDamaged, and `set_aside` moves it beside
itself (nothing is deleted) so a new one can start.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from reconnect_tui.core.errors import JournalError, ReconnectError
from reconnect_tui.core.fsutil import LinkRefused, atomic_write, random_hex, read_file
from reconnect_tui.core.model import COLOURS, Entry, PeopleFile, Person, decoder_for, refusal, without_bom

if TYPE_CHECKING:
    from reconnect_tui.core.lockbox import Key

PEOPLE_FILE = "people.json"


class PeopleError(JournalError):
    """The people file cannot be read or written, or a change to it does not fit."""


class PeopleDamaged(PeopleError):
    """The people file is there but cannot be read; it was left untouched."""


def name_key(name: str) -> str:
    """How names are compared: case, accents' case and spacing do not matter."""
    return " ".join(name.split()).casefold()


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise PeopleError("a name cannot be empty")
    if len(cleaned) > 200:
        raise PeopleError("a name can be at most 200 characters")
    return cleaned


_ENCODER = msgspec.json.Encoder()


def decode_people(raw: bytes) -> PeopleFile:
    """The people file from its bytes; PeopleDamaged says what is wrong in plain words."""
    raw = without_bom(raw)
    try:
        return decoder_for(PeopleFile).decode(raw)
    except msgspec.ValidationError as error:
        raise PeopleDamaged(str(refusal(error, raw, "the people file", "a people file"))) from None
    except msgspec.DecodeError as error:
        raise PeopleDamaged(f"it is not valid JSON [{error}]") from None
    except (RecursionError, ValueError, TypeError, OverflowError, MemoryError) as error:
        raise PeopleDamaged(f"it cannot be read [{error}]") from None


def encode_people(people: PeopleFile) -> bytes:
    return msgspec.json.format(_ENCODER.encode(people), indent=2) + b"\n"


class PeopleStore:
    """The people file of one journal: read on first use, written after every change."""

    def __init__(self, journal_root: Path, key: Key | None = None) -> None:
        # In a locked journal the names are encrypted like the entries
        # (people.json.age); a plain file left from before locking is still read,
        # and replaced by the encrypted one at the next change.
        self.key = key
        self.plain_path = journal_root / PEOPLE_FILE
        self.path = journal_root / f"{PEOPLE_FILE}.age" if key is not None else self.plain_path
        self.inside = journal_root.parent  # reconnect's own folder: nothing below it is followed
        self._people: PeopleFile | None = None

    # --- reading ------------------------------------------------------------------------

    def load(self) -> PeopleFile:
        """Everyone in the file (an empty list when there is no file yet).

        PeopleDamaged when the file is there but cannot be read; PeopleError when it
        cannot be opened at all. Either way the file is left as it is.
        """
        try:
            raw = self._read_bytes()
        except FileNotFoundError:
            self._people = PeopleFile()
            return self._people
        except LinkRefused as error:
            raise PeopleError(f"the people file cannot be read: {error}") from None
        except OSError as error:
            raise PeopleError(f"the people file {self.path} cannot be read ({error.strerror or error})") from None
        try:
            self._people = decode_people(raw)
        except PeopleDamaged as error:
            raise PeopleDamaged(f"the people file {self.path} cannot be read: {error}; it was left untouched") from None
        return self._people

    @property
    def people(self) -> tuple[Person, ...]:
        """Everyone, in the order they were added."""
        if self._people is None:
            self.load()
        assert self._people is not None
        return self._people.people

    @property
    def couple(self) -> tuple[str, str] | None:
        """The ids of the two who last began a check-in here, if any have."""
        if self._people is None:
            self.load()
        assert self._people is not None
        return self._people.couple

    def get(self, person_id: str) -> Person | None:
        """The person with this id, or None."""
        return next((p for p in self.people if p.id == person_id), None)

    def find(self, name: str) -> Person | None:
        """The person who has used this name (now or before), or None.

        Names compare without regard to case or extra spaces.
        """
        key = name_key(name)
        for person in self.people:
            if any(name_key(used) == key for used in person.names):
                return person
        return None

    def match(self, entry: Entry) -> tuple[Person | None, Person | None]:
        """The two people of an entry, in seat order: by `person_id` when the entry has
        one (schema 2), else by any name a person has used (schema 1); None when the
        file has nobody who fits."""
        found: list[Person | None] = []
        for partner in entry.partners:
            person = self.get(partner.person_id) if partner.person_id else None
            found.append(person if person is not None else self.find(partner.name))
        return found[0], found[1]

    # --- changing --------------------------------------------------------------------------

    def add(self, name: str, colour: str | None = None) -> Person:
        """A new person with a stable id and the first colour nobody has yet.

        PeopleError if someone already uses that name (use `find` first), or the
        colour is not one of COLOURS.
        """
        name = clean_name(name)
        self.load()  # another window may have changed the file since it was read
        if self.find(name) is not None:
            raise PeopleError(f"{name} is already in the people file")
        if colour is None:
            used = [p.colour for p in self.people]
            free = [c for c in COLOURS if c not in used]
            colour = free[0] if free else COLOURS[len(self.people) % len(COLOURS)]
        elif colour not in COLOURS:
            raise PeopleError(f"the colour {colour!r} is not one of {', '.join(COLOURS)}")
        taken = {p.id for p in self.people}
        person_id = _new_person_id(taken)
        person = Person(id=person_id, names=(name,), colour=colour)  # type: ignore[arg-type]
        self._write((*self.people, person))
        return person

    def find_or_add(self, name: str) -> Person:
        """The person who used this name, or a new one."""
        return self.find(name) or self.add(name)

    def note_couple(self, first: str, second: str) -> None:
        """Remember these two (ids of this file) as the couple who last began a check-in here."""
        self.load()
        for person_id in (first, second):
            self._known(person_id)
        if self.couple is not None and set(self.couple) == {first, second}:
            return  # the same two, in whichever seats: nothing to write
        self._write(self.people, couple=(first, second))

    def rename(self, person_id: str, new_name: str) -> Person:
        """Give someone a new current name; the names they used before are kept, so
        older entries still find them. PeopleError if another person uses the name."""
        new_name = clean_name(new_name)
        self.load()
        person = self._known(person_id)
        other = self.find(new_name)
        if other is not None and other.id != person_id:
            raise PeopleError(f"{new_name} is already the name of someone else in the people file")
        names = (new_name, *(n for n in person.names if name_key(n) != name_key(new_name)))
        return self._replace(msgspec.structs.replace(person, names=names[:50]))

    def recolour(self, person_id: str, colour: str) -> Person:
        """Choose another colour from COLOURS for someone."""
        if colour not in COLOURS:
            raise PeopleError(f"the colour {colour!r} is not one of {', '.join(COLOURS)}")
        self.load()
        return self._replace(msgspec.structs.replace(self._known(person_id), colour=colour))

    def _read_bytes(self) -> bytes:
        """The file's JSON; decrypted in a locked journal (PeopleDamaged if that fails).

        A regular file inside reconnect's folder only, up to a stated size: a FIFO or
        a link to /dev/zero is named (an OSError), never waited on or read without end.
        """
        if self.key is None:
            return read_file(self.path, "people", inside=self.inside)
        try:
            sealed = read_file(self.path, "people", inside=self.inside)
        except FileNotFoundError:
            return read_file(self.plain_path, "people", inside=self.inside)  # not encrypted yet (from before locking)
        from reconnect_tui.core.lockbox import LockError

        try:
            return self.key.decrypt(sealed, self.path)
        except LockError as error:
            raise PeopleDamaged(f"the people file {self.path} cannot be read: {error}; it was left untouched") from None

    def set_aside(self) -> Path:
        """Move a damaged people file beside itself (never deleted), so a new one can start."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = self.path.with_name(f"people.unreadable-{stamp}-{random_hex(3)}{''.join(self.path.suffixes)}")
        try:
            self.path.rename(kept)
        except OSError as error:
            raise PeopleError(f"the people file {self.path} could not be moved aside ({error.strerror})") from None
        self._people = PeopleFile()
        return kept

    # --- inside ----------------------------------------------------------------------------

    def _known(self, person_id: str) -> Person:
        person = self.get(person_id)
        if person is None:
            raise PeopleError(f"nobody in the people file has the id {person_id}")
        return person

    def _replace(self, person: Person) -> Person:
        self._write(tuple(person if p.id == person.id else p for p in self.people))
        return person

    def _write(self, people: tuple[Person, ...], couple: tuple[str, str] | None = None) -> None:
        updated = PeopleFile(people=people, couple=couple or (self._people.couple if self._people else None))
        data = encode_people(updated)
        try:
            if self.key is not None:
                data = self.key.encrypt(data)
            atomic_write(self.path, data, inside=self.inside)
            if self.key is not None:
                self.plain_path.unlink(missing_ok=True)  # the names now live only encrypted
        except LinkRefused as error:
            raise PeopleError(f"the people file could not be written: {error}") from None
        except OSError as error:
            raise PeopleError(f"the people file {self.path} could not be written ({error.strerror or error})") from None
        except ReconnectError as error:  # a recipient file that does not match the key
            raise PeopleError(f"the people file {self.path} could not be written: {error}") from None
        self._people = updated


def _new_person_id(taken: set[str]) -> str:
    while True:
        person_id = f"p-{random_hex(4)}"
        if person_id not in taken:
            return person_id
