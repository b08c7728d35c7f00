"""One measured launch of a screen, run by bench/run.py in a fresh process.

    python bench/ui_launch.py reconnect|bare TYPED_CHARACTERS
    python bench/ui_launch.py history JOURNAL_HOME

Prints two numbers: seconds from the parent's clock reading (BENCH_T0) to the
first screen being ready for typing, and characters per second typed into the
first answer pane. "bare" is a plain Textual app with two TextAreas side by side,
the floor any Textual app starts from. "history" opens the journal screen on the
journal in JOURNAL_HOME and prints the seconds until the newest entries are listed,
until all are, then the median seconds to filter the list by a search. Runs headless at 80x24.
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


def history(home: str) -> None:
    import statistics

    from reconnect_tui.core.paths import Paths
    from reconnect_tui.core.workspace import Workspace
    from reconnect_tui.ui.app import build_app

    started = float(os.environ["BENCH_T0"])
    app = build_app(Workspace.open(Paths.in_folder(Path(home))), start="history")
    results: dict[str, float] = {}

    async def measure(pilot) -> None:  # type: ignore[no-untyped-def]
        import asyncio

        screen = pilot.app.screen
        # Poll gently: a busy loop here would starve the thread reading the journal.
        while getattr(screen, "index", None) is None:
            await asyncio.sleep(0.005)
        results["first"] = time.time() - started
        while not screen.complete:
            await asyncio.sleep(0.005)
        results["ready"] = time.time() - started
        search = screen.query_one("#search")
        times = []
        for query in ("walk", "quiet river", "sunset", "a", ""):
            search.value = query
            began = time.perf_counter()
            screen.refresh_list()
            times.append(time.perf_counter() - began)
        results["search"] = statistics.median(times)
        pilot.app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=measure)
    print(f"{results['first']:.4f} {results['ready']:.4f} {results['search']:.4f}")


def main() -> None:
    from textual import events

    if sys.argv[1] == "history":
        history(sys.argv[2])
        return
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
