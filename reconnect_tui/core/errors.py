"""Errors a person can act on.

Each carries a message written for the couple (or whoever runs the command): what
happened, where, and what to do. The CLI prints it as one line; the screens show it.
"""


class ReconnectError(Exception):
    """Base for every error whose message is meant to be shown as it is."""


class ConfigError(ReconnectError):
    """The config file cannot be read, or a setting cannot be saved."""


class DeckError(ReconnectError):
    """A deck was asked for that does not exist, or a deck file cannot be used."""


class JournalError(ReconnectError):
    """An entry cannot be read, written or imported."""


class DraftError(ReconnectError):
    """The check-in in progress cannot be saved or restored."""


class CheckinAlreadyOpen(DraftError):
    """Another `reconnect checkin` is running on this journal."""
