"""The people file: stable ids, every name a person used, colours, and schema 1 entries matched."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import msgspec
import pytest
from helpers import make_entry, schema1_dict

from reconnect_tui.core.entry import decode_entry
from reconnect_tui.core.model import COLOURS, PeopleFile
from reconnect_tui.core.people import PeopleDamaged, PeopleError, PeopleStore


def test_no_file_yet_means_nobody(tmp_path: Path) -> None:
    store = PeopleStore(tmp_path)
    assert store.people == () and store.find("Alex") is None
    assert not (tmp_path / "people.json").exists()


def test_a_person_gets_a_stable_id_and_the_next_free_colour(tmp_path: Path) -> None:
    store = PeopleStore(tmp_path)
    alex = store.add("Alex")
    sam = store.add("  Sam  ")
    assert alex.id != sam.id and alex.id.startswith("p-")
    assert (alex.colour, sam.colour) == COLOURS[:2]
    assert sam.names == ("Sam",)
    again = PeopleStore(tmp_path)
    assert [p.id for p in again.people] == [alex.id, sam.id]
    data = json.loads((tmp_path / "people.json").read_text())
    assert data["schema_version"] == 2 and data["people"][0] == {"id": alex.id, "names": ["Alex"], "colour": "rose"}
    assert oct((tmp_path / "people.json").stat().st_mode & 0o777) == oct(0o600)


def test_two_names_for_one_person_and_a_rename(tmp_path: Path) -> None:
    store = PeopleStore(tmp_path)
    alex = store.add("Alex")
    renamed = store.rename(alex.id, "Alexandra")
    assert renamed.id == alex.id and renamed.names == ("Alexandra", "Alex") and renamed.name == "Alexandra"
    assert store.find("alex") == renamed and store.find("ALEXANDRA ") == renamed
    back = store.rename(alex.id, "Alex")  # an old name becomes current again, without a copy
    assert back.names == ("Alex", "Alexandra")
    assert PeopleStore(tmp_path).get(alex.id) == back


def test_a_name_belongs_to_one_person_only(tmp_path: Path) -> None:
    store = PeopleStore(tmp_path)
    alex = store.add("Alex")
    sam = store.add("Sam")
    with pytest.raises(PeopleError, match="already in the people file"):
        store.add("alex")
    with pytest.raises(PeopleError, match="already the name of someone else"):
        store.rename(sam.id, "Alex")
    with pytest.raises(PeopleError, match="cannot be empty"):
        store.add("   ")
    with pytest.raises(PeopleError, match="nobody in the people file"):
        store.rename("p-nobody", "Kai")
    with pytest.raises(PeopleError, match="not one of"):
        store.recolour(alex.id, "neon")
    assert store.recolour(alex.id, "teal").colour == "teal"
    assert store.find_or_add("Sam") == sam and store.find_or_add("Kai").name == "Kai"


def test_schema_1_entries_are_matched_by_any_name_used(tmp_path: Path) -> None:
    store = PeopleStore(tmp_path)
    alex = store.add("Alex")
    store.rename(alex.id, "Alexandra")
    sam = store.add("Sam")
    old = decode_entry(json.dumps(schema1_dict(make_entry(names=("Alex", "Sam")))).encode())
    assert old.person_ids == (None, None)
    assert store.match(old) == (store.get(alex.id), sam)
    stranger = decode_entry(json.dumps(schema1_dict(make_entry(names=("Robin", "Sam")))).encode())
    assert store.match(stranger) == (None, sam)


def test_schema_2_entries_are_matched_by_id_first(tmp_path: Path) -> None:
    store = PeopleStore(tmp_path)
    alex = store.add("Alex")
    sam = store.add("Sam")
    entry = make_entry(names=("Sam", "Someone"))  # the names of the time may differ
    partners = (
        msgspec.structs.replace(entry.partners[0], person_id=alex.id),
        msgspec.structs.replace(entry.partners[1], person_id=sam.id),
    )
    assert store.match(msgspec.structs.replace(entry, partners=partners)) == (alex, sam)


def test_six_people_use_every_colour_then_they_repeat(tmp_path: Path) -> None:
    store = PeopleStore(tmp_path)
    colours = [store.add(f"Person {n}").colour for n in range(len(COLOURS) + 1)]
    assert colours[: len(COLOURS)] == list(COLOURS) and colours[-1] in COLOURS


def test_the_couple_who_last_began_a_check_in_is_noted_and_kept_through_changes(tmp_path: Path) -> None:
    store = PeopleStore(tmp_path)
    assert store.couple is None  # a file from before the couple was noted reads as before
    maya, jonas, kim = store.add("Maya"), store.add("Jonas"), store.add("Kim")
    store.note_couple(maya.id, jonas.id)
    store.rename(maya.id, "May")
    store.note_couple(jonas.id, maya.id)  # the same two, the other way round: nothing to write
    assert PeopleStore(tmp_path).couple == (maya.id, jonas.id)
    store.note_couple(kim.id, jonas.id)
    assert PeopleStore(tmp_path).couple == (kim.id, jonas.id)
    with pytest.raises(PeopleError, match="nobody in the people file has the id"):
        store.note_couple(maya.id, "p-00000000")


def test_a_change_made_in_another_window_is_not_lost(tmp_path: Path) -> None:
    one, two = PeopleStore(tmp_path), PeopleStore(tmp_path)
    assert one.people == () and two.people == ()
    one.add("Alex")
    two.add("Sam")
    assert [p.name for p in PeopleStore(tmp_path).people] == ["Alex", "Sam"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"{ not json", "it is not valid JSON"),
        (b'{"schema_version": 2, "people": [{"id": "p-1", "names": [], "colour": "rose"}]}', "person 1's names: 0 given, there must be at least one"),
        (b'{"schema_version": 2, "people": [{"id": "p-1", "names": ["A"], "colour": "neon"}]}', "one of rose"),
        (b'{"schema_version": 2, "people": [{"id": "p 1", "names": ["A"], "colour": "rose"}]}', "made of letters"),
        (
            b'{"schema_version": 2, "people": [{"id": "p-1", "names": ["A"], "colour": "rose"},'
            b' {"id": "p-1", "names": ["B"], "colour": "sky"}]}',
            "two people have the same id",
        ),
        (b'{"schema_version": 3, "people": []}', "newer reconnect"),
        (b"[]", "it is not a people file"),
        (
            b'{"schema_version": 2, "people": [{"id": "p-1", "names": ["A"], "colour": "rose"}],'
            b' "couple": ["p-1", "p-2"]}',
            "the couple must be two different people of the file",
        ),
    ],
    ids=["not-json", "no-names", "colour", "id", "same-id", "newer", "list", "couple"],
)
def test_a_damaged_people_file_is_named_and_never_overwritten(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "people.json"
    path.write_bytes(content)
    store = PeopleStore(tmp_path)
    with pytest.raises(PeopleDamaged, match=words):
        store.load()
    with pytest.raises(PeopleDamaged):
        store.add("Alex")
    assert path.read_bytes() == content
    kept = store.set_aside()
    assert kept.read_bytes() == content and not path.exists()
    assert store.add("Alex").name == "Alex"


def test_the_people_file_carries_a_bom_well(tmp_path: Path) -> None:
    store = PeopleStore(tmp_path)
    store.add("Zoë")
    path = tmp_path / "people.json"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert PeopleStore(tmp_path).find("zoë") is not None


def test_the_people_file_has_a_schema_too() -> None:
    schema = msgspec.json.schema(PeopleFile)
    jsonschema.Draft202012Validator(schema).validate(
        {"schema_version": 2, "people": [{"id": "p-1", "names": ["Alex"], "colour": "rose"}]}
    )


def test_a_locked_journals_people_file_is_encrypted_and_a_plain_one_is_replaced(tmp_path: Path) -> None:
    from reconnect_tui.core.lockbox import Key

    key = Key.generate()
    before = PeopleStore(tmp_path)  # a plain file from before the journal was locked
    alex = before.add("Alexandrina")
    locked = PeopleStore(tmp_path, key)
    assert locked.get(alex.id) is not None, "the plain file is still read"
    locked.add("Samwise")
    assert not (tmp_path / "people.json").exists()
    sealed = (tmp_path / "people.json.age").read_bytes()
    assert b"Alexandrina" not in sealed and b"Samwise" not in sealed
    assert [p.name for p in PeopleStore(tmp_path, key).people] == ["Alexandrina", "Samwise"]
    assert PeopleStore(tmp_path).people == ()  # without the key nothing is read, and nothing plain is left


def test_a_damaged_encrypted_people_file_is_named_and_left_as_it_is(tmp_path: Path) -> None:
    from reconnect_tui.core.lockbox import Key

    (tmp_path / "people.json.age").write_bytes(b"age-encryption.org/v1\nnot really")
    with pytest.raises(PeopleDamaged, match="people.json.age"):
        PeopleStore(tmp_path, Key.generate()).load()
    assert (tmp_path / "people.json.age").read_bytes() == b"age-encryption.org/v1\nnot really"
