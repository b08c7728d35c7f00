"""Prompt decks: the file format, loading with helpful errors, and merging.

The shipped decks come from `data/prompts.yaml` (installed inside the package);
the user's own YAML files in the config folder's `decks/` are merged on top. A
user deck with a shipped deck's id replaces it. A broken file or deck is reported
(file, line, deck, prompt, what to do) and skipped; every other deck still loads.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field
from msgspec.structs import replace

from reconnect_tui.core.cleantext import clean_line, describe_controls, visible
from reconnect_tui.core.entry import KINDS, MODES
from reconnect_tui.core.errors import DeckError
from reconnect_tui.core.fsutil import atomic_write, make_private_dirs, read_file
from reconnect_tui.core.model import LINE_LIMIT, OPTIONS_LIMIT, PROMPTS_LIMIT, TIP_LIMIT, WORDS_LIMIT

if TYPE_CHECKING:
    from reconnect_tui.core.yamlnodes import Node

FORMAT_VERSION = 1
SCALE_POINTS = 5
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_MINUTES = 240

# What one deck may hold. A check-in keeps its prompts as asked in its draft and in
# the journal entry, whose model (core/model.py) reads texts up to these lengths; a
# deck past them is refused by name here, so no check-in can ever write an entry or
# a draft that would then read as damaged. The whole deck's prompts are capped too:
# the draft carries them and is rewritten every second while anyone types.
MAX_ID = 100
MAX_LINE = LINE_LIMIT  # a title, a prompt's text, a label, an option, a gesture
MAX_TIP = TIP_LIMIT
MAX_WORDS = WORDS_LIMIT  # a description, a note
MAX_PROMPTS = PROMPTS_LIMIT
MAX_OPTIONS = OPTIONS_LIMIT
MAX_GESTURES = OPTIONS_LIMIT
MAX_DECK_TEXT = 1024 * 1024  # the prompts of one deck, as its draft keeps them

TOP_FIELDS = ("version", "decks", "gestures")
DECK_FIELDS = ("id", "title", "description", "minutes", "mode", "prompts", "note", "gestures")
PROMPT_FIELDS = ("id", "text", "tip", "kind", "labels", "options", "multiple", "mode", "one_way")


def shipped_deck_file() -> Path:
    """The shipped decks: inside the installed package, or at the source tree's root."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "data" / "prompts.yaml"
    if installed.is_file():
        return installed
    return package.parent / "data" / "prompts.yaml"


class Prompt(Struct, frozen=True):
    id: str
    text: str
    kind: str = "text"
    tip: str | None = None
    labels: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    multiple: bool = False
    mode: str | None = None  # None: the deck's mode
    one_way: bool = False  # in turns: only the first speaker speaks, no swap

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text": self.text, "kind": self.kind}
        if self.tip:
            data["tip"] = self.tip
        if self.kind == "scale":
            data["labels"] = list(self.labels)
        if self.kind == "choice":
            data["options"] = list(self.options)
            data["multiple"] = self.multiple
        if self.mode:
            data["mode"] = self.mode
        if self.one_way:
            data["one_way"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Prompt:
        return cls(
            id=data["id"],
            text=data["text"],
            kind=data.get("kind", "text"),
            tip=data.get("tip"),
            labels=tuple(data.get("labels", ())),
            options=tuple(data.get("options", ())),
            multiple=bool(data.get("multiple", False)),
            mode=data.get("mode"),
            one_way=bool(data.get("one_way", False)),
        )


class DeckSource(Struct, frozen=True):
    path: Path
    line: int
    shipped: bool
    overrides_shipped: bool = False

    def describe(self) -> str:
        if self.shipped:
            return "shipped"
        where = f"yours: {visible(self.path.name)}"
        return f"{where} (replaces shipped)" if self.overrides_shipped else where


class Deck(Struct, frozen=True):
    id: str
    title: str
    description: str
    minutes: int
    mode: str
    prompts: tuple[Prompt, ...]
    note: str | None = None
    gestures: tuple[str, ...] = ()
    source: DeckSource | None = None

    def to_dict(self, for_draft: bool = False) -> dict[str, Any]:
        """The deck as data; the source is not kept.

        `for_draft`: only what a check-in in progress needs (the prompts as asked and
        the note shown on arriving). The description is for choosing a deck, and the
        session keeps the gestures it offers itself, so a draft rewritten every
        second does not carry them.
        """
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "description": "" if for_draft else self.description,
            "minutes": self.minutes,
            "mode": self.mode,
            "prompts": [prompt.to_dict() for prompt in self.prompts],
        }
        if self.note:
            data["note"] = self.note
        if self.gestures and not for_draft:
            data["gestures"] = list(self.gestures)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Deck:
        return cls(
            id=data["id"],
            title=data["title"],
            description=data.get("description", ""),
            minutes=int(data.get("minutes", 10)),
            mode=data.get("mode", "open"),
            prompts=tuple(Prompt.from_dict(p) for p in data["prompts"]),
            note=data.get("note"),
            gestures=tuple(data.get("gestures", ())),
        )


