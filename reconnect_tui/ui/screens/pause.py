"""The pause menu (Escape): carry on, take a break, save, keep a draft, or let it go."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class PauseScreen(ModalScreen[str]):
    """Answers resume, break, save, draft or discard."""

    BINDINGS = [
        Binding("escape", "dismiss('resume')", "Resume"),
        Binding("up", "app.focus_previous", show=False),
        Binding("down", "app.focus_next", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog pause-menu"):
            yield Static("Paused", classes="dialog-title")
            yield Static("Take all the time you need.", classes="dialog-text")
            yield Button("Resume", id="resume", variant="primary")
            yield Button("Take a break (park the talk)…", id="break")
            yield Button("Save to the journal and quit", id="save")
            yield Button("Keep as a draft and quit", id="draft")
            yield Button("Discard this check-in…", id="discard")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "resume")
