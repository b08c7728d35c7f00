"""Escape sequences in data never reach a terminal or a Markdown file as escape sequences.

An OSC 52 sequence (`ESC ] 52 ; c ; <base64> BEL` or `... ESC \\`) writes the
clipboard of the terminal it is printed on; others retitle the window or clear the
screen. A terminal consumes them, so a screenshot cannot show them: these tests
look at the raw bytes written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import MOMENT, make_entry
from typer.testing import CliRunner

from reconnect_tui.cli.commands import app
from reconnect_tui.core.cleantext import clean_line, clean_text, control_characters, visible
from reconnect_tui.core.decks import read_deck_file
from reconnect_tui.core.entry import FollowUp
from reconnect_tui.core.exchange import to_json, to_markdown
from reconnect_tui.core.journal import Journal

OSC52_BEL = "\x1b]52;c;cHduZWQ=\x07"
OSC52_ST = "\x1b]52;c;cHduZWQ=\x1b\\"
TITLE = "\x1b]0;you have been retitled\x07"
CLEAR = "\x1b[2J\x9b2J"
PAYLOADS = (OSC52_BEL, OSC52_ST, TITLE, CLEAR)
ESCAPED = [p.encode() for p in PAYLOADS] + [b"\x1b]52", b"\x1b]0;", b"\x1b[2J", "\x9b".encode()]


def no_escapes(raw: bytes) -> bool:
    return not any(bad in raw for bad in ESCAPED) and b"\x1b" not in raw and b"\x07" not in raw


def hostile_entry(payload: str, entry_id: str = "20261126-213005-aaaaaa"):  # type: ignore[no-untyped-def]
    return make_entry(
        entry_id=entry_id,
        names=(f"Alex{payload}", f"Sam{payload}"),
        answers=(f"An answer{payload}\r\nover two lines", f"Other{payload}"),
        intentions=(f"A gesture{payload}", None),
        follow_ups=(FollowUp(f"Cook{payload}", "yes", f"words{payload}"), None),
        deck=("bedtime", f"Bedtime{payload}"),
    )


@pytest.fixture
def hostile_journal(private_home: Path) -> Journal:
    journal = Journal(private_home / "journal")
    for number, payload in enumerate(PAYLOADS):
        journal.save(hostile_entry(payload, f"20261126-21300{number}-aaaaaa"))
    return journal


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


# --- the one cleaning place --------------------------------------------------------------


def test_clean_line_drops_every_control_and_never_breaks_a_line() -> None:
    every_control = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)])
    cleaned = clean_line(f"Al{every_control}ex")
    assert cleaned == "Al" + " " * 3 + "ex"  # tab, newline, CR each one space; the rest gone
    assert all(not 0 <= ord(c) < 0x20 and not 0x7F <= ord(c) < 0xA0 for c in cleaned)


def test_clean_text_keeps_lines_and_tabs_and_makes_crlf_lf() -> None:
    assert clean_text(f"one\r\ntwo\rthree\tfour{OSC52_ST}\x00") == "one\ntwo\nthree\tfour]52;c;cHduZWQ=\\"


def test_visible_shows_the_controls_of_a_file_name() -> None:
    assert visible(f"deck{OSC52_BEL}.yaml") == "deck\\x1b]52;c;cHduZWQ=\\x07.yaml"


def test_unpaired_surrogates_become_a_replacement_character() -> None:
    assert clean_line("a\ud800b") == "a\ufffdb" and clean_text("a\udfffb") == "a\ufffdb"
    assert control_characters("a\ud800b", multiline=True) == ["an unpaired surrogate"]


# --- the command line: stdout, stderr and the Markdown file ---------------------------------------


def test_stats_prints_no_escape_sequence(hostile_journal: Journal) -> None:
    result = run("stats")
    assert result.exit_code == 0
    assert "Alex" in result.stdout
    assert no_escapes(result.stdout_bytes) and no_escapes(result.stderr_bytes)


def test_markdown_export_to_the_screen_and_to_a_file_holds_no_escape(hostile_journal: Journal, tmp_path: Path) -> None:
    shown = run("export", "--format", "markdown")
    assert shown.exit_code == 0 and "An answer" in shown.stdout
    assert no_escapes(shown.stdout_bytes)
    out = tmp_path / "ours.md"
    written = run("export", "--format", "markdown", "--output", str(out))
    assert written.exit_code == 0
    assert no_escapes(out.read_bytes()) and "over two lines" in out.read_text()
    assert "\r" not in out.read_text()


def test_json_export_stays_lossless_and_prints_no_raw_control(hostile_journal: Journal) -> None:
    result = run("export")
    assert no_escapes(result.stdout_bytes) and "\x9b".encode() not in result.stdout_bytes
    names = {e["partners"][0]["name"] for e in json.loads(result.stdout)["entries"]}
    assert names == {f"Alex{payload}" for payload in PAYLOADS}  # exactly as kept


def test_markdown_of_a_hostile_entry_is_clean() -> None:
    text = to_markdown([hostile_entry(OSC52_ST)])
    assert no_escapes(text.encode())


def test_import_refuses_control_characters_by_name_and_says_so_cleanly(private_home: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text(to_json([hostile_entry(OSC52_BEL, "20261126-213005-bbbbbb"),
                               make_entry(entry_id="20261126-213006-cccccc")]))
    result = run("import", str(export))
    assert result.exit_code == 1
    assert "control character (ESC, BEL)" in result.stderr
    assert "Added 1 check-in" in result.stdout
    assert no_escapes(result.stdout_bytes) and no_escapes(result.stderr_bytes)
    assert [e.id for e in Journal(private_home / "journal").load().entries] == ["20261126-213006-cccccc"]


def test_import_of_a_file_whose_name_holds_an_escape_names_it_visibly(tmp_path: Path) -> None:
    export = tmp_path / f"export{OSC52_BEL}.json"
    export.write_text("not json")
    result = run("import", str(export))
    assert result.exit_code == 1
    assert "\\x1b]52" in result.stderr and no_escapes(result.stderr_bytes)


DECK = """\
version: 1
decks:
  - id: mine
    title: "Mine{payload}"
    description: "A deck"
    minutes: 10
    mode: open
    prompts:
      - id: one
        text: "What was good today?{payload}"
        tip: "tip{payload}"
