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


# Each person's colour in the people file (core/model.py COLOURS), as drawn. The same
# colour whatever seat they take: moved towards readable text on each theme.
PALETTE = {"rose": "#E0708C", "amber": "#E3A13B", "sage": "#7FAE69", "teal": "#2EB0A2", "sky": "#5B9FE6",
           "lilac": "#A98BE0"}
# The ansi-* themes draw the terminal's own sixteen colours; the nearest of them.
ANSI_PALETTE = {"rose": "ansi_magenta", "amber": "ansi_yellow", "sage": "ansi_green", "teal": "ansi_cyan",
                "sky": "ansi_bright_blue", "lilac": "ansi_bright_magenta"}

Seats = tuple[str | None, str | None]
"""The palette colour of whoever sits in each seat now (None: the people file could not say)."""


def seat_colours(colours: Seats) -> Seats:
    """Two people who happen to share a colour (a seventh person, or a recolour) still look
    different: the second seat takes the next colour of the palette."""
    first, second = colours
    if first is not None and first == second and first in PALETTE:
        names = list(PALETTE)
        second = names[(names.index(first) + 1) % len(names)]
    return (first, second)


def partner_variables(variables: dict[str, str], seats: Seats = (None, None)) -> dict[str, str]:
    """The colours that follow the person, as CSS variables.

    `$partner-0` and `$partner-1`: the colour of the person in each seat now, as
    readable text (`-choice`: as a background a chosen word reads on; `-line`: for
    borders and tints). `$person-<colour>`: each palette colour as readable text,
    for lists of people (home, appreciations). A seat whose person is not known
    takes the theme's primary (first seat) or accent (second) as before.
    """
    seats = seat_colours(seats)
    fallback = (variables.get("primary", "blue"), variables.get("accent", "yellow"))
    try:
        background = Color.parse(variables["background"])
        # Names are shown on the background, on surfaces (buttons, dialogs) and panels.
        grounds = [background + Color.parse(variables[name]) for name in ("surface", "panel") if name in variables]
        theme_colours = [Color.parse(colour) for colour in fallback]
    except Exception:  # noqa: BLE001 - an unusual theme keeps its own colours
        found = {}
        for seat in (0, 1):
            found.update({f"partner-{seat}": fallback[seat], f"partner-{seat}-choice": fallback[seat],
                          f"partner-{seat}-line": fallback[seat]})
        found.update({f"person-{name}": fallback[0] for name in PALETTE})
        return found
    ansi = background.ansi is not None or any(colour.ansi is not None for colour in theme_colours)
    found = {}
    if ansi:
        for seat in (0, 1):
            name = seats[seat]
            colour = ANSI_PALETTE[name] if name in ANSI_PALETTE else fallback[seat]
            found.update({f"partner-{seat}": colour, f"partner-{seat}-choice": colour, f"partner-{seat}-line": colour})
        found.update({f"person-{name}": colour for name, colour in ANSI_PALETTE.items()})
        return found
    for seat in (0, 1):
        name = seats[seat]
        colour = Color.parse(PALETTE[name]) if name in PALETTE else theme_colours[seat]
        found[f"partner-{seat}"] = readable(colour, background, AIM, *grounds).hex
        found[f"partner-{seat}-choice"] = carries_text(background + colour).hex  # a chosen word on focus
        found[f"partner-{seat}-line"] = colour.hex
    for name, colour in PALETTE.items():
        found[f"person-{name}"] = readable(Color.parse(colour), background, AIM, *grounds).hex
    return found


def person_colour(variables: dict[str, str], palette_name: str | None, seat: int = 0) -> str:
    """The colour to draw a person's name in (Rich style), from `partner_variables`' result:
    their own when the people file gives one, else their seat's."""
    if palette_name in PALETTE and f"person-{palette_name}" in variables:
        colour = variables[f"person-{palette_name}"]
    else:
        colour = variables.get(f"partner-{seat}", "blue" if seat == 0 else "yellow")
    return colour.removeprefix("ansi_")  # Rich names the terminal's colours without the prefix


def name_class(palette_name: str | None, number: int) -> str:
    """The class that colours a person's name in a list (journal.tcss): their own colour
    from the people file; someone it does not know, the first or second partner's by `number`."""
    return f"person-{palette_name}" if palette_name in PALETTE else f"partner-name-{number % 2}"
