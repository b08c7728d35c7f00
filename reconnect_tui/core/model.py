"""One typed model for what reconnect keeps: journal entries, later notes and the people file.

Each record is a msgspec `Struct`. The one definition does four jobs: it decodes
and validates a file in one pass (`msgspec.json.Decoder(type=...)`), encodes it
back, and yields the JSON Schema shipped in `reconnect_tui/schemas/` (see
`entry_json_schema`). There is no hand-written validation to drift from it.

Entries are schema 2. Schema 1 files (every entry written before schema 2) are read
forever: they decode into the same records, which only lack the fields schema 2
added, and `EntryV1.upgrade` turns them into an `Entry`.

Rules for changing this file after schema 2 has shipped: additions only, as
optional fields with a default. Readers ignore fields they do not know (a newer
reconnect's additions) and validate every field they do know.

Records are frozen (read-only everywhere) and left out of the cyclic garbage
collector (`gc=False`): they never form reference cycles, and a ten-year journal
builds a hundred thousand of them.
"""

from __future__ import annotations

import re

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct, field

from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.plainwords import MISSING, explain, shown, value_at

SCHEMA_VERSION = 2
DRAFT_VERSION = 2
READABLE_VERSIONS = (1, 2)

# The id of an entry is also its file name. msgspec checks a pattern with
# `re.search`, where `$` also matches before a trailing newline; the lookahead at
# the end means "nothing at all follows", in Python and in JSON Schema alike.
ID_REGEX = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}(?![\s\S])"

EARLIEST_YEAR = 1970
LATEST_YEAR = 2200

STATUSES = ("answered", "passed", "empty", "spoken", "not_reached")
V1_STATUSES = ("answered", "passed", "not_reached")
FOLLOW_UP_RESULTS = ("yes", "partly", "not_yet")
KINDS = ("text", "scale", "choice")
PROMPT_MODES = ("open", "blind", "turns")
RESPONSES = ("thats_it", "not_quite")
SCALE_POINTS = 5

# The longest texts and lists a record keeps. Decks are held to the same limits when
# they are read (core/decks.py), so a check-in never writes what it cannot read back.
LINE_LIMIT = 500  # a title, a prompt's text, a label, an option, a gesture
TIP_LIMIT = 2000
WORDS_LIMIT = 100_000  # an answer, a note, a deck's description
PROMPTS_LIMIT = 200
OPTIONS_LIMIT = 100  # a prompt's options; also a deck's gestures

# --- the small types every record uses ------------------------------------------------

Id = Annotated[
    str,
    Meta(
        pattern=ID_REGEX,
        title="Id",
        description="Letters, digits, '.', '_' and '-', at most 100, starting with a letter or digit.",
    ),
]
Label = Annotated[str, Meta(min_length=1, max_length=LINE_LIMIT)]
Name = Annotated[str, Meta(min_length=1, max_length=200, description="A person's name as it was at the time.")]
Words = Annotated[str, Meta(max_length=WORDS_LIMIT, description="Words a person wrote.")]
SomeWords = Annotated[str, Meta(min_length=1, max_length=WORDS_LIMIT)]
Moment = Annotated[
    datetime,
    Meta(
        tz=True,
        title="Moment",
        description=f"ISO 8601 date and time with its UTC offset, e.g. 2026-11-26T21:30:05+01:00, "
        f"in the years {EARLIEST_YEAR} to {LATEST_YEAR}.",
    ),
]
Closeness = Annotated[
    int,
    Meta(ge=1, le=5, description="1 Far apart, 2 A bit apart, 3 In between, 4 Close, 5 Very close."),
]
ScaleValue = Annotated[int, Meta(ge=1, le=SCALE_POINTS)]
Status = Literal["answered", "passed", "empty", "spoken", "not_reached"]
Kind = Literal["text", "scale", "choice"]
Mode = Literal["open", "blind", "turns"]
FollowUpResult = Literal["yes", "partly", "not_yet"]
Response = Literal["thats_it", "not_quite"]
Seat = Literal[0, 1]

