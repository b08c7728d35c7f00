"""Messages that widgets post for their screen to act on."""

from __future__ import annotations

from textual.message import Message


class Given(Message):
    """A partner gave, changed or cleared something on the current step.

    `field` names what it is: closeness_before, follow_up_result, follow_up_words,
    answer, appreciation, intention or closeness_after.
    """

    def __init__(self, field: str, partner: int, value: object) -> None:
        super().__init__()
        self.field = field
        self.partner = partner
        self.value = value
