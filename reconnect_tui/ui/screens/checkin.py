"""The check-in itself: one step at a time, both partners side by side.

The screen drives the core `CheckinSession`: widgets post `Given`, the screen sets
it on the session and marks the draft changed; a half-second timer writes the
draft, and every step change writes it at once. Saving goes through the core
journal; if that fails, nothing is dropped and the couple chooses what to do.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from reconnect_tui.core.cleantext import clean_line, clean_text, visible
from reconnect_tui.core.couple import who_in
from reconnect_tui.core.drafts import DraftKeeper
from reconnect_tui.core.entry import Entry
from reconnect_tui.core.errors import DraftError, JournalError
from reconnect_tui.core.fsutil import LinkRefused
from reconnect_tui.core.journal import EntryExists
from reconnect_tui.core.paths import as_read
from reconnect_tui.core.session import PARTNERS, CheckinSession, StepKind
from reconnect_tui.core.together import Phase
from reconnect_tui.core.workspace import Workspace
from reconnect_tui.ui.messages import Given
from reconnect_tui.ui.widgets.checkin_header import CheckinHeader
from reconnect_tui.ui.widgets.control_button import ControlButton
from reconnect_tui.ui.widgets.footer import CompactFooter
from reconnect_tui.ui.widgets.word_scale import WordScale
from reconnect_tui.ui.widgets.steps import build_step

if TYPE_CHECKING:
    from textual.widgets import Button

AUTOSAVE_SECONDS = 0.5

# The dialogs, the parked talks, the talking-together widgets and the answer panes are imported
# where they are first needed: the first screen draws sooner without them
# (bench/run.py measures it).


class Leaving(Protocol):
    """What this screen needs of its app (ReconnectApp), named here so the two
    modules do not import each other."""

    def leave(self, farewell: str | None = None) -> None: ...


def step_name(session: CheckinSession) -> str:
    kind = session.step.kind
    if kind is StepKind.PROMPT:
        number, total = session.prompt_number() or (0, 0)
        return f"Prompt {number} of {total}"
    return {StepKind.ARRIVE: "Arriving", StepKind.FOLLOW_UP: "Since last time", StepKind.CLOSE: "Closing"}[kind]


def _response_buttons() -> dict[str, str]:
    """The listener's answer buttons of a turn ("that's it", "not quite"), by id."""
    from reconnect_tui.ui.widgets.together_steps import RESPONSE_BUTTONS

    return RESPONSE_BUTTONS


# Where the keyboard is on the prompt step, for the pass buttons: both partners, one, or none.
def _passing(session: CheckinSession) -> tuple[int, ...]:
    if session.step.kind is not StepKind.PROMPT:
        return ()
    talk = session.talk
    if talk is None or talk.phase is Phase.REVEALED:
        return PARTNERS
    if talk.phase in (Phase.PRIVATE, Phase.SPEAK):
        return (talk.seat,)
    return ()