AnswerValue = str | int | tuple[str, ...] | None
_ANSWER_TYPES = {"text": str, "scale": int, "choice": tuple}
_ANSWER_SHAPES = {"text": "text", "scale": f"a number from 1 to {SCALE_POINTS}", "choice": "a list of the chosen options"}
_SEATS = ("first", "second")


def check_moment(moment: datetime | None, what: str) -> None:
    """Refuse dates no check-in can have (year 1, year 9999): they are damage, not data."""
    if moment is not None and not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(f"{what} is in the year {moment.year}, it must be between {EARLIEST_YEAR} and {LATEST_YEAR}")


# --- entries ---------------------------------------------------------------------------------


class Answer(Struct, frozen=True, omit_defaults=True, gc=False):
    """One partner's answer to one prompt.

    `status`: `answered` (with the answer), `passed` (the partner chose to pass),
    `empty` (left empty), `spoken` (talked about aloud; a few written words may be
    kept with it) or `not_reached` (the check-in was saved before this prompt). Schema 1 recorded an
    empty box as `passed`; such answers stay `passed`, as nobody can tell now.
    """

    status: Status
    value: (
        Annotated[str, Meta(max_length=WORDS_LIMIT)]
        | ScaleValue
        | Annotated[tuple[Label, ...], Meta(max_length=OPTIONS_LIMIT)]
        | None
    ) = field(default=None, name="answer")


class Reflection(Struct, frozen=True, gc=False):
    """One go by the listener at saying back what they heard (and what makes sense to
    them about it), the speaker's word on it, and the line the speaker added after."""

    heard: Words | None = None
    makes_sense: Words | None = None
    response: Response | None = None
    added: Words | None = None


class Turn(Struct, frozen=True, gc=False):
    """In turns mode, one partner's go as speaker (0 first seat, 1 second; their words
    are that seat's answer) and the listener's reflections."""

    speaker: Seat
    reflections: Annotated[tuple[Reflection, ...], Meta(max_length=50)] = ()


class PromptRecord(Struct, frozen=True, omit_defaults=True, gc=False):
    """A prompt as it was asked, and both partners' answers in seat order."""

    prompt_id: Label
    text: Label
    kind: Kind
    answers: tuple[Answer, Answer]
    tip: Annotated[str, Meta(max_length=TIP_LIMIT)] | None = None
    labels: Annotated[tuple[Label, ...], Meta(max_length=20)] = ()
    options: Annotated[tuple[Label, ...], Meta(max_length=OPTIONS_LIMIT)] = ()
    mode: Mode = "open"
    revealed_at: Moment | None = None
    turns: Annotated[tuple[Turn, ...], Meta(max_length=100)] = ()

    def __post_init__(self) -> None:
        wanted = _ANSWER_TYPES[self.kind]
        for seat, answer in zip(_SEATS, self.answers):
            status = answer.status
            if status == "answered" or (status == "spoken" and answer.value is not None):
                if type(answer.value) is not wanted:
                    raise ValueError(
                        f"the {seat} answer has the wrong shape: a {self.kind} prompt's answer is "
                        f"{_ANSWER_SHAPES[self.kind]}"
                    )
            elif answer.value is not None:
                raise ValueError(f"the {seat} answer is {status} but still holds an answer")
        if self.revealed_at is not None:
            check_moment(self.revealed_at, "the time the answers were revealed")

    def describe(self, answer: Answer) -> str:
        """An answer in words, for reading and for export (a spoken answer may have a few)."""
        if answer.value is None:
            return ""
        if self.kind == "scale" and isinstance(answer.value, int):
            if len(self.labels) >= answer.value >= 1:
                return self.labels[answer.value - 1]
            return str(answer.value)
        if isinstance(answer.value, tuple):
            return ", ".join(answer.value)
        return str(answer.value or "")


class FollowUp(Struct, frozen=True, gc=False):
    """How the gesture chosen last time went, in the partner's own view.

    `result` is None when the partner passed; `carried` is True when the gesture was
    carried on to the coming days.
    """

    intention: SomeWords
    result: FollowUpResult | None = None
    words: Words | None = None
    carried: bool = False


