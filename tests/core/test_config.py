from __future__ import annotations

from pathlib import Path

import pytest

from reconnect_tui.core.config import Config, load_config, save_settings
from reconnect_tui.core.errors import ConfigError


def test_missing_config_gives_defaults(tmp_path: Path) -> None:
    loaded = load_config(tmp_path / "config.toml")
    assert loaded.config == Config()
    assert loaded.problems == []


def test_settings_are_remembered_and_unknown_keys_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('my_own_note = "keep me"\n')
    save_settings(path, partners=("Alex", "Sam"), theme="nord")
    save_settings(path, deck="weekly")
    loaded = load_config(path)
    assert loaded.config == Config(partners=("Alex", "Sam"), deck="weekly", theme="nord")
    assert 'my_own_note = "keep me"' in path.read_text()
    assert oct(path.stat().st_mode & 0o777) == oct(0o600)


def test_damaged_config_is_reported_with_line_and_defaults_used(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('deck = "bedtime"\npartners = ["Alex", \n')
    loaded = load_config(path)
    assert loaded.config == Config()
    assert str(path) in loaded.problems[0] and "line 3" in loaded.problems[0]
    path.write_text('deck = bedtime\n')
    assert "line 1" in load_config(path).problems[0]


def test_damaged_config_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    damaged = 'theme = "nord\n'
    path.write_text(damaged)
    with pytest.raises(ConfigError, match="could not remember"):
        save_settings(path, partners=("Alex", "Sam"))
    assert path.read_text() == damaged


def test_wrong_values_are_named_and_ignored(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('partners = ["Alex"]\nmode = "sideways"\ntheme = "nord"\n')
    loaded = load_config(path)
    assert loaded.config == Config(theme="nord")
    assert any("two names" in p for p in loaded.problems)
    assert any("mode" in p for p in loaded.problems)


def test_private_ratings_and_who_went_first_are_settings(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_settings(path, private_ratings=True, last_first="p-0123abcd", mode="blind")
    assert load_config(path).config == Config(private_ratings=True, last_first="p-0123abcd", mode="blind")
    path.write_text('private_ratings = "yes"\nlast_first = 3\n')
    loaded = load_config(path)
    assert loaded.config == Config()
    assert any("private_ratings" in p for p in loaded.problems) and any("last_first" in p for p in loaded.problems)
