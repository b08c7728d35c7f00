"""Add a later note to a saved check-in, without changing what was said then."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from reconnect_tui.core.entry import Entry


class NoteScreen(ModalScreen[str | None]):
    """Answers the note's text, or None when cancelled. The history screen saves it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save the note")]

    def __init__(self, entry: Entry) -> None:
        super().__init__(classes="dialog-screen")
        self.entry = entry

    def compose(self) -> ComposeResult:
        moment = self.entry.started_at
        with Vertical(classes="dialog note-dialog"):
            yield Static("A later note", classes="dialog-title")
            yield Static(
                f"On “{self.entry.deck_title}”, {moment:%A} {moment.day} {moment:%B %Y}. It is kept with the "
                "time it was written, beside the check-in; what you said then stays as it was.",
                classes="dialog-text",
                markup=False,
            )
            yield TextArea(id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="note-problem", classes="hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save the note (Ctrl+S)", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#note-text", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        text = self.query_one("#note-text", TextArea).text
        if not text.strip():
            self.query_one("#note-problem", Static).update("The note is empty: a few words are enough.")
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
