"""Export check-ins from the journal screen to a Markdown file of your choosing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from reconnect_tui.core.entry import Entry
from reconnect_tui.core.errors import JournalError
from reconnect_tui.core.exchange import save_markdown


def suggested_path(entries: list[Entry], now: datetime) -> Path:
    if len(entries) == 1:
        return Path.home() / f"reconnect-{entries[0].started_at:%Y-%m-%d-%H%M}.md"
    return Path.home() / f"reconnect-journal-{now:%Y-%m-%d}.md"


class ExportScreen(ModalScreen[Path | None]):
    """Answers where the file was written, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, entries: list[Entry], now: datetime, locked: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.entries = entries
        self.now = now
        self.locked = locked  # a Markdown file would be plain text: not written then

    def compose(self) -> ComposeResult:
        count = len(self.entries)
        what = "this check-in" if count == 1 else f"these {count:,} check-ins"
        if self.locked:
            with Vertical(classes="dialog"):
                yield Static("Your journal is locked", classes="dialog-title")
                yield Static(
                    "A Markdown file would keep these words in plain text on this computer, so it is "
                    "not written from here. For a copy protected by a passphrase, run: "
                    "reconnect export --encrypt --output FILE",
                    classes="dialog-text",
                    markup=False,
                )
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Close", id="cancel", variant="primary")
            return
        with Vertical(classes="dialog"):
            yield Static(f"Export {what} to Markdown", classes="dialog-title")
            yield Static("A readable document to keep or print. It holds private words: choose "
                         "where it goes with care.", classes="dialog-text")
            yield Input(str(suggested_path(self.entries, self.now)), id="export-path")
            yield Static("", id="export-result", classes="hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="export", variant="primary")

    def on_mount(self) -> None:
        if self.locked:
            self.query_one("#cancel", Button).focus()
            return
        self.query_one("#export-path", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self._export()
        else:
            self.dismiss(None)

    def _export(self) -> None:
        if self.locked:
            return
        target = Path(self.query_one("#export-path", Input).value.strip())
        try:
            written = save_markdown(self.entries, target)
        except JournalError as error:
            self.query_one("#export-result", Static).update(str(error))
            return
        self.notify(f"Exported to {written}", markup=False)
        self.dismiss(written)
