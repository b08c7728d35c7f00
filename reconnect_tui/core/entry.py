"""A journal entry: one finished (or saved-early) check-in, as stored on disk.

The check-in writes it, the history reads it, export and import carry it. Each
prompt's text is kept as it was asked, so an old entry reads the same after its
deck changes. Partners are kept by position (first, second); every per-partner
list in the file follows that order. The JSON Schema in
`reconnect_tui/schemas/entry.schema.json` describes the same shape for other tools.

The records are plain slotted dataclasses, treated as read-only by everything that
uses them. They are not `frozen`: frozen dataclasses made loading a ten-year journal
a third slower (bench/run.py measures it).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reconnect_tui.core.errors import JournalError

SCHEMA_VERSION = 1
STATUSES = ("answered", "passed", "empty", "spoken", "not_reached")
FOLLOW_UP_RESULTS = ("yes", "partly", "not_yet")
KINDS = ("text", "scale", "choice")  # how a prompt is answered
# How partners answer: side by side, privately then revealed together, or as speaker
# and listener (core/together.py runs the last two).
MODES = ("open", "blind", "turns")
RESPONSES = ("thats_it", "not_quite")  # the speaker's word on what the listener heard
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")

# Words, never grades: how close each partner feels, from 1 to 5.
CLOSENESS_WORDS = {1: "Far apart", 2: "A bit apart", 3: "In between", 4: "Close", 5: "Very close"}
FOLLOW_UP_WORDS = {"yes": "Yes", "partly": "Partly", "not_yet": "Not yet"}


class EntryInvalid(JournalError):
    """The data is not an entry this version understands."""


class EntryFromNewerVersion(EntryInvalid):
    """The entry was written by a newer reconnect."""


AnswerValue = str | int | tuple[str, ...] | None


@dataclass(slots=True)
class Answer:
    status: str  # one of STATUSES
    value: AnswerValue = None  # text for "text", 1-5 for "scale", the chosen options for "choice"


@dataclass(slots=True)
class Reflection:
    """One go by the listener at saying back what they heard, and the speaker's word on it."""

    heard: str | None = None
    makes_sense: str | None = None
    response: str | None = None  # one of RESPONSES; None when the speaker moved on without one
    added: str | None = None  # the speaker's line after "That's it" or "Not quite"


@dataclass(slots=True)
class Turn:
    """In turns mode: one partner speaks (their answer is in `answers`), the other reflects."""

    speaker: int
    reflections: tuple[Reflection, ...] = ()


@dataclass(slots=True)
class PromptRecord:
    prompt_id: str
    text: str
    kind: str
    answers: tuple[Answer, Answer]
    tip: str | None = None
    labels: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    mode: str = "open"
    revealed_at: datetime | None = None  # blind: when both answers were shown together
    turns: tuple[Turn, ...] = ()

    def describe(self, answer: Answer) -> str:
        """An answer in words, for reading and for export."""
        if answer.status not in ("answered", "spoken") or answer.value is None:
            return ""
        if self.kind == "scale" and isinstance(answer.value, int):
            if len(self.labels) >= answer.value >= 1:
                return self.labels[answer.value - 1]
            return str(answer.value)
        if isinstance(answer.value, tuple):
            return ", ".join(answer.value)
        return str(answer.value or "")


@dataclass(slots=True)
class FollowUp:
    """How the gesture chosen last time went, in the partner's own view."""

    intention: str
    result: str | None = None  # one of FOLLOW_UP_RESULTS; None when passed
    words: str | None = None


@dataclass(slots=True)
class PartnerRecord:
    name: str
    closeness_before: int | None = None
    closeness_after: int | None = None
    appreciation: str | None = None
    intention: str | None = None
    follow_up: FollowUp | None = None


