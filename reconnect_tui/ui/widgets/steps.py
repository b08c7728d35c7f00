"""The body of each check-in step, built from the session as it stands.

Each step shows the two partners in two panes (side by side, or stacked on a
narrow terminal) and posts `Given` for every change; the check-in screen applies
it to the session. Before the couple moves on, the screen also asks the step for
everything it holds (`gather`), so keys typed an instant before Ctrl+N are kept
even if their messages have not arrived yet. `first_focus` names where the
cursor goes when a step opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Select, Static, TextArea

from reconnect_tui.core.cleantext import clean_line, clean_text
from reconnect_tui.core.entry import CLOSENESS_WORDS, FOLLOW_UP_RESULTS, FOLLOW_UP_WORDS
from reconnect_tui.core.session import PARTNERS, CheckinSession, StepKind
from reconnect_tui.core.together import Phase
from reconnect_tui.ui.messages import Given
from reconnect_tui.ui.widgets.care_note import CareNote
from reconnect_tui.ui.widgets.word_scale import WordScale

# The answer panes (with their lists of options), the tick box and the field labels
# are imported by the steps that show them: the first step, Arriving, has none, and
# the check-in's first frame comes sooner without them.
if TYPE_CHECKING:
    from textual.widgets import Checkbox

CLOSENESS_LABELS = tuple(CLOSENESS_WORDS[n] for n in range(1, 6))
FOLLOW_UP_LABELS = tuple(FOLLOW_UP_WORDS[key] for key in FOLLOW_UP_RESULTS)
CARRY_LABEL = "Carry it on to next time (unticked: let it go)"


def _partner_box(partner: int, name: str) -> Vertical:
    box = Vertical(classes=f"partner-box partner-{partner}", id=f"pane-{partner}")
    box.border_title = Content(name)  # a name is shown as typed, never read as markup
    return box


class ArriveStep(VerticalScroll):
    """Closeness now, in words, for each partner; a deck's note of care comes first."""

    first_focus = "#closeness-0"

    def __init__(self, session: CheckinSession, first_checkin: bool = False) -> None:
        super().__init__(classes="step")
        self.session = session
        self.first_checkin = first_checkin

    def compose(self) -> ComposeResult:
        yield Static("Arriving", classes="step-title")
        if self.session.deck.note:
            yield Static(clean_text(self.session.deck.note), classes="deck-note", markup=False)
        if self.first_checkin:
            yield CareNote(short=True)
        yield Static("Take a breath together. How close do you each feel right now?", classes="step-lead")
        with Horizontal(classes="panes"):
            for partner in PARTNERS:
                with _partner_box(partner, self.session.partners[partner]):
                    yield WordScale(CLOSENESS_LABELS, self.session.people[partner].closeness_before,
                                    id=f"closeness-{partner}")

    def on_word_scale_changed(self, event: WordScale.Changed) -> None:
        event.stop()
        self.post_message(Given("closeness_before", _partner_of(event.scale), event.value))

    def gather(self) -> list[Given]:
        return [Given("closeness_before", p, self.query_one(f"#closeness-{p}", WordScale).value) for p in PARTNERS]


def follow_up_lead(session: CheckinSession) -> str:
    """Whose gesture is asked about: both, or only the one who chose one."""
    chose = [session.partners[p] for p in PARTNERS if session.previous_intentions[p]]
    if len(chose) == 2:
        return "Last time you each chose a small gesture. How did it go? Any answer is welcome."
    return f"Last time {chose[0]} chose a small gesture. How did it go? Any answer is welcome."


