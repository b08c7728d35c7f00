"""Measure what users feel, and print a table: `python bench/run.py`.

Every figure is the median of several runs, each in a fresh process, measured
from outside the way a user meets it. Figures that are compared (the check-in
against a bare Textual app, export against jrnl) are measured in the same run,
interleaved, so a busy machine slows both alike; the spread column says how
much the runs differed. Journals of 365, 3,650 and 36,500 nightly entries show
how each cost grows: ten times the entries should cost about ten times as much,
no more.

jrnl (https://jrnl.sh), a well-known plain-text journal, is the yardstick for
export: when it is not installed, it is installed into a throwaway venv inside
this bench's temporary folder (never a dependency of reconnect), given its own
temporary config and data folders, and fed a journal with the same number of
entries and the same total bytes as reconnect's entry files. Without a network
or the package, the table says "jrnl unavailable" and goes on.

Nothing here asserts a time; the numbers go into notes and are compared by people.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from sample_journal import sample_entries  # noqa: E402

from reconnect_tui.core.journal import Journal, encode  # noqa: E402

SIZES = (365, 3650, 36500)
TEN_YEARS = 3650
TYPED = 400
UNAVAILABLE = "jrnl unavailable"
PARTS = ("commands", "load", "history", "export", "checkin", "locked")


# --- timing ----------------------------------------------------------------------------


@dataclass
class Figure:
    """The runs of one measure: shown as the median and how far the runs spread."""

    runs: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def spread(self) -> str:
        if len(self.runs) < 2 or not self.median:
            return ""
        return f"±{50 * (max(self.runs) - min(self.runs)) / self.median:.0f}%"


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def run_quietly(args: list[str], env: dict[str, str], stdout: Path | None = None) -> None:
    if stdout is None:
        subprocess.run(args, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True, timeout=900)
        return
    with stdout.open("wb") as out:
        subprocess.run(args, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.DEVNULL,
                       check=True, timeout=900)


def command_figure(args: list[str], env: dict[str, str], runs: int, stdout: Path | None = None) -> Figure:
    run_quietly(args, env, stdout)  # a first run fills the OS's file cache and writes .pyc files
    return Figure([timed(lambda: run_quietly(args, env, stdout)) for _ in range(runs)])


def launch(which: str, env: dict[str, str], *args: str) -> list[float]:
    """One fresh process of bench/ui_launch.py; the numbers it prints."""
    env = dict(env, BENCH_T0=repr(time.time()))
    # A screen refuses to open without a terminal on its input (it would wait for keys
    # from /dev/null); the headless app reads none, so a pseudo-terminal nobody types in does.
    terminal = os.openpty() if hasattr(os, "openpty") else None
    try:
        out = subprocess.run([sys.executable, str(HERE / "ui_launch.py"), which, *args], env=env,
                             stdin=terminal[1] if terminal else subprocess.DEVNULL, capture_output=True,
                             text=True, timeout=900)
    finally:
        for fd in terminal or ():
            os.close(fd)
    if out.returncode:
        raise SystemExit(f"bench/ui_launch.py {which} failed:\n{out.stderr[-3000:]}")
    return [float(word) for word in out.stdout.split()]


# --- journals --------------------------------------------------------------------------


def write_journal(root: Path, entries: Iterable) -> list[int]:  # type: ignore[type-arg]
    """The entry files, written plainly (no fsync: this is set-up, not a measure); their sizes.

    Each file, and each month folder, is dated when its last check-in finished, as in
    a journal kept over the years: the check-in's start reads older months only when
    something was written into them since (Journal.latest_finished), and a journal
    written in one go would have it read every month.
    """
    journal = Journal(root)
    sizes = []
    last_written: dict[Path, float] = {}
    for entry in entries:
        path = journal.path_for(entry)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = encode(entry)
        path.write_bytes(data)
        finished = entry.finished_at.timestamp()
        os.utime(path, (finished, finished))
        last_written[path.parent] = max(finished, last_written.get(path.parent, finished))
        sizes.append(len(data))
    for folder, finished in last_written.items():
        os.utime(folder, (finished, finished))
    return sizes


def _words_of(value: object) -> Iterable[str]:
    if isinstance(value, str):
        if len(value) > 12:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _words_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from _words_of(item)


def jrnl_entry(entry_file_bytes: bytes) -> bytes:
    """A jrnl entry of exactly the size of a reconnect entry file, from the same words.

    jrnl's plain-text format: "[date time] title" then the body, a blank line after.
    """
    data = json.loads(entry_file_bytes)
    head = f"[{data['started_at'][:10]} {data['started_at'][11:16]}] "
    words = re.sub(r"[^A-Za-z0-9 .,'-]", " ", " ".join(_words_of(data)))
    words = re.sub(r" +", " ", words).strip() or "A quiet evening."
    room = len(entry_file_bytes) - len(head) - 2
    body = (words + " ") * (room // (len(words) + 1) + 1)
    body = body[:room].rstrip() + "." * (room - len(body[:room].rstrip()))
    lines, column = [], 0  # wrap at about 76 columns by turning spaces into newlines
    for character in body:
        if character == " " and column > 72:
            lines.append("\n")
            column = 0
        else:
            lines.append(character)
            column += 1
    text = (head + "".join(lines) + "\n\n").encode("ascii")
    assert len(text) == len(entry_file_bytes), (len(text), len(entry_file_bytes))
    return text


# --- jrnl ------------------------------------------------------------------------------


def find_or_install_jrnl(folder: Path, given: str | None) -> tuple[list[str] | None, str]:
    """jrnl's command, from --jrnl, PATH or a throwaway venv in `folder`; else None and why."""
    if given:
        return [given], "as given"
    found = shutil.which("jrnl")
    if found:
        return [found], "installed"
    venv = folder / "jrnl-venv"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=300)
        python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
        subprocess.run([str(python), "-m", "pip", "install", "-q", "jrnl"], check=True, capture_output=True,
                       timeout=900)
    except (OSError, subprocess.SubprocessError) as error:
        return None, f"could not be installed ({type(error).__name__})"
    return [str(python), "-m", "jrnl"], "in a throwaway venv"


