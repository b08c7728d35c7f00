"""How every command speaks on stderr: one plain line for a failure or a note.

This module imports nothing of ours but the cleaning of text, so any command module
can use it without importing another (and no two of them import each other round a
circle). Every message is one line, whatever a file name or a deck put in it.
"""

from __future__ import annotations

import typer

from reconnect_tui.core.cleantext import clean_line


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `message` as one line on stderr and give the Exit to raise."""
    typer.echo(f"reconnect: {clean_line(message)}", err=True)
    return typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"reconnect: note: {clean_line(message)}", err=True)
