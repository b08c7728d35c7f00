"""Property tests: whatever a deck file holds, reading it gives decks or named problems.

Generated YAML-shaped documents, arbitrary text, and small mutations of a valid
deck: `read_deck_file` must never raise and never hang (deadline off: the shared
CI machine is slow, a hang is caught by pytest-timeout).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconnect_tui.core.decks import DeckFile, DeckProblem, read_deck_file

VALID = """\
version: 1
gestures: [Make tea for two]
decks:
  - id: sunday-walks
    title: Sunday walks
    description: For a slow talk on a Sunday.
    minutes: 15
    mode: open
    prompts:
      - id: on-your-mind
        text: What has been on your mind this week?
        tip: Listen first.
      - id: energy
        text: How much energy do you have?
        kind: scale
        labels: [Very little, A little, Some, Quite a lot, Plenty]
      - id: together
        text: What would you enjoy?
        kind: choice
        options: [A walk, Cooking, "Yes"]
        multiple: true
"""

FOLDER = Path(tempfile.mkdtemp(prefix="reconnect-hypothesis-"))
SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
                    st.dates())
json_like = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                         | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=30)
deck_like = st.fixed_dictionaries(
    {"version": st.one_of(st.just(1), scalars), "decks": st.lists(
        st.dictionaries(st.sampled_from(["id", "title", "description", "minutes", "mode", "prompts", "note",
                                         "gestures", "extra"]), json_like, max_size=8), max_size=3)},
    optional={"gestures": json_like},
)


def read(text: str | bytes) -> DeckFile:
    path = FOLDER / "deck.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    return read_deck_file(path)


def holds(result: DeckFile) -> None:
    assert isinstance(result, DeckFile)
    assert result.decks or result.problems or result.gestures is not None
    for problem in result.problems:
        assert isinstance(problem, DeckProblem)
        line = str(problem)
        assert "\n" not in line and "\x1b" not in line


def test_the_valid_deck_is_valid() -> None:
    result = read(VALID)
    assert [d.id for d in result.decks] == ["sunday-walks"] and not result.problems


@SETTINGS
@given(deck_like)
def test_any_yaml_shaped_deck_gives_decks_or_named_problems(document: dict) -> None:
    holds(read(yaml.safe_dump(document, allow_unicode=True)))


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_gives_decks_or_named_problems(text: str) -> None:
    holds(read(text))


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_give_decks_or_named_problems(data: bytes) -> None:
    holds(read(data))


@SETTINGS
@given(st.data())
def test_mutations_of_a_valid_deck_give_decks_or_named_problems(data: st.DataObject) -> None:
    text = VALID
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["insert", "delete", "swap-lines", "duplicate-line"]))
        if action == "insert":
            text = text[:at] + data.draw(st.text(min_size=1, max_size=8)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + data.draw(st.integers(1, 10)):]
        else:
            lines = text.splitlines(keepends=True)
            i = data.draw(st.integers(0, len(lines) - 1))
            j = data.draw(st.integers(0, len(lines) - 1))
            if action == "swap-lines":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines.insert(j, lines[i])
            text = "".join(lines)
    holds(read(text))
