"""How every command speaks on stderr: one plain line for a failure or a note.

This module imports nothing of ours but the cleaning of text, so any command module
can use it without importing another (and no two of them import each other round a
circle). Every message is one line, whatever a file name or a deck put in it.

It does not import Typer either: `reconnect` and `reconnect checkin` start without
it (cli/start.py), and fail the same way as every other command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TypeVar

from reconnect_tui.core.cleantext import clean_line
from reconnect_tui.core.errors import ReconnectError

T = TypeVar("T")


def fail(message: str, code: int = 1) -> SystemExit:
    """Print `message` as one line on stderr and give the exit to raise."""
    print(f"reconnect: {clean_line(message)}", file=sys.stderr)
    return SystemExit(code)


def warn(message: str) -> None:
    print(f"reconnect: note: {clean_line(message)}", file=sys.stderr)


def friendly(call: Callable[[], T], passing: tuple[type[BaseException], ...] = ()) -> T:
    """Run a command; an expected failure becomes one line on stderr and a non-zero exit.

    `passing` are exceptions that already are a way of stopping (Typer's usage
    errors, --help); they go on as they are.
    """
    try:
        return call()
    except passing:
        raise
    except ReconnectError as error:
        raise fail(str(error)) from None
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        raise fail(f"{where}{error.strerror or error}") from None
    except Exception as error:  # a bug: still one line, the detail on request
        if os.environ.get("RECONNECT_DEBUG"):
            raise
        raise fail(
            f"something went wrong ({type(error).__name__}: {error}); "
            "run again with RECONNECT_DEBUG=1 for the details"
        ) from None
