"""The journal out and back in: JSON (lossless) and Markdown (to read or print).

The JSON export is one object: a format name, the schema version and the entries,
sorted by start time then id, with no export timestamp inside, so exporting,
importing into an empty journal and exporting again gives the very same file.
"""

from __future__ import annotations

import io
import json
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import msgspec
from msgspec import Struct, field

from reconnect_tui.core.cleantext import clean_line, clean_text, describe_controls, escape_c1_in_json, visible
from reconnect_tui.core.entry import (
    FOLLOW_UP_WORDS,
    SCHEMA_VERSION,
    STATUS_WORDS,
    Entry,
    EntryInvalid,
    Note,
    closeness_words,
    decode_entry,
    encode_entry_line,
)
from reconnect_tui.core.errors import JournalError, ReconnectError
from reconnect_tui.core.fsutil import atomic_stream, read_file
from reconnect_tui.core.journal import Journal, sort_key
from reconnect_tui.core.together import turns_lines

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
    return sorted(within(entries, since, until), key=sort_key)


def within(entries: Iterable[Entry], since: date | None = None, until: date | None = None) -> Iterator[Entry]:
    """`in_range` as the entries come, in their order: for streaming an export."""
    for entry in entries:
        day = entry.started_at.date()
        if (since is None or day >= since) and (until is None or day <= until):
            yield entry


def write_json(entries: Iterable[Entry], out: BinaryIO) -> int:
    """Write the export document to `out`, an entry at a time, in the order given
    (oldest first, as `Journal.in_order` gives them); returns how many.

    One line per entry keeps a ten-year export fast to write and easy to diff and
    grep. Every entry is written as schema 2, whatever schema its file had, so an
    export never mixes schemas.
    """
    out.write(f'{{\n  "format": "{EXPORT_FORMAT}",\n  "schema_version": {SCHEMA_VERSION},\n'.encode())
    count = 0
    for entry in entries:
        out.write(b'  "entries": [\n    ' if not count else b",\n    ")
        # C1 controls (raw in the encoder's output) are written as \u escapes: the
        # same JSON, but nothing a terminal could obey when the export is printed.
        out.write(escape_c1_in_json(encode_entry_line(entry).decode("utf-8")).encode("utf-8"))
        count += 1
    out.write(b"\n  ]\n}\n" if count else b'  "entries": []\n}\n')
    return count


def to_json(entries: Iterable[Entry]) -> str:
    """The export document (schema 2 only) as text, the entries sorted by start."""
    buffer = io.BytesIO()
    write_json(sorted(entries, key=sort_key), buffer)
    return buffer.getvalue().decode("utf-8")


# --- Markdown ----------------------------------------------------------------------


def _day(moment: datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B %Y}"


def _quote(text: str) -> list[str]:
    """A block quote that keeps the answer's line breaks (a backslash ends a line in Markdown)."""
    lines = clean_text(text).strip().splitlines()
    quoted = []
    for number, line in enumerate(lines):
        if not line.strip():
            quoted.append(">")
            continue
        following = lines[number + 1] if number + 1 < len(lines) else ""
        quoted.append(f"> {line.rstrip()}" + ("\\" if following.strip() else ""))
    return quoted


def _list_item(name: str, text: str) -> str:
    """`- **Name:** words`, a longer text's own line breaks kept inside the item."""
    lines = [line.strip() for line in clean_text(text).strip().splitlines()]
    body = "".join(
        line + ("\\" if line and number + 1 < len(lines) and lines[number + 1] else "") + "\n  "
        for number, line in enumerate(lines)
    ).rstrip()
    return f"- **{clean_line(name)}:** {body}"


