"""Keys for the tests of a locked journal, without paying for scrypt in every test.

`wrapped` is one identity file wrapped once per test session with the passphrase
RIGHT; `journal_key` is the key inside it. Tests that lock, unlock or change the
passphrase themselves pay for their own scrypt; every other test takes these.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reconnect_tui.core import lockbox
from reconnect_tui.core.lockbox import Key, Lockbox

RIGHT = "the right passphrase"


@pytest.fixture(scope="session")
def _session_key() -> tuple[Key, bytes]:
    key = Key.generate()
    return key, lockbox.wrap(key, RIGHT)


@pytest.fixture
def wrapped(_session_key: tuple[Key, bytes]) -> bytes:
    return _session_key[1]


@pytest.fixture
def journal_key(_session_key: tuple[Key, bytes]) -> Key:
    """A fresh Key object (its own write_refusal) for the session's identity."""
    return Key.from_secret(_session_key[0].secret())


@pytest.fixture(autouse=True)
def no_cached_keys() -> None:
    """Each test starts like a new process: no key kept unlocked from another test."""
    lockbox._unlocked.clear()


def lock_with(journal_dir: Path, wrapped: bytes, key: Key) -> Lockbox:
    """`journal_dir` made a locked journal with the session's identity (what `reconnect lock`
    leaves before any file is converted), without paying for scrypt again."""
    journal_dir.mkdir(parents=True, exist_ok=True)
    box = Lockbox(journal_dir)
    box.identity_path.write_bytes(wrapped)
    box._write_recipient(key)
    return box
