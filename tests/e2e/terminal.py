"""Drive the installed `reconnect` in a real terminal: tmux on a private socket.

The environment is passed with `-e`, so a test can never reach a real home
folder, and each test gets its own tmux server that is killed afterwards.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
RECONNECT = str(Path(sys.executable).with_name("reconnect"))
_numbers = itertools.count()


def needs_tmux() -> pytest.MarkDecorator:
    """Skip without tmux, except in CI, where a missing tmux must fail loudly."""
    return pytest.mark.skipif(
        TMUX is None and os.environ.get("CI") != "true", reason="tmux is not installed"
    )


class Terminal:
    def __init__(self, home: Path, width: int = 80, height: int = 24) -> None:
        assert TMUX is not None, "tmux is needed for the end-to-end tests"
        self.home = home
        self.width = width
        self.height = height
        self.socket = f"reconnect-test-{os.getpid()}-{next(_numbers)}"

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run([TMUX, "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=check)

    def environment(self) -> list[str]:
        values = {
            "RECONNECT_HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / "xdg-config"),
            "XDG_DATA_HOME": str(self.home / "xdg-data"),
            "XDG_CACHE_HOME": str(self.home / "xdg-cache"),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
        }
        return [part for key, value in values.items() for part in ("-e", f"{key}={value}")]

    def start(self, shell_command: str) -> None:
        """Run a shell command in a new session; the pane stays after it exits."""
        self._tmux("new-session", "-d", "-s", "main", "-x", str(self.width), "-y", str(self.height),
                   *self.environment(), shell_command)
        self._tmux("set-option", "-t", "main", "remain-on-exit", "on")

    def start_reconnect(self, *args: str) -> None:
        quoted = " ".join(f"'{a}'" for a in args)
        self.start(f"exec {RECONNECT} {quoted}")

    def keys(self, *keys: str, pause: float = 0.25) -> None:
        """Send key names (C-n, Tab, Enter...), each followed by a short human pause."""
        for key in keys:
            self._tmux("send-keys", "-t", "main", key)
            time.sleep(pause)

    def type(self, text: str, pause: float = 0.4) -> None:
        self._tmux("send-keys", "-t", "main", "-l", text)
        time.sleep(pause)

    def text(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "main").stdout

    def wait_for(self, needle: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.text()
            if needle in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} never appeared; the screen was:\n{self.text()}")

    def pid(self) -> int:
        """The process running in the pane (the app itself when started with exec)."""
        return int(self._tmux("display-message", "-p", "-t", "main", "#{pane_pid}").stdout.strip())

    def child_pid(self) -> int:
        """The app when the pane runs it from a shell command line."""
        found = subprocess.run(["pgrep", "-P", str(self.pid())], capture_output=True, text=True)
        return int(found.stdout.split()[0])

    def exited(self) -> bool:
        return self._tmux("display-message", "-p", "-t", "main", "#{pane_dead}").stdout.strip() == "1"

    def wait_until_exited(self, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.exited():
                return
            time.sleep(0.1)
        raise AssertionError(f"the app did not exit; the screen was:\n{self.text()}")

    def close(self) -> None:
        self._tmux("kill-server", check=False)
