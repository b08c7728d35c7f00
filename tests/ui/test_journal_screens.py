"""Home, the journal browser and the trends, driven through Pilot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import FIXED
from helpers import make_entry
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, Static

from reconnect_tui.core.entry import FollowUp
from reconnect_tui.core.journal import Journal
from reconnect_tui.ui.app import ReconnectApp
from reconnect_tui.ui.screens.checkin import CheckinScreen
from reconnect_tui.ui.screens.export import ExportScreen
from reconnect_tui.ui.screens.history import HistoryScreen
from reconnect_tui.ui.screens.home import HomeScreen
from reconnect_tui.ui.screens.summary import SummaryScreen
from reconnect_tui.ui.screens.trends import TrendsScreen
from reconnect_tui.ui.widgets.entry_list import EntryList
from reconnect_tui.ui.widgets.closeness_chart import ClosenessChart
from reconnect_tui.ui.widgets.entry_view import EntryView
from uihelpers import on_screen, shown, until

MakeApp = Callable[..., ReconnectApp]
DAY = timedelta(days=1)


def write_journal(home: Path, count: int = 6, **kwargs: object) -> Journal:
    journal = Journal(home / "journal")
    for number in range(count):
        started = FIXED - DAY * (4 + count - 1 - number)  # the newest is four days old
        answers = (f"Answer number {number}", "A walk by the sea" if number == 2 else None)
        deck = ("weekly", "Weekly sit-down") if number == 1 else ("bedtime", "Bedtime check-in")
        journal.save(make_entry(started, f"entry-{number}", answers=answers, deck=deck, **kwargs))  # type: ignore[arg-type]
    return journal


async def test_home_says_when_the_last_check_in_was(make_app: MakeApp, private_home: Path) -> None:
    write_journal(private_home)
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HomeScreen)
        assert shown(app.screen.query_one("#last-checkin")) == "Your last check-in was 4 days ago."
        assert app.focused.id == "deck-list"
        assert "Bedtime check-in · about 10 minutes" in shown(app.screen.query_one("#deck-title"))
        await pilot.press("down")
        assert "Noticing the drift" in shown(app.screen.query_one("#deck-title"))


async def test_home_welcomes_a_new_couple(make_app: MakeApp) -> None:
    app = make_app(start="home")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HomeScreen)
        assert shown(app.screen.query_one("#last-checkin")).startswith("No check-ins yet.")


async def test_a_check_in_from_home_returns_home(make_app: MakeApp, private_home: Path) -> None:
    write_journal(private_home)
    app = make_app(start="home", partners=None)
    app.workspace.remember(partners=("Alex", "Sam"))
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HomeScreen)
        app.screen.query_one("#deck-list", OptionList).highlighted = 4  # Beyond logistics
        await pilot.press("enter")
        await on_screen(pilot, CheckinScreen)
        assert app.screen.session.deck.id == "beyond-logistics"  # type: ignore[attr-defined]
        await pilot.press("ctrl+n", *"From home", "ctrl+s", "enter")
        await on_screen(pilot, SummaryScreen)
        await pilot.press("enter")
        await on_screen(pilot, HomeScreen)
        await until(pilot, lambda: "today" in shown(app.screen.query_one("#last-checkin")), "the home to refresh")
    assert len(Journal(private_home / "journal").load().entries) == 7


async def test_home_mentions_signals_gently(make_app: MakeApp, private_home: Path) -> None:
    write_journal(private_home, closeness=((1, 2), (5, 5)))
    app = make_app(start="home")
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HomeScreen)
        signals = app.screen.query_one("#home-signals")
        await until(pilot, lambda: "differently close" in texts_in(signals), "the signals")
        assert "Worth noticing together" in texts_in(signals)  # a heading says what they are
        assert "Curious, not blaming" in texts_in(signals)
        apart = [signal.kind for signal in app.screen.signals].index("apart")  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.click(f"#signal-{apart}")  # each signal can start its deck from home
        await on_screen(pilot, CheckinScreen)
        assert app.screen.session.deck.id == "curious-not-blaming"  # type: ignore[attr-defined]


def texts_in(widget: Widget) -> str:
    """Everything the Statics and Buttons inside `widget` show, in order."""
    return "\n".join(shown(w) if isinstance(w, Static) else str(w.label) for w in widget.query("Static, Button"))


async def test_history_lists_searches_filters_and_shows_an_entry(make_app: MakeApp, private_home: Path) -> None:
    write_journal(private_home)
    app = make_app(start="history")
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HistoryScreen)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await until(pilot, lambda: screen.index is not None, "the journal to load")
        status = screen.query_one("#history-status")
        assert shown(status) == "6 check-ins"
        entries = screen.query_one(EntryList)
        assert entries.line_text(0).split()[:3] == ["22", "Nov", "2026"]  # newest first
        assert "Answer number 5" in shown_entry(screen)
        await pilot.press("down")
        assert "Answer number 4" in shown_entry(screen)

        await pilot.press("slash", *"sea walk")
        await until(pilot, lambda: shown(status) == "1 of 6 check-ins", "the search")
        assert "A walk by the sea" in shown_entry(screen)
        screen.query_one("#search", Input).value = ""
        await until(pilot, lambda: shown(status) == "6 check-ins", "the search to clear")

        screen.query_one("#deck-filter", Select).value = "weekly"
        await until(pilot, lambda: shown(status) == "1 of 6 check-ins", "the deck filter")
        assert "Weekly sit-down" in shown_entry(screen)


def shown_entry(screen: HistoryScreen) -> str:
    return shown(screen.query_one(EntryView))


async def test_history_exports_the_entry_and_the_shown_set(make_app: MakeApp, private_home: Path,
                                                          tmp_path: Path) -> None:
    write_journal(private_home)
    app = make_app(start="history")
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HistoryScreen)
        await until(pilot, lambda: app.screen.index is not None, "the journal to load")  # type: ignore[attr-defined]
        await pilot.press("e")
        await on_screen(pilot, ExportScreen)
        one = tmp_path / "one.md"
        app.screen.query_one("#export-path", Input).value = str(one)
        await pilot.press("enter")
        await on_screen(pilot, HistoryScreen)
        await pilot.press("a")
        await on_screen(pilot, ExportScreen)
        app.screen.query_one("#export-path", Input).value = str(one)
        await pilot.press("enter")  # the file is there already: said, and nothing replaced
        await pilot.pause()
        assert "already exists" in shown(app.screen.query_one("#export-result"))
        every = tmp_path / "all.md"
        app.screen.query_one("#export-path", Input).value = str(every)
        await pilot.click("#export")
        await on_screen(pilot, HistoryScreen)
    assert one.read_text().count("\n## ") == 1 and "Answer number 5" in one.read_text()
    assert every.read_text().count("\n## ") == 6
    assert oct(every.stat().st_mode & 0o777) == oct(0o600)


async def test_history_reports_a_damaged_file_and_shows_the_rest(make_app: MakeApp, private_home: Path) -> None:
    write_journal(private_home, count=3)
    damaged = next((private_home / "journal").rglob("*.json")).with_name("damaged.json")
    damaged.write_text("{")
    app = make_app(start="history")
    notes: list[str] = []
    app.notify = lambda message, **kwargs: notes.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await on_screen(pilot, HistoryScreen)
        await until(pilot, lambda: app.screen.index is not None, "the journal to load")  # type: ignore[attr-defined]
        assert shown(app.screen.query_one("#history-status")) == "3 check-ins"
    assert any("damaged.json" in note for note in notes)
    assert damaged.read_text() == "{"


async def test_over_time_shows_the_two_of_you_together_and_offers_a_fitting_deck(
    make_app: MakeApp, private_home: Path
) -> None:
    write_journal(private_home, closeness=((1, 2), (5, 4)), follow_ups=(FollowUp("Tea", "yes"), None))
    app = make_app(start="home")
    async with app.run_test(size=(120, 40)) as pilot:
        await on_screen(pilot, HomeScreen)
        await pilot.press("o")
        await on_screen(pilot, TrendsScreen)
        screen = app.screen
        await until(pilot, lambda: len(screen.query(ClosenessChart)) == 1, "the chart")
        (chart,) = screen.query(ClosenessChart)
        assert chart.ratings == [(1, 5)] * 6, "both partners on the one chart"
        assert len(chart.moments) == 6
        rendered = chart.render().plain
        assert FIXED.strftime("%-d %b") not in rendered  # the newest is four days old
        assert (FIXED - DAY * 4).strftime("%-d %b") in rendered and (FIXED - DAY * 9).strftime("%-d %b") in rendered
        text = " ".join(shown(widget) for widget in screen.query("Static"))
        assert "Alex" in text and "Sam" in text
        assert "the two of you mostly arrived feeling" in text
        assert "usually" not in text, "never a word beside one person's name"
        assert "Most of the small gestures you chose have happened" in text
        assert not any(char.isdigit() for char in shown(screen.query_one("#follow-through")))
        assert "differently close" in text
        apart = [signal.kind for signal in screen.signals].index("apart")  # type: ignore[attr-defined]
        await pilot.click(f"#signal-{apart}")
        await on_screen(pilot, CheckinScreen)
        assert app.screen.session.deck.id == "curious-not-blaming"  # type: ignore[attr-defined]


@pytest.mark.parametrize("start", ["history", "home"])
async def test_escape_goes_back_and_q_quits(make_app: MakeApp, start: str) -> None:
    app = make_app(start=start)
    async with app.run_test(size=(80, 24)) as pilot:
        if start == "home":
            await on_screen(pilot, HomeScreen)
            await pilot.press("j")
            await on_screen(pilot, HistoryScreen)
            await pilot.press("escape")
            await on_screen(pilot, HomeScreen)
            await pilot.press("q")
        else:
            await on_screen(pilot, HistoryScreen)
            await pilot.press("escape")
        await until(pilot, lambda: not app.is_running, "the app to exit")


def test_the_chart_scale_is_fixed_for_everyone() -> None:
    from reconnect_tui.ui.widgets.word_chart import bars

    assert bars([1, 3, 5], 5, 10) == "▂▅█"
    assert bars([3, 3, 3], 5, 10) == "▅▅▅"  # In between looks the same in every row
    assert bars([None, 5], 5, 10) == "·█"  # no rating is a dot, not a bar
    assert bars([1, 2, 3, 4, 5], 5, 2) == "▆█"  # the newest values when space is short
    assert bars([0, 2, 4], 4, 3) == "·▄█"  # counts: an empty month is a dot


async def test_starting_from_home_while_another_check_in_is_open(make_app: MakeApp, private_home: Path) -> None:
    from reconnect_tui.core.drafts import DraftStore

    holder = DraftStore(private_home / "drafts")
    holder.lock()
    app = make_app(start="home")
    notes: list[str] = []
    app.notify = lambda message, **kwargs: notes.append(str(message))  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await on_screen(pilot, HomeScreen)
            await pilot.press("s")
            await until(pilot, lambda: any("already open" in note for note in notes), "the note")
            assert isinstance(app.screen, HomeScreen)
    finally:
        holder.unlock()
