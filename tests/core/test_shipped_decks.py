"""The decks we ship: the whole set is there, well formed, and kind in its words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from reconnect_tui.cli.commands import app
from reconnect_tui.core.decks import Deck, read_deck_file, shipped_deck_file
from reconnect_tui.core.wording import care_note_gaps, is_about_safety

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
    "what-we-want",
    "play",
    "knowing-now",
]
# Decks meant for the end of the day; every other deck may be used at any hour, by
# couples who live apart or work shifts, so it never assumes an evening.
EVENING_DECKS = {"bedtime"}
EVENING_WORDS = [r"\btonight\b", r"\bnight\b", r"\bevenings?\b", r"\bdinner\b", r"\bbedtime\b", r"\bin bed\b"]
# Gestures that work apart (a message, a call), cost nothing and need no touch: the
# lint keeps the tally, so a couple apart this week always has real choices.
APART_FREE_NO_TOUCH = [
    "Send a kind message in the middle of the day",
    "Send a photo of something that made you think of them",
    "Text them a favourite memory from early on",
    "Send a voice message about one small thing in your day",
    "Wish them luck before something hard in their day",
    "Later, ask how that hard thing went",
    "Send a song that made you think of them",
    "Tell them one thing they did this week that helped you",
    "Call for five minutes just to hear how they are",
    "Tell them one thing you are looking forward to with them",
    "Share a small worry before it grows",
    "Pick a time to be in touch each day, and keep it",
    "Read the same short thing and swap one thought about it",
]
TOUCH = [r"\bhugs?\b", r"\bkiss", r"\bhand\b", r"\bhold hands\b", r"\bcuddle", r"\bside by side\b", r"\bsit close\b"]
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
        assert deck.description and deck.minutes and deck.mode in ("open", "blind", "turns"), deck.id
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
    assert repair.gestures, "repair offers gestures of its own"


def test_every_care_note_says_all_of_it(shipped: list[Deck]) -> None:
    care = [deck for deck in shipped if deck.note and is_about_safety(deck.note)]
    assert "repair" in [deck.id for deck in care]
    for deck in care:
        assert care_note_gaps(deck.note or "") == [], deck.id


def test_the_care_lint_catches_a_half_note() -> None:
    half = "reconnect is not therapy. If you feel unsafe, call a couples therapist together."
    assert is_about_safety(half)
    assert "points them first to support of their own or a domestic-violence line" in care_note_gaps(half)
    assert "names emergency services for danger" in care_note_gaps(half)


def test_repair_goes_in_the_order_that_helps(shipped: list[Deck]) -> None:
    repair = next(d for d in shipped if d.id == "repair")
    ids = [p.id for p in repair.prompts]
    order = ["ready", "felt", "what-happened", "older-story", "own-part", "apology", "go-on", "differently", "kind-today"]
    assert [i for i in ids if i in order] == order
    ready = repair.prompts[0]
    assert ready.id == "ready" and ready.kind == "choice" and any("not yet" in o.lower() for o in ready.options)
    by_id = {p.id: p for p in repair.prompts}
    assert "only if you want" in (by_id["older-story"].tip or "").lower()
    assert "gift" not in (by_id["older-story"].tip or "").lower()
    assert "not something you have to own" in (by_id["own-part"].tip or "")
    assert "I'm sorry I" in by_id["apology"].text and "not \"I'm sorry it hurt\"" in (by_id["apology"].tip or "")


def test_repair_gestures_say_whose_they_are(shipped: list[Deck]) -> None:
    repair = next(d for d in shipped if d.id == "repair")
    marks = ("If you hurt them: ", "If you were hurt: ", "Either of you: ", "If you both want more help: ")
    assert all(g.startswith(marks) for g in repair.gestures), [g for g in repair.gestures if not g.startswith(marks)]
    assert any(g.startswith(marks[0]) for g in repair.gestures)
    assert any(g.startswith(marks[1]) for g in repair.gestures)
    assert not any("sorry it hurt" in g.lower() for g in repair.gestures)


def test_no_gesture_pushes_anyone_into_therapy_together() -> None:
    loaded = read_deck_file(shipped_deck_file(), shipped=True)
    everything = list(loaded.gestures) + [g for deck in loaded.decks for g in deck.gestures]
    for gesture in everything:
        if "therap" in gesture.lower():
            assert "if you both want" in gesture.lower(), gesture


def test_no_evening_words_outside_the_evening_decks(shipped: list[Deck]) -> None:
    loaded = read_deck_file(shipped_deck_file(), shipped=True)
    texts = [("gestures", g) for g in loaded.gestures]
    for deck in shipped:
        if deck.id in EVENING_DECKS:
            continue
        texts += [(deck.id, deck.title), (deck.id, deck.description), (deck.id, deck.note or "")]
        texts += [(deck.id, g) for g in deck.gestures]
        for prompt in deck.prompts:
            texts += [(f"{deck.id}/{prompt.id}", t) for t in (prompt.text, prompt.tip or "", *prompt.options)]
    found = [(where, text) for where, text in texts for word in EVENING_WORDS if re.search(word, text, re.IGNORECASE)]
    assert found == []


def test_the_evening_lint_would_catch_one() -> None:
    assert any(re.search(w, "Is there anything you are glad we said tonight?") for w in EVENING_WORDS)
    assert any(re.search(w, "What does an ordinary evening look like?") for w in EVENING_WORDS)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z ]", " ", text.lower()).split())


def repeated_prompts(decks: list[Deck]) -> list[tuple[str, str]]:
    """Prompts asked twice across the set, letter for letter once case and punctuation go."""
    seen: dict[str, str] = {}
    repeats = []
    for deck in decks:
        for prompt in deck.prompts:
            key = _words(prompt.text)
            if key in seen:
                repeats.append((seen[key], f"{deck.id}/{prompt.id}"))
            seen.setdefault(key, f"{deck.id}/{prompt.id}")
    return repeats


def test_no_prompt_is_asked_twice_across_the_set(shipped: list[Deck]) -> None:
    assert repeated_prompts(shipped) == []


def test_the_repeat_lint_would_catch_one(shipped: list[Deck]) -> None:
    bedtime = shipped[0]
    data = bedtime.to_dict()
    data["id"] = "echo"
    data["prompts"] = [{**data["prompts"][0], "id": "again", "text": bedtime.prompts[1].text.upper() + "!"}]
    echo = Deck.from_dict(data)
    assert repeated_prompts([bedtime, echo]) == [(f"bedtime/{bedtime.prompts[1].id}", "echo/again")]


def test_gestures_work_apart_and_touch_is_asked_not_assumed() -> None:
    loaded = read_deck_file(shipped_deck_file(), shipped=True)
    assert len([g for g in APART_FREE_NO_TOUCH if g in loaded.gestures]) >= 8
    for gesture in APART_FREE_NO_TOUCH:
        assert not any(re.search(w, gesture, re.IGNORECASE) for w in TOUCH), gesture
    everything = list(loaded.gestures) + [g for deck in loaded.decks for g in deck.gestures]
    for gesture in everything:
        if any(re.search(w, gesture, re.IGNORECASE) for w in TOUCH):
            assert "if you both like it" in gesture.lower(), gesture
        assert "real hug" not in gesture.lower(), gesture


def test_the_barriers_include_health_and_distance(shipped: list[Deck]) -> None:
    barriers = next(p for p in next(d for d in shipped if d.id == "in-the-way").prompts if p.id == "barriers")
    options = " | ".join(barriers.options).lower()
    assert "health, grief or worry" in options
    assert "distance or different schedules" in options


def test_curious_not_blaming_starts_softly_and_says_so(shipped: list[Deck]) -> None:
    deck = next(d for d in shipped if d.id == "curious-not-blaming")
    tips = " ".join(p.tip or "" for p in deck.prompts)
    assert "I feel … about … and I need …" in tips
    first = deck.prompts[0]
    assert "out loud" in first.text and "understand" in (first.tip or "")


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


def test_each_deck_answers_in_the_mode_that_serves_it(shipped: list[Deck]) -> None:
    decks = {deck.id: deck for deck in shipped}

    def modes(deck_id: str) -> set[str]:
        deck = decks[deck_id]
        return {prompt.mode or deck.mode for prompt in deck.prompts}

    assert modes("bedtime") == {"open"}  # the everyday ritual stays quick
    assert "turns" in modes("repair") and "turns" in modes("hard-soft-things")
    weekly = {p.id: p.mode for p in decks["weekly"].prompts}
    assert weekly["one-thing"] == "turns"
    assert decks["noticing-drift"].mode == "blind"  # ratings private too
    for deck in shipped:
        if modes(deck.id) != {"open"}:
            words = f"{deck.description} {deck.note or ''}".lower()
            assert "privately" in words or "says back what they heard" in words, deck.id
