"""First use: a warm hello, and the two names (asked once, then remembered)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from reconnect_tui.core.names import NAME_LIMIT
from reconnect_tui.ui.widgets.care_note import CareNote


class NamesScreen(Screen[tuple[str, str]]):
    """Answers the two names, first partner first."""

    # A binding, not the Input's Submitted message: the focus must move before the
    # next key is read, or fast typing would land in the first box.
    BINDINGS = [Binding("enter", "submit", "Begin", priority=True)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="welcome"):
            with Vertical(classes="welcome-box"):
                yield Static("Welcome to reconnect", classes="dialog-title")
                yield Static(
                    "A few quiet minutes for the two of you: the same prompts for both, answered "
                    "side by side, kept as a private journal on this computer and nowhere else.",
                    classes="dialog-text",
                )
                yield CareNote()
                yield Static(f"What are your names? (up to {NAME_LIMIT} characters each)", classes="field-label")
                with Horizontal(classes="names"):
                    yield Input(placeholder="First name", id="name-0", max_length=NAME_LIMIT)
                    yield Input(placeholder="Second name", id="name-1", max_length=NAME_LIMIT)
                yield Static("", id="names-hint", classes="hint")
                yield Button("Begin", id="begin", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name-0", Input).focus()

    def action_submit(self) -> None:
        first = self.query_one("#name-0", Input)
        if self.focused is first and first.value.strip():
            self.set_focus(self.query_one("#name-1", Input))
        else:
            self._begin()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._begin()

    def _begin(self) -> None:
        names = tuple(self.query_one(f"#name-{n}", Input).value.strip() for n in (0, 1))
        if not all(names):
            self.query_one("#names-hint", Static).update("Two names, please: one for each of you.")
            self.set_focus(self.query_one(f"#name-{0 if not names[0] else 1}", Input))
            return
        if names[0].casefold() == names[1].casefold():
            self.query_one("#names-hint", Static).update("Two different names, please, so each answer is clearly whose.")
            self.set_focus(self.query_one("#name-1", Input))
            return
        self.dismiss((names[0], names[1]))
