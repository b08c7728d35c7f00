"""A list of journal entries that stays quick with ten years of them.

Only the rows on screen are drawn (Textual's line API), so replacing 3,650 rows
after a search costs nothing; a DataTable measured every cell and took most of a
second. Up, Down, Page Up/Down, Home and End move; a click picks a row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, overload

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

GAP = "  "


class LazyRows(Sequence[tuple[str, ...]]):
    """The cells of each item's row, made the first time that row is drawn.

    A ten-year journal has 3,650 rows and a screen shows twenty: making every
    row's dates and words up front cost a tenth of a second, and ten times that
    for a hundred years of entries, before the whole list could show.
    """

    def __init__(self, items: Sequence[Any], cells: Callable[[Any], tuple[str, ...]]) -> None:
        self._items = items
        self._cells = cells
        self._made: dict[int, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> tuple[str, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[str, ...] | list[tuple[str, ...]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("row index out of range")
        row = self._made.get(index)
        if row is None:
            row = self._made[index] = self._cells(self._items[index])
        return row


def fit(text: str, width: int) -> str:
    """`text` cut or padded to exactly `width` cells (wide characters count double)."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def line_of(cells: tuple[str, ...], widths: tuple[int, ...], gap: str = GAP) -> str:
    """One row: each cell fitted to its column; columns of width 0 are left out."""
    return " " + gap.join(fit(cell, width) for cell, width in zip(cells, widths, strict=True) if width > 0)


class EntryList(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"entry-list--cursor", "entry-list--stripe"}
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class Highlighted(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, widths: tuple[int, ...], gap: str = GAP, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.widths = widths
        self.gap = gap
        self.rows: Sequence[tuple[str, ...]] = []

    def set_widths(self, widths: tuple[int, ...], gap: str = GAP) -> None:
        self.widths = widths
        self.gap = gap
        self._size_to_rows()
        self.refresh()

    def _size_to_rows(self) -> None:
        shown = [width for width in self.widths if width > 0]
        self.virtual_size = Size(sum(shown) + len(self.gap) * (len(shown) - 1) + 1, len(self.rows))

    def set_rows(self, rows: Sequence[tuple[str, ...]]) -> None:
        """Show these rows with the cursor on the first (no Highlighted is posted)."""
        self.rows = rows
        self._size_to_rows()
        self.scroll_to(0, 0, animate=False)
        self.set_reactive(EntryList.cursor, 0)
        self.refresh()

    def line_text(self, index: int) -> str:
        return line_of(self.rows[index], self.widths, self.gap)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        if index == self.cursor:
            style = self.get_component_rich_style("entry-list--cursor")
        elif index % 2:
            style = self.get_component_rich_style("entry-list--stripe")
        else:
            style = Style.null()
        line = self.line_text(index)
        strip = Strip([Segment(line, self.rich_style + style)])
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style + style)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_lines(old)
        self.refresh_lines(new)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True)
        self.post_message(self.Highlighted(new))

    def refresh_lines(self, index: int) -> None:
        self.refresh(Region(0, index - self.scroll_offset.y, self.size.width, 1))

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = min(max(self.cursor + step, 0), len(self.rows) - 1)

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, index: int) -> None:
        if self.rows:
            self.cursor = index % len(self.rows)

    def on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.rows):
            self.cursor = index