class FollowUpStep(VerticalScroll):
    """How last time's small gestures went, asked of whoever chose one."""

    def __init__(self, session: CheckinSession) -> None:
        super().__init__(classes="step")
        self.session = session
        first = next(p for p in PARTNERS if session.previous_intentions[p])
        self.first_focus = f"#follow-up-{first}"

    def compose(self) -> ComposeResult:
        from reconnect_tui.ui.widgets.tick_box import TickBox

        yield Static("Since last time", classes="step-title")
        yield Static(follow_up_lead(self.session), classes="step-lead", markup=False)
        with Horizontal(classes="panes"):
            for partner in PARTNERS:
                intention = self.session.previous_intentions[partner]
                person = self.session.people[partner]
                with _partner_box(partner, self.session.partners[partner]):
                    if not intention:
                        yield Static("Nothing to look back on this time.", classes="muted")
                        continue
                    yield Static(f"You chose: “{intention}”", classes="intention", markup=False)
                    chosen = person.follow_up_result
                    value = FOLLOW_UP_RESULTS.index(chosen) + 1 if chosen else None
                    yield WordScale(FOLLOW_UP_LABELS, value, id=f"follow-up-{partner}")
                    yield Input(person.follow_up_words, placeholder="A few words, if you like",
                                id=f"follow-up-words-{partner}", compact=True)
                    # Not yet: keep it for the coming days (asked again next time), or let it go.
                    carry = TickBox(CARRY_LABEL, person.carried, id=f"carry-{partner}", compact=True,
                                     classes="carry")
                    carry.display = chosen == "not_yet"
                    yield carry

    def on_word_scale_changed(self, event: WordScale.Changed) -> None:
        event.stop()
        result = None if event.value is None else FOLLOW_UP_RESULTS[event.value - 1]
        partner = _partner_of(event.scale)
        self.query_one(f"#carry-{partner}").display = result == "not_yet"
        self.post_message(Given("follow_up_result", partner, result))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(Given("follow_up_words", _partner_of(event.input), event.value))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(Given("carried", _partner_of(event.checkbox), event.value))

    def gather(self) -> list[Given]:
        from reconnect_tui.ui.widgets.tick_box import TickBox  # loaded already, by compose

        given = []
        for partner in PARTNERS:
            if not self.session.previous_intentions[partner]:
                continue
            value = self.query_one(f"#follow-up-{partner}", WordScale).value
            given.append(Given("follow_up_result", partner, None if value is None else FOLLOW_UP_RESULTS[value - 1]))
            given.append(Given("follow_up_words", partner, self.query_one(f"#follow-up-words-{partner}", Input).value))
            given.append(Given("carried", partner, self.query_one(f"#carry-{partner}", TickBox).value))
        return given


class PromptStep(Vertical):
    """One prompt at the top, both partners' answers below."""

    first_focus = "#answer-0"

    def __init__(self, session: CheckinSession) -> None:
        super().__init__(classes="step prompt-step")
        self.session = session

    def compose(self) -> ComposeResult:
        from reconnect_tui.ui.widgets.answer_pane import AnswerPane

        index = self.session.step.prompt_index
        assert index is not None
        prompt = self.session.deck.prompts[index]
        number, total = index + 1, len(self.session.deck.prompts)
        with Vertical(classes="prompt-head"):
            yield Static(f"Prompt {number} of {total}", classes="step-count")
            yield Static(clean_text(prompt.text), classes="prompt-text", markup=False)
            if prompt.tip:
                yield Static(clean_text(prompt.tip), classes="tip", markup=False)
        with Horizontal(classes="panes"):
            for partner in PARTNERS:
                yield AnswerPane(partner, self.session.partners[partner], index, prompt,
                                 self.session.answer(index, partner))

    def gather(self) -> list[Given]:
        from reconnect_tui.ui.widgets.answer_pane import AnswerPane  # loaded already, by compose

        return [pane.current() for pane in self.query(AnswerPane)]


