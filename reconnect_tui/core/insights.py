"""What a couple can see in their journal over time, computed from the entries.

Everything here is a plain function of the entries and a clock the caller passes
in, so the screens, `reconnect stats` and the tests all agree. The wording is
gentle on purpose: no streaks, no scores, no alarms; a signal notices something
and offers a deck that fits, and that is all.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from reconnect_tui.core.entry import CLOSENESS_WORDS, Entry

# --- search ---------------------------------------------------------------------


def search_text(entry: Entry) -> str:
    """Everything a couple might search for in one entry, lowercased once."""
    parts = [entry.deck_title, *entry.names]
    for prompt in entry.prompts:
        parts.append(prompt.text)
        parts.extend(prompt.describe(answer) for answer in prompt.answers)
    for partner in entry.partners:
        parts.extend(text for text in (partner.appreciation, partner.intention) if text)
        if partner.follow_up is not None:
            parts.append(partner.follow_up.intention)
            if partner.follow_up.words:
                parts.append(partner.follow_up.words)
    return "\n".join(parts).lower()


@dataclass
class JournalIndex:
    """The entries, newest first, with their search text built once.

    Ten years of nightly entries are a few megabytes of text: scanning it in
    memory for each keystroke is fast enough, and the entry files stay the only
    source of truth (nothing is cached on disk).
    """

    entries: list[Entry]
    texts: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, entries: Iterable[Entry]) -> JournalIndex:
        newest_first = sorted(entries, key=lambda e: (e.started_at, e.id), reverse=True)
        return cls(newest_first, [search_text(entry) for entry in newest_first])

    def find(self, query: str = "", deck_id: str | None = None) -> list[Entry]:
        """Entries whose text holds every word of `query`, optionally from one deck."""
        words = query.lower().split()
        found = []
        for entry, text in zip(self.entries, self.texts, strict=True):
            if deck_id and entry.deck_id != deck_id:
                continue
            if all(word in text for word in words):
                found.append(entry)
        return found

    def replace(self, old: Entry, new: Entry) -> None:
        """Put `new` where `old` was (a note was added to it)."""
        for number, candidate in enumerate(self.entries):
            if candidate.id == old.id:
                self.entries[number] = new
                self.texts[number] = search_text(new)
                return

    def remove(self, entry: Entry) -> None:
        """Leave `entry` out from now on (it was moved to the trash)."""
        for number, candidate in enumerate(self.entries):
            if candidate.id == entry.id:
                del self.entries[number]
                del self.texts[number]
                return

    def decks(self) -> list[tuple[str, str]]:
        """(id, title) of every deck used, by title; a renamed deck shows its latest title."""
        seen: dict[str, str] = {}
        for entry in self.entries:
            seen.setdefault(entry.deck_id, entry.deck_title)
        return sorted(seen.items(), key=lambda item: item[1].lower())


# --- gentle time --------------------------------------------------------------------


def days_between(earlier: datetime, later: datetime) -> int:
    """Calendar days between two moments, on the later one's clock."""
    return (later.date() - earlier.astimezone(later.tzinfo).date()).days


def since(moment: datetime, now: datetime) -> str:
    """'today', 'yesterday', '4 days ago', '3 weeks ago', 'about 2 months ago'."""
    days = days_between(moment, now)
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"about {days // 30} months ago"
    return f"about {days // 365} years ago"


def last_checkin_line(entries: Sequence[Entry], now: datetime) -> str:
    if not entries:
        return "No check-ins yet. Whenever you are ready, the first one takes about ten minutes."
    latest = max(entries, key=lambda e: e.started_at)
    return f"Your last check-in was {since(latest.started_at, now)}."


# --- statistics -------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerTrend:
    name: str
    before: list[int | None]  # oldest first, one per check-in
    after: list[int | None]

    def usual(self, which: str, last: int = 10) -> str | None:
        """The middle of the recent ratings (their median), in words: never a number or a grade."""
        values = [v for v in getattr(self, which)[-last:] if v is not None]
        if not values:
            return None
        return CLOSENESS_WORDS[round(statistics.median(values))]


@dataclass(frozen=True)
class FollowThrough:
    yes: int = 0
    partly: int = 0
    not_yet: int = 0
    passed: int = 0

    @property
    def asked(self) -> int:
        return self.yes + self.partly + self.not_yet + self.passed

    def sentence(self) -> str:
        """What happened, said plainly; what did not is left unsaid, not counted against anyone."""
        if not self.asked:
            return "No small gestures have been looked back on yet."
        gestures = f"{self.asked:,} small gesture{'s' if self.asked != 1 else ''}"
        return f"Of {gestures} looked back on, {self.yes:,} happened and {self.partly:,} happened in part."


