"""The screenless commands, through Typer's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import fill_journal
from typer.testing import CliRunner

from reconnect_tui import __version__
from reconnect_tui.cli.commands import app

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def files_under(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*")) if folder.exists() else []


def test_version_and_help_create_nothing(private_home: Path) -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"reconnect {__version__}"
    for command in ([], ["paths"], ["prompt"], ["export"], ["import"], ["decks"], ["decks", "list"],
                    ["decks", "show"], ["decks", "validate"], ["decks", "new"]):
        result = run(*command, "--help")
        assert result.exit_code == 0, command
        assert "Usage" in result.stdout
    assert not private_home.exists()


def test_every_command_has_a_one_line_description() -> None:
    result = run("--help")
    for name in ("prompt", "export", "import", "paths", "decks"):
        assert name in result.stdout
    assert "list" in run("decks", "--help").stdout


def test_paths_plain_and_json(private_home: Path) -> None:
    result = run("paths")
    assert result.exit_code == 0
    assert f"journal  {private_home / 'journal'}" in result.stdout
    assert f"cache    {private_home / 'cache'}" in result.stdout
    data = json.loads(run("paths", "--json").stdout)
    assert data == {
        "config": str(private_home / "config.toml"),
        "decks": str(private_home / "decks"),
        "journal": str(private_home / "journal"),
        "drafts": str(private_home / "drafts"),
        "cache": str(private_home / "cache"),
        "locked": False,
    }
    assert "locked   no" in result.stdout
    assert not private_home.exists()


def test_decks_list_table_and_json() -> None:
    result = run("decks", "list")
    assert result.exit_code == 0
    assert "bedtime" in result.stdout and "Bedtime check-in" in result.stdout and "shipped" in result.stdout
    rows = json.loads(run("decks", "list", "--json").stdout)
    bedtime = next(r for r in rows if r["id"] == "bedtime")
    assert bedtime["prompts"] >= 5 and bedtime["minutes"] == 10 and bedtime["source"] == "shipped"


def test_a_user_deck_overrides_and_a_broken_one_is_reported(private_home: Path) -> None:
    decks = private_home / "decks"
    decks.mkdir(parents=True)
    (decks / "mine.yaml").write_text(
        "version: 1\ndecks:\n  - id: bedtime\n    title: Our bedtime\n    description: Ours.\n"
        "    minutes: 5\n    mode: open\n    prompts:\n      - id: one\n        text: How was today?\n"
    )
    (decks / "broken.yaml").write_text("version: 1\ndecks: [\n")
    result = run("decks", "list", "--json")
    assert result.exit_code == 0
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["bedtime"]["title"] == "Our bedtime"
    assert rows["bedtime"]["source"] == "yours: mine.yaml (replaces shipped)"
    assert "noticing-drift" in rows
    assert "broken.yaml" in result.stderr


def test_decks_show() -> None:
    result = run("decks", "show", "repair")
    assert result.exit_code == 0
    assert "Repairing a hurt" in result.stdout and "Before you start" in result.stdout
    assert "therapist" in result.stdout


def test_unknown_deck_is_one_line_and_non_zero() -> None:
    result = run("decks", "show", "nope")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("reconnect: there is no deck 'nope'")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_validate_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    bad = tmp_path / "bad.yaml"
    run("decks", "new", "Good one")
    starter = next((Path(json.loads(run("paths", "--json").stdout)["decks"])).glob("*.yaml"))
    good.write_text(starter.read_text())
    bad.write_text("version: 1\ndecks:\n  - id: x\n    title: !!python/name:os.system\n")
    ok = run("decks", "validate", str(good))
    assert ok.exit_code == 0 and "ok (1 deck: good-one)" in ok.stdout
    result = run("decks", "validate", str(good), str(bad))
    assert result.exit_code == 1
    assert f"{bad}:4:" in result.stderr and "tag" in result.stderr
    assert run("decks", "validate", str(tmp_path / "missing.yaml")).exit_code == 1


def test_decks_new_writes_once_and_says_where(private_home: Path) -> None:
    result = run("decks", "new", "Sunday walks")
    path = private_home / "decks" / "sunday-walks.yaml"
    assert result.exit_code == 0 and str(path) in result.stdout
    assert path.exists()
    again = run("decks", "new", "Sunday walks")
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert "sunday-walks" in run("decks", "show", "sunday-walks").stdout


def test_prompt_prints_one_and_writes_nothing(private_home: Path) -> None:
    result = run("prompt")
    assert result.exit_code == 0 and len(result.stdout.strip()) > 5
    deck_prompt = run("prompt", "--deck", "repair").stdout.strip()
    assert deck_prompt
    assert not private_home.exists()
    assert run("prompt", "--deck", "nope").exit_code == 1


def test_export_to_stdout_and_file_then_import(private_home: Path, tmp_path: Path) -> None:
    fill_journal(private_home / "journal", 4)
    result = run("export")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert [e["id"] for e in document["entries"]] == ["e00000", "e00001", "e00002", "e00003"]

    out = tmp_path / "out.json"
    result = run("export", "--output", str(out), "--since", "2026-11-27", "--until", "2026-11-28")
    assert result.exit_code == 0 and "Exported 2 check-ins" in result.stderr
    assert [e["id"] for e in json.loads(out.read_text())["entries"]] == ["e00001", "e00002"]
    assert oct(out.stat().st_mode & 0o777) == oct(0o600)
    refused = run("export", "--output", str(out))
    assert refused.exit_code == 1 and "already exists" in refused.stderr
    assert run("export", "--output", str(out), "--force").exit_code == 0

    markdown = run("export", "--format", "markdown")
    assert markdown.stdout.startswith("# Our check-ins")

    full = tmp_path / "full.json"
    full.write_text(run("export").stdout)
    (private_home / "journal").rename(tmp_path / "old-journal")
    imported = run("import", str(full))
    assert imported.exit_code == 0
    assert "Added 4 check-ins; skipped 0" in imported.stdout
    assert run("export").stdout == full.read_text()
    again = run("import", str(full))
    assert "Added 0 check-ins; skipped 4" in again.stdout and "differ" not in again.stderr

    # The same id with other words (an edited or another device's copy): kept as the
    # journal has it, and said, instead of a quiet "skipped".
    changed = json.loads(full.read_text())
    changed["entries"][1]["prompts"][0]["answers"][0]["answer"] = "Different words entirely"
    full.write_text(json.dumps(changed))
    told = run("import", str(full))
    assert told.exit_code == 0 and "Added 0 check-ins; skipped 4" in told.stdout
    assert "1 check-in in the file differs from the journal's copy (e00001); the journal's copy was kept" in told.stderr
    assert "Different words" not in run("export").stdout


def test_bad_dates_and_bad_import_files_are_one_clear_line(tmp_path: Path) -> None:
    result = run("export", "--since", "yesterday")
    assert result.exit_code == 1 and "like 2026-03-31" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    result = run("import", str(broken))
    assert result.exit_code == 1 and "not valid JSON" in result.stderr
    assert "Traceback" not in result.output


def test_damaged_journal_files_are_warned_about_during_export(private_home: Path) -> None:
    journal = fill_journal(private_home / "journal", 2)
    damaged = journal.root / "2026" / "11" / "damaged.json"
    damaged.write_text("{")
    result = run("export")
    assert result.exit_code == 0
    assert "damaged.json" in result.stderr and "left untouched" in result.stderr
    assert len(json.loads(result.stdout)["entries"]) == 2
    assert damaged.read_text() == "{"


NO_TEXTUAL = """
import sys
from reconnect_tui.cli.commands import app
try:
    app(sys.argv[1:], prog_name="reconnect")
