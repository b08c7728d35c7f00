"""Damaged journal entries, exports and drafts: named and left alone, never a traceback.

Each shape below once made `history`, home, `stats` or `export` die (RecursionError,
ValueError, MemoryError, a hang) or slipped through import. The commands run in a
child with a timeout and 1 GB of address space where a hang or a flood is possible.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_entry
from typer.testing import CliRunner

from reconnect_tui.cli.commands import app
from reconnect_tui.core.drafts import DraftStore
from reconnect_tui.core.errors import DraftError
from reconnect_tui.core.exchange import to_json
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.session import CheckinSession

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and RLIMIT_AS are Unix")

LIMITED = """
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
sys.argv = ["reconnect", *sys.argv[1:]]
runpy.run_module("reconnect_tui", run_name="__main__")
"""


def reconnect(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", LIMITED, *args], capture_output=True, text=True, timeout=90,
                          env={**os.environ, "RECONNECT_HOME": str(home)}, stdin=subprocess.DEVNULL)


def good_entry_dict() -> dict:
    return json.loads(json.dumps(make_entry(entry_id="20261125-213005-aaaaaa").to_dict()))


def damaged_shapes() -> dict[str, bytes | None]:
    shapes: dict[str, bytes | None] = {}
    shapes["deep"] = b"[" * 100_000 + b"]" * 100_000
    huge = good_entry_dict()
    text = json.dumps(huge).replace('"closeness_before": 3', '"closeness_before": ' + "9" * 5000)
    shapes["5000-digit number"] = text.encode()
    for year in ("9999", "0001"):
        moved = good_entry_dict()
        moved["started_at"] = moved["started_at"].replace("2026", year, 1)
        shapes[f"year {year}"] = json.dumps(moved).encode()
    newline_id = good_entry_dict()
    newline_id["id"] = "20261125-213005-aaaaaa\n"
    shapes["id with a newline"] = json.dumps(newline_id).encode()
    for version in (0, -5, "99"):
        shaped = good_entry_dict()
        shaped["schema_version"] = version
        shapes[f"schema_version {version!r}"] = json.dumps(shaped).encode()
    backwards = good_entry_dict()
    backwards["finished_at"], backwards["started_at"] = backwards["started_at"], backwards["finished_at"]
    shapes["finished before started"] = json.dumps(backwards).encode()
    shapes["a FIFO"] = None
    return shapes


@pytest.mark.parametrize("shape", list(damaged_shapes()))
def test_a_damaged_entry_is_named_and_every_command_still_works(private_home: Path, shape: str) -> None:
    journal = Journal(private_home / "journal")
    journal.save(make_entry())
    month = private_home / "journal" / "2026" / "11"
    bad = month / "20261125-213005-aaaaaa.json"
    data = damaged_shapes()[shape]
    if data is None:
        os.mkfifo(bad)
    else:
        bad.write_bytes(data)
    for args in (["stats"], ["export"], ["export", "--format", "markdown"]):
        result = reconnect(private_home, *args)
        assert result.returncode == 0, (args, result.stderr[-800:])
        assert "Traceback" not in result.stderr
        assert "20261125-213005-aaaaaa" in result.stderr and "left untouched" in result.stderr
    assert bad.exists() or data is None


def test_an_entry_linked_to_dev_zero_is_named_without_a_flood(private_home: Path) -> None:
    Journal(private_home / "journal").save(make_entry())
    (private_home / "journal" / "2026" / "11" / "zero.json").symlink_to("/dev/zero")
    result = reconnect(private_home, "export")
    assert result.returncode == 0, result.stderr[-800:]
    assert "zero.json" in result.stderr and "symbolic link" in result.stderr


def test_an_entry_with_a_bom_loads(private_home: Path) -> None:
    month = private_home / "journal" / "2026" / "11"
    month.mkdir(parents=True)
    (month / "20261125-213005-aaaaaa.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(good_entry_dict()).encode())
    assert [e.id for e in Journal(private_home / "journal").load().entries] == ["20261125-213005-aaaaaa"]


def test_a_lone_surrogate_never_breaks_the_export(private_home: Path) -> None:
    Journal(private_home / "journal").save(make_entry())
    broken = json.dumps(good_entry_dict()).replace("A quiet walk", "\\ud800x")
    month = private_home / "journal" / "2026" / "11"
    (month / "20261125-213005-aaaaaa.json").write_text(broken)
    for args in (["export"], ["export", "--format", "markdown"], ["stats"]):
        result = CliRunner().invoke(app, args, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)


def export_of(*entries: dict) -> str:
    return json.dumps({"format": "reconnect-journal", "schema_version": 2, "entries": list(entries)})


def test_import_names_a_broken_entry_and_goes_on_every_time(private_home: Path, tmp_path: Path) -> None:
    broken = good_entry_dict()
    broken["partners"][0]["name"] = "\ud800x"
    other = json.loads(to_json([make_entry(entry_id="20261126-213009-cccccc")]))["entries"][0]
    path = tmp_path / "export.json"
    path.write_text(export_of(broken, other), encoding="utf-8", errors="surrogatepass")
    for run in range(2):
        result = CliRunner().invoke(app, ["import", str(path)], catch_exceptions=False)
        assert result.exit_code == 1
        assert "entry 1" in result.stderr and "Traceback" not in result.stderr
    ids = [e.id for e in Journal(private_home / "journal").load().entries]
    assert ids == ["20261126-213009-cccccc"]


@pytest.mark.parametrize("change", ["year 9999", "year 0001", "id with a newline", "scale -7", "scale huge",
                                    "schema_version 0", "schema_version '99'", "finished before started"])
def test_import_refuses_impossible_entries_by_name(private_home: Path, tmp_path: Path, change: str) -> None:
    data = good_entry_dict()
    text = None
    if change.startswith("year"):
        data["started_at"] = data["started_at"].replace("2026", change[-4:], 1)
    elif change == "id with a newline":
        data["id"] += "\n"
    elif change == "schema_version 0":
        data["schema_version"] = 0
    elif change == "schema_version '99'":
        data["schema_version"] = "99"
    elif change == "finished before started":
        data["finished_at"], data["started_at"] = data["started_at"], data["finished_at"]
    else:
        data["prompts"][0].update(kind="scale", labels=["a", "b", "c", "d", "e"])
        data["prompts"][0]["answers"] = [{"status": "answered", "answer": -7}, {"status": "passed"}]
        if change == "scale huge":
            text = export_of(data).replace("-7", "1" + "0" * 4000)
    path = tmp_path / "export.json"
    path.write_text(text or export_of(data))
    result = CliRunner().invoke(app, ["import", str(path)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "entry 1" in result.stderr and "left out" in result.stderr
    assert Journal(private_home / "journal").load().entries == []


def test_duplicates_inside_one_export_are_called_duplicates(private_home: Path, tmp_path: Path) -> None:
    entry = json.loads(to_json([make_entry()]))["entries"][0]
    path = tmp_path / "export.json"
    path.write_text(export_of(entry, entry))
    result = CliRunner().invoke(app, ["import", str(path)], catch_exceptions=False)
    assert "duplicate" in result.stderr
    assert "Added 1 check-in" in result.stdout and "skipped 0" in result.stdout


def test_an_export_with_a_bom_imports(private_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(b"\xef\xbb\xbf" + to_json([make_entry()]).encode())
    result = CliRunner().invoke(app, ["import", str(path)], catch_exceptions=False)
    assert result.exit_code == 0 and "Added 1 check-in" in result.stdout


# --- drafts ---------------------------------------------------------------------------------


def valid_draft(home: Path) -> tuple[DraftStore, dict]:
    from helpers import make_deck

    session = CheckinSession(deck=make_deck(), partners=("Alex", "Sam"), started_at=make_entry().started_at)
    session.set_answer(0, 0, "hello")
    return DraftStore(home / "drafts"), session.to_dict()


@pytest.mark.parametrize("damage", ["answers [[1,2]]", "no time zone", "people not a list", "deck nested"])
def test_a_damaged_draft_is_a_named_draft_error(private_home: Path, damage: str) -> None:
    store, data = valid_draft(private_home)
    if damage == "answers [[1,2]]":
        data["answers"] = [[1, 2]] * len(data["answers"])
    elif damage == "no time zone":
        data["started_at"] = data["started_at"][:19]
    elif damage == "people not a list":
        data["people"] = 7
    else:
        data["deck"]["prompts"] = [[[[]]]]
    with pytest.raises(DraftError):
        CheckinSession.from_dict(data)


def test_a_draft_linked_to_dev_zero_or_a_fifo_is_refused_without_hanging(private_home: Path) -> None:
    drafts = private_home / "drafts"
    drafts.mkdir(parents=True)
    os.mkfifo(drafts / "checkin.json")
    with pytest.raises(DraftError, match="FIFO"):
        DraftStore(drafts).load()
