"""The journal out and back in: JSON (lossless) and Markdown (to read or print).

The JSON export is one object: a format name, the schema version and the entries,
sorted by start time then id, with no export timestamp inside, so exporting,
importing into an empty journal and exporting again gives the very same file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reconnect_tui.core.together import status_word, turns_lines
from reconnect_tui.core.entry import (
    FOLLOW_UP_WORDS,
    SCHEMA_VERSION,
    Entry,
    EntryInvalid,
    closeness_words,
)
from reconnect_tui.core.errors import JournalError, ReconnectError
from reconnect_tui.core.fsutil import atomic_write
from reconnect_tui.core.journal import Journal, sort_key

if TYPE_CHECKING:
    from reconnect_tui.core.lockbox import Key

EXPORT_FORMAT = "reconnect-journal"


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise JournalError(f"{option} {text!r} is not a date; write it like 2026-03-31") from None


def in_range(entries: Iterable[Entry], since: date | None = None, until: date | None = None) -> list[Entry]:
    """Entries whose start falls on or between the two days (as the couple's clock read them)."""
    chosen = []
    for entry in entries:
        day = entry.started_at.date()
        if (since is None or day >= since) and (until is None or day <= until):
            chosen.append(entry)
    return sorted(chosen, key=sort_key)


def to_json(entries: Iterable[Entry]) -> str:
    """The export document, one entry per line.

    One line per entry keeps a ten-year export fast to write (the indenting encoder
    is pure Python and several times slower) and easy to diff and grep.
    """
    lines = [json.dumps(entry.to_dict(), ensure_ascii=False) for entry in sorted(entries, key=sort_key)]
    header = f'{{\n  "format": {json.dumps(EXPORT_FORMAT)},\n  "schema_version": {SCHEMA_VERSION},\n'
    if not lines:
        return header + '  "entries": []\n}\n'
    return header + '  "entries": [\n    ' + ",\n    ".join(lines) + "\n  ]\n}\n"


# --- Markdown ----------------------------------------------------------------------


def _day(moment: datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line.strip() else ">" for line in text.strip().splitlines()]


def entry_to_markdown(entry: Entry, heading: str = "##") -> str:
    first, second = entry.partners
    lines = [f"{heading} {_day(entry.started_at)} · {entry.deck_title}", ""]
    lines.append(f"*{entry.started_at:%H:%M} to {entry.finished_at:%H:%M}, {first.name} and {second.name}*")
    lines += ["", "**How close we felt, before and after**", ""]
    for partner in entry.partners:
        lines.append(
            f"- {partner.name}: {closeness_words(partner.closeness_before)} → {closeness_words(partner.closeness_after)}"
        )
    follow_ups = [p for p in entry.partners if p.follow_up is not None]
    if follow_ups:
        lines += ["", "**How last time's small gestures went**", ""]
        for partner in follow_ups:
            assert partner.follow_up is not None
            result = FOLLOW_UP_WORDS.get(partner.follow_up.result or "", "passed")
            words = f" {partner.follow_up.words}" if partner.follow_up.words else ""
            lines.append(f"- {partner.name}, “{partner.follow_up.intention}”: {result}.{words}")
    for prompt in entry.prompts:
        if all(answer.status == "not_reached" for answer in prompt.answers):
            continue
        lines += ["", f"{heading}# {prompt.text}", ""]
        if prompt.turns:  # speaker and listener, in the order it was said
            lines += [f"- **{who}:** {' '.join(words.split())}" for who, words in turns_lines(prompt, entry.names)]
            lines.append("")
            continue
        for partner, answer in zip(entry.partners, prompt.answers, strict=True):
            words = prompt.describe(answer)
            if answer.status in ("answered", "spoken") and words:
                aloud = " *(also said aloud)*" if answer.status == "spoken" else ""
                lines += [f"**{partner.name}**{aloud}", ""] + _quote(words) + [""]
            else:
                lines += [f"**{partner.name}** *({status_word(answer.status)})*", ""]
    for title, attribute in (("Appreciations", "appreciation"), ("Small gestures for the coming days", "intention")):
        given = [(p.name, getattr(p, attribute)) for p in entry.partners if getattr(p, attribute)]
        if given:
            lines += ["", f"{heading}# {title}", ""]
            lines += [f"- **{name}:** {' '.join(text.split())}" for name, text in given]
    return "\n".join(lines).rstrip() + "\n"


def to_markdown(entries: Iterable[Entry]) -> str:
    ordered = sorted(entries, key=sort_key)
    lines = ["# Our check-ins", ""]
    if not ordered:
        lines.append("*No check-ins in this range yet.*")
        return "\n".join(lines) + "\n"
    first, last = ordered[0], ordered[-1]
    names = " and ".join(first.names)
    count = f"{len(ordered)} check-in{'s' if len(ordered) != 1 else ''}"
    same_day = first.started_at.date() == last.started_at.date()
    span = _day(first.started_at) if same_day else f"{_day(first.started_at)} to {_day(last.started_at)}"
    lines += [f"{names} · {count} · {span}", ""]
    for entry in ordered:
        lines += ["---", "", entry_to_markdown(entry)]
    return "\n".join(lines).rstrip() + "\n"


# --- import ------------------------------------------------------------------------


@dataclass
class ImportResult:
    added: list[Entry] = field(default_factory=list)
    skipped: list[Entry] = field(default_factory=list)  # already in the journal
    problems: list[str] = field(default_factory=list)  # entries that could not be read


def read_export(path: Path, opener: Callable[[bytes], bytes] | None = None) -> tuple[list[Entry], list[str]]:
    """The entries of an export file, and what was wrong with any that were left out.

    An age-encrypted export is handed to `opener` (which asks for its passphrase or
    uses the journal's key) and read from the plain bytes it returns.
    """
    from reconnect_tui.core.lockbox import is_age_data

    try:
        raw = path.read_bytes()
        if is_age_data(raw[:64]):
            if opener is None:
                raise JournalError(f"{path}: is encrypted; it can be imported from the command line: reconnect import")
            raw = opener(raw)
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise JournalError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise JournalError(f"{path}: is not UTF-8 text") from None
    except OSError as error:
        raise JournalError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise JournalError(f"{path}: is not valid JSON (line {error.lineno}, column {error.colno})") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT or not isinstance(
        document.get("entries"), list
    ):
        raise JournalError(f"{path}: is not a reconnect export (made by: reconnect export --format json)")
    version = document.get("schema_version")
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise JournalError(f"{path}: was made by a newer reconnect (schema {version}); update reconnect to import it")
    entries, problems = [], []
    for number, data in enumerate(document["entries"], 1):
        try:
            entries.append(Entry.from_dict(data))
        except EntryInvalid as error:
            label = data.get("id") if isinstance(data, dict) else None
            problems.append(f"entry {number}{f' ({label})' if label else ''} was left out: {error}")
    return entries, problems


def import_file(journal: Journal, path: Path, opener: Callable[[bytes], bytes] | None = None) -> ImportResult:
    """Add the export's entries that are not in the journal yet (encrypted on the
    way in when the journal is locked)."""
    entries, problems = read_export(path, opener)
    result = ImportResult(problems=problems)
    known = journal.load().ids
    for entry in entries:
        if entry.id in known:
            result.skipped.append(entry)
            continue
        try:
            journal.save(entry)
        except JournalError:
            result.skipped.append(entry)  # written by another process a moment ago
            continue
        except OSError as error:
            raise JournalError(
                f"stopped after adding {len(result.added)}: {journal.root} cannot be written ({error.strerror})"
            ) from None
        known.add(entry.id)
        result.added.append(entry)
    return result


def save_copy(entries: Iterable[Entry], path: Path, key: Key | None = None) -> Path:
    """Write entries as an export file that `reconnect import` takes back later.

    Used when the journal folder cannot be written: the words go somewhere safe
    the couple chooses. With a locked journal's key the copy is encrypted to it
    (`age -d -i` with the journal's key file reads it; `reconnect import` too).
    """
    if key is None:
        return write_new_file(path, to_json(entries))
    try:
        sealed = key.encrypt(to_json(entries).encode("utf-8"))
    except ReconnectError as error:
        raise JournalError(str(error)) from None
    return write_new_bytes(path, sealed)


def save_markdown(entries: Iterable[Entry], path: Path) -> Path:
    """Write entries as a Markdown document to read or print."""
    return write_new_file(path, to_markdown(entries))


def write_new_file(path: Path, text: str, replace: bool = False) -> Path:
    """Write a private (0600) file atomically; an existing one is kept unless `replace`."""
    return write_new_bytes(path, text.encode("utf-8"), replace)


def write_new_bytes(path: Path, data: bytes, replace: bool = False) -> Path:
    path = path.expanduser()
    if path.exists() and not replace:
        raise JournalError(f"{path} already exists; choose another name")
    try:
        return atomic_write(path, data, overwrite=replace)
    except FileExistsError:
        raise JournalError(f"{path} already exists; choose another name") from None
    except OSError as error:  # named by the file asked for, not by the temporary file beside it
        raise JournalError(f"could not write {path}: {error.strerror or error}") from None
