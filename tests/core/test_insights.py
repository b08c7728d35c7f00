"""Statistics and gentle signals, computed from hand-made journals."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import msgspec
from helpers import MOMENT, fill_journal, make_entry, schema1_dict

from reconnect_tui.core.entry import Answer, Entry, FollowUp, PromptRecord
from reconnect_tui.core.insights import (
    JournalIndex,
    closeness_apart,
    gaps_growing,
    gentle_signals,
    journal_stats,
    last_checkin_line,
    passed_theme,
    since,
)
from reconnect_tui.core.journal import Journal

DAY = timedelta(days=1)


def nightly(count: int, every: timedelta = DAY, **kwargs: object) -> list[Entry]:
    return [make_entry(MOMENT + every * n, entry_id=f"e{n:04d}", **kwargs) for n in range(count)]  # type: ignore[arg-type]


def test_an_empty_journal_is_welcomed_not_judged() -> None:
    assert last_checkin_line([], MOMENT).startswith("No check-ins yet.")
    stats = journal_stats([], MOMENT)
    assert stats.count == 0 and stats.partners == [] and stats.follow_through.asked == 0
    assert [count for _, count in stats.per_month] == [0] * 12
    assert gentle_signals([], MOMENT) == []


def test_one_entry() -> None:
    (entry,) = nightly(1)
    assert last_checkin_line([entry], MOMENT + 4 * DAY) == "Your last check-in was 4 days ago."
    stats = journal_stats([entry], MOMENT)
    assert stats.count == 1 and stats.first == stats.last == entry.started_at
    assert stats.per_month[-1] == ("2026-11", 1)
    assert [p.name for p in stats.partners] == ["Alex", "Sam"]
    assert stats.partners[0].usual("before") == "In between"
    assert [p.name for p in journal_stats([entry], MOMENT, names=("Kim", "Jo")).partners] == ["Kim", "Jo"]
    assert gentle_signals([entry], MOMENT + 30 * DAY) == []  # too little to notice anything


def test_since_is_gentle_about_time() -> None:
    assert since(MOMENT, MOMENT + timedelta(hours=1)) == "today"
    assert since(MOMENT, MOMENT + DAY) == "yesterday"
    assert since(MOMENT, MOMENT + 4 * DAY) == "4 days ago"
    assert since(MOMENT, MOMENT + 21 * DAY) == "3 weeks ago"
    assert since(MOMENT, MOMENT + 100 * DAY) == "about 3 months ago"
    assert since(MOMENT, MOMENT + 800 * DAY) == "about 2 years ago"


def test_follow_through_counts_each_partners_answer() -> None:
    entries = [
        make_entry(MOMENT, "a", follow_ups=(FollowUp("Tea", "yes"), FollowUp("Walk", "partly"))),
        make_entry(MOMENT + DAY, "b", follow_ups=(FollowUp("Tea", "not_yet"), FollowUp("Walk", None))),
        make_entry(MOMENT + 2 * DAY, "c"),
    ]
    through = journal_stats(entries, MOMENT).follow_through
    assert (through.yes, through.partly, through.not_yet, through.passed) == (1, 1, 1, 1)
    assert through.sentence() == "Of 4 small gestures looked back on, 1 happened and 1 happened in part."


def test_months_without_check_ins_are_shown_as_such() -> None:
    entries = [make_entry(MOMENT - timedelta(days=60), "old"), make_entry(MOMENT, "new")]
    months = dict(journal_stats(entries, MOMENT).per_month)
    assert months["2026-09"] == 1 and months["2026-10"] == 0 and months["2026-11"] == 1


def test_growing_gaps_are_noticed_gently() -> None:
    entries = nightly(10)
    last = entries[-1].started_at
    assert gaps_growing(entries, last + DAY) is None
    signal = gaps_growing(entries, last + 6 * DAY)
    assert signal is not None and signal.deck_id == "rituals"
    assert "happens to everyone" in signal.message
    weekly = nightly(10, every=7 * DAY)
    assert gaps_growing(weekly, weekly[-1].started_at + 8 * DAY) is None  # their own rhythm is weekly


def test_closeness_far_apart_several_times_in_a_row() -> None:
    apart = nightly(3, closeness=((1, 3), (4, 4)))
    signal = closeness_apart(apart)
    assert signal is not None and signal.deck_id == "curious-not-blaming"
    assert "Nobody is wrong" in signal.message
    mixed = [*apart[:2], make_entry(MOMENT + 5 * DAY, "close", closeness=((3, 4), (4, 4)))]
    assert closeness_apart(mixed) is None
    unrated = nightly(3, closeness=((None, None), (5, 5)))
    assert closeness_apart(unrated) is None


def _with_passed_prompt(entry: Entry) -> Entry:
    passed = PromptRecord("tender", "What scares you?", "text", (Answer("passed"), Answer("answered", "x")))
    return msgspec.structs.replace(entry, prompts=(*entry.prompts, passed))


def test_a_prompt_passed_again_and_again() -> None:
    entries = [_with_passed_prompt(e) for e in nightly(3, answers=("Yes", "Also yes"))]
    signal = passed_theme(entries)
    assert signal is not None and signal.deck_id == "hard-soft-things"
    assert "“What scares you?” has been passed a few times lately" in signal.message
    assert "Passing is always fine" in signal.message
    assert passed_theme([_with_passed_prompt(e) for e in nightly(2)]) is None


def test_signals_read_a_real_journal_with_damaged_and_older_files(tmp_path: Path) -> None:
    journal = fill_journal(tmp_path, 5)
    month = tmp_path / "2026" / "11"
    (month / "broken.json").write_text("{not json")
    older = schema1_dict(make_entry(MOMENT - 40 * DAY, "older"))  # an older schema, still read
    (month / "older.json").write_text(json.dumps(older))
    loaded = journal.load()
    assert len(loaded.entries) == 6 and [p.path.name for p in loaded.problems] == ["broken.json"]
    stats = journal_stats(loaded.entries, MOMENT + 5 * DAY)
    assert stats.count == 6


def test_search_finds_every_word_anywhere_newest_first() -> None:
    entries = [
        make_entry(MOMENT, "walk", answers=("A quiet walk by the river", None)),
        make_entry(MOMENT + DAY, "tea", answers=("Tea in bed", "A walk, and tea")),
        make_entry(MOMENT + 2 * DAY, "other", deck=("weekly", "Weekly sit-down"), answers=("Plans", None)),
    ]
    index = JournalIndex.build(entries)
    assert [e.id for e in index.find("")] == ["other", "tea", "walk"]
    assert [e.id for e in index.find("WALK")] == ["tea", "walk"]
    assert [e.id for e in index.find("walk tea")] == ["tea"]
    assert [e.id for e in index.find("thank you for dinner")] == ["other", "tea", "walk"]  # appreciations too
    followed = make_entry(MOMENT + 3 * DAY, "picnic", follow_ups=(FollowUp("A picnic on Sunday", "yes"), None))
    assert [e.id for e in JournalIndex.build([*entries, followed]).find("picnic")] == ["picnic"]
    assert [e.id for e in index.find("", deck_id="weekly")] == ["other"]
    assert index.find("nowhere to be found") == []
    assert index.decks() == [("bedtime", "Bedtime check-in"), ("weekly", "Weekly sit-down")]


def test_a_ten_year_journal_is_searched_in_memory(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    for entry in nightly(400):
        journal.save(entry)
    index = JournalIndex.build(journal.load().entries)
    assert len(index.find("quiet walk")) == 400
