"""Markup and control characters from data, where data meets a widget.

A deck title like `Mine [/]` crashed history (the deck filter read it as markup);
`[@click=app.screenshot(...)]` made a button that wrote private answers to a file;
a partner named `[/]` crashed the closing step (the appreciation placeholder) and
`[Sam]` vanished from it. Pasted ESC, BEL and NUL were saved with the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from helpers import make_entry
from textual.widgets import Select, TextArea

from reconnect_tui.core.journal import Journal
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.screens.history import HistoryScreen
from reconnect_tui.ui.screens.summary import SummaryScreen
from reconnect_tui.ui.widgets.entry_view import EntryView
from uihelpers import on_screen, shown, until

MakeApp = Callable[..., ReconnectApp]
CLICK = "[@click=app.screenshot('/tmp/owned')]Bedtime[/]"


def shown_text(widget) -> str:  # type: ignore[no-untyped-def]
    """What the widget holds, before any terminal could act on it."""
    return shown(widget)


async def test_deck_titles_in_the_history_filter_are_text_not_markup(make_app: MakeApp, private_home: Path) -> None:
    journal = Journal(private_home / "journal")
    journal.save(make_entry(entry_id="20261126-213005-aaaaaa", deck=("mine", "Mine [/]")))
    journal.save(make_entry(entry_id="20261126-213006-bbbbbb", deck=("click", CLICK)))
    app = make_app(start="history")
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HistoryScreen)
        deck_filter = app.screen.query_one("#deck-filter", Select)
        await until(pilot, lambda: len(deck_filter._options) >= 3, "the deck filter options")
        prompts = [str(prompt) for prompt, _ in deck_filter._options[1:]]
        assert sorted(prompts) == sorted(["Mine [/]", CLICK])
        for _, value in deck_filter._options[1:]:
            deck_filter.value = value
            await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_a_partner_named_with_brackets_reaches_the_closing_step_whole(make_app: MakeApp) -> None:
    app = make_app(partners=("[/]", "[Sam]"))
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = app.screen
        assert isinstance(screen, CheckinScreen)
        while not screen.session.is_last_step:
            await pilot.press("ctrl+n")
        await pilot.pause()
        labels = [shown(label).strip() for label in screen.query(".field-label")]
        assert "Something you appreciate about [Sam]" in labels
        assert "Something you appreciate about [/]" in labels


async def test_pasted_control_characters_are_not_saved(make_app: MakeApp, private_home: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, CheckinScreen)
        screen = app.screen
        assert isinstance(screen, CheckinScreen)
        await pilot.press("ctrl+n")
        area = screen.query_one("#answer-0", TextArea)
        area.insert("pasted\x1b]52;c;cHduZWQ=\x07 words\r\nand\x00 more")
        await pilot.press("ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
    (entry,) = Journal(private_home / "journal").load().entries
    assert entry.prompts[0].answers[0].value == "pasted]52;c;cHduZWQ= words\nand more"


async def test_the_entry_view_shows_hostile_words_without_their_controls(make_app: MakeApp, private_home: Path) -> None:
    Journal(private_home / "journal").save(
        make_entry(names=("Al\x1b]0;x\x07ex", "Sam"), answers=("one\x1b[2Jtwo", None), deck=("d", "Deck\x9b2J"))
    )
    app = make_app(start="history")
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HistoryScreen)
        view = app.screen.query_one(EntryView)
        await until(pilot, lambda: "Sam" in shown_text(view), "the entry")
        text = shown_text(view)
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
        assert "Al]0;xex" in text and "one[2Jtwo" in text and "Deck2J" in text
