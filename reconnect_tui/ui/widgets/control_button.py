"""The buttons of the check-in's controls bar (Back, the passes, Said aloud, Break, Finish, Next).

Why not Textual's Button: `reconnect checkin` should draw its first screen within
1.3 times a bare Textual app with two TextAreas (issue #13), and profiling put
Button at about 9 ms of that first frame: parsing its 57-rule DEFAULT_CSS (3.4 ms
here; these 14 rules take 1.1 ms), 43 more rules in the stylesheet to match, and
restyles of each button as its reactives (`compact`, `flat`, `variant`) set their
classes after it is made. This button gets its classes once, when it is made, and
carries only the rules a compact Button uses. Measured (first frame drawn, check-in
over the bare app, median of 15 paired runs, in several sessions): 1.35 to 1.36 with
Button, 1.29 to 1.32 with this; the same whether these rules sit here or in
checkin.tcss, so they stay with the widget.

It draws exactly what `Button(label, compact=True)` draws, or with `primary=True`
what `variant="primary"` does, in every theme and state: normal, hover, focus,
disabled, and the short flash of a press (`-active`). The `:ansi` rules copy
Button's in the ansi-* themes, quirks included: there a disabled button, or one
being pressed, gets Button's border back (its `!important` outranks compact's)
and grows to three rows, of which the one-row bar shows the top edge: the
disabled Back reads as a line, a pressed button blanks for its flash.
tests/ui/test_control_button.py compares the two, state by state.

It behaves as Button does: Tab reaches it unless it is disabled, Enter or a
click presses it (Space does nothing, as in Button), and a press posts
`ControlButton.Pressed`, handled as `on_control_button_pressed`. Unlike Button
it has no variants but primary, no flat style, no action, no tooltip, and its
label is plain text, never markup.
"""

from __future__ import annotations

from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

PRESS_FLASH_SECONDS = 0.2  # Button's active_effect_duration


class ControlButton(Widget, can_focus=True):
    """A compact button whose look is fixed when it is made; see the module's docstring."""

    ALLOW_SELECT = False

    # Button's rules for `.-style-default.-textual-compact`, with the ones a compact
    # button never shows (borders, other variants, flat) left out. The order matters:
    # as in Button, a press outranks hover, and the ansi-* themes outrank the rest.
    DEFAULT_CSS = """
    ControlButton {
        width: auto;
        height: auto;
        line-pad: 1;
        text-align: center;
        content-align: center middle;
        pointer: pointer;
        text-style: bold;
        color: $button-foreground;
        background: $surface;

        &:disabled {
            text-opacity: 0.6;
            pointer: not-allowed;
        }
        &:focus {
            text-style: $button-focus-text-style;
            background-tint: $foreground 5%;
        }
        &:hover {
            background: $surface-darken-1;
        }
        &.-active {
            background: $surface;
            tint: $background 30%;
        }
        &.-primary {
            color: $button-color-foreground;
            background: $primary;
            &:hover {
                background: $primary-darken-2;
            }
            &.-active {
                background: $primary;
            }
        }

        &:ansi {
            background: ansi_default;
            &:hover {
                background: $ansi-background;
            }
            &:disabled {
                text-opacity: 1;
                text-style: bold dim;
                border: tall $border-blurred;
                background: ansi_default;
            }
            &.-active {
                background: $ansi-background !important;
                border: blank $background;
                tint: transparent;
            }
            &.-primary {
                color: $primary;
                background: ansi_default;
                &:hover {
                    background: $ansi-background;
                }
            }
        }
    }
    """

    BINDINGS = [Binding("enter", "press", "Press button", show=False)]

    class Pressed(Message):
        """The button was pressed (Enter, a click, or `press()`)."""

        def __init__(self, button: ControlButton) -> None:
            super().__init__()
            self.button = button

        @property
        def control(self) -> ControlButton:
            return self.button

    def __init__(
        self,
        label: str,
        *,
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str = "",
        primary: bool = False,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, classes=f"{classes} -primary" if primary else classes, disabled=disabled)
        self._label = Content(label)

    @property
    def label(self) -> Content:
        """The words on the button."""
        return self._label

    @label.setter
    def label(self, label: str | Content) -> None:
        label = Content(label) if isinstance(label, str) else label
        if label != self._label:
            self._label = label
            self.refresh(layout=True)  # its width follows its words

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self._label.cell_length + 2  # line-pad: one column each side

    def render(self) -> RenderResult:
        return self._label

    def press(self) -> None:
        """Flash, and tell the screen; a disabled or hidden button does nothing."""
        if self.disabled or not self.display:
            return
        self.add_class("-active")
        self.set_timer(PRESS_FLASH_SECONDS, lambda: self.remove_class("-active"))
        self.post_message(self.Pressed(self))

    def action_press(self) -> None:
        if not self.has_class("-active"):  # as Button: not again during the flash
            self.press()

    async def _on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_press()
