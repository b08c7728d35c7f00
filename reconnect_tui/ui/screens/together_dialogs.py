"""Dialogs of talking together: the break that parks the talk (Ctrl+G), picking a
parked talk up or letting it go, and "reveal and save, or keep as a draft?".

The break screen says briefly what a good time-out is and lets the couple note
when they will come back; the talk is kept under its own name until they do.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from reconnect_tui.core.cleantext import clean_line, clean_text

BREAK_TEXT = (
    "When one of you feels flooded (heart racing, only able to defend), stopping is the "
    "kind thing to do.\n\n"
    "• Stop for at least twenty minutes, and less than a day.\n"
    "• Do something soothing: a walk, music, a shower. Try not to replay the argument.\n"
    "• Agree when you will come back. Coming back is part of the break."
)


class BreakScreen(ModalScreen[str | None]):
    """Answers the noted time to come back ("" when none) to park, or None to carry on."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Keep talking")]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen", id="break")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog break-dialog"):
            yield Static("Take a break", classes="dialog-title")
            yield Static(BREAK_TEXT, classes="dialog-text", markup=False)
            yield Input(id="come-back", compact=True, max_length=120,
                        placeholder="When will you come back? e.g. after dinner, 8 pm")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Park the talk", id="park", variant="primary")
                yield Button("Keep talking", id="keep-talking")
            yield Static("What you wrote so far is kept; the home screen lists the talk until you pick it up.",
                         classes="muted")

    def on_mount(self) -> None:
        self.query_one("#come-back", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "park":
            self.dismiss(self.query_one("#come-back", Input).value.strip())
        else:
            self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """A question with a few answers, the safe one focused; Escape answers None: not now, nothing chosen."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Not now")]

    def __init__(self, title: str, lines: list[str], choices: list[tuple[str, str]], safe: str) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.lines = lines
        self.choices = choices
        self.safe = safe

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(clean_line(self.title_text), classes="dialog-title", markup=False)
            for line in self.lines:  # they may name a deck or hold the couple's own words
                yield Static(Content(clean_text(line)), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                for choice_id, label in self.choices:
                    yield Button(label, id=choice_id, variant="primary" if choice_id == self.safe else "default")

    def on_mount(self) -> None:
        self.query_one(f"#{self.safe}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or self.safe)


def pick_up_screen(description: str, come_back: str | None) -> ChoiceScreen:
    """Starting the deck of a parked talk: "resume" it, or start "fresh" and leave it parked."""
    lines = [description] + ([f"You planned to come back: {come_back}"] if come_back else [])
    return ChoiceScreen("Pick up your parked talk?", lines,
                        [("resume", "Resume it"), ("fresh", "Start a new one (it stays parked)")], safe="resume")


def let_go_screen(description: str) -> ChoiceScreen:
    """Asked once: "save" what was said as an entry, "delete" it, or "keep" it parked (Escape too)."""
    return ChoiceScreen(
        "Let this talk go?",
        [description, "You can keep what was said as a journal entry (anything still private is shown "
                      "there), or let it go without keeping it."],
        [("save", "Save what was said"), ("delete", "Let it go"), ("keep", "Keep it parked")],
        safe="keep",
    )


def reveal_or_draft_screen() -> ChoiceScreen:
    """From a private turn, saving would show what is still private: ask first ("stay", or Escape)."""
    return ChoiceScreen(
        "Reveal and save, or keep as a draft?",
        ["Saving now puts both answers in the journal, including what is still private. "
         "Or keep the check-in as a draft and pick it up later."],
        [("reveal", "Reveal and save"), ("draft", "Keep as a draft and quit"), ("stay", "Stay here")],
        safe="stay",
    )
