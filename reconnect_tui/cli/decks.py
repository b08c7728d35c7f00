"""`reconnect decks list | show | validate | new`."""

from __future__ import annotations

import json
from pathlib import Path

from typing import TYPE_CHECKING

import typer

from reconnect_tui.core.cleantext import clean_line, clean_text, escape_c1_in_json, visible
from reconnect_tui.cli.app import FriendlyGroup
from reconnect_tui.cli.output import fail
from reconnect_tui.cli.shared import console, library, paths

if TYPE_CHECKING:
    from rich.text import Text

    from reconnect_tui.core.decks import Deck

decks_app = typer.Typer(
    cls=FriendlyGroup,
    help="List, show and check prompt decks, or write a new one of your own.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

KIND_WORDS = {"text": "written answer", "scale": "a scale", "choice": "a choice"}


@decks_app.command("list")
def list_decks(
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list instead of a table."),
) -> None:
    """List every deck: the shipped ones and your own."""
    loaded = library(paths())
    if as_json:
        rows = [
            {
                "id": deck.id,
                "title": deck.title,
                "description": deck.description,
                "prompts": len(deck.prompts),
                "minutes": deck.minutes,
                "mode": deck.mode,
                "source": deck.source.describe() if deck.source else "",
                "path": str(deck.source.path) if deck.source else "",
            }
            for deck in loaded.decks.values()
        ]
        typer.echo(escape_c1_in_json(json.dumps(rows, indent=2, ensure_ascii=False)))
        return
    from rich.text import Text

    # One line per deck, always within the width (80 columns in a pipe): the title
    # gives way at a word, with an ellipsis, never the id; `decks show ID` and
    # --json have everything.
    rows = []
    for deck in loaded.decks.values():
        source = deck.source
        where = "shipped" if source is None or source.shipped else "yours"
        if source is not None and source.overrides_shipped:
            where = "yours, replaces shipped"
        rows.append((clean_line(deck.id), clean_line(deck.title), str(len(deck.prompts)), str(deck.minutes), where))
    out = console()
    id_width = max(len("id"), *(len(row[0]) for row in rows))
    from_width = max(len("from"), *(len(row[4]) for row in rows))
    title_width = max(12, out.width - id_width - from_width - len("prompts") - len("minutes") - 8)
    title_width = min(title_width, max(len(row[1]) for row in rows))

    def line(id_: str, title: str, prompts: str, minutes: str, where: str) -> str:
        return (f"{id_:<{id_width}}  {shorten(title, title_width):<{title_width}}  "
                f"{prompts:>7}  {minutes:>7}  {where}").rstrip()

    out.print(Text(line("id", "title", "prompts", "minutes", "from"), style="bold"), soft_wrap=True)
    for row in rows:
        out.print(Text(line(*row)), soft_wrap=True)


def shorten(text: str, width: int) -> str:
    """`text` in at most `width` columns, cut between words and marked with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:·-")
    return (cut or text[: width - 1]) + "…"


def _describe_prompt(deck: Deck, index: int) -> Text:
    from rich.text import Text

    prompt = deck.prompts[index]
    text = Text(clean_text(prompt.text))
    if prompt.kind == "scale":
        text.append("\nscale: " + " · ".join(clean_line(label) for label in prompt.labels), style="dim")
    elif prompt.kind == "choice":
        how = "pick any" if prompt.multiple else "pick one"
        text.append(f"\nchoice ({how}): " + " · ".join(clean_line(option) for option in prompt.options), style="dim")
    if prompt.tip:
        text.append(f"\ntip: {clean_text(prompt.tip)}", style="italic dim")
    return text


@decks_app.command("show")
def show_deck(deck_id: str = typer.Argument(..., metavar="ID", help="The deck's id (see: reconnect decks list).")) -> None:
    """Show one deck's prompts, tips and suggested gestures."""
    from rich.table import Table
    from rich.text import Text

    loaded = library(paths())
    deck = loaded.get(deck_id)
    out = console()
    source = deck.source.describe() if deck.source else ""
    out.print(Text(clean_line(deck.title), style="bold"))
    out.print(Text(clean_line(f"{deck.id} · about {deck.minutes} minutes · {len(deck.prompts)} prompts · {source}"),
                   style="dim"))
    out.print(Text(clean_text(deck.description)))
    if deck.note:
        out.print()
        out.print(Text("Before you start: ", style="bold") + Text(clean_text(deck.note)))
    out.print()
    prompts = Table.grid(padding=(0, 1))  # a hanging indent: wrapped lines stay under the text
    prompts.add_column(justify="right", style="bold")
    prompts.add_column()
    for index in range(len(deck.prompts)):
        prompts.add_row(f"{index + 1}.", _describe_prompt(deck, index))
    out.print(prompts)
    out.print()
    out.print(Text("Small gestures offered at the close:", style="bold"))
    for gesture in loaded.gestures_for(deck):
        out.print(Text(f"  - {clean_line(gesture)}"))


@decks_app.command("validate")
def validate(
    files: list[Path] = typer.Argument(..., metavar="PATH...", help="Deck files (or folders of them) to check."),
) -> None:
    """Check deck files; exit 0 when all are valid, 1 otherwise."""
    from reconnect_tui.core.decks import read_deck_file

    targets: list[Path] = []
    for path in files:
        if path.is_dir():
            targets.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        else:
            targets.append(path)
    if not targets:
        raise fail("no deck files (.yaml or .yml) found there")
    broken = 0
    for path in targets:
        if not path.exists():
            typer.echo(f"{visible(path)}: no such file", err=True)
            broken += 1
            continue
        result = read_deck_file(path)
        if result.problems:
            broken += 1
            for problem in result.problems:
                typer.echo(str(problem), err=True)  # one line, the file name made visible
        else:
            ids = ", ".join(clean_line(deck.id) for deck in result.decks) or "no decks"
            typer.echo(f"{visible(path)}: ok ({len(result.decks)} deck{'s' if len(result.decks) != 1 else ''}: {ids})")
    if broken:
        raise typer.Exit(1)


@decks_app.command("new")
def new_deck(name: str = typer.Argument(..., metavar="NAME", help='The deck\'s title, like "Sunday walks".')) -> None:
    """Write a commented starter deck into your decks folder."""
    from reconnect_tui.core.decks import create_starter_deck

    path = create_starter_deck(paths().decks_dir, name)
    typer.echo(f"Wrote a starter deck to {visible(path)}")
    typer.echo(f"Edit it, then check it with: reconnect decks validate {visible(path)}")