class Jrnl:
    def __init__(self, command: list[str], folder: Path) -> None:
        self.command = command
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        # Its own config, data and home, so it never reads or asks about a real one.
        self.env = dict(os.environ, XDG_CONFIG_HOME=str(folder / "config"), XDG_DATA_HOME=str(folder / "data"),
                        HOME=str(folder / "home"), NO_COLOR="1")
        for name in ("config", "data", "home"):
            (folder / name).mkdir(exist_ok=True)
        version = subprocess.run([*command, "--version"], env=self.env, capture_output=True, text=True,
                                 stdin=subprocess.DEVNULL, timeout=120).stdout
        found = re.search(r"v?(\d+\.\d+(\.\d+)?)", version)
        self.version = found.group(1) if found else "4.6"  # written into its config, so it asks nothing

    def use(self, journal_file: Path) -> None:
        config = self.folder / "config" / "jrnl"
        config.mkdir(parents=True, exist_ok=True)
        (config / "jrnl.yaml").write_text(
            "colors: {body: none, date: none, tags: none, title: none}\n"
            "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
            "indent_character: '|'\n"
            f"journals:\n  default:\n    journal: {json.dumps(str(journal_file))}\n"
            "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\n"
            f"version: '{self.version}'\n",
            encoding="utf-8",
        )

    def count(self, journal_file: Path) -> int:
        """How many entries jrnl read (a check that the journal was written as jrnl reads it)."""
        self.use(journal_file)
        out = subprocess.run([*self.command, "--export", "json"], env=self.env, capture_output=True,
                             stdin=subprocess.DEVNULL, timeout=900, check=True).stdout
        return len(json.loads(out)["entries"])


