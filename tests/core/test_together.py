"""Blind and turns prompts, said aloud and private ratings: the session's sub-steps."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from msgspec.structs import replace
from helpers import MOMENT, make_deck

from reconnect_tui.core.decks import Deck, Prompt
from reconnect_tui.core.entry import Entry
from reconnect_tui.core.errors import DraftError
from reconnect_tui.core.session import CheckinSession, StepKind
from reconnect_tui.core.together import Phase

ENTRY_SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "reconnect_tui" / "schemas" / "entry.schema.json").read_text()
)
LATER = MOMENT + timedelta(minutes=5)


def deck(mode: str = "open", prompt_modes: tuple[str | None, ...] = (None, None), one_way: bool = False) -> Deck:
    prompts = tuple(
        Prompt(f"p{i}", f"Question {i}?", mode=m, one_way=one_way) for i, m in enumerate(prompt_modes)
    )
    return Deck("together", "Together", "For tests.", 10, mode, prompts)


def session(**kwargs: object) -> CheckinSession:
    values: dict[str, object] = {"deck": deck(), "partners": ("Alex", "Sam"), "started_at": MOMENT}
    values.update(kwargs)
    return CheckinSession(**values)  # type: ignore[arg-type]


def round_trip(s: CheckinSession) -> CheckinSession:
    return CheckinSession.from_dict(json.loads(json.dumps(s.to_dict())))


def check(entry: Entry) -> dict:
    data = json.loads(json.dumps(entry.to_dict()))
    jsonschema.validate(data, ENTRY_SCHEMA)
    assert Entry.from_dict(data) == entry
    return data


# --- which mode a prompt gets ---------------------------------------------------------


def test_mode_comes_from_the_override_then_the_prompt_then_the_deck() -> None:
    s = session(deck=deck("blind", (None, "turns")))
    assert (s.mode, s.prompt_mode(0), s.prompt_mode(1)) == ("blind", "blind", "turns")
    s = session(deck=deck("blind", (None, "turns")), mode_override="open")
    assert (s.mode, s.prompt_mode(0), s.prompt_mode(1)) == ("open", "open", "open")
    assert s.talks == {}


# --- blind ------------------------------------------------------------------------------


def blind_prompt(**kwargs: object) -> CheckinSession:
    s = session(deck=deck("open", ("blind", None)), **kwargs)
    s.go_next()
    assert s.step.kind is StepKind.PROMPT and s.phase is Phase.HANDOVER
    return s


def test_blind_hands_over_then_each_answers_privately_then_both_reveal_together() -> None:
    s = blind_prompt()
    assert s.talk.seat == 0 and not s.shows(0) and not s.shows(1) and s.hiding
    assert s.start_turn() and s.phase is Phase.PRIVATE
    assert s.shows(0) and not s.shows(1)
    s.set_answer(0, 0, "only Alex knows")
    assert s.go_next() and s.phase is Phase.HANDOVER and s.talk.seat == 1
    assert not s.shows(0) and not s.shows(1)
    s.start_turn()
    assert s.shows(1) and not s.shows(0)
    s.set_answer(0, 1, "only Sam knows")
    s.go_next()
    assert s.phase is Phase.READY and not s.shows(0) and not s.shows(1)
    assert s.reveal(LATER) and s.phase is Phase.REVEALED and s.shows(0) and s.shows(1) and not s.hiding
    assert s.go_next() and s.prompt_number() == (2, 2) and s.talk is None
    s.go_next()
    entry = s.finish(LATER)
    record = entry.prompts[0]
    assert record.mode == "blind" and record.revealed_at == LATER
    assert [a.value for a in record.answers] == ["only Alex knows", "only Sam knows"]
    assert entry.prompts[1].mode == "open" and entry.prompts[1].revealed_at is None
    assert check(entry)["prompts"][0]["revealed_at"] == LATER.isoformat()


def test_ctrl_n_on_ready_reveals_and_an_empty_private_answer_is_left_empty() -> None:
    s = blind_prompt()
    s.go_next()  # Alex's hand-over: moved on without starting
    s.start_turn()
    s.set_passed(0, 1, True)
    s.go_next()
    assert s.phase is Phase.READY
    s.go_next()
    assert s.phase is Phase.REVEALED
    statuses = [a.status for a in s.finish(LATER).prompts[0].answers]
    assert statuses == ["empty", "passed"]


def test_back_from_a_private_turn_goes_to_that_partners_own_hand_over_never_the_others() -> None:
    s = blind_prompt()
    s.start_turn()
    s.go_next()
    s.start_turn()  # Sam writes
    assert s.go_back() and s.phase is Phase.HANDOVER and s.talk.seat == 1
    assert not s.shows(0)
    s.start_turn()
    s.go_next()
    assert s.phase is Phase.READY
    s.go_back()  # back from "reveal together?" is the second writer's hand-over
    assert s.phase is Phase.HANDOVER and s.talk.seat == 1 and not s.shows(0)
    s.go_back()  # from a hand-over: the step before
    assert s.step.kind is StepKind.ARRIVE
    s.go_next()
    assert s.phase is Phase.HANDOVER and s.talk.seat == 1  # picks up where it was


def test_after_the_reveal_nothing_hides_again_and_answers_can_still_change() -> None:
    s = blind_prompt()
    for _ in range(2):
        s.start_turn()
        s.go_next()
    s.reveal(LATER)
    s.go_next()
    s.go_back()
    assert s.phase is Phase.REVEALED and s.shows(0) and s.shows(1)
    assert not s.go_back() or s.step.kind is StepKind.ARRIVE
    s.go_next()
    assert s.phase is Phase.REVEALED
    s.reveal(LATER + timedelta(minutes=1))
    s.set_answer(0, 0, "changed after the reveal")
    record = s.finish(LATER + timedelta(minutes=2)).prompts[0]
    assert record.revealed_at == LATER and record.answers[0].value == "changed after the reveal"


def test_swap_before_starting_changes_who_goes_first_here_and_on_later_prompts() -> None:
    s = session(deck=deck("blind", (None, None)))
    s.go_next()  # the first blind prompt (ratings are private too: arrive was a blind step)
    while s.step.kind is StepKind.ARRIVE:
        s.go_next()
    assert s.talk.seat == 0 and s.swap() and s.talk.seat == 1 and s.first_seat == 1
    s.start_turn()
    assert not s.swap()  # once someone has started, the order stays
    s.go_next()
    assert s.talk.seat == 0
    s.go_next()
    s.go_next()
    s.go_next()
    assert s.prompt_number() == (2, 2) and s.talk.seat == 1


def test_the_swap_is_offered_only_until_either_partner_has_started_on_the_prompt() -> None:
    s = turns_prompt()
    assert s.can_swap
    s.set_answer(0, 0, "I")
    assert not s.can_swap and not s.swap() and s.talk.seat == 0
    s.set_answer(0, 0, "  ")  # wiped out again: nobody has started after all
    assert s.can_swap
    s.set_passed(0, 0, True)
    assert not s.can_swap
    s.set_passed(0, 0, False)
    s.toggle_spoken()
    assert not s.can_swap and not s.swap()

    s = session(deck=deck("blind", (None, None)))
    while s.step.kind is not StepKind.PROMPT:
        s.go_next()
    s.start_turn()
    s.set_answer(0, 0, "Half a thought")
    s.go_back()  # from the private turn back to its hand-over
    assert s.phase is Phase.HANDOVER and not s.can_swap and not s.swap()

    s = session(deck=deck("blind", (None,)))  # the private ratings on arriving
    s.start_turn()
    s.set_closeness("before", 0, 3)
    s.go_back()
    assert s.phase is Phase.HANDOVER and not s.can_swap


def test_a_swap_leaves_who_goes_first_alone_where_someone_has_already_written() -> None:
    s = session(deck=deck("turns", (None, None)))
    s.set_answer(1, 0, "Written ahead")  # the second prompt, written on and left
    s.go_next()
    assert s.swap() and s.first_seat == 1 and s.talk.seat == 1
    assert s.talks["prompt-1"].starter == 0


def test_first_seat_starts_blind_and_turns() -> None:
    s = blind_prompt(first_seat=1)
    assert s.talk.seat == 1
    s = session(deck=deck("turns", (None,)), first_seat=1)
    s.go_next()
    assert s.talk.seat == 1 and s.talk.rounds[0].speaker == 1


def test_a_draft_saved_in_a_private_turn_resumes_on_that_partners_hand_over() -> None:
    s = blind_prompt()
    s.start_turn()
    s.go_next()
    s.start_turn()
    s.set_answer(0, 1, "half written")
    back = round_trip(s)
    assert back.phase is Phase.HANDOVER and back.talk.seat == 1 and back.talk.done == [True, False]
    assert not back.shows(0) and not back.shows(1)
    assert back.answer(0, 1).value == "half written"


def test_finishing_with_a_private_answer_reveals_it_in_the_entry() -> None:
    s = blind_prompt()
    s.start_turn()
    s.set_answer(0, 0, "kept")
    record = s.finish(LATER).prompts[0]
    assert record.revealed_at == LATER and record.answers[0].value == "kept"


def test_a_damaged_talk_in_a_draft_is_a_draft_error() -> None:
    data = blind_prompt().to_dict()
    data["talks"]["prompt-0"]["phase"] = "somewhere"
    with pytest.raises(DraftError):
        CheckinSession.from_dict(data)
    data["talks"]["prompt-0"] = {"mode": "turns", "phase": "speak", "rounds": []}
    with pytest.raises(DraftError):
        CheckinSession.from_dict(data)


# --- private ratings ---------------------------------------------------------------------


def test_a_blind_check_in_rates_privately_on_arrival_and_at_the_close() -> None:
    s = session(deck=deck("blind", (None,)))
    assert s.step.kind is StepKind.ARRIVE and s.phase is Phase.HANDOVER and not s.shows(0)
    s.start_turn()
    s.set_closeness("before", 0, 2)
    s.go_next()
    s.start_turn()
    assert not s.shows(0) and s.shows(1)
    s.set_closeness("before", 1, 4)
    s.go_next()
    assert s.phase is Phase.READY
    s.go_next()
    assert s.phase is Phase.REVEALED and s.step.kind is StepKind.ARRIVE
    s.go_next()  # the prompt
    for _ in range(2):
        s.start_turn()
        s.go_next()
    s.go_next()
    s.go_next()
    assert s.step.kind is StepKind.CLOSE and s.phase is Phase.OPEN  # appreciation and gesture together
    s.set_appreciation(0, "Thank you")
    s.go_next()
    assert s.phase is Phase.HANDOVER and not s.shows(0) and not s.shows(1)
    s.go_back()
    assert s.phase is Phase.OPEN
    s.go_next()
    s.start_turn()
    s.set_closeness("after", 0, 5)
    s.go_next()
    s.go_next()
    assert s.phase is Phase.READY
    s.go_next()
    assert s.phase is Phase.REVEALED and not s.go_next()
    entry = s.finish(LATER)
    assert entry.ratings_revealed_at == MOMENT  # the clock given to go_next (none: the start)
    assert [p.closeness_before for p in entry.partners] == [2, 4]
    check(entry)


def test_private_ratings_can_be_asked_for_in_every_mode() -> None:
    s = session(private_ratings=True)
    assert s.phase is Phase.HANDOVER and s.talk_for(s.steps[-1]) is not None
    assert round_trip(s).private_ratings


# --- turns ----------------------------------------------------------------------------------


def turns_prompt(**kwargs: object) -> CheckinSession:
    s = session(deck=deck("open", ("turns",), **kwargs))
    s.go_next()
    assert s.phase is Phase.SPEAK and s.talk.seat == 0
    return s


def test_turns_speaker_listener_confirmation_then_the_roles_swap() -> None:
    s = turns_prompt()
    s.set_answer(0, 0, "I felt alone on Sunday")
    s.go_next()
    assert s.phase is Phase.REFLECT and s.talk.at_keyboard == 1
    s.set_reflection("heard", "You felt alone when I worked all Sunday")
    s.go_next()
    assert s.phase is Phase.CONFIRM and s.talk.at_keyboard == 0
    s.set_reflection("added", "mostly in the evening")
    assert s.respond("not_quite", LATER) and s.phase is Phase.REFLECT and s.talk.reflection == 1
    s.set_reflection("heard", "The evening was the lonely part")
    s.set_reflection("makes_sense", "Evenings are our time")
    s.go_next()
    s.respond("thats_it", LATER)
    assert s.phase is Phase.SPEAK and s.talk.seat == 1  # Sam speaks now
    s.set_answer(0, 1, "I was worried about work")
    s.go_next()
    s.set_reflection("heard", "Work worried you")
    s.go_next()
    s.respond("thats_it", LATER)
    assert s.phase is Phase.HEARD
    assert s.go_next() and s.step.kind is StepKind.CLOSE
    record = s.finish(LATER).prompts[0]
    assert record.mode == "turns"
    first, second = record.turns
    assert first.speaker == 0 and [(r.heard, r.response, r.added) for r in first.reflections] == [
        ("You felt alone when I worked all Sunday", "not_quite", "mostly in the evening"),
        ("The evening was the lonely part", "thats_it", None),
    ]
    assert first.reflections[1].makes_sense == "Evenings are our time"
    assert second.speaker == 1 and second.reflections[0].heard == "Work worried you"
    assert [a.value for a in record.answers] == ["I felt alone on Sunday", "I was worried about work"]
    check(s.finish(LATER))


def test_a_one_way_prompt_does_not_swap() -> None:
    s = turns_prompt(one_way=True)
    s.go_next()
    s.go_next()
    s.respond("thats_it", LATER)
    assert s.phase is Phase.HEARD and len(s.talk.rounds) == 1


def test_back_through_turns_and_that_its_drops_later_tries() -> None:
    s = turns_prompt()
    s.go_next()
    s.go_next()
    s.respond("not_quite", LATER)
    s.go_next()
    s.respond("thats_it", LATER)  # round 2 begins
    assert s.phase is Phase.SPEAK and s.talk.round == 1
    s.go_back()
    assert s.phase is Phase.CONFIRM and s.talk.round == 0 and s.talk.reflection == 1
    s.go_back()
    s.go_back()
    assert s.phase is Phase.CONFIRM and s.talk.reflection == 0
    s.respond("thats_it", LATER)
    assert len(s.talk.rounds[0].reflections) == 1 and s.talk.round == 1
    s.go_back()
    s.go_back()
    s.go_back()
    assert s.phase is Phase.SPEAK and s.talk.round == 0
    s.go_back()
    assert s.step.kind is StepKind.ARRIVE


def test_turns_survive_a_draft() -> None:
    s = turns_prompt()
    s.set_answer(0, 0, "said")
    s.go_next()
    s.set_reflection("heard", "heard it")
    back = round_trip(s)
    assert back.phase is Phase.REFLECT and back.talk.current_reflection.heard == "heard it"


def test_swap_before_the_first_speaker_starts() -> None:
    s = turns_prompt()
    assert s.swap() and s.talk.seat == 1 and s.talk.rounds[0].speaker == 1
    s.go_next()
    assert s.talk.at_keyboard == 0 and not s.swap()


def test_a_reflection_only_exists_in_turns() -> None:
    s = session()
    s.go_next()
    with pytest.raises(ValueError):
        s.set_reflection("heard", "x")


# --- said aloud ---------------------------------------------------------------------------


def test_said_aloud_is_recorded_as_spoken_never_as_a_pass() -> None:
    s = session()
    assert s.toggle_spoken() is None  # not a prompt
    s.go_next()
    s.set_passed(0, 1, True)
    assert s.toggle_spoken() is True
    s.set_answer(0, 0, "and a note")
    entry = s.finish(LATER)
    assert [(a.status, a.value) for a in entry.prompts[0].answers] == [("spoken", "and a note"), ("spoken", None)]
    check(entry)
    assert s.toggle_spoken() is False
    assert s.finish(LATER).prompts[0].answers[1].status == "empty"


def test_said_aloud_in_a_private_turn_or_by_the_speaker_is_theirs_alone() -> None:
    s = blind_prompt()
    assert s.toggle_spoken() is None  # on a hand-over nobody is at the keyboard
    s.start_turn()
    assert s.toggle_spoken() and s.answer(0, 0).spoken and not s.answer(0, 1).spoken
    s = turns_prompt()
    assert s.toggle_spoken() and s.answer(0, 0).spoken and not s.answer(0, 1).spoken
    assert round_trip(s).answer(0, 0).spoken


# --- a parked talk comes back -------------------------------------------------------------


def test_a_follow_up_answered_meanwhile_is_dropped_from_a_resumed_talk() -> None:
    s = session(deck=make_deck(2), previous_intentions=("Cook", None))
    s.go_next()
    s.go_next()
    assert s.prompt_number() == (1, 2)
    s.drop_follow_up()
    assert [step.kind for step in s.steps].count(StepKind.FOLLOW_UP) == 0
    assert s.prompt_number() == (1, 2)
    assert s.finish(LATER).partners[0].follow_up is None


def test_old_drafts_without_talks_still_load() -> None:
    data = session(deck=make_deck(1)).to_dict()
    for key in ("talks", "first_seat", "mode_override", "private_ratings"):
        del data[key]
    data["mode"] = "open"
    assert CheckinSession.from_dict(data).talks == {}


def test_deck_round_trip_keeps_prompt_modes() -> None:
    d = deck("turns", ("blind", None), one_way=True)
    assert Deck.from_dict(d.to_dict()) == replace(d, source=None)


# --- reading it back ------------------------------------------------------------------------


def finished_turns_entry() -> Entry:
    s = turns_prompt()
    s.set_answer(0, 0, "I felt alone on Sunday")
    s.go_next()
    s.set_reflection("heard", "You were lonely")
    s.go_next()
    s.set_reflection("added", "mostly the evening")
    s.respond("not_quite", LATER)
    s.set_reflection("heard", "The evening was lonely")
    s.set_reflection("makes_sense", "Evenings are ours")
    s.go_next()
    s.respond("thats_it", LATER)
    s.toggle_spoken()  # Sam says it aloud
    s.go_next()
    s.set_reflection("heard", "Work worried you")
    s.go_next()
    s.respond("thats_it", LATER)
    return s.finish(LATER)


def test_turns_read_as_who_said_what() -> None:
    from reconnect_tui.core.together import turns_lines

    entry = finished_turns_entry()
    assert turns_lines(entry.prompts[0], entry.names) == [
        ("Alex", "I felt alone on Sunday"),
        ("Sam heard", "You were lonely"),
        ("Alex", "not quite — mostly the evening"),
        ("Sam heard", "The evening was lonely"),
        ("What makes sense to Sam", "Evenings are ours"),
        ("Alex", "that's it"),
        ("Sam", "(said aloud)"),
        ("Alex heard", "Work worried you"),
        ("Sam", "that's it"),
    ]


def test_markdown_shows_turns_and_blind_answers_as_ordinary_answers() -> None:
    from reconnect_tui.core.exchange import entry_to_markdown

    text = entry_to_markdown(finished_turns_entry())
    assert "- **Alex:** I felt alone on Sunday" in text and "- **Sam heard:** You were lonely" in text
    assert "- **Alex:** not quite — mostly the evening" in text and "- **Sam:** that's it" in text
    s = blind_prompt()
    s.start_turn()
    s.set_answer(0, 0, "kept privately")
    s.go_next()
    s.go_next()
    s.go_next()
    text = entry_to_markdown(s.finish(LATER))
    assert "**Alex**\n\n> kept privately" in text and "**Sam** *(left empty)*" in text


def test_counts_for_stats() -> None:
    from reconnect_tui.core.together import together_counts

    counts = together_counts([finished_turns_entry()])
    assert (counts.turns, counts.heard, counts.spoken, counts.revealed) == (2, 2, 1, 0)
    assert "2 times one of you spoke" in counts.sentence() and "1 prompt talked about aloud" in counts.sentence()
    assert together_counts([]).sentence() == ""
