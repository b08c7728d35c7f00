"""One journal entry in full, both partners side by side as in the check-in.

Drawn as a single Rich renderable so that moving through a long list of entries
stays quick; the partners' names take the theme's two colours.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from reconnect_tui.core.entry import FOLLOW_UP_WORDS, STATUS_WORDS, Entry, closeness_words


def _day(entry: Entry) -> str:
    moment = entry.started_at
    return f"{moment:%A} {moment.day} {moment:%B %Y}, {moment:%H:%M}"


def render_entry(entry: Entry, colours: tuple[str, str]) -> RenderableType:
    names = [Text(p.name, style=f"bold {colour}") for p, colour in zip(entry.partners, colours, strict=True)]

    def pair(first: RenderableType, second: RenderableType) -> Table:
        grid = Table.grid(expand=True, padding=(0, 2))
        grid.add_column(ratio=1)
        grid.add_column(ratio=1)
        grid.add_row(first, second)
        return grid

    parts: list[RenderableType] = [
        Text(entry.deck_title, style="bold"),
        Text(_day(entry), style="dim"),
        Text(""),
        pair(*names),
        pair(*[
            Text(f"{closeness_words(p.closeness_before)} → {closeness_words(p.closeness_after)}")
            for p in entry.partners
        ]),
    ]
    if any(p.follow_up for p in entry.partners):
        parts += [Text(""), Text("Since last time", style="bold")]
        cells = []
        for partner in entry.partners:
            if partner.follow_up is None:
                cells.append(Text("—", style="dim"))
                continue
            result = FOLLOW_UP_WORDS.get(partner.follow_up.result or "", "passed")
            words = f" {partner.follow_up.words}" if partner.follow_up.words else ""
            cells.append(Text(f"“{partner.follow_up.intention}”: {result}.{words}"))
        parts.append(pair(*cells))
    for prompt in entry.prompts:
        if all(answer.status == "not_reached" for answer in prompt.answers):
            continue
        parts += [Text(""), Text(prompt.text, style="bold")]
        cells = []
        for answer in prompt.answers:
            if answer.status == "answered":
                cells.append(Text(prompt.describe(answer)))
            else:
                cells.append(Text(STATUS_WORDS.get(answer.status, answer.status), style="dim italic"))
        parts.append(pair(*cells))
    for title, attribute in (("Appreciations", "appreciation"), ("Small gestures for the coming days", "intention")):
        values = [getattr(p, attribute) for p in entry.partners]
        if any(values):
            parts += [Text(""), Text(title, style="bold")]
            parts.append(pair(*[Text(v) if v else Text("—", style="dim") for v in values]))
    return Group(*parts)


class EntryView(Static):
    def show(self, entry: Entry | None) -> None:
        if entry is None:
            self.update(Text("Nothing to show here.", style="dim"))
            return
        variables = self.app.theme_variables
        colours = (variables.get("primary", "blue"), variables.get("accent", "yellow"))
        self.update(render_entry(entry, colours))
