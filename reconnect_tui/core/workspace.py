"""Everything one couple keeps on this machine, opened together.

The CLI builds a Workspace and hands it to the app factory; the tests build one
on a temporary folder. Settings that cannot be remembered come back as a message
instead of an exception, because a screen should say so and carry on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reconnect_tui.core.config import DEFAULT_DECK, ConfigLoad, load_config, save_settings
from reconnect_tui.core.decks import Deck, DeckLibrary, load_library
from reconnect_tui.core.drafts import DraftStore
from reconnect_tui.core.errors import ConfigError
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.paths import Paths


def local_now() -> datetime:
    """The time on the couple's clock, with its UTC offset."""
    return datetime.now().astimezone()


@dataclass
class Workspace:
    paths: Paths
    config: ConfigLoad
    library: DeckLibrary
    journal: Journal
    drafts: DraftStore
    notes: list[str] = field(default_factory=list)  # said once, at the start

    @classmethod
    def open(cls, paths: Paths) -> Workspace:
        paths.ensure()
        config = load_config(paths.config_file)
        library = load_library(paths.decks_dir)
        notes = list(config.problems)
        if library.problems:  # one calm line; `decks validate` gives every detail
            count = len(library.problems)
            notes.append(
                f"{count} problem{'s' if count != 1 else ''} in your own deck files, so "
                f"{'those decks are' if count != 1 else 'that deck is'} left out for now. "
                f"To see what to fix: reconnect decks validate {paths.decks_dir}"
            )
        return cls(paths, config, library, Journal(paths.journal_dir), DraftStore(paths.drafts_dir), notes)

    def remember(self, **settings: Any) -> str | None:
        """Save settings to the config file; the reason as text if that failed."""
        try:
            save_settings(self.paths.config_file, **settings)
        except ConfigError as error:
            return str(error)
        self.config = load_config(self.paths.config_file)
        return None

    def default_deck(self) -> Deck:
        """The configured deck, or the shipped default if that one is gone."""
        wanted = self.config.config.deck
        if wanted in self.library.decks:
            return self.library.decks[wanted]
        if DEFAULT_DECK in self.library.decks:
            return self.library.decks[DEFAULT_DECK]
        return next(iter(self.library.decks.values()))