class DeckProblem(Struct, frozen=True):
    """One thing wrong in a deck file, said so that its author can fix it."""

    path: Path
    line: int | None
    message: str
    deck_id: str | None = None
    prompt_id: str | None = None

    def __str__(self) -> str:
        """One line: the file name with any control characters made visible, the rest cleaned."""
        where = visible(self.path) if self.line is None else f"{visible(self.path)}:{self.line}"
        context = []
        if self.deck_id:
            context.append(f"deck '{clean_line(self.deck_id)}'")
        if self.prompt_id:
            context.append(f"prompt '{clean_line(self.prompt_id)}'")
        prefix = f"{where}: {', '.join(context)}: " if context else f"{where}: "
        return prefix + clean_line(self.message)


class DeckFile(Struct):
    """What one file held: its valid decks, its gestures and its problems."""

    path: Path
    decks: list[Deck] = field(default_factory=list)
    gestures: list[str] = field(default_factory=list)
    problems: list[DeckProblem] = field(default_factory=list)


class DeckLibrary(Struct):
    """Every usable deck, shipped first and the user's after, plus what went wrong."""

    decks: dict[str, Deck]
    default_gestures: tuple[str, ...]
    problems: list[DeckProblem]

    def get(self, deck_id: str) -> Deck:
        try:
            return self.decks[deck_id]
        except KeyError:
            known = ", ".join(self.decks) or "none"
            raise DeckError(f"there is no deck '{deck_id}'; the decks are: {known}") from None

    def gestures_for(self, deck: Deck) -> tuple[str, ...]:
        """The suggestions offered at a deck's close: its own, else everyone's (the first
        MAX_GESTURES of them: a check-in's draft keeps no more)."""
        return (deck.gestures or self.default_gestures)[:MAX_GESTURES]


# --- validation -------------------------------------------------------------------


