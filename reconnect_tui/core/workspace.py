"""Everything one couple keeps on this machine, opened together.

The CLI builds a Workspace and hands it to the app factory; the tests build one
on a temporary folder. Settings that cannot be remembered come back as a message
instead of an exception, because a screen should say so and carry on.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from reconnect_tui.core.config import DEFAULT_DECK, ConfigLoad, load_config, save_settings
from reconnect_tui.core.deckcache import load_library_cached
from reconnect_tui.core.decks import Deck, DeckLibrary
from reconnect_tui.core.drafts import DraftStore
from reconnect_tui.core.errors import ConfigError
from reconnect_tui.core.journal import Journal
from reconnect_tui.core.paths import Paths

if TYPE_CHECKING:
    from reconnect_tui.core.lockbox import Key


def local_now() -> datetime:
    """The time on the couple's clock, with its UTC offset."""
    return datetime.now().astimezone()


class Workspace(Struct):
    paths: Paths
    config: ConfigLoad
    library: DeckLibrary
    journal: Journal
    drafts: DraftStore
    notes: list[str] = field(default_factory=list)  # said once, at the start

    @classmethod
    def open(cls, paths: Paths, key: Key | None = None) -> Workspace:
        """Everything in `paths`; a locked journal needs its key, now or through `unlock`."""
        paths.ensure()
        config = load_config(paths.config_file)
        library = load_library_cached(paths.decks_dir, paths.cache_dir)
        notes = list(config.problems)
        if library.problems:  # one calm line; `decks validate` gives every detail
            count = len(library.problems)
            notes.append(
                f"{count} problem{'s' if count != 1 else ''} in your own deck files, so "
                f"{'those decks are' if count != 1 else 'that deck is'} left out for now. "
                f"To see what to fix: reconnect decks validate {paths.decks_dir}"
            )
        workspace = cls(paths, config, library, Journal(paths.journal_dir), DraftStore(paths.drafts_dir), notes)
        if workspace.locked:
            workspace.drafts.must_encrypt = True
            if key is not None:
                workspace.notes += workspace.unlock(key)
        return workspace

    @property
    def locked(self) -> bool:
        """True for an encrypted journal (asks nothing)."""
        from reconnect_tui.core.lockbox import Lockbox

        return Lockbox(self.paths.journal_dir).locked

    @property
    def needs_unlock(self) -> bool:
        return self.journal.key is None and self.locked

    def unlock(self, key: Key) -> list[str]:
        """Use the journal's key from now on; finish encrypting what a stopped
        `reconnect lock` left plain. Returns what is worth telling the couple."""
        from reconnect_tui.core.lockbox import Lockbox
        from reconnect_tui.core.locking import finish_locking

        self.journal.key = key
        self.drafts.use_key(key)
        told = []
        if key.write_refusal is not None:
            told.append(key.write_refusal)
        else:
            told += finish_locking(Lockbox(self.paths.journal_dir), self.paths.drafts_dir, key).problems
        return told

    def remember(self, **settings: Any) -> str | None:
        """Save settings to the config file; the reason as text if that failed."""
        try:
            save_settings(self.paths.config_file, **settings)
        except ConfigError as error:
            return str(error)
        self.config = load_config(self.paths.config_file)
        return None

    def couple_names(self) -> tuple[str, str] | None:
        """Whose journal this is, by their names now: remembered, else the last couple here."""
        from reconnect_tui.core.couple import couple_names

        return couple_names(self.journal, self.config.config.partners)

    def default_deck(self) -> Deck:
        """The configured deck, or the shipped default if that one is gone."""
        wanted = self.config.config.deck
        if wanted in self.library.decks:
            return self.library.decks[wanted]
        if DEFAULT_DECK in self.library.decks:
            return self.library.decks[DEFAULT_DECK]
        return next(iter(self.library.decks.values()))
