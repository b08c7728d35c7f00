"""The bodies of the sub-steps of talking together: hand-over, private turns, reveal, turns.

Each is built from the core session as it stands (`session.talk` says where the
step is) and draws only what `session.shows(partner)` allows: while one partner
answers privately, the other partner's widgets are not in the screen at all, so
nothing they wrote can be drawn, focused or read back. Like the other step
bodies, these post `Given` and answer `gather()` and `first_focus`.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Static, TextArea

from reconnect_tui.core.cleantext import clean_line, clean_text
from reconnect_tui.core.entry import RESPONSES
from reconnect_tui.core.session import PARTNERS, CheckinSession, StepKind
from reconnect_tui.core.together import Phase, Talk, heard_label, makes_sense_label
from reconnect_tui.ui.messages import Given
from reconnect_tui.ui.widgets.answer_pane import AnswerPane, answer_area
from reconnect_tui.ui.widgets.word_scale import WordScale

CLOSENESS_LABELS = ("Far apart", "A bit apart", "In between", "Close", "Very close")
RESPONSE_WORDS = {"thats_it": "that's it", "not_quite": "not quite"}
LISTENER_TIP = "Say back what you heard, in your own words. Reflect; don't answer, explain or defend."
SPEAKER_TIP = "Speak about your own experience: “I feel … about … and I need …”. Type it, or say it aloud (Ctrl+O)."


def _talk(session: CheckinSession) -> Talk:
    talk = session.talk
    assert talk is not None
    return talk


def _what(session: CheckinSession, name: str) -> str:
    if session.step.kind is not StepKind.PROMPT:
        return f"{name} rates how close they feel right now, privately."
    number, total = session.prompt_number() or (0, 0)
    return f"{name} answers prompt {number} of {total} privately."


def _prompt_head(session: CheckinSession, tip: str | None = None) -> Vertical:
    index = session.step.prompt_index
    assert index is not None
    prompt = session.deck.prompts[index]
    number, total = index + 1, len(session.deck.prompts)
    head = Vertical(classes="prompt-head")
    head.compose_add_child(Static(f"Prompt {number} of {total}", classes="step-count"))
    head.compose_add_child(Static(clean_text(prompt.text), classes="prompt-text", markup=False))
    shown_tip = tip or prompt.tip
    if shown_tip:
        head.compose_add_child(Static(clean_text(shown_tip), classes="tip", markup=False))
    return head


class HandOverStep(Vertical):
    """"Sam's turn. Alex, please look away." Enter (on Start) begins the private turn."""

    first_focus = "#start-turn"

    def __init__(self, session: CheckinSession) -> None:
        super().__init__(classes="step hand-over")
        self.session = session

    def compose(self) -> ComposeResult:
        talk = _talk(self.session)
        writer, other = self.session.partners[talk.seat], self.session.partners[1 - talk.seat]
        if self.session.deck.note and self.session.step.kind is StepKind.ARRIVE and not any(talk.done):
            yield Static(clean_text(self.session.deck.note), classes="deck-note hand-over-note", markup=False)
        with Vertical(classes="hand-over-card"):
            yield Static(Text(f"{writer}'s turn", style="bold"), classes="hand-over-title")
            yield Static(Text(f"{other}, please look away for a moment."), classes="hand-over-line")
            yield Static(
                f"{_what(self.session, writer)} The answers are shown together once you have both had your turn.",
                classes="step-lead", markup=False,
            )
            with Horizontal(classes="hand-over-buttons"):
                yield Button(Content(f"Start {writer}'s turn"), id="start-turn", variant="primary", compact=True)
                if self.session.can_swap:
                    yield Button(Content(f"{other} goes first instead"), id="swap", compact=True)
            yield Static("Enter starts · Ctrl+N skips this turn · Ctrl+G takes a break", classes="muted")

    def gather(self) -> list[Given]:
        return []


class ReadyStep(Vertical):
    """Both have had their turn: reveal together."""

    first_focus = "#reveal"

    def __init__(self, session: CheckinSession) -> None:
        super().__init__(classes="step hand-over")
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(classes="hand-over-card"):
            yield Static(Text("Both of you have had your turn.", style="bold"), classes="hand-over-title")
            yield Static("Sit together and reveal your answers at the same time.", classes="hand-over-line")
            with Horizontal(classes="hand-over-buttons"):
                yield Button("Reveal together", id="reveal", variant="primary", compact=True)
            yield Static("Enter or Ctrl+R reveals · Ctrl+P goes back", classes="muted")

    def gather(self) -> list[Given]:
        return []


class WaitingPane(Vertical):
    """Where the other partner's answer would be: only whether it is there yet."""

    def __init__(self, partner: int, name: str, done: bool) -> None:
        super().__init__(classes=f"answer-pane partner-{partner} waiting-pane", id=f"pane-{partner}")
        self.border_title = Content(name)
        self.done = done

    def compose(self) -> ComposeResult:
        line = ("Answered. It stays private until you reveal together." if self.done
                else "Not had a turn yet.")
        yield Static(line, classes="muted")


