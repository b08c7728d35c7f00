"""The console script: the two everyday ways in start their screen without Typer.

`reconnect` and `reconnect checkin`, typed just so, have nothing to parse, and are
what a couple types every time. They go straight to their screen (cli/opening.py)
without loading Typer and every command's module: about 13 ms, a tenth of a bare
Textual app's whole start (bench/run.py). Any other command line, with an option
or --help, goes through Typer as always, to the same code.
"""

from __future__ import annotations

import sys

EVERYDAY = {(): "home", ("checkin",): "checkin"}


def main() -> None:
    """Run `reconnect` with the process's arguments; exits with the command's code."""
    everyday = EVERYDAY.get(tuple(sys.argv[1:]))
    if everyday is not None:
        _open(everyday)
        return
    from reconnect_tui.cli.commands import app

    app(prog_name="reconnect")


def _open(screen: str) -> None:
    from reconnect_tui.cli.opening import open_checkin, open_screen
    from reconnect_tui.cli.output import friendly

    try:
        friendly(open_checkin if screen == "checkin" else lambda: open_screen("home"))
    except KeyboardInterrupt:  # Ctrl+C before the screen took the keyboard, said as Typer says it
        print("\nAborted!", file=sys.stderr)
        raise SystemExit(1) from None
