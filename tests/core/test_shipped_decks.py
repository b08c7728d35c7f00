"""The decks we ship: the whole set is there, well formed, and kind in its words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from reconnect_tui.cli import app
from reconnect_tui.core.decks import Deck, read_deck_file, shipped_deck_file

SCHEMA = Path(__file__).resolve().parents[2] / "reconnect_tui" / "schemas" / "deck.schema.json"
EXPECTED = [
    "bedtime",
    "noticing-drift",
    "in-the-way",
    "curious-not-blaming",
    "beyond-logistics",
    "rituals",
    "small-gestures",
    "hard-soft-things",
    "repair",
    "weekly",
]
# Words and phrases that blame, shame, generalise or pathologise. A prompt is an
# invitation; none of these belong in one.
BLAMING = [
    r"\balways\b",
    r"\bnever\b",
    r"\bfault\b",
    r"\bblame",
    r"\bwhy don'?t you\b",
    r"\bwhy can'?t you\b",
    r"\byou should\b",
    r"\byou need to\b",
    r"\byour problem\b",
    r"\bwhat'?s wrong with you\b",
    r"\blazy\b",
    r"\bselfish\b",
    r"\bnag",
    r"\bcrazy\b",
    r"\bdysfunction",
    r"\btrauma",
    r"\battachment style\b",
    r"\bdisorder\b",
]


@pytest.fixture(scope="module")
def shipped() -> list[Deck]:
    loaded = read_deck_file(shipped_deck_file(), shipped=True)
    assert loaded.problems == []
    return loaded.decks


def test_the_file_validates_against_the_schema() -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(shipped_deck_file().read_text()))


def test_the_whole_set_is_there_in_order(shipped: list[Deck]) -> None:
    assert [deck.id for deck in shipped] == EXPECTED
    assert shipped[0].id == "bedtime"  # the default, first in every list


def test_each_deck_has_what_a_couple_needs(shipped: list[Deck]) -> None:
    for deck in shipped:
        assert 5 <= len(deck.prompts) <= 12, deck.id
        assert deck.description and deck.minutes and deck.mode == "open", deck.id
        assert len({p.id for p in deck.prompts}) == len(deck.prompts), deck.id
        assert any(p.tip for p in deck.prompts), f"{deck.id} has no tips at all"
    by_id = {deck.id: deck for deck in shipped}
    assert 8 <= by_id["bedtime"].minutes <= 12
    assert 30 <= by_id["weekly"].minutes <= 45


def test_the_prompt_kinds_are_used_where_they_fit(shipped: list[Deck]) -> None:
    kinds = {p.kind for deck in shipped for p in deck.prompts}
    assert kinds == {"text", "scale", "choice"}
    barriers = [p for p in next(d for d in shipped if d.id == "in-the-way").prompts if p.kind == "choice"]
    assert barriers and barriers[0].multiple
    scales = [p for deck in shipped for p in deck.prompts if p.kind == "scale"]
    assert scales and not any("close" in p.text.lower() for p in scales), (
        "closeness is rated by the check-in itself, before and after, not by a deck's scale"
    )


def test_gestures_are_plenty_and_concrete() -> None:
    loaded = read_deck_file(shipped_deck_file(), shipped=True)
    assert len(loaded.gestures) >= 20
    assert len(set(loaded.gestures)) == len(loaded.gestures)
    assert all(len(g) <= 60 for g in loaded.gestures)


def test_repair_opens_with_a_note_of_care(shipped: list[Deck]) -> None:
    repair = next(d for d in shipped if d.id == "repair")
    note = (repair.note or "").lower()
    assert "not therapy" in note
    assert "couples therapist" in note
    assert "emergency services" in note
    assert "domestic-violence support line" in note
    assert repair.gestures, "repair offers gestures of its own"


def test_no_prompt_blames_or_labels(shipped: list[Deck]) -> None:
    loaded = read_deck_file(shipped_deck_file(), shipped=True)
    texts = [("gesture", g) for g in loaded.gestures]
    for deck in shipped:
        texts += [(deck.id, deck.title), (deck.id, deck.description), (deck.id, deck.note or "")]
        texts += [(deck.id, g) for g in deck.gestures]
        for prompt in deck.prompts:
            texts += [(f"{deck.id}/{prompt.id}", prompt.text), (f"{deck.id}/{prompt.id}", prompt.tip or "")]
            texts += [(f"{deck.id}/{prompt.id}", option) for option in prompt.options + prompt.labels]
    found = [(where, text) for where, text in texts for word in BLAMING if re.search(word, text, re.IGNORECASE)]
    assert found == []


def test_the_lint_would_catch_a_blaming_prompt() -> None:
    examples = ["Why don't you ever listen?", "You always do this.", "Whose fault was it?"]
    assert all(any(re.search(word, text, re.IGNORECASE) for word in BLAMING) for text in examples)


def test_prompts_are_short_enough_for_a_small_terminal(shipped: list[Deck]) -> None:
    for deck in shipped:
        for prompt in deck.prompts:
            assert len(prompt.text) <= 140, f"{deck.id}/{prompt.id}"
            assert len(prompt.tip or "") <= 90, f"{deck.id}/{prompt.id}"
            assert all(len(label) <= 16 for label in prompt.labels), f"{deck.id}/{prompt.id}"


@pytest.mark.parametrize("deck_id", EXPECTED)
def test_every_deck_is_shown_by_decks_show(deck_id: str, shipped: list[Deck]) -> None:
    result = CliRunner().invoke(app, ["decks", "show", deck_id])
    assert result.exit_code == 0
    deck = next(d for d in shipped if d.id == deck_id)
    shown = " ".join(result.stdout.split())
    assert deck.title in shown
    assert all(" ".join(prompt.text.split()) in shown for prompt in deck.prompts)
