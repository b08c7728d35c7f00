"""A locked journal: encryption at rest in the age format (age-encryption.org).

When a journal is locked, its top folder holds two small files:

- `identity.age`: an age X25519 identity (a secret key) encrypted with the couple's
  passphrase by age's own scrypt passphrase encryption, ASCII-armored. The standard
  `age` tool (1.1 and later) asks for that passphrase when it is given this file
  with `-i`, so `age -d -i identity.age <entry>.json.age` reads any entry without
  reconnect.
- `recipient.txt`: the matching public key, in plain. Anyone who can write to a
  synced folder could swap it, so after unlocking it is checked against the
  identity and nothing is written while they differ.

Every entry, note and draft is then encrypted to that recipient (a fast X25519
operation). Only unlocking pays for scrypt, once per process; the entries are never
wrapped with the passphrase themselves.

pyrage (bindings to the Rust age implementation) is imported only when a locked
journal is actually used, so plain journals pay nothing for it.
"""

from __future__ import annotations

import base64
import os
import shlex
import subprocess
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from msgspec import Struct

from reconnect_tui.core.errors import ReconnectError
from reconnect_tui.core.fsutil import atomic_write

IDENTITY_NAME = "identity.age"
RECIPIENT_NAME = "recipient.txt"
# Present only while `unlock --decrypt-journal` is part way through: it tells the
# next unlock not to encrypt the plain files again.
DECRYPTING_NAME = "decrypting.txt"
AGE_SUFFIX = ".age"
PASSPHRASE_COMMAND_VARIABLE = "RECONNECT_PASSPHRASE_COMMAND"

AGE_MAGIC = b"age-encryption.org/v1\n"
ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
ARMOR_END = b"-----END AGE ENCRYPTED FILE-----"
SECRET_PREFIX = "AGE-SECRET-KEY-1"
RECIPIENT_PREFIX = "age1"


class LockError(ReconnectError):
    """Something about the journal's lock that a person can act on."""


class WrongPassphrase(LockError):
    """The passphrase does not open this journal's identity file."""


class IdentityDamaged(LockError):
    """The identity file is not a readable age file (or holds no identity)."""


class RecipientMismatch(LockError):
    """recipient.txt does not belong to the identity: nothing may be written."""


class EncryptedDataDamaged(LockError):
    """An encrypted entry or draft cannot be decrypted with this journal's key."""

    def __init__(self, where: Path | str, reason: str) -> None:
        super().__init__(f"{where} cannot be decrypted ({reason})")
        self.reason = reason


def _pyrage() -> Any:
    """pyrage, imported on first use only."""
    import pyrage

    return pyrage


def is_age_data(data: bytes) -> bool:
    """True for the start of an age file, binary or armored."""
    return data.startswith(AGE_MAGIC) or data.lstrip().startswith(ARMOR_BEGIN)


def _binary(data: bytes) -> bytes:
    """An age file without its ASCII armor (damaged armor gives b"")."""
    text = data.strip()
    if not text.startswith(ARMOR_BEGIN):
        return data
    body = b"".join(text[len(ARMOR_BEGIN) :].replace(ARMOR_END, b"").split())
    try:
        return base64.b64decode(body, validate=True)
    except ValueError:
        return b""


def is_passphrase_file(data: bytes) -> bool:
    """True for an age file encrypted with a passphrase (not to a key)."""
    header = _binary(data).partition(b"\n--- ")[0]
    return header.startswith(AGE_MAGIC) and b"\n-> scrypt " in header


class Key:
    """An unlocked journal key: encrypts to its recipient, decrypts with its identity."""

    def __init__(self, identity: Any, write_refusal: str | None = None) -> None:
        self._identity = identity
        self._recipient = identity.to_public()
        self.write_refusal = write_refusal

    @classmethod
    def generate(cls) -> Key:
        return cls(_pyrage().x25519.Identity.generate())

    @classmethod
    def from_secret(cls, secret: str) -> Key:
        """A key from its `AGE-SECRET-KEY-1...` text (the recovery key)."""
        try:
            return cls(_pyrage().x25519.Identity.from_str(secret.strip()))
        except Exception:
            raise IdentityDamaged("that is not an age secret key (it starts with AGE-SECRET-KEY-1)") from None

    @property
    def recipient(self) -> str:
        return str(self._recipient)

    def secret(self) -> str:
        """The identity as text: the recovery key, shown only when asked for."""
        return str(self._identity)

    def encrypt(self, data: bytes) -> bytes:
        if self.write_refusal is not None:
            raise RecipientMismatch(self.write_refusal)
        return _pyrage().encrypt(data, [self._recipient])

    def decrypt(self, data: bytes, where: Path | str = "the file") -> bytes:
        pyrage = _pyrage()
        try:
            return pyrage.decrypt(data, [self._identity])
        except pyrage.DecryptError as error:
            reason = str(error).strip().rstrip(".")
            if "No matching keys" in reason:
                reason = "it was encrypted for another key, not this journal's"
            elif not is_age_data(data):
                reason = "it is not an age file"
            raise EncryptedDataDamaged(where, reason) from None


