"""A pytest plugin for tests/without_unix.py: proves the Unix-only parts really are gone."""

from __future__ import annotations


def pytest_sessionstart(session) -> None:  # type: ignore[no-untyped-def]
    import os
    import signal

    from reconnect_tui.core import fsutil

    assert not hasattr(os, "fchmod") and not hasattr(os, "O_NOFOLLOW") and not hasattr(signal, "SIGHUP")
    assert getattr(fsutil, "fcntl", None) is None, "fcntl was imported"
