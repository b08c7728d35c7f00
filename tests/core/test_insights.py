"""Statistics and gentle signals, computed from hand-made journals."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import msgspec
from helpers import MOMENT, fill_journal, make_entry, schema1_dict

from reconnect_tui.core.entry import Answer, Entry, FollowUp, PromptRecord
from reconnect_tui.core.insights import (
    FollowThrough,
    JournalIndex,
    closeness_apart,
    closeness_together,
    gaps_growing,
    gentle_signals,
    journal_stats,
    last_checkin_line,
    lower_now_line,
    next_time_line,
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
    assert stats.per_month == []  # no months before the first check-in
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
    assert through.sentence() == "Many of the small gestures you chose have happened, at least in part."


def test_follow_through_is_said_in_words_never_a_tally() -> None:
    def said(yes: int, partly: int, not_yet: int, passed: int = 0) -> str:
        return FollowThrough(yes, partly, not_yet, passed).sentence()

    assert said(0, 0, 0) == said(0, 0, 0, passed=3) == "No small gestures have been looked back on yet."
    assert said(1, 0, 0) == "Most of the small gestures you chose have happened, at least in part."
    assert said(7, 3, 2).startswith("Most of")
    assert said(1, 1, 2).startswith("Many of")
    assert said(1, 0, 4).startswith("Some of") and "Smaller ones" in said(1, 0, 4)
    assert said(0, 0, 3).startswith("The small gestures you chose have not happened yet. That is common")
    for sentence in (said(1, 0, 0), said(7, 3, 2), said(1, 0, 4), said(0, 0, 3), said(12, 0, 0)):
        assert not re.search(r"\d", sentence), "no counts, no tally"


def test_months_without_check_ins_are_shown_as_such() -> None:
    entries = [make_entry(MOMENT - timedelta(days=60), "old"), make_entry(MOMENT, "new")]
    months = dict(journal_stats(entries, MOMENT).per_month)
    assert months == {"2026-09": 1, "2026-10": 0, "2026-11": 1}  # nothing before the first


def test_a_long_journal_shows_the_last_twelve_months() -> None:
    entries = [make_entry(MOMENT - timedelta(days=30 * n), f"m{n}") for n in range(20)]
    months = journal_stats(entries, MOMENT).per_month
    assert len(months) == 12 and months[-1][0] == "2026-11" and months[0][0] == "2025-12"


def test_the_gap_rule_follows_a_nightly_couples_own_rhythm() -> None:
    entries = nightly(30)
    last = entries[-1].started_at
    assert gaps_growing(entries, last + DAY) is None
    assert gaps_growing(entries, last + 4 * DAY) is None  # four quiet days is not a signal
    signal = gaps_growing(entries, last + 8 * DAY)
    assert signal is not None and signal.deck_id == "rituals"


def test_the_gap_rule_follows_a_weekly_couples_own_rhythm() -> None:
    weekly = nightly(12, every=7 * DAY)
    last = weekly[-1].started_at
    assert gaps_growing(weekly, last + 10 * DAY) is None
    assert gaps_growing(weekly, last + 20 * DAY) is None
    assert gaps_growing(weekly, last + 22 * DAY) is not None


def test_the_gap_rule_learns_the_rhythm_over_a_longer_window() -> None:
    # Nightly for weeks, then three gaps of five days in a row: the gaps are growing.
    entries = nightly(30)
    for n in range(2):
        entries.append(make_entry(entries[-1].started_at + 5 * DAY, f"late{n}"))
    assert gaps_growing(entries, entries[-1].started_at + 5 * DAY) is not None
    # One long gap between otherwise nightly check-ins is not a trend.
    single = [*nightly(30), make_entry(MOMENT + 35 * DAY, "after-a-trip")]
    assert gaps_growing(single, single[-1].started_at + 2 * DAY) is None


def test_no_gap_signal_on_the_day_of_a_check_in() -> None:
    entries = [*nightly(10, every=7 * DAY)]
    entries.append(make_entry(entries[-1].started_at + 60 * DAY, "came-back"))
    assert gaps_growing(entries, entries[-1].started_at + timedelta(hours=2)) is None
    assert "gaps" not in [s.kind for s in gentle_signals(entries, entries[-1].started_at + timedelta(hours=2))]


def test_the_gap_signal_speaks_of_the_two_of_you_not_the_app() -> None:
    entries = nightly(10)
    signal = gaps_growing(entries, entries[-1].started_at + 20 * DAY)
    assert signal is not None
    assert "each other" in signal.message
    assert not re.search(r"\b(app|reconnect|bring you back to it|streak|missed)\b", signal.message, re.IGNORECASE)


def test_closeness_far_apart_several_times_in_a_row() -> None:
    apart = nightly(3, closeness=((1, 3), (4, 4)))
    signal = closeness_apart(apart)
    assert signal is not None and signal.deck_id == "curious-not-blaming"
    assert "Nobody is wrong" in signal.message
    mixed = [*apart[:2], make_entry(MOMENT + 5 * DAY, "close", closeness=((3, 4), (4, 4)))]
    assert closeness_apart(mixed) is None
    unrated = nightly(3, closeness=((None, None), (5, 5)))
    assert closeness_apart(unrated) is None


def with_prompt(entry: Entry, statuses: tuple[str, str], tip: str | None = None, prompt_id: str = "tender",
                text: str = "What scares you about us?") -> Entry:
    answers = tuple(Answer("answered", "x") if s == "answered" else Answer(s) for s in statuses)
    record = PromptRecord(prompt_id=prompt_id, text=text, kind="text", answers=answers, tip=tip)  # type: ignore[arg-type]
    return msgspec.structs.replace(entry, prompts=(*entry.prompts, record))


def test_a_question_passed_on_purpose_again_and_again() -> None:
    entries = [with_prompt(e, ("passed", "answered")) for e in nightly(3, answers=("Yes", "Also yes"))]
    signal = passed_theme(entries)
    assert signal is not None
    assert signal.deck_id == "play", "a lighter deck, never a harder one"
    assert "Passing is always fine" in signal.message
    assert passed_theme([with_prompt(e, ("passed", "answered")) for e in nightly(2)]) is None


def test_the_passed_signal_never_quotes_the_prompt() -> None:
    entries = [with_prompt(e, ("answered", "passed")) for e in nightly(4)]
    signal = passed_theme(entries)
    assert signal is not None
    assert "scares" not in signal.message and "“" not in signal.message


def test_an_empty_box_is_not_a_pass() -> None:
    entries = [with_prompt(e, ("empty", "answered")) for e in nightly(5, answers=("Yes", "Yes"))]
    assert passed_theme(entries) is None


def test_talking_aloud_is_not_a_pass() -> None:
    entries = [with_prompt(e, ("spoken", "spoken")) for e in nightly(5, answers=("Yes", "Yes"))]
    assert passed_theme(entries) is None
    unreached = [with_prompt(e, ("not_reached", "not_reached")) for e in nightly(5, answers=("Yes", "Yes"))]
    assert passed_theme(unreached) is None


def test_prompts_that_invite_passing_do_not_count() -> None:
    tip = "Go gently. Passing is fine."
    entries = [with_prompt(e, ("passed", "passed"), tip=tip) for e in nightly(5, answers=("Yes", "Yes"))]
    assert passed_theme(entries) is None


def test_the_repair_deck_does_not_count() -> None:
    repair = nightly(5, answers=("Yes", "Yes"), deck=("repair", "Repairing a hurt"))
    assert passed_theme([with_prompt(e, ("passed", "passed")) for e in repair]) is None


def test_home_never_quotes_a_prompt(tmp_path: Path) -> None:
    entries = [with_prompt(e, ("passed", "answered")) for e in nightly(5, answers=("Yes", "Yes"))]
    for signal in gentle_signals(entries, entries[-1].started_at + 30 * DAY):
        assert "scares" not in signal.message and "“" not in signal.message


def test_closeness_is_described_of_the_two_of_you_together() -> None:
    entries = nightly(6, closeness=((2, 4), (3, 4)))
    stats = journal_stats(entries, MOMENT)
    words = closeness_together(stats.partners)
    assert words == ("Over your last 6 check-ins, the two of you mostly arrived feeling between “A bit apart” "
                     "and “In between” and left feeling around “Close”.")
    assert "Alex" not in words and "Sam" not in words
    only_before = journal_stats(nightly(1, closeness=((2, None), (None, None))), MOMENT)
    assert closeness_together(only_before.partners) == (
        "Over your last check-in, the two of you mostly arrived feeling around “A bit apart”."
    )
    assert closeness_together(journal_stats(nightly(2, closeness=((None, None), (None, None))), MOMENT).partners) is None
    assert closeness_together([]) is None
    # One check-in, "Close" and "A bit apart": no "In between" that neither of them chose.
    apart = closeness_together(journal_stats(nightly(1, closeness=((4, None), (2, None))), MOMENT).partners)
    assert apart == "Over your last check-in, the two of you mostly arrived feeling between “A bit apart” and “Close”."


def test_a_lower_now_after_a_hard_talk_is_called_normal() -> None:
    (lower,) = nightly(1, closeness=((4, 3), (3, 3)))
    line = lower_now_line(lower)
    assert line is not None and "normal" in line and "hard things" in line
    assert "Alex" not in line and "Sam" not in line
    (same,) = nightly(1, closeness=((3, 3), (3, 4)))
    assert lower_now_line(same) is None
    (unrated,) = nightly(1, closeness=((4, None), (None, 2)))
    assert lower_now_line(unrated) is None


def test_the_next_time_fits_the_deck() -> None:
    assert "Tomorrow" in next_time_line("bedtime", 10)
    repair = next_time_line("repair", 30)
    assert "when you both feel ready" in repair and "light check-in in between" in repair
    assert "Next week" in next_time_line("weekly", 40)
    assert "In a day or two" in next_time_line("play", 10)
    assert "Next week" in next_time_line("someone-elses-long-deck", 45)


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
