"""Change a name from the home screen, as `reconnect partners rename OLD NEW` does.

A small dialog: whose name, and the new one (up to NAME_LIMIT characters, one clean
line). The change itself is the caller's (`try_rename`, which calls core): a problem it
names (the name is someone else's, the people file cannot be written) is shown here
and the dialog stays open, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from reconnect_tui.core.cleantext import clean_line
from reconnect_tui.core.names import NAME_LIMIT, name_problem
from reconnect_tui.ui.widgets.word_scale import WordScale


class RenameScreen(ModalScreen[str | None]):
    """Answers the new name once it is kept, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, names: Sequence[str], try_rename: Callable[[str, str], str | None]) -> None:
        super().__init__(classes="dialog-screen")
        self.names = [clean_line(name) for name in names]
        self.try_rename = try_rename

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog rename-dialog"):
            yield Static("Change a name", classes="dialog-title")
            yield Static("Past check-ins keep the name as it was then, and stay this person's.",
                         classes="dialog-text")
            if len(self.names) > 1:
                yield Static("Whose name? (← → choose, then Tab to the new name)", classes="field-label first")
                yield WordScale(tuple(self.names), 1, id="whose")  # the choice is bold and underlined too
            else:
                yield Static(Content(f"Whose name: {self.names[0]}"), classes="field-label first")
            yield Static(f"The new name (up to {NAME_LIMIT} characters)", classes="field-label")
            yield Input(placeholder="New name", id="new-name", max_length=NAME_LIMIT, compact=True)
            yield Static("", id="rename-problem", classes="hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Change the name", id="change", variant="primary", compact=True)

    def on_mount(self) -> None:
        # Where the hint says ← → work: in the new name they would only move the text cursor.
        self.query_one("#whose" if len(self.names) > 1 else "#new-name").focus()

    @property
    def whose(self) -> str:
        if len(self.names) == 1:
            return self.names[0]
        chosen = self.query_one("#whose", WordScale).value
        return self.names[(chosen or 1) - 1]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_change()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "change":
            self.action_change()
        else:
            self.action_cancel()

    def action_change(self) -> None:
        new = " ".join(clean_line(self.query_one("#new-name", Input).value).split())
        old = self.whose
        problem = name_problem(new)
        if problem is None and new == old:
            problem = f"{old} is already called that"
        if problem is None:
            problem = self.try_rename(old, new)
        if problem is not None:
            self.query_one("#rename-problem", Static).update(clean_line(problem[:1].upper() + problem[1:] + "."))
            self.query_one("#new-name", Input).focus()
            return
        self.dismiss(new)

    def action_cancel(self) -> None:
        self.dismiss(None)