class CloseStep(VerticalScroll):
    """Appreciation, one small gesture for the coming days, and closeness now."""

    first_focus = "#appreciation-0"

    def __init__(self, session: CheckinSession) -> None:
        super().__init__(classes="step")
        self.session = session

    def compose(self) -> ComposeResult:
        from textual.widgets import Label

        from reconnect_tui.ui.widgets.answer_pane import answer_area

        yield Static("Closing", classes="step-title")
        yield Static("Before you go, if you like: something you appreciate, one small gesture for the "
                     "coming days, and how close you feel now.", classes="step-lead")
        gestures = self.session.gestures
        # Private ratings: the closeness comes after, one partner at a time.
        rate_here = self.session.talk is None or self.session.phase is not Phase.OPEN
        self.rate_here = rate_here
        with Horizontal(classes="panes"):
            for partner in PARTNERS:
                person = self.session.people[partner]
                other = self.session.partners[1 - partner]
                with _partner_box(partner, self.session.partners[partner]):
                    yield Label(Content(f"Something you appreciate about {other}"), classes="field-label first")
                    yield answer_area(person.appreciation, f"appreciation-{partner}", placeholder="In a few words…")
                    yield Label("One small gesture for the coming days", classes="field-label")
                    yield Input(person.intention, id=f"intention-{partner}", compact=True,
                                placeholder="In your own words, or pick a suggestion below")
                    if self.session.carries(partner):
                        carried = self.session.previous_intentions[partner]
                        yield Static(f"Carried on from last time: “{carried}”. A new gesture written here "
                                     "takes its place.", classes="carried-note muted", markup=False)
                    if gestures:
                        # Picking a suggestion fills the field above and the list goes back to
                        # its prompt, so the chosen gesture shows once, in one place.
                        yield Select([(Content(clean_line(g)), g) for g in gestures], prompt="Suggestions…",
                                     id=f"gesture-{partner}", compact=True)
                    if rate_here:  # a private rating comes after, one partner at a time
                        yield Label("How close do you feel now?", classes="field-label")
                        yield WordScale(CLOSENESS_LABELS, person.closeness_after, id=f"closeness-after-{partner}")

    def on_mount(self) -> None:
        for area in self.query(TextArea):
            area.move_cursor(area.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(Given("appreciation", _partner_of(event.text_area), event.text_area.text))

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str):
            self.query_one(f"#intention-{_partner_of(event.select)}", Input).value = event.value
            event.select.clear()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(Given("intention", _partner_of(event.input), event.value))

    def on_word_scale_changed(self, event: WordScale.Changed) -> None:
        event.stop()
        self.post_message(Given("closeness_after", _partner_of(event.scale), event.value))

    def gather(self) -> list[Given]:
        given = []
        for partner in PARTNERS:
            given.append(Given("appreciation", partner, self.query_one(f"#appreciation-{partner}", TextArea).text))
            given.append(Given("intention", partner, self.query_one(f"#intention-{partner}", Input).value))
            if self.rate_here:
                given.append(Given("closeness_after", partner,
                                   self.query_one(f"#closeness-after-{partner}", WordScale).value))
        return given


def _partner_of(widget: Widget) -> int:
    """Which partner a widget belongs to: its id ends in -0 or -1."""
    return int((widget.id or "").rsplit("-", 1)[-1])


def build_step(session: CheckinSession, first_checkin: bool = False) -> Widget:
    """The body for where the session stands, its sub-step included."""
    kind = session.step.kind
    phase = session.phase
    if phase in (Phase.HANDOVER, Phase.READY, Phase.PRIVATE, Phase.SPEAK, Phase.REFLECT, Phase.CONFIRM, Phase.HEARD):
        # Loaded only for a blind or turns talk: an open check-in's start never needs them.
        from reconnect_tui.ui.widgets import together_steps as together

        if phase is Phase.HANDOVER:
            return together.HandOverStep(session)
        if phase is Phase.READY:
            return together.ReadyStep(session)
        if phase is Phase.PRIVATE:
            return together.PrivatePromptStep(session) if kind is StepKind.PROMPT else together.PrivateRatingStep(session)
        return together.TurnsStep(session)
    if kind is StepKind.ARRIVE:
        return ArriveStep(session, first_checkin)
    if kind is StepKind.FOLLOW_UP:
        return FollowUpStep(session)
    if kind is StepKind.PROMPT:
        return PromptStep(session)
    return CloseStep(session)