class CheckinScreen(Screen[None]):
    # Each step puts the cursor in its own first field (show_step). Textual's own
    # first-focusable pick landed on the step's scrolling container first, and each
    # move of the focus restyled the whole screen once more.
    AUTO_FOCUS = ""
    # Not priority bindings: the keys reach the focused pane first and in order, so
    # "hello" then Ctrl+N is typed in full before the step changes.
    BINDINGS = [
        Binding("ctrl+n", "next", "Next"),
        Binding("ctrl+p", "back", "Back"),
        Binding("ctrl+s", "finish", "Save"),
        Binding("ctrl+r", "reveal", "Reveal"),
        Binding("ctrl+o", "spoken", "Said aloud"),
        Binding("ctrl+g", "take_break", "Break"),
        Binding("escape", "pause", "Pause"),
    ]

    def __init__(
        self,
        session: CheckinSession,
        workspace: Workspace,
        clock: Callable[[], datetime],
        minutes: int | None = None,
        on_done: Callable[[Entry | None, str | None], None] | None = None,
    ) -> None:
        super().__init__(id="checkin")
        self.session = session
        self.workspace = workspace
        self.clock = clock
        self.minutes = minutes or session.deck.minutes
        self.on_done = on_done
        self.keeper = DraftKeeper(workspace.drafts, self._snapshot, clock, worth_keeping=session.has_words)
        self._sitting_started = clock()
        self._elapsed_before = session.elapsed_seconds
        self._changing_step = False
        self._held_keys: list[events.Key] = []
        self._told_about: Widget | None = None
        # A couple's very first check-in hears, before anything is written, that both
        # of them can read all of it.
        self.first_checkin = workspace.journal.latest() is None

    @property
    def reconnect(self) -> Leaving:
        return cast(Leaving, self.app)

    # --- time and drafts -------------------------------------------------------------

    def elapsed(self) -> float:
        return self._elapsed_before + max(0.0, (self.clock() - self._sitting_started).total_seconds())

    def _snapshot(self) -> dict:
        self.session.elapsed_seconds = self.elapsed()
        return self.session.to_dict()

    def autosave(self) -> None:
        self._show_draft_problem(self.keeper.save_if_changed())

    def save_draft_now(self) -> DraftError | None:
        problem = self.keeper.save_now()
        self._show_draft_problem(problem)
        return problem

    def _show_draft_problem(self, problem: DraftError | None) -> None:
        """A line under the header while the draft cannot be saved; made the first time it is needed."""
        warning = next(iter(self.query("#save-warning").results(Static)), None)
        if problem is None:
            if warning is not None:
                warning.display = False
            return
        text = clean_text(f"{problem}. Everything is still here on screen; it will keep trying.")
        if warning is None:
            self.mount(Static(text, id="save-warning", markup=False), after=self.query_one(CheckinHeader))
        else:
            warning.update(text)
            warning.display = True

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield CheckinHeader(self.session.deck.title, self.minutes, self.elapsed)
        # The first step is built with the screen: mounting it afterwards into an
        # empty area cost a second round of styling, layout and drawing at start-up.
        yield Container(build_step(self.session, first_checkin=self.first_checkin), id="step-area")
        with Horizontal(id="controls"):
            # ControlButton, not Button: the same look, at a fraction of the first frame's cost.
            yield ControlButton("◀ Back", id="back", disabled=self.session.is_first_step)
            # The pass and said-aloud buttons come with the first prompt (_update_controls).
            yield Static("", id="controls-spacer", classes="spacer")
            yield ControlButton("Break", id="break")
            yield ControlButton("Finish now", id="finish")
            yield ControlButton("Next ▶", id="next", primary=True)
        yield CompactFooter()

    def on_mount(self) -> None:
        self._step_shown(self.step_body)
        self._autosave = self.set_interval(AUTOSAVE_SECONDS, self.autosave)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reveal is offered once both have answered; said aloud only on a prompt."""
        if action == "reveal":
            return self.session.phase is Phase.READY
        if action == "spoken":
            return self.session.step.kind is StepKind.PROMPT and self.session.phase not in (
                Phase.HANDOVER, Phase.READY, Phase.REFLECT, Phase.CONFIRM)
        return True

    @property
    def step_body(self):  # type: ignore[no-untyped-def]  # one of the step bodies in widgets/
        return self.query_one("#step-area", Container).children[0]  # type: ignore[return-value]

    def gather(self) -> None:
        """Take in everything the current step holds, even changes still in flight."""
        for given in self.step_body.gather():
            self.apply(given)

    async def show_step(self) -> None:
        """Swap in the current step's body and put the cursor in its first field.

        While the old body goes and the new one arrives, nothing has focus, so keys
        typed in that moment reach the screen: they are held and handed to the new
        first field, instead of vanishing with the old one.
        """
        self._changing_step = True
        self.set_focus(None)
        area = self.query_one("#step-area", Container)
        await area.remove_children()
        step = build_step(self.session, first_checkin=self.first_checkin)
        await area.mount(step)
        if not step.is_attached or not self.query("#back"):
            return  # the app closed while the step was mounted (a key still queued at Ctrl+Q): nothing to show
        self._step_shown(step)

    def _step_shown(self, step: Widget) -> None:
        """The step's body is in the screen: the buttons, the keys, the cursor and the draft follow it."""
        self._update_controls()
        self._refresh_together_keys()
        self._release_keys(self.query_one(step.first_focus))  # type: ignore[attr-defined]
        self.save_draft_now()

    def _refresh_together_keys(self) -> None:
        """Ctrl+R and Ctrl+O show in the footer only where they do something; redraw it only on a change."""
        enabled = (self.check_action("reveal", ()), self.check_action("spoken", ()))
        if enabled != getattr(self, "_together_keys", None):
            self._together_keys = enabled
            self.refresh_bindings()

    def _release_keys(self, to: Widget) -> None:
        """The step change is over: focus `to` and hand it the keys held meanwhile."""
        self.set_focus(to)
        self._changing_step = False
        for key in self._held_keys:
            to.post_message(events.Key(key.key, key.character))
        self._held_keys = []

    async def _settle_typing(self) -> Widget | None:
        """Before a step changes: let the field with the cursor take in every key already sent to it.

        Keys reach the focused field before Ctrl+N or Ctrl+P has bubbled up to run
        its action, so a fast typist's last letters can still be queued in the old
        field. From here on keys are held by the screen; the old field's queue is
        worked through, so `gather` reads them all.
        """
        focused = self.focused
        self._changing_step = True
        self.set_focus(None)
        if focused is not None and focused.is_attached:
            done = asyncio.Event()
            focused.call_later(done.set)
            try:
                await asyncio.wait_for(done.wait(), timeout=2)
            except TimeoutError:
                pass  # a field that cannot answer has nothing more to give
        return focused

    def on_key(self, event: events.Key) -> None:
        if self._changing_step and event.is_printable:
            self._held_keys.append(event)
            event.stop()
            return
        self._say_where_typing_goes(event)

    def _say_where_typing_goes(self, event: events.Key) -> None:
        """Letters typed on a scale or a list of options would vanish: say where typing goes, once per field."""
        focused = self.focused
        if not (event.is_printable and event.character and event.character.strip()):
            return
        from textual.widgets import RadioSet, SelectionList

        if not isinstance(focused, WordScale | RadioSet | SelectionList):
            return
        if event.key in focused._bindings.key_to_bindings or focused is self._told_about:
            return
        self._told_about = focused
        how = "← → or 1-5 choose a word" if isinstance(focused, WordScale) else "↑ ↓ and Space choose"
        self.notify(f"Typing does not go here: {how}, and Tab moves on to the next field. "
                    "Words go in the boxes that say “Write here”.", title="This one is chosen, not typed",
                    markup=False, timeout=6)

    def _update_controls(self) -> None:
        session = self.session
        self.query_one("#back", ControlButton).disabled = session.is_first_step
        self._relabel("#next", "Save ✓ Ctrl+S" if session.is_last_step and self._nothing_left_on_this_step() else "Next ▶")
        self.query_one("#finish", ControlButton).display = not session.is_last_step
        if session.step.kind is not StepKind.PROMPT and not self.query("#spoken"):
            self._fit_controls()
            return
        if not self.query("#spoken"):
            # Made with the first prompt, not with the screen: the steps before one never
            # show them, and each widget on the first screen costs start-up time.
            self.query_one("#controls").mount(
                *(ControlButton("", id=f"pass-{partner}", classes=f"pass partner-{partner}") for partner in PARTNERS),
                ControlButton("Said aloud", id="spoken"),
                before="#controls-spacer",
            )
        passing = _passing(session)
        for partner in PARTNERS:
            self.query_one(f"#pass-{partner}", ControlButton).display = partner in passing
        spoken = self.query_one("#spoken", ControlButton)
        index = session.step.prompt_index
        talk = session.talk
        spoken.display = index is not None and (talk is None or talk.phase not in (
            Phase.HANDOVER, Phase.READY, Phase.REFLECT, Phase.CONFIRM))
        if spoken.display:
            at_keyboard = [talk.seat] if talk is not None and talk.phase in (Phase.PRIVATE, Phase.SPEAK) else PARTNERS
            marked = all(session.answer(index, p).spoken for p in at_keyboard)  # type: ignore[arg-type]
            self._relabel("#spoken", "Said aloud ✓" if marked else "Said aloud")
        self._fit_controls()

    def _pass_label(self, partner: int, short: bool) -> str:
        # The name comes first, so whose button is whose reads without colour.
        passed = self.session.answer(self.session.step.prompt_index, partner).passed  # type: ignore[arg-type]
        name = self.session.partners[partner]
        if passed:
            return f"{name}: answer" if short else f"{name}: answer after all"
        return f"{name}: pass"

    def _relabel(self, selector: str, label: str) -> None:
        """A control button's new words; its width follows them."""
        self.query_one(selector, ControlButton).label = label

    def _fit_controls(self) -> None:
        """The buttons in one row when they fit, shorter words or two rows when not: none is ever cut."""
        controls = self.query_one("#controls", Horizontal)
        width = self.size.width or self.app.size.width

        def needed() -> int:
            # A compact button is its label plus one column each side, then a one-column gap.
            return 2 + sum(button.label.cell_length + 3 for button in controls.query(ControlButton) if button.display)

        if self.session.step.kind is StepKind.PROMPT:
            for short in (False, True):
                for partner in PARTNERS:
                    self._relabel(f"#pass-{partner}", self._pass_label(partner, short))
                    passed = self.session.answer(self.session.step.prompt_index, partner).passed  # type: ignore[arg-type]
                    self.query_one(f"#pass-{partner}", ControlButton).set_class(passed, "-passed")
                if needed() <= width:
                    break
        controls.set_class(needed() > width, "-two-rows")

    def on_resize(self, event: events.Resize) -> None:
        self._fit_controls()

    # --- what the partners give ---------------------------------------------------------

    def on_given(self, message: Given) -> None:
        self.apply(message)

    def apply(self, message: Given) -> None:
        if self.keeper.closed:
            return  # saved or discarded: nothing more belongs to this check-in
        session, partner, value = self.session, message.partner, message.value
        if message.field == "answer":
            assert message.prompt_index is not None
            session.set_answer(message.prompt_index, partner, value)  # type: ignore[arg-type]
            self._offer_swap()
        elif message.field in ("closeness_before", "closeness_after"):
            session.set_closeness(message.field.removeprefix("closeness_"), partner, value)  # type: ignore[arg-type]
        elif message.field == "follow_up_result":
            session.set_follow_up(partner, value)  # type: ignore[arg-type]
        elif message.field == "follow_up_words":
            session.set_follow_up(partner, session.people[partner].follow_up_result, str(value))
        elif message.field == "carried":
            session.set_carried(partner, bool(value))
        elif message.field == "appreciation":
            session.set_appreciation(partner, str(value))
        elif message.field == "intention":
            session.set_intention(partner, str(value))
        elif message.field in ("heard", "makes_sense", "added"):
            # Only while that part is on screen: a late keystroke never lands in the next try.
            wanted = Phase.CONFIRM if message.field == "added" else Phase.REFLECT
            if session.phase is not wanted:
                return
            session.set_reflection(message.field, str(value))
        self.keeper.changed()

    def toggle_pass(self, partner: int) -> None:
        index = self.session.step.prompt_index
        if index is None:
            return
        from reconnect_tui.ui.widgets.answer_pane import AnswerPane  # loaded already: a prompt is on screen

        passed = not self.session.answer(index, partner).passed
        self.session.set_passed(index, partner, passed)
        self.query_one(f"#pane-{partner}", AnswerPane).show_passed(passed)
        self._offer_swap()
        self._update_controls()
        self.keeper.changed()

    def _offer_swap(self) -> None:
        """Swapping who goes first is offered only until either partner has started on the step."""
        for button in self.query("#swap"):
            button.display = self.session.can_swap

    async def on_control_button_pressed(self, event: ControlButton.Pressed) -> None:
        await self.pressed(event.button.id or "")

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        await self.pressed(event.button.id or "")

    async def pressed(self, button: str) -> None:
        """A button of the controls bar (ControlButton) or of the step (Button), by its id."""
        if button.startswith("pass-"):
            self.toggle_pass(int(button[-1]))
        elif button == "back":
            await self.action_back()
        elif button == "next":
            if self.session.is_last_step and self._nothing_left_on_this_step():
                self.action_finish()
            else:
                await self.action_next()
        elif button == "finish":
            self.action_finish()
        elif button in ("reveal", "spoken"):
            await self.run_action(button)
        elif button == "break":
            await self.run_action("take_break")
        elif button == "start-turn":
            await self.start_turn()
        elif button == "swap":
            self.gather()
            if self.session.swap():
                self.keeper.changed()
                await self.show_step()
        elif button in _response_buttons():
            self.gather()
            self.session.respond(_response_buttons()[button], self.clock())
            self.keeper.changed()
            await self.show_step()

    # --- talking together -------------------------------------------------------------------

    async def start_turn(self) -> None:
        """Enter on a hand-over: that partner's pane appears, the other's is not there at all."""
        if self.session.start_turn():
            self.keeper.changed()
            await self.show_step()

    async def action_reveal(self) -> None:
        if self.session.reveal(self.clock()):
            self.keeper.changed()
            await self.show_step()

    async def action_spoken(self) -> None:
        """Ctrl+O: we talked about it aloud (recorded as spoken, never as a pass)."""
        self.gather()
        if self.session.toggle_spoken() is not None:
            self.keeper.changed()
            await self.show_step()

    def action_take_break(self) -> None:
        from reconnect_tui.ui.screens.together_dialogs import BreakScreen

        self.app.push_screen(BreakScreen(), self._after_break)

    def _after_break(self, come_back: str | None) -> None:
        if come_back is not None:
            self.park(come_back)

    def park(self, come_back: str) -> None:
        """Keep the talk under its own name; the home screen offers it until it is picked up."""
        from reconnect_tui.core.parking import ParkedTalks

        self.gather()
        parked = ParkedTalks.beside(self.workspace.drafts)
        try:
            parked.park(self._snapshot(), self.clock(), come_back)
        except DraftError as error:
            self.notify(f"{error}. The talk is still open here.", severity="error", markup=False)
            return
        self._autosave.stop()
        problem = self.keeper.discard()
        if problem is not None:
            self.notify(str(problem), severity="warning", markup=False)
        later = f" You planned to come back: {clean_line(come_back)}." if come_back else ""
        self._leave(None, f"Your talk is parked.{later} Take your time; `reconnect` lists it on the "
                          "home screen, and `reconnect checkin --deck "
                          f"{self.session.deck.id}` offers to pick it up again.")

    # --- moving through the steps ---------------------------------------------------------

    def _nothing_left_on_this_step(self) -> bool:
        talk = self.session.talk
        return talk is None or talk.phase is Phase.REVEALED

    async def action_next(self) -> None:
        """Ctrl+N moves along; it never saves. On the closing step it shows where saving is."""
        if self.session.is_last_step and self._nothing_left_on_this_step():
            self.notify("This is the last step: Ctrl+S, or the Save button, keeps the check-in.",
                    title="Ready when you are", markup=False)
            return
        await self._settle_typing()
        self.gather()
        self.session.go_next(self.clock())
        await self.show_step()

    async def action_back(self) -> None:
        talk = self.session.talk
        if self.session.is_first_step and (talk is None or talk.phase in (Phase.HANDOVER, Phase.REVEALED)):
            return
        await self._settle_typing()
        self.gather()
        self.session.go_back()
        await self.show_step()

    def action_finish(self) -> None:
        """Ctrl+S, "Finish now" and "Save": saves; it asks once if anything would be left not reached.

        From a private turn it asks first whether to reveal and save, or keep a draft."""
        if self.session.hiding:
            self._ask_reveal_or_draft(then_quit=False)
            return
        if self.session.is_last_step:
            self.finish()
            return
        from reconnect_tui.ui.screens.confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                "Finish and save now?",
                "The check-in is saved as it is. What you have not reached yet, the closing "
                "included, is marked as not reached.",
                yes="Save now",
                no="Keep going",
                safe_is_no=False,
            ),
            lambda save: self.finish() if save else None,
        )

    def action_pause(self) -> None:
        from reconnect_tui.ui.screens.pause import PauseScreen

        self.app.push_screen(PauseScreen(), self._after_pause)

    def _ask_reveal_or_draft(self, then_quit: bool) -> None:
        """Saving shows everything in the journal; from a private turn, ask first."""
        from reconnect_tui.ui.screens.together_dialogs import reveal_or_draft_screen

        self.app.push_screen(reveal_or_draft_screen(), lambda choice: self._after_reveal_question(choice, then_quit))

    def _after_reveal_question(self, choice: str | None, then_quit: bool) -> None:
        if choice == "reveal":
            self.finish(then_quit=then_quit)
        elif choice == "draft":
            self.keep_draft_and_quit()

    def _after_pause(self, choice: str | None) -> None:
        if choice == "save" and self.session.hiding:
            self._ask_reveal_or_draft(then_quit=True)
        elif choice == "break":
            self.action_take_break()
        elif choice == "save":
            self.finish(then_quit=True)
        elif choice == "draft":
            self.keep_draft_and_quit()
        elif choice == "discard":
            from reconnect_tui.ui.screens.confirm import ConfirmScreen

            self.app.push_screen(
                ConfirmScreen(
                    "Discard this check-in?",
                    "What you both wrote in it will be gone. This cannot be undone.",
                    yes="Discard",
                    no="Keep it",
                ),
                self._after_discard_question,
            )

    def _after_discard_question(self, discard: bool | None) -> None:
        if not discard:
            return
        self._autosave.stop()
        problem = self.keeper.discard()
        if problem is not None:
            self.notify(str(problem), severity="error", markup=False)
            return
        self._leave(None, "The check-in was discarded.")

    # --- leaving ----------------------------------------------------------------------

    def keep_draft_and_quit(self) -> None:
        """Ctrl+Q, the palette's Quit, and "keep as a draft": only leave once it is kept."""
        self.gather()
        problem = self.save_draft_now()
        if problem is None:
            if self.session.has_words():
                self.reconnect.leave("Your check-in is kept as a draft; it will be offered next time.")
            else:
                self.reconnect.leave("Nothing was written yet, so there was no draft to keep.")
            return
        from reconnect_tui.ui.screens.confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                "The draft could not be saved",
                f"{problem}.\n\nIf you quit now, what you wrote since the last save is lost. "
                "Stay, free some space or fix the folder, and try again.",
                yes="Quit anyway",
                no="Stay",
            ),
            lambda quit_anyway: self.app.exit() if quit_anyway else None,
        )

    def finish(self, then_quit: bool = False) -> None:
        self.gather()
        entry = self.session.finish(self.clock())
        journal = self.workspace.journal
        try:
            try:
                journal.save(entry)
            except EntryExists:
                # This check-in's id is already in the journal: it was saved before
                # and its draft could not be removed then, and it was resumed and
                # changed since. Its newer version replaces it (atomically): a
                # "Saved" must never be said of changes that were not written.
                journal.update(entry)
        except JournalError as error:
            # Nothing was written (a locked journal that was not unlocked, or a check-in
            # that would not read back): the words stay here, and the reason is said.
            self.notify(f"{error}. Everything is still here on screen.", title="Not saved yet",
                        severity="error", timeout=20, markup=False)
            return
        except OSError as error:
            from reconnect_tui.ui.screens.save_failed import SaveFailedScreen  # rare: not loaded at start

            reason = str(error) if isinstance(error, LinkRefused) else error.strerror or error
            problem = f"The journal folder {journal.root} could not be written: {reason}."
            key = self.workspace.journal.key
            suffix = ".json.age" if key is not None else ".json"
            suggested = Path.home() / f"reconnect-checkin-{entry.started_at:%Y-%m-%d-%H%M}{suffix}"
            self.app.push_screen(
                SaveFailedScreen(problem, entry, suggested, key),
                lambda outcome: self._after_failed_save(outcome, entry, then_quit),
            )
            return
        self._saved(entry, f"Kept privately on this computer, in your journal folder {visible(as_read(journal.root))} "
                           f"(with the other check-ins of {entry.started_at:%B %Y}).", then_quit)

    def _after_failed_save(self, outcome: tuple[str, Path | None] | None, entry: Entry, then_quit: bool) -> None:
        action, copy = outcome or ("back", None)
        if action == "retry":
            self.finish(then_quit)
        elif action == "copied" and copy is not None:
            where = (f"The journal folder could not be written, so it was saved to {copy}. "
                     f"When the folder works again: reconnect import {copy}")
            self._saved(entry, where, then_quit)

    def _saved(self, entry: Entry, where: str, then_quit: bool) -> None:
        self._autosave.stop()
        # Who went first this time (the person, not the seat): the other one starts next time.
        workspace = self.reconnect.workspace
        first = who_in(workspace.journal).couple(self.session.partners)[self.session.first_seat]
        workspace.remember(last_first=first, last_first_seat=None)  # the seat, as an earlier version kept it
        problem = self.keeper.discard()
        if problem is not None:
            self.notify(f"Saved, but the old draft could not be removed: {problem}", severity="warning", markup=False)
        if then_quit:
            self.reconnect.leave(f"Saved your check-in. {where}")
            return
        self._leave(entry, where)

    def _leave(self, entry: Entry | None, where: str) -> None:
        if self.on_done is not None:
            self.on_done(entry, where)
