"""The check-in as a plain state machine, driven by the screens.

Steps run in order: arrive (closeness now), follow-up (only when the last entry
left intentions), one step per prompt, then close (appreciation, gesture,
closeness again). No step is mandatory: moving on leaves an empty answer, which
is recorded as `empty` (a chosen pass as `passed`); prompts never reached when
the couple saves early are recorded as `not_reached`. The session turns into a
journal entry with `finish` and into a draft with `to_dict`, and back with `from_dict`.

Each prompt is answered in a mode (`open`, `blind` or `turns`: `--mode` first, then
the prompt's own, then the deck's). A blind or turns prompt walks through sub-steps
inside its step (hand-overs, private turns, the reveal; speaker and listener); those
live in `core/together.py` as a `Talk` per step, and `go_next`/`go_back` move through
them before moving between steps. Private ratings use the same blind walk.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from msgspec import Struct, field
from msgspec.structs import asdict, replace

from reconnect_tui.core.cleantext import clean_line, clean_text
from reconnect_tui.core.decks import SCALE_POINTS, Deck
from reconnect_tui.core.entry import (
    CLOSENESS_WORDS,
    FOLLOW_UP_RESULTS,
    Answer,
    AnswerValue,
    DeckRef,
    Entry,
    FollowUp,
    PartnerRecord,
    PromptRecord,
    new_entry_id,
)
from reconnect_tui.core.errors import DraftError
from reconnect_tui.core.together import Phase, Talk, blind_talk, turns_talk

PARTNERS = (0, 1)


class StepKind(str, Enum):
    ARRIVE = "arrive"
    FOLLOW_UP = "follow_up"
    PROMPT = "prompt"
    CLOSE = "close"


class Step(Struct, frozen=True):
    kind: StepKind
    prompt_index: int | None = None


class AnswerState(Struct):
    value: AnswerValue = None
    passed: bool = False
    spoken: bool = False  # talked about aloud: recorded as spoken, never as a pass

    @property
    def is_empty(self) -> bool:
        if isinstance(self.value, str):
            return not self.value.strip()
        return self.value in (None, ())


class PartnerState(Struct):
    """Everything one partner gives outside the prompts."""

    closeness_before: int | None = None
    closeness_after: int | None = None
    follow_up_result: str | None = None
    follow_up_words: str = ""
    appreciation: str = ""
    intention: str = ""
    carried: bool = False  # last time's gesture, answered "not yet", is carried on


class CheckinSession(Struct, dict=True):  # dict: `steps` is worked out from the fields, not one of them
    deck: Deck
    partners: tuple[str, str]
    started_at: datetime
    gestures: tuple[str, ...] = ()
    previous_intentions: tuple[str | None, str | None] = (None, None)
    person_ids: tuple[str | None, str | None] = (None, None)  # each seat's person in the people file
    mode_override: str | None = None  # `--mode` (or the settings): every prompt in this mode
    private_ratings: bool = False  # the settings ask for private ratings in every mode
    first_seat: int = 0  # who goes first in blind and turns (alternates between check-ins)
    entry_id: str = ""
    position: int = 0
    furthest: int = 0
    elapsed_seconds: float = 0.0
    answers: list[list[AnswerState]] = field(default_factory=list)
    people: list[PartnerState] = field(default_factory=list)
    talks: dict[str, Talk] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Names come from the config, a draft or a keyboard: one clean line each.
        self.partners = (clean_line(self.partners[0]), clean_line(self.partners[1]))
        self.previous_intentions = tuple(  # type: ignore[assignment]
            None if text is None else clean_line(text) for text in self.previous_intentions
        )
        if not self.entry_id:
            self.entry_id = new_entry_id(self.started_at)
        if not self.answers:
            self.answers = [[AnswerState(), AnswerState()] for _ in self.deck.prompts]
        if not self.people:
            self.people = [PartnerState(), PartnerState()]
        self.steps = self._plan_steps()
        if not 0 <= self.position < len(self.steps) or not self.position <= self.furthest < len(self.steps):
            raise DraftError("the saved draft points at a step that does not exist")
        if len(self.answers) != len(self.deck.prompts):
            raise DraftError("the saved draft does not match its deck")
        if self.first_seat not in PARTNERS:
            raise DraftError("the saved draft has no first seat")
        if not self.talks:
            self.talks = self._plan_talks()

    def _plan_talks(self) -> dict[str, Talk]:
        talks: dict[str, Talk] = {}
        for index, prompt in enumerate(self.deck.prompts):
            mode = self.prompt_mode(index)
            if mode == "blind":
                talks[f"prompt-{index}"] = blind_talk(self.first_seat)
            elif mode == "turns":
                talks[f"prompt-{index}"] = turns_talk(self.first_seat, prompt.one_way)
        if self.ratings_private:
            talks["before"] = blind_talk(self.first_seat)
            talks["after"] = blind_talk(self.first_seat, open_first=True)
        return talks

    # --- how the partners answer ----------------------------------------------------------

    @property
    def mode(self) -> str:
        """The check-in's own mode, as the entry records it."""
        return self.mode_override or self.deck.mode

    def prompt_mode(self, index: int) -> str:
        return self.mode_override or self.deck.prompts[index].mode or self.deck.mode

    @property
    def ratings_private(self) -> bool:
        return self.private_ratings or self.mode == "blind"

    def talk_for(self, step: Step) -> Talk | None:
        key = _talk_key(step)
        return None if key is None else self.talks.get(key)

    def _begun(self, key: str) -> bool:
        """Has either partner given anything on this talk's step: words, a pass, "said aloud", a rating?"""
        if key.startswith("prompt-"):
            pair = self.answers[int(key.removeprefix("prompt-"))]
            return any(not state.is_empty or state.passed or state.spoken for state in pair)
        return any(getattr(person, f"closeness_{key}") is not None for person in self.people)

    def _may_swap(self, key: str) -> bool:
        return self.talks[key].can_swap and not self._begun(key)

    @property
    def talk(self) -> Talk | None:
        """The current step's sub-steps, when it has any (blind, turns, private ratings)."""
        return self.talk_for(self.step)

    @property
    def phase(self) -> Phase:
        talk = self.talk
        return talk.phase if talk is not None else Phase.OPEN

    def shows(self, partner: int) -> bool:
        """May this partner's part of the current step be drawn right now?"""
        talk = self.talk
        return talk is None or talk.shows(partner)

    @property
    def hiding(self) -> bool:
        """True while something written on this step must stay out of sight."""
        talk = self.talk
        return talk is not None and talk.hiding

    def start_turn(self) -> bool:
        talk = self.talk
        return talk is not None and talk.start()

    def reveal(self, now: datetime) -> bool:
        talk = self.talk
        return talk is not None and talk.reveal(now)

    @property
    def can_swap(self) -> bool:
        """Who goes first may change only before anyone has started on this step, not once
        either partner has written, passed, said it aloud or rated on it."""
        key = _talk_key(self.step)
        return key is not None and key in self.talks and self._may_swap(key)

    def swap(self) -> bool:
        """Swap who goes first, before anyone has started; later steps follow the new order."""
        if not self.can_swap:
            return False
        talk = self.talk
        assert talk is not None
        talk.swap()
        self.first_seat = talk.starter
        for key, other in self.talks.items():
            if other is not talk and self._may_swap(key) and other.starter != self.first_seat:
                other.swap()
        return True

    def respond(self, response: str | None, now: datetime) -> bool:
        talk = self.talk
        return talk is not None and talk.respond(response, now)

    def set_reflection(self, field_name: str, text: str) -> None:
        """The listener's "what I heard" / "what makes sense", or the speaker's added line."""
        talk = self.talk
        reflection = talk.current_reflection if talk is not None else None
        if reflection is None:
            raise ValueError("there is no reflection to write on this step")
        if field_name not in ("heard", "makes_sense", "added"):
            raise ValueError("a reflection has heard, makes_sense and added")
        setattr(reflection, field_name, clean_text(text))  # pasted ESC, BEL or NUL are never kept

    def toggle_spoken(self, partners: tuple[int, ...] | None = None) -> bool | None:
        """Ctrl+O: mark the prompt as talked about aloud (or not any more).

        Applies to whoever is at the keyboard: both partners on an open step, the
        writer on a private turn, the speaker in turns. Returns the new mark, or None
        when the current step is not a prompt.
        """
        index = self.step.prompt_index
        if index is None:
            return None
        if partners is None:
            talk = self.talk
            if talk is None or talk.phase in (Phase.REVEALED, Phase.HEARD):
                partners = PARTNERS
            elif talk.phase is Phase.PRIVATE or (talk.mode == "turns" and talk.phase is not Phase.REFLECT):
                partners = (talk.seat,)
            else:
                return None
        states = [self.answer(index, p) for p in partners]
        spoken = not all(state.spoken for state in states)
        for state in states:
            state.spoken = spoken
            if spoken:
                state.passed = False
        return spoken

    def _plan_steps(self) -> list[Step]:
        steps = [Step(StepKind.ARRIVE)]
        if self.has_follow_up:
            steps.append(Step(StepKind.FOLLOW_UP))
        steps.extend(Step(StepKind.PROMPT, index) for index in range(len(self.deck.prompts)))
        steps.append(Step(StepKind.CLOSE))
        return steps

    # --- where we are ---------------------------------------------------------------

    @property
    def has_follow_up(self) -> bool:
        return any(self.previous_intentions)

    @property
    def step(self) -> Step:
        return self.steps[self.position]

    @property
    def is_first_step(self) -> bool:
        return self.position == 0

    @property
    def is_last_step(self) -> bool:
        return self.position == len(self.steps) - 1

    def prompt_number(self) -> tuple[int, int] | None:
        """(3, 7) for the third of seven prompts; None outside the prompts."""
        if self.step.prompt_index is None:
            return None
        return self.step.prompt_index + 1, len(self.deck.prompts)

    def go_next(self, now: datetime | None = None) -> bool:
        """Move on one sub-step or step; False at the close, where the next move is to finish."""
        talk = self.talk
        if talk is not None and talk.advance(now or self.started_at):
            return True
        if self.is_last_step:
            return False
        self.position += 1
        self.furthest = max(self.furthest, self.position)
        return True

    def go_back(self) -> bool:
        talk = self.talk
        if talk is not None and talk.retreat():
            return True
        if self.is_first_step:
            return False
        self.position -= 1
        return True

    def drop_follow_up(self) -> None:
        """A parked talk comes back after another check-in asked about the same gestures."""
        if not self.has_follow_up:
            return
        follow_up_at = next(n for n, step in enumerate(self.steps) if step.kind is StepKind.FOLLOW_UP)
        self.previous_intentions = (None, None)
        for person in self.people:
            person.follow_up_result, person.follow_up_words, person.carried = None, "", False
        self.steps = self._plan_steps()
        if self.position > follow_up_at:
            self.position -= 1
        if self.furthest > follow_up_at:
            self.furthest -= 1

    # --- what the partners give ---------------------------------------------------------

    def answer(self, prompt_index: int, partner: int) -> AnswerState:
        return self.answers[prompt_index][_check_partner(partner)]

    def set_answer(self, prompt_index: int, partner: int, value: AnswerValue) -> None:
        prompt = self.deck.prompts[prompt_index]
        if prompt.kind == "scale" and value is not None and (
            not isinstance(value, int) or not 1 <= value <= SCALE_POINTS
        ):
            raise ValueError(f"a scale answer is 1 to {SCALE_POINTS}")
        if prompt.kind == "choice" and value is not None:
            value = tuple(value)  # type: ignore[arg-type]
            if any(option not in prompt.options for option in value):
                raise ValueError("a choice answer must be one of the prompt's options")
        if isinstance(value, str):
            value = clean_text(value)  # pasted text can carry ESC, BEL or NUL: never kept
        self.answer(prompt_index, partner).value = value

    def set_passed(self, prompt_index: int, partner: int, passed: bool) -> None:
        state = self.answer(prompt_index, partner)
        state.passed = passed
        if passed:
            state.spoken = False

    def set_closeness(self, when: str, partner: int, value: int | None) -> None:
        if value is not None and value not in CLOSENESS_WORDS:
            raise ValueError("closeness is one of the five closeness words")
        person = self.people[_check_partner(partner)]
        if when == "before":
            person.closeness_before = value
        elif when == "after":
            person.closeness_after = value
        else:
            raise ValueError("closeness is rated 'before' or 'after'")

    def set_follow_up(self, partner: int, result: str | None, words: str | None = None) -> None:
        if result is not None and result not in FOLLOW_UP_RESULTS:
            raise ValueError(f"a follow-up is one of {FOLLOW_UP_RESULTS}")
        person = self.people[_check_partner(partner)]
        person.follow_up_result = result
        if words is not None:
            person.follow_up_words = clean_text(words)

    def set_appreciation(self, partner: int, text: str) -> None:
        self.people[_check_partner(partner)].appreciation = clean_text(text)

    def set_intention(self, partner: int, text: str) -> None:
        self.people[_check_partner(partner)].intention = clean_text(text)

    def set_carried(self, partner: int, carried: bool) -> None:
        """Carry last time's gesture on (asked about again next time), or let it go.

        Only a gesture that has not happened yet is carried; a "yes" or "partly"
        lets it go by itself."""
        if carried and not self.previous_intentions[_check_partner(partner)]:
            raise ValueError("there is no gesture from last time to carry on")
        self.people[_check_partner(partner)].carried = carried

    def carries(self, partner: int) -> bool:
        """True when this partner's gesture from last time goes on to the coming days."""
        person = self.people[_check_partner(partner)]
        return bool(self.previous_intentions[partner]) and person.carried and person.follow_up_result == "not_yet"

    # --- into a journal entry -------------------------------------------------------------

    def finish(self, finished_at: datetime) -> Entry:
        """The entry; saving reveals what was still private (the screen asks first)."""
        prompt_steps = {step.prompt_index: number for number, step in enumerate(self.steps) if step.prompt_index is not None}
        records = []
        for index, prompt in enumerate(self.deck.prompts):
            reached = prompt_steps[index] <= self.furthest
            answers = tuple(_record_answer(state, reached) for state in self.answers[index])
            talk = self.talks.get(f"prompt-{index}")
            revealed_at = None
            if talk is not None and talk.mode == "blind" and reached:
                revealed_at = talk.revealed_at or finished_at
            records.append(
                PromptRecord(
                    prompt_id=prompt.id,
                    text=prompt.text,
                    kind=prompt.kind,
                    answers=answers,  # type: ignore[arg-type]
                    tip=prompt.tip,
                    labels=prompt.labels,
                    options=prompt.options,
                    mode=self.prompt_mode(index),  # type: ignore[arg-type]
                    revealed_at=revealed_at,
                    turns=talk.turns_record() if talk is not None and talk.mode == "turns" and reached else (),
                )
            )
        ratings_revealed_at = None
        if self.ratings_private:
            moments = [t.revealed_at for t in (self.talks.get("before"), self.talks.get("after")) if t is not None]
            ratings_revealed_at = max([m for m in moments if m is not None], default=finished_at)
        partners = tuple(self._partner_record(number) for number in PARTNERS)
        return Entry(
            id=self.entry_id,
            started_at=self.started_at,
            finished_at=max(finished_at, self.started_at),  # a clock set back mid-check-in
            deck=DeckRef(self.deck.id, self.deck.title),
            mode=self.mode,  # type: ignore[arg-type]
            partners=partners,  # type: ignore[arg-type]
            prompts=tuple(records),
            ratings_revealed_at=ratings_revealed_at,
        )

    def _partner_record(self, partner: int) -> PartnerRecord:
        person = self.people[partner]
        intention_before = self.previous_intentions[partner]
        follow_up = None
        if intention_before:
            follow_up = FollowUp(intention_before, person.follow_up_result, _words(person.follow_up_words),
                                 carried=self.carries(partner))
        return PartnerRecord(
            person_id=self.person_ids[partner],
            name=self.partners[partner],
            closeness_before=person.closeness_before,
            closeness_after=person.closeness_after,
            appreciation=_words(person.appreciation),
            intention=_words(person.intention),
            follow_up=follow_up,
        )

    # --- to and from a draft ---------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "deck": self.deck.to_dict(for_draft=True),
            "partners": list(self.partners),
            "started_at": self.started_at.isoformat(),
            "gestures": list(self.gestures),
            "previous_intentions": list(self.previous_intentions),
            "person_ids": list(self.person_ids),
            "mode_override": self.mode_override,
            "private_ratings": self.private_ratings,
            "first_seat": self.first_seat,
            "talks": {key: talk.to_dict() for key, talk in self.talks.items()},
            "entry_id": self.entry_id,
            "position": self.position,
            "furthest": self.furthest,
            "elapsed_seconds": self.elapsed_seconds,
            "answers": [[_answer_state_to_dict(a) for a in pair] for pair in self.answers],
            "people": [asdict(person) for person in self.people],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CheckinSession:
        try:
            answers = [[_answer_state_from_dict(a) for a in pair] for pair in data["answers"]]
            if any(len(pair) != 2 for pair in answers) or len(answers) != len(data["deck"]["prompts"]):
                raise ValueError("the answers do not match the deck")
            partners = data["partners"]
            previous = data.get("previous_intentions", [None, None])
            person_ids = data.get("person_ids") or [None, None]
            return cls(
                deck=_cleaned(Deck.from_dict(data["deck"])),
                partners=(str(partners[0]), str(partners[1])),
                started_at=_aware(datetime.fromisoformat(data["started_at"])),
                gestures=tuple(data.get("gestures", ())),
                previous_intentions=(previous[0], previous[1]),
                person_ids=(person_ids[0], person_ids[1]),
                mode_override=data.get("mode_override"),
                private_ratings=bool(data.get("private_ratings", False)),
                first_seat=int(data.get("first_seat", 0)),
                talks={str(key): Talk.from_dict(talk) for key, talk in data.get("talks", {}).items()},
                entry_id=data["entry_id"],
                position=int(data["position"]),
                furthest=int(data["furthest"]),
                elapsed_seconds=float(data.get("elapsed_seconds", 0.0)),
                answers=answers,
                people=[PartnerState(**person) for person in data["people"]],
            )
        except (KeyError, IndexError, TypeError, ValueError, AttributeError, OverflowError, RecursionError) as error:
            # Any shape a damaged or hand-made draft can take ends here, named; the
            # app moves the draft aside instead of failing on every start.
            raise DraftError(f"the saved draft could not be read ({error})") from None

    def has_words(self) -> bool:
        """True once anyone has given anything worth keeping."""
        if any(not state.is_empty or state.spoken for pair in self.answers for state in pair):
            return True
        return any(
            p.closeness_before or p.closeness_after or p.follow_up_result or p.follow_up_words.strip()
            or p.appreciation.strip() or p.intention.strip()
            for p in self.people
        )


