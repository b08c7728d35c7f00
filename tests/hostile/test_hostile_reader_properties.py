"""Property tests for the journal's readers: entries, drafts, later notes, the people file.

Whatever bytes a file holds (arbitrary bytes, JSON-shaped data, a valid file with a
value swapped somewhere deep inside), reading it gives a value or the reader's named
problem: never a traceback. What reconnect writes it reads back the same (encode,
decode, encode gives the same bytes). A draft the model accepts must also resume:
the session is built from it without an error the screen would not expect.

Deadline off: the shared CI machine is slow; a hang is caught by pytest-timeout.
"""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from helpers import MOMENT, mixed_deck
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from reconnect_tui.core.drafts import DraftDamaged, DraftStore, read_draft
from reconnect_tui.core.errors import DraftError
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.model import (
    Answer,
    DeckRef,
    Entry,
    EntryInvalid,
    FollowUp,
    Note,
    PartnerRecord,
    PeopleFile,
    Person,
    PromptRecord,
    decode_draft,
    decode_entry,
    decode_note,
    encode_entry,
    encode_note,
)
from reconnect_tui.core.people import PeopleDamaged, PeopleError, PeopleStore, decode_people, encode_people
from reconnect_tui.core.session import CheckinSession

SETTINGS = settings(deadline=None, max_examples=120, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])
FOLDER = Path(tempfile.mkdtemp(prefix="reconnect-hypothesis-readers-"))
FIXTURES = Path(__file__).parent.parent / "fixtures" / "entries"

# --- JSON-shaped data --------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
    st.sampled_from(["", "answered", "scale", "blind", "2026-11-26T21:30:05+01:00", "2026-11-26T21:30:05",
                     "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00Z", "\x1b]52;c;aGk=\x07", "[/]"]),
)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=25,
)


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place inside a JSON value (the root too)."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _replace(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replace(data[head], rest, value)}
    copy = list(data)
    copy[head] = _replace(copy[head], rest, value)
    return copy


def _drop(data: Any, path: tuple) -> Any:
    if not path:
        return data
    if len(path) == 1:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if k != path[0]}
        return [v for i, v in enumerate(data) if i != path[0]]
    head = path[0]
    if isinstance(data, dict):
        return {**data, head: _drop(data[head], path[1:])}
    copy = list(data)
    copy[head] = _drop(copy[head], path[1:])
    return copy


@st.composite
def mutated(draw: st.DrawFn, valid: Any) -> bytes:
    """A valid document with one to three values swapped, dropped or its bytes cut."""
    data = valid
    for _ in range(draw(st.integers(1, 3))):
        places = _paths(data)
        path = draw(st.sampled_from(places))
        if path and draw(st.booleans()):
            data = _drop(data, path)
        else:
            data = _replace(data, path, draw(json_values))
    raw = json.dumps(data, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        raw = raw[: draw(st.integers(0, len(raw)))]
    if draw(st.integers(0, 9)) == 0:
        raw = b"\xef\xbb\xbf" + raw
    return raw


# --- valid records, generated ------------------------------------------------------------------

zones = st.sampled_from([timezone.utc, timezone(timedelta(hours=1)), timezone(timedelta(hours=-8)),
                         timezone(timedelta(hours=5, minutes=45)), timezone(timedelta(hours=14))])
moments = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2200, 12, 30), timezones=zones)
# What people write, control characters included (they are data and are kept exactly);
# no lone surrogates: no keyboard or file gives reconnect one to keep.
words = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
some_words = words.filter(lambda text: len(text) >= 1)
names = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
ids = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,20}\Z")
labels = st.lists(names, min_size=5, max_size=5).map(tuple)


@st.composite
def prompt_records(draw: st.DrawFn) -> PromptRecord:
    kind = draw(st.sampled_from(["text", "scale", "choice"]))
    options = tuple(draw(st.lists(names, min_size=2, max_size=4, unique=True))) if kind == "choice" else ()

    def answer() -> Answer:
        status = draw(st.sampled_from(["answered", "passed", "empty", "spoken", "not_reached"]))
        if status == "answered" or (status == "spoken" and draw(st.booleans())):
            value: Any = {"text": words, "scale": st.integers(1, 5),
                          "choice": st.lists(st.sampled_from(options), max_size=2).map(tuple)}[kind]
            return Answer(status, draw(value))
        return Answer(status)

    return PromptRecord(
        prompt_id=draw(names), text=draw(names), kind=kind, answers=(answer(), answer()),
        tip=draw(st.none() | words), labels=draw(labels) if kind == "scale" else (), options=options,
        mode=draw(st.sampled_from(["open", "blind", "turns"])), revealed_at=draw(st.none() | moments),
    )


