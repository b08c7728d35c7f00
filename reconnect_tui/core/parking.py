"""Parked talks: a check-in set aside during a break, kept as a draft under its own name.

A break parks the talk: the open draft (`drafts/checkin.json`) becomes
`drafts/parked-<entry id>.json` with when it was parked and, if the couple noted it,
when they mean to come back. Another check-in can run meanwhile; only one is open
at a time. Resuming moves the parked draft back to being the open one; letting it
go deletes it, or saves what was said as an entry first (the caller does that).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reconnect_tui.core.entry import ID_PATTERN
from reconnect_tui.core.errors import DraftError
from reconnect_tui.core.fsutil import atomic_write
from reconnect_tui.core.session import CheckinSession, StepKind

PARKED_VERSION = 1
PREFIX = "parked-"


@dataclass(frozen=True)
class ParkedTalk:
    entry_id: str
    session: CheckinSession
    parked_at: datetime
    come_back: str | None
    path: Path

    @property
    def deck_id(self) -> str:
        return self.session.deck.id

    def where(self) -> str:
        """"at prompt 5 of 9", "arriving", "closing": never anything anyone wrote."""
        step = self.session.step
        if step.kind is StepKind.PROMPT:
            number, total = self.session.prompt_number() or (0, 0)
            return f"at prompt {number} of {total}"
        return {StepKind.ARRIVE: "arriving", StepKind.FOLLOW_UP: "at since last time",
                StepKind.CLOSE: "closing"}[step.kind]

    def describe(self, now: datetime) -> str:
        """"Repairing a hurt, at prompt 5 of 9, parked Tuesday"."""
        return f"{self.session.deck.title}, {self.where()}, parked {when(self.parked_at, now)}"


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
    def __init__(self, drafts_dir: Path) -> None:
        self.folder = drafts_dir

    def path_for(self, entry_id: str) -> Path:
        if not ID_PATTERN.match(entry_id):
            raise DraftError(f"{entry_id!r} is not the name of a parked talk")
        return self.folder / f"{PREFIX}{entry_id}.json"

    def park(self, session: dict[str, Any], at: datetime, come_back: str | None) -> Path:
        """Keep a session aside; DraftError (with the reason) if it cannot be written."""
        entry_id = str(session["entry_id"])
        path = self.path_for(entry_id)
        payload = {
            "draft_version": PARKED_VERSION,
            "saved_at": at.isoformat(),
            "parked": {"at": at.isoformat(), "come_back": (come_back or "").strip() or None},
            "session": session,
        }
        try:
            atomic_write(path, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))
        except OSError as error:
            raise DraftError(f"the talk could not be parked in {path}: {error.strerror or error}") from None
        return path

    def all(self) -> tuple[list[ParkedTalk], list[str]]:
        """Every parked talk, oldest first, and a line for each file that could not be read."""
        talks: list[ParkedTalk] = []
        problems: list[str] = []
        try:
            paths = sorted(self.folder.glob(f"{PREFIX}*.json"))
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
        path = self.path_for(entry_id)
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            raise DraftError(f"the parked talk at {path} could not be removed: {error.strerror}") from None

    def _read(self, path: Path) -> ParkedTalk:
        try:
            payload = json.loads(path.read_bytes())
            if payload.get("draft_version") != PARKED_VERSION:
                raise ValueError("not a parked talk this version understands")
            parked = payload["parked"]
            session = CheckinSession.from_dict(payload["session"])
            come_back = parked.get("come_back")
            return ParkedTalk(
                entry_id=session.entry_id,
                session=session,
                parked_at=datetime.fromisoformat(parked["at"]),
                come_back=come_back if isinstance(come_back, str) else None,
                path=path,
            )
        except FileNotFoundError:
            raise DraftError(f"there is no parked talk at {path}") from None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, DraftError) as error:
            raise DraftError(f"the parked talk at {path} could not be read ({error}); it was left as it is") from None
