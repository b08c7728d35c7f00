"""The rough edges of the first hour, on the plain terminal."""

from __future__ import annotations

from msgspec.structs import replace
from datetime import timedelta
from pathlib import Path

from helpers import MOMENT, fill_journal, make_entry
from typer.testing import CliRunner

from reconnect_tui.cli.commands import app
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.names import NAME_LIMIT, name_problem
from reconnect_tui.ui.widgets.checkin_header import timer_text

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_a_name_longer_than_the_limit_is_refused_with_the_limit_named(private_home: Path) -> None:
    long = "A" * (NAME_LIMIT + 1)
    result = run("checkin", "--partners", f"{long},Sam")
    assert result.exit_code == 1
    assert f"longer than {NAME_LIMIT} characters" in result.stderr and "\n" not in result.stderr.strip()
    assert name_problem("B" * NAME_LIMIT) is None


def test_the_timer_keeps_its_unit() -> None:
    assert timer_text(60, 10) == "1 min of about 10 min"


def test_since_after_until_is_said_not_silently_empty(private_home: Path) -> None:
    result = run("export", "--since", "2026-05-01", "--until", "2026-04-01")
    assert result.exit_code == 1
    assert "--since 2026-05-01 is after --until 2026-04-01" in result.stderr


def test_export_into_a_missing_folder_says_so_and_creates_nothing(private_home: Path, tmp_path: Path) -> None:
    fill_journal(private_home / "journal", 2)
    target = tmp_path / "no-such-folder" / "out.json"
    result = run("export", "--output", str(target))
    assert result.exit_code == 1
    assert f"there is no folder {target.parent}" in result.stderr
    assert not target.parent.exists()


def test_markdown_export_keeps_the_line_breaks_inside_answers() -> None:
    from reconnect_tui.core.exchange import entry_to_markdown

    entry = make_entry(answers=("First line\nsecond line\n\nA new thought", None))
    entry = replace(entry, partners=(replace(entry.partners[0], appreciation="For the tea\nand the talk"),
                                     entry.partners[1]))
    text = entry_to_markdown(entry)
    assert "> First line\\\n> second line\n>\n> A new thought" in text
    assert "- **Alex:** For the tea\\\n  and the talk" in text


def test_decks_list_fits_an_80_column_pipe_one_line_per_deck(private_home: Path) -> None:
    run("decks", "new", "Sunday walks with a long title")
    result = run("decks", "list")
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    ours = next(line for line in lines if line.startswith("sunday-walks-with-a-long-title "))
    assert ours.endswith("yours") and "…" in ours
    title = ours.split("  ")[1] if "  " in ours else ""
    assert title.split()[-1].rstrip("…") in "Sunday walks with a long title".split()  # whole words


def test_decks_help_says_new_writes_a_deck() -> None:
    result = run("decks", "--help")
    assert "start prompt decks" not in result.stdout and "write a new one" in result.stdout


def test_stats_signals_keep_their_indent_and_commands_whole(private_home: Path) -> None:
    journal = Journal(private_home / "journal")
    for day in range(3):
        journal.save(make_entry(MOMENT + timedelta(days=day), entry_id=f"apart{day}", closeness=((1, 2), (5, 5))))
    result = run("stats")
    lines = result.stdout.splitlines()
    start = lines.index("Worth noticing together")
    signal = lines[start + 1:]
    assert signal[0].startswith("  • ")
    assert all(line.startswith(("  • ", "    ")) for line in signal if line.strip())
    assert sum(line.startswith("    ") for line in signal) >= 3  # the wrapped line hangs under the words
    assert "    reconnect checkin --deck curious-not-blaming" in signal


def test_a_damaged_file_is_described_in_words_not_the_parser_message(private_home: Path) -> None:
    folder = private_home / "journal" / "2026" / "11"
    folder.mkdir(parents=True)
    (folder / "20261126-213005-abc123.json").write_text('{"schema_version": 1, "id": ')
    (folder / "20261127-213005-abc123.json").write_text("")
    problems = [str(p) for p in Journal(private_home / "journal").load().problems]
    assert any("breaks off before its end" in p for p in problems)
    assert any("is empty" in p for p in problems)
    assert not any("truncated" in p or "malformed" in p or "byte " in p for p in problems)


def test_a_changed_file_names_the_line_in_words() -> None:
    from reconnect_tui.core.model import damage_in_words

    raw = b'{\n  "id": "x",\n  oops\n}'
    words = damage_in_words("JSON is malformed: invalid character (byte 20)", raw)
    assert words == "its text was changed or damaged near line 3, so it is not valid JSON"


def test_a_goodbye_after_the_screen_breaks_between_words(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reconnect_tui.cli.opening import _fitted

    monkeypatch.setenv("COLUMNS", "40")
    said = _fitted("Your talk is parked. Take your time; `reconnect` lists it on the home screen, and "
                   "`reconnect checkin --deck bedtime` offers to pick it up again.\n\nSecond line.")
    lines = said.splitlines()
    assert all(len(line) <= 39 for line in lines if " " in line)
    assert "`reconnect`" in said and "`reconnect checkin --deck" in " ".join(lines)
    assert lines[-2:] == ["", "Second line."]