def _cleaned(deck: Deck) -> Deck:
    """A deck from a draft with no control characters left in its words.

    Decks from files are refused when they hold any (see decks.py); a draft is
    written by reconnect, but it is a file too, and what it holds reaches every
    check-in screen and the entry: it is cleaned once, here.
    """
    prompts = tuple(
        replace(
            prompt,
            text=clean_text(prompt.text),
            tip=None if prompt.tip is None else clean_text(prompt.tip),
            labels=tuple(clean_line(label) for label in prompt.labels),
            options=tuple(clean_line(option) for option in prompt.options),
        )
        for prompt in deck.prompts
    )
    return replace(deck, title=clean_line(deck.title), description=clean_text(deck.description),
                   note=None if deck.note is None else clean_text(deck.note), prompts=prompts)


def _aware(moment: datetime) -> datetime:
    """A draft's start time must carry its UTC offset, as every journal time does."""
    if moment.tzinfo is None:
        raise ValueError("its start time has no time zone")
    return moment


def _talk_key(step: Step) -> str | None:
    """Where a step's talk is kept in `talks`: "prompt-N", "before" (arriving) or "after" (closing)."""
    if step.kind is StepKind.PROMPT:
        return f"prompt-{step.prompt_index}"
    return {StepKind.ARRIVE: "before", StepKind.CLOSE: "after"}.get(step.kind)


def _check_partner(partner: int) -> int:
    if partner not in PARTNERS:
        raise ValueError("partner is 0 (first) or 1 (second)")
    return partner


def _words(text: str) -> str | None:
    return text.strip() or None


def _record_answer(state: AnswerState, reached: bool) -> Answer:
    """A chosen pass is `passed`; a box left empty is `empty` (the signals tell them apart)."""
    if not reached:
        return Answer("not_reached")
    value = state.value.strip() if isinstance(state.value, str) else state.value
    if state.spoken:
        return Answer("spoken", None if state.is_empty else value)
    if state.passed:
        return Answer("passed")
    if state.is_empty:
        return Answer("empty")
    return Answer("answered", value)


def _answer_state_to_dict(state: AnswerState) -> dict[str, Any]:
    value = list(state.value) if isinstance(state.value, tuple) else state.value
    return {"value": value, "passed": state.passed, "spoken": state.spoken}


def _answer_state_from_dict(data: dict[str, Any]) -> AnswerState:
    value = data.get("value")
    if isinstance(value, list):
        value = tuple(value)
    return AnswerState(value=value, passed=bool(data.get("passed", False)), spoken=bool(data.get("spoken", False)))
