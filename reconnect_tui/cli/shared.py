"""What the screenless commands share: paths, decks with their warnings, output.

Core modules are imported inside the functions: `--help` and `paths` should not
pay for the YAML parser or Rich's console they never use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconnect_tui.cli.output import warn

if TYPE_CHECKING:
    from rich.console import Console

    from reconnect_tui.core.decks import DeckLibrary
    from reconnect_tui.core.paths import Paths


def paths() -> Paths:
    from reconnect_tui.core.paths import Paths

    return Paths.from_environment()


def library(where: Paths) -> DeckLibrary:
    """All usable decks; each problem in a deck file is reported on stderr."""
    from reconnect_tui.core.decks import load_library

    loaded = load_library(where.decks_dir)
    for problem in loaded.problems:
        warn(str(problem))
    return loaded


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)