@st.composite
def partners(draw: st.DrawFn) -> PartnerRecord:
    closeness = st.none() | st.integers(1, 5)
    follow_up = st.none() | st.builds(FollowUp, intention=some_words,
                                      result=st.sampled_from([None, "yes", "partly", "not_yet"]),
                                      words=st.none() | words, carried=st.booleans())
    return PartnerRecord(person_id=draw(st.none() | ids), name=draw(names), closeness_before=draw(closeness),
                         closeness_after=draw(closeness), appreciation=draw(st.none() | words),
                         intention=draw(st.none() | words), follow_up=draw(follow_up))


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    started = draw(moments)
    finished = started + timedelta(seconds=draw(st.integers(0, 10_000)))
    assume(finished.year <= 2200)
    return Entry(id=draw(ids), started_at=started, finished_at=finished,
                 deck=DeckRef(draw(names), draw(names)), mode=draw(st.sampled_from(["open", "blind", "turns"])),
                 partners=(draw(partners()), draw(partners())),
                 prompts=tuple(draw(st.lists(prompt_records(), max_size=4))),
                 ratings_revealed_at=draw(st.none() | moments))


notes = st.builds(Note, entry_id=ids, written_at=moments, author=st.none() | ids, text=some_words)
people_files = st.lists(
    st.builds(Person, id=ids, names=st.lists(names, min_size=1, max_size=3).map(tuple),
              colour=st.sampled_from(["rose", "amber", "sage", "teal", "sky", "lilac"])),
    max_size=4, unique_by=lambda person: person.id,
).map(lambda people: PeopleFile(people=tuple(people)))

VALID_ENTRY = json.loads((FIXTURES / "schema2-every-field.json").read_text())
VALID_V1 = json.loads((FIXTURES / "schema1-full.json").read_text())
VALID_NOTE = {"schema_version": 2, "entry_id": "20261127-213000-0a1b2c", "written_at": "2026-11-28T09:00:00+01:00",
              "author": None, "text": "We did go for that walk."}
VALID_PEOPLE = {"schema_version": 2, "people": [{"id": "p-zoe", "names": ["Zoë", "Zoe"], "colour": "rose"},
                                                {"id": "p-sam", "names": ["Sam"], "colour": "sky"}]}


def a_draft() -> dict[str, Any]:
    session = CheckinSession(deck=mixed_deck(), partners=("Alex", "Sam"), started_at=MOMENT)
    session.set_closeness("before", 0, 4)
    session.go_next()
    session.set_answer(0, 0, "Words kept")
    session.go_next()
    session.set_answer(1, 1, 3)
    return {"draft_version": 2, "saved_at": "2026-11-26T21:40:00+00:00", "parked": None,
            "session": session.to_dict()}


VALID_DRAFT = a_draft()
anything = st.binary(max_size=300) | json_values.map(lambda v: json.dumps(v).encode())

# --- entries -----------------------------------------------------------------------------------


def entry_or_named_problem(raw: bytes) -> None:
    try:
        entry = decode_entry(raw)
    except EntryInvalid as problem:
        assert str(problem)
        return
    assert isinstance(entry, Entry)
    # What loads can be written back and shown: encode, decode, encode gives the same bytes.
    again = encode_entry(entry)
    assert encode_entry(decode_entry(again)) == again


@SETTINGS
@given(anything)
def test_any_bytes_give_an_entry_or_a_named_problem(raw: bytes) -> None:
    entry_or_named_problem(raw)


@SETTINGS
@given(mutated(VALID_ENTRY) | mutated(VALID_V1))
def test_a_changed_entry_file_gives_an_entry_or_a_named_problem(raw: bytes) -> None:
    entry_or_named_problem(raw)


@SETTINGS
@given(entries())
def test_an_entry_round_trips_through_its_file(entry: Entry) -> None:
    raw = encode_entry(entry)
    back = decode_entry(raw)
    assert back == entry
    assert encode_entry(back) == raw


@SETTINGS
@given(st.lists(entries(), min_size=1, max_size=3, unique_by=lambda e: e.id))
def test_entries_saved_in_a_journal_load_back_the_same(made: list[Entry]) -> None:
    root = Path(tempfile.mkdtemp(dir=FOLDER)) / "journal"
    journal = Journal(root)
    for entry in made:
        journal.save(entry)
    loaded = journal.load()
    assert loaded.problems == []
    assert sorted(loaded.entries, key=lambda e: e.id) == sorted(made, key=lambda e: e.id)


# --- later notes -------------------------------------------------------------------------------


def note_or_named_problem(raw: bytes) -> None:
    try:
        note = decode_note(raw)
    except EntryInvalid as problem:
        assert str(problem)
        return
    assert isinstance(note, Note)
    assert decode_note(encode_note(note)) == note


@SETTINGS
@given(anything | mutated(VALID_NOTE))
def test_any_note_file_gives_a_note_or_a_named_problem(raw: bytes) -> None:
    note_or_named_problem(raw)


@SETTINGS
@given(notes)
def test_a_note_round_trips_through_its_file(note: Note) -> None:
    raw = encode_note(note)
    assert decode_note(raw) == note and encode_note(decode_note(raw)) == raw


