"""The care note: the same few calm lines wherever they are shown (one widget, one wording)."""

from __future__ import annotations

from textual.widgets import Static

from reconnect_tui.core.wording import CARE_NOTE, READ_BY_BOTH


class CareNote(Static):
    """The whole care note; `short` shows only the line said before a first check-in."""

    DEFAULT_CSS = """
    CareNote {
        height: auto;
        color: $text-muted;
        margin-top: 1;
    }
    """

    def __init__(self, *, short: bool = False, id: str | None = None) -> None:
        super().__init__(READ_BY_BOTH if short else CARE_NOTE, id=id, classes="care-note", markup=False)