def entry_to_markdown(entry: Entry, heading: str = "##") -> str:
    """One check-in as Markdown; every word from the entry is cleaned of control characters."""
    first, second = (clean_line(p.name) for p in entry.partners)
    lines = [f"{heading} {_day(entry.started_at)} · {clean_line(entry.deck_title)}", ""]
    lines.append(f"*{entry.started_at:%H:%M} to {entry.finished_at:%H:%M}, {first} and {second}*")
    lines += ["", "**How close we felt, before and after**", ""]
    for partner in entry.partners:
        lines.append(
            f"- {clean_line(partner.name)}: {closeness_words(partner.closeness_before)} → "
            f"{closeness_words(partner.closeness_after)}"
        )
    follow_ups = [p for p in entry.partners if p.follow_up is not None]
    if follow_ups:
        lines += ["", "**How last time's small gestures went**", ""]
        for partner in follow_ups:
            assert partner.follow_up is not None
            result = FOLLOW_UP_WORDS.get(partner.follow_up.result or "", "passed")
            words = f" {clean_line(partner.follow_up.words)}" if partner.follow_up.words else ""
            carried = " Carried on to next time." if partner.follow_up.carried else ""
            lines.append(
                f"- {clean_line(partner.name)}, “{clean_line(partner.follow_up.intention)}”: {result}.{words}{carried}"
            )
    for prompt in entry.prompts:
        if all(answer.status == "not_reached" for answer in prompt.answers):
            continue
        lines += ["", f"{heading}# {clean_line(prompt.text)}", ""]
        if prompt.turns:  # speaker and listener, in the order it was said
            lines += [f"- **{clean_line(who)}:** {' '.join(clean_line(words).split())}" for who, words in turns_lines(prompt, entry.names)]
            lines.append("")
            continue
        for partner, answer in zip(entry.partners, prompt.answers, strict=True):
            words = prompt.describe(answer)
            if answer.status in ("answered", "spoken") and words:
                aloud = " *(also said aloud)*" if answer.status == "spoken" else ""
                lines += [f"**{clean_line(partner.name)}**{aloud}", ""] + _quote(words) + [""]
            else:
                lines += [f"**{clean_line(partner.name)}** *({STATUS_WORDS.get(answer.status, answer.status)})*", ""]
    for title, attribute in (("Appreciations", "appreciation"), ("Small gestures for the coming days", "intention")):
        given = [(p.name, getattr(p, attribute)) for p in entry.partners if getattr(p, attribute)]
        if given:
            lines += ["", f"{heading}# {title}", ""]
            lines += [_list_item(name, text) for name, text in given]
    if entry.notes:
        lines += ["", f"{heading}# Later notes", ""]
        for note in entry.notes:
            lines += [f"*{_day(note.written_at)}*", ""] + _quote(note.text) + [""]
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(entries: Sequence[Entry], out: BinaryIO) -> int:
    """Write the Markdown document to `out` an entry at a time; `entries` in order.

    The heading names the span and the count, so the entries are taken as a list,
    but the document itself is never held whole.
    """
    out.write(b"# Our check-ins\n\n")
    if not entries:
        out.write(b"*No check-ins in this range yet.*\n")
        return 0
    first, last = entries[0], entries[-1]
    names = " and ".join(clean_line(name) for name in first.names)
    count = f"{len(entries)} check-in{'s' if len(entries) != 1 else ''}"
    same_day = first.started_at.date() == last.started_at.date()
    span = _day(first.started_at) if same_day else f"{_day(first.started_at)} to {_day(last.started_at)}"
    out.write(f"{names} · {count} · {span}\n\n".encode())
    for number, entry in enumerate(entries):
        out.write(b"---\n\n" if not number else b"\n---\n\n")
        out.write(entry_to_markdown(entry).encode("utf-8"))
    return len(entries)


def to_markdown(entries: Iterable[Entry]) -> str:
    buffer = io.BytesIO()
    write_markdown(sorted(entries, key=sort_key), buffer)
    return buffer.getvalue().decode("utf-8")


# --- import ------------------------------------------------------------------------


class ImportResult(Struct):
    added: list[Entry] = field(default_factory=list)
    skipped: list[Entry] = field(default_factory=list)  # already in the journal
    differing: list[Entry] = field(default_factory=list)  # skipped, but the journal's copy says otherwise
    problems: list[str] = field(default_factory=list)  # entries that could not be read or placed
    duplicates: list[Entry] = field(default_factory=list)  # a second copy of an id inside the export
    notes_added: list[Note] = field(default_factory=list)  # later notes the journal did not have


