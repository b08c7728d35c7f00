"""First use: a warm hello, and the two names (asked once, then remembered)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from reconnect_tui.core.cleantext import clean_line
from reconnect_tui.core.names import NAME_LIMIT
from reconnect_tui.ui.widgets.care_note import CareNote


class NamesScreen(Screen[tuple[str, str]]):
    """Answers the two names, first partner first."""

    # A binding, not the Input's Submitted message: the focus must move before the
    # next key is read, or fast typing would land in the first box. A priority
    # binding runs as soon as Enter arrives, though, while letters typed just before
    # it may still be waiting in a box's queue: so the names are read only after.
    BINDINGS = [Binding("enter", "submit", "Begin", priority=True)]

    _submitting = False  # from Enter or Begin until the names are read

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="welcome"):
            with Vertical(classes="welcome-box"):
                yield Static("Welcome to reconnect", classes="dialog-title")
                yield Static(
                    "A few quiet minutes for the two of you: the same prompts for both, answered "
                    "together, kept as a private journal on this computer and nowhere else.",
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
        first, second = (self.query_one(f"#name-{n}", Input) for n in (0, 1))
        if self.focused is first:
            self.set_focus(second)  # at once, so what is typed next goes to the second box
        else:
            self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._submit()

    def _submit(self) -> None:
        """Begin, with the names as they are once both boxes hold every key typed before now.

        call_later queues behind what each box has still to take: the first box's
        letters, then the second's, then the screen reads both names. Meanwhile Begin
        has the focus, so a key typed after Enter goes into neither name, and a second
        Enter or click does nothing.
        """
        if self._submitting:
            return
        self._submitting = True
        first, second = (self.query_one(f"#name-{n}", Input) for n in (0, 1))
        self.set_focus(self.query_one("#begin", Button))
        first.call_later(second.call_later, self.call_later, self._begin)

    def _begin(self) -> None:
        # A pasted name can carry control characters: one clean line each.
        names = tuple(clean_line(self.query_one(f"#name-{n}", Input).value).strip() for n in (0, 1))
        if not all(names):
            self._refuse("Two names, please: one for each of you.", 0 if not names[0] else 1)
        elif names[0].casefold() == names[1].casefold():
            self._refuse("Two different names, please, so each answer is clearly whose.", 1)
        else:
            self.dismiss((names[0], names[1]))

    def _refuse(self, why: str, field: int) -> None:
        """Say why, below the names. At 80x24 the welcome is taller than the screen, so it scrolls to
        its end, where the reason and Begin sit under the names, or Enter would seem to do nothing."""
        self._submitting = False
        self.query_one("#names-hint", Static).update(why)
        self.set_focus(self.query_one(f"#name-{field}", Input))
        self.query_one(".welcome", VerticalScroll).scroll_end(animate=False)
