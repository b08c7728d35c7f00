"""Sizes: a deck can never make a check-in write what it cannot read back, and a draft
carries only what the check-in needs.

Found on the way: a deck whose prompt was 600 characters long loaded, and every
check-in with it wrote an entry that the journal then called damaged (the entry
model reads prompt texts up to 500), and its draft was set aside on resume. A 150,000
character answer did the same. And a draft carried the whole deck, description and
all, rewritten every second while anyone typed.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from helpers import MOMENT, make_deck

from reconnect_tui.core.decks import MAX_GESTURES, DeckLibrary, read_deck_file
from reconnect_tui.core.drafts import DraftStore
from reconnect_tui.core.errors import DraftError, JournalError
from reconnect_tui.core.journal import EntryExists, EntryUnreadable, Journal
from reconnect_tui.core.session import CheckinSession

NOW = datetime(2026, 11, 26, 21, 40, tzinfo=timezone.utc)


def deck_text(**change: str) -> str:
    fields = {
        "id": "long", "title": "A long one", "description": "For tests.", "prompt_id": "p1",
        "text": "What was good today?", "tip": "Listen first.", "extra_deck": "", "extra_prompt": "",
    }
    fields.update(change)
    return (
        "version: 1\n"
        "decks:\n"
        f"  - id: {fields['id']}\n"
        f"    title: {fields['title']}\n"
        f"    description: {fields['description']}\n"
        "    minutes: 10\n"
        "    mode: open\n"
        f"{fields['extra_deck']}"
        "    prompts:\n"
        f"      - id: {fields['prompt_id']}\n"
        f"        text: {fields['text']}\n"
        f"        tip: {fields['tip']}\n"
        f"{fields['extra_prompt']}"
        "  - id: short\n"
        "    title: Short and fine\n"
        "    description: Still loads.\n"
        "    minutes: 5\n"
        "    mode: open\n"
        "    prompts:\n"
        "      - id: one\n"
        "        text: How are you?\n"
    )


def options(count: int, length: int = 10) -> str:
    return "        kind: choice\n        options:\n" + "".join(
        f"          - {f'option {n} '.ljust(length, 'x')}\n" for n in range(count)
    )


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"title": "t" * 501}, "the title is 501 characters long; reconnect keeps at most 500"),
        ({"text": "w" * 600}, "the prompt text is 600 characters long; reconnect keeps at most 500"),
        ({"tip": "w" * 2001}, "the tip is 2,001 characters long; reconnect keeps at most 2,000"),
        ({"description": "d" * 100_001}, "the description is 100,001 characters long"),
        ({"id": "a" * 101}, "the deck id is 101 characters long; reconnect keeps at most 100"),
        ({"prompt_id": "a" * 101}, "the prompt id is 101 characters long"),
        ({"extra_prompt": options(3, 501)}, "option item 1 is 501 characters long"),
        ({"extra_prompt": options(101)}, "has 101 items; reconnect keeps at most 100"),
        ({"extra_deck": "    gestures:\n" + "      - a gesture\n" * 101}, "has 101 items; reconnect keeps at most 100"),
    ],
    ids=["title", "prompt-text", "tip", "description", "deck-id", "prompt-id", "option", "options", "gestures"],
)
def test_a_deck_past_what_a_check_in_keeps_is_a_named_problem(tmp_path: Path, change: dict, words: str) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(deck_text(**change))
    loaded = read_deck_file(path)
    assert [deck.id for deck in loaded.decks] == ["short"]  # the other deck still loads
    assert loaded.problems and words in str(loaded.problems[0])
    assert all("long.yaml:" in str(problem) for problem in loaded.problems)


SCHEMA = Path(__file__).resolve().parents[2] / "reconnect_tui" / "schemas" / "deck.schema.json"


@pytest.mark.parametrize(
    "change",
    [{"title": "t" * 501}, {"text": "w" * 501}, {"tip": "w" * 2001}, {"description": "d" * 100_001},
     {"id": "a" * 101}, {"extra_prompt": options(3, 501)}, {"extra_prompt": options(101)},
     {"extra_deck": "    gestures:\n" + "      - a gesture\n" * 101}],
    ids=["title", "prompt-text", "tip", "description", "deck-id", "option", "options", "gestures"],
)
def test_the_shipped_deck_schema_refuses_what_the_loader_refuses(change: dict) -> None:
    """An editor checking against deck.schema.json says the same as `decks validate`."""
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    assert list(validator.iter_errors(yaml.safe_load(deck_text()))) == []
    assert list(validator.iter_errors(yaml.safe_load(deck_text(**change))))


def test_a_deck_of_too_many_prompts_is_refused_and_told_to_split(tmp_path: Path) -> None:
    prompts = "".join(f"      - id: p{n}\n        text: Question {n}?\n" for n in range(201))
    path = tmp_path / "many.yaml"
    path.write_text("version: 1\ndecks:\n  - id: many\n    title: Many\n    description: d\n    minutes: 10\n"
                    "    mode: open\n    prompts:\n" + prompts)
    loaded = read_deck_file(path)
    assert loaded.decks == []
    assert "201 prompts; a deck can have at most 200, so split it" in str(loaded.problems[0])


def test_a_deck_whose_prompts_hold_more_than_a_draft_keeps_is_refused(tmp_path: Path) -> None:
    """Each field within its limit, the whole past 1 MB: 200 prompts of 100 options."""
    prompts = "".join(
        f"      - id: p{n}\n        text: Question {n}?\n" + options(100, 60) for n in range(200)
    )
    path = tmp_path / "huge.yaml"
    path.write_text("version: 1\ndecks:\n  - id: huge\n    title: Huge\n    description: d\n    minutes: 10\n"
                    "    mode: open\n    prompts:\n" + prompts)
    assert path.stat().st_size < 4 * 1024 * 1024  # under the file limit: the deck limit speaks
    loaded = read_deck_file(path)
    assert loaded.decks == []
    assert "KB of text; a check-in keeps at most 1,024 KB of a deck in its draft" in str(loaded.problems[0])


def test_a_deck_file_past_the_file_limit_is_named_not_read(tmp_path: Path) -> None:
    path = tmp_path / "twenty.yaml"
    with path.open("wb") as out:
        out.write(deck_text(description="x").encode())
        out.write(b"# " + b"x" * (20 * 1024 * 1024) + b"\n")
    loaded = read_deck_file(path)
    assert loaded.decks == [] and "larger than reconnect reads for a deck file (4 MB)" in str(loaded.problems[0])


def test_a_draft_keeps_the_prompts_asked_not_the_deck_around_them(tmp_path: Path) -> None:
    path = tmp_path / "wordy.yaml"
    path.write_text(deck_text(description="d" * 90_000, extra_deck="    gestures:\n" + "      - a gesture\n" * 50))
    deck = next(deck for deck in read_deck_file(path).decks if deck.id == "long")
    session = CheckinSession(deck=deck, partners=("Alex", "Sam"), started_at=MOMENT, gestures=deck.gestures)
    session.go_next()
    session.set_answer(0, 0, "Words kept")
    store = DraftStore(tmp_path / "drafts")
    store.save(session.to_dict(), NOW)
    assert store.path.stat().st_size < 10_000  # not the 90 KB description
    saved = json.loads(store.path.read_text())["session"]
    assert saved["deck"]["description"] == "" and "gestures" not in saved["deck"]
    assert len(saved["gestures"]) == 50  # the session keeps the gestures it offers
    resumed = CheckinSession.from_dict(store.load())
    assert resumed.deck.prompts == deck.prompts and resumed.answer(0, 0).value == "Words kept"
    assert resumed.gestures == deck.gestures


def test_the_gestures_offered_are_at_most_what_a_draft_keeps() -> None:
    deck = make_deck(1)
    library = DeckLibrary({deck.id: deck}, tuple(f"gesture {n}" for n in range(150)), [])
    offered = library.gestures_for(deck)
    assert len(offered) == MAX_GESTURES == 100
    session = CheckinSession(deck=deck, partners=("Alex", "Sam"), started_at=MOMENT, gestures=offered)
    assert CheckinSession.from_dict(json.loads(json.dumps(session.to_dict()))).gestures == offered


def long_answer_session() -> CheckinSession:
    session = CheckinSession(deck=make_deck(2), partners=("Alex", "Sam"), started_at=MOMENT)
    session.go_next()
    session.set_answer(0, 0, "x" * 150_000)
    return session


def test_an_entry_that_would_not_read_back_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    entry = long_answer_session().finish(NOW)
    with pytest.raises(EntryUnreadable, match="was not saved, because prompt 1's first partner's answer") as caught:
        journal.save(entry)
    assert "at most 100000 characters" in str(caught.value)
    assert not any(p.is_file() for p in (tmp_path / "journal").rglob("*"))
    with pytest.raises(EntryUnreadable):
        journal.update(entry)
    assert not any(p.is_file() for p in (tmp_path / "journal").rglob("*"))


def test_an_entry_already_in_the_journal_is_told_apart() -> None:
    """The check-in screen replaces its own entry only for this refusal, never for another."""
    assert issubclass(EntryExists, JournalError) and not issubclass(EntryUnreadable, EntryExists)


def test_a_draft_that_would_not_read_back_is_not_written_and_the_last_one_stays(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "drafts")
    session = CheckinSession(deck=make_deck(2), partners=("Alex", "Sam"), started_at=MOMENT)
    session.go_next()
    session.set_answer(0, 0, "Kept from a moment ago")
    store.save(session.to_dict(), NOW)
    before = store.path.read_bytes()
    session.set_answer(0, 1, "x" * 150_000)
    with pytest.raises(DraftError, match="the draft was not saved, because the session's .* at most 100000 characters"):
        store.save(session.to_dict(), NOW)
    assert store.path.read_bytes() == before
    assert CheckinSession.from_dict(store.load()).answer(0, 0).value == "Kept from a moment ago"


def test_a_deck_at_every_limit_gives_drafts_and_entries_that_read_back(tmp_path: Path) -> None:
    """The other side of the refusals: right at the limits, nothing is called damaged later."""
    path = tmp_path / "full.yaml"
    path.write_text(deck_text(id="a" * 100, title="t" * 500, description="d" * 100_000, prompt_id="p" * 100,
                              text="w" * 500, tip="h" * 2000, extra_prompt=options(100, 500)))
    loaded = read_deck_file(path)
    assert loaded.problems == [] and len(loaded.decks) == 2
    deck = loaded.decks[0]
    session = CheckinSession(deck=deck, partners=("A" * 200, "Sam"), started_at=MOMENT)
    session.go_next()
    session.set_answer(0, 0, (deck.prompts[0].options[99],))
    store = DraftStore(tmp_path / "drafts")
    store.save(session.to_dict(), NOW)
    resumed = CheckinSession.from_dict(store.load())
    journal = Journal(tmp_path / "journal")
    journal.save(resumed.finish(NOW))
    assert journal.load().problems == [] and journal.load().entries[0].prompts[0].text == "w" * 500
