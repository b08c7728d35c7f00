"""Messages that widgets post for their screen to act on."""

from __future__ import annotations

from textual.message import Message


class Given(Message):
    """A partner gave, changed or cleared something.

    `field` names what it is: closeness_before, follow_up_result, follow_up_words,
    answer, appreciation, intention or closeness_after. An answer names its prompt,
    so a message that arrives after the couple has moved on still lands in the
    right place.
    """

    def __init__(self, field: str, partner: int, value: object, prompt_index: int | None = None) -> None:
        super().__init__()
        self.field = field
        self.partner = partner
        self.value = value
        self.prompt_index = prompt_index
