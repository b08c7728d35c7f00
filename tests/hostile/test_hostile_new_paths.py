"""The readers and screens that came with people, parked talks, the home screen's draft
line and the lock command: named and left alone, never a hang, a flood or an escape.

Found on the way: the people file, a parked talk, the open draft as the home screen
describes it, and every file `reconnect lock` converts were read with a plain
`read_bytes()`: a FIFO in their place hung the command or the home screen, and a
link to /dev/zero ate memory until the machine said no. A parked talk with a time
without its zone broke the whole parked list; its words and its deck reached the
screens uncleaned.

Readers that could hang or eat memory run in a child process with a timeout and
1 GB of address space (RLIMIT_AS), so a regression fails instead of stalling CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from helpers import MOMENT, make_deck
from test_hostile_damaged import reconnect

from reconnect_tui.core.errors import DraftError
from reconnect_tui.core.overview import unfinished_checkin
from reconnect_tui.core.parking import ParkedTalks
from reconnect_tui.core.people import PeopleError, PeopleStore
from reconnect_tui.core.session import CheckinSession
from reconnect_tui.core.together import Phase

unix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, /dev/zero and RLIMIT_AS are Unix")
OSC52 = "\x1b]52;c;aGVsbG8=\x07"
TITLE = "\x1b]0;owned\x1b\\"
CLEAR = "\x1b[2J"
NOW = datetime(2026, 11, 26, 22, 0, tzinfo=timezone.utc)

LIMITED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from pathlib import Path
home = Path(sys.argv[1])
"""


def limited(home: Path, body: str) -> subprocess.CompletedProcess[str]:
    """Python `body` in a child with 1 GB of memory; a hang fails after 60 seconds."""
    return subprocess.run([sys.executable, "-c", LIMITED + body, str(home)], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "RECONNECT_HOME": str(home)}, stdin=subprocess.DEVNULL)


