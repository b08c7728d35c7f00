"""Drafts through the model: version 2 written, version 1 resumed, damage named and set aside,
several named drafts listed."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from helpers import MOMENT, make_deck, mixed_deck

from reconnect_tui.core.drafts import DraftDamaged, DraftStore, parked_name
from reconnect_tui.core.model import Parked
from reconnect_tui.core.session import CheckinSession

NOW = datetime(2026, 11, 26, 21, 40, tzinfo=timezone.utc)


def a_session() -> CheckinSession:
    session = CheckinSession(deck=mixed_deck(), partners=("Alex", "Sam"), started_at=MOMENT)
    session.set_closeness("before", 0, 4)
    session.go_next()
    session.set_answer(0, 0, "Words kept")
    session.set_passed(0, 1, True)
    return session


def test_a_draft_is_version_2_and_resumes_exactly(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    session = a_session()
    store.save(session.to_dict(), NOW)
    data = json.loads(store.path.read_text())
    assert data["draft_version"] == 2 and data["parked"] is None and data["saved_at"] == NOW.isoformat()
    again = CheckinSession.from_dict(store.load())
    assert again.to_dict() == session.to_dict() and again.step == session.step


def test_a_version_1_draft_still_resumes(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    session = CheckinSession(deck=make_deck(2), partners=("Alex", "Sam"), started_at=MOMENT)
    session.go_next()
    session.set_answer(0, 1, "From before the update")
    old = session.to_dict()
    for key in ("mode_override", "private_ratings", "first_seat", "talks"):
        old.pop(key, None)
    old["mode"] = "open"
    store.path.write_text(json.dumps({"draft_version": 1, "saved_at": "2026-11-26T21:40:00", "session": old}))
    resumed = CheckinSession.from_dict(store.load())
    assert resumed.answer(0, 1).value == "From before the update" and resumed.position == 1


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["session"].update(answers=[[1, 2]] * len(d["session"]["answers"])), "is 1, it must be an object"),
        (lambda d: d["session"].update(started_at="2026-11-26T21:30:05"), "must be a date and time with its time zone"),
        (lambda d: d["session"]["people"][0].update(closeness_before=9), "is 9, it must be 1 to 5"),
        (lambda d: d["session"].update(answers=[]), "it holds 0 answers for 3 prompts"),
        (lambda d: d["session"].update(entry_id="x\n"), "made of letters"),
        (lambda d: d.update(draft_version=0), "its draft_version is 0, it must be 1 or 2"),
        (lambda d: d.update(draft_version=7), "saved by a newer reconnect (draft version 7"),
        (lambda d: d["session"].update(talks={"prompt-0": {"mode": "blind", "phase": "dancing"}}), "one of open, handover"),
    ],
    ids=["answers-numbers", "time-without-zone", "closeness", "answers-missing", "entry-id", "version-0", "newer", "phase"],
)
def test_a_damaged_draft_is_named_and_moved_aside(tmp_path: Path, change: object, words: str) -> None:
    store = DraftStore(tmp_path)
    store.save(a_session().to_dict(), NOW)
    data = json.loads(store.path.read_text())
    change(data)  # type: ignore[operator]
    store.path.write_text(json.dumps(data))
    with pytest.raises(DraftDamaged) as caught:
        store.load()
    assert words in str(caught.value)
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("checkin.unreadable-")]
    assert len(kept) == 1 and str(kept[0]) in str(caught.value)
    assert json.loads(kept[0].read_text()) == data
    assert store.load() is None


@pytest.mark.parametrize("raw", [b"[]", b"[" * 100_000, b'{"draft_version": 2, "saved_at": 5}', b"\xff\xfe"])
def test_broken_draft_bytes_never_raise_anything_but_draft_damaged(tmp_path: Path, raw: bytes) -> None:
    store = DraftStore(tmp_path)
    store.path.write_bytes(raw)
    with pytest.raises(DraftDamaged, match="could not be read"):
        store.load()


def test_several_named_drafts_live_side_by_side(tmp_path: Path) -> None:
    open_one, session = DraftStore(tmp_path), a_session().to_dict()
    open_one.save(session, NOW)
    parked = DraftStore(tmp_path, name=parked_name("20261120-210000-aaaaaa"))
    later = CheckinSession(deck=make_deck(3), partners=("Alex", "Sam"), started_at=MOMENT - timedelta(days=6))
    parked.save(later.to_dict(), NOW - timedelta(days=6), Parked(at=NOW - timedelta(days=6), come_back="Sunday, after a walk"))
    assert DraftStore(tmp_path, name=parked_name("20261120-210000-aaaaaa")).load() == later.to_dict()
    assert open_one.load() == session