@dataclass(slots=True)
class Entry:
    id: str
    started_at: datetime
    finished_at: datetime
    deck_id: str
    deck_title: str
    partners: tuple[PartnerRecord, PartnerRecord]
    prompts: tuple[PromptRecord, ...]
    mode: str = "open"
    ratings_revealed_at: datetime | None = None  # private ratings: when they were shown together

    @property
    def names(self) -> tuple[str, str]:
        return (self.partners[0].name, self.partners[1].name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat(),
            "deck": {"id": self.deck_id, "title": self.deck_title},
            "mode": self.mode,
            "partners": [_partner_to_dict(p) for p in self.partners],
            "prompts": [_prompt_to_dict(p) for p in self.prompts],
            **({"ratings_revealed_at": self.ratings_revealed_at.isoformat()} if self.ratings_revealed_at else {}),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Entry:
        """Build an entry from its JSON form; EntryInvalid says what is wrong."""
        if not isinstance(data, dict):
            raise EntryInvalid("an entry should be a JSON object")
        version = data.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise EntryInvalid("schema_version is missing")
        if version > SCHEMA_VERSION:
            raise EntryFromNewerVersion(
                f"written by a newer reconnect (schema {version}; this one reads {SCHEMA_VERSION})"
            )
        entry_id = _text(data, "id")
        if not ID_PATTERN.match(entry_id):
            raise EntryInvalid(f"the id {entry_id!r} has characters an entry id cannot have")
        deck = data.get("deck")
        if not isinstance(deck, dict):
            raise EntryInvalid("deck should be an object with id and title")
        partners = data.get("partners")
        if not isinstance(partners, list) or len(partners) != 2:
            raise EntryInvalid("partners should list exactly two people")
        prompts = data.get("prompts")
        if not isinstance(prompts, list):
            raise EntryInvalid("prompts should be a list")
        mode = data.get("mode", "open")
        if mode not in MODES:
            raise EntryInvalid(f"mode should be one of {', '.join(MODES)}")
        ratings_revealed_at = _optional_moment(data, "ratings_revealed_at")
        return cls(
            id=entry_id,
            started_at=_moment(data, "started_at"),
            finished_at=_moment(data, "finished_at"),
            deck_id=_text(deck, "id", "deck.id"),
            deck_title=_text(deck, "title", "deck.title"),
            partners=(_partner_from_dict(partners[0]), _partner_from_dict(partners[1])),
            prompts=tuple(_prompt_from_dict(p) for p in prompts),
            mode=mode,
            ratings_revealed_at=ratings_revealed_at,
        )


def new_entry_id(started_at: datetime) -> str:
    """Sortable by time, unique across two laptops writing into one synced folder."""
    return f"{started_at:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def closeness_words(value: int | None) -> str:
    """The word for a rating; a dash when none was given (never a reproach)."""
    return CLOSENESS_WORDS.get(value, "—") if value is not None else "—"


# --- to and from JSON -------------------------------------------------------------


def _partner_to_dict(partner: PartnerRecord) -> dict[str, Any]:
    follow_up = None
    if partner.follow_up is not None:
        follow_up = {
            "intention": partner.follow_up.intention,
            "result": partner.follow_up.result,
            "words": partner.follow_up.words,
        }
    return {
        "name": partner.name,
        "closeness_before": partner.closeness_before,
        "closeness_after": partner.closeness_after,
        "appreciation": partner.appreciation,
        "intention": partner.intention,
        "follow_up": follow_up,
    }


def _prompt_to_dict(prompt: PromptRecord) -> dict[str, Any]:
    data: dict[str, Any] = {"prompt_id": prompt.prompt_id, "text": prompt.text, "kind": prompt.kind}
    if prompt.tip:
        data["tip"] = prompt.tip
    if prompt.kind == "scale":
        data["labels"] = list(prompt.labels)
    if prompt.kind == "choice":
        data["options"] = list(prompt.options)
    data["answers"] = [_answer_to_dict(a) for a in prompt.answers]
    if prompt.mode != "open":
        data["mode"] = prompt.mode
    if prompt.revealed_at is not None:
        data["revealed_at"] = prompt.revealed_at.isoformat()
    if prompt.turns:
        data["turns"] = [
            {"speaker": turn.speaker,
             "reflections": [{"heard": r.heard, "makes_sense": r.makes_sense, "response": r.response, "added": r.added}
                             for r in turn.reflections]}
            for turn in prompt.turns
        ]
    return data


def _answer_to_dict(answer: Answer) -> dict[str, Any]:
    data: dict[str, Any] = {"status": answer.status}
    if answer.status in ("answered", "spoken") and answer.value is not None:
        data["answer"] = list(answer.value) if isinstance(answer.value, tuple) else answer.value
    return data


def _text(data: dict[str, Any], key: str, label: str | None = None) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise EntryInvalid(f"{label or key} should be text")
    return value


def _optional_text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise EntryInvalid(f"{key} should be text or null")
    return value


def _moment(data: dict[str, Any], key: str) -> datetime:
    raw = _text(data, key)
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise EntryInvalid(f"{key} {raw!r} is not a date and time") from None
    if moment.tzinfo is None:
        raise EntryInvalid(f"{key} {raw!r} has no time zone")
    return moment


def _optional_moment(data: dict[str, Any], key: str) -> datetime | None:
    return None if data.get(key) is None else _moment(data, key)


def _rating(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise EntryInvalid(f"{key} should be 1 to 5 or null")
    return value


def _partner_from_dict(data: Any) -> PartnerRecord:
    if not isinstance(data, dict):
        raise EntryInvalid("each partner should be an object with a name")
    follow_up = data.get("follow_up")
    parsed_follow_up = None
    if follow_up is not None:
        if not isinstance(follow_up, dict):
            raise EntryInvalid("follow_up should be an object or null")
        result = follow_up.get("result")
        if result is not None and result not in FOLLOW_UP_RESULTS:
            raise EntryInvalid(f"follow_up result should be one of {', '.join(FOLLOW_UP_RESULTS)} or null")
        parsed_follow_up = FollowUp(
            intention=_text(follow_up, "intention", "follow_up.intention"),
            result=result,
            words=_optional_text(follow_up, "words"),
        )
    return PartnerRecord(
        name=_text(data, "name", "partner name"),
        closeness_before=_rating(data, "closeness_before"),
        closeness_after=_rating(data, "closeness_after"),
        appreciation=_optional_text(data, "appreciation"),
        intention=_optional_text(data, "intention"),
        follow_up=parsed_follow_up,
    )


def _prompt_from_dict(data: Any) -> PromptRecord:
    # Written for speed as well as clarity: a ten-year journal builds 25,000 of these.
    if not isinstance(data, dict):
        raise EntryInvalid("each prompt should be an object")
    kind = data.get("kind", "text")
    if kind not in KINDS:
        raise EntryInvalid(f"prompt kind should be one of {', '.join(KINDS)}")
    answers = data.get("answers")
    if type(answers) is not list or len(answers) != 2:
        raise EntryInvalid("each prompt should have two answers, one per partner")
    labels = _texts(data, "labels")
    options = _texts(data, "options")
    tip = data.get("tip")
    if tip is not None and type(tip) is not str:
        raise EntryInvalid("tip should be text")
    mode = data.get("mode", "open")
    if mode not in MODES:
        raise EntryInvalid(f"a prompt's mode should be one of {', '.join(MODES)}")
    revealed_at = _optional_moment(data, "revealed_at") if "revealed_at" in data else None
    turns = _turns_from(data["turns"]) if "turns" in data else ()
    return PromptRecord(
        prompt_id=_text(data, "prompt_id"),
        text=_text(data, "text", "prompt text"),
        kind=kind,
        answers=(_answer_from_dict(answers[0], kind), _answer_from_dict(answers[1], kind)),
        tip=tip,
        labels=labels,
        options=options,
        mode=mode,
        revealed_at=revealed_at,
        turns=turns,
    )


def _turns_from(raw: Any) -> tuple[Turn, ...]:
    if type(raw) is not list:
        raise EntryInvalid("turns should be a list")
    turns = []
    for item in raw:
        if type(item) is not dict or item.get("speaker") not in (0, 1) or type(item.get("speaker")) is not int:
            raise EntryInvalid("each turn should name its speaker, 0 or 1")
        reflections = item.get("reflections", [])
        if type(reflections) is not list or not all(type(r) is dict for r in reflections):
            raise EntryInvalid("a turn's reflections should be a list of objects")
        parsed = []
        for r in reflections:
            response = r.get("response")
            if response is not None and response not in RESPONSES:
                raise EntryInvalid(f"a reflection's response should be one of {', '.join(RESPONSES)} or null")
            parsed.append(Reflection(_optional_text(r, "heard"), _optional_text(r, "makes_sense"), response,
                                     _optional_text(r, "added")))
        turns.append(Turn(item["speaker"], tuple(parsed)))
    return tuple(turns)


def _texts(data: dict[str, Any], key: str) -> tuple[str, ...]:
    values = data.get(key)
    if not values:
        return ()
    if type(values) is not list or not all(type(x) is str for x in values):
        raise EntryInvalid(f"{key} should be a list of text")
    return tuple(values)


_ANSWER_TYPES = {"text": str, "scale": int, "choice": list}


def _answer_from_dict(data: Any, kind: str) -> Answer:
    status = data.get("status") if type(data) is dict else None
    if status != "answered":
        if status == "passed" or status == "not_reached" or status == "empty":
            return Answer(status)
        if status == "spoken" and data.get("answer") is None:
            return Answer(status)
        if status != "spoken":
            raise EntryInvalid(f"an answer should have a status: {', '.join(STATUSES)}")
    value = data.get("answer")
    if type(value) is not _ANSWER_TYPES[kind]:
        raise EntryInvalid(f"an answered {kind} prompt has an answer of the wrong shape")
    if kind == "choice":
        if not all(type(x) is str for x in value):
            raise EntryInvalid("an answered choice prompt has an answer of the wrong shape")
        value = tuple(value)
    return Answer(status, value)
