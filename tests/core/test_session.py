from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from helpers import MOMENT, make_deck, mixed_deck

from reconnect_tui.core.entry import entry_from_dict
from reconnect_tui.core.errors import DraftError
from reconnect_tui.core.session import CheckinSession, StepKind

ENTRY_SCHEMA = Path(__file__).resolve().parents[2] / "reconnect_tui" / "schemas" / "entry.schema.json"


def session(**kwargs: object) -> CheckinSession:
    values = {"deck": make_deck(3), "partners": ("Alex", "Sam"), "started_at": MOMENT}
    values.update(kwargs)
    return CheckinSession(**values)  # type: ignore[arg-type]


def kinds(s: CheckinSession) -> list[str]:
    return [step.kind.value for step in s.steps]


def test_steps_without_and_with_a_follow_up() -> None:
    assert kinds(session()) == ["arrive", "prompt", "prompt", "prompt", "close"]
    s = session(previous_intentions=("Send a kind message", None))
    assert kinds(s) == ["arrive", "follow_up", "prompt", "prompt", "prompt", "close"]


def test_next_and_back_move_one_step_and_stop_at_the_ends() -> None:
    s = session()
    assert not s.go_back()
    assert s.go_next() and s.step.kind is StepKind.PROMPT and s.prompt_number() == (1, 3)
    s.go_next()
    assert s.prompt_number() == (2, 3)
    assert s.go_back() and s.prompt_number() == (1, 3)
    while s.go_next():
        pass
    assert s.is_last_step and s.step.kind is StepKind.CLOSE and s.prompt_number() is None


def test_a_full_check_in_becomes_an_entry() -> None:
    s = session(deck=mixed_deck(), previous_intentions=("Cook together", "Text at lunch"))
    s.set_closeness("before", 0, 2)
    s.set_closeness("before", 1, 3)
    s.go_next()
    s.set_follow_up(0, "yes", "It was lovely")
    s.set_follow_up(1, "not_yet")
    s.go_next()
    s.set_answer(0, 0, "  A quiet walk  ")
    s.set_answer(0, 1, "   ")
    s.go_next()
    s.set_answer(1, 0, 4)
    s.set_answer(1, 1, 2)
    s.go_next()
    s.set_answer(2, 0, ["Work", "Phones"])
    s.set_answer(2, 1, ["Tiredness"])
    s.set_passed(2, 1, True)
    s.go_next()
    s.set_appreciation(0, "Thank you for listening")
    s.set_intention(0, "Sit close after dinner")
    s.set_closeness("after", 0, 4)
    entry = s.finish(MOMENT + timedelta(minutes=12))

    first, second = entry.partners
    assert (first.closeness_before, first.closeness_after) == (2, 4)
    assert (second.closeness_before, second.closeness_after) == (3, None)
    assert first.follow_up.intention == "Cook together" and first.follow_up.result == "yes"
    assert first.follow_up.words == "It was lovely"
    assert second.follow_up.result == "not_yet" and second.follow_up.words is None
    assert first.appreciation == "Thank you for listening" and second.appreciation is None
    assert first.intention == "Sit close after dinner" and second.intention is None
    words, scale, choice = entry.prompts
    assert [(a.status, a.value) for a in words.answers] == [("answered", "A quiet walk"), ("empty", None)]
    assert [a.value for a in scale.answers] == [4, 2] and scale.labels[3] == "Good"
    assert choice.answers[0].value == ("Work", "Phones") and choice.answers[1].status == "passed"
    assert words.tip == "Listen first."
    jsonschema.Draft202012Validator(json.loads(ENTRY_SCHEMA.read_text())).validate(entry.to_dict())
    assert entry_from_dict(entry.to_dict()) == entry


def test_saving_early_marks_unreached_prompts() -> None:
    s = session()
    s.go_next()
    s.set_answer(0, 0, "Something")
    s.go_next()  # reached the second prompt, left it empty
    entry = s.finish(MOMENT)
    statuses = [[a.status for a in p.answers] for p in entry.prompts]
    assert statuses == [["answered", "empty"], ["empty", "empty"], ["not_reached", "not_reached"]]


def test_going_back_keeps_what_was_reached() -> None:
    s = session()
    s.go_next()
    s.go_next()
    s.go_next()
    s.go_back()
    s.go_back()
    statuses = [p.answers[0].status for p in s.finish(MOMENT).prompts]
    assert statuses == ["empty", "empty", "empty"]


