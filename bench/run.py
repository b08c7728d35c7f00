"""Measure what users feel, and print a table: `python bench/run.py`.

Each row is the median of several runs on this machine. Nothing here asserts a
time; the numbers go into closing notes and are compared by people.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_journal import sample_entries  # noqa: E402

from reconnect_tui.core.exchange import to_json, to_markdown  # noqa: E402
from reconnect_tui.core.journal import Journal  # noqa: E402

TEN_YEARS = 3650


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def command_seconds(args: list[str], env: dict[str, str], runs: int) -> float:
    def once() -> None:
        subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

    return median_seconds(once, runs)


LOAD_ONCE = """
import sys, time
from pathlib import Path
from reconnect_tui.core.journal import Journal
began = time.perf_counter()
Journal(Path(sys.argv[1])).load()
print(time.perf_counter() - began)
"""


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


def fresh_load_seconds(root: Path, runs: int, script: str = LOAD_ONCE, env: dict[str, str] | None = None) -> float:
    """Load the journal in a new process each time: this bench's own heap stays out of it."""
    times = [
        float(subprocess.run([sys.executable, "-c", script, str(root)], capture_output=True, text=True,
                             check=True, env=env).stdout)
        for _ in range(runs)
    ]
    return statistics.median(times)


def locked_rows(home: str, env: dict[str, str], runs: int) -> list[tuple[str, float, str]]:
    """The same ten-year journal, locked: unlock, convert, load and export."""
    from reconnect_tui.core import lockbox
    from reconnect_tui.core.drafts import DraftStore
    from reconnect_tui.core.lockbox import Lockbox
    from reconnect_tui.core.locking import encrypt_files

    rows: list[tuple[str, float, str]] = []
    journal_dir, drafts_dir = Path(home) / "journal", Path(home) / "drafts"
    passphrase = "bench passphrase"
    box = Lockbox(journal_dir)
    began = time.perf_counter()
    key = box.create(passphrase)
    rows.append(("lock: make and wrap the key (scrypt)", time.perf_counter() - began, "once"))
    began = time.perf_counter()
    converted = encrypt_files(journal_dir, drafts_dir, key)
    rows.append((f"lock: convert {len(converted.converted):,} files (fsync each)", time.perf_counter() - began, "once"))

    def unlock() -> None:
        lockbox._unlocked.clear()
        box.unlock(passphrase)

    scrypt_runs = max(1, min(runs, 3))
    rows.append(("unlock: open the key (scrypt)", median_seconds(unlock, scrypt_runs), f"median of {scrypt_runs}"))
    size = sum(p.stat().st_size for p in journal_dir.rglob("*.json.age")) / 1e6
    locked_env = dict(env, BENCH_SECRET=key.secret())
    rows.append((f"load 3,650 locked entries ({size:.1f} MB)",
                 fresh_load_seconds(journal_dir, runs, LOAD_LOCKED_ONCE, locked_env),
                 "fresh process, after the unlock"))
    store = DraftStore(drafts_dir, key)
    sample = {"words": "x" * 4000}
    from datetime import datetime

    now = datetime.now().astimezone()
    rows.append(("save an encrypted draft (4 kB, fsync)", median_seconds(lambda: store.save(sample, now), runs * 4), ""))
    rows.append(("encrypt a 4 kB draft (in memory)", median_seconds(lambda: key.encrypt(b"x" * 4000), runs * 20), ""))
    out = Path(home) / "export-locked.json"
    command_env = dict(env, RECONNECT_PASSPHRASE_COMMAND=f"echo '{passphrase}'")
    rows.append((
        "reconnect export -o, locked (whole command)",
        command_seconds([sys.executable, "-m", "reconnect_tui", "export", "--force", "-o", str(out)], command_env, runs),
        "unlock + load + write",
    ))
    return rows


