"""A row of words to choose one from: closeness, a scale prompt, how a gesture went.

Words, not numbers, because a feeling is not a grade. One line when it fits,
wrapping inside each word's cell when the terminal is narrow. Left and right
move the choice, 1 to 9 pick directly, Backspace clears it; a click picks too.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static


class _Word(Static):
    """One word of the scale; clicking it chooses it."""

    def __init__(self, label: str, number: int) -> None:
        super().__init__(label, classes="word", markup=False)
        self.number = number

    def on_click(self) -> None:
        scale = self.parent
        if isinstance(scale, WordScale):
            scale.focus()
            scale.value = self.number


class WordScale(Grid, can_focus=True):
    """Pick one of a few labelled choices; `value` is 1-based, None when not given."""

    BINDINGS = [
        Binding("left", "move(-1)", "choose", show=False),
        Binding("right", "move(1)", "choose", key_display="← →"),
        Binding("backspace,delete", "clear", "clear", show=False),
    ] + [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    value: reactive[int | None] = reactive(None, init=False)

    class Changed(Message):
        def __init__(self, scale: WordScale, value: int | None) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

        @property
        def control(self) -> WordScale:
            return self.scale

    def __init__(self, labels: tuple[str, ...], value: int | None = None, *, id: str | None = None,
                 classes: str = "") -> None:
        super().__init__(id=id, classes=f"word-scale {classes}".strip())
        self.labels = labels
        self.set_reactive(WordScale.value, value)
        self.styles.grid_size_columns = len(labels)
        # Each word's share of the row follows its length: "A bit apart" beside "Close" stays
        # on one line wherever the row is wide enough for all of them (equal shares wrapped
        # the longer words at 120 columns, where two panes sit side by side).
        self.styles.grid_columns = " ".join(f"{cell_len(label) + 2}fr" for label in labels)

    def compose(self) -> ComposeResult:
        for number, label in enumerate(self.labels, 1):
            yield _Word(label, number)

    def on_mount(self) -> None:
        self._show(self.value)

    def _show(self, value: int | None) -> None:
        for word in self.query(_Word):
            word.set_class(word.number == value, "-chosen")

    def watch_value(self, value: int | None) -> None:
        self._show(value)
        self.post_message(self.Changed(self, value))

    def action_move(self, step: int) -> None:
        if self.value is None:
            self.value = 1 if step > 0 else len(self.labels)
        else:
            self.value = min(max(self.value + step, 1), len(self.labels))

    def action_pick(self, number: int) -> None:
        if number <= len(self.labels):
            self.value = number

    def action_clear(self) -> None:
        self.value = None
