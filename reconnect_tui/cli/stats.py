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

    from rich.text import Text

    from reconnect_tui.core.config import load_config
    from reconnect_tui.core.insights import closeness_together, gentle_signals, journal_stats, last_checkin_line
    from reconnect_tui.core.journal import Journal

    from reconnect_tui.cli.locking import journal_key

    where = paths()
    loaded = Journal(where.journal_dir, journal_key(where)).load()
    for problem in loaded.problems:
        warn(str(problem))
    now = datetime.now().astimezone()
    summary = journal_stats(loaded.entries, now, load_config(where.config_file).config.partners)
    out = console()
    if not summary.count:
        out.print(last_checkin_line([], now))
        return
    assert summary.first is not None
    names = " and ".join(p.name for p in summary.partners)
    out.print(Text(names, style="bold"))
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
    out.print(f"  {closeness_together(summary.partners) or 'Neither of you has rated closeness yet.'}")

    out.print()
    out.print(Text("Small gestures", style="bold"))
    out.print(f"  {summary.follow_through.sentence()}")

    signals = gentle_signals(loaded.entries, now)
    if signals:
        decks = library(where)
        out.print()
        out.print(Text("Worth noticing together", style="bold"))
        for signal in signals:
            title = decks.decks[signal.deck_id].title if signal.deck_id in decks.decks else signal.deck_id
            out.print(Text(f"  • {signal.message}"))
            out.print(Text(f"    A deck that may fit: {title} (reconnect checkin --deck {signal.deck_id})", style="dim"))
