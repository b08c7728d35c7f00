"""Textual's compact Footer, without its start-up cost.

Footer(compact=True) builds its keys plain and then marks each one compact after
it is mounted; every mark restyles that key at once, and the footer is rebuilt
whenever focus moves. On the check-in's first screen that was a noticeable share
of the time before anything could be typed (see bench/run.py). Here each key is
built compact, so the marks find nothing to change. The look is the same.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class CompactFooter(Footer):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        self._rebuild_asked = False

    def bindings_changed(self, screen: Screen) -> None:
        """Rebuild the keys once for any number of changes before the next refresh.

        Textual's Footer rebuilds itself for every change of the screen's bindings,
        and a screen opening sends several (each focus, the resume, a widget's own):
        the history screen rebuilt its footer five times before the whole journal
        was listed. One rebuild after them reads the same bindings.
        """
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_asked:
            self._rebuild_asked = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_asked = False
        await self.recompose()

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)
            yield widget
