"""When the journal cannot be written: say so, keep everything, offer a way out.

Nothing typed is dropped here. The couple can try again (after freeing space,
say), write the check-in to a file of their choosing to import later, or go back
to the check-in, whose words stay on screen and in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from reconnect_tui.core.entry import Entry
from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.exchange import save_copy

if TYPE_CHECKING:
    from reconnect_tui.core.lockbox import Key


class SaveFailedScreen(ModalScreen[tuple[str, Path | None]]):
    """Answers ("retry", None), ("copied", where the copy went) or ("back", None)."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, problem: str, entry: Entry, suggested_copy: Path, key: Key | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.key = key  # a locked journal's: the copy is encrypted like the journal
        self.problem = problem
        self.entry = entry
        self.suggested_copy = suggested_copy

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("This check-in could not be saved yet", classes="dialog-title")
            yield Static(
                f"{self.problem}\n\nNothing is lost: every word is still here. You can try again, "
                "or save a copy to another place and bring it in later with `reconnect import`."
                + (" The copy is encrypted like your journal." if self.key is not None else ""),
                classes="dialog-text",
                markup=False,
            )
            yield Input(str(self.suggested_copy), id="copy-path")
            yield Static("", id="copy-result", classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Try again", id="retry", variant="primary")
                yield Button("Save a copy there", id="copy")
                yield Button("Back", id="back")

    def on_mount(self) -> None:
        self.query_one("#retry", Button).focus()

    def action_back(self) -> None:
        self.dismiss(("back", None))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "copy":
            self.dismiss((event.button.id or "back", None))
            return
        target = Path(self.query_one("#copy-path", Input).value.strip() or str(self.suggested_copy))
        try:
            written = save_copy([self.entry], target, self.key)
        except JournalError as error:
            self.query_one("#copy-result", Static).update(f"That place could not be written either: {error}")
            return
        self.dismiss(("copied", written))