class PrivatePromptStep(Vertical):
    """One partner answers a blind prompt; the other partner's pane is not there at all."""

    def __init__(self, session: CheckinSession) -> None:
        super().__init__(classes="step prompt-step")
        self.session = session
        self.seat = _talk(session).seat
        self.first_focus = f"#answer-{self.seat}"

    def compose(self) -> ComposeResult:
        index = self.session.step.prompt_index
        assert index is not None
        talk = _talk(self.session)
        yield _prompt_head(self.session)
        with Horizontal(classes="panes"):
            for partner in PARTNERS:
                name = self.session.partners[partner]
                if partner == self.seat:
                    yield AnswerPane(partner, name, index, self.session.deck.prompts[index],
                                     self.session.answer(index, partner))
                else:
                    yield WaitingPane(partner, name, talk.done[partner])

    def gather(self) -> list[Given]:
        return [pane.current() for pane in self.query(AnswerPane)]


class PrivateRatingStep(VerticalScroll):
    """One partner rates closeness privately (arriving or closing)."""

    def __init__(self, session: CheckinSession) -> None:
        super().__init__(classes="step")
        self.session = session
        self.seat = _talk(session).seat
        self.field = "closeness_before" if session.step.kind is StepKind.ARRIVE else "closeness_after"
        self.first_focus = f"#private-closeness-{self.seat}"

    def compose(self) -> ComposeResult:
        talk = _talk(self.session)
        yield Static("Arriving" if self.field == "closeness_before" else "Closing", classes="step-title")
        yield Static("How close do you feel right now? Just for you until you reveal together.",
                     classes="step-lead")
        with Horizontal(classes="panes"):
            for partner in PARTNERS:
                box = Vertical(classes=f"partner-box partner-{partner}", id=f"pane-{partner}")
                box.border_title = Content(self.session.partners[partner])
                with box:
                    if partner == self.seat:
                        person = self.session.people[partner]
                        value = person.closeness_before if self.field == "closeness_before" else person.closeness_after
                        yield WordScale(CLOSENESS_LABELS, value, id=f"private-closeness-{partner}")
                    else:
                        yield Static("Rated, and kept private for now." if talk.done[partner]
                                     else "Not had a turn yet.", classes="muted")

    def on_word_scale_changed(self, event: WordScale.Changed) -> None:
        event.stop()
        self.post_message(Given(self.field, self.seat, event.value))

    def gather(self) -> list[Given]:
        return [Given(self.field, self.seat, self.query_one(f"#private-closeness-{self.seat}", WordScale).value)]


def turns_transcript(session: CheckinSession, talk: Talk, upto_current: bool = True) -> Text:
    """The exchange so far, readably: "Alex: … / Sam heard: … / Alex: that's it"."""
    index = session.step.prompt_index
    assert index is not None
    prompt = session.deck.prompts[index]
    names = session.partners
    text = Text()

    def line(label: str, words: str, style: str = "") -> None:
        if text:
            text.append("\n")
        text.append(f"{clean_line(label)}: ", style="bold")  # words from a draft are data
        text.append(clean_text(words), style=style)

    for number, round_ in enumerate(talk.rounds):
        if upto_current and number > talk.round:
            break
        speaker, listener = names[round_.speaker], names[1 - round_.speaker]
        state = session.answer(index, round_.speaker)
        said = _answer_words(prompt, state.value)
        if talk.phase is Phase.SPEAK and number == talk.round:
            break
        if state.spoken:
            line(speaker, f"(said aloud) {said}".rstrip(), "italic")
        else:
            line(speaker, said or "(nothing written)")
        for try_number, reflection in enumerate(round_.reflections):
            current = number == talk.round and try_number == talk.reflection
            if current and talk.phase is Phase.REFLECT:
                break
            line(heard_label(listener), reflection.heard.strip() or "(nothing written)")
            if reflection.makes_sense.strip():
                line(makes_sense_label(listener), reflection.makes_sense.strip())
            if current and talk.phase is Phase.CONFIRM:
                break
            response = RESPONSE_WORDS.get(reflection.response or "", "moved on")
            added = f" — {reflection.added.strip()}" if reflection.added.strip() else ""
            line(speaker, f"{response}{added}")
    return text


def _answer_words(prompt: object, value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, int) and getattr(prompt, "labels", ()):
        labels = prompt.labels  # type: ignore[attr-defined]
        return labels[value - 1] if 1 <= value <= len(labels) else str(value)
    return str(value or "").strip()


