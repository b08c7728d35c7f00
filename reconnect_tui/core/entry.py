"""A journal entry: one finished (or saved-early) check-in, as stored on disk.

The check-in writes it, the history reads it, export and import carry it. Each
prompt's text is kept as it was asked, so an old entry reads the same after its
deck changes. Partners are kept in seat order (first, second); every per-partner
list in the file follows that order.

The records, and the reading and writing of them, are defined once in
`reconnect_tui.core.model` and re-exported here under the names the rest of
reconnect uses; this module adds the words a reader sees.
"""

from __future__ import annotations

import re
from datetime import datetime

from reconnect_tui.core.fsutil import random_hex
from reconnect_tui.core.model import (
    FOLLOW_UP_RESULTS,
    ID_REGEX,
    KINDS,
    PROMPT_MODES,
    READABLE_VERSIONS,
    RESPONSES,
    SCHEMA_VERSION,
    STATUSES,
    BOM,
    AnswerValue,
    Answer,
    DeckRef,
    Entry,
    EntryFromNewerVersion,
    EntryInvalid,
    EntryV1,
    FollowUp,
    Note,
    PartnerRecord,
    PromptRecord,
    Reflection,
    Turn,
    decode_entry,
    encode_entry,
    encode_entry_line,
    entry_from_dict,
    entry_to_dict,
)
from reconnect_tui.core.plainwords import explain

__all__ = [
    "CLOSENESS_WORDS",
    "FOLLOW_UP_RESULTS",
    "FOLLOW_UP_WORDS",
    "ID_PATTERN",
    "KINDS",
    "MODES",
    "PROMPT_MODES",
    "RESPONSES",
    "SCHEMA_VERSION",
    "STATUSES",
    "STATUS_WORDS",
    "Answer",
    "AnswerValue",
    "DeckRef",
    "Entry",
    "EntryFromNewerVersion",
    "EntryInvalid",
    "FollowUp",
    "Note",
    "PartnerRecord",
    "PromptRecord",
    "Reflection",
    "Turn",
    "closeness_words",
    "decode_entry",
    "encode_entry",
    "encode_entry_line",
    "entry_from_dict",
    "entry_to_dict",
    "EntryV1",
    "explain",
    "new_entry_id",
]

# How partners answer: side by side, privately then revealed together, or as speaker
# and listener (core/together.py runs the last two).
MODES = PROMPT_MODES
ID_PATTERN = re.compile(ID_REGEX)

# Words, never grades: how close each partner feels, from 1 to 5.
CLOSENESS_WORDS = {1: "Far apart", 2: "A bit apart", 3: "In between", 4: "Close", 5: "Very close"}
FOLLOW_UP_WORDS = {"yes": "Yes", "partly": "Partly", "not_yet": "Not yet"}
# An answer that holds no words, as a reader sees it.
STATUS_WORDS = {"passed": "passed", "empty": "left empty", "spoken": "said aloud", "not_reached": "not reached"}


def new_entry_id(started_at: datetime) -> str:
    """Sortable by time, unique across two laptops writing into one synced folder."""
    return f"{started_at:%Y%m%d-%H%M%S}-{random_hex(3)}"


def closeness_words(value: int | None) -> str:
    """The word for a rating; a dash when none was given (never a reproach)."""
    return CLOSENESS_WORDS.get(value, "—") if value is not None else "—"
