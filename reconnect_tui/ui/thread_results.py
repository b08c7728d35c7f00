"""Handing a worker thread's results back to the screen that asked for them.

A screen reads the journal on a thread and shows what it found when the thread is done.
By then the couple may have closed that screen, or the whole app: Textual takes a
closing screen's parts away before the screen itself, so looking them up fails. A
closing screen has nothing left to show, so its late results are quietly let go; on a
screen that is still open the same failure is a real fault and is raised as usual.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import MountError


def hand_back(screen: Screen, show: Callable[..., object], *args: object) -> None:
    """From a worker thread: run `show(*args)` on the app's thread while `screen` is open."""

    async def deliver() -> None:
        if _closing(screen):
            return
        try:
            shown = show(*args)
            if inspect.isawaitable(shown):
                await shown
        except (NoMatches, MountError):
            if not _closing(screen):
                raise

    screen.app.call_from_thread(deliver)


def _closing(screen: Screen) -> bool:
    # Textual reports a node as not displayed from the moment it starts taking it down.
    return not (screen.is_attached and screen.display)
