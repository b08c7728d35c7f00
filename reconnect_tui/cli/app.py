"""The root `reconnect` command and the boundary where errors become one clear line.

Screenless commands import core only; Textual is imported inside the commands
that open a screen, so `--help`, `paths`, `decks`, `export` and friends start fast.
The root command itself (the home screen, --version) lives with the screens, in
`cli/screens.py`, and is attached in `cli/commands.py`.
"""

from __future__ import annotations

import typer
from typer.core import TyperGroup

from reconnect_tui.cli.output import friendly


class FriendlyGroup(TyperGroup):
    """Turns expected failures into one line on stderr and a non-zero exit."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        # Typer's own ways of stopping (usage errors, --help, exits) go on as they are.
        return friendly(lambda: super(FriendlyGroup, self).invoke(ctx),
                        passing=(typer.Exit, typer.Abort, typer.TyperException))


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