class _Checker:
    """Collects the problems of one file, with the deck and prompt in view."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[DeckProblem] = []
        self.deck_id: str | None = None
        self.prompt_id: str | None = None

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(DeckProblem(self.path, line, message, self.deck_id, self.prompt_id))

    def fields(self, node: Node, allowed: tuple[str, ...], required: tuple[str, ...], what: str) -> bool:
        if not isinstance(node.value, dict):
            self.problem(node.line, f"{what} should be a set of 'key: value' lines, not {node.kind}")
            return False
        ok = True
        for key in node.value:
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                suggestion = f" Did you mean '{hint[0]}'?" if hint else ""
                self.problem(
                    node.key_lines[key],
                    f"unknown field '{key}' in {what} (allowed: {', '.join(allowed)}).{suggestion}",
                )
                ok = False
        for key in required:
            if key not in node.value:
                self.problem(node.line, f"{what} is missing '{key}'; add a line '{key}: ...'")
                ok = False
        return ok

    def text(self, node: Node, what: str, longest: int = MAX_LINE) -> str | None:
        if node.kind == "text" and isinstance(node.value, str):
            controls = describe_controls(node.value, multiline=True)
            if controls is not None:
                self.problem(node.line, f"{what} {controls}; remove it")
                return None
            value = node.value.strip()
            if len(value) > longest:
                self.problem(
                    node.line,
                    f"{what} is {len(value):,} characters long; reconnect keeps at most {longest:,}, so shorten it",
                )
                return None
            if value:
                return value
            self.problem(node.line, f"{what} is empty; write something or remove the line")
            return None
        if node.kind == "empty":
            self.problem(node.line, f"{what} is empty; write something or remove the line")
        elif node.kind in ("true/false", "a number", "a date"):
            self.problem(
                node.line,
                f"{what} became {node.kind} ({node.value!r}) because of how YAML reads it: "
                f"quote it, like \"{_original_text(node)}\"",
            )
        else:
            self.problem(node.line, f"{what} should be text, not {node.kind}")
        return None

    def ident(self, node: Node, what: str) -> str | None:
        value = self.text(node, what, MAX_ID)
        if value is not None and not ID_PATTERN.match(value):
            self.problem(
                node.line,
                f"{what} '{value}' should use only lowercase letters, digits and dashes, like 'evening-walk'",
            )
            return None
        return value

    def texts(self, node: Node, what: str, minimum: int = 1, most: int = MAX_OPTIONS) -> list[str] | None:
        if not isinstance(node.value, list):
            self.problem(node.line, f"{what} should be a list (lines starting with '- '), not {node.kind}")
            return None
        if len(node.value) > most:
            self.problem(node.line, f"this list ({what}) has {len(node.value):,} items; reconnect keeps at most {most}")
            return None
        values = [self.text(item, f"{what} item {number}") for number, item in enumerate(node.value, 1)]
        if any(value is None for value in values):
            return None
        if len(values) < minimum:
            self.problem(node.line, f"{what} needs at least {minimum} item{'s' if minimum > 1 else ''}")
            return None
        return [value for value in values if value is not None]


def _original_text(node: Node) -> str:
    if isinstance(node.value, bool):
        return "yes" if node.value else "no"
    return str(node.value)


def _check_prompt(checker: _Checker, node: Node) -> Prompt | None:
    checker.prompt_id = None
    if not isinstance(node.value, dict):
        checker.problem(node.line, f"a prompt should be a set of 'key: value' lines, not {node.kind}")
        return None
    if "id" in node.value and isinstance(node.value["id"].value, str):
        checker.prompt_id = node.value["id"].value
    before = len(checker.problems)
    # Every mistake in the prompt is reported in one go, not one per run.
    checker.fields(node, PROMPT_FIELDS, ("id", "text"), "a prompt")
    fields = node.value
    prompt_id = checker.ident(fields["id"], "the prompt id") if "id" in fields else None
    text = checker.text(fields["text"], "the prompt text") if "text" in fields else None
    tip = checker.text(fields["tip"], "the tip", MAX_TIP) if "tip" in fields else None
    kind = "text"
    if "kind" in fields:
        kind_value = checker.text(fields["kind"], "kind")
        if kind_value not in KINDS:
            if kind_value is not None:
                checker.problem(fields["kind"].line, f"kind '{kind_value}' is not one of: {', '.join(KINDS)}")
            return None  # labels and options cannot be judged without a kind
        kind = kind_value
    labels: list[str] | None = []
    options: list[str] | None = []
    multiple = False
    if kind == "scale":
        if "labels" not in fields:
            checker.problem(node.line, f"a scale prompt needs 'labels': {SCALE_POINTS} words from low to high")
        else:
            labels = checker.texts(fields["labels"], "labels")
            if labels is not None and len(labels) != SCALE_POINTS:
                checker.problem(
                    fields["labels"].line, f"a scale has {SCALE_POINTS} labels, from low to high; this has {len(labels)}"
                )
    elif "labels" in fields:
        checker.problem(node.key_lines["labels"], "only a scale prompt has labels")
    if kind == "choice":
        if "options" not in fields:
            checker.problem(node.line, "a choice prompt needs 'options': a list of at least 2 answers")
        else:
            options = checker.texts(fields["options"], "option", minimum=2)
            if options is not None and len(set(options)) != len(options):
                checker.problem(fields["options"].line, "the options repeat one another; make each one different")
        if "multiple" in fields:
            if fields["multiple"].kind != "true/false":
                checker.problem(fields["multiple"].line, "multiple should be true or false")
            else:
                multiple = bool(fields["multiple"].value)
    else:
        for key in ("options", "multiple"):
            if key in fields:
                checker.problem(node.key_lines[key], f"only a choice prompt has '{key}'")
    mode = checker.text(fields["mode"], "mode") if "mode" in fields else None
    if mode is not None and mode not in MODES:
        checker.problem(fields["mode"].line, f"mode '{mode}' is not available; use: {', '.join(MODES)}")
    one_way = False
    if "one_way" in fields:
        if fields["one_way"].kind != "true/false":
            checker.problem(fields["one_way"].line, "one_way should be true or false")
        else:
            one_way = bool(fields["one_way"].value)
    if len(checker.problems) != before or prompt_id is None or text is None or labels is None or options is None:
        return None
    return Prompt(prompt_id, text, kind, tip, tuple(labels), tuple(options), multiple, mode, one_way)


def _check_deck(checker: _Checker, node: Node, path: Path, shipped: bool) -> Deck | None:
    checker.deck_id = None
    checker.prompt_id = None
    if not isinstance(node.value, dict):
        checker.problem(node.line, f"a deck should be a set of 'key: value' lines, not {node.kind}")
        return None
    if "id" in node.value and isinstance(node.value["id"].value, str):
        checker.deck_id = node.value["id"].value
    before = len(checker.problems)
    required = ("id", "title", "description", "minutes", "mode", "prompts")
    checker.fields(node, DECK_FIELDS, required, "a deck")  # all of a deck's mistakes at once
    fields = node.value
    deck_id = checker.ident(fields["id"], "the deck id") if "id" in fields else None
    title = checker.text(fields["title"], "the title") if "title" in fields else None
    description = checker.text(fields["description"], "the description", MAX_WORDS) if "description" in fields else None
    minutes = 0
    if "minutes" in fields:
        minutes_node = fields["minutes"]
        minutes = minutes_node.value
        if minutes_node.kind != "a number" or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES:
            checker.problem(minutes_node.line, f"minutes should be a whole number from 1 to {MAX_MINUTES}")
    mode = checker.text(fields["mode"], "mode") if "mode" in fields else None
    if mode is not None and mode not in MODES:
        checker.problem(fields["mode"].line, f"mode '{mode}' is not available; use: {', '.join(MODES)}")
    note = checker.text(fields["note"], "the note", MAX_WORDS) if "note" in fields else None
    gestures = checker.texts(fields["gestures"], "gesture", most=MAX_GESTURES) if "gestures" in fields else []
    prompts: list[Prompt] = []
    prompts_node = fields.get("prompts")
    if prompts_node is None:
        pass  # already reported as missing
    elif not isinstance(prompts_node.value, list) or not prompts_node.value:
        checker.problem(prompts_node.line, "prompts should be a list with at least one prompt")
    elif len(prompts_node.value) > MAX_PROMPTS:
        checker.problem(
            prompts_node.line,
            f"this deck has {len(prompts_node.value):,} prompts; a deck can have at most {MAX_PROMPTS}, "
            "so split it into smaller decks",
        )
    else:
        seen: dict[str, int] = {}
        for item in prompts_node.value:
            prompt = _check_prompt(checker, item)
            if prompt is None:
                continue
            if prompt.id in seen:
                checker.problem(item.line, f"the prompt id '{prompt.id}' is used twice (also on line {seen[prompt.id]})")
                continue
            seen[prompt.id] = item.line
            prompts.append(prompt)
        checker.prompt_id = None
    if len(checker.problems) != before or None in (deck_id, title, description, mode) or gestures is None:
        return None
    size = len(json.dumps([prompt.to_dict() for prompt in prompts], ensure_ascii=False).encode("utf-8"))
    if size > MAX_DECK_TEXT:
        checker.problem(
            prompts_node.line if prompts_node is not None else node.line,
            f"this deck's prompts hold {size // 1024:,} KB of text; a check-in keeps at most "
            f"{MAX_DECK_TEXT // 1024:,} KB of a deck in its draft, so split it into smaller decks",
        )
        return None
    return Deck(
        id=deck_id,  # type: ignore[arg-type]
        title=title,  # type: ignore[arg-type]
        description=description,  # type: ignore[arg-type]
        minutes=minutes,
        mode=mode,  # type: ignore[arg-type]
        prompts=tuple(prompts),
        note=note,
        gestures=tuple(gestures),
        source=DeckSource(path, node.line, shipped),
    )


def read_deck_file(path: Path, *, shipped: bool = False) -> DeckFile:
    """Load one file; its problems are collected, never raised."""
    text = read_deck_text(path)
    if isinstance(text, DeckProblem):
        return DeckFile(path, problems=[text])
    return parse_deck_text(path, text, shipped=shipped)


def read_deck_text(path: Path) -> str | DeckProblem:
    """A deck file's text, or the one problem that kept it from being read."""
    try:
        # Regular files only, up to a stated size: a FIFO or a link to /dev/zero
        # named *.yaml is refused at once instead of hanging `decks validate`.
        return read_file(path, "deck").decode("utf-8")
    except UnicodeDecodeError:
        return DeckProblem(path, None, "is not UTF-8 text; save it as UTF-8")
    except OSError as error:
        return DeckProblem(path, None, f"cannot be read ({error.strerror})")