@dataclass(frozen=True)
class JournalStats:
    count: int
    first: datetime | None
    last: datetime | None
    per_month: list[tuple[str, int]]  # ("2026-11", 9), oldest first, months without any included
    partners: list[PartnerTrend]
    follow_through: FollowThrough


def month_counts(entries: Sequence[Entry], now: datetime, months: int = 12) -> list[tuple[str, int]]:
    counts = Counter(f"{e.started_at:%Y-%m}" for e in entries)
    year, month = now.year, now.month
    keys = []
    for _ in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return [(key, counts.get(key, 0)) for key in reversed(keys)]


def follow_through(entries: Iterable[Entry]) -> FollowThrough:
    tally: Counter[str] = Counter()
    for entry in entries:
        for partner in entry.partners:
            if partner.follow_up is not None:
                tally[partner.follow_up.result or "passed"] += 1
    return FollowThrough(tally["yes"], tally["partly"], tally["not_yet"], tally["passed"])


def journal_stats(entries: Sequence[Entry], now: datetime, names: tuple[str, str] | None = None) -> JournalStats:
    """The summary of a journal; `names` label the partners (the couple's own
    names from the settings), else the names of the latest check-in."""
    ordered = sorted(entries, key=lambda e: (e.started_at, e.id))
    partners = []
    if ordered:
        names = names or ordered[-1].names
        for position in (0, 1):
            partners.append(
                PartnerTrend(
                    names[position],
                    [e.partners[position].closeness_before for e in ordered],
                    [e.partners[position].closeness_after for e in ordered],
                )
            )
    return JournalStats(
        count=len(ordered),
        first=ordered[0].started_at if ordered else None,
        last=ordered[-1].started_at if ordered else None,
        per_month=month_counts(ordered, now),
        partners=partners,
        follow_through=follow_through(ordered),
    )


# --- gentle signals -------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    """Something worth noticing together, and a deck that fits it."""

    kind: str
    message: str
    deck_id: str


def gaps_growing(entries: Sequence[Entry], now: datetime) -> Signal | None:
    """Lately (counting the time since the last check-in) the gaps are well beyond
    the couple's own usual rhythm, whatever that rhythm is."""
    ordered = sorted(e.started_at for e in entries)
    if len(ordered) < 4:
        return None
    gaps = [days_between(a, b) for a, b in zip(ordered, ordered[1:])]
    usual = max(1.0, statistics.median(gaps[-8:]))
    recent = [*gaps[-2:], days_between(ordered[-1], now)]
    if days_between(ordered[-1], now) >= max(4, 2.5 * usual) or statistics.mean(recent) >= max(4, 2.5 * usual):
        return Signal(
            "gaps",
            "The time between your check-ins has been growing. That happens to everyone, and a "
            "small ritual can bring you back to it.",
            "rituals",
        )
    return None


def closeness_apart(entries: Sequence[Entry], in_a_row: int = 3, apart: int = 2) -> Signal | None:
    """The two of you have rated closeness far apart several check-ins in a row."""
    ordered = sorted(entries, key=lambda e: (e.started_at, e.id))[-in_a_row:]
    if len(ordered) < in_a_row:
        return None
    for entry in ordered:
        first, second = (p.closeness_before for p in entry.partners)
        if first is None or second is None or abs(first - second) < apart:
            return None
    return Signal(
        "apart",
        "Lately the two of you have been feeling quite differently close. Nobody is wrong here; "
        "it may be worth being curious about together.",
        "curious-not-blaming",
    )


def passed_theme(entries: Sequence[Entry], recent: int = 10, times: int = 3) -> Signal | None:
    """The same prompt has been passed several times lately."""
    ordered = sorted(entries, key=lambda e: (e.started_at, e.id))[-recent:]
    passes: Counter[tuple[str, str]] = Counter()
    for entry in ordered:
        for prompt in entry.prompts:
            if any(answer.status == "passed" for answer in prompt.answers):
                passes[(prompt.prompt_id, prompt.text)] += 1
    if not passes:
        return None
    (_, text), count = passes.most_common(1)[0]
    if count < times:
        return None
    return Signal(
        "passed",
        f"“{text}” has been passed a few times lately. Passing is always fine; if it touches "
        "something tender, a gentler way in may help.",
        "hard-soft-things",
    )


def gentle_signals(entries: Sequence[Entry], now: datetime) -> list[Signal]:
    found = [gaps_growing(entries, now), closeness_apart(entries), passed_theme(entries)]
    return [signal for signal in found if signal is not None]