def identity_text(key: Key, made_at: datetime) -> bytes:
    """What the identity file holds once decrypted: age's own key-file layout."""
    return (
        f"# reconnect journal key, made {made_at.isoformat(timespec='seconds')}\n"
        f"# public key: {key.recipient}\n"
        f"{key.secret()}\n"
    ).encode()


def wrap(key: Key, passphrase: str, made_at: datetime | None = None) -> bytes:
    """The identity encrypted with `passphrase` (age scrypt), ASCII-armored."""
    made_at = made_at or datetime.now().astimezone()
    return _pyrage().passphrase.encrypt(identity_text(key, made_at), passphrase, armored=True)


def _check_identity_shape(data: bytes, where: Path) -> None:
    """IdentityDamaged unless `data` is an age file (armored or binary) whose header
    holds one scrypt stanza: damage there cannot be mistaken for a wrong passphrase."""
    damaged = IdentityDamaged(
        f"the journal's key file {where} is damaged (it is not a whole age file); "
        "restore it from a backup, or use your recovery key"
    )
    text = data.strip()
    if text.startswith(ARMOR_BEGIN) and not text.endswith(ARMOR_END):
        raise damaged
    header, found, _ = _binary(data).partition(b"\n--- ")
    lines = header.split(b"\n")
    if not found or lines[0] != AGE_MAGIC.rstrip(b"\n") or len(lines) != 3 or not lines[1].startswith(b"-> scrypt "):
        raise damaged


def unwrap(data: bytes, passphrase: str, where: Path) -> Key:
    """The identity inside an identity file.

    WrongPassphrase when the passphrase does not open it, IdentityDamaged when the
    file is not whole. age cannot tell a wrong passphrase from damage inside the
    one line that holds the wrapped key, so that case reads as a wrong passphrase.
    """
    _check_identity_shape(data, where)
    pyrage = _pyrage()
    try:
        plain = pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError as error:
        if str(error).strip().rstrip(".") == "Decryption failed":
            raise WrongPassphrase("that passphrase does not open this journal") from None
        raise IdentityDamaged(
            f"the journal's key file {where} is damaged ({str(error).strip()}); "
            "restore it from a backup, or use your recovery key"
        ) from None
    for line in plain.decode("utf-8", "replace").splitlines():
        if line.startswith(SECRET_PREFIX):
            return Key.from_secret(line)
    raise IdentityDamaged(f"the journal's key file {where} opened but holds no key")


class LockStatus(Struct, frozen=True):
    locked: bool
    identity: Path
    recipient: str | None  # the public key from recipient.txt, unchecked
    decrypting: bool  # an `unlock --decrypt-journal` was stopped part way