class PartnerRecord(Struct, frozen=True, kw_only=True, gc=False):
    """One partner in one check-in. `person_id` points into the people file (None: not matched yet)."""

    person_id: Id | None = None
    name: Name
    closeness_before: Closeness | None = None
    closeness_after: Closeness | None = None
    appreciation: Words | None = None
    intention: Words | None = None
    follow_up: FollowUp | None = None


class DeckRef(Struct, frozen=True, gc=False):
    """The deck a check-in used, as it was called then."""

    id: Label
    title: Label


class Note(Struct, frozen=True, kw_only=True, gc=False, tag_field="schema_version", tag=2):
    """A later note on an entry, kept in its own small file beside the entry
    (`<entry id>.note-<stamp>.json`) so two laptops adding notes never conflict."""

    entry_id: Id
    written_at: Moment
    author: Id | None = None
    text: SomeWords

    def __post_init__(self) -> None:
        check_moment(self.written_at, "the note's time")


def _check_times(started_at: datetime, finished_at: datetime) -> None:
    check_moment(started_at, "the start")
    check_moment(finished_at, "the end")
    if finished_at < started_at:
        raise ValueError(
            f"it finished ({finished_at.isoformat()}) before it started ({started_at.isoformat()})"
        )


class Entry(Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False, tag_field="schema_version", tag=2):
    """One check-in, as stored in `journal/YYYY/MM/<id>.json` (schema 2).

    Every per-partner list follows the order of `partners` (seat order at the time).
    `notes` are never written inside an entry file: they live in files beside it and
    are merged on read; an export carries them inside each entry.
    """

    id: Id
    started_at: Moment
    finished_at: Moment
    deck: DeckRef
    mode: Mode
    partners: tuple[PartnerRecord, PartnerRecord]
    prompts: Annotated[tuple[PromptRecord, ...], Meta(max_length=PROMPTS_LIMIT)]
    ratings_revealed_at: Moment | None = None
    notes: Annotated[tuple[Note, ...], Meta(max_length=10_000)] = ()

    def __post_init__(self) -> None:
        _check_times(self.started_at, self.finished_at)
        check_moment(self.ratings_revealed_at, "the time the ratings were revealed")

    @property
    def deck_id(self) -> str:
        return self.deck.id

    @property
    def deck_title(self) -> str:
        return self.deck.title

    @property
    def names(self) -> tuple[str, str]:
        return (self.partners[0].name, self.partners[1].name)

    @property
    def person_ids(self) -> tuple[str | None, str | None]:
        return (self.partners[0].person_id, self.partners[1].person_id)

    def to_dict(self) -> dict[str, object]:
        """The entry as plain JSON data (dates as ISO text, lists as lists), notes included."""
        return msgspec.json.decode(msgspec.json.encode(self))

    @classmethod
    def from_dict(cls, data: object) -> Entry:
        """An entry (schema 1 or 2) from plain JSON data; EntryInvalid says what is wrong."""
        return entry_from_dict(data)


class EntryV1(Struct, frozen=True, kw_only=True, gc=False, tag_field="schema_version", tag=1):
    """A schema 1 entry (read forever, never written). Its prompts, answers and
    partners decode into the schema 2 records, which only add optional fields."""

    id: Id
    started_at: Moment
    finished_at: Moment
    deck: DeckRef
    mode: Literal["open"] = "open"
    partners: tuple[PartnerRecord, PartnerRecord]
    prompts: Annotated[tuple[PromptRecord, ...], Meta(max_length=PROMPTS_LIMIT)]

    def __post_init__(self) -> None:
        _check_times(self.started_at, self.finished_at)
        for number, prompt in enumerate(self.prompts, 1):
            for answer in prompt.answers:
                if answer.status not in V1_STATUSES:
                    raise ValueError(
                        f"prompt {number} has an answer marked {answer.status}, which schema 1 does not have"
                    )

    def upgrade(self) -> Entry:
        return Entry(
            id=self.id,
            started_at=self.started_at,
            finished_at=self.finished_at,
            deck=self.deck,
            mode=self.mode,
            partners=self.partners,
            prompts=self.prompts,
        )


