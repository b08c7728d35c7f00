"""The couple, by person: check-ins that follow the person whatever order names were given in.

The people file (people.py) says who is who: a schema 2 entry names each partner
by `person_id`, a schema 1 entry is matched by any name the person has used. Here
the journal is read through it: the current couple's check-ins, each turned so
the couple's first person comes first (for history columns, trends and stats),
and each person's gesture from last time, to ask how it went. A check-in of
anyone else (an import, an earlier partner) is not the couple's: it shows under
its own names and is left out of their trends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import msgspec
from msgspec import Struct

from reconnect_tui.core.entry import Entry, PartnerRecord
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.model import Person
from reconnect_tui.core.cleantext import clean_line
from reconnect_tui.core.names import name_problem
from reconnect_tui.core.people import PeopleError, PeopleStore, name_key


def _fold(name: str) -> str:
    return name_key(name)


class Who(Struct, frozen=True):
    """Tells who a partner record is: the person's id, else a key made from the name."""

    people: tuple[Person, ...] = ()
    last_couple: tuple[str, str] | None = None
    """The people file's couple: the ids of the two who last began a check-in here."""

    def key(self, partner: PartnerRecord) -> str:
        """The person's id when the people file knows it; else (schema 1, or an id from
        another journal's people file, as an import brings) whoever has used that name."""
        if partner.person_id and any(person.id == partner.person_id for person in self.people):
            return partner.person_id
        wanted = _fold(partner.name)
        for person in self.people:
            if any(_fold(used) == wanted for used in person.names):
                return person.id
        return f"name:{wanted}"

    def keys(self, entry: Entry) -> tuple[str, str]:
        return (self.key(entry.partners[0]), self.key(entry.partners[1]))

    def couple(self, names: Sequence[str]) -> tuple[str, ...]:
        """The keys of the people with these (current) names."""
        keys = []
        for name in names:
            wanted = _fold(name)
            person = next((p for p in self.people if any(_fold(n) == wanted for n in p.names)), None)
            keys.append(person.id if person else f"name:{wanted}")
        return tuple(keys)

    def name(self, key: str) -> str | None:
        return next((p.name for p in self.people if p.id == key), None)

    def person_ids(self, names: Sequence[str]) -> tuple[str | None, ...]:
        """The people file's id for each name (None for a name it does not know): what an entry records."""
        return tuple(key if self.name(key) is not None else None for key in self.couple(names))

    def colour(self, key: str) -> str | None:
        """The colour the people file gives this person (None when it does not know them)."""
        return next((p.colour for p in self.people if p.id == key), None)


def reseat(entry: Entry) -> Entry:
    """The same check-in with the partners' places swapped (every per-partner list follows)."""
    prompts = tuple(
        msgspec.structs.replace(
            prompt,
            answers=(prompt.answers[1], prompt.answers[0]),
            turns=tuple(msgspec.structs.replace(turn, speaker=1 - turn.speaker) for turn in prompt.turns),
        )
        for prompt in entry.prompts
    )
    return msgspec.structs.replace(entry, partners=(entry.partners[1], entry.partners[0]), prompts=prompts)


def in_couple_order(entry: Entry, who: Who, couple: Sequence[str]) -> Entry | None:
    """`entry` with the couple's first person first, or None when it is not theirs."""
    keys = who.keys(entry)
    if keys == tuple(couple):
        return entry
    if keys == (couple[1], couple[0]):
        return reseat(entry)
    return None


def for_couple(entries: Iterable[Entry], who: Who, couple: Sequence[str]) -> list[Entry]:
    """Only the couple's own check-ins, each in the couple's order: what trends and stats read."""
    return [seated for entry in entries if (seated := in_couple_order(entry, who, couple)) is not None]


def theirs(who: Who, couple: Sequence[str]) -> Callable[[Entry], bool]:
    """Whether a check-in is the couple's own (in either order): what a follow-up may come from.

    Another couple's check-in (an import, a shared laptop) or one with an earlier
    partner is not: its gestures are not this couple's to ask about, nor to show.
    """
    wanted = set(couple)
    return lambda entry: set(who.keys(entry)) == wanted and len(wanted) == 2


