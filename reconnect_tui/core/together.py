"""Talking together: the sub-steps inside a step, for blind and turns prompts.

A prompt in `open` mode is one step: both partners answer side by side. The other
two modes make a step into a small walk of its own, kept here as a `Talk`:

- **blind**: a hand-over ("Sam's turn, Alex please look away"), that partner's
  private turn, the same for the other partner, then "Both of you have had your turn.
  Reveal together?" and the reveal. Nothing one partner wrote may be drawn while
  the other is at the keyboard; `Talk.shows(seat)` is what the screens ask.
- **turns**: the speaker answers (or says it aloud), the listener says back what they
  heard (and, if they like, what makes sense to them about it), the speaker says
  "that's it" or "not quite" ("not quite" lets the listener try again), then the
  roles swap unless the prompt is one-way.

Private ratings (every rating in a blind check-in, or always when the settings ask
for it) use the blind walk too: `before` on the arriving step, `after` on the
closing step once its open part (appreciation and gesture) is done.

The check-in session (`session.py`) owns the talks and asks them to move on or
back; when a talk has nothing left inside its step, the session moves to the next
step. Everything here is plain data, saved into the draft and read back, so a
draft saved in the middle of a private turn resumes on that partner's hand-over.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import Any

from msgspec import Struct, field
from msgspec.structs import asdict

from reconnect_tui.core.entry import RESPONSES, Entry, PromptRecord, Reflection, Turn


class Phase(str, Enum):
    OPEN = "open"  # both at the keyboard together
    HANDOVER = "handover"  # blind: the keyboard goes to `seat`; the other looks away
    PRIVATE = "private"  # blind: `seat` answers alone
    READY = "ready"  # blind: both have had their turn; reveal together?
    REVEALED = "revealed"  # blind: both answers side by side, for good
    SPEAK = "speak"  # turns: `seat` speaks
    REFLECT = "reflect"  # turns: the listener says back what they heard
    CONFIRM = "confirm"  # turns: the speaker says "that's it" or "not quite"
    HEARD = "heard"  # turns: every round done; the whole exchange shown


HIDING = (Phase.HANDOVER, Phase.PRIVATE, Phase.READY)
"""The phases in which at least one partner's answer must not be drawn."""


class ReflectionState(Struct):
    heard: str = ""
    makes_sense: str = ""
    response: str | None = None
    added: str = ""

    def record(self) -> Reflection:
        return Reflection(_words(self.heard), _words(self.makes_sense), self.response, _words(self.added))


class Round(Struct):
    """One partner's go as speaker; their words are the prompt's answer for that seat."""

    speaker: int
    reflections: list[ReflectionState] = field(default_factory=list)


