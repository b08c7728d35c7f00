"""Waiting for screens and reading what a widget shows, for the Pilot tests."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static


async def until(pilot: Pilot, check: Callable[[], bool], what: str = "condition") -> None:
    for _ in range(150):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def on_screen(pilot: Pilot, screen_type: type) -> None:
    await until(pilot, lambda: isinstance(pilot.app.screen, screen_type), screen_type.__name__)


def shown(widget: Widget) -> str:
    """The text a Static shows, whether it holds a string or a Rich renderable."""
    content = widget.content if isinstance(widget, Static) else widget.render()
    if isinstance(content, str):
        return content
    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(content)
    return console.export_text()
