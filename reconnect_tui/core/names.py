"""How long a partner's name may be, and the one place that says so.

Twenty characters: enough for a first name, a double name or a nickname, and
short enough that both names, the buttons that carry them and every control
still fit on one 80-column screen.
"""

from __future__ import annotations

NAME_LIMIT = 20


def name_problem(name: str) -> str | None:
    """Why a name cannot be used, in words; None when it is fine."""
    if not name.strip():
        return "a name cannot be empty"
    if len(name.strip()) > NAME_LIMIT:
        return f"“{name.strip()}” is longer than {NAME_LIMIT} characters; a first name or a nickname fits best"
    return None
