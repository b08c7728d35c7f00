"""The journal's key: making, wrapping, unlocking, and the passphrase command.

Only the tests marked `scrypt` in their name pay for age's passphrase encryption
(about a second or two each); everything else uses a key made in memory.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from lockhelp import _session_key, no_cached_keys, wrapped  # noqa: F401  (fixtures)

from reconnect_tui.core import lockbox
from reconnect_tui.core.lockbox import (
    EncryptedDataDamaged,
    IdentityDamaged,
    Key,
    LockError,
    Lockbox,
    RecipientMismatch,
    WrongPassphrase,
    passphrase_from_command,
)


def folder_digest(folder: Path) -> str:
    """Every path, mode and byte under `folder`, as one hash."""
    digest = hashlib.sha256()
    for here, dirs, names in sorted(os.walk(folder)):
        dirs.sort()
        for name in sorted(names + dirs):
            path = Path(here) / name
            stat = path.lstat()
            digest.update(f"{path.relative_to(folder)}:{stat.st_mode}:{stat.st_mtime_ns}\n".encode())
            if path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()


def test_a_key_encrypts_to_its_recipient_and_reads_it_back() -> None:
    key = Key.generate()
    secret = "Saturday mornings with you".encode()
    sealed = key.encrypt(secret)
    assert sealed.startswith(b"age-encryption.org/v1\n")
    assert secret not in sealed
    assert key.decrypt(sealed) == secret
    assert key.recipient.startswith("age1")
    assert Key.from_secret(key.secret()).recipient == key.recipient


def test_data_for_another_key_or_damaged_data_is_named(tmp_path: Path) -> None:
    key, other = Key.generate(), Key.generate()
    with pytest.raises(EncryptedDataDamaged, match="another key"):
        key.decrypt(other.encrypt(b"hello"), "x.json.age")
    sealed = key.encrypt(b"hello" * 50)
    with pytest.raises(EncryptedDataDamaged, match="x.json.age cannot be decrypted"):
        key.decrypt(sealed[:-4] + b"oops", "x.json.age")
    with pytest.raises(EncryptedDataDamaged, match="not an age file"):
        key.decrypt(b'{"plain": true}', "x.json.age")


def test_a_recovery_key_must_look_like_one() -> None:
    with pytest.raises(IdentityDamaged, match="AGE-SECRET-KEY-1"):
        Key.from_secret("correct horse battery staple")


def test_lock_unlock_and_change_passphrase_scrypt(tmp_path: Path) -> None:
    box = Lockbox(tmp_path / "journal")
    assert not box.locked and not box.status().locked
    key = box.create("first passphrase")
    assert box.locked
    text = box.identity_path.read_bytes()
    assert text.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    assert key.secret().encode() not in text
    assert oct(box.identity_path.stat().st_mode & 0o777) == oct(0o600)
    assert box.status().recipient == key.recipient
    assert box.cached_key() is key

    box.forget()
    before = folder_digest(tmp_path)
    with pytest.raises(WrongPassphrase, match="does not open"):
        box.unlock("frist passphrase")
    assert folder_digest(tmp_path) == before
    assert box.cached_key() is None

    opened = box.unlock("first passphrase")
    assert opened.recipient == key.recipient and opened.write_refusal is None
    assert box.cached_key() is opened

    sealed = key.encrypt(b"an entry")
    box.change_passphrase(opened, "second passphrase")
    box.forget()
    with pytest.raises(WrongPassphrase):
        box.unlock("first passphrase")
    again = box.unlock("second passphrase")
    assert again.decrypt(sealed) == b"an entry"  # entries are untouched by the change


def test_locking_twice_is_refused_scrypt(tmp_path: Path) -> None:
    box = Lockbox(tmp_path)
    box.create("pass")
    with pytest.raises(LockError, match="already locked"):
        box.create("pass")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data.replace(b"-----END AGE ENCRYPTED FILE-----", b""),
        lambda data: b"-----BEGIN AGE ENCRYPTED FILE-----\n!!!!\n-----END AGE ENCRYPTED FILE-----\n",
        lambda data: b"AGE-SECRET-KEY-1QQQ\n",
    ],
    ids=["empty", "cut in half", "no end line", "not base64", "plain text"],
)
def test_a_damaged_key_file_is_told_apart_from_a_wrong_passphrase(tmp_path: Path, damage, wrapped: bytes) -> None:
    box = Lockbox(tmp_path)
    tmp_path.joinpath(lockbox.IDENTITY_NAME).write_bytes(damage(wrapped))
    before = folder_digest(tmp_path)
    with pytest.raises(IdentityDamaged, match="damaged"):
        box.unlock("the right passphrase")
    assert folder_digest(tmp_path) == before


def test_a_damaged_header_mac_is_damage_not_a_wrong_passphrase_scrypt(tmp_path: Path, wrapped: bytes) -> None:
    import base64

    lines = wrapped.split(b"\n")
    raw = base64.b64decode(b"".join(lines[1:-2]))
    at = raw.index(b"\n--- ") + 6
    raw = raw[:at] + (b"A" if raw[at:at + 1] != b"A" else b"B") + raw[at + 1:]
    body = base64.b64encode(raw)
    armored = b"\n".join([lines[0], *[body[i:i + 64] for i in range(0, len(body), 64)], lines[-2], b""])
    tmp_path.joinpath(lockbox.IDENTITY_NAME).write_bytes(armored)
    with pytest.raises(IdentityDamaged, match="damaged"):
        Lockbox(tmp_path).unlock("the right passphrase")


def test_a_swapped_recipient_file_stops_every_write_but_not_reading() -> None:
    # The check itself, without paying for scrypt: see the CLI tests for the whole path.
    key, stranger = Key.generate(), Key.generate()
    sealed = key.encrypt(b"kept")
    refused = Key.from_secret(key.secret())
    refused.write_refusal = "recipient.txt does not match"
    with pytest.raises(RecipientMismatch, match="does not match"):
        refused.encrypt(b"anything")
    assert refused.decrypt(sealed) == b"kept"
    assert stranger.recipient != key.recipient


def test_the_recipient_check_compares_the_file_with_the_identity(tmp_path: Path) -> None:
    box = Lockbox(tmp_path)
    key = Key.generate()
    box._write_recipient(key)
    assert box._recipient_problem(key) is None
    box._write_recipient(Key.generate())
    assert "does not match" in (box._recipient_problem(key) or "")
    box.recipient_path.unlink()
    assert "does not match" in (box._recipient_problem(key) or "")


def test_unlocking_a_plain_journal_says_so(tmp_path: Path) -> None:
    with pytest.raises(LockError, match="not locked"):
        Lockbox(tmp_path).unlock("anything")


# --- RECONNECT_PASSPHRASE_COMMAND ---------------------------------------------------


def command_env(command: str) -> dict[str, str]:
    return {"RECONNECT_PASSPHRASE_COMMAND": command}


def test_no_command_means_no_passphrase() -> None:
    assert passphrase_from_command({}) is None
    assert passphrase_from_command(command_env("  ")) is None


def test_the_command_output_loses_one_trailing_newline_only() -> None:
    assert passphrase_from_command(command_env("printf 'open sesame\\n'")) == "open sesame"
    assert passphrase_from_command(command_env("printf 'two\\n\\n'")) == "two\n"
    assert passphrase_from_command(command_env("printf ' spaced '")) == " spaced "
    assert passphrase_from_command(command_env("printf 'crlf\\r\\n'")) == "crlf"


def test_the_command_runs_once_and_a_failure_is_not_retried(tmp_path: Path) -> None:
    counter = tmp_path / "runs"
    script = f"echo run >> {counter}; exit 3"
    with pytest.raises(LockError, match="exit status 3"):
        passphrase_from_command(command_env(script))
    assert counter.read_text() == "run\n"


def test_a_command_that_prints_nothing_is_an_error() -> None:
    with pytest.raises(LockError, match="printed nothing"):
        passphrase_from_command(command_env("true"))
    with pytest.raises(LockError, match="not text"):
        passphrase_from_command(command_env(f"{sys.executable} -c \"import sys; sys.stdout.buffer.write(bytes([255]))\""))


def test_pyrage_is_not_imported_by_the_core_of_a_plain_journal() -> None:
    import subprocess

    code = (
        "import sys; import reconnect_tui.core.lockbox, reconnect_tui.core.locking; "
        "from reconnect_tui.core.lockbox import Lockbox; from pathlib import Path; "
        "Lockbox(Path('.')).status(); print('pyrage' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_passphrase_files_open_with_the_passphrase_only_scrypt() -> None:
    sealed = lockbox.encrypt_with_passphrase(b"an export", "export pass")
    assert sealed.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----")
    assert lockbox.is_age_data(sealed)
    with pytest.raises(WrongPassphrase, match="does not open export.age"):
        lockbox.decrypt_with_passphrase(sealed, "nope", "export.age")
    assert lockbox.decrypt_with_passphrase(sealed, "export pass", "export.age") == b"an export"


def test_a_key_file_wrapped_without_armor_opens_too_scrypt(tmp_path: Path) -> None:
    # as `age -p -o identity.age` would write it, had someone made it by hand
    import pyrage

    key = Key.generate()
    made = lockbox.identity_text(key, __import__("datetime").datetime(2026, 1, 1).astimezone())
    tmp_path.joinpath(lockbox.IDENTITY_NAME).write_bytes(pyrage.passphrase.encrypt(made, "plain binary"))
    assert Lockbox(tmp_path).unlock("plain binary").recipient == key.recipient


def test_a_lost_key_file_keeps_the_journal_locked(tmp_path: Path) -> None:
    box = Lockbox(tmp_path)
    box._write_recipient(Key.generate())  # identity.age gone, say by a sync
    assert box.locked
    with pytest.raises(LockError, match="is missing"):
        box.unlock("anything")
