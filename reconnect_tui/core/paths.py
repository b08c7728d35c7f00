"""Where reconnect keeps its files.

Config and the user's decks live in the platform's config folder, the journal and
drafts in its data folder, what is only a speed-up in its cache folder (platformdirs
honours the XDG variables on Linux). When `RECONNECT_HOME` is set, all five sit
directly inside that one folder: handy for a synced or removable folder, and it is
how the tests stay away from a real home.

Computing paths never creates anything; `ensure` does, with private permissions.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from msgspec import Struct

from reconnect_tui.core.fsutil import make_private_dirs

APP_NAME = "reconnect"
HOME_VARIABLE = "RECONNECT_HOME"


class Paths(Struct, frozen=True):
    config_file: Path
    decks_dir: Path
    journal_dir: Path
    drafts_dir: Path
    cache_dir: Path  # rebuildable speed-ups only, never beside the journal

    @classmethod
    def in_folder(cls, home: Path) -> Paths:
        """Everything directly inside one folder (the `RECONNECT_HOME` layout)."""
        return cls(
            config_file=home / "config.toml",
            decks_dir=home / "decks",
            journal_dir=home / "journal",
            drafts_dir=home / "drafts",
            cache_dir=home / "cache",
        )

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> Paths:
        environ = os.environ if environ is None else environ
        home = environ.get(HOME_VARIABLE, "").strip()
        if home:
            return cls.in_folder(Path(home).expanduser().absolute())
        # Imported here: platformdirs is only needed when RECONNECT_HOME is unset.
        import platformdirs

        config_dir = platformdirs.user_config_path(APP_NAME, appauthor=False)
        data_dir = platformdirs.user_data_path(APP_NAME, appauthor=False)
        return cls(
            config_file=config_dir / "config.toml",
            decks_dir=config_dir / "decks",
            journal_dir=data_dir / "journal",
            drafts_dir=data_dir / "drafts",
            cache_dir=platformdirs.user_cache_path(APP_NAME, appauthor=False),
        )

    def as_dict(self) -> dict[str, str]:
        """The `reconnect paths --json` shape."""
        return {
            "config": str(self.config_file),
            "decks": str(self.decks_dir),
            "journal": str(self.journal_dir),
            "drafts": str(self.drafts_dir),
            "cache": str(self.cache_dir),
        }

    def export_folder(self) -> Path:
        """Where a file written on request (an export, a copy) is proposed to go.

        With everything in one folder (`RECONNECT_HOME`: a synced or removable
        folder, or a throwaway one for trying reconnect out), that folder: the
        couple chose it, and a trial never leaves files in the real home. Otherwise
        the home folder.
        """
        home = self.config_file.parent
        if self.journal_dir.parent == home and self.drafts_dir.parent == home:
            return home
        return Path.home()

    def ensure(self) -> Paths:
        """Create the folders (0700) that are missing; return self for chaining.

        Not the cache folder: it is made when there is first something to keep in it.
        """
        for folder in (self.config_file.parent, self.decks_dir, self.journal_dir, self.drafts_dir):
            make_private_dirs(folder)
        return self


def as_read(path: Path) -> str:
    """A path as people read it: under the home folder it starts with `~`."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except (ValueError, RuntimeError):  # elsewhere, or no home folder known
        return str(path)
