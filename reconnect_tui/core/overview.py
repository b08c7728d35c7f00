"""What the home screen shows besides the decks: talks left open, this week's gestures.

Read-only: nothing here writes, moves or locks a file. A draft that cannot be
read is still mentioned (the check-in flow deals with it when it is opened).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path

from msgspec import Struct

from reconnect_tui.core.cleantext import clean_line
from reconnect_tui.core.entry import Entry, PartnerRecord
from reconnect_tui.core.fsutil import read_file

GESTURE_DAYS = 7  # "this week": gestures chosen at check-ins of the last seven days


class UnfinishedTalk(Struct, frozen=True):
    """A check-in that was started and not saved yet, as far as its draft tells."""

    deck_title: str | None  # None when the draft could not be read
    started_at: datetime | None
    names: tuple[str, str] | None

    def describe(self) -> str:
        if self.deck_title is None:
            return "A check-in was left unfinished. Opening it shows what could be kept."
        parts = [f"“{self.deck_title}”"]
        if self.started_at is not None:
            moment = self.started_at
            parts.append(f"started {moment:%A} {moment.day} {moment:%B} at {moment:%H:%M}")
        if self.names is not None:
            parts.append(f"with {self.names[0]} and {self.names[1]}")
        return ", ".join(parts) + "."


def unfinished_checkin(draft_path: Path) -> UnfinishedTalk | None:
    """The open check-in's draft at `draft_path`, described, or None when there is none."""
    try:
        # Only a regular file, up to the draft limit, never through a link: a FIFO or
        # a link to /dev/zero in its place must not hang or flood the home screen.
        raw = read_file(draft_path, "draft", follow_links=False)
    except FileNotFoundError:
        return None
    except OSError:
        return UnfinishedTalk(None, None, None)
    try:
        session = json.loads(raw)["session"]
        title = clean_line(session["deck"]["title"])
        started = datetime.fromisoformat(session["started_at"])
        partners = session.get("partners")
        names = (clean_line(partners[0]), clean_line(partners[1])) if isinstance(partners, list) and len(partners) == 2 else None
    except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError, RecursionError):
        return UnfinishedTalk(None, None, None)
    return UnfinishedTalk(title, started, names)


class ChosenGesture(Struct, frozen=True):
    """A small gesture one partner chose at a check-in."""

    person: str  # the person's key: their id once the journal knows people, else their name
    name: str  # the name they used at that check-in
    gesture: str
    chosen_at: datetime
    entry_id: str
    carried: bool = False  # chosen earlier, not happened yet, and carried on at this check-in


def this_weeks_gestures(entries: Iterable[Entry], now: datetime, days: int = GESTURE_DAYS,
                        key: Callable[[PartnerRecord], str] | None = None) -> list[ChosenGesture]:
    """For each person, the gesture they mean to offer as of their latest check-in of the last `days` days.

    That is the gesture chosen then, or, when none was chosen, an earlier one
    that had not happened yet and was carried on. A person with neither has no
    gesture this week (an older one is not brought back). Ordered by the order
    people first appear in the newest check-in, so the couple reads in a steady
    order. `key` tells who a partner is (couple.Who.key: the person's id, else a
    name the people file knows); without it, the id or the name.
    """
    key = key or person_key
    since = now - timedelta(days=days)
    recent = sorted(
        (entry for entry in entries if since <= entry.started_at <= now + timedelta(minutes=5)),
        key=lambda entry: (entry.started_at, entry.id),
        reverse=True,
    )
    seen: set[str] = set()
    chosen: list[ChosenGesture] = []
    for entry in recent:
        for partner in entry.partners:
            who = key(partner)
            if who in seen:
                continue
            seen.add(who)
            if partner.intention:
                chosen.append(ChosenGesture(who, partner.name, partner.intention, entry.started_at, entry.id))
            elif partner.follow_up is not None and partner.follow_up.carried:
                chosen.append(ChosenGesture(who, partner.name, partner.follow_up.intention, entry.started_at,
                                            entry.id, carried=True))
    return chosen


def person_key(partner: object) -> str:
    """Who a partner record is: the person's id when the entry has one, else the name."""
    person_id = getattr(partner, "person_id", None)
    return str(person_id) if person_id else str(getattr(partner, "name", ""))


class Appreciation(Struct, frozen=True):
    """Words of appreciation one partner gave the other at a check-in."""

    person: str  # who gave it (see person_key)
    name: str  # their name at the time
    to_name: str  # the other partner's name at the time
    words: str
    given_at: datetime
    entry_id: str


def appreciations(entries: Iterable[Entry], key: Callable[[PartnerRecord], str] | None = None) -> list[Appreciation]:
    """Every appreciation in the journal, newest first (by check-in, then seat).

    `key` tells who gave it (couple.Who.key), as for this_weeks_gestures."""
    key = key or person_key
    found: list[Appreciation] = []
    for entry in sorted(entries, key=lambda e: (e.started_at, e.id), reverse=True):
        for seat, partner in enumerate(entry.partners):
            if partner.appreciation:
                other = entry.partners[1 - seat]
                found.append(Appreciation(key(partner), partner.name, other.name, partner.appreciation,
                                          entry.started_at, entry.id))
    return found