class Talk(Struct):
    """Where a blind or turns step stands, and what it has gathered beyond the answers."""

    mode: str  # "blind" or "turns"
    phase: Phase
    seat: int = 0  # blind: whose hand-over or private turn; turns: who speaks now
    starter: int = 0  # who went (or goes) first on this step
    done: list[bool] = field(default_factory=lambda: [False, False])  # blind: private turns finished
    revealed_at: datetime | None = None
    rounds: list[Round] = field(default_factory=list)  # turns
    round: int = 0
    reflection: int = 0
    one_way: bool = False
    open_first: bool = False  # the closing ratings: the step's open part comes before the hand-over

    # --- what may be drawn -------------------------------------------------------------

    @property
    def hiding(self) -> bool:
        return self.phase in HIDING

    def shows(self, seat: int) -> bool:
        """May this partner's answer be drawn on screen right now?"""
        if self.phase is Phase.PRIVATE:
            return seat == self.seat
        return self.phase not in HIDING

    @property
    def at_keyboard(self) -> int | None:
        """The one partner the step is for right now, or None when it is for both."""
        if self.phase in (Phase.HANDOVER, Phase.PRIVATE, Phase.SPEAK, Phase.CONFIRM):
            return self.seat
        if self.phase is Phase.REFLECT:
            return 1 - self.seat
        return None

    @property
    def current_round(self) -> Round | None:
        return self.rounds[self.round] if self.rounds else None

    @property
    def current_reflection(self) -> ReflectionState | None:
        current = self.current_round
        if current is None or not 0 <= self.reflection < len(current.reflections):
            return None
        return current.reflections[self.reflection]

    @property
    def can_swap(self) -> bool:
        """Whether this sub-step still comes before anyone's turn, so the couple may swap who
        goes first; the session adds that nobody has written on the step yet (`CheckinSession.can_swap`)."""
        if self.mode == "blind":
            return self.phase is Phase.HANDOVER and not any(self.done) and self.revealed_at is None
        return self.phase is Phase.SPEAK and self.round == 0 and not self.rounds[0].reflections

    # --- moving within the step --------------------------------------------------------

    def start(self) -> bool:
        """Enter on a hand-over: that partner's private turn begins."""
        if self.phase is not Phase.HANDOVER:
            return False
        self.phase = Phase.PRIVATE
        return True

    def reveal(self, now: datetime) -> bool:
        """Show both together; from here nothing hides again."""
        if self.mode != "blind" or self.phase is Phase.REVEALED:
            return False
        self.phase = Phase.REVEALED
        self.done = [True, True]
        if self.revealed_at is None:
            self.revealed_at = now
        return True

    def swap(self) -> bool:
        if not self.can_swap:
            return False
        self.seat = self.starter = 1 - self.starter
        if self.rounds:
            self.rounds[0].speaker = self.starter
        return True

    def advance(self, now: datetime) -> bool:
        """Ctrl+N inside the step; False when the step itself is done (the session moves on)."""
        phase = self.phase
        if phase is Phase.OPEN:
            if self.open_first:
                self._hand_over_next()
                return True
            return False
        if phase in (Phase.HANDOVER, Phase.PRIVATE):
            # Ctrl+N on a hand-over moves on too: that partner's turn is left as it is.
            self.done[self.seat] = True
            self._hand_over_next()
            return True
        if phase is Phase.READY:
            return self.reveal(now)
        if phase is Phase.REVEALED or phase is Phase.HEARD:
            return False
        if phase is Phase.SPEAK:
            current = self.rounds[self.round]
            if not current.reflections:
                current.reflections.append(ReflectionState())
            self.phase, self.reflection = Phase.REFLECT, 0
            return True
        if phase is Phase.REFLECT:
            self.phase = Phase.CONFIRM
            return True
        # CONFIRM
        current = self.rounds[self.round]
        reflection = current.reflections[self.reflection]
        if reflection.response == "not_quite":
            self.reflection += 1
            if self.reflection == len(current.reflections):
                current.reflections.append(ReflectionState())
            self.phase = Phase.REFLECT
            return True
        del current.reflections[self.reflection + 1:]  # "that's it" ends the tries
        if self.round + 1 < len(self.rounds):
            self.round += 1
        elif self.one_way or len(self.rounds) >= 2:
            self.phase = Phase.HEARD
            return True
        else:
            self.rounds.append(Round(1 - current.speaker))
            self.round += 1
        self.seat = self.rounds[self.round].speaker
        self.phase, self.reflection = Phase.SPEAK, 0
        return True

    def respond(self, response: str | None, now: datetime) -> bool:
        """The speaker's word on what the listener heard, then on to what follows."""
        if self.phase is not Phase.CONFIRM:
            return False
        if response is not None and response not in RESPONSES:
            raise ValueError(f"a response is one of {RESPONSES}")
        self.rounds[self.round].reflections[self.reflection].response = response
        return self.advance(now)

    def retreat(self) -> bool:
        """Ctrl+P inside the step; False when the step's first sub-step is reached (go back a step).

        A private turn goes back to that partner's own hand-over, never into the
        other's turn; a revealed step never hides again.
        """
        phase = self.phase
        if phase is Phase.PRIVATE:
            self.phase = Phase.HANDOVER
            return True
        if phase is Phase.READY:
            self.seat = 1 - self.starter
            self.done[self.seat] = False
            self.phase = Phase.HANDOVER
            return True
        if phase is Phase.HANDOVER and self.open_first:
            self.phase = Phase.OPEN
            return True
        if phase is Phase.REFLECT:
            if self.reflection == 0:
                self.phase = Phase.SPEAK
            else:
                self.reflection -= 1
                self.phase = Phase.CONFIRM
            return True
        if phase is Phase.CONFIRM:
            self.phase = Phase.REFLECT
            return True
        if phase is Phase.SPEAK and self.round > 0:
            self.round -= 1
            self.seat = self.rounds[self.round].speaker
            self.reflection = max(0, len(self.rounds[self.round].reflections) - 1)
            self.phase = Phase.CONFIRM
            return True
        if phase is Phase.HEARD:
            self.round = len(self.rounds) - 1
            self.seat = self.rounds[self.round].speaker
            self.reflection = max(0, len(self.rounds[self.round].reflections) - 1)
            self.phase = Phase.CONFIRM
            return True
        return False

    def settle(self) -> None:
        """After a draft is read back: a private turn reopens on its hand-over."""
        if self.phase is Phase.PRIVATE:
            self.phase = Phase.HANDOVER

    def _hand_over_next(self) -> None:
        waiting = [seat for seat in (self.starter, 1 - self.starter) if not self.done[seat]]
        if waiting:
            self.seat, self.phase = waiting[0], Phase.HANDOVER
        else:
            self.phase = Phase.READY

    # --- into the entry ------------------------------------------------------------------

    def turns_record(self) -> tuple[Turn, ...]:
        return tuple(Turn(r.speaker, tuple(x.record() for x in r.reflections)) for r in self.rounds)

    # --- to and from a draft ---------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "phase": self.phase.value,
            "seat": self.seat,
            "starter": self.starter,
            "done": list(self.done),
            "revealed_at": self.revealed_at.isoformat() if self.revealed_at else None,
            "rounds": [
                {"speaker": r.speaker, "reflections": [asdict(x) for x in r.reflections]} for r in self.rounds
            ],
            "round": self.round,
            "reflection": self.reflection,
            "one_way": self.one_way,
            "open_first": self.open_first,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Talk:
        """Read a talk back from a draft; ValueError, KeyError or TypeError when it is not one."""
        rounds = [
            Round(_seat(r["speaker"]), [ReflectionState(**x) for x in r.get("reflections", [])])
            for r in data.get("rounds", [])
        ]
        done = [bool(x) for x in data.get("done", [False, False])]
        if len(done) != 2:
            raise ValueError("a talk has two seats")
        revealed = data.get("revealed_at")
        talk = cls(
            mode=data["mode"],
            phase=Phase(data["phase"]),
            seat=_seat(data.get("seat", 0)),
            starter=_seat(data.get("starter", 0)),
            done=done,
            revealed_at=datetime.fromisoformat(revealed) if revealed else None,
            rounds=rounds,
            round=int(data.get("round", 0)),
            reflection=int(data.get("reflection", 0)),
            one_way=bool(data.get("one_way", False)),
            open_first=bool(data.get("open_first", False)),
        )
        if talk.mode not in ("blind", "turns"):
            raise ValueError(f"a talk is blind or turns, not {talk.mode!r}")
        if talk.mode == "turns" and (not rounds or not 0 <= talk.round < len(rounds)):
            raise ValueError("a turns talk has at least one round")
        for r in rounds:
            for x in r.reflections:
                if x.response is not None and x.response not in RESPONSES:
                    raise ValueError("a reflection's response is that's it or not quite")
        talk.settle()
        return talk


