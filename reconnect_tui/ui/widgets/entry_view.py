"""One journal entry in full, both partners side by side as in the check-in.

Drawn as a single Rich renderable so that moving through a long list of entries
stays quick; each partner's name takes their own colour (the people file's), whatever their seat.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import App
from textual.widgets import Static

from reconnect_tui.core.cleantext import clean_line, clean_text
from reconnect_tui.core.couple import Who
from reconnect_tui.core.entry import FOLLOW_UP_WORDS, STATUS_WORDS, Entry, Note, closeness_words
from reconnect_tui.core.together import turns_lines


def _day(entry: Entry) -> str:
    moment = entry.started_at
    return f"{moment:%A} {moment.day} {moment:%B %Y}, {moment:%H:%M}"


MATCH_STYLE = "reverse"  # a search match: visible in every theme and without colour


def render_entry(entry: Entry, colours: tuple[str, str], highlight: Sequence[str] = (),
                 notes: Sequence[Note] = ()) -> RenderableType:
    """The entry in full, then its later notes; the words of `highlight` (a search) are marked."""
    marks = [word for word in highlight if word]

    def text(value: str = "", style: str = "") -> Text:
        marked = Text(clean_text(value), style=style)  # data: no control characters
        if marks:
            marked.highlight_words(marks, MATCH_STYLE, case_sensitive=False)
        return marked

    names = [text(clean_line(p.name), style=f"bold {colour}") for p, colour in zip(entry.partners, colours, strict=True)]

    def pair(first: RenderableType, second: RenderableType) -> Table:
        grid = Table.grid(expand=True, padding=(0, 2))
        grid.add_column(ratio=1)
        grid.add_column(ratio=1)
        grid.add_row(first, second)
        return grid

    parts: list[RenderableType] = [
        text(clean_line(entry.deck_title), style="bold"),
        text(_day(entry), style="dim"),
        text(""),
        pair(*names),
        pair(*[
            text(f"{closeness_words(p.closeness_before)} → {closeness_words(p.closeness_after)}")
            for p in entry.partners
        ]),
    ]
    if any(p.follow_up for p in entry.partners):
        parts += [text(""), text("Since last time", style="bold")]
        cells = []
        for partner in entry.partners:
            if partner.follow_up is None:
                cells.append(text("—", style="dim"))
                continue
            result = FOLLOW_UP_WORDS.get(partner.follow_up.result or "", "passed")
            words = f" {partner.follow_up.words}" if partner.follow_up.words else ""
            carried = " Carried on to next time." if partner.follow_up.carried else ""
            cells.append(text(f"“{partner.follow_up.intention}”: {result}.{words}{carried}"))
        parts.append(pair(*cells))
    for prompt in entry.prompts:
        if all(answer.status == "not_reached" for answer in prompt.answers):
            continue
        parts += [text(""), text(clean_line(prompt.text), style="bold")]
        if prompt.turns:  # speaker and listener, in the order it was said
            for who, words in turns_lines(prompt, entry.names):
                parts.append(Text.assemble((f"{clean_line(who)}: ", "bold"), text(words)))
            continue
        cells = []
        for answer in prompt.answers:
            words = prompt.describe(answer)
            if answer.status in ("answered", "spoken") and words:
                cells.append(text(words + (" (also said aloud)" if answer.status == "spoken" else "")))
            else:
                cells.append(text(STATUS_WORDS.get(answer.status, answer.status), style="dim italic"))
        parts.append(pair(*cells))
    for title, attribute in (("Appreciations", "appreciation"), ("Small gestures for the coming days", "intention")):
        values = [getattr(p, attribute) for p in entry.partners]
        if any(values):
            parts += [text(""), text(title, style="bold")]
            parts.append(pair(*[text(v) if v else text("—", style="dim") for v in values]))
    if notes:
        parts += [text(""), text("Later notes", style="bold")]
        for note in notes:
            moment = note.written_at
            parts += [text(f"{moment:%A} {moment.day} {moment:%B %Y}, {moment:%H:%M}", style="dim"), text(note.text)]
    return Group(*parts)


class EntryView(Static):
    who: Who | None = None
    """Who is who (the people file): each name takes its person's own colour."""
    _shown: tuple | None = None  # what is drawn now: (entry, highlight, notes, colours)

    def show(self, entry: Entry | None, highlight: Sequence[str] = (), notes: Sequence[Note] = ()) -> None:
        """Draw `entry`; nothing is redrawn when it is the one already shown, as it was.

        Laying out and drawing an entry (a table per pair of answers) is the dearest
        part of a list update: the history shows the newest entries first and then
        the whole journal, with the same entry chosen, and need not draw it twice.
        """
        if entry is None:
            self._shown = None
            self.update(Text("Nothing to show here.", style="dim"))
            return
        colours = partner_colours(self.app, entry, self.who)
        shown = (entry, tuple(highlight), tuple(notes), colours)
        if shown == self._shown:  # equal entries (a re-read file) look the same
            return
        self._shown = shown
        self.update(render_entry(entry, colours, highlight, notes))


def partner_colours(app: App, entry: Entry, who: Who | None) -> tuple[str, str]:
    """Each partner's colour in `entry` (a Rich style): the person's own, else their seat's."""
    found = []
    for seat, partner in enumerate(entry.partners):
        palette = who.colour(who.key(partner)) if who is not None else None
        if hasattr(app, "person_colour"):
            found.append(app.person_colour(palette, seat))
        else:
            found.append(app.theme_variables.get("primary" if seat == 0 else "accent", "blue"))
    return (found[0], found[1])
