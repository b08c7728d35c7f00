"""The one place where text from files and keyboards is made safe to show.

Words in a journal, a deck, a config file or a file name are data. Before they
reach a terminal, a widget or a Markdown file they pass through here, so a name
holding an escape sequence (say OSC 52, which writes the clipboard, or one that
retitles the window or clears the screen) is shown as text and never obeyed.

- `clean_line`: names, titles, ids, prompts, problem lines. Every C0 and C1 control
  character goes, and DEL; newline, carriage return and tab become one space, so
  a value can never forge a line of its own.
- `clean_text`: answers and other words that may run over several lines. Newline
  and tab stay, CR LF (and a lone CR) become LF, every other control goes.
- `visible`: file names, shown with their control characters made visible
  (`\\x1b`), so a person can still find and rename the file.

Unpaired surrogates (a JSON "\\ud800" escape) cannot be written to a terminal or a
UTF-8 file at all; all three turn them into U+FFFD.

Import and deck validation do not clean: they refuse control characters as a
named problem (`control_characters` finds them), so what is kept stays exact.
"""

from __future__ import annotations

import re

_C0_C1 = "".join(chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)))

# str.translate tables: None drops the character. Built with dict.fromkeys and the
# patterns below written as ranges: both are read on every start-up, and spelling
# out 2,048 surrogates one by one cost about a millisecond.
_SURROGATE_CODES = range(0xD800, 0xE000)
_LINE: dict[int, str | None] = dict.fromkeys(map(ord, _C0_C1))
_LINE.update({ord("\n"): " ", ord("\r"): " ", ord("\t"): " "})
_LINE.update(dict.fromkeys(_SURROGATE_CODES, "\ufffd"))
_TEXT: dict[int, str | None] = dict.fromkeys(ord(c) for c in _C0_C1 if c not in "\n\t")
_TEXT.update(dict.fromkeys(_SURROGATE_CODES, "\ufffd"))

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # every C0 and C1 control, DEL, surrogates
_UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")  # the same but \t \n \r

# Names for the characters people meet in practice, for problem messages.
_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x09: "tab", 0x0A: "newline", 0x0D: "carriage return",
          0x1B: "ESC", 0x7F: "DEL", 0x9B: "CSI", 0x9D: "OSC"}


def clean_line(text: object) -> str:
    """One line, safe for a terminal: controls gone, line breaks and tabs a space."""
    if not isinstance(text, str):
        text = str(text)
    if _UNSAFE.search(text) is None:  # the usual case, kept cheap for long lists
        return text
    return text.translate(_LINE)


def clean_text(text: object) -> str:
    """Words over several lines, safe for a terminal: newline and tab kept, CR LF made LF."""
    if not isinstance(text, str):
        text = str(text)
    if _UNSAFE.search(text) is None:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_TEXT)


def visible(text: object) -> str:
    """A file name or path with its control characters shown as escapes, e.g. `a\\x1b]52.yaml`."""
    if not isinstance(text, str):
        text = str(text)
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF or 0xD800 <= code < 0xE000:
        return f"\\u{code:04x}"
    return f"\\x{code:02x}"


def control_characters(text: str, multiline: bool = False) -> list[str]:
    """The names of the control characters in `text` (newline, tab and CR allowed if `multiline`)."""
    pattern = _UNSAFE_IN_TEXT if multiline else _UNSAFE
    found = []
    for match in pattern.finditer(text):
        code = ord(match.group())
        name = "an unpaired surrogate" if 0xD800 <= code < 0xE000 else _NAMES.get(code, f"U+{code:04X}")
        if name not in found:
            found.append(name)
    return found


def describe_controls(text: str, multiline: bool = False) -> str | None:
    """A phrase naming the control characters in `text`, or None when there are none."""
    found = control_characters(text, multiline)
    if not found:
        return None
    listed = ", ".join(found)
    return f"contains a control character ({listed}), which could act on a terminal"


def escape_c1_in_json(text: str) -> str:
    """JSON text with C1 controls and DEL written as \\u escapes (json.dumps leaves them raw).

    Still the very same JSON value, so an export stays lossless, but a terminal it
    is printed on can never read U+009B as the start of a command.
    """
    return text.translate(_JSON_C1)


_JSON_C1 = {c: f"\\u{c:04x}" for c in (0x7F, *range(0x80, 0xA0))}