class ResponseButtons(Horizontal):
    """"That's it" and "Not quite": ← → move between them, as Tab does."""

    BINDINGS = [
        Binding("left", "move(-1)", "choose", show=False),
        Binding("right", "move(1)", "choose", key_display="← →"),
    ]

    def action_move(self, by: int) -> None:
        buttons = list(self.query(Button))
        focused = self.screen.focused
        if focused in buttons:
            buttons[min(max(buttons.index(focused) + by, 0), len(buttons) - 1)].focus()


class TurnsStep(VerticalScroll):
    """Speaker and listener on one prompt: one sub-step at a time, the exchange above it."""

    def __init__(self, session: CheckinSession) -> None:
        super().__init__(classes="step turns-step")
        self.session = session
        self.talk = _talk(session)
        phase = self.talk.phase
        self.first_focus = {
            Phase.SPEAK: f"#answer-{self.talk.seat}",
            Phase.REFLECT: "#heard",
            Phase.CONFIRM: "#added",  # never a button: a stray Enter must not answer for the speaker
            Phase.HEARD: "#next",  # the check-in's own Next: Enter moves on
        }[phase]

    def compose(self) -> ComposeResult:
        session, talk = self.session, self.talk
        index = session.step.prompt_index
        assert index is not None
        names = session.partners
        speaker = talk.rounds[talk.round].speaker if talk.rounds else talk.seat
        listener = 1 - speaker
        phase = talk.phase
        tip = {Phase.SPEAK: SPEAKER_TIP, Phase.REFLECT: LISTENER_TIP}.get(phase)
        yield _prompt_head(session, tip)
        transcript = turns_transcript(session, talk)
        if transcript:
            yield Static(transcript, classes="turns-transcript")
        if phase is Phase.SPEAK:
            yield Static(Text(f"{names[speaker]} speaks, {names[listener]} listens.", style="bold"),
                         classes="turns-who")
            yield AnswerPane(speaker, names[speaker], index, session.deck.prompts[index],
                             session.answer(index, speaker))
            if session.can_swap:
                yield Button(Content(f"{names[listener]} speaks first instead"), id="swap", compact=True)
        elif phase is Phase.REFLECT:
            reflection = talk.current_reflection
            assert reflection is not None
            yield Static(Text(f"{names[listener]}, what did you hear?", style="bold"), classes="turns-who")
            yield answer_area(reflection.heard, "heard", placeholder="What I heard you say…")
            yield answer_area(reflection.makes_sense, "makes-sense",
                              placeholder="What makes sense to me about it… (if you like)")
        elif phase is Phase.CONFIRM:
            reflection = talk.current_reflection
            assert reflection is not None
            yield Static(Text(f"{names[speaker]}, is that what you meant?", style="bold"), classes="turns-who")
            yield Input(reflection.added, id="added", compact=True,
                        placeholder="A line to add, if you like (Tab goes to the buttons)")
            with ResponseButtons(classes="turns-buttons"):
                yield Button("That's it", id="thats-it", variant="primary", compact=True)
                yield Button("Not quite", id="not-quite", compact=True)
        else:
            rounds = "both of you have" if len(talk.rounds) > 1 else f"{names[talk.rounds[0].speaker]} has"
            yield Static(f"Heard: {rounds} been listened to. Ctrl+N moves on.", classes="step-lead")

    def on_mount(self) -> None:
        for area in self.query(TextArea):
            area.move_cursor(area.document.end)
        # Only once the step is laid out do the places of its parts exist; Textual's own
        # scroll to a newly focused field comes before that, and misses.
        self.call_after_refresh(self.show_current_part)

    def on_resize(self) -> None:
        self.call_after_refresh(self.show_current_part)

    def show_current_part(self) -> None:
        """The exchange grows with every try and what is asked now comes last: scroll to it,
        then make sure the field with the cursor is wholly in view, even in a short terminal."""
        self.scroll_end(animate=False, immediate=True)
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            self.scroll_to_widget(focused, animate=False, immediate=True)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id in ("heard", "makes-sense"):
            event.stop()
            self.post_message(Given(event.text_area.id.replace("-", "_"), 1 - self.talk.seat, event.text_area.text))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(Given("added", self.talk.seat, event.value))

    def gather(self) -> list[Given]:
        given: list[Given] = [pane.current() for pane in self.query(AnswerPane)]
        phase = self.talk.phase
        if phase is Phase.REFLECT:
            for field_id in ("heard", "makes-sense"):
                given.append(Given(field_id.replace("-", "_"), 1 - self.talk.seat,
                                   self.query_one(f"#{field_id}", TextArea).text))
        elif phase is Phase.CONFIRM:
            given.append(Given("added", self.talk.seat, self.query_one("#added", Input).value))
        return given


RESPONSE_BUTTONS = {"thats-it": RESPONSES[0], "not-quite": RESPONSES[1]}