AnyEntry = Entry | EntryV1


# --- the people file ----------------------------------------------------------------------------

Colour = Literal["rose", "amber", "sage", "teal", "sky", "lilac"]
COLOURS = ("rose", "amber", "sage", "teal", "sky", "lilac")


class Person(Struct, frozen=True, kw_only=True, gc=False):
    """Someone who takes part in check-ins. `names` holds every name they have used,
    the current one first; entries name them by `id` and keep the name of the time."""

    id: Id
    names: Annotated[tuple[Name, ...], Meta(min_length=1, max_length=50)]
    colour: Colour

    @property
    def name(self) -> str:
        return self.names[0]


class PeopleFile(Struct, frozen=True, kw_only=True, gc=False, tag_field="schema_version", tag=2):
    """`<journal>/people.json`: everyone who has taken part, so it syncs with the journal."""

    people: Annotated[tuple[Person, ...], Meta(max_length=1000)] = ()
    # The two who last began a check-in here: whose journal it is when no names are
    # remembered in the settings (an import never changes it, so another couple's
    # newer check-in does not take their place).
    couple: tuple[Id, Id] | None = None

    def __post_init__(self) -> None:
        ids = [person.id for person in self.people]
        if len(set(ids)) != len(ids):
            raise ValueError("two people have the same id")
        if self.couple is not None and (self.couple[0] == self.couple[1] or not set(self.couple) <= set(ids)):
            raise ValueError("the couple must be two different people of the file")


# --- drafts ----------------------------------------------------------------------------------
# A draft is the check-in in progress (drafts/<name>.json). The model checks every
# field the session keeps, so a damaged draft is named and set aside instead of
# failing half way through a resume; the session reads the checked data back.

PhaseName = Literal["open", "handover", "private", "ready", "revealed", "speak", "reflect", "confirm", "heard"]
Step = Annotated[int, Meta(ge=0, le=1000)]


class AnswerDraft(Struct, frozen=True, gc=False):
    """One partner's answer as it stands: the words (or scale point, or options), and
    whether they chose to pass or said it aloud."""

    value: (
        Annotated[str, Meta(max_length=WORDS_LIMIT)]
        | ScaleValue
        | Annotated[tuple[Label, ...], Meta(max_length=OPTIONS_LIMIT)]
        | None
    ) = None
    passed: bool = False
    spoken: bool = False


class PartnerDraft(Struct, frozen=True, gc=False):
    """What one partner has given outside the prompts so far."""

    closeness_before: Closeness | None = None
    closeness_after: Closeness | None = None
    follow_up_result: FollowUpResult | None = None
    follow_up_words: Words = ""
    appreciation: Words = ""
    intention: Words = ""
    carried: bool = False  # a gesture answered "not yet", carried on to be asked again


class ReflectionDraft(Struct, frozen=True, gc=False):
    heard: Words = ""
    makes_sense: Words = ""
    response: Response | None = None
    added: Words = ""


class RoundDraft(Struct, frozen=True, gc=False):
    speaker: Seat
    reflections: Annotated[tuple[ReflectionDraft, ...], Meta(max_length=50)] = ()


class TalkDraft(Struct, frozen=True, gc=False):
    """Where a blind or turns step stands inside itself (the sub-step): its `phase`,
    whose turn (`seat`), who went first (`starter`), the turns `round` and the
    `reflection` in it."""

    mode: Literal["blind", "turns"]
    phase: PhaseName
    seat: Seat = 0
    starter: Seat = 0
    done: tuple[bool, bool] = (False, False)
    revealed_at: Moment | None = None
    rounds: Annotated[tuple[RoundDraft, ...], Meta(max_length=50)] = ()
    round: Step = 0
    reflection: Step = 0
    one_way: bool = False
    open_first: bool = False


class PromptDraft(Struct, frozen=True, gc=False):
    """A prompt as asked in this check-in (its deck may change meanwhile)."""

    id: Label
    text: Label
    kind: Kind = "text"
    tip: Annotated[str, Meta(max_length=TIP_LIMIT)] | None = None
    labels: Annotated[tuple[Label, ...], Meta(max_length=20)] = ()
    options: Annotated[tuple[Label, ...], Meta(max_length=OPTIONS_LIMIT)] = ()
    multiple: bool = False
    mode: Mode | None = None
    one_way: bool = False


