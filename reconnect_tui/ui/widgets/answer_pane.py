"""One partner's answer to the current prompt, headed by their name in their colour.

The input fits the prompt's kind: free text, a word scale, or a list of options.
The pane never changes the session itself: it posts `Given` and the screen acts.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import RadioSet, SelectionList, Static, TextArea

from reconnect_tui.core.cleantext import clean_line
from reconnect_tui.core.decks import Prompt
from reconnect_tui.core.session import AnswerState
from reconnect_tui.ui.messages import Given
from reconnect_tui.ui.widgets.choice_list import ChoiceButton, ChoiceList
from reconnect_tui.ui.widgets.word_scale import WordScale

PLACEHOLDER = "Write here, or pass. Both are fine."


class AnswerArea(TextArea):
    """A text area that draws nothing once it has left the screen.

    Every step is built afresh, so the old step's text areas are removed while
    the screen may still hold an update they queued a moment before (a key typed
    just before Ctrl+P). Textual can then draw one from its last layout after it
    was detached: cut off from the screen, a transparent area has no background
    at all, and with a theme that has no surface colour (textual-dark, the
    default) Textual's text-area theme fails an assertion and the app ended.
    A detached area is not on screen, so there is nothing to draw.
    """

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self.is_attached:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)


def answer_area(text: str, id: str, placeholder: str | Content = PLACEHOLDER) -> TextArea:
    """A text area for prose: wrapped, no line numbers, Tab moves on."""
    return AnswerArea(
        text,
        id=id,
        soft_wrap=True,
        tab_behavior="focus",
        show_line_numbers=False,
        highlight_cursor_line=False,
        placeholder=placeholder,
        compact=True,
        classes="answer-input",
    )


class AnswerPane(Vertical):
    def __init__(self, partner: int, name: str, prompt_index: int, prompt: Prompt, state: AnswerState) -> None:
        super().__init__(classes=f"answer-pane partner-{partner}", id=f"pane-{partner}")
        self.partner = partner
        self.prompt_index = prompt_index
        self.prompt = prompt
        self.state = state
        self.border_title = Content(name)

    def compose(self) -> ComposeResult:
        input_id = f"answer-{self.partner}"
        value = self.state.value
        if self.prompt.kind == "scale":
            yield WordScale(self.prompt.labels, value if isinstance(value, int) else None, id=input_id,
                            classes="answer-input")
        elif self.prompt.kind == "choice":
            chosen = value if isinstance(value, tuple) else ()
            if self.prompt.multiple:
                yield ChoiceList(
                    *[(Content(clean_line(option)), option, option in chosen) for option in self.prompt.options],
                    id=input_id,
                    classes="answer-input",
                )
            else:
                with RadioSet(id=input_id, classes="answer-input"):
                    for option in self.prompt.options:
                        yield ChoiceButton(Content(clean_line(option)), value=option in chosen)
        else:
            yield answer_area(value if isinstance(value, str) else "", input_id)
        yield Static("Passed, and that is fine. The button with your name below brings the box back.",
                     classes="passed-note")
        yield Static("Talked about aloud ✓ (anything written here is kept too).", classes="spoken-note")

    def on_mount(self) -> None:
        self.show_passed(self.state.passed)
        self.set_class(self.state.spoken, "-spoken")
        for area in self.query(TextArea):
            area.move_cursor(area.document.end)  # back on a written answer, go on from its end

    def show_passed(self, passed: bool) -> None:
        self.set_class(passed, "-passed")
        self.query_one(".answer-input").disabled = passed

    def current(self) -> Given:
        """The answer as the widget holds it right now."""
        widget = self.query_one(".answer-input")
        if isinstance(widget, TextArea):
            value: object = widget.text
        elif isinstance(widget, WordScale):
            value = widget.value
        elif isinstance(widget, SelectionList):
            chosen = set(widget.selected)
            value = tuple(option for option in self.prompt.options if option in chosen)
        else:
            assert isinstance(widget, RadioSet)
            index = widget.pressed_index
            value = (self.prompt.options[index],) if index >= 0 else None
        return Given("answer", self.partner, value, self.prompt_index)

    def _give(self, value: object) -> None:
        self.post_message(Given("answer", self.partner, value, self.prompt_index))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._give(event.text_area.text)

    def on_word_scale_changed(self, event: WordScale.Changed) -> None:
        event.stop()
        self._give(event.value)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        chosen = set(event.selection_list.selected)
        self._give(tuple(option for option in self.prompt.options if option in chosen))

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self._give((self.prompt.options[event.index],))
