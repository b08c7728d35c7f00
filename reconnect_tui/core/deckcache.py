"""The deck files as last parsed, kept so that a start with unchanged decks needs no YAML.

It earns its keep on every start: parsing the decks meant importing PyYAML (about
10 ms) and reading the shipped deck and the user's files (about 5 ms), a tenth of
the check-in's start-up budget, to get the same result as last time. The cache
keeps each file's full text beside what was read from it (its decks with their
sources, its gestures, its problems). An entry is used only while the file's text
is exactly the same, at the same path, read as shipped or not alike, by a cache of
this format written by this very reconnect (a newer one may read decks differently):
validity by content, never by a clock. Anything else (no cache, a damaged or foreign
one, a changed file) parses the YAML as before, and the cache is written anew.

It lives in the user cache folder and is only ever a speed-up: a cache that cannot
be read or written is never worth a word to the couple, and the decks load the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct
from msgspec.structs import replace

from reconnect_tui import __version__
from reconnect_tui.core.cleantext import describe_controls
from reconnect_tui.core.decks import (
    Deck,
    DeckFile,
    DeckLibrary,
    DeckProblem,
    DeckSource,
    load_library,
    parse_deck_text,
    read_deck_text,
)
from reconnect_tui.core.fsutil import LIMITS, atomic_write, read_file, sweep_temp_files
from reconnect_tui.core.model import DeckDraft, Label

CACHE_VERSION = 1  # the shape and meaning of the file below; change it when either changes
FILE_NAME = "decks.json"


class _Source(Struct, frozen=True, gc=False):
    path: str
    line: int
    shipped: bool
    overrides_shipped: bool


class _Problem(Struct, frozen=True, gc=False):
    path: str
    line: int | None
    message: str
    deck_id: str | None
    prompt_id: str | None


class _File(Struct, frozen=True, gc=False):
    """One deck file as it was read. Its decks are held to the draft's model, so a
    damaged cache can never hand a check-in a deck it could not keep."""

    path: str
    shipped: bool
    text: str
    decks: tuple[tuple[DeckDraft, _Source], ...]
    gestures: tuple[Label, ...]
    problems: tuple[_Problem, ...]


class _Cache(Struct, frozen=True, gc=False):
    version: int
    reconnect: str
    files: tuple[_File, ...]


class DeckCache:
    """Reads deck files through the cache file in `folder`, and rewrites it after a parse."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self._known = {(entry.path, entry.shipped): entry for entry in self._load()}
        self._read: list[tuple[str, bool, DeckFile]] = []  # (text, shipped, what it held): the next cache
        self.parsed = False

    def _load(self) -> tuple[_File, ...]:
        try:
            # Never through a link, nothing but a regular file, up to a stated size.
            raw = read_file(self.path, "cache", inside=self.path.parent.parent)
            cache = msgspec.json.decode(raw, type=_Cache)
        except (OSError, msgspec.DecodeError):  # missing, unreadable, damaged, another shape
            return ()
        if cache.version != CACHE_VERSION or cache.reconnect != __version__:
            return ()
        return cache.files

    def read(self, path: Path, *, shipped: bool = False) -> DeckFile:
        """`read_deck_file`, parsing only a file whose text is not the one cached."""
        text = read_deck_text(path)
        if isinstance(text, DeckProblem):
            return DeckFile(path, problems=[text])  # not read, so nothing to parse or keep
        known = self._known.get((str(path), shipped))
        if known is not None and known.text == text and not _holds_controls(msgspec.to_builtins(known.decks)) \
                and not _holds_controls(known.gestures):
            loaded = _deck_file(path, known)
        else:
            loaded = parse_deck_text(path, text, shipped=shipped)
            self.parsed = True
        self._read.append((text, shipped, loaded))
        return loaded

    def save(self) -> None:
        """After a parse, keep every file read this time for the next start. Quietly
        skipped when the folder cannot take it: the cache is only a speed-up."""
        if not self.parsed:
            return
        data = msgspec.json.encode({
            "version": CACHE_VERSION,
            "reconnect": __version__,
            "files": [_entry(text, shipped, loaded) for text, shipped, loaded in self._read],
        })
        if len(data) > LIMITS["cache"]:
            return  # it would be refused when read
        try:
            atomic_write(self.path, data, inside=self.path.parent.parent)
        except OSError:
            return
        sweep_temp_files(self.path.parent)  # what a killed write left behind


def _entry(text: str, shipped: bool, loaded: DeckFile) -> dict[str, Any]:
    return {
        "path": str(loaded.path),
        "shipped": shipped,
        "text": text,
        "decks": [[deck.to_dict(), _source(deck)] for deck in loaded.decks],
        "gestures": loaded.gestures,
        "problems": [
            {"path": str(p.path), "line": p.line, "message": p.message, "deck_id": p.deck_id, "prompt_id": p.prompt_id}
            for p in loaded.problems
        ],
    }


def _source(deck: Deck) -> dict[str, Any]:
    assert deck.source is not None  # every deck read from a file has one
    source = deck.source
    return {"path": str(source.path), "line": source.line, "shipped": source.shipped,
            "overrides_shipped": source.overrides_shipped}


def _holds_controls(value: object) -> bool:
    """Whether any text in `value` has a control character. Parsing refuses a deck with
    one (it could act on a terminal); a cache changed by hand must not let it through."""
    if isinstance(value, str):
        return describe_controls(value, multiline=True) is not None
    if isinstance(value, list | tuple):
        return any(_holds_controls(item) for item in value)
    if isinstance(value, dict):
        return any(_holds_controls(item) for item in value.values())
    return False


def _deck_file(path: Path, entry: _File) -> DeckFile:
    """What the file held, as `read_deck_file` gave it when the entry was written."""
    return DeckFile(
        path,
        decks=[
            replace(
                Deck.from_dict(msgspec.to_builtins(deck)),
                source=DeckSource(Path(source.path), source.line, source.shipped, source.overrides_shipped),
            )
            for deck, source in entry.decks
        ],
        gestures=list(entry.gestures),
        problems=[DeckProblem(Path(p.path), p.line, p.message, p.deck_id, p.prompt_id) for p in entry.problems],
    )


def load_library_cached(decks_dir: Path, cache_folder: Path, *, write: bool = True) -> DeckLibrary:
    """`load_library`, parsing only the deck files that changed since the cache was
    written; with `write`, a parse is kept for the next start."""
    cache = DeckCache(cache_folder)
    library = load_library(decks_dir, read=cache.read)
    if write:
        cache.save()
    return library
