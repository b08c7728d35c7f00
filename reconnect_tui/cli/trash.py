"""`reconnect trash`: check-ins deleted from history, until the trash is emptied."""

from __future__ import annotations

import typer

from reconnect_tui.cli.output import fail
from reconnect_tui.cli.shared import paths

trash_app = typer.Typer(
    help="Check-ins deleted from history wait in the trash until it is emptied.",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)


def _trash():  # type: ignore[no-untyped-def]
    from reconnect_tui.cli.locking import journal_key
    from reconnect_tui.core.journal import Journal
    from reconnect_tui.core.trash import Trash

    where = paths()
    return Trash(Journal(where.journal_dir, journal_key(where)))


def _describe(item) -> str:  # type: ignore[no-untyped-def]
    entry = item.entry
    if entry is None:
        return f"{item.entry_id}  (this file cannot be read; it can still be restored or emptied)"
    moment = entry.started_at
    return f"{item.entry_id}  {moment:%d %b %Y}  {entry.deck_title} · {entry.names[0]} and {entry.names[1]}"


@trash_app.callback()
def trash(ctx: typer.Context) -> None:
    """List what is in the trash (restore ID puts one back; empty deletes them for good)."""
    if ctx.invoked_subcommand is not None:
        return
    items = _trash().items()
    if not items:
        typer.echo("The trash is empty.")
        return
    for item in items:
        typer.echo(_describe(item))
    plural = "s" if len(items) != 1 else ""
    typer.echo(f"{len(items)} check-in{plural} in the trash. "
               "`reconnect trash restore ID` puts one back; `reconnect trash empty` deletes them for good.")


@trash_app.command("restore")
def restore(entry_id: str = typer.Argument(..., metavar="ID", help="The id shown by `reconnect trash`.")) -> None:
    """Put a check-in back in the journal, where it was."""
    bin_ = _trash()
    item = bin_.find(entry_id)
    bin_.restore(entry_id)
    typer.echo(f"Restored: {_describe(item).split('  ', 1)[-1] if item else entry_id}. It is back in history.")


@trash_app.command("empty")
def empty(yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask first.")) -> None:
    """Delete everything in the trash for good."""
    import sys

    bin_ = _trash()
    count = len(bin_.items())
    if not count:
        typer.echo("The trash is empty already.")
        return
    plural = "s" if count != 1 else ""
    if not yes:
        if not sys.stdin.isatty():
            raise fail(f"emptying deletes {count} check-in{plural} for good; add --yes to do it without a question")
        if not typer.confirm(f"Delete {count} check-in{plural} in the trash for good?", default=False):
            typer.echo("Nothing was deleted.")
            return
    gone = bin_.empty()
    typer.echo(f"The trash is empty: {gone} check-in{'s' if gone != 1 else ''} deleted for good.")
