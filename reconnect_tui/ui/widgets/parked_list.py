"""The parked talks on the home screen: each one can be resumed or let go.

"Repairing a hurt, at prompt 5 of 9, parked Tuesday: resume, or let it go". The
list only says where a talk stands and when it was parked, never what was said.
It posts `ParkedList.Chosen` and the screen acts.
"""

from __future__ import annotations

from datetime import datetime

from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from reconnect_tui.core.parking import ParkedTalk


class ParkedList(Vertical):
    class Chosen(Message):
        def __init__(self, entry_id: str, action: str) -> None:
            super().__init__()
            self.entry_id = entry_id
            self.action = action  # "resume" or "let-go"

    def __init__(self, id: str = "parked") -> None:
        super().__init__(id=id)
        self.talks: list[ParkedTalk] = []
        self.display = False  # until there is something parked

    async def show(self, talks: list[ParkedTalk], now: datetime) -> None:
        if self.children and [t.path for t in talks] == [t.path for t in self.talks]:
            return  # unchanged: keep the buttons (and the focus) where they are
        self.talks = talks
        await self.remove_children()
        self.display = bool(talks)
        if not talks:
            return
        widgets: list[Static | Horizontal] = [Static("Parked talks, waiting for you", classes="summary-name")]
        for number, talk in enumerate(talks):
            line = talk.describe(now)
            if talk.come_back:
                line += f" (you planned to come back: {talk.come_back})"
            row = Horizontal(
                Static(Content(line), classes="parked-line"),
                Button("Resume", id=f"resume-{number}", compact=True, variant="primary"),
                Button("Let it go…", id=f"let-go-{number}", compact=True),
                classes="parked-row",
            )
            widgets.append(row)
        await self.mount_all(widgets)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        action, _, number = button.rpartition("-")
        if action in ("resume", "let-go") and number.isdigit() and int(number) < len(self.talks):
            event.stop()
            self.post_message(self.Chosen(self.talks[int(number)].entry_id, action))
