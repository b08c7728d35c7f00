"""`reconnect partners`: who takes part, and `rename OLD NEW` when a name changes."""

from __future__ import annotations

import typer

from reconnect_tui.cli.output import warn
from reconnect_tui.core.cleantext import clean_line
from reconnect_tui.cli.shared import paths

partners_app = typer.Typer(
    help="Who takes part in your check-ins, by every name they have used.",
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)


def _store():  # type: ignore[no-untyped-def]
    from reconnect_tui.cli.locking import journal_key
    from reconnect_tui.core.people import PeopleStore

    where = paths()
    return where, PeopleStore(where.journal_dir, journal_key(where))  # the names are locked with the journal


@partners_app.callback()
def partners(ctx: typer.Context) -> None:
    """Everyone who has taken part, with the names they have used."""
    if ctx.invoked_subcommand is not None:
        return
    _, store = _store()
    people = store.people
    if not people:
        typer.echo("Nobody yet: names are noted at your first check-in.")
        return
    for person in people:
        earlier = f" (earlier: {', '.join(person.names[1:])})" if len(person.names) > 1 else ""
        typer.echo(clean_line(f"{person.name}{earlier}"))


@partners_app.command("rename")
def rename(
    old: str = typer.Argument(..., metavar="OLD", help="A name this person has used."),
    new: str = typer.Argument(..., metavar="NEW", help="The name to use from now on."),
) -> None:
    """Change a name. Past check-ins keep the name as it was then; they stay this person's."""
    from reconnect_tui.core.config import ConfigError, load_config, save_settings
    from reconnect_tui.core.couple import rename_person
    from reconnect_tui.core.journal import Journal
    from reconnect_tui.core.people import PeopleError

    from reconnect_tui.cli.output import fail

    from reconnect_tui.cli.locking import journal_key

    where = paths()
    remembered = load_config(where.config_file).config.partners
    try:
        renamed = rename_person(Journal(where.journal_dir, journal_key(where)), old, new, remembered)
    except PeopleError as error:
        raise fail(str(error)) from None
    if renamed.remembered is not None:
        try:
            save_settings(where.config_file, partners=renamed.remembered)
        except ConfigError as error:
            warn(f"the new name is kept, but the remembered names were not updated: {error}")
    typer.echo(f"{clean_line(old)} is now {clean_line(renamed.person.name)}. "
               "Past check-ins keep the name as it was then.")