class DeckDraft(Struct, frozen=True, gc=False):
    id: Label
    title: Label
    description: Words = ""
    minutes: Annotated[int, Meta(ge=1, le=1440)] = 10
    mode: Mode = "open"
    prompts: Annotated[tuple[PromptDraft, ...], Meta(max_length=PROMPTS_LIMIT)] = ()
    note: Words | None = None
    gestures: Annotated[tuple[Label, ...], Meta(max_length=OPTIONS_LIMIT)] = ()


class SessionDraft(Struct, frozen=True, kw_only=True, gc=False):
    """The check-in session as the draft keeps it: the prompts as asked, every answer,
    the step (`position`, `furthest`), who goes first (`first_seat`) and, per blind or
    turns step, its sub-step (`talks`)."""

    deck: DeckDraft
    partners: tuple[Name, Name]
    started_at: Moment
    gestures: Annotated[tuple[Label, ...], Meta(max_length=OPTIONS_LIMIT)] = ()
    previous_intentions: tuple[Words | None, Words | None] = (None, None)
    person_ids: tuple[Id | None, Id | None] = (None, None)  # who sits where, from the people file
    mode: Mode | None = None  # draft version 1
    mode_override: Mode | None = None
    private_ratings: bool = False
    first_seat: Seat = 0
    talks: dict[Annotated[str, Meta(max_length=100)], TalkDraft] = {}
    entry_id: Id
    position: Step
    furthest: Step
    elapsed_seconds: Annotated[float, Meta(ge=0)] = 0.0
    answers: Annotated[tuple[tuple[AnswerDraft, AnswerDraft], ...], Meta(max_length=PROMPTS_LIMIT)]
    people: tuple[PartnerDraft, PartnerDraft]

    def __post_init__(self) -> None:
        if len(self.answers) != len(self.deck.prompts):
            raise ValueError(f"it holds {len(self.answers)} answers for {len(self.deck.prompts)} prompts")
        if self.furthest < self.position:
            raise ValueError("its step is further than the furthest step reached")


class Parked(Struct, frozen=True, gc=False):
    """A talk set aside to come back to: when, and the couple's own words on when to return."""

    at: Moment
    come_back: Words | None = None


class DraftFile(Struct, frozen=True, kw_only=True, gc=False, tag_field="draft_version", tag=2):
    """`drafts/<name>.json`: `checkin` is the open check-in, `parked-<entry id>` a parked talk."""

    saved_at: datetime
    parked: Parked | None = None
    session: SessionDraft


class DraftFileV1(Struct, frozen=True, kw_only=True, gc=False, tag_field="draft_version", tag=1):
    """A draft written before draft version 2; it still resumes."""

    saved_at: datetime
    session: SessionDraft


AnyDraft = DraftFile | DraftFileV1


# --- bytes to an entry and back ----------------------------------------------------------------


class EntryInvalid(JournalError):
    """The data is not an entry this version understands."""


class EntryFromNewerVersion(EntryInvalid):
    """The entry was written by a newer reconnect."""


BOM = b"\xef\xbb\xbf"
_CHOICES: dict[str, tuple[object, ...]] = {
    "status": STATUSES,
    "kind": KINDS,
    "mode": PROMPT_MODES,
    "result": FOLLOW_UP_RESULTS,
    "response": RESPONSES,
    "speaker": (0, 1),
    "colour": COLOURS,
    "phase": ("open", "handover", "private", "ready", "revealed", "speak", "reflect", "confirm", "heard"),
}
_ENCODER = msgspec.json.Encoder()
_DECODERS: dict[object, msgspec.json.Decoder] = {}


def decoder_for(kind: object) -> msgspec.json.Decoder:
    """The decoder of one record type, built on first use: screenless commands that
    never read an entry (or a draft, a note, the people file) skip the cost."""
    found = _DECODERS.get(kind)
    if found is None:
        found = _DECODERS[kind] = msgspec.json.Decoder(kind)
    return found


