"""`reconnect trash`: check-ins deleted from history, until the trash is emptied."""

from __future__ import annotations

import typer

from reconnect_tui.cli.output import fail, warn
from reconnect_tui.core.cleantext import clean_line
from reconnect_tui.cli.shared import paths

trash_app = typer.Typer(
    help="Check-ins deleted from history wait in the trash until it is emptied.",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)


def _journal():  # type: ignore[no-untyped-def]
    from reconnect_tui.cli.locking import journal_key
    from reconnect_tui.core.journal import Journal

    where = paths()
    return Journal(where.journal_dir, journal_key(where))


def _trashed(journal):  # type: ignore[no-untyped-def]
    """What is in the trash, newest first; files that cannot be read are named on stderr."""
    loaded = journal.trashed()
    for problem in loaded.problems:
        warn(str(problem))
    return sorted(loaded.entries, key=lambda e: (e.started_at, e.id), reverse=True)


def _describe(entry) -> str:  # type: ignore[no-untyped-def]
    moment = entry.started_at
    return clean_line(f"{entry.id}  {moment:%d %b %Y}  {entry.deck_title} · {entry.names[0]} and {entry.names[1]}")


def _empty(journal) -> int:  # type: ignore[no-untyped-def]
    """Delete every file in the trash for good; how many files went."""
    import os

    gone = 0
    root = journal.trash_root
    for folder, _dirs, files in os.walk(root, topdown=False, followlinks=False):
        for name in files:
            try:
                os.unlink(os.path.join(folder, name))
                gone += 1
            except FileNotFoundError:
                pass
            except OSError as error:
                raise fail(f"the trash could not be emptied ({error.strerror}: {os.path.join(folder, name)})") from None
        if folder != str(root):
            try:
                os.rmdir(folder)
            except OSError:
                pass  # something arrived meanwhile: left for next time
    return gone


@trash_app.callback()
def trash(ctx: typer.Context) -> None:
    """List what is in the trash (restore ID puts one back; empty deletes them for good)."""
    if ctx.invoked_subcommand is not None:
        return
    items = _trashed(_journal())
    if not items:
        typer.echo("The trash is empty.")
        return
    for entry in items:
        typer.echo(_describe(entry))
    plural = "s" if len(items) != 1 else ""
    typer.echo(f"{len(items)} check-in{plural} in the trash. "
               "`reconnect trash restore ID` puts one back; `reconnect trash empty` deletes them for good.")


@trash_app.command("restore")
def restore(entry_id: str = typer.Argument(..., metavar="ID", help="The id shown by `reconnect trash`.")) -> None:
    """Put a check-in back in the journal, where it was."""
    journal = _journal()
    entry = next((e for e in _trashed(journal) if e.id == entry_id), None)
    if entry is None:
        raise fail(f"there is no check-in with the id {entry_id} in the trash")
    journal.restore(entry)
    typer.echo(f"Restored: {_describe(entry).split('  ', 1)[-1]}. It is back in history.")


@trash_app.command("empty")
def empty(yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask first.")) -> None:
    """Delete everything in the trash for good."""
    import sys

    journal = _journal()
    count = len(_trashed(journal))
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
    _empty(journal)
    typer.echo(f"The trash is empty: {count} check-in{plural} deleted for good.")
