"""A journal longer than the first look: the newest show at once, then all of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import FIXED
from helpers import fill_journal

from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.history import FIRST_LOOK, HistoryScreen
from reconnect_tui.ui.widgets.entry_list import EntryList, LazyRows
from uihelpers import on_screen, shown, until


def test_lazy_rows_are_made_when_asked_and_only_once() -> None:
    made: list[int] = []

    def cells(number: int) -> tuple[str, ...]:
        made.append(number)
        return (f"row {number}",)

    rows = LazyRows([10, 20, 30], cells)
    assert len(rows) == 3 and made == []
    assert rows[1] == ("row 20",) and rows[1] == ("row 20",) and made == [20]
    assert rows[-1] == ("row 30",) and rows[0:2] == [("row 10",), ("row 20",)]
    assert made == [20, 30, 10]
    with pytest.raises(IndexError):
        rows[3]
    with pytest.raises(IndexError):
        rows[-4]


async def test_a_long_journal_shows_the_newest_first_then_every_entry(
    make_app: Callable[..., ReconnectApp], private_home: Path
) -> None:
    count = FIRST_LOOK + 60
    fill_journal(private_home / "journal", count, start=FIXED - timedelta(days=count + 3))
    app = make_app(start="history")
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HistoryScreen)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await until(pilot, lambda: screen.complete, "the whole journal")
        assert shown(screen.query_one("#history-status")) == f"{count} check-ins"
        entries = screen.query_one(EntryList)
        assert len(entries.rows) == count
        newest, oldest = screen.shown[0], screen.shown[-1]
        assert newest.started_at > oldest.started_at
        assert entries.line_text(0).split()[:3] == f"{newest.started_at:%d %b %Y}".split()
        await pilot.press("end")
        assert entries.cursor == count - 1
        assert entries.line_text(count - 1).split()[:3] == f"{oldest.started_at:%d %b %Y}".split()
