"""`reconnect export` and `reconnect import`: the journal out and back in."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

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
    from reconnect_tui.core.exchange import in_range, parse_day, to_json, to_markdown, write_new_bytes
    from reconnect_tui.core.journal import Journal

    since_day = parse_day(since, "--since") if since else None
    until_day = parse_day(until, "--until") if until else None
    if output is not None and output.exists() and not force:
        raise fail(f"{output} already exists; choose another name or add --force to replace it")
    where = paths()
    key = journal_key(where)
    loaded = Journal(where.journal_dir, key).load()
    for problem in loaded.problems:
        warn(str(problem))
    entries = in_range(loaded.entries, since_day, until_day)
    text = to_json(entries) if format is ExportFormat.json else to_markdown(entries)
    data = text.encode("utf-8")
    if encrypt:
        from reconnect_tui.core.lockbox import encrypt_with_passphrase

        data = encrypt_with_passphrase(data, export_passphrase())
    elif key is not None:
        warn("this copy is not encrypted: anyone who sees it can read it (reconnect export --encrypt protects it)")
    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    write_new_bytes(output, data, replace=force)
    typer.echo(f"Exported {_plural(len(entries))} to {output}{' (encrypted)' if encrypt else ''}", err=True)


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
    if result.problems:
        raise typer.Exit(1)
