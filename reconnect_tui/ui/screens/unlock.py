"""A locked journal: the passphrase, asked once before any entry or draft is read.

Opening the key costs one scrypt (a second or two), so it runs in a thread while
the screen says so. Three wrong tries end the app kindly, with nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from reconnect_tui.core.lockbox import Key, LockError, Lockbox, WrongPassphrase
from reconnect_tui.ui.thread_results import hand_back

TRIES = 3
GIVE_UP = (
    "That passphrase did not open the journal three times, so we stopped here; nothing was changed. "
    "Take a moment, and try again when you are ready."
)


class UnlockScreen(Screen[None]):
    BINDINGS = [Binding("escape", "quit_app", "Quit")]

    def __init__(self, journal_dir: Path, on_unlocked: Callable[[Key], None]) -> None:
        super().__init__(id="unlock")
        self.lockbox = Lockbox(journal_dir)
        self.on_unlocked = on_unlocked
        self.tries = 0
        self.opened = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="welcome"):
            with Vertical(classes="welcome-box"):
                yield Static("Your journal is locked", classes="dialog-title")
                yield Static(
                    "Your check-ins are encrypted on this computer. Type your passphrase to open them.",
                    classes="dialog-text",
                )
                yield Input(password=True, placeholder="Passphrase", id="passphrase")
                yield Static("", id="unlock-hint", classes="hint", markup=False)
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Quit", id="quit")
                    yield Button("Open", id="open", variant="primary")
        # No Footer: the two buttons say it all.

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    def on_screen_resume(self) -> None:
        """Uncovered again after the journal opened: the screens above were left, so
        the app is done (as when the first screen is left)."""
        if self.opened:
            self.app.exit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._try()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "open":
            self._try()
        else:
            self.action_quit_app()

    def action_quit_app(self) -> None:
        self.app.exit()

    def _hint(self, text: str) -> None:
        self.query_one("#unlock-hint", Static).update(text)

    def _try(self) -> None:
        field = self.query_one("#passphrase", Input)
        if not field.value or field.disabled:
            return
        passphrase = field.value
        field.value = ""
        field.disabled = True
        self._hint("Opening…")
        self._open(passphrase)

    @work(thread=True, exclusive=True)
    def _open(self, passphrase: str) -> None:
        try:
            key = self.lockbox.unlock(passphrase)
        except WrongPassphrase:
            hand_back(self, self._wrong)
        except LockError as error:
            hand_back(self, self._cannot, str(error))
        else:
            hand_back(self, self._opened, key)

    def _opened(self, key: Key) -> None:
        self.opened = True
        self.on_unlocked(key)

    def _wrong(self) -> None:
        self.tries += 1
        if self.tries >= TRIES:
            self.app.farewell = GIVE_UP  # type: ignore[attr-defined]
            self.app.exit(return_code=1)
            return
        left = TRIES - self.tries
        self._hint(f"That passphrase does not open this journal. Try again ({left} left).")
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.focus()

    def _cannot(self, message: str) -> None:
        self.app.farewell = message  # type: ignore[attr-defined]
        self.app.exit(return_code=1)