except SystemExit:
    pass
loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
print("TEXTUAL:" + ",".join(loaded))
"""


@pytest.mark.parametrize(
    "command",
    [["--help"], ["--version"], ["paths"], ["paths", "--json"], ["prompt"], ["decks", "list"],
     ["decks", "show", "bedtime"], ["decks", "validate", "nothing.yaml"], ["export"], ["import", "--help"],
     ["import", "nothing.json"]],
)
def test_screenless_commands_never_import_textual(command: list[str]) -> None:
    result = subprocess.run([sys.executable, "-c", NO_TEXTUAL, *command], capture_output=True, text=True)
    assert "TEXTUAL:\n" in result.stdout, result.stdout[-300:]


def test_checkin_refuses_bad_names_and_unknown_decks_before_any_screen(private_home: Path) -> None:
    result = run("checkin", "--partners", "Alex")
    assert result.exit_code == 1 and 'like --partners "Alex,Sam"' in result.stderr
    result = run("checkin", "--partners", "Alex,Sam", "--deck", "nope")
    assert result.exit_code == 1 and "no deck 'nope'" in result.stderr


def test_checkin_says_when_another_one_is_open(private_home: Path) -> None:
    from reconnect_tui.core.drafts import DraftStore

    holder = DraftStore(private_home / "drafts")
    holder.lock()
    try:
        result = run("checkin", "--partners", "Alex,Sam")
    finally:
        holder.unlock()
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "reconnect: a check-in is already open in another window; finish or quit that one first"
    )


def test_checkin_help_does_not_import_textual() -> None:
    result = subprocess.run([sys.executable, "-c", NO_TEXTUAL, "checkin", "--help"], capture_output=True, text=True)
    assert "TEXTUAL:\n" in result.stdout and "--partners" in result.stdout


def test_stats_on_an_empty_journal_and_on_a_small_one(private_home: Path) -> None:
    empty = run("stats")
    assert empty.exit_code == 0 and "No check-ins yet" in empty.stdout
    fill_journal(private_home / "journal", 5)
    result = run("stats")
    assert result.exit_code == 0
    assert "Alex and Sam" in result.stdout and "5 check-ins since 26 November 2026" in result.stdout
    assert "Check-ins per month" in result.stdout and "Small gestures" in result.stdout
    said = " ".join(result.stdout.split())
    assert "the two of you mostly arrived feeling" in said  # said of the two of you, not per person
    assert "usually" not in said


def test_stats_does_not_import_textual() -> None:
    result = subprocess.run([sys.executable, "-c", NO_TEXTUAL, "stats"], capture_output=True, text=True)
    assert "TEXTUAL:\n" in result.stdout


def test_checkin_wants_two_different_names() -> None:
    result = run("checkin", "--partners", "Sam,sam")
    assert result.exit_code == 1 and "two different names" in result.stderr


def test_prompt_gives_an_opener_that_stands_on_its_own() -> None:
    from reconnect_tui.core.decks import read_deck_file, shipped_deck_file

    openers = {
        p.text for d in read_deck_file(shipped_deck_file(), shipped=True).decks if not d.note
        for p in d.prompts[:3] if p.kind == "text"
    }
    seen = {run("prompt").stdout.strip() for _ in range(30)}
    assert seen <= openers and len(seen) > 3
    long_one = max(openers, key=len)
    assert "\n" not in long_one  # printed whole on one line, for a shell greeting or a pipe


def test_checkin_mode_is_open_blind_or_turns() -> None:
    result = run("checkin", "--mode", "loud", "--partners", "Alex,Sam")
    assert result.exit_code == 1
    assert "--mode is open, blind or turns" in result.output
    assert "--mode" in run("checkin", "--help").output
