"""Textual's compact Footer, without its start-up cost.

Footer(compact=True) builds its keys plain and then marks each one compact after
it is mounted; every mark restyles that key at once, and the footer is rebuilt
whenever focus moves. On the check-in's first screen that was a noticeable share
of the time before anything could be typed (see bench/run.py). Here each key is
built compact, so the marks find nothing to change. The look is the same.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class CompactFooter(Footer):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)
            yield widget