def without_bom(raw: bytes) -> bytes:
    """A file's bytes without a UTF-8 byte order mark (some editors add one)."""
    return raw[3:] if raw[:3] == BOM else raw


def damage_in_words(parser_message: str, raw: bytes) -> str:
    """A file that is not JSON, said in words a person understands, not the parser's."""
    if not raw.strip():
        return "it is empty (perhaps a copy or sync that did not finish)"
    if "truncated" in parser_message:
        return "it breaks off before its end (perhaps a copy or sync that did not finish), so it is not valid JSON"
    at = re.search(r"byte (\d+)", parser_message)
    if at:
        line = raw[: int(at.group(1))].count(b"\n") + 1
        return f"its text was changed or damaged near line {line}, so it is not valid JSON"
    return "its text was changed or damaged, so it is not valid JSON"


def decode_entry(raw: bytes | str) -> Entry:
    """An entry from the bytes of a file (schema 1 or 2), validated in the same pass.

    Anything wrong, from a broken byte to a closeness of 7, raises EntryInvalid with
    a plain sentence (msgspec's own words follow in brackets); a file from a newer
    reconnect raises EntryFromNewerVersion. Never anything else.
    """
    if isinstance(raw, str):
        try:
            raw = raw.encode("utf-8")
        except UnicodeEncodeError:
            raise EntryInvalid("it holds a broken character (half of a surrogate pair)") from None
    raw = without_bom(raw)
    try:
        entry = decoder_for(AnyEntry).decode(raw)
    except msgspec.ValidationError as error:
        raise refusal(error, raw) from None
    except msgspec.DecodeError as error:
        raise EntryInvalid(damage_in_words(str(error), raw)) from None
    except RecursionError:
        raise EntryInvalid("it is nested too deeply to be an entry") from None
    except (ValueError, TypeError, OverflowError, MemoryError) as error:
        raise EntryInvalid(f"it cannot be read as an entry [{error}]") from None
    if type(entry) is EntryV1:
        return entry.upgrade()
    return entry


def encode_entry(entry: Entry) -> bytes:
    """An entry file's bytes: schema 2, indented to read well, notes left out (they live beside it)."""
    if entry.notes:
        entry = msgspec.structs.replace(entry, notes=())
    return msgspec.json.format(_ENCODER.encode(entry), indent=2) + b"\n"


def encode_entry_line(entry: Entry) -> bytes:
    """An entry on one line, notes included: the form an export uses."""
    return _ENCODER.encode(entry)


def entry_to_dict(entry: Entry) -> dict[str, object]:
    """The entry as plain JSON data (dates as ISO text)."""
    return entry.to_dict()


def entry_from_dict(data: object) -> Entry:
    """An entry from plain JSON data; EntryInvalid says what is wrong."""
    try:
        raw = _ENCODER.encode(data)
    except (TypeError, ValueError, OverflowError, RecursionError, UnicodeEncodeError) as error:
        raise EntryInvalid(f"it cannot be read as an entry [{error}]") from None
    return decode_entry(raw)


def refusal(
    error: msgspec.ValidationError, raw: bytes, root: str = "the entry", kind: str = "an entry"
) -> EntryInvalid:
    """The right refusal for a file the model rejected, in plain words; a newer schema
    is told apart (EntryFromNewerVersion). `root` and `kind` name the document."""
    text = str(error)
    if "`$.schema_version`" in text or "missing required field `schema_version`" in text:
        version = value_at(raw, ["schema_version"])
        readable = " and ".join(str(v) for v in READABLE_VERSIONS)
        if version is MISSING:
            if value_at(raw, []) is MISSING or not isinstance(value_at(raw, []), dict):
                return EntryInvalid(f"it is not {kind} ({kind} is a JSON object) [{text}]")
            return EntryInvalid(f"the schema_version is missing, so it cannot be read [{text}]")
        if type(version) is int and SCHEMA_VERSION < version < 1000:
            return EntryFromNewerVersion(
                f"it was written by a newer reconnect (schema {version}; this one reads {readable})"
            )
        either = " or ".join(str(v) for v in READABLE_VERSIONS)
        return EntryInvalid(f"the schema_version is {shown(version)}, it must be {either} [{text}]")
    if text.startswith("Expected `object`") and " - at `" not in text:
        return EntryInvalid(f"it is not {kind} ({kind} is a JSON object) [{text}]")
    return EntryInvalid(explain(error, raw, _CHOICES, root))