def plant(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")


def a_session() -> CheckinSession:
    session = CheckinSession(deck=make_deck(2), partners=("Alex", "Sam"), started_at=MOMENT)
    session.go_next()
    session.set_answer(0, 0, "Words from before the break")
    return session


@unix_only
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_people_file_that_is_a_fifo_or_a_link_is_named_not_waited_on(private_home: Path, kind: str) -> None:
    plant(private_home / "journal" / "people.json", kind)
    result = reconnect(private_home, "partners")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "people file" in result.stderr
    assert ("FIFO" if kind == "fifo" else "symbolic link") in result.stderr


@unix_only
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_parked_talk_that_is_a_fifo_or_a_link_is_named_and_the_others_listed(private_home: Path, kind: str) -> None:
    drafts = private_home / "drafts"
    ParkedTalks(drafts).park(a_session().to_dict(), NOW, "after dinner")
    plant(drafts / "parked-20261126-000000-aaaaaa.json", kind)
    result = limited(private_home, """
from reconnect_tui.core.parking import ParkedTalks
talks, problems = ParkedTalks(home / "drafts").all()
print(len(talks)); print(problems[0])
""")
    assert result.returncode == 0, result.stderr
    count, problem = result.stdout.splitlines()
    assert count == "1" and "parked-20261126-000000-aaaaaa.json" in problem and "left as it is" in problem
    assert ("FIFO" if kind == "fifo" else "symbolic link") in problem


@unix_only
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_the_home_screens_draft_line_never_waits_on_a_fifo(private_home: Path, kind: str) -> None:
    plant(private_home / "drafts" / "checkin.json", kind)
    result = limited(private_home, """
from reconnect_tui.core.overview import unfinished_checkin
print(unfinished_checkin(home / "drafts" / "checkin.json").describe())
""")
    assert result.returncode == 0, result.stderr
    assert "left unfinished" in result.stdout


@unix_only
@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_locking_names_a_fifo_or_a_link_among_the_entries_and_goes_on(private_home: Path, kind: str) -> None:
    from helpers import fill_journal

    fill_journal(private_home / "journal", 2)
    plant(private_home / "journal" / "2026" / "11" / "planted.json", kind)
    result = limited(private_home, """
from reconnect_tui.core.lockbox import Key
from reconnect_tui.core.locking import encrypt_files
done = encrypt_files(home / "journal", home / "drafts", Key.generate())
print(len(done.converted)); print(done.problems[0])
""")
    assert result.returncode == 0, result.stderr
    count, problem = result.stdout.splitlines()
    assert count == "2" and "planted.json" in problem and "left as it is" in problem


def test_a_parked_talk_with_a_time_without_its_zone_is_named_and_the_others_listed(tmp_path: Path) -> None:
    parked = ParkedTalks(tmp_path / "drafts")
    parked.park(a_session().to_dict(), NOW, None)
    other = a_session()
    path = parked.park(other.to_dict(), NOW + timedelta(hours=1), None)
    data = json.loads(path.read_text())
    data["parked"]["at"] = "2026-11-26T23:00:00"  # no zone: it used to break sorting the whole list
    path.write_text(json.dumps(data))
    talks, problems = parked.all()
    assert len(talks) == 1
    (problem,) = problems
    assert "when it was parked is not right" in problem and "timezone" in problem


def test_a_parked_talk_is_checked_by_the_draft_model(tmp_path: Path) -> None:
    parked = ParkedTalks(tmp_path / "drafts")
    path = parked.park(a_session().to_dict(), NOW, None)
    data = json.loads(path.read_text())
    data["session"]["people"][0]["closeness_before"] = 9
    path.write_text(json.dumps(data))
    with pytest.raises(DraftError, match="is 9, it must be 1 to 5"):
        parked.get(data["session"]["entry_id"])
    assert json.loads(path.read_text()) == data  # left as it is


def test_a_talk_that_could_not_be_resumed_is_not_parked(tmp_path: Path) -> None:
    session = a_session()
    session.set_answer(0, 1, "x" * 150_000)
    with pytest.raises(DraftError, match="at most 100000 characters"):
        ParkedTalks(tmp_path / "drafts").park(session.to_dict(), NOW, None)
    assert not list((tmp_path / "drafts").glob("parked-*"))


def test_parking_never_writes_through_a_linked_drafts_folder(private_home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    private_home.mkdir()
    (private_home / "drafts").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(DraftError, match="symbolic link"):
        ParkedTalks(private_home / "drafts").park(a_session().to_dict(), NOW, None)
    assert list(elsewhere.iterdir()) == []


def test_the_people_file_is_never_written_through_a_link(private_home: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.json"
    victim.write_text("precious")
    journal = private_home / "journal"
    journal.mkdir(parents=True)
    (journal / "people.json").symlink_to(victim)
    store = PeopleStore(journal)
    with pytest.raises(PeopleError, match="symbolic link"):
        store.add("Alex")
    assert victim.read_text() == "precious" and (journal / "people.json").is_symlink()


def test_hostile_words_in_a_parked_talk_are_cleaned_before_any_screen(tmp_path: Path) -> None:
    session = a_session()
    data = session.to_dict()
    data["deck"]["title"] = f"Sunday{OSC52}{TITLE}"
    data["deck"]["prompts"][0]["text"] = f"What was good?{CLEAR}"
    data["deck"]["note"] = f"Be gentle{OSC52}"
    parked = ParkedTalks(tmp_path / "drafts")
    parked.park(data, NOW, f"after dinner{OSC52}")
    (talk,) = parked.all()[0]
    for shown in (talk.describe(NOW), talk.come_back or "", talk.session.deck.title,
                  talk.session.deck.prompts[0].text, talk.session.deck.note or ""):
        assert "\x1b" not in shown and "\x07" not in shown, shown
    assert talk.come_back == "after dinner]52;c;aGVsbG8="  # the words stay, the controls go


def test_a_draft_line_on_home_is_one_clean_line(tmp_path: Path) -> None:
    session = CheckinSession(deck=make_deck(1), partners=(f"Alex{OSC52}", "Sam"), started_at=MOMENT)
    data = {"draft_version": 2, "saved_at": NOW.isoformat(), "parked": None, "session": session.to_dict()}
    data["session"]["deck"]["title"] = f"Deck\n{TITLE}"
    data["session"]["partners"] = [f"Alex{OSC52}", "Sam\r\nFake line"]
    path = tmp_path / "checkin.json"
    path.write_text(json.dumps(data))
    line = unfinished_checkin(path).describe()  # type: ignore[union-attr]
    assert "\x1b" not in line and "\x07" not in line and "\n" not in line and "\r" not in line


def test_pasted_controls_never_reach_a_reflection() -> None:
    session = CheckinSession(deck=make_deck(1), partners=("Alex", "Sam"), started_at=MOMENT, mode_override="turns")
    session.go_next()
    session.set_answer(0, 0, "I was tired")
    session.go_next()
    assert session.phase is Phase.REFLECT
    session.set_reflection("heard", f"You were tired{OSC52}\x00\r\nand more")
    reflection = session.talk.current_reflection  # type: ignore[union-attr]
    assert reflection is not None and reflection.heard == "You were tired]52;c;aGVsbG8=\nand more"


def test_the_trash_never_moves_an_entry_through_a_link(private_home: Path, tmp_path: Path) -> None:
    from helpers import make_entry

    from reconnect_tui.core.errors import JournalError
    from reconnect_tui.core.journal import Journal

    journal = Journal(private_home / "journal")
    entry = make_entry()
    where = journal.save(entry)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (private_home / "journal" / ".trash").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(JournalError, match="was not moved: .*symbolic link"):
        journal.trash(entry)
    assert where.is_file() and list(elsewhere.rglob("*.json")) == []


def test_a_later_note_is_never_written_through_a_linked_month_folder(private_home: Path, tmp_path: Path) -> None:
    from helpers import make_entry

    from reconnect_tui.core.errors import JournalError
    from reconnect_tui.core.journal import Journal

    journal = Journal(private_home / "journal")
    entry = make_entry()
    where = journal.save(entry)
    elsewhere = tmp_path / "elsewhere"
    where.parent.rename(elsewhere)
    where.parent.symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(JournalError, match="symbolic link"):
        journal.add_note(entry, "A note", NOW)
    assert [p.name for p in elsewhere.iterdir()] == [where.name]
