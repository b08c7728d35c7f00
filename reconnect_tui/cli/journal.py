"""`reconnect export` and `reconnect import`: the journal out and back in."""

from __future__ import annotations

import io
from enum import Enum
from pathlib import Path
from typing import BinaryIO

import typer

from reconnect_tui.core.cleantext import visible

from reconnect_tui.cli.output import fail, warn
from reconnect_tui.cli.shared import paths


class ExportFormat(str, Enum):
    json = "json"
    markdown = "markdown"


def _plural(count: int) -> str:
    return f"{count} check-in{'s' if count != 1 else ''}"


def export(
    format: ExportFormat = typer.Option(ExportFormat.json, "--format", "-f", help="json (lossless) or markdown (to read)."),
    output: Path = typer.Option(None, "--output", "-o", metavar="PATH", help="Write to this file instead of the screen."),
    since: str = typer.Option(None, "--since", metavar="DATE", help="Only check-ins on or after this day (2026-01-31)."),
    until: str = typer.Option(None, "--until", metavar="DATE", help="Only check-ins on or before this day."),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
    encrypt: bool = typer.Option(
        False, "--encrypt", help="Protect the file with a passphrase (age); it opens anywhere with: age -d FILE"
    ),
) -> None:
    """Export the journal as JSON or Markdown.

    JSON keeps everything and can be imported again; Markdown reads well and prints
    well. The export goes to the screen unless --output names a file. With
    --encrypt it is an age file protected by a passphrase.
    """
    from reconnect_tui.cli.locking import export_passphrase, journal_key
    from reconnect_tui.core.exchange import new_file, parse_day, within, write_json, write_markdown
    from reconnect_tui.core.journal import Journal

    since_day = parse_day(since, "--since") if since else None
    until_day = parse_day(until, "--until") if until else None
    if since_day and until_day and since_day > until_day:
        raise fail(f"--since {since_day} is after --until {until_day}, so nothing could match; swap them?")
    if output is not None and output.exists() and not force:
        raise fail(f"{output} already exists; choose another name or add --force to replace it")
    where = paths()
    key = journal_key(where)
    if key is not None and not encrypt:
        warn("this copy is not encrypted: anyone who sees it can read it (reconnect export --encrypt protects it)")
    problems: list = []
    # Streamed: the journal is read a month at a time and each entry written as it
    # comes, so a long journal never sits in memory whole (Markdown keeps the list
    # of entries for its heading, never the text).
    entries = within(Journal(where.journal_dir, key).in_order(problems), since_day, until_day)

    def write(out: BinaryIO) -> int:
        if format is ExportFormat.json:
            return write_json(entries, out)
        return write_markdown(list(entries), out)

    if encrypt:  # age's passphrase encryption takes the document whole
        from reconnect_tui.core.lockbox import encrypt_with_passphrase

        buffer = io.BytesIO()
        count = write(buffer)
        data = encrypt_with_passphrase(buffer.getvalue(), export_passphrase())
        if output is None:
            typer.get_binary_stream("stdout").write(data)
        else:
            with new_file(output, replace=force) as out:
                out.write(data)
    elif output is None:
        stdout = typer.get_binary_stream("stdout")
        count = write(stdout)
        stdout.flush()
    else:
        with new_file(output, replace=force) as out:
            count = write(out)
    for problem in problems:
        warn(str(problem))
    if output is not None:
        typer.echo(f"Exported {_plural(count)} to {visible(output)}{' (encrypted)' if encrypt else ''}", err=True)


def import_journal(
    path: Path = typer.Argument(..., metavar="PATH", help="A file made by: reconnect export --format json"),
) -> None:
    """Import check-ins from a JSON export.

    Check-ins already in the journal (same id) are skipped, so importing twice is safe.
    """
    from reconnect_tui.cli.locking import journal_key, open_encrypted_export
    from reconnect_tui.core.exchange import import_file
    from reconnect_tui.core.journal import Journal

    where = paths()
    key = journal_key(where)
    result = import_file(Journal(where.journal_dir, key), path, lambda data: open_encrypted_export(data, path, key))
    for problem in result.problems:
        warn(problem)
    typer.echo(f"Added {_plural(len(result.added))}; skipped {len(result.skipped)} already in the journal.")
    if result.differing:
        ids = ", ".join(entry.id for entry in result.differing[:5]) + (", …" if len(result.differing) > 5 else "")
        verb = "differs" if len(result.differing) == 1 else "differ"
        warn(f"{_plural(len(result.differing))} in the file {verb} from the journal's copy ({ids}); the journal's "
             "copy was kept. To keep the file's instead, delete that check-in from the journal (history, d) "
             "and import again")
    if result.problems:
        raise typer.Exit(1)
