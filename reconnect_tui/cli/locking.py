"""`reconnect lock` and `reconnect unlock`, and asking for the passphrase on a terminal.

Every command that reads or writes entries calls `journal_key` first: nothing for
a plain journal, one passphrase for a locked one (from RECONNECT_PASSPHRASE_COMMAND,
or asked, hidden, up to three times), and then whatever a stopped `lock` left plain
is encrypted. No Textual here: the screens ask with their own unlock screen.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from reconnect_tui.cli.output import fail, warn
from reconnect_tui.cli.shared import paths

if TYPE_CHECKING:
    from reconnect_tui.core.lockbox import Key, Lockbox
    from reconnect_tui.core.locking import Conversion
    from reconnect_tui.core.paths import Paths

TRIES = 3
LOST_WARNING = (
    "Locking encrypts every check-in, note and draft with a passphrase you choose.\n"
    "Please keep it safe: nobody can open a locked journal without it, not even you,\n"
    "so a lost passphrase means a lost journal. A recovery key, written down and kept\n"
    "somewhere safe, is the one way back."
)


def _ask(text: str, confirm: bool = False) -> str:
    if sys.stdin is None or not sys.stdin.isatty():
        answer = _read_piped(text, confirm)
    else:
        try:
            answer = typer.prompt(text, hide_input=True, confirmation_prompt=confirm, err=True)
        except typer.Abort:
            raise fail("no passphrase was given; nothing was changed") from None
    if not answer:
        raise fail("an empty passphrase cannot lock a journal; nothing was changed")
    return answer


def _read_piped(text: str, confirm: bool) -> str:
    """A passphrase piped in by a script, a line at a time. There is no terminal to hide
    it on, so Python's "input may be echoed" warning would only alarm; the prompt still
    goes to stderr, so a person who pasted it into a pipe sees what was asked."""
    lines = []
    for asked in (text, "Repeat for confirmation")[: 2 if confirm else 1]:
        typer.echo(f"{asked}: ", err=True, nl=False)
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            raise fail("no passphrase was given; nothing was changed")
        lines.append(line.removesuffix("\n").removesuffix("\r"))
    typer.echo("", err=True)
    if confirm and lines[0] != lines[1]:
        raise fail("the two passphrases were not the same; nothing was changed")
    return lines[0]


def _command_passphrase() -> str | None:
    from reconnect_tui.core.lockbox import passphrase_from_command

    return passphrase_from_command()


def unlock_key(lockbox: Lockbox, prompt: str = "Passphrase for your journal") -> Key:
    """The journal's key: cached, from the passphrase command (one try), or asked.

    Three wrong tries at the prompt end the command, kindly; nothing is written.
    """
    from reconnect_tui.core.lockbox import WrongPassphrase

    cached = lockbox.cached_key()
    if cached is not None:
        return cached
    given = _command_passphrase()
    if given is not None:
        try:
            return lockbox.unlock(given)
        except WrongPassphrase:
            raise fail(
                "the passphrase from RECONNECT_PASSPHRASE_COMMAND does not open this journal; nothing was changed"
            ) from None
    for attempt in range(1, TRIES + 1):
        try:
            return lockbox.unlock(_ask(prompt))
        except WrongPassphrase:
            if attempt < TRIES:
                left = TRIES - attempt
                typer.echo(f"That passphrase does not open this journal. Try again ({left} left).", err=True)
    raise fail(
        "that passphrase did not open the journal three times, so we stopped here; nothing was changed. "
        "Take a moment, and try again when you are ready"
    )


def journal_key(where: Paths | None = None) -> Key | None:
    """None for a plain journal; the unlocked key for a locked one.

    Right after unlocking, files that a stopped `reconnect lock` (or a sync) left
    in plain are encrypted, so a locked journal does not stay half locked.
    """
    from reconnect_tui.core.lockbox import Lockbox

    where = where or paths()
    lockbox = Lockbox(where.journal_dir)
    if not lockbox.locked:
        return None
    first_time = lockbox.cached_key() is None
    key = unlock_key(lockbox)
    if first_time and key.write_refusal is None:
        from reconnect_tui.core.locking import finish_locking

        _report(finish_locking(lockbox, where.drafts_dir, key), "encrypted {count} file{s} left in plain")
    elif key.write_refusal is not None:
        warn(key.write_refusal)
    if lockbox.status().decrypting:
        warn("returning this journal to plain files was stopped part way; "
             "to finish: reconnect unlock --decrypt-journal (or lock it again: reconnect lock)")
    return key


def _report(conversion: Conversion, wording: str) -> None:
    count = len(conversion.converted)
    if count:
        warn(wording.format(count=count, s="s" if count != 1 else ""))
    for problem in conversion.problems:
        warn(problem)


def _hold_checkin(where: Paths):  # type: ignore[no-untyped-def]
    """No check-in may write a draft while files change form."""
    from reconnect_tui.core.drafts import DraftStore

    store = DraftStore(where.drafts_dir)
    store.lock()
    return store


def _new_passphrase() -> str:
    given = _command_passphrase()
    if given is not None:
        return given
    return _ask("Choose a passphrase", confirm=True)


def _status(where: Paths) -> None:
    from reconnect_tui.core.lockbox import Lockbox

    status = Lockbox(where.journal_dir).status()
    if not status.locked:
        typer.echo("Your journal is not locked: its entries are plain JSON files.")
        typer.echo("To encrypt them with a passphrase: reconnect lock")
        return
    typer.echo("Your journal is locked: entries, notes and drafts are encrypted with age.")
    typer.echo(f"Key file (needs your passphrase): {status.identity}")
    typer.echo(f"Public key: {status.recipient or 'missing (it is written again on: reconnect lock --change-passphrase)'}")
    if status.decrypting:
        typer.echo("Returning it to plain files was stopped part way; to finish: reconnect unlock --decrypt-journal")


def lock(
    status: bool = typer.Option(False, "--status", help="Say whether the journal is locked (asks nothing)."),
    change_passphrase: bool = typer.Option(
        False, "--change-passphrase", help="Choose a new passphrase (entries are not rewritten)."
    ),
    recovery_key: bool = typer.Option(
        None, "--recovery-key/--no-recovery-key", help="Show the recovery key once after locking (asked if not given)."
    ),
) -> None:
    """Lock the journal: encrypt every check-in, note and draft with a passphrase.

    Each command then asks for the passphrase once (or runs RECONNECT_PASSPHRASE_COMMAND).
    Entries stay readable without reconnect by the standard `age` tool.
    """
    from reconnect_tui.core.lockbox import Lockbox

    where = paths()
    if status:
        _status(where)
        return
    lockbox = Lockbox(where.journal_dir)
    if change_passphrase:
        if not lockbox.locked:
            raise fail("this journal is not locked; to lock it: reconnect lock")
        key = unlock_key(lockbox, "Current passphrase")
        new = _ask("New passphrase", confirm=True)
        lockbox.change_passphrase(key, new)
        typer.echo("The passphrase is changed. Your entries were not touched; the recovery key stays the same.")
        return
    if lockbox.locked:
        key = unlock_key(lockbox)
        if key.write_refusal is not None:
            raise fail(key.write_refusal)
        from reconnect_tui.core.locking import relock

        drafts = _hold_checkin(where)
        try:
            done = relock(lockbox, where.drafts_dir, key)
        finally:
            drafts.unlock()
        _report(done, "encrypted {count} file{s} that were still plain")
        typer.echo("Your journal is locked.")
        if done.problems:
            raise typer.Exit(1)
        return
    typer.echo(LOST_WARNING, err=True)
    passphrase = _new_passphrase()
    drafts = _hold_checkin(where)
    try:
        key = lockbox.create(passphrase)
        if recovery_key is None:
            recovery_key = sys.stdin.isatty() and typer.confirm(
                "Show a recovery key now, to write down or print and keep somewhere safe?", default=True, err=True
            )
        if recovery_key:
            _show_recovery_key(key.secret())
        from reconnect_tui.core.locking import finish_locking

        done = finish_locking(lockbox, where.drafts_dir, key)
    finally:
        drafts.unlock()
    for problem in done.problems:
        warn(problem)
    count = len(done.converted)
    typer.echo(f"Your journal is locked: {count} file{'s' if count != 1 else ''} encrypted.")
    typer.echo(f"To read an entry without reconnect: age -d -i {lockbox.identity_path} <entry>.json.age")
    if done.problems:
        raise typer.Exit(1)


def _show_recovery_key(secret: str) -> None:
    typer.echo("")
    typer.echo("Your recovery key (shown this once):")
    typer.echo("")
    typer.echo(f"    {secret}")
    typer.echo("")
    typer.echo("Anyone with it can read your journal, so keep it as safe as the passphrase.")
    typer.echo("To read an entry with it, save it in a file and run: age -d -i <that file> <entry>.json.age")
    typer.echo("")


def unlock(
    decrypt_journal: bool = typer.Option(
        False, "--decrypt-journal", help="Turn encryption off: write every entry back as plain JSON."
    ),
) -> None:
    """Turn the journal's encryption off (reconnect unlock --decrypt-journal).

    Day to day there is nothing to unlock: each command asks for the passphrase once.
    """
    from reconnect_tui.core.lockbox import Lockbox

    where = paths()
    lockbox = Lockbox(where.journal_dir)
    if not decrypt_journal:
        raise fail(
            "each command asks for the passphrase when it needs it; to turn encryption off for good: "
            "reconnect unlock --decrypt-journal"
        )
    if not lockbox.locked:
        typer.echo("Your journal is not locked; there is nothing to decrypt.")
        return
    key = unlock_key(lockbox)
    from reconnect_tui.core.locking import unlock_journal

    drafts = _hold_checkin(where)
    try:
        done = unlock_journal(lockbox, where.drafts_dir, key)
    finally:
        drafts.unlock()
    for problem in done.problems:
        warn(problem)
    if done.problems:
        raise fail("some files could not be decrypted, so the journal stays locked for them; see above")
    count = len(done.converted)
    typer.echo(f"Your journal is plain again: {count} file{'s' if count != 1 else ''} decrypted.")
    typer.echo("Anyone who can open this folder can read it now; to lock it again: reconnect lock")


def export_passphrase() -> str:
    """The passphrase for `export --encrypt`: the passphrase command's, or asked twice."""
    given = _command_passphrase()
    if given is not None:
        return given
    return _ask("Passphrase for the exported file", confirm=True)


def open_encrypted_export(data: bytes, where: object, key: Key | None) -> bytes:
    """An encrypted export's plain bytes: with the journal's key when it was made
    for it (a save-failed copy), else with the file's passphrase (asked up to three times)."""
    from reconnect_tui.core.lockbox import (
        EncryptedDataDamaged,
        WrongPassphrase,
        decrypt_with_passphrase,
        is_passphrase_file,
    )

    if not is_passphrase_file(data):
        if key is None:
            raise fail(f"{where} is encrypted to a journal's key; import it into that journal once it is unlocked")
        try:
            return key.decrypt(data, str(where))
        except EncryptedDataDamaged as error:
            raise fail(str(error)) from None
    given = _command_passphrase()
    if given is not None:
        return decrypt_with_passphrase(data, given, where)  # type: ignore[arg-type]
    for attempt in range(1, TRIES + 1):
        try:
            return decrypt_with_passphrase(data, _ask(f"Passphrase for {where}"), where)  # type: ignore[arg-type]
        except WrongPassphrase:
            if attempt < TRIES:
                typer.echo(f"That passphrase does not open it. Try again ({TRIES - attempt} left).", err=True)
    raise fail(f"that passphrase did not open {where} three times; nothing was imported")
