"""The deck cache: never a different result, never a word when it fails, no YAML when warm."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from helpers import make_folders_read_only
from typer.testing import CliRunner

import reconnect_tui.core.deckcache as deckcache
from reconnect_tui.cli.commands import app
from reconnect_tui.core import fsutil
from reconnect_tui.core.deckcache import CACHE_VERSION, FILE_NAME, DeckCache, load_library_cached
from reconnect_tui.core.decks import DeckLibrary, load_library
from reconnect_tui.core.paths import Paths
from reconnect_tui.core.workspace import Workspace

MINE = """\
version: 1
gestures: [Write a note for the fridge]
decks:
  - id: {id}
    title: {title}
    description: Ours.
    minutes: 5
    mode: blind
    prompts:
      - id: first
        text: What was good today?
        tip: Listen first.
      - id: tank
        text: How full is your tank?
        kind: scale
        labels: [Empty, Low, Some, Good, Full]
      - id: pick
        text: What would help?
        kind: choice
        options: [A walk, Tea, "Yes"]
        multiple: true
        mode: open
"""

# Every kind of file the merge treats differently: a deck of one's own, one that
# replaces a shipped deck, the same id in two files, a YAML error, a deck with a
# mistake beside a good one, and a file that is not UTF-8.
USER_DECKS = {
    "a-mine.yaml": MINE.format(id="sunday", title="Sunday"),
    "b-bedtime.yaml": MINE.format(id="bedtime", title="Our bedtime"),
    "c-again.yaml": MINE.format(id="sunday", title="Sunday again"),
    "d-broken.yaml": "version: 1\ndecks: [\n",
    "e-half.yaml": MINE.format(id="half", title="Half") + "  - id: bad\n    title: Bad\n    colour: red\n",
    "f-latin1.yaml": "version: 1\ndecks: []\n# caf\xe9\n",
}


@pytest.fixture
def decks(paths: Paths) -> Path:
    paths.decks_dir.mkdir(parents=True)
    for name, text in USER_DECKS.items():
        (paths.decks_dir / name).write_bytes(text.encode("latin-1" if "latin1" in name else "utf-8"))
    return paths.decks_dir


def cache_file(paths: Paths) -> Path:
    return paths.cache_dir / FILE_NAME


def test_cold_and_warm_cache_give_the_library_a_parse_gives(
    paths: Paths, decks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = load_library(decks)
    cold = load_library_cached(decks, paths.cache_dir)
    assert cache_file(paths).is_file()
    with monkeypatch.context() as patch:
        patch.setattr(deckcache, "parse_deck_text", None)  # a warm load that parsed would fail
        warm = load_library_cached(decks, paths.cache_dir)
    assert cold == parsed and warm == parsed
    # ... and the library is the one this test is about.
    assert warm.decks["bedtime"].source.overrides_shipped and warm.decks["bedtime"].title == "Our bedtime"
    assert warm.decks["sunday"].title == "Sunday" and warm.decks["repair"].source.shipped
    assert "Write a note for the fridge" in warm.default_gestures
    said = "\n".join(str(problem) for problem in warm.problems)
    for name in ("c-again.yaml", "d-broken.yaml", "e-half.yaml", "f-latin1.yaml"):
        assert name in said
    assert "unknown field 'colour'" in said and "half" in warm.decks


def test_warm_start_reads_no_yaml_and_sees_an_edit(paths: Paths, decks: Path, private_home: Path) -> None:
    script = (
        "import sys\n"
        "from reconnect_tui.core.paths import Paths\n"
        "from reconnect_tui.core.workspace import Workspace\n"
        "workspace = Workspace.open(Paths.from_environment())\n"
        "print(workspace.library.get('sunday').title, 'yaml' in sys.modules)\n"
    )
    environ = {**os.environ, "RECONNECT_HOME": str(private_home)}

    def start() -> str:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environ, check=True)
        assert done.stderr == ""
        return done.stdout.strip()

    assert start() == "Sunday True"  # cold: parsed, and the cache written
    assert start() == "Sunday False"  # warm: PyYAML never imported
    mine = decks / "a-mine.yaml"
    mine.write_text(mine.read_text().replace("title: Sunday", "title: Sunday slowly"))
    assert start() == "Sunday slowly True"
    assert start() == "Sunday slowly False"


def test_any_change_to_a_file_is_parsed_even_one_byte(paths: Paths, decks: Path) -> None:
    load_library_cached(decks, paths.cache_dir)
    mine = decks / "a-mine.yaml"
    mine.write_text(mine.read_text().replace("minutes: 5", "minutes: 6"))
    os.utime(mine, ns=(0, 0))  # an old clock says nothing: the text decides
    assert load_library_cached(decks, paths.cache_dir).get("sunday").minutes == 6
    (decks / "d-broken.yaml").write_text(MINE.format(id="mended", title="Mended"))
    (decks / "c-again.yaml").unlink()
    library = load_library_cached(decks, paths.cache_dir)
    assert library == load_library(decks)
    assert "mended" in library.decks and not any("d-broken" in str(p) or "c-again" in str(p) for p in library.problems)


def test_a_file_moved_or_read_as_shipped_is_parsed_again(paths: Paths, decks: Path) -> None:
    load_library_cached(decks, paths.cache_dir)
    (decks / "a-mine.yaml").rename(decks / "z-mine.yaml")  # same text, another path: its problems name it
    library = load_library_cached(decks, paths.cache_dir)
    assert library == load_library(decks)
    assert library.get("sunday").source.path.name == "c-again.yaml"  # first by name now
    assert any("z-mine.yaml" in str(p) for p in library.problems)

    mine = decks / "z-mine.yaml"
    as_user = DeckCache(paths.cache_dir).read(mine)
    cache = DeckCache(paths.cache_dir)
    as_shipped = cache.read(mine, shipped=True)
    assert cache.parsed and as_shipped.decks[0].source.shipped and not as_user.decks[0].source.shipped


def test_a_warm_load_leaves_the_cache_alone(paths: Paths, decks: Path) -> None:
    load_library_cached(decks, paths.cache_dir)
    before = cache_file(paths).stat()
    load_library_cached(decks, paths.cache_dir)
    after = cache_file(paths).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_without_write_nothing_is_created(paths: Paths, decks: Path) -> None:
    assert load_library_cached(decks, paths.cache_dir, write=False) == load_library(decks)
    assert not paths.cache_dir.exists()


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_cache_is_private_whatever_the_umask(paths: Paths, decks: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        load_library_cached(decks, paths.cache_dir)
    finally:
        os.umask(old)
    assert stat.S_IMODE(paths.cache_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(cache_file(paths).stat().st_mode) == 0o600


# --- a cache that is not what it should be: the decks load exactly, and it is rebuilt ---


def rewritten(paths: Paths, change) -> bytes:  # type: ignore[no-untyped-def]
    data = json.loads(cache_file(paths).read_bytes())
    change(data)
    return json.dumps(data).encode()


def entry_for(data: dict, name: str) -> dict:
    return next(entry for entry in data["files"] if entry["path"].endswith(name))


def set_title(data: dict, title: str) -> None:
    entry_for(data, "a-mine.yaml")["decks"][0][0]["title"] = title


HOSTILE = {
    "empty": lambda paths: b"",
    "not JSON": lambda paths: b"\x00\xff{not json",
    "a list": lambda paths: b"[]",
    "wrong shape": lambda paths: b'{"version": 1, "reconnect": "0.1.0", "files": [{"path": 3}]}',
    "cut short": lambda paths: cache_file(paths).read_bytes()[:-100],
    "deeply nested": lambda paths: b"[" * 100_000,
    "a huge title for the same text": lambda paths: rewritten(paths, lambda d: set_title(d, "x" * 1_000_000)),
    "a huge text": lambda paths: rewritten(
        paths, lambda d: entry_for(d, "a-mine.yaml").update(text="x" * 10_000_000)
    ),
    "a gesture too long": lambda paths: rewritten(
        paths, lambda d: entry_for(d, "a-mine.yaml").update(gestures=["y" * 10_000])
    ),
    # A deck file with these is refused when parsed; the cache must not let them through.
    "a terminal escape in a title": lambda paths: rewritten(paths, lambda d: set_title(d, "Ours\x1b]2;owned\x07")),
    "a terminal escape in a label": lambda paths: rewritten(
        paths, lambda d: entry_for(d, "a-mine.yaml")["decks"][0][0]["prompts"][1].update(
            labels=["Empty", "Low", "\x9b31m", "Good", "Full"])
    ),
}


@pytest.mark.parametrize("how", list(HOSTILE))
def test_a_damaged_or_hostile_cache_changes_nothing_and_is_rebuilt(
    paths: Paths, decks: Path, how: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_library_cached(decks, paths.cache_dir)
    cache_file(paths).write_bytes(HOSTILE[how](paths))
    assert load_library_cached(decks, paths.cache_dir) == load_library(decks)
    with monkeypatch.context() as patch:
        patch.setattr(deckcache, "parse_deck_text", None)
        assert load_library_cached(decks, paths.cache_dir) == load_library(decks)  # rebuilt: warm again
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("stamp", [{"version": CACHE_VERSION + 1}, {"reconnect": "0.0.1"}])
def test_a_cache_from_another_format_or_reconnect_is_not_trusted(paths: Paths, decks: Path, stamp: dict) -> None:
    load_library_cached(decks, paths.cache_dir)

    def as_another_read_it(data: dict) -> None:  # the same texts, read differently
        set_title(data, "Sunday, as read by another reconnect")
        data.update(stamp)

    cache_file(paths).write_bytes(rewritten(paths, as_another_read_it))
    assert load_library_cached(decks, paths.cache_dir) == load_library(decks)
    assert json.loads(cache_file(paths).read_bytes())["reconnect"] != "0.0.1"  # written anew


def test_a_cache_larger_than_reconnect_reads_is_never_written(
    paths: Paths, decks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(fsutil.LIMITS, "cache", 1000)
    assert load_library_cached(decks, paths.cache_dir) == load_library(decks)
    assert not cache_file(paths).exists()


def test_a_cache_that_is_a_folder_or_a_link_is_left_alone(paths: Paths, decks: Path, tmp_path: Path) -> None:
    cache_file(paths).mkdir(parents=True)
    assert load_library_cached(decks, paths.cache_dir) == load_library(decks)
    assert cache_file(paths).is_dir()
    cache_file(paths).rmdir()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("mine")
    cache_file(paths).symlink_to(elsewhere)
    assert load_library_cached(decks, paths.cache_dir) == load_library(decks)
    assert cache_file(paths).is_symlink() and elsewhere.read_text() == "mine"


# --- a cache that cannot be written: the decks load exactly, quietly, nothing half-written ---


def test_a_full_disk_leaves_no_cache_and_no_temporary_file(
    paths: Paths, decks: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def disk_full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fsutil.os, "write", disk_full)
    assert load_library_cached(decks, paths.cache_dir) == load_library(decks)
    assert list(paths.cache_dir.iterdir()) == []
    assert capsys.readouterr() == ("", "")


def test_a_full_disk_keeps_the_cache_that_was_there(paths: Paths, decks: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_library_cached(decks, paths.cache_dir)
    before = cache_file(paths).read_bytes()
    (decks / "a-mine.yaml").write_text(MINE.format(id="sunday", title="Sunday changed"))

    def disk_full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(fsutil.os, "write", disk_full)
    assert load_library_cached(decks, paths.cache_dir).get("sunday").title == "Sunday changed"
    assert cache_file(paths).read_bytes() == before
    assert [p.name for p in paths.cache_dir.iterdir()] == [FILE_NAME]


def test_a_read_only_cache_folder_is_never_mentioned(
    paths: Paths, decks: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_folders_read_only(monkeypatch)
    assert load_library_cached(decks, paths.cache_dir) == load_library(decks)
    assert not cache_file(paths).exists()
    assert capsys.readouterr() == ("", "")


def test_a_cache_folder_that_cannot_be_made_is_never_mentioned(paths: Paths, decks: Path) -> None:
    paths.cache_dir.write_text("a file where the folder would go")
    workspace = Workspace.open(paths)
    assert workspace.library == load_library(decks)
    assert workspace.notes == [  # the decks' own problems, and not a word more
        f"{len(workspace.library.problems)} problems in your own deck files, so those decks are left out for now. "
        f"To see what to fix: reconnect decks validate {decks}"
    ]
    assert paths.cache_dir.read_text() == "a file where the folder would go"


# --- who reads and writes it ---


def test_a_check_in_writes_the_cache_and_the_screenless_commands_only_read_it(
    paths: Paths, decks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    assert "sunday" in runner.invoke(app, ["decks", "list"]).stdout
    assert not paths.cache_dir.exists()  # `decks list` and `prompt` write nothing
    Workspace.open(paths)  # what `reconnect checkin` does first
    before = cache_file(paths).read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(deckcache, "parse_deck_text", None)
        assert runner.invoke(app, ["decks", "show", "sunday"]).stdout.startswith("Sunday\n")  # from the cache
    (decks / "a-mine.yaml").write_text(MINE.format(id="sunday", title="Sunday, edited"))
    assert runner.invoke(app, ["decks", "show", "sunday"]).stdout.startswith("Sunday, edited\n")
    assert cache_file(paths).read_bytes() == before


def test_validate_reads_the_files_never_the_cache(paths: Paths, decks: Path) -> None:
    Workspace.open(paths)

    def all_well(data: dict) -> None:
        entry_for(data, "d-broken.yaml")["problems"] = []

    cache_file(paths).write_bytes(rewritten(paths, all_well))  # a cache that says the broken file is fine
    result = CliRunner().invoke(app, ["decks", "validate", str(decks / "d-broken.yaml")])
    assert result.exit_code == 1 and "YAML syntax" in result.stderr


# --- any files at all: the cache never changes a result ---

VARIANTS = [
    MINE.format(id="sunday", title="Sunday"),
    MINE.format(id="bedtime", title="Ours"),
    MINE.format(id="sunday", title="Twice"),
    "version: 1\ndecks: [\n",
    "version: 2\ndecks: []\n",
    "",
    "version: 1\ngestures: [Tea, Tea, A walk]\ndecks: []\n",
    "version: 1\ndecks:\n  - id: Bad Id\n    title: yes\n",
    "version: 1\ndecks:\n  - !!python/object:os.system {}\n",
]
a_file = st.one_of(
    st.sampled_from(VARIANTS),
    st.builds(lambda text, cut: text[:cut], st.sampled_from(VARIANTS), st.integers(0, 600)),
    st.text(max_size=60),
)


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(a_file, max_size=4), st.lists(a_file, max_size=4))
def test_whatever_the_files_hold_the_cache_gives_what_a_parse_gives(first: list[str], then: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="reconnect-deckcache-") as home:
        decks, cache = Path(home) / "decks", Path(home) / "cache"
        decks.mkdir()

        def place(texts: list[str]) -> DeckLibrary:
            for old in decks.iterdir():
                old.unlink()
            for number, text in enumerate(texts):
                (decks / f"{number}.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
            return load_library(decks)

        for texts in (first, then, first):  # cold, changed, changed back
            parsed = place(texts)
            assert load_library_cached(decks, cache) == parsed
            assert load_library_cached(decks, cache) == parsed  # warm


def test_the_cache_file_is_json_with_each_files_text(paths: Paths, decks: Path) -> None:
    load_library_cached(decks, paths.cache_dir)
    data = msgspec.json.decode(cache_file(paths).read_bytes())
    assert data["version"] == CACHE_VERSION
    texts = {Path(entry["path"]).name: entry["text"] for entry in data["files"]}
    assert texts["a-mine.yaml"] == USER_DECKS["a-mine.yaml"]
    assert "f-latin1.yaml" not in texts  # never read as text: nothing to keep
