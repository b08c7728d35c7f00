"""`reconnect paths` and `reconnect prompt`."""

from __future__ import annotations

import json
import random

import typer

from reconnect_tui.cli.shared import console, library, paths
from reconnect_tui.core.errors import DeckError


def show_paths(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON object instead of a list."),
) -> None:
    """Show where config, decks, journal and drafts live."""
    where = paths().as_dict()
    if as_json:
        typer.echo(json.dumps(where, indent=2))
        return
    width = max(len(name) for name in where)
    for name, path in where.items():
        typer.echo(f"{name.ljust(width)}  {path}")


def prompt(
    deck: str = typer.Option(None, "--deck", "-d", help="Take the prompt from this deck (see: reconnect decks list)."),
) -> None:
    """Print one prompt, for a quick talk or a shell greeting. Writes nothing.

    Without --deck, decks that open with a note of care (such as repairing a hurt)
    are left out: they need more than a passing moment.
    """
    decks = library(paths())
    if deck:
        choices = list(decks.get(deck).prompts)
    else:
        choices = [p for d in decks.decks.values() if not d.note for p in d.prompts]
    if not choices:
        raise DeckError("there are no prompts to choose from; see: reconnect decks list")
    chosen = random.choice(choices)
    console().print(chosen.text, markup=False)