# --- the table -------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def print_rows(title: str, rows: list[tuple[str, Figure | None, str]]) -> None:
    width = max(len(name) for name, _, _ in rows)
    print(f"\n{title}")
    print(f"{'measure'.ljust(width)}  {'median':>10}  {'spread':>6}  note")
    print(f"{'-' * width}  {'-' * 10}  {'-' * 6}  ----")
    for name, figure, note in rows:
        if figure is None:
            print(f"{name.ljust(width)}  {'—':>10}  {'':>6}  {note}")
        else:
            print(f"{name.ljust(width)}  {ms(figure.median):>10}  {figure.spread:>6}  {note}")
    sys.stdout.flush()


def print_growth(sizes: list[int], rows: list[tuple[str, dict[int, Figure | str]]]) -> None:
    width = max(len(name) for name, _ in rows)
    grows = len(sizes) > 1
    print("\nHow each figure grows with the journal (median and spread of the runs)")
    if grows:
        print(f"(the last column is the {sizes[-1]:,} figure over the {sizes[-2]:,} one: "
              f"{sizes[-1] / sizes[-2]:.0f}x is linear growth)")
    print("entries".ljust(width) + "".join(f"  {size:>16,}" for size in sizes) + ("  growth" if grows else ""))
    print("-" * width + ("  " + "-" * 16) * len(sizes) + ("  ------" if grows else ""))
    for name, cells in rows:
        line = name.ljust(width)
        for size in sizes:
            cell = cells.get(size, "")
            if isinstance(cell, Figure):
                cell = f"{ms(cell.median)} {cell.spread:>5}"
            line += f"  {cell:>16}"
        last, before = cells.get(sizes[-1]), (cells.get(sizes[-2]) if grows else None)
        if isinstance(last, Figure) and isinstance(before, Figure) and before.median:
            line += f"  {last.median / before.median:5.1f}x"
        print(line)
    sys.stdout.flush()


# --- the bench -------------------------------------------------------------------------


def bench_commands(env: dict[str, str], runs: int) -> None:
    reconnect = [sys.executable, "-m", "reconnect_tui"]
    rows: list[tuple[str, Figure | None, str]] = [
        ("python itself (baseline)", command_figure([sys.executable, "-c", "pass"], env, runs), "")
    ]
    for args in (["--help"], ["paths"], ["decks", "list"], ["prompt"]):
        rows.append((f"reconnect {' '.join(args)}", command_figure(reconnect + args, env, runs), ""))
    print_rows("Commands that need no screen", rows)


def bench_checkin(env: dict[str, str], runs: int) -> None:
    """The check-in's first screen beside a bare two-TextArea app, launches interleaved.

    RECONNECT_HOME holds a plain journal with both names remembered and no draft;
    a first launch of each is left out (it writes .pyc files and fills the file cache).
    """
    drafts = Path(env["RECONNECT_HOME"]) / "drafts"

    def checkin() -> list[float]:
        for draft in drafts.glob("*.json"):  # what was typed last time is not offered: no draft
            draft.unlink()
        return launch("checkin", env, str(TYPED))

    launch("bare", env, str(TYPED))
    checkin()
    bare_ready, bare_typing, ready, typing, ratios = Figure(), [], Figure(), [], Figure()
    bare_cpu, cpu, cpu_ratios = Figure(), Figure(), Figure()
    for _ in range(runs):
        bare_run = launch("bare", env, str(TYPED))
        checkin_run = checkin()
        bare_ready.runs.append(bare_run[0])
        bare_typing.append(bare_run[1])
        ready.runs.append(checkin_run[0])
        typing.append(checkin_run[1])
        ratios.runs.append(checkin_run[0] / bare_run[0])
        bare_cpu.runs.append(bare_run[2])
        cpu.runs.append(checkin_run[2])
        cpu_ratios.runs.append(checkin_run[2] / bare_run[2])
    print_rows(
        "The check-in's first screen (launch to its first frame drawn with the cursor in place, 80x24, not the first run)",
        [
            ("bare Textual app, two TextAreas: ready", bare_ready, ""),
            ("reconnect checkin: first screen ready", ready,
             f"{ratios.median:.2f}x the bare app (median of the {runs} paired ratios, {ratios.spread})"),
            ("bare app: CPU used until ready", bare_cpu, "the process's own CPU time, steadier on a busy machine"),
            ("reconnect checkin: CPU used until ready", cpu,
             f"{cpu_ratios.median:.2f}x the bare app (paired, {cpu_ratios.spread})"),
            ("bare TextArea: 400 characters typed", Figure([TYPED / s for s in bare_typing]),
             f"{statistics.median(bare_typing):,.0f} chars/s"),
            ("answer pane: 400 characters typed", Figure([TYPED / s for s in typing]),
             f"{statistics.median(typing):,.0f} chars/s, draft kept"),
        ],
    )