class _ExportDocument(msgspec.Struct):
    """The outside of an export; each entry is decoded on its own, so one bad entry
    leaves the others importable."""

    format: str | None = None
    schema_version: int | None = None
    entries: list[msgspec.Raw] | None = None


class _IdProbe(msgspec.Struct):
    id: str | None = None


def _label(raw: bytes) -> str | None:
    try:
        return msgspec.json.decode(raw, type=_IdProbe).id
    except (msgspec.MsgspecError, RecursionError, ValueError):
        return None


def read_export(path: Path, opener: Callable[[bytes], bytes] | None = None) -> tuple[list[Entry], list[str]]:
    """The entries of an export file (schema 1 or 2), and what was wrong with any left out.

    An id that appears twice in the file is reported as a duplicate and only its
    first copy is returned. An age-encrypted export is handed to `opener` (which
    asks for its passphrase or uses the journal's key) and read from the plain
    bytes it returns.
    """
    entries, problems, _ = _read_export(path, opener)
    return entries, problems


def _read_export(
    path: Path, opener: Callable[[bytes], bytes] | None = None
) -> tuple[list[Entry], list[str], list[Entry]]:
    from reconnect_tui.core.lockbox import is_age_data

    shown = visible(path)
    try:
        raw = read_file(path, "import")
        if is_age_data(raw[:64]):
            if opener is None:
                raise JournalError(f"{shown}: is encrypted; it can be imported from the command line: reconnect import")
            raw = opener(raw)
    except FileNotFoundError:
        raise JournalError(f"{shown}: no such file") from None
    except OSError as error:  # a FIFO, /dev/zero, a folder, a runaway file: named, never waited on
        raise JournalError(f"{shown}: cannot be read ({error.strerror})") from None
    if raw[:3] == b"\xef\xbb\xbf":
        raw = raw[3:]
    not_export = f"{shown}: is not a reconnect export (made by: reconnect export --format json)"
    try:
        document = msgspec.json.decode(raw, type=_ExportDocument)
    except msgspec.ValidationError:
        raise JournalError(not_export) from None
    except msgspec.DecodeError as error:
        document = _lenient_document(raw)  # one entry's lone surrogate must not sink the rest
        if document is None:
            raise JournalError(f"{shown}: is not valid JSON [{error}]") from None
    except (RecursionError, ValueError, TypeError, OverflowError):
        raise JournalError(f"{shown}: is not valid JSON (it is nested too deeply or holds a broken number)") from None
    if document.format != EXPORT_FORMAT or document.entries is None:
        raise JournalError(not_export)
    version = document.schema_version
    if version is not None and version > SCHEMA_VERSION:
        raise JournalError(f"{shown}: was made by a newer reconnect (schema {version}); update reconnect to import it")
    entries: list[Entry] = []
    problems: list[str] = []
    duplicates: list[Entry] = []
    first_seen: dict[str, int] = {}
    for number, item in enumerate(document.entries, 1):
        data = bytes(item)
        try:
            entry = decode_entry(data)
        except EntryInvalid as error:  # EntryFromNewerVersion too: its message says so
            label = _label(data)
            problems.append(f"entry {number}{f' ({clean_line(label)})' if label else ''} was left out: {clean_line(error)}")
            continue
        controls = _controls_in(msgspec.to_builtins(entry))
        if controls is not None:
            problems.append(f"entry {number} ({clean_line(entry.id)}) was left out: {controls}")
            continue
        if entry.id in first_seen:
            duplicates.append(entry)
            problems.append(
                f"entry {number} ({entry.id}) is a duplicate of entry {first_seen[entry.id]} in this file, "
                "so only the first was taken"
            )
            continue
        first_seen[entry.id] = number
        entries.append(entry)
    return entries, problems, duplicates


def _lenient_document(raw: bytes) -> _ExportDocument | None:
    """The export read by Python's JSON reader, which lets a lone "\\ud800" escape through.

    msgspec refuses the whole file for one such escape; read this way, each entry is
    written back as ASCII JSON and decoded on its own, so only the entry holding it
    is left out (by name) and every other one is imported.
    """
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return None
    version = data.get("schema_version")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
        return None
    try:
        entries = [msgspec.Raw(json.dumps(item).encode("ascii")) for item in data["entries"]]
    except (ValueError, RecursionError):
        return None
    return _ExportDocument(format=data.get("format"), schema_version=version, entries=entries)