def decode_note(raw: bytes) -> Note:
    """A later note from the bytes of its file; EntryInvalid in plain words."""
    raw = without_bom(raw)
    try:
        return decoder_for(Note).decode(raw)
    except msgspec.ValidationError as error:
        raise refusal(error, raw, "the note", "a note") from None
    except msgspec.DecodeError as error:
        raise EntryInvalid(f"it is not valid JSON [{error}]") from None
    except (RecursionError, ValueError, TypeError, OverflowError, MemoryError) as error:
        raise EntryInvalid(f"it cannot be read as a note [{error}]") from None


def decode_draft(raw: bytes) -> DraftFile | DraftFileV1:
    """A draft (version 1 or 2) checked field by field; EntryInvalid in plain words
    (EntryFromNewerVersion for a draft from a newer reconnect)."""
    raw = without_bom(raw)
    try:
        return decoder_for(AnyDraft).decode(raw)
    except msgspec.ValidationError as error:
        text = str(error)
        if "draft_version" in text:
            version = value_at(raw, ["draft_version"])
            if type(version) is int and DRAFT_VERSION < version < 1000:
                return_error: EntryInvalid = EntryFromNewerVersion(
                    f"it was saved by a newer reconnect (draft version {version}; this one reads 1 and 2)"
                )
                raise return_error from None
            raise EntryInvalid(f"its draft_version is {shown(version) if version is not MISSING else 'missing'}, it must be 1 or 2 [{text}]") from None
        if text.startswith("Expected `object`") and " - at `" not in text:
            raise EntryInvalid(f"it is not a draft (a draft is a JSON object) [{text}]") from None
        raise EntryInvalid(explain(error, raw, _CHOICES, "the draft")) from None
    except msgspec.DecodeError as error:
        raise EntryInvalid(f"it is not valid JSON [{error}]") from None
    except (RecursionError, ValueError, TypeError, OverflowError, MemoryError) as error:
        raise EntryInvalid(f"it cannot be read as a draft [{error}]") from None


def encode_note(note: Note) -> bytes:
    """A note file's bytes."""
    return msgspec.json.format(_ENCODER.encode(note), indent=2) + b"\n"


# --- the shipped schema -------------------------------------------------------------------------

SCHEMA_ID = "https://reconnect.invalid/schemas/entry.schema.json"
_TITLES = {
    "Entry": "Entry (schema 2)",
    "EntryV1": "Entry (schema 1, read but never written)",
    "PromptRecord": "Prompt and answers",
    "PartnerRecord": "Partner",
    "DeckRef": "Deck",
    "FollowUp": "Follow-up on last time's gesture",
    "Note": "Later note",
    "Turn": "Turn",
    "Reflection": "Reflection",
    "Answer": "Answer",
}


def entry_json_schema() -> dict[str, object]:
    """The JSON Schema for entry files (schema 2, and schema 1 as it is read), from the model.

    `python -m reconnect_tui.core.model` prints it; the shipped file must equal it.
    """
    schema = msgspec.json.schema(AnyEntry)
    for name, definition in schema["$defs"].items():
        definition["title"] = _TITLES.get(name, name)
        if "description" in definition:
            paragraphs = definition["description"].split("\n\n")
            definition["description"] = "\n\n".join(" ".join(part.split()) for part in paragraphs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "reconnect journal entry",
        "description": (
            "One check-in, as stored in journal/YYYY/MM/<id>.json. schema_version 2 is written; "
            "schema_version 1 files are still read. Per-partner lists follow the order of 'partners'. "
            "Generated from reconnect_tui/core/model.py."
        ),
        **schema,
    }


def schema_text() -> str:
    """The shipped file's exact text."""
    import json

    return json.dumps(entry_json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
