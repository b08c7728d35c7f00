"""Offer the check-in that was left unfinished: Enter resumes it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ResumeScreen(ModalScreen[str]):
    """Answers "resume" or "discard" (the caller confirms a discard)."""

    def __init__(self, description: str) -> None:
        super().__init__(classes="dialog-screen")
        self.description = description

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Welcome back", classes="dialog-title")
            yield Static(self.description, classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume", id="resume", variant="primary")
                yield Button("Discard it", id="discard")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "resume")
