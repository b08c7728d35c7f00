"""Small builders shared by the tests: decks, entries and journals made by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from reconnect_tui.core.decks import Deck, Prompt
from reconnect_tui.core.entry import Answer, Entry, FollowUp, PartnerRecord, PromptRecord
from reconnect_tui.core.journal import Journal

TZ = timezone(timedelta(hours=1))
MOMENT = datetime(2026, 11, 26, 21, 30, 5, tzinfo=TZ)


def make_deck(prompts: int = 3, deck_id: str = "test-deck", gestures: tuple[str, ...] = ()) -> Deck:
    items = [Prompt(f"p{i}", f"Question number {i}?") for i in range(1, prompts + 1)]
    return Deck(deck_id, "Test deck", "For tests.", 10, "open", tuple(items), gestures=gestures)


def mixed_deck() -> Deck:
    return Deck(
        "mixed",
        "Mixed deck",
        "One of each kind.",
        10,
        "open",
        (
            Prompt("words", "What was good today?", tip="Listen first."),
            Prompt("tank", "How full is your tank?", "scale", labels=("Empty", "Low", "Some", "Good", "Full")),
            Prompt("pick", "What gets in the way?", "choice", options=("Work", "Tiredness", "Phones"), multiple=True),
        ),
    )


def make_entry(
    started_at: datetime = MOMENT,
    entry_id: str | None = None,
    names: tuple[str, str] = ("Alex", "Sam"),
    answers: tuple[str | None, str | None] = ("A quiet walk", None),
    closeness: tuple[tuple[int | None, int | None], tuple[int | None, int | None]] = ((3, 4), (2, 4)),
    intentions: tuple[str | None, str | None] = ("Send a kind message", None),
    follow_ups: tuple[FollowUp | None, FollowUp | None] = (None, None),
    deck: tuple[str, str] = ("bedtime", "Bedtime check-in"),
) -> Entry:
    record = PromptRecord(
        prompt_id="day",
        text="What made you smile today?",
        kind="text",
        answers=tuple(Answer("answered", a) if a else Answer("passed") for a in answers),  # type: ignore[arg-type]
    )
    partners = tuple(
        PartnerRecord(
            name=names[i],
            closeness_before=closeness[i][0],
            closeness_after=closeness[i][1],
            appreciation="Thank you for dinner" if i == 0 else None,
            intention=intentions[i],
            follow_up=follow_ups[i],
        )
        for i in (0, 1)
    )
    return Entry(
        id=entry_id or f"{started_at:%Y%m%d-%H%M%S}-abc123",
        started_at=started_at,
        finished_at=started_at + timedelta(minutes=11),
        deck_id=deck[0],
        deck_title=deck[1],
        partners=partners,  # type: ignore[arg-type]
        prompts=(record,),
    )


def fill_journal(root: Path, count: int, start: datetime = MOMENT, step: timedelta = timedelta(days=1)) -> Journal:
    journal = Journal(root)
    for number in range(count):
        journal.save(make_entry(start + step * number, entry_id=f"e{number:05d}"))
    return journal
