"""What a couple can see in their journal over time, computed from the entries.

Everything here is a plain function of the entries and a clock the caller passes
in, so the screens, `reconnect stats` and the tests all agree. The wording is
gentle on purpose: no streaks, no scores, no alarms; a signal notices something
and offers a deck that fits, and that is all.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime

from msgspec import Struct, field

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


class JournalIndex(Struct):
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


class PartnerTrend(Struct, frozen=True):
    name: str
    before: list[int | None]  # oldest first, one per check-in
    after: list[int | None]

    def usual(self, which: str, last: int = 10) -> str | None:
        """The middle of the recent ratings (their median), in words: never a number or a grade."""
        values = [v for v in getattr(self, which)[-last:] if v is not None]
        if not values:
            return None
        return CLOSENESS_WORDS[round(statistics.median(values))]


def closeness_together(partners: Sequence[PartnerTrend], last: int = 10) -> str | None:
    """How close the two of you have felt lately, said of you both together.

    Never one line per partner: a word beside one name reads like a grade, and
    invites "why are you always lower?". The middle (median) of both partners'
    recent ratings is said in words: one word, or the two it falls between.
    """
    def middle(which: str) -> str | None:
        # With an even count the middle falls between two ratings: both are said, so
        # "Close" and "A bit apart" never average into an "In between" nobody chose.
        values = sorted(v for p in partners for v in getattr(p, which)[-last:] if v is not None)
        if not values:
            return None
        low, high = CLOSENESS_WORDS[statistics.median_low(values)], CLOSENESS_WORDS[statistics.median_high(values)]
        return f"around “{low}”" if low == high else f"between “{low}” and “{high}”"

    shown = min(last, max((len(p.before) for p in partners), default=0))
    if not shown:
        return None
    arrived, left = middle("before"), middle("after")
    lately = "your last check-in" if shown == 1 else f"your last {shown} check-ins"
    if arrived and left:
        return f"Over {lately}, the two of you mostly arrived feeling {arrived} and left feeling {left}."
    if arrived or left:
        return f"Over {lately}, the two of you mostly {'arrived' if arrived else 'left'} feeling {arrived or left}."
    return None

class FollowThrough(Struct, frozen=True):
    yes: int = 0
    partly: int = 0
    not_yet: int = 0
    passed: int = 0

    @property
    def asked(self) -> int:
        return self.yes + self.partly + self.not_yet + self.passed

    def sentence(self) -> str:
        """How the small gestures went, in words, never a tally: what happened is said
        plainly, and what did not is not counted against anyone."""
        answered = self.yes + self.partly + self.not_yet
        if not answered:
            return "No small gestures have been looked back on yet."
        share = (self.yes + self.partly) / answered
        if share >= 0.75:
            return "Most of the small gestures you chose have happened, at least in part."
        if share >= 0.4:
            return "Many of the small gestures you chose have happened, at least in part."
        if share > 0:
            return "Some of the small gestures you chose have happened. Smaller ones can be easier to keep."
        return ("The small gestures you chose have not happened yet. That is common in a full season; "
                "a smaller one may be easier to keep.")


class JournalStats(Struct, frozen=True):
    count: int
    first: datetime | None
    last: datetime | None
    per_month: list[tuple[str, int]]  # ("2026-11", 9), oldest first, months without any included
    partners: list[PartnerTrend]
    follow_through: FollowThrough
    moments: list[datetime] = field(default_factory=list)  # when each check-in began, oldest first


def month_counts(entries: Sequence[Entry], now: datetime, months: int = 12) -> list[tuple[str, int]]:
    """Check-ins per month, the last `months` of them, oldest first; months before the
    couple's first check-in are left out (they are not months without one)."""
    counts = Counter(f"{e.started_at:%Y-%m}" for e in entries)
    if not counts:
        return []
    first = min(counts)
    year, month = now.year, now.month
    keys = []
    for _ in range(months):
        key = f"{year:04d}-{month:02d}"
        if key < first:
            break
        keys.append(key)
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
        moments=[e.started_at for e in ordered],
    )


# --- gentle signals -------------------------------------------------------------------


