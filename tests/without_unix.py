"""Run pytest as if on a platform without the Unix-only parts reconnect may touch.

`fcntl` cannot be imported, and `os.fchmod`, `os.O_NOFOLLOW` and `signal.SIGHUP`
are gone, before anything of reconnect is imported (Windows has none of them).
`tests/test_platforms.py` runs `tests/core` this way on every test run, so CI
catches an unguarded import or call; run it by hand with:

    python tests/without_unix.py tests/core -q
"""

from __future__ import annotations

import importlib.abc
import os
import signal
import sys


class _NoFcntl(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
        if name == "fcntl":
            raise ModuleNotFoundError("No module named 'fcntl' (blocked for the platform test)", name=name)
        return None


def strip_unix() -> None:
    sys.modules.pop("fcntl", None)
    sys.meta_path.insert(0, _NoFcntl())
    for module, name in ((os, "fchmod"), (os, "O_NOFOLLOW"), (signal, "SIGHUP")):
        if hasattr(module, name):
            delattr(module, name)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # for without_unix_check
    strip_unix()
    for loaded in [name for name in sys.modules if name.startswith("reconnect_tui")]:
        raise SystemExit(f"{loaded} was imported before the Unix-only parts were removed")
    import pytest

    sys.exit(pytest.main([*sys.argv[1:], "-p", "no:cacheprovider", "-p", "without_unix_check"]))
