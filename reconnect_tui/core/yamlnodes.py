"""Read YAML into plain values that remember their line numbers.

`yaml.safe_load` gives values without lines, and PyYAML quietly turns `yes` into
True or `1.0` into a float. Deck authors deserve messages like "line 12: option
became true/false: quote it", so we compose the node tree ourselves and keep each
value's line and what YAML took it for. Tags (`!!python/object`...), anchors and
aliases are refused before anything is built: nothing in a deck is ever run.
"""

from __future__ import annotations

from typing import Any

import yaml
from msgspec import Struct, field
from yaml.constructor import ConstructorError, SafeConstructor

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A deck is six levels deep at most (file, decks, deck, prompts, prompt, options).
# Deeper nesting is refused while the events stream past, before anything is
# built: composing a tree hundreds of levels deep ends in RecursionError.
MAX_DEPTH = 32

# What each resolved tag means to a person reading an error.
SCALAR_KINDS = {
    "tag:yaml.org,2002:str": "text",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "empty",
    "tag:yaml.org,2002:timestamp": "a date",
}


class Node(Struct):
    """A YAML value with its 1-based line and what YAML read it as."""

    value: Any  # str | int | float | bool | None | list[Node] | dict[str, Node]
    line: int
    kind: str  # "text", "a number", "true/false", "empty", "a date", "a list", "a mapping"
    key_lines: dict[str, int] = field(default_factory=dict)


class YamlProblem(Struct):
    line: int | None
    message: str


class YamlRefused(Exception):
    def __init__(self, problems: list[YamlProblem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


def _line(mark: Any) -> int | None:
    return None if mark is None else mark.line + 1


def parse(text: str) -> Node | None:
    """Parse one YAML document; None when it is empty. Raises YamlRefused."""
    problems: list[YamlProblem] = []
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlRefused([YamlProblem(
                        _line(event.start_mark),
                        f"the file is nested more than {MAX_DEPTH} levels deep; a deck needs six at most",
                    )])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            tag = getattr(event, "tag", None)
            if tag not in (None, "!"):
                problems.append(
                    YamlProblem(
                        _line(event.start_mark),
                        f"the tag {tag} is not allowed in a deck (tags can build program objects); "
                        "remove it and write the value plainly",
                    )
                )
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                problems.append(
                    YamlProblem(
                        _line(event.start_mark),
                        "anchors and aliases (& and *) are not supported in decks; write the value out in full",
                    )
                )
        if problems:
            raise YamlRefused(problems)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise YamlRefused([YamlProblem(_line(mark), f"YAML syntax: {what}")]) from None
    except yaml.YAMLError as error:
        raise YamlRefused([YamlProblem(None, f"YAML syntax: {error}")]) from None
    except RecursionError:  # the depth check above should make this unreachable
        raise YamlRefused([YamlProblem(None, "the file is nested too deeply to be a deck")]) from None
    if root is None:
        return None
    constructor = SafeConstructor()
    node = _convert(root, constructor, problems)
    if problems:
        raise YamlRefused(problems)
    return node


def _convert(node: yaml.Node, constructor: SafeConstructor, problems: list[YamlProblem]) -> Node:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        kind = SCALAR_KINDS.get(node.tag, "text")
        if kind == "text":
            return Node(node.value, line, kind)
        try:
            value = constructor.construct_object(node)
        except (ConstructorError, ValueError):
            value = node.value
        return Node(value, line, kind)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(item, constructor, problems) for item in node.value], line, "a list")
    mapping: dict[str, Node] = {}
    key_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(YamlProblem(key_line, "a key must be a plain word"))
            continue
        key = str(key_node.value)
        if key in mapping:
            problems.append(
                YamlProblem(key_line, f"the key '{key}' appears twice here (first on line {key_lines[key]}); keep one")
            )
            continue
        mapping[key] = _convert(value_node, constructor, problems)
        key_lines[key] = key_line
    return Node(mapping, line, "a mapping", key_lines)