def parse_deck_text(path: Path, text: str, *, shipped: bool = False) -> DeckFile:
    """The decks, gestures and problems in the text of the file at `path`."""
    # Here, not at the top: PyYAML costs ~10 ms, and unchanged decks come from core/deckcache.py.
    from reconnect_tui.core.yamlnodes import YamlRefused, parse

    result = DeckFile(path)
    checker = _Checker(path)
    try:
        root = parse(text)
    except YamlRefused as refused:
        result.problems = [DeckProblem(path, p.line, p.message) for p in refused.problems]
        return result
    if root is None:
        checker.problem(None, "is empty; a deck file starts with 'version: 1' and a 'decks:' list")
        result.problems = checker.problems
        return result
    if not checker.fields(root, TOP_FIELDS, ("version", "decks"), "the file"):
        result.problems = checker.problems
        return result
    version = root.value["version"]
    if version.kind != "a number" or not isinstance(version.value, int):
        checker.problem(version.line, f"version should be a whole number (this reconnect reads version {FORMAT_VERSION})")
        result.problems = checker.problems
        return result
    if version.value > FORMAT_VERSION:
        checker.problem(
            version.line,
            f"this file is version {version.value}, made for a newer reconnect (this one reads {FORMAT_VERSION}); "
            "update reconnect to use it",
        )
        result.problems = checker.problems
        return result
    if version.value < 1:
        checker.problem(version.line, f"version should be {FORMAT_VERSION}")
        result.problems = checker.problems
        return result
    if "gestures" in root.value:
        result.gestures = checker.texts(root.value["gestures"], "gesture", most=MAX_GESTURES) or []
    decks_node = root.value["decks"]
    if not isinstance(decks_node.value, list):
        checker.problem(decks_node.line, "decks should be a list of decks (each starting with '- id: ...')")
        result.problems = checker.problems
        return result
    seen: dict[str, int] = {}
    for item in decks_node.value:
        deck = _check_deck(checker, item, path, shipped)
        if deck is None:
            continue
        if deck.id in seen:
            checker.deck_id = deck.id
            checker.problem(item.line, f"the deck id '{deck.id}' is used twice in this file (also on line {seen[deck.id]})")
            continue
        seen[deck.id] = item.line
        result.decks.append(deck)
    result.problems = checker.problems
    return result


