"""Opening a screen, from the command line: the terminal check, the check-in lock, the app, the goodbye.

No Typer here: `reconnect` and `reconnect checkin` come straight to these from the
console script (cli/start.py), and every other way in through Typer (cli/screens.py).
Textual is imported inside, once a screen is sure to open.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING

from reconnect_tui.cli.output import fail
from reconnect_tui.cli.shared import paths
from reconnect_tui.core.names import name_problem

if TYPE_CHECKING:
    from reconnect_tui.ui.app import ReconnectApp


def need_terminal(command: str) -> None:
    """A screen reads keys from a terminal; from a file or /dev/null it would spin forever."""
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise fail(f"{command} opens a screen and needs a terminal to type in; its input here is not one")


def parse_partners(text: str | None) -> tuple[str, str] | None:
    if text is None:
        return None
    names = [name.strip() for name in text.split(",")]
    if len(names) != 2 or not all(names):
        raise fail('--partners takes two names with a comma between them, like --partners "Alex,Sam"')
    for name in names:
        if problem := name_problem(name):
            raise fail(f"--partners: {problem}")
    if names[0].casefold() == names[1].casefold():
        raise fail("--partners needs two different names, so each answer is clearly whose it is")
    return names[0], names[1]


def open_checkin(deck: str | None = None, partners: str | None = None, minutes: int | None = None,
                 mode: str | None = None) -> None:
    """The check-in, as `reconnect checkin` and its options ask for it."""
    from reconnect_tui.core.workspace import Workspace

    names = parse_partners(partners)
    if mode is not None and mode not in ("open", "blind", "turns"):
        raise fail(f"--mode is open, blind or turns, not {mode!r}")
    workspace = Workspace.open(paths(), _key_before_the_screen())
    if deck is not None:
        workspace.library.get(deck)  # an unknown deck is one clear line, before any screen
    workspace.drafts.lock()  # a second check-in is told so here, on the plain terminal
    try:
        need_terminal("reconnect checkin")
    except SystemExit:
        workspace.drafts.unlock()
        raise

    from reconnect_tui.ui.app import CheckinRequest, build_app

    app = build_app(workspace, start="checkin", request=CheckinRequest(deck, names, minutes, mode))
    _run(app)
    workspace.drafts.unlock()
    _after(app)


def _run(app: ReconnectApp) -> None:
    """Run the app, with everything made while starting set aside from the garbage collector.

    The modules, classes and styles loaded so far live as long as the app. Left in
    place, they were all walked by a full collection while the first screen was
    being built, about a tenth of the check-in's start-up (bench/run.py). Objects
    made from here on are collected as usual.
    """
    gc.freeze()
    app.run()


def _after(app: ReconnectApp) -> None:
    """Say goodbye on the plain terminal, and pass on a failure's exit code."""
    if app.farewell:
        print(_fitted(app.farewell), file=sys.stderr if app.return_code else sys.stdout)
    if app.return_code:
        raise SystemExit(app.return_code)


def _fitted(text: str) -> str:
    """Wrapped at the terminal's width between words: the terminal itself would break
    a long goodbye anywhere, even inside `reconnect`."""
    import shutil
    import textwrap

    width = max(20, shutil.get_terminal_size().columns - 1)
    return "\n".join(textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) if line else ""
                     for line in text.splitlines())


def _key_before_the_screen():  # type: ignore[no-untyped-def]
    """A locked journal's key from RECONNECT_PASSPHRASE_COMMAND, run before Textual
    takes the terminal (so a pinentry can ask); without it, the app's unlock screen asks."""
    from reconnect_tui.core.lockbox import PASSPHRASE_COMMAND_VARIABLE, Lockbox

    lockbox = Lockbox(paths().journal_dir)
    if not lockbox.locked or not os.environ.get(PASSPHRASE_COMMAND_VARIABLE, "").strip():
        return None
    from reconnect_tui.cli.locking import unlock_key

    return unlock_key(lockbox)


def open_screen(start: str) -> None:
    """Open the home screen or the journal (no check-in lock: they only read)."""
    from reconnect_tui.core.workspace import Workspace

    need_terminal("reconnect" if start == "home" else f"reconnect {start}")
    from reconnect_tui.ui.app import build_app

    app = build_app(Workspace.open(paths(), _key_before_the_screen()), start=start)
    _run(app)
    _after(app)
