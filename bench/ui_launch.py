"""One measured launch of a screen, run by bench/run.py in a fresh process.

    python bench/ui_launch.py bare TYPED_CHARACTERS
    python bench/ui_launch.py checkin TYPED_CHARACTERS      (RECONNECT_HOME set)
    python bench/ui_launch.py history                       (RECONNECT_HOME set)

"bare" is a plain Textual app with two TextAreas side by side, the floor any
Textual app starts from. "checkin" runs `reconnect checkin` through the real
command line (Typer, the workspace, the check-in lock, the app), with only the
terminal swapped for a headless one at 80x24. Both print three numbers: seconds from
the parent's clock reading (BENCH_T0, taken just before this process started) to
the first screen being ready for typing, characters per second typed into the first
answer pane, and the CPU seconds this process had used when it was ready (steadier
than the clock when other work shares the machine).

Ready means the same for both: the screen's first whole frame handed to the
terminal with the cursor already in a field. Keys typed earlier wait anyway, and
nobody types at a screen they cannot see yet; a focus set before the first frame,
or a frame drawn before the focus, is not ready on its own.

"history" runs `reconnect history` the same way and prints three numbers: seconds
until the newest entries are listed, until the whole list is in and searchable,
then the median seconds to filter the whole list by a search and redraw it.
"""

from __future__ import annotations

import os
import sys
import time


def since_start() -> float:
    return time.time() - float(os.environ["BENCH_T0"])


def run_headless(measure) -> None:  # type: ignore[no-untyped-def]
    """Make the next App.run() headless at 80x24, driven by `measure`."""
    from textual.app import App

    original = App.run

    def headless(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return original(self, headless=True, size=(80, 24), auto_pilot=measure)

    App.run = headless  # type: ignore[method-assign]


def run_command(*args: str) -> None:
    from reconnect_tui.cli import main

    sys.argv = ["reconnect", *args]
    try:
        main()
    except SystemExit as stop:
        if stop.code:
            raise


def note_first_frame(is_ready, results: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    """Record the clock and CPU time when the first frame that `is_ready(app, screen)` accepts is drawn.

    Textual hands every frame to the terminal through App._display (a headless app
    drops it there), so this is where a screen first becomes visible.
    """
    from textual.app import App

    original = App._display

    def display(self, screen, renderable):  # type: ignore[no-untyped-def]
        if renderable is not None and "ready" not in results and is_ready(self, screen):
            results["ready"] = since_start()
            results["cpu"] = time.process_time()
        return original(self, screen, renderable)

    App._display = display  # type: ignore[method-assign]


def typing_measure(is_ready, characters: int, results: dict[str, float], first_pane_key: str | None):  # type: ignore[no-untyped-def]
    note_first_frame(is_ready, results)

    async def measure(pilot) -> None:  # type: ignore[no-untyped-def]
        from textual import events

        while "ready" not in results:
            await pilot.pause(0.001)
        for _ in range(6 if first_pane_key else 0):  # on to the first prompt's answer pane
            if hasattr(pilot.app.focused, "text"):
                break
            await pilot.press(first_pane_key)
            await pilot.pause()
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

    return measure


def bare(characters: int) -> dict[str, float]:
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

    results: dict[str, float] = {}
    run_headless(typing_measure(lambda app, screen: app.focused is not None, characters, results, None))
    Bare().run()
    return results


def checkin(characters: int) -> dict[str, float]:
    def is_ready(app, screen) -> bool:  # type: ignore[no-untyped-def]
        return screen.id == "checkin" and app.focused is not None

    results: dict[str, float] = {}
    run_headless(typing_measure(is_ready, characters, results, "ctrl+n"))
    run_command("checkin")
    return results


def history() -> dict[str, float]:
    import asyncio
    import statistics

    results: dict[str, float] = {}

    async def measure(pilot) -> None:  # type: ignore[no-untyped-def]
        screen = pilot.app.screen
        # Poll gently: a busy loop here would starve a thread reading the journal.
        while getattr(screen, "index", None) is None:
            await asyncio.sleep(0.005)
        results["first"] = since_start()
        while not screen.complete:
            await asyncio.sleep(0.005)
        await pilot.pause()  # the whole list drawn
        results["ready"] = since_start()
        search = screen.query_one("#search")
        times = []
        for query in ("walk", "quiet river", "sunset", "a", ""):
            search.value = query
            began = time.perf_counter()
            screen.refresh_list()
            await pilot.pause()
            times.append(time.perf_counter() - began)
        results["search"] = statistics.median(times)
        pilot.app.exit()

    run_headless(measure)
    run_command("history")
    return results


def main() -> None:
    which = sys.argv[1]
    if which == "history":
        results = history()
        print(f"{results['first']:.4f} {results['ready']:.4f} {results['search']:.4f}")
        return
    characters = int(sys.argv[2])
    results = checkin(characters) if which == "checkin" else bare(characters)
    print(f"{results['ready']:.4f} {results['typing']:.1f} {results['cpu']:.4f}")


if __name__ == "__main__":
    main()