def blind_talk(first_seat: int, open_first: bool = False) -> Talk:
    phase = Phase.OPEN if open_first else Phase.HANDOVER
    return Talk("blind", phase, seat=first_seat, starter=first_seat, open_first=open_first)


def turns_talk(first_seat: int, one_way: bool) -> Talk:
    return Talk("turns", Phase.SPEAK, seat=first_seat, starter=first_seat, rounds=[Round(first_seat)],
                one_way=one_way)


def _seat(value: Any) -> int:
    if value not in (0, 1) or isinstance(value, bool):
        raise ValueError("a seat is 0 (first) or 1 (second)")
    return int(value)


def _words(text: str) -> str | None:
    return text.strip() or None


# --- reading it back: history, Markdown export, stats -----------------------------------------

STATUS_WORDS = {"passed": "passed", "empty": "left empty", "spoken": "said aloud", "not_reached": "not reached"}
RESPONSE_WORDS = {"thats_it": "that's it", "not_quite": "not quite"}


def status_word(status: str) -> str:
    """How an answer that is not plain words reads: passed, left empty, said aloud, not reached."""
    return STATUS_WORDS.get(status, status)


def heard_label(listener: str) -> str:
    """How the listener's "what I heard you say" is introduced, on screen and read back."""
    return f"{listener} heard"


