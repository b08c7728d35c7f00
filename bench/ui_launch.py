"""One measured launch of a screen, run by bench/run.py in a fresh process.

    python bench/ui_launch.py reconnect|bare TYPED_CHARACTERS

Prints two numbers: seconds from the parent's clock reading (BENCH_T0) to the
first screen being ready for typing, and characters per second typed into the
first answer pane. "bare" is a plain Textual app with two TextAreas side by side,
the floor any Textual app starts from. Runs headless at 80x24.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def bare_app():  # type: ignore[no-untyped-def]
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal
    from textual.widgets import TextArea

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            with Horizontal():
                yield TextArea(id="one")
                yield TextArea(id="two")

        def on_mount(self) -> None:
            self.query_one("#one").focus()

    return Bare(), lambda app: app.focused is not None


def reconnect_app():  # type: ignore[no-untyped-def]
    from reconnect_tui.core.paths import Paths
    from reconnect_tui.core.workspace import Workspace
    from reconnect_tui.ui.app import CheckinRequest, build_app
    from reconnect_tui.ui.screens.checkin import CheckinScreen

    workspace = Workspace.open(Paths.in_folder(Path(tempfile.mkdtemp())))
    app = build_app(workspace, request=CheckinRequest(None, ("Alex", "Sam"), None))
    return app, lambda app: isinstance(app.screen, CheckinScreen) and app.focused is not None


def main() -> None:
    from textual import events

    which, characters = sys.argv[1], int(sys.argv[2])
    started = float(os.environ["BENCH_T0"])
    app, is_ready = reconnect_app() if which == "reconnect" else bare_app()
    results: dict[str, float] = {}

    async def measure(pilot) -> None:  # type: ignore[no-untyped-def]
        while not is_ready(pilot.app):
            await pilot.pause(0.001)
        results["ready"] = time.time() - started
        if which == "reconnect":
            await pilot.press("ctrl+n")  # to the first prompt's answer pane
        await pilot.pause()
        area = pilot.app.focused
        text = ("a quiet walk by the river " * (characters // 26 + 1))[:characters]
        # Keys go in as fast as a terminal could deliver them (Pilot.press would
        # wait for a repaint after each one); the clock stops when all are in.
        driver = pilot.app._driver
        began = time.perf_counter()
        for character in text:
            driver.send_message(events.Key("space" if character == " " else character, character))
        while len(area.text) < characters:
            await pilot.pause(0.001)
        results["typing"] = characters / (time.perf_counter() - began)
        pilot.app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=measure)
    print(f"{results['ready']:.4f} {results['typing']:.1f}")


if __name__ == "__main__":
    main()
