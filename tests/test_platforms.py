"""The core runs where the Unix-only parts are missing (as on Windows).

A second pass over tests/core, in a child process, with `fcntl` blocked and
`os.fchmod`, `os.O_NOFOLLOW` and `signal.SIGHUP` removed before any import.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_core_passes_without_the_unix_only_parts() -> None:
    result = subprocess.run(
        [sys.executable, str(TESTS / "without_unix.py"), str(TESTS / "core"), "-q", "-x"],
        capture_output=True, text=True, timeout=900, cwd=TESTS.parent,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
