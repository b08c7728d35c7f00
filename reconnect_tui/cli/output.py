"""How every command speaks on stderr: one plain line for a failure or a note.

This module imports nothing of ours, so any command module can use it without
importing another (and no two of them import each other round a circle).
"""

from __future__ import annotations

import typer


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `message` as one line on stderr and give the Exit to raise."""
    typer.echo(f"reconnect: {message}", err=True)
    return typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"reconnect: note: {message}", err=True)