LOAD_ONCE = """
import sys, time
from pathlib import Path
from reconnect_tui.core.journal import Journal
began = time.perf_counter()
loaded = Journal(Path(sys.argv[1])).load()
took = time.perf_counter() - began
began = time.perf_counter()
Journal(Path(sys.argv[1])).latest()
print(took, time.perf_counter() - began, len(loaded.entries))
"""


def bench_sizes(folder: Path, sizes: list[int], runs: int, large_runs: int, use_jrnl: bool,
                given_jrnl: str | None, only: set[str] = set(PARTS)) -> Path | None:
    """Load, history, export and jrnl at each size (those in `only`); returns the 3,650
    home for the check-in (the journals are written whatever `only` holds)."""
    jrnl: Jrnl | None = None
    jrnl_note = "not asked for (--no-jrnl)"
    use_jrnl = use_jrnl and "export" in only
    if use_jrnl:
        print("\n(finding or installing jrnl for the export comparison…)", file=sys.stderr)
        command, how = find_or_install_jrnl(folder, given_jrnl)
        if command is None:
            jrnl_note = f"{UNAVAILABLE}: {how}"
            print(UNAVAILABLE, f"({how}); going on without it")
        else:
            try:
                jrnl = Jrnl(command, folder / "jrnl")
                jrnl_note = f"jrnl {jrnl.version}, {how}"
            except (OSError, subprocess.SubprocessError) as error:
                jrnl_note = f"{UNAVAILABLE}: it did not start ({type(error).__name__})"
                print(UNAVAILABLE, "(it did not start); going on without it")

    print(f"(writing sample journals of {', '.join(f'{s:,}' for s in sizes)} entries…)", file=sys.stderr)
    everything = sample_entries(max(sizes))
    reconnect = [sys.executable, "-m", "reconnect_tui"]
    names = ("load the whole journal (core)", "latest entry (check-in start)", "history: newest listed",
             "history: whole list ready", "history: search and redraw", "reconnect export --format json",
             "jrnl --export json (same bytes)", "reconnect export / jrnl", "reconnect export --format markdown")
    cells: dict[str, dict[int, Figure | str]] = {name: {} for name in names}
    sizes_note: list[str] = []
    ten_year_home = None
    for size in sizes:
        home = folder / f"home-{size}"
        entry_sizes = write_journal(home / "journal", everything[-size:])
        (home / "config.toml").write_text('partners = ["Alex", "Sam"]\n', encoding="utf-8")
        total = sum(entry_sizes)
        sizes_note.append(f"{size:,} entries = {total / 1e6:.1f} MB")
        if size == TEN_YEARS or ten_year_home is None:
            ten_year_home = home
        env = dict(os.environ, RECONNECT_HOME=str(home))
        times = max(1, runs if size <= TEN_YEARS else large_runs)

        if "load" in only:
            load, latest = Figure(), Figure()
            for _ in range(times):
                took, latest_took, count = subprocess.run(
                    [sys.executable, "-c", LOAD_ONCE, str(home / "journal")], capture_output=True, text=True,
                    check=True, timeout=900).stdout.split()
                assert int(count) == size, (count, size)
                load.runs.append(float(took))
                latest.runs.append(float(latest_took))
            cells[names[0]][size], cells[names[1]][size] = load, latest

        if "history" in only:
            launch("history", env)  # not the first run
            first, ready, search = Figure(), Figure(), Figure()
            for _ in range(times):
                shown = launch("history", env)
                first.runs.append(shown[0])
                ready.runs.append(shown[1])
                search.runs.append(shown[2])
            cells[names[2]][size], cells[names[3]][size], cells[names[4]][size] = first, ready, search

        if "export" in only:
            out = folder / "export.out"
            export_json = [*reconnect, "export", "--format", "json"]
            run_quietly(export_json, env, out)
            if jrnl is not None:
                jrnl_file = folder / f"jrnl-{size}.txt"
                with jrnl_file.open("wb") as text:
                    for path in sorted((home / "journal").rglob("*.json")):
                        text.write(jrnl_entry(path.read_bytes()))
                assert jrnl_file.stat().st_size == total, (jrnl_file.stat().st_size, total)
                read = jrnl.count(jrnl_file)  # also the run that is left out
                if read != size:
                    cells[names[6]][size] = f"read {read:,}?"
                jrnl.use(jrnl_file)
                mine, theirs, ratio = Figure(), Figure(), Figure()
                for _ in range(times):  # interleaved, so both meet the same machine
                    mine.runs.append(timed(lambda: run_quietly(export_json, env, out)))
                    theirs.runs.append(timed(lambda: run_quietly([*jrnl.command, "--export", "json"], jrnl.env, out)))
                    ratio.runs.append(mine.runs[-1] / theirs.runs[-1])
                cells[names[5]][size], cells[names[6]][size] = mine, theirs
                cells[names[7]][size] = f"{ratio.median:.2f}x {ratio.spread}"
                jrnl_file.unlink()
            else:
                cells[names[5]][size] = command_figure(export_json, env, times, out)
                cells[names[6]][size] = UNAVAILABLE
            cells[names[8]][size] = command_figure([*reconnect, "export", "--format", "markdown"], env, times, out)
        if size != TEN_YEARS and size != sizes[0]:
            shutil.rmtree(home)
        print(f"({size:,} done)", file=sys.stderr)

    shown = [(name, cells[name]) for name in names if cells[name]]
    if shown:
        print_growth(sizes, shown)
    print(f"({'; '.join(sizes_note)}; {jrnl_note}; {runs} runs each, {large_runs} at more than 3,650)")
    return ten_year_home


