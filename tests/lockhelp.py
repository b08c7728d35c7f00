"""Keys for the tests of a locked journal, without paying for scrypt in every test.

`wrapped` is one identity file wrapped once per test session with the passphrase
RIGHT; `journal_key` is the key inside it. Tests that lock, unlock or change the
passphrase themselves pay for their own scrypt; every other test takes these.
"""

from __future__ import annotations

import pytest

from reconnect_tui.core import lockbox
from reconnect_tui.core.lockbox import Key

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