class Signal(Struct, frozen=True):
    """Something worth noticing together, and a deck that fits it."""

    kind: str
    message: str
    deck_id: str


RHYTHM_WINDOW = 20  # gaps looked at to learn a couple's own rhythm
LIGHTER_DECK = "play"  # where a couple passing the same question might go instead
NOT_COUNTED_DECKS = frozenset({"repair"})  # passing is part of how this deck is meant to go
_INVITES_PASSING = re.compile(r"\bpass", re.IGNORECASE)


def gaps_growing(entries: Sequence[Entry], now: datetime) -> Signal | None:
    """The time since the last check-in (or the last few gaps) is well beyond the
    couple's own rhythm, learned from their last twenty gaps: a nightly couple is not
    told after four quiet days, a weekly couple not after ten. Never said on the day
    of a check-in."""
    ordered = sorted(e.started_at for e in entries)
    if len(ordered) < 5:
        return None
    since_last = days_between(ordered[-1], now)
    if since_last <= 0:
        return None
    gaps = [days_between(a, b) for a, b in zip(ordered, ordered[1:])][-RHYTHM_WINDOW:]
    usual = max(1.0, statistics.median(gaps))
    long_quiet = since_last >= max(7, 3 * usual)
    drifting = min(*gaps[-2:], since_last) >= max(4, 3 * usual)
    if not (long_quiet or drifting):
        return None
    return Signal(
        "gaps",
        "It has been longer than your usual rhythm since the two of you last checked in with each "
        "other. Busy seasons come to every couple; a small ritual of your own can help you find "
        "your way back to each other.",
        "rituals",
    )


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
    """The same question has been passed on purpose several times lately.

    Only a chosen pass counts: an empty box, a prompt talked about aloud or one not
    reached is never a pass. Prompts whose tip invites passing, and the repair
    deck, are left out: passing there is part of the deck. The message never quotes
    the prompt (the home screen is shared, and the question may be tender), and it
    suggests something lighter, not a harder deck.
    """
    ordered = sorted(entries, key=lambda e: (e.started_at, e.id))[-recent:]
    passes: Counter[tuple[str, str]] = Counter()
    for entry in ordered:
        if entry.deck_id in NOT_COUNTED_DECKS:
            continue
        for prompt in entry.prompts:
            if prompt.tip and _INVITES_PASSING.search(prompt.tip):
                continue
            if any(answer.status == "passed" for answer in prompt.answers):
                passes[(entry.deck_id, prompt.prompt_id)] += 1
    if not passes or passes.most_common(1)[0][1] < times:
        return None
    return Signal(
        "passed",
        "One question has been passed a few times lately. Passing is always fine, and so is "
        "something lighter for a while.",
        LIGHTER_DECK,
    )


def gentle_signals(entries: Sequence[Entry], now: datetime) -> list[Signal]:
    found = [gaps_growing(entries, now), closeness_apart(entries), passed_theme(entries)]
    return [signal for signal in found if signal is not None]



# --- after a check-in -------------------------------------------------------------------


def lower_now_line(entry: Entry) -> str | None:
    """Said when either of you feels less close at the end than at the start: after
    saying hard things that is normal, and it is said of no one in particular."""
    for partner in entry.partners:
        before, after = partner.closeness_before, partner.closeness_after
        if before is not None and after is not None and after < before:
            return ("Feeling a little less close right after saying hard things is normal. "
                    "It often eases within a day or two.")
    return None


LONG_DECK_MINUTES = 30  # decks this long are weekly rituals rather than nightly ones


def next_time_line(deck_id: str, minutes: int) -> str:
    """When the next check-in could be, fitting the deck just done; never a schedule."""
    if deck_id == "repair":
        return ("Come back to this when you both feel ready. A light check-in in between, like the "
                "bedtime one, can help.")
    if deck_id == "bedtime":
        when = "Tomorrow, around this time,"
    elif deck_id == "weekly" or minutes >= LONG_DECK_MINUTES:
        when = "Next week"
    else:
        when = "In a day or two"
    return f"Whenever suits you. {when} could be a good moment for the next one."