def makes_sense_label(listener: str) -> str:
    """How the listener's "what makes sense to me about it" is introduced, on screen and read back."""
    return f"What makes sense to {listener}"


def turns_lines(prompt: PromptRecord, names: tuple[str, str]) -> list[tuple[str, str]]:
    """A turns prompt as (who, words) lines: ("Alex", "…"), ("Sam heard", "…"), ("Alex", "that's it")."""
    lines: list[tuple[str, str]] = []
    for turn in prompt.turns:
        speaker, listener = names[turn.speaker], names[1 - turn.speaker]
        answer = prompt.answers[turn.speaker]
        said = prompt.describe(answer)
        if answer.status == "spoken":
            said = f"(said aloud) {said}".rstrip()
        elif not said:
            said = f"({status_word(answer.status)})"
        lines.append((speaker, said))
        for reflection in turn.reflections:
            lines.append((heard_label(listener), reflection.heard or "(nothing written)"))
            if reflection.makes_sense:
                lines.append((makes_sense_label(listener), reflection.makes_sense))
            if reflection.response or reflection.added:
                words = RESPONSE_WORDS.get(reflection.response or "", "")
                if reflection.added:
                    words = f"{words} — {reflection.added}" if words else reflection.added
                lines.append((speaker, words))
    return lines


class TogetherCounts(Struct, frozen=True):
    revealed: int = 0  # blind prompts revealed together
    turns: int = 0  # goes as speaker, listened to
    heard: int = 0  # of those, ended with "that's it"
    spoken: int = 0  # prompts talked about aloud

    def sentence(self) -> str:
        """One kind line for `reconnect stats`; empty when nothing was done together this way."""
        parts = []
        if self.turns:
            parts.append(f"{self.turns} time{'s' if self.turns != 1 else ''} one of you spoke and the other "
                         f"said back what they heard ({self.heard} ended with “that's it”)")
        if self.revealed:
            parts.append(f"{self.revealed} answer{'s' if self.revealed != 1 else ''} revealed together")
        if self.spoken:
            parts.append(f"{self.spoken} prompt{'s' if self.spoken != 1 else ''} talked about aloud")
        return "; ".join(parts) + "." if parts else ""


def together_counts(entries: Iterable[Entry]) -> TogetherCounts:
    revealed = turns = heard = spoken = 0
    for entry in entries:
        for prompt in entry.prompts:
            if prompt.revealed_at is not None:
                revealed += 1
            if any(answer.status == "spoken" for answer in prompt.answers):
                spoken += 1
            for turn in prompt.turns:
                turns += 1
                if any(r.response == "thats_it" for r in turn.reflections):
                    heard += 1
    return TogetherCounts(revealed, turns, heard, spoken)
