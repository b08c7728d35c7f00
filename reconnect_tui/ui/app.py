"""The Textual app and the factory that builds it from core objects.

The CLI and the tests build the app the same way: `build_app(workspace, ...)`.
The clock is injected so timers and dates can be fixed in tests, and the cursor
blink can be turned off for snapshots.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from msgspec import Struct
from textual import events, work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.notifications import SeverityLevel
from textual.theme import Theme

from reconnect_tui.core.cleantext import clean_line, clean_text
from reconnect_tui.core.couple import Who, note_the_couple, previous_gestures, theirs, who_in
from reconnect_tui.core.entry import Entry
from reconnect_tui.core.errors import CheckinAlreadyOpen, DraftError, JournalError
from reconnect_tui.core.lockbox import Key
from reconnect_tui.core.people import PeopleError
from reconnect_tui.core.session import CheckinSession
from reconnect_tui.core.workspace import Workspace, local_now
from reconnect_tui.ui import JOURNAL_STYLES, STYLES
from reconnect_tui.ui.colours import Seats, partner_variables, person_colour
from reconnect_tui.ui.screens.checkin import CheckinScreen, step_name

if TYPE_CHECKING:
    from reconnect_tui.core.parking import ParkedTalk, ParkedTalks

# The other screens (and the parked talks) are imported where they are opened: `reconnect checkin` draws
# its first screen sooner without loading the journal's screens (bench/run.py).

NARROW_BELOW = 90  # columns; narrower terminals stack the two panes
TALL_FROM = 32  # rows; taller terminals give the short steps the middle of the screen


class CheckinRequest(Struct, frozen=True):
    """What `reconnect checkin` was asked for; None means "use the remembered choice"."""

    deck_id: str | None = None
    partners: tuple[str, str] | None = None
    minutes: int | None = None
    mode: str | None = None  # `--mode`: every prompt this way, this time


def _types_words(widget: object) -> bool:
    """A field where Tab only moves on: a one-line input, or a text area that does not indent."""
    from textual.widgets import Input, TextArea

    return isinstance(widget, Input) or (isinstance(widget, TextArea) and widget.tab_behavior == "focus")


class ReconnectApp(App[None]):
    # journal.tcss comes with the screens that use it (home, history, trends), so a
    # check-in does not parse and match styles it never shows (see __init__).
    CSS_PATH = [STYLES / "app.tcss", STYLES / "checkin.tcss", STYLES / "dialogs.tcss",
                STYLES / "together.tcss"]
    TITLE = "reconnect"
    # Ctrl+P is "back" in the check-in, as the keyboard contract says.
    COMMAND_PALETTE_BINDING = "ctrl+t"

    def __init__(
        self,
        workspace: Workspace,
        *,
        start: str = "checkin",
        request: CheckinRequest | None = None,
        clock: Callable[[], datetime] = local_now,
        cursor_blink: bool = True,
    ) -> None:
        # A pushed screen brings its own CSS_PATH, but Textual does not read it for
        # the first screen, so the journal's styles are named here when it is one.
        journal = [JOURNAL_STYLES] if start != "checkin" else []
        # Each person's colour, known before the stylesheet is built (it reads them).
        names = (request.partners if request else None) or workspace.couple_names()
        who = who_in(workspace.journal)
        self.seats: Seats = self._colours_of(who, who.couple(names)) if names else (None, None)
        self.colour_variables: dict[str, str] = {}
        super().__init__(css_path=[*self.CSS_PATH, *journal])  # type: ignore[misc]
        self.workspace = workspace
        self.start = start
        self.request = request or CheckinRequest()
        self.clock = clock
        self.cursor_blink = cursor_blink
        self.checkin_screen: CheckinScreen | None = None
        self.farewell: str | None = None
        """Said on the plain terminal once the screen is gone (the CLI prints it)."""

    # --- start-up ----------------------------------------------------------------------

    def on_mount(self) -> None:
        theme = self.workspace.config.config.theme
        if theme and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        for note in self.workspace.notes:
            self.notify(note, title="Please have a look", severity="warning", timeout=8, markup=False)
        self._install_signal_handlers()
        if self.start == "checkin" and self.checkin_screen is None and not self.workspace.needs_unlock:
            self.begin_checkin(self.request)

    def get_default_screen(self) -> Screen:
        """The first screen: home, the journal, or straight onto the check-in.

        The check-in opens directly when nothing needs asking first: starting on a
        blank screen and pushing it over costs a whole extra layout and render.
        A locked journal asks for its passphrase first.
        """
        # Narrow or not before the first screen is styled: set later (on the first
        # Resize), the class would restyle every widget of the screen once more.
        self.set_class(self.size.width < NARROW_BELOW, "-narrow")
        self.set_class(self.size.height >= TALL_FROM, "-tall")
        if self.workspace.needs_unlock:
            from reconnect_tui.ui.screens.unlock import UnlockScreen

            return UnlockScreen(self.workspace.paths.journal_dir, self._unlocked)
        return self._first_screen()

    def _unlocked(self, key: Key) -> None:
        """The passphrase opened the journal: on to the screen that was asked for."""
        for note in self.workspace.unlock(key):
            self.notify(note, title="Please have a look", severity="warning", timeout=12, markup=False)
        # Pushed over the unlock screen, which closes the app if it is ever uncovered
        # (the default screen cannot be switched away in this Textual).
        self.push_screen(self._first_screen())
        if self.start == "checkin" and self.checkin_screen is None:
            self.begin_checkin(self.request)

    def _first_screen(self) -> Screen:
        if self.start == "home":
            from reconnect_tui.ui.screens.home import HomeScreen

            return HomeScreen(self.workspace, self.clock, self.start_checkin_with, self.open_screen)
        if self.start == "history":
            from reconnect_tui.ui.screens.history import HistoryScreen

            return HistoryScreen(self.workspace, self.clock)
        session = self._session_without_questions()
        if session is None:
            return Screen(id="waiting")
        return self._checkin_screen_for(session)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, plus the colours that follow the person (ui/colours.py):
        `$partner-0` and `$partner-1` for whoever sits in each seat now, `$person-<colour>`."""
        variables = super().get_css_variables()
        self.colour_variables = partner_variables(variables, self.seats)
        variables.update(self.colour_variables)
        return variables

    @staticmethod
    def _colours_of(who: Who, keys: Sequence[str | None]) -> Seats:
        found = [who.colour(key) if key else None for key in keys]
        return (found[0], found[1])

    def seat_people(self, person_ids: Sequence[str | None]) -> None:
        """The people now in the two seats: the seats' colours become theirs."""
        seats = self._colours_of(who_in(self.workspace.journal), person_ids)
        if seats == self.seats:
            return
        self.seats = seats
        if self._screen_stack:
            self.refresh_css(animate=False)
        else:  # the first screen is being made: nothing is styled yet
            self.stylesheet.set_variables(self.get_css_variables())
            self.stylesheet.reparse()

    def person_colour(self, palette_name: str | None, seat: int = 0) -> str:
        """A person's colour as a Rich style, for what is drawn as one renderable (an entry, a chart)."""
        if not self.colour_variables:
            self.get_css_variables()
        return person_colour(self.colour_variables, palette_name, seat)

    # --- moving between screens ------------------------------------------------------------

    def start_checkin_with(self, deck_id: str) -> None:
        self.request = CheckinRequest(deck_id, self.request.partners, self.request.minutes, self.request.mode)
        self.begin_checkin(self.request)

    def open_screen(self, name: str) -> None:
        if name == "history":
            from reconnect_tui.ui.screens.history import HistoryScreen

            self.push_screen(HistoryScreen(self.workspace, self.clock))
        elif name == "appreciations":
            from reconnect_tui.ui.screens.appreciations import AppreciationsScreen

            self.push_screen(AppreciationsScreen(self.workspace))
        elif name == "trends":
            from reconnect_tui.ui.screens.trends import TrendsScreen

            self.push_screen(
                TrendsScreen(self.workspace, self.clock),
                lambda deck_id: self.start_checkin_with(deck_id) if deck_id else None,
            )

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not self._screen_stack:
            return  # a key still queued as the app closes: no screen is left to take it
        if isinstance(event, events.Key) and not event.is_forwarded and event.key in ("tab", "shift+tab") \
                and _types_words(self.focused):
            # Textual would hand Tab to the field, which passes it up to the screen to
            # move on; letters typed straight after it (a quick typist, keys piling up
            # while the app is busy) were by then queued to the field being left, so one
            # partner's words could land in the other's box. Moving here, at once, sends
            # every later key to the field that has the cursor next.
            if event.key == "tab":
                self.action_focus_next()
            else:
                self.action_focus_previous()
            return
        await super().on_event(event)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")
        self.set_class(event.size.height >= TALL_FROM, "-tall")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = self.cursor_blink  # type: ignore[attr-defined]

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name != self.workspace.config.config.theme:
            problem = self.workspace.remember(theme=theme.name)
            if problem:
                self.notify(problem, severity="warning", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # The screenshot command would write private words to a file in the current
        # folder, readable by others; it is left out.
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command

    # --- the check-in flow -------------------------------------------------------------

    def _hold_drafts(self) -> bool:
        """Take the drafts lock (only one check-in is open at a time); say why not, once."""
        drafts = self.workspace.drafts
        if drafts.locked:
            return True
        try:
            drafts.lock()
        except (CheckinAlreadyOpen, DraftError) as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            return False
        return True

    @work(exclusive=True, group="checkin")
    async def begin_checkin(self, request: CheckinRequest) -> None:
        if not self._hold_drafts():
            return
        session = await self._offer_draft()
        if session is None:
            talk = self._parked_to_offer(request)
            if talk is not None:
                from reconnect_tui.ui.screens.together_dialogs import pick_up_screen

                choice = await self.push_screen_wait(pick_up_screen(f"{talk.describe(self.clock())}.", talk.come_back))
                if choice is None:
                    self._not_now()
                    return
                if choice == "resume":
                    session = self._take_parked(talk)
        if session is None:
            session = await self._new_session(request)
        await self.push_screen(self._checkin_screen_for(session))

    def _not_now(self) -> None:
        """Escape on the offer of a parked talk: nothing starts and nothing changes; from home, home stays."""
        self.workspace.drafts.unlock()
        if self.start == "checkin":
            self.leave("Nothing was started; your talk is still parked (the home screen, reconnect, lists it).")

    # --- parked talks (a break parks a talk; see core/parking.py) ----------------------------

    @property
    def parked(self) -> ParkedTalks:
        from reconnect_tui.core.parking import ParkedTalks

        return ParkedTalks.beside(self.workspace.drafts)

    def _parked_to_offer(self, request: CheckinRequest) -> ParkedTalk | None:
        """`checkin --deck X` with X parked offers to resume it; other parked talks are mentioned."""
        talks, problems = self.parked.all()
        for problem in problems:
            self.notify(problem, severity="warning", timeout=12, markup=False)
        same = [talk for talk in talks if talk.deck_id == request.deck_id]
        if same:
            return same[-1]
        if talks:
            waiting = "; ".join(talk.describe(self.clock()) for talk in talks)
            self.notify(f"Parked and waiting for you: {waiting}. The home screen (reconnect) offers it.",
                        timeout=10, markup=False)
        return None

    def _take_parked(self, talk: ParkedTalk) -> CheckinSession | None:
        """The parked talk becomes the open check-in again."""
        session = talk.session
        who = who_in(self.workspace.journal)
        latest = self.workspace.journal.latest_finished(of=theirs(who, who.couple(session.partners)))
        if latest is not None and latest.finished_at > session.started_at and any(
            p.follow_up for p in latest.partners
        ):
            session.drop_follow_up()  # the gestures were asked about meanwhile
        try:
            self.workspace.drafts.save(session.to_dict(), self.clock())
            self.parked.remove(talk.entry_id)
        except DraftError as error:
            self.notify(str(error), severity="error", timeout=12, markup=False)
            return None
        if talk.come_back:
            self.notify(f"Welcome back. You planned to come back: {talk.come_back}", timeout=10, markup=False)
        return session

    @work(exclusive=True, group="checkin")
    async def resume_parked(self, entry_id: str) -> None:
        """From the home screen: only one check-in is open at a time."""
        drafts = self.workspace.drafts
        if not self._hold_drafts():
            return
        if drafts.path.exists():
            drafts.unlock()
            self.notify("Another check-in is still open as a draft. Finish it, park it or let it go first "
                        "(Start a check-in offers it).", severity="warning", timeout=10, markup=False)
            return
        try:
            talk = self.parked.get(entry_id)
        except DraftError as error:
            drafts.unlock()
            self.notify(str(error), severity="error", timeout=12, markup=False)
            return
        session = self._take_parked(talk)
        if session is None:
            drafts.unlock()
            return
        await self.push_screen(self._checkin_screen_for(session))

    @work(exclusive=True, group="let-go")
    async def let_go(self, entry_id: str) -> bool:
        """Asked once: save what was said as an entry, let it go, or keep it parked."""
        try:
            talk = self.parked.get(entry_id)
        except DraftError as error:
            self.notify(str(error), severity="error", timeout=12, markup=False)
            return False
        from reconnect_tui.ui.screens.together_dialogs import let_go_screen

        choice = await self.push_screen_wait(let_go_screen(f"{talk.describe(self.clock())}."))
        try:
            if choice == "save":
                self._know_people(talk.session)
                entry = talk.session.finish(self.clock())
                try:
                    self.workspace.journal.save(entry)
                except OSError as error:
                    self.notify(f"The journal could not be written ({error.strerror or error}); the talk stays "
                                "parked.", severity="error", timeout=12, markup=False)
                    return False
                self.parked.remove(entry_id)
                self.notify("Saved what was said in your journal.", markup=False)
            elif choice == "delete":
                self.parked.remove(entry_id)
                self.notify("The parked talk was let go.", markup=False)
            else:
                return False
        except (DraftError, JournalError) as error:
            self.notify(str(error), severity="error", timeout=12, markup=False)
            return False
        from reconnect_tui.ui.screens.home import HomeScreen  # loaded already: the talk was let go from there

        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_journal()
        return True

    def _checkin_screen_for(self, session: CheckinSession) -> CheckinScreen:
        self._know_people(session)
        self.seat_people(session.person_ids)
        screen = CheckinScreen(session, self.workspace, self.clock, self.request.minutes, on_done=self._checkin_done)
        self.checkin_screen = screen
        return screen

    def _know_people(self, session: CheckinSession) -> None:
        """A draft or parked talk from before people had ids: find each seat's person by name.

        Nobody is added here (a new name became a person when its check-in began);
        a seat the people file does not know keeps no id, and is matched by name later.
        """
        if all(session.person_ids):
            return
        ids = who_in(self.workspace.journal).person_ids(session.partners)
        session.person_ids = (session.person_ids[0] or ids[0], session.person_ids[1] or ids[1])

    def _session_without_questions(self) -> CheckinSession | None:
        """A new session, if there is no draft to offer and both names are known."""
        partners = self.request.partners or self.workspace.couple_names()  # remembered, else the last couple here
        drafts = self.workspace.drafts
        if partners is None or drafts.exists() or any(drafts.folder.glob("parked-*")):
            return None  # something to offer or mention first
        if not drafts.locked:
            try:
                drafts.lock()
            except (CheckinAlreadyOpen, DraftError):
                return None  # the flow says so, once the app is up
        return self._make_session(self.request, partners)

    async def _offer_draft(self) -> CheckinSession | None:
        from reconnect_tui.ui.screens.confirm import ConfirmScreen
        from reconnect_tui.ui.screens.resume import ResumeScreen

        drafts = self.workspace.drafts
        try:
            data = drafts.load()  # an unreadable draft is moved aside by the store
        except DraftError as error:
            self.notify(str(error), severity="warning", timeout=15, markup=False)
            return None
        if data is None:
            return None
        try:
            session = CheckinSession.from_dict(data)
        except DraftError as error:
            try:
                message = f"{error}; it was kept as {drafts.set_aside()}"
            except DraftError as not_moved:
                message = str(not_moved)
            self.notify(message, severity="warning", timeout=15, markup=False)
            return None
        if self._already_saved(session):
            return None
        while True:
            if await self.push_screen_wait(ResumeScreen(describe_draft(session))) != "discard":
                return session
            confirmed = await self.push_screen_wait(
                ConfirmScreen(
                    "Discard the unfinished check-in?",
                    "What was written in it will be gone. This cannot be undone.",
                    yes="Discard",
                    no="Keep it",
                )
            )
            if not confirmed:
                continue
            try:
                drafts.clear()
            except DraftError as error:
                self.notify(str(error), severity="error", markup=False)
                continue
            return None

    def _already_saved(self, session: CheckinSession) -> bool:
        """True when the draft's check-in is already in the journal.

        A kill between writing the entry and removing the draft (or a drafts folder
        that turned read-only) leaves such a draft behind. The entry holds at least
        everything the draft does, so offering it as "unfinished" would only invite
        edits to a copy: the leftover is removed instead, and the couple told.
        """
        journal = self.workspace.journal
        path = journal.path_for(session.finish(session.started_at))
        if not path.is_file():
            return False
        try:
            self.workspace.drafts.clear()
        except DraftError as error:
            self.notify(
                f"Your last check-in is already saved in the journal, but its leftover draft could not "
                f"be removed ({error}). A new check-in starts now.",
                severity="warning", timeout=15, markup=False,
            )
            return True
        self.notify("Your last check-in was already saved in the journal; a new one starts now.",
                    timeout=8, markup=False)
        return True

    async def _new_session(self, request: CheckinRequest) -> CheckinSession:
        workspace = self.workspace
        partners = request.partners or workspace.couple_names()
        if partners is None:
            from reconnect_tui.ui.screens.names import NamesScreen

            partners = await self.push_screen_wait(NamesScreen())
            problem = workspace.remember(partners=partners)
            if problem:
                self.notify(f"Your names are used for now, but {problem}", severity="warning", timeout=12, markup=False)
        return self._make_session(request, partners)

    def _make_session(self, request: CheckinRequest, partners: tuple[str, str]) -> CheckinSession:
        workspace = self.workspace
        deck = workspace.library.get(request.deck_id) if request.deck_id else workspace.default_deck()
        config = workspace.config.config
        try:
            who = note_the_couple(workspace.journal, partners)
        except PeopleError as error:  # the people file cannot be read or written: names still match
            self.notify(f"Who is who could not be noted ({error}); names are matched as they are.",
                        severity="warning", timeout=12, markup=False)
            who = who_in(workspace.journal)
        couple = who.couple(partners)
        # Their own last check-in, even if another couple's (an import) is newer.
        latest = workspace.journal.latest_finished(of=theirs(who, couple))
        previous = previous_gestures(latest, who, couple)
        ids = who.person_ids(partners)
        return CheckinSession(
            deck=deck,
            partners=partners,
            started_at=self.clock(),
            gestures=workspace.library.gestures_for(deck),
            previous_intentions=previous,
            person_ids=(ids[0], ids[1]),
            mode_override=request.mode or config.mode,
            private_ratings=config.private_ratings,
            # Who goes first alternates between the two people, whatever order the names come in.
            first_seat=1 - couple.index(config.last_first) if config.last_first in couple else 0,
        )

    def _checkin_done(self, entry: Entry | None, where: str | None) -> None:
        """The check-in screen has finished: show the summary, or say why not."""
        self.checkin_screen = None
        self.workspace.drafts.unlock()
        if entry is None:
            self._after_checkin(where)
            return
        from reconnect_tui.ui.screens.summary import SummaryScreen

        # Pushed over the finished check-in (which may be the only screen below it).
        deck = self.workspace.library.decks.get(entry.deck_id)
        minutes = deck.minutes if deck else 10
        self.push_screen(SummaryScreen(entry, where or "", minutes, on_done=lambda: self._after_checkin(None)))

    def _after_checkin(self, message: str | None) -> None:
        if self.start == "checkin":
            self.leave(message)
            return
        from reconnect_tui.ui.screens.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if message:
            self.notify(message, markup=False)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast (screens' included) passes here: cleaned of control characters.

        A message often carries a file name or a deck title; it is shown, never obeyed.
        """
        super().notify(clean_text(message), title=clean_line(title), severity=severity, timeout=timeout,
                       markup=markup)

    # --- leaving ----------------------------------------------------------------------

    def leave(self, farewell: str | None = None) -> None:
        """Close the app; `farewell` is printed after the terminal is restored."""
        self.farewell = farewell
        self.exit()

    def _handle_exception(self, error: Exception) -> None:
        """A bug inside the app: keep the check-in and say so in one line, no traceback.

        The draft is written first (whatever the screen still holds), then the app
        closes and the CLI prints the line. RECONNECT_DEBUG=1 shows Textual's full
        report instead, for whoever is fixing it.
        """
        if os.environ.get("RECONNECT_DEBUG"):
            super()._handle_exception(error)
            return
        self._return_code = 1
        if self._exception is None:  # tests still see the error (run_test raises it)
            self._exception = error
            self._exception_event.set()
        if self.farewell is None or not self.farewell.startswith("Something went wrong"):
            self.farewell = f"Something went wrong inside reconnect ({describe_error(error)}). {self._keep_after_error()}"
        self._close_messages_no_wait()

    def _keep_after_error(self) -> str:
        screen = self.checkin_screen
        if screen is None:
            return "Nothing was lost. RECONNECT_DEBUG=1 shows the details."
        try:
            screen.gather()
        except Exception:  # noqa: BLE001 - the screen may be half built; the session still holds the rest
            pass
        problem = screen.keeper.save_now() if not screen.keeper.closed else None
        if problem is not None:
            return f"The check-in could not be kept as a draft ({problem}). RECONNECT_DEBUG=1 shows the details."
        return "Your check-in is kept as a draft and offered next time. RECONNECT_DEBUG=1 shows the details."

    def action_help_quit(self) -> None:
        """Ctrl+C with nothing selected: it copies, never quits; say how to stop instead."""
        if self.checkin_screen is not None and self.screen is self.checkin_screen:
            hint = ("Ctrl+C copies selected text (Shift+arrows select). To stop: Escape pauses, "
                    "Ctrl+Q quits and keeps the check-in as a draft.")
        else:
            hint = "Ctrl+C copies selected text. Ctrl+Q quits."
        self.notify(hint, title="Nothing selected to copy", markup=False)

    def on_unmount(self) -> None:
        """The app is closing: let go of the check-in lock (the draft is saved by now)."""
        self.workspace.drafts.unlock()

    async def action_quit(self) -> None:
        """Ctrl+Q and the palette's Quit: a check-in in progress is kept as a draft first."""
        if self.checkin_screen is not None:
            self.checkin_screen.keep_draft_and_quit()
        else:
            self.exit()

    def _install_signal_handlers(self) -> None:
        """Keep the draft when the terminal closes (SIGHUP) or we are asked to stop.

        SIGINT (`kill -INT`; Ctrl+C in the app is a key, not a signal) is a request
        to stop, like SIGTERM: the last second of typing is saved before leaving.
        SIGHUP does not exist on Windows.
        """
        loop = asyncio.get_running_loop()
        handlers = [(signal.SIGTERM, self._on_terminate), (signal.SIGINT, self._on_terminate)]
        if hasattr(signal, "SIGHUP"):
            handlers.append((signal.SIGHUP, self._on_hangup))
        for number, handler in handlers:
            try:
                loop.add_signal_handler(number, handler)
            except (NotImplementedError, RuntimeError, ValueError):
                pass  # not the main thread (tests) or no signals here

    def _save_draft_quietly(self) -> bool:
        """Save the open check-in's draft; True when a draft with words in it is kept."""
        screen = self.checkin_screen
        if screen is None or screen.keeper.closed:
            return False
        screen.gather()
        return screen.keeper.save_now() is None and screen.session.has_words()

    def _on_terminate(self) -> None:
        if self._save_draft_quietly():
            self.leave("Stopped. Your check-in is kept as a draft; it will be offered next time.")
        else:
            self.leave("Stopped.")

    def _on_hangup(self) -> None:
        # The terminal is gone: restoring it would fail or hang, so save and leave at once.
        self._save_draft_quietly()
        os._exit(0)


def describe_error(error: BaseException) -> str:
    """An exception as a few words on one line: its type and the first line of its message."""
    words = " ".join(str(error).split("\n", 1)[0].split())[:160]
    return f"{type(error).__name__}: {words}" if words else type(error).__name__


def describe_draft(session: CheckinSession) -> str:
    started = session.started_at
    where = step_name(session).lower()
    names = " and ".join(session.partners)
    return clean_line(
        f"{names}, you have an unfinished check-in from {started:%A} {started.day} {started:%B} at "
        f"{started:%H:%M}: {session.deck.title}, at {where}. Everything you wrote is still there."
    )


def build_app(
    workspace: Workspace,
    *,
    start: str = "checkin",
    request: CheckinRequest | None = None,
    clock: Callable[[], datetime] = local_now,
    cursor_blink: bool = True,
) -> ReconnectApp:
    return ReconnectApp(workspace, start=start, request=request, clock=clock, cursor_blink=cursor_blink)
