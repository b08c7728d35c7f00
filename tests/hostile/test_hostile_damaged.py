"""Damaged, strange or endless files are named and left alone: no hang, no flood, no traceback.

Anything that could hang or eat memory runs in a child process with a timeout and
1 GB of address space (RLIMIT_AS), so a regression fails here instead of stalling
the two-core CI machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_entry

from reconnect_tui.core.journal import Journal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, /dev/zero and RLIMIT_AS are Unix")

LIMITED = """
import resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
sys.argv = ["reconnect", *sys.argv[1:]]
runpy.run_module("reconnect_tui", run_name="__main__")
"""


def reconnect(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`reconnect ARGS` in a child with a memory limit; a hang fails after 60 seconds."""
    return subprocess.run([sys.executable, "-c", LIMITED, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "RECONNECT_HOME": str(home)}, stdin=subprocess.DEVNULL)


def nested_deck(depth: int) -> str:
    return "version: 1\ndecks:\n  - id: deep\n    title: " + "[" * depth + "x" + "]" * depth + "\n"


@pytest.mark.parametrize("args", [["decks", "list"], ["decks", "show", "bedtime"], ["prompt"], ["stats"]])
def test_a_deck_nested_498_deep_is_skipped_as_a_named_problem(private_home: Path, args: list[str]) -> None:
    decks = private_home / "decks"
    decks.mkdir(parents=True)
    (decks / "deep.yaml").write_text(nested_deck(498))
    result = reconnect(private_home, *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    if args[0] == "decks":
        assert "deep.yaml" in result.stderr and "nested" in result.stderr


def test_decks_validate_names_a_deep_deck(private_home: Path, tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text(nested_deck(100_000))
    result = reconnect(private_home, "decks", "validate", str(deep))
    assert result.returncode == 1
    assert "deep.yaml" in result.stderr and "nest" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_decks_validate_refuses_what_is_not_a_file_without_hanging(private_home: Path, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "deck.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    result = reconnect(private_home, "decks", "validate", str(path))
    assert result.returncode == 1
    assert "not a file reconnect can read" in result.stderr


def test_a_fifo_and_a_dev_zero_link_in_the_decks_folder_are_skipped(private_home: Path) -> None:
    decks = private_home / "decks"
    decks.mkdir(parents=True)
    os.mkfifo(decks / "pipe.yaml")
    (decks / "zero.yaml").symlink_to("/dev/zero")
    result = reconnect(private_home, "decks", "list")
    assert result.returncode == 0, result.stderr
    assert "bedtime" in result.stdout


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_import_of_something_endless_is_named_without_hanging(private_home: Path, tmp_path: Path, target: str) -> None:
    path = Path(target)
    if target == "fifo":
        path = tmp_path / "export.json"
        os.mkfifo(path)
    result = reconnect(private_home, "import", str(path))
    assert result.returncode == 1
    assert "not a file reconnect can read" in result.stderr and "Traceback" not in result.stderr


def test_import_of_a_file_nested_100k_deep_is_named(private_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"format": "reconnect-journal", "entries": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = reconnect(private_home, "import", str(path))
    assert result.returncode == 1
    assert "deep.json" in result.stderr and "Traceback" not in result.stderr


def test_a_fifo_config_does_not_hang_any_command(private_home: Path) -> None:
    Journal(private_home / "journal").save(make_entry())  # stats reads the names from the config
    os.mkfifo(private_home / "config.toml")
    result = reconnect(private_home, "stats")
    assert result.returncode == 0 and "Alex" in result.stdout  # the defaults; load_config names the FIFO


def test_a_deck_file_larger_than_the_stated_limit_is_named(private_home: Path) -> None:
    decks = private_home / "decks"
    decks.mkdir(parents=True)
    with open(decks / "huge.yaml", "wb") as handle:
        handle.truncate(5 * 1024 * 1024)
    result = reconnect(private_home, "decks", "list")
    assert result.returncode == 0
    assert "huge.yaml" in result.stderr and "4 MB" in result.stderr
