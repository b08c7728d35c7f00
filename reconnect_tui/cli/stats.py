"""`reconnect stats`: a short, kind summary of the journal on a plain terminal."""

from __future__ import annotations

from reconnect_tui.cli.output import warn
from reconnect_tui.cli.shared import console, library, paths


def stats() -> None:
    """A short summary of the journal, on a plain terminal.

    Check-ins per month, how close you have usually felt, how the small gestures
    went, and anything worth noticing together.
    """
    from datetime import datetime

    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from reconnect_tui.core.cleantext import clean_line
    from reconnect_tui.core.config import load_config
    from reconnect_tui.core.insights import closeness_together, gentle_signals, journal_stats, last_checkin_line
    from reconnect_tui.core.journal import Journal
    from reconnect_tui.core.together import together_counts

    from reconnect_tui.cli.locking import journal_key

    where = paths()
    journal = Journal(where.journal_dir, journal_key(where))
    loaded = journal.load()
    for problem in loaded.problems:
        warn(str(problem))
    now = datetime.now().astimezone()
    from reconnect_tui.core.couple import couple_names, couple_view

    names = couple_names(journal, load_config(where.config_file).config.partners)
    ours = couple_view(journal, loaded.entries, names)  # the current couple's check-ins, by person
    summary = journal_stats(ours, now, names)
    out = console()
    if not summary.count:
        out.print(last_checkin_line([], now))
        return
    assert summary.first is not None
    out.print(Text(" and ".join(clean_line(p.name) for p in summary.partners), style="bold"))
    plural = "s" if summary.count != 1 else ""
    out.print(
        f"{summary.count:,} check-in{plural} since {summary.first:%-d %B %Y}. "
        f"{last_checkin_line(loaded.entries, now)}"
    )

    out.print()
    out.print(Text("Check-ins per month", style="bold"))
    busiest = max(count for _, count in summary.per_month) or 1
    for month, count in summary.per_month:
        label = datetime.strptime(month, "%Y-%m").strftime("%b %Y")
        bar = "█" * max(1 if count else 0, round(20 * count / busiest))
        out.print(f"  {label}  {bar} {count if count else ''}".rstrip())

    out.print()
    out.print(Text("How close you have felt lately", style="bold"))
    out.print(clean_line(f"  {closeness_together(summary.partners) or 'Neither of you has rated closeness yet.'}"))

    out.print()
    out.print(Text("Small gestures", style="bold"))
    out.print(f"  {summary.follow_through.sentence()}")

    together = together_counts(loaded.entries).sentence()
    if together:
        out.print()
        out.print(Text("Talking together", style="bold"))
        out.print(Text(clean_line(f"  {together}")))

    signals = gentle_signals(ours, now)
    if signals:
        decks = library(where)
        out.print()
        out.print(Text("Worth noticing together", style="bold"))
        for signal in signals:
            title = decks.decks[signal.deck_id].title if signal.deck_id in decks.decks else signal.deck_id
            # Wrapped lines keep their indent; the command is never split across lines.
            bullet = Table.grid()
            bullet.add_column(width=4, no_wrap=True)
            bullet.add_column(ratio=1)
            bullet.add_row("  •", Text(clean_line(signal.message)))  # wrapped lines hang under the words
            out.print(bullet)
            out.print(Padding(Text(clean_line(f"A deck that may fit: {title}"), style="dim"), (0, 0, 0, 4), expand=False))
            out.print(Padding(Text(clean_line(f"reconnect checkin --deck {signal.deck_id}"), style="dim", no_wrap=True,
                                   overflow="ignore"), (0, 0, 0, 4), expand=False))
