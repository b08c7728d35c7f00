"""reconnect: a terminal companion for couples.

Kept import-free on purpose: the screenless commands start fast because nothing
heavy (above all Textual) is imported until a screen is opened.
"""

__version__ = "0.1.0"
