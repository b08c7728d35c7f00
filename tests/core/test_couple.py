"""The couple by person: gestures, stats and history follow the person, not the seat."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import msgspec
import pytest
from helpers import MOMENT, make_entry

from reconnect_tui.core.entry import FollowUp
from reconnect_tui.core.insights import journal_stats
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.couple import Who, couple_view, for_couple, note_the_couple, previous_gestures, reseat
from reconnect_tui.core.overview import this_weeks_gestures
from reconnect_tui.core.people import PeopleStore


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "journal")


def swapped_pair() -> tuple:
    first = make_entry(MOMENT, "one", names=("Maya", "Jonas"), closeness=((1, 2), (5, 5)),
                       intentions=("Maya's tea", "Jonas's walk"))
    second = make_entry(MOMENT + timedelta(days=1), "two", names=("Jonas", "Maya"), closeness=((4, 4), (2, 3)),
                        intentions=(None, "Maya again"))
    return first, second


def test_gestures_follow_the_person_whatever_the_order() -> None:
    first, _ = swapped_pair()
    who = Who()
    # The names the other way round: each is still asked about their own gesture.
    assert previous_gestures(first, who, who.couple(["Jonas", "Maya"])) == ("Jonas's walk", "Maya's tea")
    assert previous_gestures(first, who, who.couple(["Maya", "Kim"])) == ("Maya's tea", None)
    assert previous_gestures(None, who, who.couple(["Maya", "Jonas"])) == (None, None)


def test_a_carried_gesture_is_asked_again() -> None:
    carried = make_entry(MOMENT, "c", names=("Maya", "Jonas"), intentions=(None, None),
                         follow_ups=(FollowUp("Tea for two", "not_yet", carried=True), FollowUp("A walk", "not_yet")))
    who = Who()
    assert previous_gestures(carried, who, who.couple(["Jonas", "Maya"])) == (None, "Tea for two")


def test_stats_follow_the_person_and_leave_others_out(journal: Journal) -> None:
    first, second = swapped_pair()
    other = make_entry(MOMENT + timedelta(days=2), "three", names=("Kim", "Maya"), closeness=((5, 5), (5, 5)))
    for entry in (first, second, other):
        journal.save(entry)
    note_the_couple(journal, ["Maya", "Jonas"])
    ours = couple_view(journal, journal.load().entries, ("Maya", "Jonas"))
    assert [e.id for e in ours] == ["one", "two"]
    assert [e.names for e in ours] == [("Maya", "Jonas"), ("Maya", "Jonas")]
    stats = journal_stats(ours, MOMENT + timedelta(days=3), ("Maya", "Jonas"))
    maya, jonas = stats.partners
    assert maya.name == "Maya" and maya.before == [1, 2] and jonas.before == [5, 4]


def test_a_renamed_person_keeps_their_past(journal: Journal) -> None:
    first, second = swapped_pair()
    journal.save(first)
    journal.save(second)
    note_the_couple(journal, ["Maya", "Jonas"])
    store = PeopleStore(journal.root)
    store.rename(store.find("Maya").id, "May")
    ours = couple_view(journal, journal.load().entries, ("May", "Jonas"))
    assert len(ours) == 2 and [e.partners[0].name for e in ours] == ["Maya", "Maya"]  # the name as it was then


def test_reseat_swaps_every_per_partner_list() -> None:
    entry = make_entry(answers=("Mine", None))
    swapped = reseat(entry)
    assert swapped.names == (entry.names[1], entry.names[0])
    assert swapped.prompts[0].answers == (entry.prompts[0].answers[1], entry.prompts[0].answers[0])
    assert reseat(swapped) == entry
    assert for_couple([entry], Who(), Who().couple(entry.names[::-1])) == [swapped]


def test_an_entry_with_person_ids_follows_the_person_under_any_name(journal: Journal) -> None:
    who = note_the_couple(journal, ["Maya", "Jonas"])
    maya, jonas = who.person_ids(["Maya", "Jonas"])
    assert maya and jonas and maya != jonas
    assert who.person_ids(["Maya", "Kim"])[1] is None  # nobody of that name: no id
    # Written with ids under names the people file never heard (another laptop's spelling):
    # the ids decide, not the names.
    entry = make_entry(MOMENT, "ids", names=("M.", "J."), intentions=("Tea", "Walk"))
    entry = msgspec.structs.replace(entry, partners=(
        msgspec.structs.replace(entry.partners[0], person_id=jonas),
        msgspec.structs.replace(entry.partners[1], person_id=maya)))
    assert previous_gestures(entry, who, who.couple(["Maya", "Jonas"])) == ("Walk", "Tea")
    assert couple_view(journal, [entry], ("Maya", "Jonas"))[0].person_ids == (maya, jonas)


def test_this_weeks_gestures_follow_the_person_and_show_what_is_carried(journal: Journal) -> None:
    who = note_the_couple(journal, ["Maya", "Jonas"])
    maya, jonas = who.person_ids(["Maya", "Jonas"])
    older = make_entry(MOMENT, "older", names=("Maya", "Jonas"), intentions=("Tea", "Walk"))  # schema 1 style: names
    newer = make_entry(MOMENT + timedelta(days=1), "newer", names=("Jonas", "Maya"), intentions=(None, None),
                       follow_ups=(FollowUp("Walk", "yes"), FollowUp("Tea", "not_yet", carried=True)))
    newer = msgspec.structs.replace(newer, partners=(
        msgspec.structs.replace(newer.partners[0], person_id=jonas),
        msgspec.structs.replace(newer.partners[1], person_id=maya)))
    found = this_weeks_gestures([older, newer], MOMENT + timedelta(days=2), key=who.key)
    # Jonas's walk happened and he chose nothing new; Maya's tea goes on. Nobody shows twice,
    # though the older check-in names them and the newer one has their ids.
    assert [(g.person, g.gesture, g.carried) for g in found] == [(maya, "Tea", True)]
    assert len(this_weeks_gestures([older, newer], MOMENT + timedelta(days=2))) == 3  # by id or name: split


def test_an_id_from_another_journal_falls_back_to_the_name(journal: Journal) -> None:
    """An export read into a new journal brings ids its people file never had: the names still tell."""
    who = note_the_couple(journal, ["Maya", "Jonas"])
    entry = make_entry(MOMENT, "imported", names=("Jonas", "Maya"), intentions=("Walk", "Tea"))
    entry = msgspec.structs.replace(entry, partners=(
        msgspec.structs.replace(entry.partners[0], person_id="p-elsewhere1"),
        msgspec.structs.replace(entry.partners[1], person_id="p-elsewhere2")))
    assert who.keys(entry) == tuple(reversed(who.couple(["Maya", "Jonas"])))
    assert previous_gestures(entry, who, who.couple(["Maya", "Jonas"])) == ("Tea", "Walk")
    stranger = msgspec.structs.replace(entry, partners=(
        msgspec.structs.replace(entry.partners[0], name="Kim"), entry.partners[1]))
    assert couple_view(journal, [stranger], ("Maya", "Jonas")) == []  # not theirs: left out of their trends
