"""msgspec's refusals turned into plain sentences that say what is wrong and where.

msgspec says: Expected `int` <= 5 - at `$.partners[0].closeness_before`; a person
reads "the first partner's closeness before is 7, it must be 1 to 5", with msgspec's
own words kept after it in brackets for whoever wants them. Used for every file the
model reads: entries, notes, the people file and drafts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import msgspec

MISSING = object()
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
    "people": "person",
    "names": "name",
    "answer": "choice",
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


def _where(steps: list[str | int], root: str = "the entry") -> str:
    """`$.partners[0].closeness_before` as "the first partner's closeness before"."""
    words: list[str] = []
    parent: str | int | None = None
    for step in steps:
        if isinstance(step, int):
            # Two partners: "first" and "second"; a third (a damaged file) is "partner 3".
            seat = f"{('first', 'second')[step]} partner" if step < 2 else f"partner {step + 1}"
            if parent == "partners":
                words[-1] = seat
            elif parent == "answers":
                words[-1] = f"{seat}'s answer"
            elif parent in _ITEM_WORDS and words[-1] == _FIELD_WORDS.get(parent, parent):
                words[-1] = f"{_ITEM_WORDS[parent]} {step + 1}"
            elif parent in _ITEM_WORDS:
                words.append(f"{_ITEM_WORDS[parent]} {step + 1}")
            else:
                words.append(f"item {step + 1}")
        elif step == "answer" and words and words[-1].endswith("answer"):
            pass  # an answer's own `answer` field: "the first partner's answer", said once
        else:
            words.append(_FIELD_WORDS.get(step, step.replace("_", " ")))
        parent = step
    if not words:
        return root
    text = "'s ".join(words)
    first = words[0].split(" ")
    numbered = len(first) == 2 and first[0] in (*_ITEM_WORDS.values(), "partner") and first[1].isdigit()
    return text if numbered else f"the {text}"


def value_at(raw: bytes, steps: list[str | int]) -> object:
    try:
        value: object = msgspec.json.decode(raw)
    except (msgspec.MsgspecError, RecursionError, ValueError):
        return MISSING
    names = {"answer": "answer"}
    for step in steps:
        if isinstance(step, int) and isinstance(value, list) and step < len(value):
            value = value[step]
        elif isinstance(step, str) and isinstance(value, dict) and names.get(step, step) in value:
            value = value[names.get(step, step)]
        else:
            return MISSING
    return value


def shown(value: object) -> str:
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


def _need(steps: list[str | int], message: str, choices: Mapping[str, Sequence[object]]) -> str:
    leaf = next((s for s in reversed(steps) if isinstance(s, str)), "")
    if "matching regex" in message:
        return _ID_RULE
    if message.startswith("Invalid enum value") and leaf in choices:
        return "one of " + ", ".join(str(choice) for choice in choices[leaf])
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
            if length.group(2) == "1":
                return "not empty" if unit == "characters" else "at least one"
            return f"at least {length.group(2)} {unit}"
        return f"exactly {length.group(2)} items"
    expected = re.match(r"Expected `([^`]*)`", message)
    if expected:
        kinds = [_TYPE_WORDS.get(part.strip(), part.strip()) for part in expected.group(1).split("|")]
        return " or ".join(kinds)
    return "something else"


def explain(
    error: msgspec.ValidationError,
    raw: bytes,
    choices: Mapping[str, Sequence[object]] | None = None,
    root: str = "the entry",
) -> str:
    """msgspec's message turned into a sentence that says what and where.

    `choices` names the allowed values of fields that hold one of a few words;
    `root` is what the whole document is called ("the entry", "the draft" ...).
    """
    choices = choices or {}
    text = str(error)
    match = _AT.match(text)
    message = match.group("message") if match else text
    steps = _steps(match.group("path") or "$") if match else []
    missing = re.match(r"Object missing required field `([^`]*)`", message)
    if missing:
        return f"{_where([*steps, missing.group(1)], root)} is missing [{text}]"
    if not message.startswith(("Expected", "Invalid", "Object")):
        # Raised by a record's own check, already in plain words.
        return f"{_where(steps, root)}: {message}" if steps else message
    value = value_at(raw, steps)
    if value is MISSING:
        return f"{_where(steps, root)} is not right, it must be {_need(steps, message, choices)} [{text}]"
    if isinstance(value, list) and "of length" in message:
        return f"{_where(steps, root)}: {len(value)} given, there must be {_need(steps, message, choices)} [{text}]"
    return f"{_where(steps, root)} is {shown(value)}, it must be {_need(steps, message, choices)} [{text}]"