LOAD_LOCKED_ONCE = """
import os, sys, time
from pathlib import Path
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.lockbox import Key
key = Key.from_secret(os.environ["BENCH_SECRET"])
key.encrypt(b"")  # pyrage imported and warm, as after an unlock
began = time.perf_counter()
loaded = Journal(Path(sys.argv[1]), key).load()
assert not loaded.problems, loaded.problems[:1]
print(time.perf_counter() - began)
"""


def bench_locked(home: Path, runs: int) -> None:
    """The ten-year journal, locked in place: unlock, convert, load, drafts and export."""
    from datetime import datetime

    from reconnect_tui.core import lockbox
    from reconnect_tui.core.decks import load_library, shipped_deck_file
    from reconnect_tui.core.drafts import DraftStore
    from reconnect_tui.core.lockbox import Lockbox
    from reconnect_tui.core.locking import encrypt_files
    from reconnect_tui.core.session import CheckinSession

    journal_dir, drafts_dir = home / "journal", home / "drafts"
    passphrase = "bench passphrase"
    box = Lockbox(journal_dir)
    rows: list[tuple[str, Figure | None, str]] = []
    key_holder: list = []
    rows.append(("lock: make and wrap the key (scrypt)", Figure([timed(lambda: key_holder.append(box.create(passphrase)))]),
                 "once"))
    key = key_holder[0]
    converted: list = []
    took = timed(lambda: converted.append(encrypt_files(journal_dir, drafts_dir, key)))
    rows.append((f"lock: convert {len(converted[0].converted):,} files (fsync each)", Figure([took]), "once"))

    def unlock() -> None:
        lockbox._unlocked.clear()
        box.unlock(passphrase)

    scrypt_runs = max(1, min(runs, 3))
    rows.append(("unlock: open the key (scrypt)", Figure([timed(unlock) for _ in range(scrypt_runs)]), ""))
    size = sum(p.stat().st_size for p in journal_dir.rglob("*.json.age")) / 1e6
    locked_env = dict(os.environ, BENCH_SECRET=key.secret())
    load = Figure([
        float(subprocess.run([sys.executable, "-c", LOAD_LOCKED_ONCE, str(journal_dir)], capture_output=True,
                             text=True, check=True, env=locked_env, timeout=900).stdout)
        for _ in range(runs)
    ])
    rows.append((f"load {len(converted[0].converted):,} locked entries ({size:.1f} MB)", load,
                 "fresh process, after the unlock"))
    store = DraftStore(drafts_dir, key)
    now = datetime.now().astimezone()
    # A real check-in's draft (a draft that could not be read back is refused), long answers in.
    deck = load_library(shipped_deck_file().parent / "no-user-decks", shipped_deck_file()).get("bedtime")
    session = CheckinSession(deck=deck, partners=("Alex", "Sam"), started_at=now)
    session.go_next()
    for partner in (0, 1):
        session.set_answer(0, partner, "a quiet walk by the river " * 60)
    sample = session.to_dict()
    kb = len(json.dumps(sample).encode()) / 1000
    rows.append((f"save an encrypted draft ({kb:.0f} kB, fsync)", Figure([timed(lambda: store.save(sample, now))
                                                                          for _ in range(runs * 4)]), ""))
    rows.append(("encrypt a 4 kB draft (in memory)", Figure([timed(lambda: key.encrypt(b"x" * 4000))
                                                             for _ in range(runs * 20)]), ""))
    command_env = dict(os.environ, RECONNECT_HOME=str(home), RECONNECT_PASSPHRASE_COMMAND=f"echo '{passphrase}'")
    rows.append(("reconnect export --format json, locked", command_figure(
        [sys.executable, "-m", "reconnect_tui", "export", "--format", "json"], command_env, runs, home / "export.out"),
        "unlock + load + write"))
    print_rows("A locked ten-year journal (the same entries, inside age)", rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (the median is shown)")
    parser.add_argument("--large-runs", type=int, default=3, help="runs per measurement above 3,650 entries")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="journal sizes to measure, comma-separated (default: 365,3650,36500)")
    parser.add_argument("--no-jrnl", action="store_true", help="leave out the comparison with jrnl")
    parser.add_argument("--only", metavar="PARTS", default=",".join(PARTS),
                        help=f"the parts to run, comma-separated, from {', '.join(PARTS)} (default: all); "
                        "sizes writes the journals the others need")
    parser.add_argument("--jrnl", metavar="PATH", help="the jrnl command to compare with (default: from PATH, "
                        "else installed into a throwaway venv)")
    options = parser.parse_args()
    sizes = sorted({int(size) for size in options.sizes.split(",")})
    only = {part.strip() for part in options.only.split(",") if part.strip()}
    if only - set(PARTS):
        parser.error(f"--only takes {', '.join(PARTS)}, not {', '.join(sorted(only - set(PARTS)))}")
    # An installed copy runs from compiled bytecode (pip writes it); without this, a
    # checkout run with PYTHONDONTWRITEBYTECODE set recompiles reconnect's modules on
    # every start while Textual's come compiled, and the ratios would be unfair.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

    with tempfile.TemporaryDirectory(prefix="reconnect-bench-") as temporary:
        folder = Path(temporary)
        empty = folder / "empty-home"
        if "commands" in only:
            bench_commands(dict(os.environ, RECONNECT_HOME=str(empty)), options.runs)
        home = bench_sizes(folder, sizes, options.runs, options.large_runs, not options.no_jrnl, options.jrnl,
                           only)
        assert home is not None
        if "checkin" in only:
            bench_checkin(dict(os.environ, RECONNECT_HOME=str(home)), options.runs)
        if "locked" in only:
            bench_locked(home, options.runs)  # last: it encrypts that journal in place


if __name__ == "__main__":
    main()
