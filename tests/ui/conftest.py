"""Builders for the UI tests: a workspace in the test's home and a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from reconnect_tui.core.paths import Paths
from reconnect_tui.core.workspace import Workspace
from reconnect_tui.ui.app import CheckinRequest, ReconnectApp, build_app

FIXED = datetime(2026, 11, 26, 21, 30, tzinfo=timezone(timedelta(hours=1)))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = FIXED) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_app(private_home: Path, clock: Clock) -> Callable[..., ReconnectApp]:
    def make(partners: tuple[str, str] | None = ("Alex", "Sam"), deck: str | None = None,
             start: str = "checkin", minutes: int | None = None, mode: str | None = None) -> ReconnectApp:
        workspace = Workspace.open(Paths.in_folder(private_home))
        return build_app(workspace, start=start, request=CheckinRequest(deck, partners, minutes, mode),
                         clock=clock, cursor_blink=False)

    return make


MIXED_DECK = """\
version: 1
decks:
  - id: mixed
    title: Mixed deck
    description: One prompt of each kind.
    minutes: 5
    mode: open
    gestures: [Make tea for two, A walk after dinner]
    prompts:
      - id: words
        text: What was good today?
        tip: Listen first.
      - id: tank
        text: How full is your tank?
        kind: scale
        labels: [Empty, Low, Some, Good, Full]
      - id: pick
        text: What would help this week?
        kind: choice
        options: [Sleep, A walk, Time alone]
        multiple: true
      - id: one
        text: Tea or coffee?
        kind: choice
        options: [Tea, Coffee]
"""


@pytest.fixture
def mixed_deck(private_home: Path) -> str:
    decks = private_home / "decks"
    decks.mkdir(parents=True, exist_ok=True)
    (decks / "mixed.yaml").write_text(MIXED_DECK)
    return "mixed"


TOGETHER_DECK = """\
version: 1
decks:
  - id: together
    title: Talking together
    description: A blind prompt, a blind scale, a turns prompt.
    minutes: 10
    mode: blind
    prompts:
      - id: honest
        text: What is on your mind?
      - id: tank
        text: How full is your tank?
        kind: scale
        labels: [Empty, Low, Some, Good, Full]
      - id: hurt
        text: What hurt this week?
        mode: turns
"""


@pytest.fixture
def together_deck(private_home: Path) -> str:
    decks = private_home / "decks"
    decks.mkdir(parents=True, exist_ok=True)
    (decks / "together.yaml").write_text(TOGETHER_DECK)
    return "together"