def user_deck_files(decks_dir: Path) -> list[Path]:
    if not decks_dir.is_dir():
        return []
    return sorted(p for p in decks_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_library(
    decks_dir: Path, shipped_file: Path | None = None, *, read: Callable[..., DeckFile] = read_deck_file
) -> DeckLibrary:
    """Shipped decks, then the user's on top; problems are collected, not raised.

    `read` reads one file as `read_deck_file` does (the deck cache passes its own).
    """
    shipped = read(shipped_file or shipped_deck_file(), shipped=True)
    decks: dict[str, Deck] = {deck.id: deck for deck in shipped.decks}
    gestures = list(shipped.gestures)
    problems = list(shipped.problems)
    user_origin: dict[str, Deck] = {}
    for path in user_deck_files(decks_dir):
        loaded = read(path)
        problems.extend(loaded.problems)
        gestures.extend(g for g in loaded.gestures if g not in gestures)
        for deck in loaded.decks:
            if deck.id in user_origin:
                first = user_origin[deck.id].source
                assert first is not None and deck.source is not None
                problems.append(
                    DeckProblem(
                        path,
                        deck.source.line,
                        f"the deck id '{deck.id}' is also used in {first.path} (line {first.line}); "
                        "rename one of them. This one is left out until then.",
                        deck.id,
                    )
                )
                continue
            assert deck.source is not None
            if deck.id in decks:
                deck = replace(deck, source=DeckSource(path, deck.source.line, False, overrides_shipped=True))
            user_origin[deck.id] = deck
            decks[deck.id] = deck
    return DeckLibrary(decks, tuple(gestures), problems)


# --- a starter deck for `reconnect decks new` ---------------------------------------


def slugify(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug or "my-deck"


STARTER = """\
# A deck of your own for reconnect.
# Change anything. Check it with:  reconnect decks validate {path}
# See it as the app will with:     reconnect decks show {slug}
# An id uses lowercase letters, digits and dashes. Quote a text that YAML could
# read as something else, such as "yes", "no", "on" or a number.
version: 1
decks:
  - id: {slug}
    title: {title}
    description: A few words on when this deck fits.
    minutes: 10
    mode: open
    # note: shown before the deck starts, if it needs a word of care first.
    prompts:
      - id: on-your-mind
        text: What has been on your mind today?
        tip: Listen first. Questions can wait.
      - id: energy
        text: How much energy do you have for the two of us this week?
        kind: scale
        labels: [Very little, A little, Some, Quite a lot, Plenty]
      - id: together-soon
        text: What would you enjoy doing together this week?
        kind: choice
        options: [A walk, Cooking together, A film on the sofa, Something new]
        multiple: true
    # gestures: your own suggestions for the close; the shipped list is used without them.
"""


def create_starter_deck(decks_dir: Path, name: str) -> Path:
    """Write a commented starter deck named after `name`; never overwrite a file."""
    if not name.strip():
        raise DeckError("give the deck a name, like: reconnect decks new \"Sunday walks\"")
    slug = slugify(name)
    path = decks_dir / f"{slug}.yaml"
    if path.exists():
        raise DeckError(f"{path} already exists; choose another name or edit that file")
    make_private_dirs(decks_dir)
    text = STARTER.format(slug=slug, title=json.dumps(name.strip(), ensure_ascii=False), path=path)
    try:
        atomic_write(path, text.encode("utf-8"), overwrite=False)
    except FileExistsError:
        raise DeckError(f"{path} already exists; choose another name or edit that file") from None
    return path

