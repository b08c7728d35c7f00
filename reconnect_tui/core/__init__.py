"""The domain of reconnect: paths, config, decks, the journal and the check-in.

Nothing in this package imports Textual; the screens drive these objects, and the
screenless commands use them directly.
"""