def ui_launch(which: str, runs: int, typed: int = 400) -> tuple[float, float]:
    """Median seconds to the first screen ready, and median characters typed per second."""
    readies, speeds = [], []
    for _ in range(runs):
        env = dict(os.environ, BENCH_T0=repr(time.time()))
        out = subprocess.run([sys.executable, str(Path(__file__).with_name("ui_launch.py")), which, str(typed)],
                             env=env, capture_output=True, text=True, check=True).stdout.split()
        readies.append(float(out[0]))
        speeds.append(float(out[1]))
    return statistics.median(readies), statistics.median(speeds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median is shown)")
    options = parser.parse_args()
    rows: list[tuple[str, float, str]] = []

    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, RECONNECT_HOME=home)
        reconnect = [sys.executable, "-m", "reconnect_tui"]
        rows.append(("python itself (baseline)", command_seconds([sys.executable, "-c", "pass"], env, options.runs), ""))
        for args in (["--help"], ["paths"], ["decks", "list"], ["prompt"]):
            rows.append((f"reconnect {' '.join(args)}", command_seconds(reconnect + args, env, options.runs), ""))

        bare_ready, bare_typing = ui_launch("bare", options.runs)
        ready, typing = ui_launch("reconnect", options.runs)
        rows.append(("bare Textual app, two TextAreas: ready", bare_ready, ""))
        rows.append(("reconnect checkin: first screen ready", ready, f"{ready / bare_ready:.2f}x the bare app"))
        rows.append(("bare TextArea: 400 characters typed", 400 / bare_typing, f"{bare_typing:,.0f} chars/s"))
        rows.append(("answer pane: 400 characters typed", 400 / typing, f"{typing:,.0f} chars/s, draft kept"))

        journal = Journal(Path(home) / "journal")
        entries = sample_entries(TEN_YEARS)
        began = time.perf_counter()
        for entry in entries:
            journal.save(entry)
        rows.append(("write 3,650 entries (atomic, fsync)", time.perf_counter() - began, "once"))
        size = sum(p.stat().st_size for p in journal.entry_files()) / 1e6
        loaded = journal.load()
        assert len(loaded.entries) == TEN_YEARS, len(loaded.entries)
        rows.append((f"load 3,650 entries ({size:.1f} MB)", fresh_load_seconds(journal.root, options.runs),
                     "in a fresh process, as a screen does"))
        rows.append(("latest entry (check-in start)", median_seconds(journal.latest, options.runs), ""))
        rows.append(("export 3,650 as JSON (in memory)", median_seconds(lambda: to_json(loaded.entries), options.runs), ""))
        rows.append(
            ("export 3,650 as Markdown (in memory)", median_seconds(lambda: to_markdown(loaded.entries), options.runs), "")
        )
        first_shown, opened, searched = [], [], []
        for _ in range(options.runs):
            env_now = dict(env, BENCH_T0=repr(time.time()))
            out_line = subprocess.run(
                [sys.executable, str(Path(__file__).with_name("ui_launch.py")), "history", home],
                env=env_now, capture_output=True, text=True, check=True,
            ).stdout.split()
            first_shown.append(float(out_line[0]))
            opened.append(float(out_line[1]))
            searched.append(float(out_line[2]))
        rows.append(("reconnect history: newest listed", statistics.median(first_shown), "launch to first entries"))
        rows.append(("reconnect history: all 3,650 listed", statistics.median(opened), "launch to the whole list"))
        rows.append(("history search, 3,650 entries", statistics.median(searched), "filter and redraw the list"))
        out = Path(home) / "export.json"
        rows.append(
            (
                "reconnect export -o (whole command)",
                command_seconds(reconnect + ["export", "--force", "-o", str(out)], env, options.runs),
                "",
            )
        )
        rows += locked_rows(home, env, options.runs)

    width = max(len(name) for name, _, _ in rows)
    print(f"{'measure'.ljust(width)}  {'median':>9}  note")
    print(f"{'-' * width}  {'-' * 9}  ----")
    for name, seconds, note in rows:
        print(f"{name.ljust(width)}  {seconds * 1000:7.1f}ms  {note}")


if __name__ == "__main__":
    main()
