"""The commands that open a screen, and the root command (alone, it opens the home screen).

Here are their options and help as Typer reads them; the opening itself is in
cli/opening.py, where Textual is imported once a screen is sure to open, so
`--help` and `--version` stay fast.
"""

from __future__ import annotations

import typer

from reconnect_tui import __version__
from reconnect_tui.cli.opening import open_checkin, open_screen


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"reconnect {__version__}")
        raise typer.Exit()


def root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", help="Show the version and exit.", callback=_show_version, is_eager=True
    ),
) -> None:
    """A short, kind check-in for two, kept as a private journal on this machine.

    Run it alone to open the home screen.
    """
    if ctx.invoked_subcommand is None:
        open_screen("home")


def checkin(
    deck: str = typer.Option(None, "--deck", "-d", metavar="ID", help="The deck to use (see: reconnect decks list)."),
    partners: str = typer.Option(None, "--partners", metavar='"A,B"', help="Both names, this time only."),
    minutes: int = typer.Option(None, "--minutes", min=1, max=240, metavar="N", help="About how long you have."),
    mode: str = typer.Option(
        None, "--mode", metavar="open|blind|turns",
        help="This time, answer every prompt side by side (open), privately then revealed together "
        "(blind), or as speaker and listener (turns). Otherwise each deck says.",
    ),
) -> None:
    """Start a check-in together (about ten minutes)."""
    open_checkin(deck, partners, minutes, mode)


def history() -> None:
    """Browse past check-ins, search them, export them.

    Search across every answer as you type, filter by deck, and export the chosen
    check-in or everything shown to Markdown.
    """
    open_screen("history")
