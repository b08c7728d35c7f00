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
    """All usable decks; each problem in a deck file is reported on stderr.

    Unchanged files come from the deck cache a check-in left, but the screenless
    commands never write it: `prompt` promises to write nothing.
    """
    from reconnect_tui.core.deckcache import load_library_cached

    loaded = load_library_cached(where.decks_dir, where.cache_dir, write=False)
    for problem in loaded.problems:
        warn(str(problem))
    return loaded


def console() -> Console:
    from rich.console import Console

    # markup=False: a deck title or a file name like "Mine [/]" is printed as it is,
    # never read as Rich markup. Control characters are cleaned where the data is
    # put in (core.cleantext); the console adds only its own styles.
    return Console(highlight=False, soft_wrap=False, markup=False, emoji=False)
