"""Every test runs with its own throwaway home: nothing may touch a real journal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reconnect_tui.core.paths import Paths


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("RECONNECT_HOME", str(home))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "xdg" / variable.lower()))
    monkeypatch.delenv("NO_COLOR", raising=False)
    old_umask = os.umask(0o022)
    yield home
    os.umask(old_umask)


@pytest.fixture
def paths(private_home: Path) -> Paths:
    return Paths.in_folder(private_home)
