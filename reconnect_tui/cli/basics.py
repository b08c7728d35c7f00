"""`reconnect paths` and `reconnect prompt`."""

from __future__ import annotations

import json
import random

import typer

from reconnect_tui.core.cleantext import clean_line, visible

from reconnect_tui.cli.shared import library, paths
from reconnect_tui.core.errors import DeckError


def show_paths(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON object instead of a list."),
) -> None:
    """Show where config, decks, journal, drafts and the cache live, and whether the journal is locked."""
    from reconnect_tui.core.lockbox import Lockbox

    found = paths()
    where: dict[str, str | bool] = dict(found.as_dict())
    locked = Lockbox(found.journal_dir).locked
    if as_json:
        where["locked"] = locked
        typer.echo(json.dumps(where, indent=2))  # JSON escapes every C0 control
        return
    width = max(len(name) for name in where)
    for name, path in where.items():
        typer.echo(f"{name.ljust(width)}  {visible(path)}")
    typer.echo(f"{'locked'.ljust(width)}  {'yes (encrypted with age)' if locked else 'no'}")


OPENERS = 3  # the first prompts of a deck are written to stand on their own


def prompt(
    deck: str = typer.Option(None, "--deck", "-d", help="Take the prompt from this deck (see: reconnect decks list)."),
) -> None:
    """Print one prompt, for a quick talk or a shell greeting. Writes nothing.

    It is one of a deck's opening questions that needs no list of answers, so it
    makes sense on its own. Without --deck, decks that open with a note of care
    (such as repairing a hurt) are left out: they need more than a passing moment.
    """
    decks = library(paths())
    chosen_decks = [decks.get(deck)] if deck else [d for d in decks.decks.values() if not d.note]
    choices = [p for d in chosen_decks for p in d.prompts[:OPENERS] if p.kind == "text"]
    if not choices:
        raise DeckError("there are no prompts to choose from; see: reconnect decks list")
    typer.echo(clean_line(random.choice(choices).text))  # meant for a shell greeting: one safe line