"""


def yaml_escaped(payload: str) -> str:
    return payload.replace("\\", "\\\\").replace("\x1b", "\\e").replace("\x07", "\\a").replace("\x9b", "\\x9b")


def test_deck_validation_refuses_control_characters_by_name(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(DECK.format(payload=yaml_escaped(OSC52_ST)))
    result = read_deck_file(path)
    assert result.decks == []
    messages = [str(p) for p in result.problems]
    assert any("the title contains a control character (ESC)" in m for m in messages)
    assert any("the prompt text contains a control character (ESC)" in m for m in messages)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_decks_validate_list_show_and_prompt_print_no_escape(private_home: Path, payload: str) -> None:
    decks = private_home / "decks"
    decks.mkdir(parents=True)
    (decks / "bad.yaml").write_text(DECK.format(payload=yaml_escaped(payload)))
    named = decks / f"named{payload.replace(chr(92), '')}.yaml"  # the file NAME holds the sequence
    named.write_text(DECK.format(payload="").replace("id: mine", "id: named"))
    for args in (["decks", "validate", str(decks)], ["decks", "list"], ["decks", "list", "--json"],
                 ["decks", "show", "named"], ["prompt", "--deck", "named"], ["paths"]):
        result = run(*args)
        assert no_escapes(result.stdout_bytes), args
        assert no_escapes(result.stderr_bytes), args
    validated = run("decks", "validate", str(decks))
    assert validated.exit_code == 1 and "\\x1b" in validated.stdout + validated.stderr


def test_deck_file_names_and_titles_are_not_read_as_markup(private_home: Path) -> None:
    decks = private_home / "decks"
    decks.mkdir(parents=True)
    (decks / "[bold]x[red].yaml").write_text(DECK.format(payload=" [/]").replace("id: mine", "id: marked"))
    listed = run("decks", "list")
    assert listed.exit_code == 0
    assert "Mine [/]" in listed.stdout
    assert "[bold]x[red].yaml" in run("decks", "list", "--json").stdout  # the file is named in the JSON list
    shown = run("decks", "show", "marked")
    assert shown.exit_code == 0 and "Mine [/]" in shown.stdout and "yours: [bold]x[red].yaml" in shown.stdout


def test_problem_lines_never_span_two_lines(private_home: Path) -> None:
    decks = private_home / "decks"
    decks.mkdir(parents=True)
    (decks / "two\nlines.yaml").write_text("version: 1\ndecks: [")
    result = run("decks", "validate", str(decks))
    problem_lines = [line for line in result.stderr.splitlines() if "lines.yaml" in line]
    assert len(problem_lines) == 1 and "two\\x0alines.yaml" in problem_lines[0]


def test_a_journal_problem_names_its_file_visibly(private_home: Path) -> None:
    month = private_home / "journal" / "2026" / "11"
    month.mkdir(parents=True)
    (month / f"bad{OSC52_BEL}.json").write_text("{")
    result = run("stats")
    assert "bad\\x1b]52" in result.stderr and no_escapes(result.stderr_bytes)


def test_the_entry_for_the_hostile_journal_keeps_its_exact_words(hostile_journal: Journal) -> None:
    # Cleaning is for showing: what is kept stays exactly as it was written.
    names = sorted(e.partners[0].name for e in hostile_journal.load().entries)
    assert names == sorted(f"Alex{payload}" for payload in PAYLOADS)
    assert MOMENT.year == 2026


def test_trash_and_partners_print_no_escape(hostile_journal: Journal, private_home: Path) -> None:
    """The commands that came with the people file and the trash print names and titles cleaned."""
    from reconnect_tui.core.model import PeopleFile, Person
    from reconnect_tui.core.people import encode_people

    people = tuple(Person(id=f"p-{n}", names=(f"Alex{payload}", f"Al{payload}"), colour="rose")
                   for n, payload in enumerate(PAYLOADS))
    (private_home / "journal" / "people.json").write_bytes(encode_people(PeopleFile(people=people)))
    for entry in hostile_journal.load().entries[:2]:
        hostile_journal.trash(entry)
    for args in (["trash"], ["partners"], ["trash", "restore", f"nothing{OSC52_BEL}"],
                 ["partners", "rename", f"Nobody{TITLE}", "Sam"], ["trash", "restore", "20261126-213000-aaaaaa"]):
        result = CliRunner().invoke(app, args)
        assert no_escapes(result.stdout_bytes), args
        assert no_escapes(result.stderr_bytes), args
    assert "Alex]52;c;cHduZWQ=" in run("partners").stdout


@pytest.mark.parametrize(
    "place",
    ["name", "answer", "appreciation", "prompt", "follow-up", "note"],
)
def test_import_refuses_control_characters_deep_inside_an_entry(private_home: Path, tmp_path: Path, place: str) -> None:
    """Not only at the top: in a partner, an answer, a prompt or a later note too (a name holding
    OSC 52 was imported, because the check never looked inside the entry's lists)."""
    entry = make_entry(entry_id="20261126-213007-dddddd")
    data = entry.to_dict()
    if place == "name":
        data["partners"][0]["name"] = f"Alex{OSC52_BEL}"
    elif place == "answer":
        data["prompts"][0]["answers"][0]["answer"] = f"Words{OSC52_ST}"
    elif place == "appreciation":
        data["partners"][1]["appreciation"] = f"Thanks{TITLE}"
    elif place == "prompt":
        data["prompts"][0]["text"] = f"What{CLEAR}?"
    elif place == "follow-up":
        data["partners"][0]["follow_up"] = {"intention": f"Cook{OSC52_BEL}", "result": "yes"}
    else:
        data["notes"] = [{"schema_version": 2, "entry_id": entry.id, "written_at": MOMENT.isoformat(),
                          "text": f"Later{OSC52_BEL}"}]
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"format": "reconnect-journal", "schema_version": 2, "entries": [data]}))
    result = run("import", str(export))
    assert result.exit_code == 1, result.stdout
    assert "was left out" in result.stderr and "control character" in result.stderr
    assert no_escapes(result.stdout_bytes) and no_escapes(result.stderr_bytes)
    assert Journal(private_home / "journal").load().entries == []
