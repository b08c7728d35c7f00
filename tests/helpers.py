"""Small builders shared by the tests: decks, entries and journals made by hand."""

from __future__ import annotations

import errno
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from reconnect_tui.core.decks import Deck, Prompt
from reconnect_tui.core.entry import Answer, DeckRef, Entry, FollowUp, PartnerRecord, PromptRecord
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
        deck=DeckRef(deck[0], deck[1]),
        mode="open",
        partners=partners,  # type: ignore[arg-type]
        prompts=(record,),
    )


def fill_journal(root: Path, count: int, start: datetime = MOMENT, step: timedelta = timedelta(days=1)) -> Journal:
    journal = Journal(root)
    for number in range(count):
        journal.save(make_entry(start + step * number, entry_id=f"e{number:05d}"))
    return journal


def schema1_dict(entry: Entry) -> dict[str, Any]:
    """An entry in exactly the shape reconnect wrote before schema 2 (schema_version 1)."""
    data = entry.to_dict()
    partners = []
    for partner in data["partners"]:
        follow_up = partner["follow_up"]
        if follow_up is not None:
            follow_up = {key: follow_up[key] for key in ("intention", "result", "words")}
        partners.append(
            {key: partner[key] for key in ("name", "closeness_before", "closeness_after", "appreciation", "intention")}
            | {"follow_up": follow_up}
        )
    prompts = []
    for prompt in data["prompts"]:
        old = {key: prompt[key] for key in ("prompt_id", "text", "kind")}
        if prompt.get("tip"):
            old["tip"] = prompt["tip"]
        if prompt["kind"] == "scale":
            old["labels"] = prompt.get("labels", [])
        if prompt["kind"] == "choice":
            old["options"] = prompt.get("options", [])
        old["answers"] = [
            {"status": "passed" if a["status"] == "empty" else a["status"]} | ({"answer": a["answer"]} if "answer" in a else {})
            for a in prompt["answers"]
        ]
        prompts.append(old)
    return {
        "schema_version": 1,
        "id": data["id"],
        "started_at": data["started_at"],
        "finished_at": data["finished_at"],
        "deck": data["deck"],
        "mode": data["mode"],
        "partners": partners,
        "prompts": prompts,
    }


def session_dict(words: str = "hello") -> dict[str, Any]:
    """A real check-in session as a draft keeps it, with `words` as the first answer."""
    from reconnect_tui.core.session import CheckinSession

    session = CheckinSession(deck=make_deck(2), partners=("Alex", "Sam"), started_at=MOMENT, entry_id="draft-1")
    session.go_next()
    session.set_answer(0, 0, words)
    return session.to_dict()


def make_folders_read_only(monkeypatch: Any) -> None:
    """Every new file fails as on a read-only filesystem (EROFS); files already there still open."""
    from reconnect_tui.core import fsutil

    real_open = os.open

    def read_only(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(fsutil.os, "open", read_only)
