"""The `reconnect` command line: commands that call core, and open a screen where one is asked for.

`main` is the console script (cli/start.py); the Typer application with every
command is `reconnect_tui.cli.commands.app`.
"""

from reconnect_tui.cli.start import main

__all__ = ["main"]
