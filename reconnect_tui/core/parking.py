"""Parked talks: a check-in set aside during a break, kept as a draft under its own name.

A break parks the talk: the open draft (`drafts/checkin.json`) becomes
`drafts/parked-<entry id>.json` with when it was parked and, if the couple noted it,
when they mean to come back. Another check-in can run meanwhile; only one is open
at a time. Resuming moves the parked draft back to being the open one; letting it
go deletes it, or saves what was said as an entry first (the caller does that).
In a locked journal a parked talk is encrypted like the open draft
(`parked-<id>.json.age`), and nothing of it is written in plain.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec import Struct

from reconnect_tui.core.cleantext import clean_line, visible
from reconnect_tui.core.drafts import check_readable, read_draft
from reconnect_tui.core.entry import ID_PATTERN
from reconnect_tui.core.errors import DraftError, ReconnectError
from reconnect_tui.core.fsutil import LinkRefused, atomic_write, read_file
from reconnect_tui.core.model import Parked, without_bom
from reconnect_tui.core.session import CheckinSession, StepKind

if TYPE_CHECKING:
    from reconnect_tui.core.drafts import DraftStore
    from reconnect_tui.core.lockbox import Key

PARKED_VERSION = 1
PREFIX = "parked-"


class ParkedTalk(Struct, frozen=True):
    entry_id: str
    session: CheckinSession
    parked_at: datetime
    come_back: str | None
    path: Path

    @property
    def deck_id(self) -> str:
        return self.session.deck.id

    def where(self) -> str:
        """"at prompt 5 of 9", "at the start", "at the close": never anything anyone wrote."""
        step = self.session.step
        if step.kind is StepKind.PROMPT:
            number, total = self.session.prompt_number() or (0, 0)
            return f"at prompt {number} of {total}"
        return {StepKind.ARRIVE: "at the start", StepKind.FOLLOW_UP: "looking back at last time's gestures",
                StepKind.CLOSE: "at the close"}[step.kind]

    def describe(self, now: datetime) -> str:
        """"Repairing a hurt, at prompt 5 of 9, parked Tuesday"."""
        return clean_line(f"{self.session.deck.title}, {self.where()}, parked {when(self.parked_at, now)}")


def when(moment: datetime, now: datetime) -> str:
    days = (now.date() - moment.date()).days
    if days == 0:
        return f"today at {moment:%H:%M}"
    if days == 1:
        return f"yesterday at {moment:%H:%M}"
    if 1 < days < 7:
        return f"{moment:%A}"
    return f"{moment:%A} {moment.day} {moment:%B}"


class ParkedTalks:
    def __init__(self, drafts_dir: Path, key: Key | None = None, must_encrypt: bool = False) -> None:
        self.folder = drafts_dir
        # reconnect's own folder (it may be a link); nothing below it is followed.
        self.inside = drafts_dir.parent
        self.key = key
        self.must_encrypt = must_encrypt

    @classmethod
    def beside(cls, drafts: DraftStore) -> ParkedTalks:
        """Parked talks kept like the open draft: encrypted when the journal is locked."""
        return cls(drafts.folder, drafts.key, drafts.must_encrypt)

    def path_for(self, entry_id: str) -> Path:
        """Where this talk is (or would be) kept."""
        if not ID_PATTERN.match(entry_id):
            raise DraftError(f"{entry_id!r} is not the name of a parked talk")
        plain = self.folder / f"{PREFIX}{entry_id}.json"
        sealed = plain.with_name(plain.name + ".age")
        if sealed.exists() or (self.key is not None and not plain.exists()):
            return sealed
        return plain

    def park(self, session: dict[str, Any], at: datetime, come_back: str | None) -> Path:
        """Keep a session aside; DraftError (with the reason) if it cannot be written."""
        entry_id = str(session["entry_id"])
        if self.key is None and self.must_encrypt:
            raise DraftError("the journal is locked and was not unlocked, so the talk could not be parked")
        path = self.path_for(entry_id)
        if self.key is not None:
            path = path.with_name(f"{PREFIX}{entry_id}.json.age")
        payload = {
            "draft_version": PARKED_VERSION,
            "saved_at": at.isoformat(),
            "parked": {"at": at.isoformat(), "come_back": clean_line(come_back or "").strip() or None},
            "session": session,
        }
        data = json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")
        try:
            check_readable(data)  # a talk that could not be resumed is not parked
            if self.key is not None:
                data = self.key.encrypt(data)
            atomic_write(path, data, inside=self.inside)
        except LinkRefused as error:
            raise DraftError(f"the talk could not be parked: {error}") from None
        except ReconnectError as error:
            raise DraftError(f"the talk was not parked: {error}") from None
        except OSError as error:
            raise DraftError(f"the talk could not be parked in {path}: {error.strerror or error}") from None
        return path

    def all(self) -> tuple[list[ParkedTalk], list[str]]:
        """Every parked talk, oldest first, and a line for each file that could not be read."""
        talks: list[ParkedTalk] = []
        problems: list[str] = []
        try:
            paths = sorted([*self.folder.glob(f"{PREFIX}*.json"), *self.folder.glob(f"{PREFIX}*.json.age")])
        except OSError as error:
            return [], [f"the drafts folder {self.folder} cannot be read: {error.strerror}"]
        for path in paths:
            try:
                talks.append(self._read(path))
            except DraftError as error:
                problems.append(str(error))
        talks.sort(key=lambda talk: talk.parked_at)
        return talks, problems

    def get(self, entry_id: str) -> ParkedTalk:
        return self._read(self.path_for(entry_id))

    def for_deck(self, deck_id: str) -> ParkedTalk | None:
        talks, _ = self.all()
        matching = [talk for talk in talks if talk.deck_id == deck_id]
        return matching[-1] if matching else None

    def remove(self, entry_id: str) -> None:
        plain = self.path_for(entry_id).with_name(f"{PREFIX}{entry_id}.json")
        for path in (plain, plain.with_name(plain.name + ".age")):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as error:
                raise DraftError(f"the parked talk at {path} could not be removed: {error.strerror}") from None

    def _read(self, path: Path) -> ParkedTalk:
        """One parked talk, checked by the draft model like the open draft.

        Only a regular file inside reconnect's folder is read, up to the draft size
        limit: a FIFO or a link (to /dev/zero, say) named parked-*.json is named,
        never waited on or read without end.
        """
        where = visible(path)
        try:
            raw = read_file(path, "draft", inside=self.inside)
            if path.name.endswith(".age"):
                if self.key is None:
                    raise DraftError(f"the parked talk at {where} is locked; unlock the journal to see it")
                raw = self.key.decrypt(raw, path)
            session_data = read_draft(raw)  # every field checked (EntryInvalid in plain words)
            payload = msgspec.json.decode(without_bom(raw))
            if payload.get("draft_version") != PARKED_VERSION:
                raise DraftError("it is not a parked talk this version understands")
            parked = msgspec.convert(payload.get("parked"), Parked)
            session = CheckinSession.from_dict(session_data)
            return ParkedTalk(
                entry_id=session.entry_id,
                session=session,
                parked_at=parked.at,
                come_back=None if parked.come_back is None else clean_line(parked.come_back),
                path=path,
            )
        except FileNotFoundError:
            raise DraftError(f"there is no parked talk at {where}") from None
        except DraftError as error:
            if "is locked" in str(error):
                raise
            raise DraftError(f"the parked talk at {where} could not be read ({error}); it was left as it is") from None
        except LinkRefused as error:
            raise DraftError(f"the parked talk could not be read: {error}; it was left as it is") from None
        except OSError as error:
            raise DraftError(
                f"the parked talk at {where} could not be read ({error.strerror or error}); it was left as it is"
            ) from None
        except msgspec.ValidationError as error:
            raise DraftError(
                f"the parked talk at {where} could not be read (when it was parked is not right: {error}); "
                "it was left as it is"
            ) from None
        except (ValueError, KeyError, TypeError, AttributeError, ReconnectError) as error:
            raise DraftError(f"the parked talk at {where} could not be read ({error}); it was left as it is") from None
