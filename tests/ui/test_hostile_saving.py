"""A check-in that was saved is never offered as unfinished, and a "Saved" always saved.

Found by killing the app between the journal write and the draft removal, and by a
drafts folder that turned read-only: the next start offered the saved check-in as a
draft, and edits made to it vanished behind a "Saved".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import TextArea

from reconnect_tui.core.drafts import DraftStore
from reconnect_tui.core.errors import DraftError
from reconnect_tui.core.journal import Journal
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.screens.resume import ResumeScreen
from reconnect_tui.ui.screens.summary import SummaryScreen
from uihelpers import on_screen

MakeApp = Callable[..., ReconnectApp]


async def test_edits_to_a_check_in_already_in_the_journal_are_saved_not_dropped(
    make_app: MakeApp, private_home: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = app.screen
        assert isinstance(screen, CheckinScreen)
        await pilot.press("ctrl+n", *"First words")
        screen.gather()
        # Saved once (say by another path), the draft left behind; then edited on.
        Journal(private_home / "journal").save(screen.session.finish(screen.clock()))
        await pilot.press(*" and more")
        assert screen.query_one("#answer-0", TextArea).text == "First words and more"
        await pilot.press("ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
    (entry,) = Journal(private_home / "journal").load().entries
    assert entry.prompts[0].answers[0].value == "First words and more"


async def test_a_leftover_draft_that_cannot_be_removed_is_not_offered(
    make_app: MakeApp, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        await pilot.press("ctrl+n", *"Kept in the journal")
        screen = app.screen
        assert isinstance(screen, CheckinScreen)
        screen.keeper.save_now()
        Journal(private_home / "journal").save(screen.session.finish(screen.clock()))
        saved_id = screen.session.entry_id

    def read_only(self: DraftStore) -> None:
        raise DraftError(f"the draft at {self.path} could not be removed: Read-only file system")

    monkeypatch.setattr(DraftStore, "clear", read_only)
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        assert not isinstance(again.screen, ResumeScreen)
        assert again.screen.session.entry_id != saved_id  # type: ignore[attr-defined]
        assert any("already saved" in n.message for n in again._notifications)


async def test_a_check_in_that_would_not_read_back_is_not_saved_and_stays_on_screen(
    make_app: MakeApp, private_home: Path
) -> None:
    """An answer longer than an entry keeps: said plainly, nothing written, every word still there
    (it used to be written, then shown as damaged on every load)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = app.screen
        assert isinstance(screen, CheckinScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        box = screen.query_one("#answer-0", TextArea)
        box.load_text("x" * 150_000)
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        assert app.screen is screen and box.text == "x" * 150_000
        (said,) = [n for n in app._notifications if n.title == "Not saved yet"]
        assert "at most 100000 characters" in said.message and "Everything is still here" in said.message
    assert not list((private_home / "journal").glob("[0-9]*/*/*.json"))