# --- the people file ---------------------------------------------------------------------------


def people_or_named_problem(raw: bytes) -> None:
    try:
        people = decode_people(raw)
    except PeopleDamaged as problem:
        assert str(problem)
        return
    assert isinstance(people, PeopleFile)
    assert decode_people(encode_people(people)) == people


@SETTINGS
@given(anything | mutated(VALID_PEOPLE))
def test_any_people_file_gives_people_or_a_named_problem(raw: bytes) -> None:
    people_or_named_problem(raw)


@SETTINGS
@given(anything | mutated(VALID_PEOPLE))
def test_the_people_store_names_a_damaged_file_and_leaves_it(raw: bytes) -> None:
    root = Path(tempfile.mkdtemp(dir=FOLDER))
    (root / "people.json").write_bytes(raw)
    try:
        PeopleStore(root).load()
    except PeopleError as problem:
        assert "people file" in str(problem)
    assert (root / "people.json").read_bytes() == raw


@SETTINGS
@given(people_files)
def test_the_people_file_round_trips(people: PeopleFile) -> None:
    raw = encode_people(people)
    assert decode_people(raw) == people and encode_people(decode_people(raw)) == raw


# --- drafts ------------------------------------------------------------------------------------


def draft_resumes_or_is_named(raw: bytes) -> None:
    """The whole way a draft goes on a start: the store reads it, the session is built."""
    store = DraftStore(Path(tempfile.mkdtemp(dir=FOLDER)) / "drafts")
    store.folder.mkdir()
    store.path.write_bytes(raw)
    try:
        data = store.load()
    except DraftDamaged as problem:
        assert "could not be read" in str(problem)
        assert not store.path.exists() and len(list(store.folder.glob("checkin.unreadable-*"))) == 1
        return
    assert data is not None
    # The model accepted it; the session either resumes or names what does not fit
    # (a step past the end): the app then sets the draft aside the same way.
    try:
        session = CheckinSession.from_dict(data)
    except DraftError as problem:
        assert "draft" in str(problem)
        return
    session.step  # noqa: B018  (the step must exist)
    again = session.to_dict()
    assert CheckinSession.from_dict(read_draft(json.dumps({**VALID_DRAFT, "session": again}).encode())).to_dict() == again


@SETTINGS
@given(anything)
def test_any_bytes_give_a_draft_or_a_named_problem(raw: bytes) -> None:
    draft_resumes_or_is_named(raw)


PAST_THE_END = json.dumps({**VALID_DRAFT, "session": {**VALID_DRAFT["session"], "position": 900, "furthest": 900}})


@SETTINGS
@given(mutated(VALID_DRAFT))
@example(PAST_THE_END.encode())
def test_a_changed_draft_resumes_or_is_named_and_set_aside(raw: bytes) -> None:
    draft_resumes_or_is_named(raw)


@SETTINGS
@given(mutated(VALID_DRAFT))
def test_decode_draft_never_raises_anything_but_its_named_problem(raw: bytes) -> None:
    try:
        decode_draft(raw)
    except EntryInvalid as problem:
        assert str(problem)


@SETTINGS
@given(st.lists(words, min_size=2, max_size=2), st.integers(1, 5), st.booleans())
def test_a_session_round_trips_through_its_draft(answers: list[str], scale: int, passed: bool) -> None:
    store = DraftStore(Path(tempfile.mkdtemp(dir=FOLDER)) / "drafts")
    session = CheckinSession(deck=mixed_deck(), partners=("Alex", "Sam"), started_at=MOMENT)
    session.go_next()
    session.set_answer(0, 0, answers[0])
    session.set_answer(0, 1, answers[1])
    session.set_answer(1, 0, scale)
    session.set_passed(2, 1, passed)
    store.save(session.to_dict(), datetime(2026, 11, 26, 21, 40, tzinfo=timezone.utc))
    data = store.load()
    assert data is not None
    assert CheckinSession.from_dict(data).to_dict() == session.to_dict()


def test_the_valid_documents_are_valid() -> None:
    """The seeds the mutations start from are themselves accepted (else the tests prove little)."""
    assert decode_entry(json.dumps(VALID_ENTRY).encode()).id == VALID_ENTRY["id"]
    assert decode_entry(json.dumps(VALID_V1).encode()).id == VALID_V1["id"]
    assert decode_note(json.dumps(VALID_NOTE).encode()).text == VALID_NOTE["text"]
    assert len(decode_people(json.dumps(VALID_PEOPLE).encode()).people) == 2
    assert CheckinSession.from_dict(read_draft(json.dumps(VALID_DRAFT).encode())).position == 2


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbf" + json.dumps(VALID_NOTE).encode(), json.dumps(VALID_NOTE).encode()])
def test_a_note_with_or_without_a_bom_reads(raw: bytes) -> None:
    assert decode_note(raw).entry_id == VALID_NOTE["entry_id"]

