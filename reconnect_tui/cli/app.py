"""The root `reconnect` command and the boundary where errors become one clear line.

Screenless commands import core only; Textual is imported inside the commands
that open a screen, so `--help`, `paths`, `decks`, `export` and friends start fast.
The root command itself (the home screen, --version) lives with the screens, in
`cli/screens.py`, and is attached in `cli/__init__.py`.
"""

from __future__ import annotations

import os

import typer
from typer.core import TyperGroup

from reconnect_tui.cli.output import fail
from reconnect_tui.core.errors import ReconnectError


class FriendlyGroup(TyperGroup):
    """Turns expected failures into one line on stderr and a non-zero exit."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # Typer's own ways of stopping: usage errors, --help, exits
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


app = typer.Typer(
    cls=FriendlyGroup,
    name="reconnect",
    help="A short, kind check-in for two, kept as a private journal on this machine.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Rich's panels cost a quarter second on every --help
    invoke_without_command=True,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def main() -> None:
    """The console script: `reconnect` (Typer exits with the command's code)."""
    app(prog_name="reconnect")
