"""Schema 2 and the one typed model: round trips, the shipped schema, and every refusal."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import jsonschema
import msgspec
import pytest
from helpers import MOMENT, make_entry, schema1_dict

from reconnect_tui.core import model
from reconnect_tui.core.entry import (
    EntryFromNewerVersion,
    EntryInvalid,
    decode_entry,
    encode_entry,
    encode_entry_line,
    entry_from_dict,
)
from reconnect_tui.core.exchange import import_file, to_json
from reconnect_tui.core.journal import Journal

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "entries"
SHIPPED_SCHEMA = Path(model.__file__).resolve().parents[1] / "schemas" / "entry.schema.json"
SCHEMA1 = sorted(FIXTURES.glob("schema1-*.json"))
SCHEMA2 = sorted(FIXTURES.glob("schema2-*.json"))


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_there_are_fixtures_of_both_schemas() -> None:
    assert len(SCHEMA1) >= 3 and len(SCHEMA2) >= 2


def test_the_shipped_schema_is_the_one_the_model_gives() -> None:
    # If this fails after a change to model.py: python -m reconnect_tui.core.model > reconnect_tui/schemas/entry.schema.json
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == model.schema_text()
    schema = json.loads(model.schema_text())
    assert schema["$schema"].endswith("2020-12/schema") and schema["$id"] == model.SCHEMA_ID
    assert schema["$defs"]["Entry"]["title"] == "Entry (schema 2)"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMA1 + SCHEMA2, ids=lambda p: p.name)
def test_the_shipped_schema_accepts_every_fixture(path: Path) -> None:
    validator().validate(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", SCHEMA2, ids=lambda p: p.name)
def test_schema_2_decodes_and_encodes_to_the_same_bytes(path: Path) -> None:
    raw = path.read_bytes()
    entry = decode_entry(raw)
    assert encode_entry(entry) == raw
    assert decode_entry(encode_entry_line(entry)) == entry


@pytest.mark.parametrize("path", SCHEMA1, ids=lambda p: p.name)
def test_schema_1_reads_converts_and_exports_as_schema_2(path: Path) -> None:
    old = json.loads(path.read_text(encoding="utf-8"))
    entry = decode_entry(path.read_bytes())
    assert entry.id == old["id"] and entry.deck_id == old["deck"]["id"] and entry.deck_title == old["deck"]["title"]
    assert entry.names == tuple(p["name"] for p in old["partners"])
    for prompt, old_prompt in zip(entry.prompts, old["prompts"], strict=True):
        assert prompt.mode == "open"
        assert [a.status for a in prompt.answers] == [a["status"] for a in old_prompt["answers"]]
    new = encode_entry(entry)
    assert json.loads(new)["schema_version"] == 2
    validator().validate(json.loads(new))
    assert decode_entry(new) == entry


def test_a_schema_1_pass_stays_a_pass() -> None:
    entry = decode_entry((FIXTURES / "schema1-simple.json").read_bytes())
    assert [a.status for a in entry.prompts[0].answers] == ["answered", "passed"]


def test_every_field_of_schema_2_survives() -> None:
    entry = decode_entry((FIXTURES / "schema2-every-field.json").read_bytes())
    blind, choice, turns = entry.prompts[1], entry.prompts[2], entry.prompts[3]
    assert entry.mode == "turns" and entry.person_ids == ("p-zoe", "p-sam")
    assert entry.ratings_revealed_at == MOMENT + timedelta(minutes=1)
    assert entry.partners[0].follow_up is not None and entry.partners[0].follow_up.carried is True
    assert blind.mode == "blind" and blind.revealed_at is not None and blind.describe(blind.answers[1]) == "Full"
    assert choice.answers[0].value == ("Work", "Phones")
    assert [a.status for a in turns.answers] == ["spoken", "spoken"]
    assert [t.speaker for t in turns.turns] == [0, 1]
    assert turns.turns[0].reflections[0].response == "not_quite"
    assert turns.turns[0].reflections[0].added == "And I missed you"
    assert [a.status for a in entry.prompts[0].answers] == ["answered", "empty"]


def test_readers_ignore_fields_a_newer_reconnect_added() -> None:
    data = json.loads((FIXTURES / "schema2-every-field.json").read_text(encoding="utf-8"))
    data["weather"] = "rain"
    data["prompts"][0]["mood"] = {"colour": "blue"}
    data["partners"][0]["pronouns"] = "she"
    entry = decode_entry(json.dumps(data).encode())
    assert entry == decode_entry((FIXTURES / "schema2-every-field.json").read_bytes())


def test_a_byte_order_mark_is_skipped() -> None:
    raw = (FIXTURES / "schema2-plain.json").read_bytes()
    assert decode_entry(b"\xef\xbb\xbf" + raw) == decode_entry(raw)


def _changed(change: callable) -> bytes:  # type: ignore[valid-type]
    data = make_entry().to_dict()
    change(data)
    return json.dumps(data, ensure_ascii=False).encode()


def _set(*path: object, value: object) -> callable:  # type: ignore[valid-type]
    def change(data: dict) -> None:
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


REFUSALS = [
    (_set("partners", 0, "closeness_before", value=7), "the first partner's closeness before is 7, it must be 1 to 5 ["),
    (_set("partners", 1, "closeness_after", value=0), "the second partner's closeness after is 0, it must be 1 to 5"),
    (_set("partners", 1, "closeness_after", value=10**400), "closeness after is 100000000000… (401 digits), it must be 1 to 5"),
    (_set("id", value="20261126-213005-abc123\n"), 'the id is "20261126-213005-abc123\n", it must be made of letters'),
    (_set("id", value="../../escape"), "the id is \"../../escape\", it must be made of letters"),
    (_set("id", value="x" * 101), "at most 100 characters"),
    (_set("started_at", value="0001-01-01T00:00:00+00:00"), "the start is in the year 1, it must be between 1970 and 2200"),
    (_set("finished_at", value="9999-12-31T23:59:59+00:00"), "the end is in the year 9999, it must be between 1970 and 2200"),
    (_set("started_at", value="2026-11-26T21:30:05"), "the start time is \"2026-11-26T21:30:05\", it must be a date and time with its time zone"),
    (_set("finished_at", value="2026-11-26T20:00:00+01:00"), "it finished (2026-11-26T20:00:00+01:00) before it started (2026-11-26T21:30:05+01:00)"),
    (_set("schema_version", value=0), "the schema_version is 0, it must be 1 or 2"),
    (_set("schema_version", value=-5), "the schema_version is -5, it must be 1 or 2"),
    (_set("schema_version", value="99"), 'the schema_version is "99", it must be 1 or 2'),
    (_set("schema_version", value=10**30), "the schema_version is 100000000000… (31 digits)"),
    (lambda d: d.pop("schema_version"), "the schema_version is missing"),
    (lambda d: d["deck"].pop("title"), "the deck's title is missing"),
    (_set("partners", value=[]), "the partners: 0 given, there must be exactly 2 items"),
    (_set("prompts", 0, "answers", 0, value={"status": "maybe"}), "prompt 1's first partner's answer's status is \"maybe\", it must be one of answered, passed, empty, spoken, not_reached"),
    (_set("prompts", 0, "answers", 0, value={"status": "answered", "answer": 3}), "prompt 1: the first answer has the wrong shape: a text prompt's answer is text"),
    (_set("prompts", 0, "answers", 1, value={"status": "passed", "answer": "hidden"}), "prompt 1: the second answer is passed but still holds an answer"),
    (_set("prompts", 0, "kind", value="essay"), "prompt 1's kind is \"essay\", it must be one of text, scale, choice"),
    (_set("prompts", 0, "mode", value="shouting"), "prompt 1's mode is \"shouting\", it must be one of open, blind, turns"),
    (_set("prompts", 0, "turns", value=[{"speaker": 2}]), "prompt 1's turn 1's speaker is 2, it must be one of 0, 1"),
    (_set("partners", 0, "name", value=""), "the first partner's name is \"\", it must be not empty"),
    (_set("partners", 0, "name", value="n" * 201), "the first partner's name is \"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…\", it must be at most 200 characters"),
    (_set("partners", 0, "follow_up", value={"intention": "Walk", "result": "never"}), "the first partner's follow-up's result is \"never\", it must be one of yes, partly, not_yet"),
    (_set("deck", value="bedtime"), "the deck is \"bedtime\", it must be an object"),
]


@pytest.mark.parametrize(("change", "words"), REFUSALS, ids=[words[:40] for _, words in REFUSALS])
def test_refusals_say_what_and_where_in_plain_words(change: callable, words: str) -> None:  # type: ignore[valid-type]
    with pytest.raises(EntryInvalid) as caught:
        decode_entry(_changed(change))
    assert words in str(caught.value)
    assert not isinstance(caught.value, EntryFromNewerVersion)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b'{"schema_version": 2, "id": "x", "start', "it breaks off before its end"),
        (b"", "it is empty"),
        (b"\xff\xfe{}", "damaged near line 1, so it is not valid JSON"),
        (b'{"schema_version": 2, "id": "\\ud800"}', "so it is not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "it is not an entry (an entry is a JSON object)"),
        (b'{"schema_version": 2, "prompts": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "is not right"),
        (b'{"schema_version": 2, "id": "x", "partners": ' + b"{" * 50_000, "not"),
        (b'"just text"', "it is not an entry (an entry is a JSON object)"),
        (b"null", "it is not an entry"),
    ],
    ids=["cut-short", "empty", "not-utf8", "lone-surrogate", "deep-list", "deep-prompts", "deep-objects", "text", "null"],
)
def test_broken_bytes_are_named_problems_never_a_crash(raw: bytes, words: str) -> None:
    with pytest.raises(EntryInvalid) as caught:
        decode_entry(raw)
    assert words in str(caught.value)


def test_a_lone_surrogate_in_text_handed_over_is_refused() -> None:
    with pytest.raises(EntryInvalid, match="broken character"):
        decode_entry('{"schema_version": 2, "id": "\ud800"}')


def test_a_newer_schema_is_told_apart_from_damage() -> None:
    with pytest.raises(EntryFromNewerVersion, match=r"newer reconnect \(schema 3; this one reads 1 and 2\)"):
        decode_entry(_changed(_set("schema_version", value=3)))


def test_schema_1_cannot_hold_what_only_schema_2_has() -> None:
    data = schema1_dict(make_entry())
    data["prompts"][0]["answers"][1] = {"status": "empty"}
    with pytest.raises(EntryInvalid, match="prompt 1 has an answer marked empty, which schema 1 does not have"):
        decode_entry(json.dumps(data).encode())
    data = schema1_dict(make_entry())
    data["mode"] = "blind"
    with pytest.raises(EntryInvalid, match="mode"):
        decode_entry(json.dumps(data).encode())


def test_a_journal_names_the_file_and_the_problem(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    entry = make_entry()
    path = journal.save(entry)
    data = json.loads(path.read_text())
    data["partners"][0]["closeness_before"] = 7
    path.write_text(json.dumps(data))
    loaded = journal.load()
    assert loaded.entries == []
    [problem] = loaded.problems
    assert str(problem).startswith(
        f"entry 2026/11/{entry.id}.json: the first partner's closeness before is 7, it must be 1 to 5 ["
    )
    assert str(problem).endswith("; it was left untouched")


def test_a_journal_of_schema_1_files_reads_unchanged(tmp_path: Path) -> None:
    month = tmp_path / "2026" / "11"
    month.mkdir(parents=True)
    for fixture in SCHEMA1:
        (month / fixture.name).write_bytes(fixture.read_bytes())
    before = {p.name: p.read_bytes() for p in month.iterdir()}
    loaded = Journal(tmp_path).load()
    assert loaded.problems == [] and len(loaded.entries) == len(SCHEMA1)
    assert {p.name: p.read_bytes() for p in month.iterdir()} == before


def test_export_of_schema_1_entries_imports_and_exports_the_same(tmp_path: Path) -> None:
    entries = [decode_entry(p.read_bytes()) for p in SCHEMA1 + SCHEMA2]
    first = to_json(entries)
    assert '"schema_version":1' not in first and '"schema_version": 1' not in first
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    target = Journal(tmp_path / "j")
    result = import_file(target, path)
    assert len(result.added) == len(entries) and result.problems == []
    assert to_json(target.load().entries) == first


def test_an_old_schema_1_export_imports(tmp_path: Path) -> None:
    entries = [json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA1]
    path = tmp_path / "old-export.json"
    path.write_text(json.dumps({"format": "reconnect-journal", "schema_version": 1, "entries": entries}))
    result = import_file(Journal(tmp_path / "j"), path)
    assert len(result.added) == len(SCHEMA1) and result.problems == []


def test_an_id_twice_in_one_export_is_a_duplicate_not_already_there(tmp_path: Path) -> None:
    one = make_entry(entry_id="same").to_dict()
    other = make_entry(entry_id="same", names=("Robin", "Kai")).to_dict()
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": "reconnect-journal", "schema_version": 2, "entries": [one, other]}))
    journal = Journal(tmp_path / "j")
    result = import_file(journal, path)
    assert [e.names for e in result.added] == [("Alex", "Sam")]
    assert result.skipped == [] and [e.names for e in result.duplicates] == [("Robin", "Kai")]
    assert result.problems == ["entry 2 (same) is a duplicate of entry 1 in this file, so only the first was taken"]


def test_an_import_onto_a_damaged_file_says_so_and_keeps_it(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j")
    entry = make_entry()
    path = journal.save(entry)
    path.write_bytes(b"{ broken")
    export = tmp_path / "export.json"
    export.write_text(to_json([entry]))
    result = import_file(journal, export)
    assert result.added == [] and result.skipped == []
    [problem] = result.problems
    assert problem.startswith(f"{entry.id} was not imported: the journal has a damaged file in its place (2026/11/{entry.id}.json: its text was changed or damaged near line 1, so it is not valid JSON")
    assert path.read_bytes() == b"{ broken"


def test_an_export_with_a_bom_and_an_entry_from_a_newer_reconnect(tmp_path: Path) -> None:
    newer = dict(make_entry(entry_id="newer").to_dict(), schema_version=3)
    path = tmp_path / "export.json"
    text = json.dumps({"format": "reconnect-journal", "schema_version": 2, "entries": [make_entry().to_dict(), newer]})
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = import_file(Journal(tmp_path / "j"), path)
    assert len(result.added) == 1
    assert result.problems == ["entry 2 (newer) was left out: it was written by a newer reconnect (schema 3; this one reads 1 and 2)"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "not a reconnect export"),
        (b'{"format": "reconnect-journal", "entries": ' + b"[" * 100_000, "not valid JSON"),
        (b'{"format": "reconnect-journal", "schema_version": "2", "entries": []}', "not a reconnect export"),
    ],
    ids=["deep-list", "deep-entries", "version-as-text"],
)
def test_a_broken_export_is_refused_by_name(tmp_path: Path, content: bytes, words: str) -> None:
    from reconnect_tui.core.errors import JournalError

    path = tmp_path / "file.json"
    path.write_bytes(content)
    with pytest.raises(JournalError, match=words):
        import_file(Journal(tmp_path / "j"), path)


def test_an_entry_file_never_holds_notes() -> None:
    entry = decode_entry((FIXTURES / "schema2-plain.json").read_bytes())
    note = model.Note(entry_id=entry.id, written_at=MOMENT, text="We laughed about this later.")
    with_note = msgspec.structs.replace(entry, notes=(note,))
    assert b"notes" not in encode_entry(with_note)
    assert b'"notes":[{"schema_version":2' in encode_entry_line(with_note)
    assert decode_entry(encode_entry_line(with_note)).notes == (note,)


def test_an_entry_built_in_code_round_trips() -> None:
    entry = make_entry()
    assert entry_from_dict(entry.to_dict()) == entry
    assert decode_entry(encode_entry(entry)) == entry


def test_places_past_the_two_partners_are_numbered_not_misnamed() -> None:
    from reconnect_tui.core.plainwords import _where

    assert _where(["prompts", 0, "answers", 1]) == "prompt 1's second partner's answer"
    assert _where(["prompts", 0, "answers", 2]) == "prompt 1's partner 3's answer"
    assert _where(["partners", 3, "name"]) == "partner 4's name"


def test_an_answer_s_own_answer_field_is_named_once() -> None:
    from reconnect_tui.core.plainwords import _where

    assert _where(["prompts", 0, "answers", 0, "answer"]) == "prompt 1's first partner's answer"
    assert _where(["prompts", 0, "answers", 0, "answer", 1]) == "prompt 1's first partner's answer's choice 2"
    assert _where(["people", 0, "names", 1]) == "person 1's name 2"
