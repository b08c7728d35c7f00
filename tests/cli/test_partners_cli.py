"""`reconnect partners` and `reconnect partners rename`, and stats by person, through CliRunner."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from helpers import MOMENT, make_entry
from typer.testing import CliRunner

from reconnect_tui.cli.commands import app
from reconnect_tui.core.config import load_config, save_settings
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.couple import note_the_couple
from reconnect_tui.core.people import PeopleStore

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_partners_before_anyone_is_known(private_home: Path) -> None:
    result = run("partners")
    assert result.exit_code == 0 and "Nobody yet" in result.stdout


def test_rename_keeps_the_past_and_updates_the_remembered_names(private_home: Path) -> None:
    journal = Journal(private_home / "journal")
    note_the_couple(journal, ["Maya", "Jonas"])
    save_settings(private_home / "config.toml", partners=("Maya", "Jonas"))
    result = run("partners", "rename", "Maya", "May")
    assert result.exit_code == 0 and result.stdout.strip() == (
        "Maya is now May. Past check-ins keep the name as it was then.")
    assert load_config(private_home / "config.toml").config.partners == ("May", "Jonas")
    listed = run("partners").stdout
    assert "May (earlier: Maya)" in listed and "Jonas" in listed


def test_rename_of_an_unknown_name_is_one_line(private_home: Path) -> None:
    result = run("partners", "rename", "Kim", "Kimmy")
    assert result.exit_code == 1
    assert result.stderr.strip() == "reconnect: nobody in this journal has used the name “Kim”"


def test_stats_read_only_the_couple(private_home: Path) -> None:
    journal = Journal(private_home / "journal")
    journal.save(make_entry(MOMENT, "one", names=("Maya", "Jonas"), closeness=((1, 1), (5, 5))))
    journal.save(make_entry(MOMENT + timedelta(days=1), "two", names=("Jonas", "Maya"), closeness=((5, 5), (1, 1))))
    journal.save(make_entry(MOMENT + timedelta(days=2), "kim", names=("Kim", "Maya"), closeness=((3, 3), (3, 3))))
    save_settings(private_home / "config.toml", partners=("Maya", "Jonas"))
    out = run("stats").stdout
    assert "2 check-ins since" in out and "Kim" not in out  # Kim's check-in is not the couple's
    assert out.splitlines()[0] == "Maya and Jonas"  # the couple, in their own order


def test_rename_holds_the_new_name_to_the_same_limit_and_cleans_it(private_home: Path) -> None:
    journal = Journal(private_home / "journal")
    note_the_couple(journal, ["Maya", "Jonas"])
    long = run("partners", "rename", "Maya", "M" * 21)
    assert long.exit_code == 1 and "longer than 20 characters" in long.stderr
    taken = run("partners", "rename", "Maya", "jonas")
    assert taken.exit_code == 1 and taken.stderr.strip() == (
        "reconnect: jonas is already the name of someone else in the people file")
    cleaned = run("partners", "rename", "Maya", "Ma\x1b[31mya\x07  B")
    assert cleaned.exit_code == 0 and "\x1b" not in cleaned.stdout
    assert PeopleStore(journal.root).find("Maya").name == "Ma[31mya B"  # type: ignore[union-attr]


def test_without_remembered_names_the_couple_who_checked_in_here_stays_theirs(private_home: Path) -> None:
    # Names given with --partners only: no names in the settings. The people file notes
    # who began the check-ins here, so another couple's newer, imported check-in does
    # not take the journal over, and a rename shows at once.
    journal = Journal(private_home / "journal")
    note_the_couple(journal, ["Maya", "Jonas"])
    journal.save(make_entry(MOMENT, "ours", names=("Maya", "Jonas"), closeness=((4, 4), (4, 4))))
    journal.save(make_entry(MOMENT + timedelta(days=1), "theirs", names=("Robin", "Kim"), closeness=((1, 1), (1, 1))))
    out = run("stats").stdout
    assert out.splitlines()[0] == "Maya and Jonas" and "1 check-in since" in out
    assert run("partners", "rename", "Maya", "May").exit_code == 0
    assert run("stats").stdout.splitlines()[0] == "May and Jonas"


def test_renaming_to_the_same_name_says_nothing_changed(private_home: Path) -> None:
    note_the_couple(Journal(private_home / "journal"), ["Maya", "Jonas"])
    same = run("partners", "rename", "Maya", " Maya ")
    assert same.exit_code == 1 and same.stderr.strip() == "reconnect: Maya is already the name in use; nothing was changed"
