"""A row of words to choose one from: closeness, a scale prompt, how a gesture went.

Words, not numbers, because a feeling is not a grade. One line when it fits,
wrapping inside each word's cell when the terminal is narrow. Left and right
move the choice, 1 to 9 pick directly, Backspace clears it; a click picks too.

One widget draws the whole row (rather than a grid of one widget per word): the
check-in opens on two scales, and every widget costs start-up time to style, lay
out and draw. Its look comes from the stylesheet all the same, as component
classes: each word is drawn as `word-scale--word`, `word-scale--hover` (the
pointer is over it) or `word-scale--chosen`.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

GAP = 1  # columns between two words' cells


class Cell(NamedTuple):
    """Where one word sits in the row, and its lines there."""

    x: int
    width: int
    lines: tuple[str, ...]


@lru_cache(maxsize=64)
def layout(labels: tuple[str, ...], width: int) -> tuple[Cell, ...]:
    """Each word's share of the row follows its length plus 2.

    So "A bit apart" beside "Close" stays on one line wherever the row is wide enough
    for all of them (equal shares wrapped the longer words at 120 columns, where two
    panes sit side by side). Rounded as Textual rounds `fr` columns, so the cells fall
    where a grid would put them; a word that does not fit wraps inside its own cell.
    """
    weights = [cell_len(label) + 2 for label in labels]
    unit = Fraction(max(0, width - GAP * (len(labels) - 1)), sum(weights))
    cells, start = [], Fraction(0)
    for label, weight in zip(labels, weights):
        end = start + weight * unit
        x, right = int(start), int(end)
        lines = tuple(line.plain for line in Content(label).wrap(right - x)) if right > x else ()
        cells.append(Cell(x, right - x, lines))
        start = end + GAP
    return tuple(cells)


class WordScale(Widget, can_focus=True):
    """Pick one of a few labelled choices; `value` is 1-based, None when not given."""

    DEFAULT_CSS = """
    WordScale {
        width: 1fr;
        height: auto;
    }
    """

    COMPONENT_CLASSES = {"word-scale--word", "word-scale--hover", "word-scale--chosen"}

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
        self._hovered: int | None = None  # the word under the pointer

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, *(len(cell.lines) for cell in layout(self.labels, width)))

    def word_style(self, number: int) -> Style:
        """The style word `number` is drawn in now, as the stylesheet gives it."""
        if number == self.value:
            return self.get_component_rich_style("word-scale--chosen")
        if number == self._hovered:
            return self.get_component_rich_style("word-scale--hover")
        return self.get_component_rich_style("word-scale--word")

    def render_line(self, y: int) -> Strip:
        """Every cell is as tall as the row (min-height makes it taller), its word in the middle.

        Only the word's own letters carry its text style: the space around them is
        background alone, as Textual pads text, so an underline stays under the word.
        """
        width, height = self.size
        between = Style(bgcolor=self.rich_style.bgcolor)
        segments, x = [], 0
        for number, cell in enumerate(layout(self.labels, width), 1):
            row = y - (height - len(cell.lines)) // 2
            text = cell.lines[row] if 0 <= row < len(cell.lines) else ""
            style = self.word_style(number)
            space = Style(bgcolor=style.bgcolor)
            left = (cell.width - cell_len(text)) // 2
            right = cell.width - left - cell_len(text)
            segments += [Segment(" " * (cell.x - x), between), Segment(" " * left, space), Segment(text, style),
                         Segment(" " * right, space)]
            x = cell.x + cell.width
        strip = Strip([segment for segment in segments if segment.text], x)
        return strip.simplify().adjust_cell_length(width, between)

    def word_at(self, x: int) -> int | None:
        """The word whose cell holds column `x` of the content, None between cells."""
        for number, cell in enumerate(layout(self.labels, self.size.width), 1):
            if cell.x <= x < cell.x + cell.width:
                return number
        return None

    def on_click(self, event: events.Click) -> None:
        """A click on any line of a word's cell picks it; one between two cells picks nothing."""
        where = event.get_content_offset(self)
        number = None if where is None else self.word_at(where.x)
        if number is not None:
            self.focus()
            self.value = number

    def on_mouse_move(self, event: events.MouseMove) -> None:
        where = event.get_content_offset(self)
        self._hover(None if where is None else self.word_at(where.x))

    def on_leave(self) -> None:
        self._hover(None)

    def _hover(self, number: int | None) -> None:
        if number != self._hovered:
            self._hovered = number
            self.refresh()

    def watch_value(self, value: int | None) -> None:
        self.refresh()
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
