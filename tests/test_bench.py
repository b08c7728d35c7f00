"""`python bench/run.py` stays runnable: one small run of every part, no times asserted.

The bench is run by hand and its numbers read by people, so a change that breaks it
(a draft the model now refuses, a renamed function) would otherwise go unnoticed
until someone needs the figures.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="the bench launches screens on a pseudo-terminal")
def test_the_bench_runs_every_part_and_prints_its_tables(tmp_path: Path) -> None:
    env = dict(os.environ, TMPDIR=str(tmp_path), RECONNECT_HOME=str(tmp_path / "not-used"))
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "365", "--runs", "1",
                          "--large-runs", "1", "--no-jrnl"], capture_output=True, text=True, env=env, timeout=170)
    assert out.returncode == 0, out.stderr[-3000:]
    for heading in ("Commands that need no screen", "How each figure grows", "The check-in's first screen",
                    "A locked ten-year journal"):
        assert heading in out.stdout
    for row in ("history: whole list ready", "reconnect checkin: first screen ready", "save an encrypted draft",
                "reconnect export --format json, locked"):
        assert re.search(re.escape(row) + r".*\d+(\.\d+)? ms", out.stdout), row
    assert not (tmp_path / "not-used").exists()  # the bench keeps to its own folders