def previous_gestures(latest: Entry | None, who: Who, couple: Sequence[str]) -> tuple[str | None, str | None]:
    """What each of the couple (in this order) chose last time, to ask how it went.

    The gesture follows the person: with the names given the other way round,
    each is still asked about their own. A gesture answered "not yet" and carried
    on, with no new one chosen, is asked about again.
    """
    if latest is None:
        return (None, None)
    found: list[str | None] = []
    for key in couple:
        partner = next((p for p in latest.partners if who.key(p) == key), None)
        if partner is None:
            found.append(None)
        elif partner.intention:
            found.append(partner.intention)
        elif partner.follow_up is not None and partner.follow_up.carried:
            found.append(partner.follow_up.intention)
        else:
            found.append(None)
    return (found[0], found[1])


def who_in(journal: Journal) -> Who:
    """The journal's people, or nobody known when the file cannot be read (names still match)."""
    try:
        store = PeopleStore(journal.root, journal.key)
        return Who(store.people, store.couple)
    except PeopleError:
        return Who()


def note_the_couple(journal: Journal, names: Sequence[str]) -> Who:
    """Make sure both are in the people file (a new name is a new person), noted as the
    couple whose journal this is; PeopleError if it cannot be written."""
    store = PeopleStore(journal.root, journal.key)
    first, second = (store.find_or_add(name) for name in names)
    store.note_couple(first.id, second.id)
    return Who(store.people, store.couple)


def couple_names(journal: Journal, remembered: Sequence[str] | None) -> tuple[str, str] | None:
    """Whose journal this is, by their names now: the names remembered in the settings,
    else the two who last began a check-in here (so a rename shows at once, and an
    imported check-in of another couple never takes their place); None before any."""
    if remembered:
        return (remembered[0], remembered[1])
    who = who_in(journal)
    if who.last_couple is None:
        return None
    first, second = (who.name(key) for key in who.last_couple)
    return (first, second) if first and second else None


def couple_view(journal: Journal, entries: Sequence[Entry], names: Sequence[str] | None) -> list[Entry]:
    """The current couple's check-ins, in the couple's order; `names` are theirs (couple_names).

    Without names (a journal from before the people file noted its couple), the
    latest check-in's two people are taken to be the couple.
    """
    if not entries:
        return []
    who = who_in(journal)
    if names:
        couple = who.couple(names)
    else:
        couple = who.keys(max(entries, key=lambda e: (e.started_at, e.id)))
    return for_couple(entries, who, couple)


class Renamed(Struct, frozen=True):
    person: Person
    remembered: tuple[str, str] | None
    """The couple's remembered names with the new one in, when they changed (to be saved)."""


def rename_person(journal: Journal, old: str, new: str, remembered: Sequence[str] | None) -> Renamed:
    """`old` is called `new` from now on: one name is added for that person in the people
    file, past check-ins keep the name as it was then. The names are cleaned and the new one
    held to NAME_LIMIT, as when names are first asked. PeopleError says in words what
    does not fit: nobody used `old`, `new` is someone else's, or it is empty or too long.
    `remembered` are the names in the settings; `Renamed.remembered` says what they become.
    """
    old, new = clean_line(old).strip(), " ".join(clean_line(new).split())
    problem = name_problem(new)
    if problem:
        raise PeopleError(problem)
    store = PeopleStore(journal.root, journal.key)  # locked with the journal, when it is
    known = store.find(old)
    if known is None:
        raise PeopleError(f"nobody in this journal has used the name “{old}”")
    if known.name == new:
        raise PeopleError(f"{new} is already the name in use; nothing was changed")
    person = store.rename(known.id, new)
    updated = None
    if remembered and len(remembered) == 2:
        used = {name_key(name) for name in person.names}
        changed = tuple(person.name if name_key(name) in used else name for name in remembered)
        if changed != tuple(remembered):
            updated = (changed[0], changed[1])
    return Renamed(person, updated)