def _controls_in(data: object) -> str | None:
    """Where a control character hides in an entry's text, or None.

    Import refuses them (by name) rather than cleaning them, so what is imported is
    exactly what was exported; answers may hold newlines and tabs.
    """
    stack: list[tuple[str, object]] = [("", data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            problem = describe_controls(value, multiline=True)
            if problem is not None:
                return f"{clean_line(where) or 'a value'} {problem}"
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((f"{where}.{key}" if where else str(key), item))
                if isinstance(key, str) and describe_controls(key) is not None:
                    return f"a field name {describe_controls(key)}"
        elif isinstance(value, (list, tuple)):  # to_builtins keeps a record's tuples as tuples
            stack.extend((f"{where}[{index}]", item) for index, item in enumerate(value))
    return None


def import_file(journal: Journal, path: Path, opener: Callable[[bytes], bytes] | None = None) -> ImportResult:
    """Add the entries of an export that the journal does not have yet (encrypted on
    the way in when the journal is locked).

    Entries already there (same id) are skipped, and noted in `differing` when the
    journal's copy says something else (it is kept); an entry whose place in the journal
    is taken by a damaged file is reported, and the damaged file is left as it is.
    """
    entries, problems, duplicates = _read_export(path, opener)
    result = ImportResult(problems=problems, duplicates=duplicates)
    loaded = journal.load()
    known = loaded.ids
    in_journal = {entry.id: entry for entry in loaded.entries}
    damaged = {problem.path: problem for problem in loaded.problems}
    for entry in entries:
        if entry.id in known:
            result.skipped.append(entry)
            if entry.id in in_journal:
                here = in_journal[entry.id]
                if msgspec.structs.replace(here, notes=()) != msgspec.structs.replace(entry, notes=()):
                    result.differing.append(entry)  # the journal's copy is kept; the couple is told
                _add_notes(journal, here, entry.notes, set(here.notes), result)
            continue
        target = journal.path_for(entry)
        if target in damaged:
            problem = damaged[target]
            result.problems.append(
                f"{entry.id} was not imported: the journal has a damaged file in its place "
                f"({problem.where}: {problem.message}); that file was left as it is, so move it "
                "away and import again to use this copy"
            )
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
        _add_notes(journal, entry, entry.notes, set(), result)
    return result


def _add_notes(journal: Journal, entry: Entry, notes: Iterable[Note], have: set[Note], result: ImportResult) -> None:
    """Write the notes the journal does not have yet (the same words at the same time
    by the same person count as the same note)."""
    for note in notes:
        if note in have or note.entry_id != entry.id:
            continue
        try:
            journal.save_note(entry, note)
        except JournalError as error:
            result.problems.append(f"a note on {entry.id} was not imported: {error}")
            continue
        have.add(note)
        result.notes_added.append(note)


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


@contextmanager
def new_file(path: Path, replace: bool = False) -> Iterator[BinaryIO]:
    """A private (0600) file to write bit by bit; it appears whole at the end, or not
    at all. An existing one is kept unless `replace`; failures say the path asked for."""
    path = path.expanduser()
    if not path.parent.is_dir():  # a mistyped folder is said, never made quietly
        raise JournalError(f"there is no folder {path.parent}; create it first, or choose another place")
    if path.exists() and not replace:
        raise JournalError(f"{path} already exists; choose another name")
    try:
        with atomic_stream(path, overwrite=replace) as out:
            yield out
    except FileExistsError:
        raise JournalError(f"{path} already exists; choose another name") from None
    except OSError as error:  # named by the file asked for, not by the temporary file beside it
        raise JournalError(f"could not write {path}: {error.strerror or error}") from None


def write_new_bytes(path: Path, data: bytes, replace: bool = False) -> Path:
    """`new_file` for bytes already in hand; returns the path written."""
    with new_file(path, replace) as out:
        out.write(data)
    return path.expanduser()
