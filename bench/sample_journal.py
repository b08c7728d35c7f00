"""A realistic journal of nightly check-ins, for the benchmarks and the large-journal tests.

Entries are built from the shipped bedtime deck with answers of everyday length, so
reading, searching and exporting cost what they would for a real couple.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from reconnect_tui.core.decks import load_library, shipped_deck_file
from reconnect_tui.core.entry import Answer, DeckRef, Entry, FollowUp, PartnerRecord, PromptRecord

WORDS = (
    "today work tired walk dinner laughed kids rain coffee train call mum garden quiet "
    "busy meeting late sofa film music friend worried hopeful proud sleep morning bike "
    "cooking tea message lunch weekend plans holiday missed hug talk listen slow warm"
).split()


def _sentence(rng: random.Random, low: int = 8, high: int = 40) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def sample_entries(count: int, seed: int = 7, first_day: datetime | None = None) -> list[Entry]:
    """`count` nightly entries, one a day, ending before `first_day + count days`."""
    rng = random.Random(seed)
    deck = load_library(shipped_deck_file().parent / "no-user-decks", shipped_deck_file()).get("bedtime")
    start = first_day or datetime(2016, 11, 26, 21, 30, tzinfo=timezone(timedelta(hours=1)))
    gestures = ["Send a kind message at lunch", "Sit close after dinner", "Walk together on Sunday"]
    entries = []
    for day in range(count):
        began = start + timedelta(days=day, minutes=rng.randint(-40, 40))
        prompts = []
        for prompt in deck.prompts:
            answers = []
            for _ in range(2):
                if rng.random() < 0.12:
                    answers.append(Answer("passed"))
                elif prompt.kind == "scale":
                    answers.append(Answer("answered", rng.randint(1, 5)))
                else:
                    answers.append(Answer("answered", _sentence(rng)))
            prompts.append(
                PromptRecord(prompt.id, prompt.text, prompt.kind, tuple(answers), prompt.tip, prompt.labels)  # type: ignore[arg-type]
            )
        partners = tuple(
            PartnerRecord(
                name=name,
                closeness_before=rng.randint(1, 5),
                closeness_after=rng.randint(2, 5),
                appreciation=_sentence(rng, 4, 12),
                intention=rng.choice(gestures),
                follow_up=FollowUp(rng.choice(gestures), rng.choice(["yes", "partly", "not_yet", None]), None)
                if day
                else None,
            )
            for name in ("Alex", "Sam")
        )
        entries.append(
            Entry(
                id=f"{began:%Y%m%d-%H%M%S}-{day:06x}",
                started_at=began,
                finished_at=began + timedelta(minutes=rng.randint(6, 20)),
                deck=DeckRef(deck.id, deck.title),
                mode="open",
                partners=partners,  # type: ignore[arg-type]
                prompts=tuple(prompts),
            )
        )
    return entries
