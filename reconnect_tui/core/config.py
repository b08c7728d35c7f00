"""The small settings file: partner names, default deck, mode, private ratings, theme.

`mode`, when set, answers every prompt that way (as `checkin --mode` does once);
unset, each deck and prompt says. `private_ratings = true` keeps the closeness
ratings private until revealed together in every mode (a blind check-in always
does). `last_first_seat` remembers who went first last time, so it alternates.

A damaged file is reported by path and line and the defaults are used. It is never
overwritten unless it was read successfully first, so a typo in a hand-edited file
costs a warning, not the file; settings we do not know are kept when we write.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from reconnect_tui.core.entry import MODES
from reconnect_tui.core.errors import ConfigError
from reconnect_tui.core.fsutil import atomic_write

DEFAULT_DECK = "bedtime"


@dataclass(frozen=True)
class Config:
    partners: tuple[str, str] | None = None
    deck: str = DEFAULT_DECK
    mode: str | None = None  # None: as each deck and prompt says
    theme: str | None = None
    private_ratings: bool = False
    last_first_seat: int | None = None  # 0 or 1: who went first in the last check-in


@dataclass(frozen=True)
class ConfigLoad:
    config: Config
    problems: list[str] = field(default_factory=list)


def _read_raw(path: Path) -> dict[str, Any]:
    """The file's table, {} when absent; ConfigError naming path and line if damaged."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: is not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        if "end of document" in message:  # tomllib gives no line here; the last one is meant
            message = message.replace("end of document", f"the end, line {text.count(chr(10)) + 1}")
        raise ConfigError(f"{path}: {message}") from None


def _clean_name(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def load_config(path: Path) -> ConfigLoad:
    try:
        raw = _read_raw(path)
    except ConfigError as error:
        return ConfigLoad(Config(), [f"{error}; using the defaults until it is fixed"])

    problems: list[str] = []
    values: dict[str, Any] = {}
    if "partners" in raw:
        names = raw["partners"]
        if isinstance(names, list) and len(names) == 2 and all(_clean_name(n) for n in names):
            values["partners"] = (_clean_name(names[0]), _clean_name(names[1]))
        else:
            problems.append(f'{path}: partners should be two names, like partners = ["Alex", "Sam"]')
    if "deck" in raw:
        if isinstance(raw["deck"], str) and raw["deck"].strip():
            values["deck"] = raw["deck"].strip()
        else:
            problems.append(f'{path}: deck should be a deck id, like deck = "{DEFAULT_DECK}"')
    if "mode" in raw:
        if raw["mode"] in MODES:
            values["mode"] = raw["mode"]
        else:
            problems.append(f"{path}: mode should be one of: {', '.join(MODES)}")
    if "private_ratings" in raw:
        if isinstance(raw["private_ratings"], bool):
            values["private_ratings"] = raw["private_ratings"]
        else:
            problems.append(f"{path}: private_ratings should be true or false")
    if "last_first_seat" in raw:
        if raw["last_first_seat"] in (0, 1) and not isinstance(raw["last_first_seat"], bool):
            values["last_first_seat"] = raw["last_first_seat"]
        else:
            problems.append(f"{path}: last_first_seat should be 0 or 1 (it is kept by reconnect itself)")
    if "theme" in raw:
        if isinstance(raw["theme"], str) and raw["theme"].strip():
            values["theme"] = raw["theme"].strip()
        else:
            problems.append(f"{path}: theme should be a theme name")
    return ConfigLoad(Config(**values), problems)


def save_settings(path: Path, **changes: Any) -> None:
    """Remember settings, keeping every other key in the file as it was.

    Raises ConfigError (with the reason) when the existing file cannot be read, so
    a damaged file is never replaced by a fresh one.
    """
    try:
        raw = _read_raw(path)
    except ConfigError as error:
        raise ConfigError(f"could not remember this setting: {error}. Fix or remove that file.") from None
    for key, value in changes.items():
        if value is None:
            raw.pop(key, None)
        elif isinstance(value, tuple):
            raw[key] = list(value)
        else:
            raw[key] = value
    try:
        atomic_write(path, tomli_w.dumps(raw).encode("utf-8"))
    except OSError as error:
        raise ConfigError(f"could not remember this setting: {path}: {error.strerror}") from None
