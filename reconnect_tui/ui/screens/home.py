"""The home screen (`reconnect` alone): start a check-in, look back, see the decks.

In this order, so the first things are the first seen at 80x24: the decks to
start a check-in with, a check-in left unfinished (and, later, parked talks),
this week's small gestures under each person, gentle signals that can start
their deck, and the care note. What does not fit scrolls; nothing is cut. From
120 columns the middle sections sit side by side.

It says when the last check-in was, gently, and never keeps a streak.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from reconnect_tui.core.cleantext import clean_line, clean_text
from reconnect_tui.core.decks import Deck
from reconnect_tui.core.insights import Signal, gentle_signals, last_checkin_line
from reconnect_tui.core.overview import ChosenGesture, this_weeks_gestures, unfinished_checkin
from reconnect_tui.core.couple import Who, couple_view, rename_person, who_in
from reconnect_tui.core.people import PeopleError
from reconnect_tui.core.parking import ParkedTalks
from reconnect_tui.core.workspace import Workspace
from reconnect_tui.ui import JOURNAL_STYLES
from reconnect_tui.ui.colours import name_class
from reconnect_tui.ui.thread_results import hand_back
from reconnect_tui.ui.widgets.care_note import CareNote
from reconnect_tui.ui.widgets.footer import CompactFooter


def deck_label(deck: Deck) -> Content:
    yours = " · yours" if deck.source is not None and not deck.source.shipped else ""
    return Content(f"{clean_line(deck.title)} · {deck.minutes} min{yours}")
from reconnect_tui.ui.widgets.parked_list import ParkedList


class HomeScreen(Screen[None]):
    CSS_PATH = JOURNAL_STYLES
    BINDINGS = [
        Binding("s", "start", "Start"),
        Binding("j", "journal", "Journal"),
        Binding("o", "trends", "Over time"),
        Binding("p", "appreciations", "Appreciations"),
        Binding("n", "rename", "Names"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, workspace: Workspace, clock: Callable[[], datetime],
                 start_checkin: Callable[[str], None], open_screen: Callable[[str], None]) -> None:
        super().__init__(id="home")
        self.workspace = workspace
        self.clock = clock
        self.start_checkin = start_checkin
        self.open_screen = open_screen
        # Your own decks first: you wrote them to use them.
        decks = list(workspace.library.decks.values())
        self.decks: list[Deck] = sorted(decks, key=lambda d: d.source is None or d.source.shipped)
        self.signals: list[Signal] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="home-body"):
            with Horizontal(id="home-top"):
                yield Static("reconnect", id="home-title")
                yield Static("", id="last-checkin", classes="muted")
            with Horizontal(id="home-buttons"):
                yield Button("Start a check-in", id="start", variant="primary", compact=True)
                yield Button("Our journal", id="journal", compact=True)
                yield Button("Over time", id="trends", compact=True)
                yield Button("Appreciations", id="appreciations", compact=True)
                yield Button("Names", id="rename", compact=True)
            yield ParkedList()
            with Horizontal(id="home-main"):
                deck_list = OptionList(*[Option(deck_label(deck), id=deck.id) for deck in self.decks], id="deck-list")
                deck_list.border_title = "Choose a deck"
                yield deck_list
                with Vertical(id="deck-about"):
                    yield Static("", id="deck-title", classes="summary-name", markup=False)
                    yield Static("", id="deck-description", markup=False)
                    yield Static("", id="deck-note", classes="deck-note", markup=False)
            with Horizontal(id="home-lower"):
                with Vertical(id="home-left", classes="home-column"):
                    # Unfinished and parked talks: the open check-in's draft now; parked
                    # talks are added to this section as their own rows.
                    with Vertical(id="home-talks", classes="home-section"):
                        yield Static("Unfinished talks", classes="home-heading")
                        with Horizontal(id="talk-checkin", classes="home-row"):
                            yield Button("Resume", id="resume", compact=True)
                            yield Static("", id="talk-checkin-text", classes="home-row-text", markup=False)
                    with Vertical(id="home-gestures", classes="home-section"):
                        yield Static("This week's small gestures", classes="home-heading")
                        yield Vertical(id="gesture-rows")
                with Vertical(id="home-signals", classes="home-section home-column"):
                    yield Static("Worth noticing together", classes="home-heading")
                    yield Vertical(id="signal-rows")
            yield CareNote(id="care-note")
        yield CompactFooter()

    def on_mount(self) -> None:
        deck_list = self.query_one("#deck-list", OptionList)
        default = self.workspace.default_deck().id
        deck_list.highlighted = next((n for n, d in enumerate(self.decks) if d.id == default), 0)
        deck_list.focus()
        for section in ("#home-talks", "#home-gestures", "#home-signals"):
            self.query_one(section).display = False
        self.refresh_journal()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_journal()

    def refresh_journal(self) -> None:
        self.show_parked()
        latest = self.workspace.journal.latest()
        self.query_one("#last-checkin", Static).update(last_checkin_line([latest] if latest else [], self.clock()))
        talk = unfinished_checkin(self.workspace.drafts.path)
        self.query_one("#talk-checkin-text", Static).update(talk.describe() if talk else "")
        self.query_one("#talk-checkin").display = talk is not None
        self.query_one("#home-talks").display = talk is not None
        self.look_back()

    @work(thread=True, exclusive=True)
    def look_back(self) -> None:
        entries = self.workspace.journal.load().entries
        now = self.clock()
        names = self.workspace.couple_names()
        ours = couple_view(self.workspace.journal, entries, names)
        who = who_in(self.workspace.journal)
        gestures = this_weeks_gestures(ours, now, key=who.key)  # the couple's own, not an import's
        if names:  # the couple in their own order, whatever seats they took last time
            couple = who.couple(names)
            gestures.sort(key=lambda g: couple.index(g.person) if g.person in couple else len(couple))
        hand_back(self, self._show_journal, who, gentle_signals(ours, now), gestures)

    async def _show_journal(self, who: Who, signals: list[Signal], gestures: list[ChosenGesture]) -> None:
        if not self.is_mounted:
            return
        # Everything is looked up before the first await: the screen may close while
        # the rows are being mounted, and its children go with it.
        gesture_section, gesture_rows = self.query_one("#home-gestures"), self.query_one("#gesture-rows", Vertical)
        signal_section, signal_rows = self.query_one("#home-signals"), self.query_one("#signal-rows", Vertical)
        self.signals = signals
        widgets: list[Static | Button] = []
        for number, signal in enumerate(signals):
            widgets.append(Static(clean_text(signal.message), classes="home-signal", markup=False))
            deck = self.workspace.library.decks.get(signal.deck_id)
            if deck is not None:
                widgets.append(Button(f"Start “{clean_line(deck.title)}”", id=f"signal-{number}", classes="signal-start",
                                      compact=True))
        await gesture_rows.remove_children()
        await gesture_rows.mount_all(
            Horizontal(
                # Each under their current name, in their own colour (the people file's).
                Static(clean_line(who.name(gesture.person) or gesture.name),
                       classes=f"gesture-name {name_class(who.colour(gesture.person), n)}", markup=False),
                Static(clean_text(gesture.gesture) + (" (carried on from before)" if gesture.carried else ""),
                       classes="home-row-text", markup=False),
                classes="home-row",
            )
            for n, gesture in enumerate(gestures)
        )
        gesture_section.display = bool(gestures)
        await signal_rows.remove_children()
        await signal_rows.mount_all(widgets)
        signal_section.display = bool(signals)

    @work(exclusive=True, group="parked")
    async def show_parked(self) -> None:
        talks, _ = ParkedTalks.beside(self.workspace.drafts).all()  # a damaged one is named when starting
        await self.query_one(ParkedList).show(talks, self.clock())

    def on_parked_list_chosen(self, event: ParkedList.Chosen) -> None:
        app = self.app
        if event.action == "resume":
            app.resume_parked(event.entry_id)  # type: ignore[attr-defined]
        else:
            app.let_go(event.entry_id)  # type: ignore[attr-defined]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        deck = self.workspace.library.decks[event.option.id or ""]
        self.query_one("#deck-title", Static).update(clean_line(f"{deck.title} · about {deck.minutes} minutes"))
        self.query_one("#deck-description", Static).update(clean_text(deck.description))
        note = self.query_one("#deck-note", Static)
        note.update(clean_text(deck.note or ""))
        note.display = bool(deck.note)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.start_checkin(event.option.id or "")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button.startswith("signal-"):
            self.start_checkin(self.signals[int(button.removeprefix("signal-"))].deck_id)
            return
        actions = {"start": self.action_start, "journal": self.action_journal, "trends": self.action_trends,
                   "appreciations": self.action_appreciations, "resume": self.action_start,
                   "rename": self.action_rename}
        if button in actions:
            actions[button]()

    def action_start(self) -> None:
        """Start the highlighted deck; an unfinished check-in is offered first, as always."""
        deck_list = self.query_one("#deck-list", OptionList)
        index = deck_list.highlighted if deck_list.highlighted is not None else 0
        self.start_checkin(self.decks[index].id)

    def action_journal(self) -> None:
        self.open_screen("history")

    def action_trends(self) -> None:
        self.open_screen("trends")

    def action_appreciations(self) -> None:
        self.open_screen("appreciations")

    # --- names ------------------------------------------------------------------------------

    def action_rename(self) -> None:
        """Change a name, as `reconnect partners rename` does: the couple's names first."""
        from reconnect_tui.ui.screens.rename import RenameScreen

        names = list(self.workspace.couple_names() or ())
        if not names:
            names = [person.name for person in who_in(self.workspace.journal).people]
        if not names:
            self.notify("Your names are noted at your first check-in; there is nothing to change yet.",
                        markup=False)
            return
        self.app.push_screen(RenameScreen(names, self._rename))

    def _rename(self, old: str, new: str) -> str | None:
        """Keep the new name (core does it); a problem comes back in words for the dialog to show."""
        try:
            renamed = rename_person(self.workspace.journal, old, new, self.workspace.config.config.partners)
        except PeopleError as error:
            return str(error)
        if renamed.remembered is not None:
            problem = self.workspace.remember(partners=renamed.remembered)
            if problem:
                self.notify(f"The new name is kept, but {problem}", severity="warning", markup=False)
        self.notify(f"{old} is now {renamed.person.name}. Past check-ins keep the name as it was then.",
                    markup=False)
        self.refresh_journal()
        return None
