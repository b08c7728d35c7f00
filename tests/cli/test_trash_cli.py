"""`reconnect trash`: list, restore and empty, through Typer's CliRunner."""

from __future__ import annotations

from pathlib import Path

from helpers import MOMENT, make_entry
from typer.testing import CliRunner

from reconnect_tui.cli.commands import app
from reconnect_tui.core.journal import Journal

runner = CliRunner()


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def trashed(home: Path) -> Journal:
    journal = Journal(home / "journal")
    for number in range(2):
        journal.save(make_entry(MOMENT.replace(day=20 + number), f"entry-{number}"))
    journal.trash(journal.load().entries[0])
    return journal


def test_an_empty_trash_says_so(private_home: Path) -> None:
    result = run("trash")
    assert result.exit_code == 0 and result.stdout.strip() == "The trash is empty."
    assert run("trash", "empty").stdout.strip() == "The trash is empty already."


def test_trash_lists_and_restores(private_home: Path) -> None:
    journal = trashed(private_home)
    listed = run("trash")
    assert listed.exit_code == 0
    assert "entry-0  20 Nov 2026  Bedtime check-in · Alex and Sam" in listed.stdout
    assert "1 check-in in the trash" in listed.stdout
    restored = run("trash", "restore", "entry-0")
    assert restored.exit_code == 0 and "It is back in history" in restored.stdout
    assert [e.id for e in journal.load().entries] == ["entry-0", "entry-1"]


def test_restoring_what_is_not_there_is_one_line(private_home: Path) -> None:
    trashed(private_home)
    result = run("trash", "restore", "nope")
    assert result.exit_code == 1
    assert result.stderr.strip() == "reconnect: there is no check-in with the id nope in the trash"


def test_empty_asks_first_or_wants_yes(private_home: Path) -> None:
    journal = trashed(private_home)
    refused = run("trash", "empty")  # no terminal to ask on
    assert refused.exit_code == 1 and "add --yes" in refused.stderr
    assert len(journal.trashed().entries) == 1
    done = run("trash", "empty", "--yes")
    assert done.exit_code == 0 and "1 check-in deleted for good" in done.stdout
    assert journal.trashed().entries == [] and [e.id for e in journal.load().entries] == ["entry-1"]


def test_trash_is_left_out_of_exports(private_home: Path) -> None:
    trashed(private_home)
    result = run("export", "--format", "json")
    assert '"entry-1"' in result.stdout and '"entry-0"' not in result.stdout


def test_exports_carry_later_notes(private_home: Path) -> None:
    journal = trashed(private_home)
    entry = journal.load().entries[0]
    journal.add_note(entry, "We talked more on Sunday.\nIt helped.", MOMENT.replace(day=25))
    as_json = run("export", "--format", "json").stdout
    assert '"notes":[{"schema_version":2,"entry_id":"entry-1"' in as_json.replace(" ", "")
    as_markdown = run("export", "--format", "markdown").stdout
    assert "### Later notes" in as_markdown and "> We talked more on Sunday.\\\n> It helped." in as_markdown  # the line break kept
