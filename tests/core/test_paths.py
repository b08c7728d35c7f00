from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reconnect_tui.core.paths import Paths


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_reconnect_home_holds_everything_directly(private_home: Path) -> None:
    paths = Paths.from_environment()
    assert paths.config_file == private_home / "config.toml"
    assert paths.decks_dir == private_home / "decks"
    assert paths.journal_dir == private_home / "journal"
    assert paths.drafts_dir == private_home / "drafts"
    assert paths.cache_dir == private_home / "cache"
    assert set(paths.as_dict()) == {"config", "decks", "journal", "drafts", "cache"}


def test_xdg_folders_are_honoured_without_reconnect_home(tmp_path: Path) -> None:
    environ = {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_DATA_HOME": str(tmp_path / "data"),
               "XDG_CACHE_HOME": str(tmp_path / "cache"), "HOME": str(tmp_path)}
    old = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(environ)
        paths = Paths.from_environment()
    finally:
        os.environ.clear()
        os.environ.update(old)
    assert paths.config_file == tmp_path / "cfg" / "reconnect" / "config.toml"
    assert paths.decks_dir == tmp_path / "cfg" / "reconnect" / "decks"
    assert paths.journal_dir == tmp_path / "data" / "reconnect" / "journal"
    assert paths.drafts_dir == tmp_path / "data" / "reconnect" / "drafts"
    assert paths.cache_dir == tmp_path / "cache" / "reconnect"


def test_computing_paths_creates_nothing(private_home: Path) -> None:
    Paths.from_environment()
    assert not private_home.exists()


@pytest.mark.parametrize("umask", [0o022, 0o277])
def test_every_created_folder_is_private_whatever_the_umask(private_home: Path, umask: int) -> None:
    os.umask(umask)
    try:
        paths = Paths.in_folder(private_home / "deeper" / "still").ensure()
    finally:
        os.umask(0o022)
    for folder in (
        private_home,
        private_home / "deeper",
        private_home / "deeper" / "still",
        paths.decks_dir,
        paths.journal_dir,
        paths.drafts_dir,
    ):
        assert mode(folder) == 0o700, folder


def test_existing_parent_folders_are_left_alone(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    Paths.in_folder(shared / "reconnect").ensure()
    assert mode(shared) == 0o755
    assert mode(shared / "reconnect") == 0o700