def test_a_chosen_pass_and_an_empty_box_are_told_apart() -> None:
    s = session()
    s.go_next()
    s.set_answer(0, 0, "   ")  # only spaces: left empty
    s.set_passed(0, 1, True)
    entry = s.finish(MOMENT)
    assert [a.status for a in entry.prompts[0].answers] == ["empty", "passed"]
    assert entry.prompts[0].mode == "open" and entry.mode == "open"
    assert entry.to_dict()["schema_version"] == 2


def test_a_clock_set_back_during_the_check_in_still_gives_an_entry() -> None:
    entry = session().finish(MOMENT - timedelta(minutes=5))
    assert entry.finished_at == entry.started_at


def test_draft_round_trip_keeps_everything() -> None:
    s = session(deck=mixed_deck(), previous_intentions=(None, "Text at lunch"), gestures=("Tea",))
    s.set_closeness("before", 1, 5)
    s.go_next()
    s.set_follow_up(1, "partly", "Twice")
    s.go_next()
    s.set_answer(0, 0, "Words, kept")
    s.set_passed(0, 1, True)
    s.go_next()
    s.set_answer(1, 1, 3)
    s.elapsed_seconds = 93.5
    data = json.loads(json.dumps(s.to_dict()))
    again = CheckinSession.from_dict(data)
    assert again.to_dict() == s.to_dict()
    assert again.step == s.step and again.entry_id == s.entry_id
    assert again.finish(MOMENT) == s.finish(MOMENT)


@pytest.mark.parametrize("damage", [{"position": 99}, {"answers": []}, {"deck": {}}, {"partners": ["Solo"]}])
def test_a_draft_that_does_not_fit_is_refused_clearly(damage: dict) -> None:
    data = dict(session().to_dict(), **damage)
    with pytest.raises(DraftError, match="draft"):
        CheckinSession.from_dict(data)


def test_values_out_of_range_are_refused() -> None:
    s = session(deck=mixed_deck())
    with pytest.raises(ValueError):
        s.set_closeness("before", 0, 6)
    with pytest.raises(ValueError):
        s.set_answer(1, 0, 9)
    with pytest.raises(ValueError):
        s.set_answer(2, 0, ["Not an option"])
    with pytest.raises(ValueError):
        s.set_follow_up(0, "maybe")
    with pytest.raises(ValueError):
        s.set_intention(2, "A third partner")


def test_has_words_notices_anything_given() -> None:
    s = session()
    assert not s.has_words()
    s.set_answer(0, 1, "hi")
    assert s.has_words()


def test_the_entry_names_each_seat_by_person_id() -> None:
    s = session(person_ids=("p-0000aaaa", "p-0000bbbb"))
    entry = s.finish(MOMENT)
    assert entry.person_ids == ("p-0000aaaa", "p-0000bbbb")
    assert entry_from_dict(json.loads(json.dumps(entry.to_dict()))).person_ids == ("p-0000aaaa", "p-0000bbbb")
    assert session().finish(MOMENT).person_ids == (None, None)  # the people file could not say: names only


def test_only_a_gesture_not_happened_yet_is_carried_on() -> None:
    s = session(previous_intentions=("Cook together", "Text at lunch"))
    s.go_next()
    s.set_follow_up(0, "not_yet")
    s.set_carried(0, True)
    s.set_follow_up(1, "partly")
    s.set_carried(1, True)  # ticked, then "partly" chosen: it happened in part, so it is not carried
    first, second = s.finish(MOMENT).partners
    assert first.follow_up is not None and first.follow_up.carried
    assert second.follow_up is not None and not second.follow_up.carried
    s.set_carried(0, False)  # let go after all
    assert not s.finish(MOMENT).partners[0].follow_up.carried  # type: ignore[union-attr]


def test_nothing_to_carry_without_a_gesture_from_last_time() -> None:
    s = session(previous_intentions=("Cook together", None))
    with pytest.raises(ValueError, match="no gesture"):
        s.set_carried(1, True)


def test_a_draft_keeps_who_is_who_and_what_is_carried() -> None:
    s = session(previous_intentions=("Cook together", None), person_ids=("p-0000aaaa", None))
    s.go_next()
    s.set_follow_up(0, "not_yet")
    s.set_carried(0, True)
    again = CheckinSession.from_dict(json.loads(json.dumps(s.to_dict())))
    assert again.person_ids == ("p-0000aaaa", None) and again.carries(0)
    assert again.finish(MOMENT) == s.finish(MOMENT)
    again.drop_follow_up()  # asked meanwhile by another check-in: nothing is carried from here
    assert not again.carries(0)
