"""Every shipped deck, read through in the app at 80x24: nothing is cut off."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widget import Widget

from reconnect_tui.core.decks import read_deck_file, shipped_deck_file
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from uihelpers import on_screen

DECKS = [deck.id for deck in read_deck_file(shipped_deck_file(), shipped=True).decks]
WIDTH, HEIGHT = 80, 24


def fully_visible(widget: Widget, screen_height: int) -> bool:
    """On screen, not clipped: its whole content fits in the rows it was given."""
    region = widget.region
    return region.height > 0 and region.bottom <= screen_height - 3 and widget.virtual_size.height <= region.height


@pytest.mark.parametrize("deck_id", DECKS)
async def test_a_deck_reads_whole_at_80x24(make_app: Callable[..., ReconnectApp], deck_id: str) -> None:
    app = make_app(deck=deck_id)
    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = app.screen
        assert isinstance(screen, CheckinScreen)
        for note in screen.query(".deck-note"):
            assert fully_visible(note, HEIGHT), f"{deck_id}: the note is cut off"
        while not screen.session.is_last_step:
            await pilot.press("ctrl+n")
            await pilot.pause()
            if screen.session.step.prompt_index is None:
                continue
            where = f"{deck_id} prompt {screen.session.step.prompt_index + 1}"
            for part in screen.query(".prompt-text, .tip"):
                assert fully_visible(part, HEIGHT), f"{where}: {part.classes} is cut off"
            for pane in screen.query(".answer-pane"):
                assert pane.region.height >= 4, f"{where}: an answer pane has no room"
