"""The two partners' colours as text, readable on every theme that has fixed colours.

A theme's primary and accent colours are made for borders and highlights; as
text on the theme's background some are too faint (orange on light grey in
textual-light, for one). Each is moved towards black or white, whichever reads
better, only as far as needed for a contrast of 4.5:1 (WCAG AA for text). The
ansi-* themes name the terminal's own colours, which cannot be measured: they
are left as they are, and the screens add cues that are not colour.
"""

from __future__ import annotations

from textual.color import Color

AIM = 4.5
BLACK = Color(0, 0, 0)
WHITE = Color(255, 255, 255)


def _luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        value_ = value / 255
        return value_ / 12.92 if value_ <= 0.03928 else ((value_ + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(first: Color, second: Color) -> float:
    """The WCAG contrast ratio of two opaque colours, from 1 to 21."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: Color, background: Color, aim: float = AIM, *more: Color) -> Color:
    """`colour`, moved towards black or white only as far as `aim` needs on each background."""
    grounds = (background, *more)
    colour = background + colour  # a translucent colour as it shows on the background

    def worst(candidate: Color) -> float:
        return min(contrast(candidate, ground) for ground in grounds)

    if worst(colour) >= aim:
        return colour
    towards = WHITE if contrast(WHITE, background) > contrast(BLACK, background) else BLACK
    for step in range(1, 41):
        moved = colour.blend(towards, step / 40)
        if worst(moved) >= aim:
            return moved
    return towards


def carries_text(colour: Color, aim: float = AIM) -> Color:
    """`colour` as a background that black or white text reads on at `aim` (darkened or lightened as needed)."""
    text = WHITE if colour.brightness < 0.5 else BLACK  # as Textual's `color: auto` picks
    away = BLACK if text is WHITE else WHITE
    for step in range(0, 41):
        moved = colour.blend(away, step / 40)
        if contrast(text, moved) >= aim and (WHITE if moved.brightness < 0.5 else BLACK) is text:
            return moved
    return away


def partner_variables(variables: dict[str, str]) -> dict[str, str]:
    """`$partner-0` and `$partner-1`: the primary and accent colours as readable text."""
    try:
        background = Color.parse(variables["background"])
        # Names are shown on the background, on surfaces (buttons, dialogs) and panels.
        grounds = [background + Color.parse(variables[name]) for name in ("surface", "panel") if name in variables]
        colours = [Color.parse(variables["primary"]), Color.parse(variables["accent"])]
    except (KeyError, Exception):  # noqa: BLE001 - an unusual theme keeps its own colours
        fallback = {"partner-0": variables.get("primary", "blue"), "partner-1": variables.get("accent", "yellow")}
        return {**fallback, "partner-0-choice": fallback["partner-0"], "partner-1-choice": fallback["partner-1"]}
    if background.ansi is not None or any(colour.ansi is not None for colour in colours):
        return {"partner-0": variables["primary"], "partner-1": variables["accent"],
                "partner-0-choice": variables["primary"], "partner-1-choice": variables["accent"]}
    found = {}
    for number, colour in enumerate(colours):
        found[f"partner-{number}"] = readable(colour, background, AIM, *grounds).hex
        found[f"partner-{number}-choice"] = carries_text(background + colour).hex  # a chosen word on focus
    return found
