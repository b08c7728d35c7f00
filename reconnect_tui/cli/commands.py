"""Every `reconnect` command, registered with Typer in one place, in the order `--help` lists them."""

from reconnect_tui.cli.app import app
from reconnect_tui.cli.basics import prompt, show_paths
from reconnect_tui.cli.decks import decks_app
from reconnect_tui.cli.journal import export, import_journal
from reconnect_tui.cli.locking import lock, unlock
from reconnect_tui.cli.screens import checkin, history, root
from reconnect_tui.cli.partners import partners_app
from reconnect_tui.cli.stats import stats
from reconnect_tui.cli.trash import trash_app

app.callback()(root)
app.command("checkin")(checkin)
app.command("history")(history)
app.command("prompt")(prompt)
app.add_typer(decks_app, name="decks")
app.command("export")(export)
app.command("import")(import_journal)
app.command("stats")(stats)
app.add_typer(partners_app, name="partners")
app.add_typer(trash_app, name="trash")
app.command("paths")(show_paths)
app.command("lock")(lock)
app.command("unlock")(unlock)

__all__ = ["app"]