class Lockbox:
    """The lock of one journal folder: its identity file, recipient file and key cache."""

    def __init__(self, journal_dir: Path) -> None:
        self.journal_dir = journal_dir
        self.identity_path = journal_dir / IDENTITY_NAME
        self.recipient_path = journal_dir / RECIPIENT_NAME
        self.decrypting_path = journal_dir / DECRYPTING_NAME

    # --- what anyone may ask without a passphrase ---------------------------------

    @property
    def locked(self) -> bool:
        """Either key file marks a locked journal: if the identity file is lost (a sync
        gone wrong), nothing may quietly go back to writing plain files."""
        return self.identity_path.exists() or self.recipient_path.exists()

    def status(self) -> LockStatus:
        recipient = None
        try:
            first = self.recipient_path.read_text(encoding="utf-8").split()
            recipient = next((word for word in first if word.startswith(RECIPIENT_PREFIX)), None)
        except (OSError, UnicodeDecodeError):
            pass
        return LockStatus(self.locked, self.identity_path, recipient, self.decrypting_path.exists())

    # --- setting up, unlocking, changing the passphrase ---------------------------

    def create(self, passphrase: str, key: Key | None = None) -> Key:
        """Lock a journal: write the wrapped identity, then the recipient beside it.

        Entries are not touched here; converting them is the journal's job.
        """
        if self.locked:
            raise LockError(f"this journal is already locked ({self.identity_path})")
        key = key or Key.generate()
        atomic_write(self.identity_path, wrap(key, passphrase), overwrite=False)
        self._write_recipient(key)
        _remember(self.journal_dir, key)
        return key

    def _write_recipient(self, key: Key) -> None:
        atomic_write(
            self.recipient_path,
            f"# reconnect journal: new entries are encrypted to this age public key\n{key.recipient}\n".encode(),
        )

    def unlock(self, passphrase: str) -> Key:
        """The journal's key (one scrypt); checks recipient.txt against it."""
        try:
            data = self.identity_path.read_bytes()
        except FileNotFoundError:
            if self.recipient_path.exists():
                raise LockError(
                    f"the journal's key file {self.identity_path} is missing, so the journal cannot be opened; "
                    "restore it from a backup or another copy of the journal folder"
                ) from None
            raise LockError("this journal is not locked") from None
        except OSError as error:
            raise LockError(f"the journal's key file {self.identity_path} cannot be read ({error.strerror})") from None
        key = unwrap(data, passphrase, self.identity_path)
        key.write_refusal = self._recipient_problem(key)
        _remember(self.journal_dir, key)
        return key

    def _recipient_problem(self, key: Key) -> str | None:
        found = self.status().recipient
        if found == key.recipient:
            return None
        return (
            f"{self.recipient_path} does not match the journal's key, so nothing new is written "
            "(someone may have replaced it); your entries can still be read. To mend it, run: "
            "reconnect lock --change-passphrase"
        )

    def change_passphrase(self, key: Key, new_passphrase: str) -> None:
        """Wrap the same identity with a new passphrase; entries are not touched.

        The recipient file is written again from the identity, which also mends a
        swapped one.
        """
        atomic_write(self.identity_path, wrap(key, new_passphrase))
        self._write_recipient(key)
        key.write_refusal = None

    def cached_key(self) -> Key | None:
        """The key if this process has unlocked this journal already."""
        return _unlocked.get(_cache_name(self.journal_dir))

    def forget(self) -> None:
        _unlocked.pop(_cache_name(self.journal_dir), None)


# One scrypt per process: a key, once unlocked, is kept in memory (never on disk).
_unlocked: dict[str, Key] = {}


def _cache_name(folder: Path) -> str:
    return os.path.realpath(folder)


def _remember(folder: Path, key: Key) -> None:
    _unlocked[_cache_name(folder)] = key


# --- the passphrase command ----------------------------------------------------------


def passphrase_from_command(environ: Mapping[str, str] | None = None) -> str | None:
    """The passphrase printed by RECONNECT_PASSPHRASE_COMMAND, or None when unset.

    The command runs once through the shell, with the terminal left to it (so a
    pinentry can ask); one trailing newline is removed. A failing command is not
    retried: LockError says what happened.
    """
    environ = os.environ if environ is None else environ
    command = environ.get(PASSPHRASE_COMMAND_VARIABLE, "").strip()
    if not command:
        return None
    try:
        done = subprocess.run(command, shell=True, stdout=subprocess.PIPE, check=False)  # noqa: S602
    except OSError as error:
        raise LockError(f"{PASSPHRASE_COMMAND_VARIABLE} could not be run ({error.strerror})") from None
    if done.returncode != 0:
        raise LockError(
            f"{PASSPHRASE_COMMAND_VARIABLE} ({shlex.split(command)[0] if command else command}) "
            f"stopped with exit status {done.returncode}; nothing was changed"
        )
    output = done.stdout
    if output.endswith(b"\r\n"):
        output = output[:-2]
    elif output.endswith(b"\n"):
        output = output[:-1]
    try:
        passphrase = output.decode("utf-8")
    except UnicodeDecodeError:
        raise LockError(f"{PASSPHRASE_COMMAND_VARIABLE} printed something that is not text") from None
    if not passphrase:
        raise LockError(f"{PASSPHRASE_COMMAND_VARIABLE} printed nothing; a passphrase was expected")
    return passphrase


# --- passphrase-protected files (encrypted exports) ----------------------------------


def encrypt_with_passphrase(data: bytes, passphrase: str) -> bytes:
    """An armored age file that `age -d` opens with the passphrase on any machine."""
    return _pyrage().passphrase.encrypt(data, passphrase, armored=True)


def decrypt_with_passphrase(data: bytes, passphrase: str, where: Path | str) -> bytes:
    pyrage = _pyrage()
    try:
        return pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError as error:
        if str(error).strip().rstrip(".") == "Decryption failed":
            raise WrongPassphrase(f"that passphrase does not open {where}") from None
        raise LockError(f"{where} cannot be decrypted ({str(error).strip()})") from None
