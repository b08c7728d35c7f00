"""The check-in in progress, kept on disk so that nothing typed is ever lost.

The screen saves the draft within about a second of every change and at every
step; a crash, a closed terminal or a power cut costs at most that second. A lock
makes sure only one check-in runs on a journal at a time: a second one is told so,
and a lock left by a process that was killed is simply taken over.

In a locked journal the draft is `checkin.json.age`, encrypted to the journal's key
like the entries; nothing of it is ever written in plain, not even a damaged draft
set aside.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from reconnect_tui.core.errors import CheckinAlreadyOpen, DraftError, ReconnectError
from reconnect_tui.core.fsutil import FileLock, LinkRefused, LockHeld, atomic_write, random_hex, read_file, sweep_temp_files
from reconnect_tui.core.model import DRAFT_VERSION, EntryInvalid, Parked, decode_draft, without_bom

if TYPE_CHECKING:
    from reconnect_tui.core.lockbox import Key

CHECKIN = "checkin"  # the open check-in; a parked talk is "parked-<entry id>"
DRAFT_NAME = "checkin.json"
LOCK_NAME = "checkin.lock"


class DraftDamaged(DraftError):
    """The draft file could not be read; it was moved aside, not deleted."""


def parked_name(entry_id: str) -> str:
    """The draft name of a parked talk."""
    return f"parked-{entry_id}"


def read_draft(raw: bytes) -> dict[str, Any]:
    """The session data of a draft's bytes, checked field by field by the model first.

    The data handed back is the file's own (fields a newer reconnect added stay in);
    EntryInvalid says in plain words what is wrong.
    """
    decode_draft(raw)
    payload = msgspec.json.decode(without_bom(raw))
    session: dict[str, Any] = payload["session"]
    return session


def check_readable(data: bytes) -> None:
    """DraftError unless a draft's bytes read back: a draft that could only ever be set
    aside as damaged is not written (the words stay on screen, and the screen says why)."""
    try:
        decode_draft(data)
    except EntryInvalid as error:
        raise DraftError(f"the draft was not saved, because {error}") from None


class DraftStore:
    """One named draft (`checkin` by default) in the drafts folder, and the check-in lock.

    The lock is one per journal whatever the draft's name: only one check-in runs at a time.
    """

    def __init__(self, drafts_dir: Path, key: Key | None = None, name: str = CHECKIN) -> None:
        self.folder = drafts_dir
        self.name = name
        self._plain_path = drafts_dir / f"{name}.json"
        # reconnect's own folder: it may be a link, nothing below it is followed.
        self.inside = drafts_dir.parent
        self._lock = FileLock(drafts_dir / LOCK_NAME, inside=self.inside)
        self.key: Key | None = None
        self.must_encrypt = False  # set for a locked journal: no key, no draft on disk
        self.use_key(key)

    def use_key(self, key: Key | None) -> None:
        """From now on, keep the draft encrypted to `key` (a locked journal's)."""
        self.key = key
        self.path = self._plain_path.with_name(f"{self.name}.json.age") if key is not None else self._plain_path

    def exists(self) -> bool:
        """True when there is a draft to offer, in either form."""
        return self.path.exists() or self._plain_path.exists()

    def lock(self) -> None:
        """Claim the check-in for this process; CheckinAlreadyOpen if another has it.

        Holding the lock, this process is the only one writing drafts, so every
        temporary file left in the drafts folder is a crash's leftover (with the
        check-in's private words in it) and is removed.
        """
        try:
            self._lock.acquire()
        except LockHeld:
            raise CheckinAlreadyOpen(
                "a check-in is already open in another window; finish or quit that one first"
            ) from None
        except LinkRefused as error:
            raise DraftError(f"cannot use the check-in lock: {error}") from None
        except OSError as error:
            where = error.filename or self.folder
            raise DraftError(f"cannot use the drafts folder: {where} {error.strerror}") from None
        sweep_temp_files(self.folder, max_age=0)

    def unlock(self) -> None:
        self._lock.release()

    @property
    def locked(self) -> bool:
        """True while this process holds the check-in lock."""
        return self._lock.held

    def save(self, session: dict[str, Any], saved_at: datetime, parked: Parked | None = None) -> None:
        """Write the draft (draft version 2); `parked` when the talk is set aside to come back to."""
        parked_data = None if parked is None else {"at": parked.at.isoformat(), "come_back": parked.come_back}
        payload = {
            "draft_version": DRAFT_VERSION,
            "saved_at": saved_at.isoformat(),
            "parked": parked_data,
            "session": session,
        }
        data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        if self.key is None and self.must_encrypt:
            raise DraftError("the journal is locked and was not unlocked, so the draft was not saved")
        check_readable(data)
        try:
            if self.key is not None:
                data = self.key.encrypt(data)
            atomic_write(self.path, data, inside=self.inside)
        except LinkRefused as error:
            raise DraftError(f"the draft could not be saved: {error}") from None
        except ReconnectError as error:  # a swapped recipient file: nothing is written
            raise DraftError(f"the draft was not saved: {error}") from None
        except OSError as error:
            raise DraftError(f"the draft could not be saved to {self.path}: {error.strerror or error}") from None

    def load(self) -> dict[str, Any] | None:
        """The saved session data, or None when there is no draft.

        A draft that cannot be read is renamed beside itself (never deleted) and
        DraftDamaged names what is wrong and where it went, so a new draft cannot
        overwrite it. Drafts of version 1 still resume.
        """
        try:
            raw = read_file(self.path, "draft", inside=self.inside)
        except FileNotFoundError:
            if self.key is not None and self._plain_path.exists():
                raise DraftError("a draft is still in plain; it is encrypted when the journal is unlocked") from None
            return None
        except LinkRefused as error:
            raise DraftError(f"the draft cannot be read: {error}") from None
        except OSError as error:
            raise DraftError(f"the draft at {self.path} cannot be read: {error.strerror}") from None
        try:
            if self.key is not None:
                raw = self.key.decrypt(raw, self.path)
            return read_draft(raw)
        except (EntryInvalid, ReconnectError) as error:
            kept = self.set_aside()
            raise DraftDamaged(f"the saved draft could not be read ({error}), so it was kept as {kept}") from None

    def set_aside(self) -> Path:
        """Move an unreadable draft out of the way, keeping it for a person to look at.

        Each gets a name of its own, so an earlier one is never replaced. The file
        is renamed as it is: an encrypted draft stays encrypted.
        """
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        suffix = ".json.age" if self.path.name.endswith(".age") else ".json"
        kept = self.folder / f"{self.name}.unreadable-{stamp}-{random_hex(3)}{suffix}"
        try:
            self.path.rename(kept)
        except OSError as error:
            raise DraftError(
                f"the saved draft at {self.path} could not be read or moved aside ({error.strerror}); "
                "it was left where it is"
            ) from None
        return kept

    def clear(self) -> None:
        for path in {self.path, self._plain_path}:
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as error:
                raise DraftError(f"the draft at {path} could not be removed: {error.strerror}") from None


class DraftKeeper:
    """Keeps the draft of one check-in up to date, and remembers if it cannot.

    The screen calls `changed()` on every edit and `save_if_changed()` on a short
    timer, so the file is at most a moment behind what is on screen; `save_now()`
    is for step changes and quitting. A failed save (full disk, read-only folder)
    is not raised: it is kept in `error` for the screen to show, the words stay in
    memory, and the next call tries again.
    """

    def __init__(
        self,
        store: DraftStore,
        snapshot: Callable[[], dict[str, Any]],
        clock: Callable[[], datetime],
        worth_keeping: Callable[[], bool] = lambda: True,
    ) -> None:
        self.store = store
        self._snapshot = snapshot
        self._clock = clock
        self._worth_keeping = worth_keeping
        self.dirty = False
        self.closed = False
        self.error: DraftError | None = None

    def changed(self) -> None:
        if not self.closed:
            self.dirty = True

    def save_if_changed(self) -> DraftError | None:
        return self.save_now() if self.dirty else self.error

    def save_now(self) -> DraftError | None:
        """Write the draft; with nothing worth keeping yet, there is no draft at all."""
        if self.closed:
            return None
        if not self._worth_keeping():
            self.dirty = False
            return self.discard(close=False)
        try:
            self.store.save(self._snapshot(), self._clock())
        except DraftError as error:
            self.error = error
            self.dirty = True
            return error
        self.error = None
        self.dirty = False
        return None

    def discard(self, close: bool = True) -> DraftError | None:
        """Remove the draft; after the entry is saved or discarded the keeper closes,
        so nothing arriving late can write it back."""
        self.closed = self.closed or close
        self.dirty = False
        try:
            self.store.clear()
        except DraftError as error:
            return error
        return None
