"""Allow `python -m reconnect_tui`."""

from reconnect_tui.cli import main

main()
