"""The check-in as a plain state machine, driven by the screens.

Steps run in order: arrive (closeness now), follow-up (only when the last entry
left intentions), one step per prompt, then close (appreciation, gesture,
closeness again). No step is mandatory: moving on leaves an empty answer, which
is recorded as passed; prompts never reached when the couple saves early are
recorded as `not_reached`. The session turns into a journal entry with `finish`
and into a draft with `to_dict`, and back with `from_dict`.

`mode` is kept from the start so blind and turn-taking modes can change how a
prompt is answered without changing the steps or the data.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from reconnect_tui.core.cleantext import clean_line, clean_text
from reconnect_tui.core.decks import SCALE_POINTS, Deck
from reconnect_tui.core.entry import (
    CLOSENESS_WORDS,
    FOLLOW_UP_RESULTS,
    Answer,
    AnswerValue,
    Entry,
    FollowUp,
    PartnerRecord,
    PromptRecord,
    new_entry_id,
)
from reconnect_tui.core.errors import DraftError

PARTNERS = (0, 1)


class StepKind(str, Enum):
    ARRIVE = "arrive"
    FOLLOW_UP = "follow_up"
    PROMPT = "prompt"
    CLOSE = "close"


@dataclass(frozen=True)
class Step:
    kind: StepKind
    prompt_index: int | None = None


@dataclass
class AnswerState:
    value: AnswerValue = None
    passed: bool = False

    @property
    def is_empty(self) -> bool:
        if isinstance(self.value, str):
            return not self.value.strip()
        return self.value in (None, ())


@dataclass
class PartnerState:
    """Everything one partner gives outside the prompts."""

    closeness_before: int | None = None
    closeness_after: int | None = None
    follow_up_result: str | None = None
    follow_up_words: str = ""
    appreciation: str = ""
    intention: str = ""


@dataclass
class CheckinSession:
    deck: Deck
    partners: tuple[str, str]
    started_at: datetime
    gestures: tuple[str, ...] = ()
    previous_intentions: tuple[str | None, str | None] = (None, None)
    mode: str = "open"
    entry_id: str = ""
    position: int = 0
    furthest: int = 0
    elapsed_seconds: float = 0.0
    answers: list[list[AnswerState]] = field(default_factory=list)
    people: list[PartnerState] = field(default_factory=list)

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

    def go_next(self) -> bool:
        """Move on one step; False at the close, where the next move is to finish."""
        if self.is_last_step:
            return False
        self.position += 1
        self.furthest = max(self.furthest, self.position)
        return True

    def go_back(self) -> bool:
        if self.is_first_step:
            return False
        self.position -= 1
        return True

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
        self.answer(prompt_index, partner).passed = passed

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

    # --- into a journal entry -------------------------------------------------------------

    def finish(self, finished_at: datetime) -> Entry:
        prompt_steps = {step.prompt_index: number for number, step in enumerate(self.steps) if step.prompt_index is not None}
        records = []
        for index, prompt in enumerate(self.deck.prompts):
            reached = prompt_steps[index] <= self.furthest
            answers = tuple(_record_answer(state, reached) for state in self.answers[index])
            records.append(
                PromptRecord(
                    prompt_id=prompt.id,
                    text=prompt.text,
                    kind=prompt.kind,
                    answers=answers,  # type: ignore[arg-type]
                    tip=prompt.tip,
                    labels=prompt.labels,
                    options=prompt.options,
                )
            )
        partners = tuple(self._partner_record(number) for number in PARTNERS)
        return Entry(
            id=self.entry_id,
            started_at=self.started_at,
            finished_at=finished_at,
            deck_id=self.deck.id,
            deck_title=self.deck.title,
            partners=partners,  # type: ignore[arg-type]
            prompts=tuple(records),
            mode=self.mode,
        )

    def _partner_record(self, partner: int) -> PartnerRecord:
        person = self.people[partner]
        intention_before = self.previous_intentions[partner]
        follow_up = None
        if intention_before:
            follow_up = FollowUp(intention_before, person.follow_up_result, _words(person.follow_up_words))
        return PartnerRecord(
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
            "deck": self.deck.to_dict(),
            "partners": list(self.partners),
            "started_at": self.started_at.isoformat(),
            "gestures": list(self.gestures),
            "previous_intentions": list(self.previous_intentions),
            "mode": self.mode,
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
            return cls(
                deck=Deck.from_dict(data["deck"]),
                partners=(str(partners[0]), str(partners[1])),
                started_at=datetime.fromisoformat(data["started_at"]),
                gestures=tuple(data.get("gestures", ())),
                previous_intentions=(previous[0], previous[1]),
                mode=data.get("mode", "open"),
                entry_id=data["entry_id"],
                position=int(data["position"]),
                furthest=int(data["furthest"]),
                elapsed_seconds=float(data.get("elapsed_seconds", 0.0)),
                answers=answers,
                people=[PartnerState(**person) for person in data["people"]],
            )
        except (KeyError, IndexError, TypeError, ValueError) as error:
            raise DraftError(f"the saved draft could not be read ({error})") from None

    def has_words(self) -> bool:
        """True once anyone has given anything worth keeping."""
        if any(not state.is_empty for pair in self.answers for state in pair):
            return True
        return any(
            p.closeness_before or p.closeness_after or p.follow_up_result or p.follow_up_words.strip()
            or p.appreciation.strip() or p.intention.strip()
            for p in self.people
        )


def _check_partner(partner: int) -> int:
    if partner not in PARTNERS:
        raise ValueError("partner is 0 (first) or 1 (second)")
    return partner


def _words(text: str) -> str | None:
    return text.strip() or None


def _record_answer(state: AnswerState, reached: bool) -> Answer:
    if not reached:
        return Answer("not_reached")
    if state.passed or state.is_empty:
        return Answer("passed")
    value = state.value.strip() if isinstance(state.value, str) else state.value
    return Answer("answered", value)


def _answer_state_to_dict(state: AnswerState) -> dict[str, Any]:
    value = list(state.value) if isinstance(state.value, tuple) else state.value
    return {"value": value, "passed": state.passed}


def _answer_state_from_dict(data: dict[str, Any]) -> AnswerState:
    value = data.get("value")
    if isinstance(value, list):
        value = tuple(value)
    return AnswerState(value=value, passed=bool(data.get("passed", False)))
