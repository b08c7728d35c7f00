"""A calm yes-or-no question, with the safe answer focused."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from reconnect_tui.core.cleantext import clean_line, clean_text


class ConfirmScreen(ModalScreen[bool]):
    """Answers True for yes. The "no" button is focused unless `safe_is_no` is False
    (when yes is what was just asked for, like saving, and loses nothing)."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(self, question: str, detail: str, yes: str, no: str, safe_is_no: bool = True) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no
        self.safe_is_no = safe_is_no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(clean_line(self.question), classes="dialog-title", markup=False)
            yield Static(clean_text(self.detail), classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.no, id="no", variant="primary" if self.safe_is_no else "default")
                yield Button(self.yes, id="yes", variant="error" if self.safe_is_no else "primary")

    def on_mount(self) -> None:
        self.query_one("#no" if self.safe_is_no else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
