"""A journal entry: one finished (or saved-early) check-in, as stored on disk.

The check-in writes it, the history reads it, export and import carry it. Each
prompt's text is kept as it was asked, so an old entry reads the same after its
deck changes. Partners are kept in seat order (first, second); every per-partner
list in the file follows that order.

The records themselves are defined once, in `reconnect_tui.core.model`, and are
re-exported here under the names the rest of reconnect uses. This module turns
bytes into an `Entry` (schema 1 or 2) and back, and says in plain words what is
wrong with a file that cannot be one.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime
from typing import Any

import msgspec

from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.model import (
    FOLLOW_UP_RESULTS,
    ID_REGEX,
    KINDS,
    PROMPT_MODES,
    READABLE_VERSIONS,
    SCHEMA_VERSION,
    STATUSES,
    AnswerValue,
    AnyEntry,
    Answer,
    DeckRef,
    Entry,
    EntryV1,
    FollowUp,
    Note,
    PartnerRecord,
    PromptRecord,
    Reflection,
    Turn,
)

__all__ = [
    "CLOSENESS_WORDS",
    "FOLLOW_UP_RESULTS",
    "FOLLOW_UP_WORDS",
    "ID_PATTERN",
    "KINDS",
    "MODES",
    "PROMPT_MODES",
    "SCHEMA_VERSION",
    "STATUSES",
    "STATUS_WORDS",
    "Answer",
    "AnswerValue",
    "DeckRef",
    "Entry",
    "EntryFromNewerVersion",
    "EntryInvalid",
    "FollowUp",
    "Note",
    "PartnerRecord",
    "PromptRecord",
    "Reflection",
    "Turn",
    "closeness_words",
    "decode_entry",
    "encode_entry",
    "encode_entry_line",
    "explain",
    "new_entry_id",
]

# How partners answer in the check-in offered today; entries can also hold blind and turns.
MODES = ("open",)
ID_PATTERN = re.compile(ID_REGEX)
BOM = b"\xef\xbb\xbf"

# Words, never grades: how close each partner feels, from 1 to 5.
CLOSENESS_WORDS = {1: "Far apart", 2: "A bit apart", 3: "In between", 4: "Close", 5: "Very close"}
FOLLOW_UP_WORDS = {"yes": "Yes", "partly": "Partly", "not_yet": "Not yet"}
# An answer that holds no words, as a reader sees it.
STATUS_WORDS = {"passed": "passed", "empty": "left empty", "spoken": "said aloud", "not_reached": "not reached"}


class EntryInvalid(JournalError):
    """The data is not an entry this version understands."""


class EntryFromNewerVersion(EntryInvalid):
    """The entry was written by a newer reconnect."""


def new_entry_id(started_at: datetime) -> str:
    """Sortable by time, unique across two laptops writing into one synced folder."""
    return f"{started_at:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def closeness_words(value: int | None) -> str:
    """The word for a rating; a dash when none was given (never a reproach)."""
    return CLOSENESS_WORDS.get(value, "—") if value is not None else "—"


# --- bytes to an entry and back ----------------------------------------------------------------

_ENCODER = msgspec.json.Encoder()
_decoders: list[msgspec.json.Decoder] = []


def _decoder() -> msgspec.json.Decoder:
    """Built on first use: screenless commands that never read an entry skip the cost."""
    if not _decoders:
        _decoders.append(msgspec.json.Decoder(AnyEntry))
    return _decoders[0]


def decode_entry(raw: bytes | str) -> Entry:
    """An entry from the bytes of a file (schema 1 or 2), validated in the same pass.

    Anything wrong, from a broken byte to a closeness of 7, raises EntryInvalid with
    a plain sentence (msgspec's own words follow in brackets); a file from a newer
    reconnect raises EntryFromNewerVersion. Never anything else.
    """
    if isinstance(raw, str):
        try:
            raw = raw.encode("utf-8")
        except UnicodeEncodeError:
            raise EntryInvalid("it holds a broken character (half of a surrogate pair)") from None
    if raw[:3] == BOM:
        raw = raw[3:]
    try:
        entry = _decoder().decode(raw)
    except msgspec.ValidationError as error:
        raise _refusal(error, raw) from None
    except msgspec.DecodeError as error:
        raise EntryInvalid(f"it is not valid JSON [{error}]") from None
    except RecursionError:
        raise EntryInvalid("it is nested too deeply to be an entry") from None
    except (ValueError, TypeError, OverflowError, MemoryError) as error:
        raise EntryInvalid(f"it cannot be read as an entry [{error}]") from None
    if type(entry) is EntryV1:
        return entry.upgrade()
    return entry


def encode_entry(entry: Entry) -> bytes:
    """An entry file's bytes: schema 2, indented to read well, notes left out (they live beside it)."""
    if entry.notes:
        entry = msgspec.structs.replace(entry, notes=())
    return msgspec.json.format(_ENCODER.encode(entry), indent=2) + b"\n"


def encode_entry_line(entry: Entry) -> bytes:
    """An entry on one line, notes included: the form an export uses."""
    return _ENCODER.encode(entry)


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """The entry as plain JSON data (dates as ISO text)."""
    return entry.to_dict()


def entry_from_dict(data: object) -> Entry:
    """An entry from plain JSON data; EntryInvalid says what is wrong."""
    try:
        raw = _ENCODER.encode(data)
    except (TypeError, ValueError, OverflowError, RecursionError, UnicodeEncodeError) as error:
        raise EntryInvalid(f"it cannot be read as an entry [{error}]") from None
    return decode_entry(raw)


# --- plain words for what is wrong -----------------------------------------------------------------

_MISSING = object()
_AT = re.compile(r"^(?P<message>.*?)(?: - at `(?P<path>[^`]*)`)?$", re.S)
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_FIELD_WORDS = {
    "started_at": "start time",
    "finished_at": "end time",
    "ratings_revealed_at": "time the ratings were revealed",
    "revealed_at": "time the answers were revealed",
    "written_at": "time it was written",
    "prompt_id": "prompt id",
    "person_id": "person id",
    "follow_up": "follow-up",
}
_ITEM_WORDS = {
    "prompts": "prompt",
    "labels": "label",
    "options": "option",
    "turns": "turn",
    "reflections": "reflection",
    "notes": "note",
    "answer": "choice",
}
_CHOICES = {
    "status": STATUSES,
    "kind": KINDS,
    "mode": PROMPT_MODES,
    "result": FOLLOW_UP_RESULTS,
    "response": ("thats_it", "not_quite"),
    "speaker": (0, 1),
}
_TYPE_WORDS = {
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "null": "null",
    "array": "a list",
    "object": "an object",
    "datetime": "a date and time",
}
_ID_RULE = "made of letters, digits, '.', '_' and '-' only (at most 100 characters, the first a letter or digit)"


def _steps(path: str) -> list[str | int]:
    return [name if name else int(index) for name, index in _STEP.findall(path)]


def _where(steps: list[str | int]) -> str:
    """`$.partners[0].closeness_before` as "the first partner's closeness before"."""
    words: list[str] = []
    parent: str | int | None = None
    for step in steps:
        if isinstance(step, int):
            if parent == "partners":
                words[-1] = f"{('first', 'second')[step] if step < 2 else f'partner {step + 1}'} partner"
            elif parent == "answers":
                words[-1] = f"{('first', 'second')[step] if step < 2 else f'answer {step + 1}'} partner's answer"
            elif parent in _ITEM_WORDS:
                words[-1] = f"{_ITEM_WORDS[parent]} {step + 1}"
            else:
                words.append(f"item {step + 1}")
        else:
            words.append(_FIELD_WORDS.get(step, step.replace("_", " ")))
        parent = step
    if not words:
        return "the entry"
    text = "'s ".join(words)
    return text if text.startswith("prompt ") or text.startswith("note ") else f"the {text}"


def _value_at(raw: bytes, steps: list[str | int]) -> object:
    try:
        value: object = msgspec.json.decode(raw)
    except (msgspec.MsgspecError, RecursionError, ValueError):
        return _MISSING
    names = {"answer": "answer"}
    for step in steps:
        if isinstance(step, int) and isinstance(value, list) and step < len(value):
            value = value[step]
        elif isinstance(step, str) and isinstance(value, dict) and names.get(step, step) in value:
            value = value[names.get(step, step)]
        else:
            return _MISSING
    return value


def _shown(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value[:40]}…"' if len(value) > 40 else f'"{value}"'
    if isinstance(value, int):
        text = str(value)
        return f"{text[:12]}… ({len(text)} digits)" if len(text) > 15 else text
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return str(value)


def _need(steps: list[str | int], message: str) -> str:
    leaf = next((s for s in reversed(steps) if isinstance(s, str)), "")
    if "matching regex" in message:
        return _ID_RULE
    if message.startswith("Invalid enum value") and leaf in _CHOICES:
        return "one of " + ", ".join(str(choice) for choice in _CHOICES[leaf])
    if leaf.startswith("closeness") or ("`int` <=" in message or "`int` >=" in message):
        return "1 to 5"
    if "with a timezone component" in message or "RFC3339" in message:
        return "a date and time with its time zone (UTC offset), like 2026-11-26T21:30:05+01:00"
    length = re.search(r"of length (<=|>=)? ?(\d+)", message)
    if length:
        unit = "characters" if "`str`" in message else "items"
        if length.group(1) == "<=":
            return f"at most {length.group(2)} {unit}"
        if length.group(1) == ">=":
            return "not empty" if length.group(2) == "1" else f"at least {length.group(2)} {unit}"
        return f"exactly {length.group(2)} items"
    expected = re.match(r"Expected `([^`]*)`", message)
    if expected:
        kinds = [_TYPE_WORDS.get(part.strip(), part.strip()) for part in expected.group(1).split("|")]
        return " or ".join(kinds)
    return "something else"


def explain(error: msgspec.ValidationError, raw: bytes) -> str:
    """msgspec's message turned into a sentence that says what and where."""
    text = str(error)
    match = _AT.match(text)
    message = match.group("message") if match else text
    steps = _steps(match.group("path") or "$") if match else []
    missing = re.match(r"Object missing required field `([^`]*)`", message)
    if missing:
        return f"{_where([*steps, missing.group(1)])} is missing [{text}]"
    if not message.startswith(("Expected", "Invalid", "Object")):
        # Raised by a record's own check, already in plain words.
        return f"{_where(steps)}: {message}" if steps else message
    value = _value_at(raw, steps)
    shown = "of the wrong kind" if value is _MISSING else f"is {_shown(value)}"
    if value is _MISSING:
        return f"{_where(steps)} is not right, it must be {_need(steps, message)} [{text}]"
    if isinstance(value, list) and "of length" in message:
        return f"{_where(steps)}: {len(value)} given, there must be {_need(steps, message)} [{text}]"
    return f"{_where(steps)} {shown}, it must be {_need(steps, message)} [{text}]"


def _refusal(error: msgspec.ValidationError, raw: bytes) -> EntryInvalid:
    """The right refusal for a file the model rejected; a newer schema is told apart."""
    text = str(error)
    if "`$.schema_version`" in text or "missing required field `schema_version`" in text:
        version = _value_at(raw, ["schema_version"])
        readable = " and ".join(str(v) for v in READABLE_VERSIONS)
        if version is _MISSING:
            if _value_at(raw, []) is _MISSING or not isinstance(_value_at(raw, []), dict):
                return EntryInvalid(f"it is not an entry (an entry is a JSON object) [{text}]")
            return EntryInvalid(f"the schema_version is missing, so it cannot be read [{text}]")
        if type(version) is int and SCHEMA_VERSION < version < 1000:
            return EntryFromNewerVersion(
                f"it was written by a newer reconnect (schema {version}; this one reads {readable})"
            )
        return EntryInvalid(f"the schema_version is {_shown(version)}, it must be {readable} [{text}]")
    if text.startswith("Expected `object`") and " - at `" not in text:
        return EntryInvalid(f"it is not an entry (an entry is a JSON object) [{text}]")
    return EntryInvalid(explain(error, raw))
