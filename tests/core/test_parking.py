"""Parked talks: kept aside under their own name, listed, read back, removed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from helpers import MOMENT, make_deck

from reconnect_tui.core.errors import DraftError
from reconnect_tui.core.parking import ParkedTalks, when
from reconnect_tui.core.session import CheckinSession


def session(deck_id: str = "test-deck") -> CheckinSession:
    s = CheckinSession(deck=make_deck(3, deck_id), partners=("Alex", "Sam"), started_at=MOMENT)
    s.go_next()
    s.go_next()
    s.set_answer(1, 0, "said before the break")
    return s


def test_a_parked_talk_is_listed_with_where_it_stands_and_read_back(tmp_path: Path) -> None:
    parked = ParkedTalks(tmp_path)
    s = session()
    path = parked.park(s.to_dict(), MOMENT + timedelta(minutes=5), "  after a walk ")
    assert path.name == f"parked-{s.entry_id}.json" and oct(path.stat().st_mode & 0o777) == oct(0o600)
    (talk,), problems = parked.all()
    assert problems == [] and talk.come_back == "after a walk"
    assert talk.describe(MOMENT + timedelta(hours=1)) == "Test deck, at prompt 2 of 3, parked today at 21:35"
    assert "said before the break" not in talk.describe(MOMENT)
    assert parked.get(s.entry_id).session.answer(1, 0).value == "said before the break"
    assert parked.for_deck("test-deck").entry_id == s.entry_id and parked.for_deck("other") is None
    parked.remove(s.entry_id)
    assert parked.all() == ([], [])
    parked.remove(s.entry_id)  # already gone: nothing to do


def test_a_damaged_parked_talk_is_named_and_left_alone(tmp_path: Path) -> None:
    parked = ParkedTalks(tmp_path)
    parked.park(session().to_dict(), MOMENT, None)
    broken = tmp_path / "parked-broken.json"
    broken.write_text("{not json")
    talks, problems = parked.all()
    assert len(talks) == 1 and len(problems) == 1 and "parked-broken.json" in problems[0]
    assert broken.exists()
    with pytest.raises(DraftError):
        parked.get("broken")
    with pytest.raises(DraftError):
        parked.get("../escape")
    with pytest.raises(DraftError, match="no parked talk"):
        parked.get("nothing-here")


def test_a_talk_that_cannot_be_parked_says_why(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    with pytest.raises(DraftError, match="could not be parked"):
        ParkedTalks(blocked).park(session().to_dict(), MOMENT, None)


def test_when_a_talk_was_parked_in_words() -> None:
    assert when(MOMENT, MOMENT) == "today at 21:30"
    assert when(MOMENT, MOMENT + timedelta(days=1)) == "yesterday at 21:30"
    assert when(MOMENT, MOMENT + timedelta(days=3)) == "Thursday"
    assert when(MOMENT, MOMENT + timedelta(days=9)) == "Thursday 26 November"


def test_in_a_locked_journal_a_parked_talk_is_never_written_in_plain(tmp_path: Path) -> None:
    from reconnect_tui.core.lockbox import Key

    key = Key.generate()
    parked = ParkedTalks(tmp_path, key, must_encrypt=True)
    s = session()
    path = parked.park(s.to_dict(), MOMENT, "after tea")
    assert path.name.endswith(".json.age") and b"said before the break" not in path.read_bytes()
    assert parked.get(s.entry_id).session.answer(1, 0).value == "said before the break"
    talks, problems = ParkedTalks(tmp_path).all()  # without the key: named, not shown
    assert talks == [] and "locked" in problems[0]
    with pytest.raises(DraftError, match="locked"):
        ParkedTalks(tmp_path, None, must_encrypt=True).park(s.to_dict(), MOMENT, None)
    parked.remove(s.entry_id)
    assert not list(tmp_path.iterdir())


def test_where_a_talk_stands_reads_as_words_at_every_step(tmp_path: Path) -> None:
    parked = ParkedTalks(tmp_path)
    s = CheckinSession(deck=make_deck(1), partners=("Alex", "Sam"), started_at=MOMENT)
    seen = []
    while True:
        parked.park(s.to_dict(), MOMENT, None)
        seen.append(parked.get(s.entry_id).where())
        if s.is_last_step:
            break
        s.go_next()
    assert seen[0] == "at the start" and seen[-1] == "at the close" and "at prompt 1 of 1" in seen
