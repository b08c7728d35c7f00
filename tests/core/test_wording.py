"""The care note says every point, plainly, and the check for it can fail."""

from __future__ import annotations

from reconnect_tui.core.wording import CARE_NOTE, CARE_POINTS, READ_BY_BOTH, care_note_gaps, is_about_safety


def test_the_care_note_says_all_of_it() -> None:
    assert is_about_safety(CARE_NOTE)
    assert care_note_gaps(CARE_NOTE) == []


def test_it_says_first_that_both_can_read_everything() -> None:
    assert CARE_POINTS[0] == READ_BY_BOTH
    assert READ_BY_BOTH.startswith("Both of you can read everything written here")
    assert all(place in READ_BY_BOTH for place in ("on screen", "journal", "export"))


def test_it_never_sends_a_frightened_partner_to_a_joint_session() -> None:
    fear = next(point for point in CARE_POINTS if "afraid" in point)
    assert "not a couples session" in fear
    assert "confidential" in fear and "of your own" in fear
    assert "together" not in CARE_NOTE.lower()


def test_it_stays_short() -> None:
    assert len(CARE_POINTS) <= 5
    assert len(CARE_NOTE) <= 600


def test_the_check_names_what_is_missing() -> None:
    gaps = care_note_gaps("reconnect is not therapy. See a couples therapist together.")
    assert "names emergency services for danger" in gaps
    assert "speaks to someone afraid, controlled or pressured" in gaps
    assert "says reconnect is not therapy" not in gaps
    assert not is_about_safety("A warm note about play.")


def test_the_readme_says_the_same_words() -> None:
    from pathlib import Path

    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text().split())
    for point in CARE_POINTS:
        assert point in readme, point
