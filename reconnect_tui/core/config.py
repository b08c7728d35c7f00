"""The small settings file: partner names, default deck, mode, private ratings, theme.

`mode`, when set, answers every prompt that way (as `checkin --mode` does once);
unset, each deck and prompt says. `private_ratings = true` keeps the closeness
ratings private until revealed together in every mode (a blind check-in always
does). `last_first` remembers who went first last time (a person's id from the
people file), so the other one starts next time, whichever order the names come in.

A damaged file is reported by path and line and the defaults are used. It is never
overwritten unless it was read successfully first, so a typo in a hand-edited file
costs a warning, not the file; settings we do not know, comments and the order of
lines are kept when we write (tomlkit edits the document in place; it is imported
only when a setting is saved, so reading the file stays fast). A `config.toml`
that is a link (a dotfiles set-up) stays a link: the file it points to is
replaced, atomically, beside itself.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from reconnect_tui.core.cleantext import clean_line
from reconnect_tui.core.entry import MODES
from reconnect_tui.core.errors import ConfigError
from reconnect_tui.core.fsutil import atomic_write, read_file

DEFAULT_DECK = "bedtime"


class Config(Struct, frozen=True):
    partners: tuple[str, str] | None = None
    deck: str = DEFAULT_DECK
    mode: str | None = None  # None: as each deck and prompt says
    theme: str | None = None
    private_ratings: bool = False
    last_first: str | None = None  # the person who went first last time (couple.Who's key)


class ConfigLoad(Struct, frozen=True):
    config: Config
    problems: list[str] = field(default_factory=list)


def _read_text(path: Path) -> str | None:
    """The file's text, None when absent; ConfigError when it cannot be read.

    A FIFO, a device or a runaway file in its place is refused without hanging.
    """
    try:
        return read_file(path, "config").decode("utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: is not UTF-8 text") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror})") from None


def _read_raw(path: Path, text: str | None = None) -> dict[str, Any]:
    """The file's table, {} when absent; ConfigError naming path and line if damaged."""
    if text is None:
        text = _read_text(path)
    if text is None:
        return {}
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        if "end of document" in message:  # tomllib gives no line here; the last one is meant
            message = message.replace("end of document", f"the end, line {text.count(chr(10)) + 1}")
        raise ConfigError(f"{path}: {message}") from None


def _clean_name(value: Any) -> str | None:
    if isinstance(value, str) and clean_line(value).strip():
        return clean_line(value).strip()
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
    if "last_first" in raw:
        if isinstance(raw["last_first"], str) and 0 < len(raw["last_first"]) <= 200 and clean_line(
                raw["last_first"]) == raw["last_first"]:
            values["last_first"] = raw["last_first"]
        else:
            problems.append(f"{path}: last_first should be a person's id (it is kept by reconnect itself)")
    if "theme" in raw:
        if isinstance(raw["theme"], str) and raw["theme"].strip():
            values["theme"] = raw["theme"].strip()
        else:
            problems.append(f"{path}: theme should be a theme name")
    return ConfigLoad(Config(**values), problems)


def _write_target(path: Path) -> Path:
    """Where the settings are written: the file itself, or the one its link points to."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not target.parent.is_dir():
        raise ConfigError(f"could not remember this setting: {path} is a link to {target}, whose folder is missing")
    return target


def save_settings(path: Path, **changes: Any) -> None:
    """Remember settings, keeping every other key, the comments and the layout as they were.

    Raises ConfigError (with the reason) when the existing file cannot be read, so
    a damaged file is never replaced by a fresh one.
    """
    target = _write_target(path)
    try:
        text = _read_text(target)
        _read_raw(target, text)  # the same checks as loading: a damaged file is left alone
    except ConfigError as error:
        raise ConfigError(f"could not remember this setting: {error}. Fix or remove that file.") from None
    import tomlkit  # only here: ~60 ms, paid when a setting changes, never at start-up

    try:
        document = tomlkit.parse(text or "")
    except Exception as error:  # tomlkit is stricter than tomllib in a few corners
        raise ConfigError(f"could not remember this setting: {path}: {error}. Fix or remove that file.") from None
    for key, value in changes.items():
        if value is None:
            document.pop(key, None)
        elif isinstance(value, tuple):
            document[key] = list(value)
        else:
            document[key] = value
    try:
        atomic_write(target, tomlkit.dumps(document).encode("utf-8"))
    except OSError as error:
        raise ConfigError(f"could not remember this setting: {target}: {error.strerror}") from None
