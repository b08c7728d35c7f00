"""Words the app says in more than one place, kept together so they stay kind and true.

The care note is said on the first run, on the home screen, in the README and (in the
repair deck's own words) before a repair talk. Everywhere it is the same few calm lines.
"""

from __future__ import annotations

import re

# Said before the first check-in too (the arriving step of a couple's first check-in
# shows this line alone): nothing here is private from the other partner.
READ_BY_BOTH = (
    "Both of you can read everything written here: on screen, in the journal and in any export."
)

CARE_POINTS = (
    READ_BY_BOTH,
    "These talks work when you are both calm enough. Either of you can take a break at any time.",
    "reconnect is not therapy. A betrayal, or a hurt that keeps coming back, is worth a couples therapist.",
    "If you are afraid of your partner, or feel controlled or pressured, talk first to confidential "
    "support of your own or a domestic-violence line, not a couples session: a joint session can be "
    "unsafe then. In danger, call local emergency services.",
)

CARE_NOTE = "\n".join(CARE_POINTS)


def is_about_safety(text: str) -> bool:
    """A note that speaks of therapy, danger or fear is a care note, and must say all of it."""
    return bool(re.search(r"therap|unsafe|afraid|violence|danger", text, re.IGNORECASE))


def care_note_gaps(text: str) -> list[str]:
    """What a care note leaves out, in words; empty when it says all of it.

    Half a safety note can do harm (say, sending a frightened partner to a joint
    session), so a note either says every point or is not shipped.
    """
    said = " ".join(text.lower().split())
    points = {
        "says reconnect is not therapy": "not therapy" in said,
        "names a couples therapist for deeper hurts": "couples therapist" in said,
        "says either of you can take a break": "either of you" in said and "break" in said,
        "speaks to someone afraid, controlled or pressured": all(
            word in said for word in ("afraid", "controlled", "pressured")
        ),
        "points them first to support of their own or a domestic-violence line": "domestic-violence line" in said
        and "first" in said,
        "says a joint session is not the place then": "not a joint session" in said or "not a couples session" in said,
        "names emergency services for danger": "emergency services" in said,
    }
    return [point for point, present in points.items() if not present]
