from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from reconnect_tui.core.decks import (
    create_starter_deck,
    load_library,
    read_deck_file,
    shipped_deck_file,
    slugify,
)
from reconnect_tui.core.errors import DeckError

SCHEMA = Path(__file__).resolve().parents[2] / "reconnect_tui" / "schemas" / "deck.schema.json"

GOOD = """\
version: 1
gestures:
  - Make tea for two
decks:
  - id: evening
    title: Evening
    description: A short one.
    minutes: 5
    mode: open
    prompts:
      - id: first
        text: What was good today?
        tip: Listen first.
      - id: tank
        text: How full is your tank?
        kind: scale
        labels: [Empty, Low, Some, Good, Full]
      - id: pick
        text: What would help?
        kind: choice
        options: [A walk, Tea, "Yes"]
        multiple: true
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    return [str(p) for p in read_deck_file(write(tmp_path, "deck.yaml", text)).problems]


def test_a_good_file_loads_every_kind(tmp_path: Path) -> None:
    result = read_deck_file(write(tmp_path, "deck.yaml", GOOD))
    assert result.problems == []
    (deck,) = result.decks
    assert [p.kind for p in deck.prompts] == ["text", "scale", "choice"]
    assert deck.prompts[0].tip == "Listen first."
    assert deck.prompts[1].labels == ("Empty", "Low", "Some", "Good", "Full")
    assert deck.prompts[2].options == ("A walk", "Tea", "Yes") and deck.prompts[2].multiple
    assert result.gestures == ["Make tea for two"]


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, "version: 1\ndecks:\n  - id: x\n    title: [unclosed\n")
    assert "deck.yaml:" in problem and "YAML syntax" in problem
    assert ":5:" in problem or ":4:" in problem


def test_python_tags_are_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'version: 1\ndecks: !!python/object/apply:os.system ["touch {marker}"]\n'
    (problem,) = problems_of(tmp_path, text)
    assert "deck.yaml:2:" in problem and "tag" in problem and "python/object/apply" in problem
    assert not marker.exists()


def test_anchors_and_aliases_are_refused(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "version: 1\ngestures: &g [Tea]\ndecks: *g\n")
    assert problems and all("anchors and aliases" in p for p in problems)


def test_a_prompt_missing_its_text_is_named(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, GOOD.replace("        text: What was good today?\n", ""))
    assert any("a prompt is missing 'text'" in p and "deck 'evening', prompt 'first'" in p for p in problems), problems


def test_a_prompt_missing_its_id_is_named(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, GOOD.replace("      - id: first\n        text:", "      - text:"))
    assert any("a prompt is missing 'id'" in p and "deck 'evening'" in p for p in problems), problems


def test_a_deck_missing_its_id_says_what_to_add(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, GOOD.replace("  - id: evening\n    title", "  - title"))
    assert any("a deck is missing 'id'" in p and "deck.yaml:5" in p for p in problems), problems


def test_duplicate_deck_and_prompt_ids(tmp_path: Path) -> None:
    doubled = GOOD + GOOD.split("decks:\n", 1)[1]
    problems = problems_of(tmp_path, doubled)
    assert any("deck id 'evening' is used twice" in p for p in problems), problems
    same_prompt = GOOD.replace("id: tank", "id: first")
    problems = problems_of(tmp_path, same_prompt)
    assert any("prompt id 'first' is used twice" in p for p in problems), problems


def test_unknown_field_is_named_with_a_suggestion(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, GOOD.replace("tip: Listen first.", "tipp: Listen first."))
    assert "deck.yaml:13:" in problem
    assert "deck 'evening', prompt 'first'" in problem
    assert "unknown field 'tipp'" in problem and "Did you mean 'tip'?" in problem


def test_wrong_kind_is_named(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, GOOD.replace("kind: scale", "kind: slider"))
    assert "kind 'slider' is not one of: text, scale, choice" in problem and "prompt 'tank'" in problem


def test_scale_needs_five_labels(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, GOOD.replace("[Empty, Low, Some, Good, Full]", "[Empty, Full]"))
    assert "5 labels" in problem


def test_values_yaml_silently_changed_must_be_quoted(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, GOOD.replace('options: [A walk, Tea, "Yes"]', "options: [A walk, Tea, yes]"))
    assert "became true/false" in problem and 'quote it, like "yes"' in problem
    (problem,) = problems_of(tmp_path, GOOD.replace("title: Evening", "title: 1.5"))
    assert "became a number" in problem and "quote it" in problem


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, GOOD.replace("    minutes: 5\n", "    minutes: 5\n    minutes: 6\n"))
    assert "appears twice" in problem and "line 8" in problem


def test_a_newer_format_version_asks_for_an_update(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, GOOD.replace("version: 1", "version: 2"))
    assert "newer reconnect" in problem


def test_empty_and_non_utf8_files(tmp_path: Path) -> None:
    assert "is empty" in problems_of(tmp_path, "")[0]
    path = tmp_path / "latin.yaml"
    path.write_bytes("title: caf\xe9".encode("latin-1"))
    assert "UTF-8" in str(read_deck_file(path).problems[0])


def test_one_broken_deck_does_not_hide_the_others_in_its_file(tmp_path: Path) -> None:
    broken = GOOD + (
        "  - id: broken\n    title: Broken\n    description: x\n    minutes: 5\n    mode: open\n"
        "    prompts:\n      - id: only\n        txt: typo\n"
    )
    result = read_deck_file(write(tmp_path, "deck.yaml", broken))
    assert [d.id for d in result.decks] == ["evening"]
    assert any("deck 'broken'" in str(p) for p in result.problems)


def test_user_decks_merge_override_and_report(tmp_path: Path) -> None:
    shipped = write(tmp_path, "shipped.yaml", GOOD)
    decks = tmp_path / "decks"
    write(decks, "a-mine.yaml", GOOD.replace("title: Evening", "title: My evening"))
    write(decks, "b-broken.yaml", "version: 1\ndecks: [\n")
    write(decks, "c-other.yaml", GOOD.replace("id: evening", "id: morning"))
    library = load_library(decks, shipped)
    assert library.get("evening").title == "My evening"
    assert library.get("evening").source.describe() == "yours: a-mine.yaml (replaces shipped)"
    assert library.get("morning").source.describe() == "yours: c-other.yaml"
    assert any("b-broken.yaml" in str(p) for p in library.problems)


def test_same_id_in_two_user_files_names_both(tmp_path: Path) -> None:
    shipped = write(tmp_path, "shipped.yaml", GOOD.replace("id: evening", "id: shipped-one"))
    decks = tmp_path / "decks"
    write(decks, "one.yaml", GOOD)
    write(decks, "two.yaml", GOOD)
    library = load_library(decks, shipped)
    (problem,) = [str(p) for p in library.problems]
    assert "two.yaml" in problem and "one.yaml" in problem
    assert library.get("evening").source.path.name == "one.yaml"


def test_unknown_deck_lists_the_known_ones(tmp_path: Path) -> None:
    library = load_library(tmp_path / "none", write(tmp_path, "shipped.yaml", GOOD))
    with pytest.raises(DeckError, match="no deck 'nope'.*evening"):
        library.get("nope")


def test_starter_deck_is_valid_and_never_overwrites(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    path = create_starter_deck(decks, "Sunday Walks: ours!")
    assert path.name == "sunday-walks-ours.yaml"
    result = read_deck_file(path)
    assert result.problems == []
    assert result.decks[0].title == "Sunday Walks: ours!"
    before = path.read_text()
    with pytest.raises(DeckError, match="already exists"):
        create_starter_deck(decks, "sunday walks ours")
    assert path.read_text() == before
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)


def test_slugify() -> None:
    assert slugify("  Ça va? Très bien ") == "ca-va-tres-bien"
    assert slugify("!!!") == "my-deck"


def _schema_errors(text: str) -> list[str]:
    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.Draft202012Validator(schema)
    return [e.message for e in validator.iter_errors(yaml.safe_load(text))]


def test_schema_accepts_what_the_loader_accepts(tmp_path: Path) -> None:
    assert _schema_errors(GOOD) == []
    starter = create_starter_deck(tmp_path, "Mine")
    assert _schema_errors(starter.read_text()) == []
    assert _schema_errors(shipped_deck_file().read_text()) == []


@pytest.mark.parametrize(
    "change",
    [
        ("tip: Listen first.", "tipp: Listen first."),
        ("kind: scale", "kind: slider"),
        ("[Empty, Low, Some, Good, Full]", "[Empty, Full]"),
        ("    mode: open\n", ""),
        ("id: first", "id: First Prompt"),
    ],
)
def test_schema_and_loader_refuse_the_same_mistakes(tmp_path: Path, change: tuple[str, str]) -> None:
    text = GOOD.replace(*change)
    assert _schema_errors(text), change
    assert problems_of(tmp_path, text), change


def test_shipped_decks_are_found_wherever_the_package_is() -> None:
    import reconnect_tui

    path = shipped_deck_file()
    assert path.is_file()
    package = Path(reconnect_tui.__file__).resolve().parent
    source_tree = Path(__file__).resolve().parents[2]
    if not package.is_relative_to(source_tree):  # an installed copy, as CI makes
        assert path.is_relative_to(package)


def test_every_mistake_in_a_deck_is_reported_in_one_run(tmp_path: Path) -> None:
    text = (
        GOOD.replace("id: evening", "id: Evening Deck")
        .replace("    description: A short one.\n", "")
        .replace("tip: Listen first.", "tipp: Listen first.")
        .replace("[Empty, Low, Some, Good, Full]", "[Empty, Low, Full]")
    )
    problems = problems_of(tmp_path, text)
    assert any("lowercase letters" in p for p in problems)
    assert any("missing 'description'" in p for p in problems)
    assert any("unknown field 'tipp'" in p for p in problems)
    assert any("5 labels" in p for p in problems)


MODES = """\
version: 1
decks:
  - id: talk
    title: Talk
    description: Modes.
    minutes: 5
    mode: blind
    prompts:
      - id: hurt
        text: What hurt?
        mode: turns
        one_way: true
      - id: plain
        text: Anything else?
"""


def test_a_deck_and_its_prompts_have_modes(tmp_path: Path) -> None:
    result = read_deck_file(write(tmp_path, "deck.yaml", MODES))
    assert result.problems == []
    (deck,) = result.decks
    assert deck.mode == "blind"
    assert [(p.mode, p.one_way) for p in deck.prompts] == [("turns", True), (None, False)]
    jsonschema.validate(yaml.safe_load(MODES), json.loads(SCHEMA.read_text()))


def test_a_wrong_prompt_mode_or_one_way_is_named_with_its_line(tmp_path: Path) -> None:
    text = MODES.replace("mode: turns", "mode: loud").replace("one_way: true", "one_way: often")
    problems = problems_of(tmp_path, text)
    assert any("mode 'loud'" in p and "deck.yaml:11:" in p for p in problems), problems
    assert any("one_way should be true or false" in p and "deck.yaml:12:" in p for p in problems), problems
