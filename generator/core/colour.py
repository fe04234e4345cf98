"""The site's colour: white text on it (the header, the tabs) and it as the colour of links
on white must both reach WCAG 2.1 AA's 4.5:1 for normal text. The ratio is the same both
ways, so one check covers both."""

from __future__ import annotations

import re

AA = 4.5
DEFAULT = "#00577d"  # the demo's blue: about 7.9:1 against white
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as three numbers from 0 to 255."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def hex_of(value: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in value)


def _luminance(value: tuple[int, int, int]) -> float:
    """Relative luminance, as WCAG 2.1 defines it."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in value)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(value: tuple[int, int, int], other: tuple[int, int, int], share: float) -> tuple:
    """``value`` with ``share`` (0–1) of ``other`` mixed in."""
    return tuple(round(c + (o - c) * share) for c, o in zip(value, other, strict=True))


def darker_for_white_text(colour: str) -> str:
    """The nearest darker shade of ``colour`` (in steps of 2 % black) that white text on
    it reaches AA."""
    value = rgb(colour)
    step = 0
    while contrast(mix(value, BLACK, step / 50), WHITE) < AA:
        step += 1
    return hex_of(mix(value, BLACK, step / 50))


def problem(colour: object) -> str | None:
    """What is wrong with ``colour`` as the site's colour, in Swedish; None if nothing."""
    if not isinstance(colour, str) or not HEX.match(colour):
        return "ska vara en färg som #rrggbb, till exempel #00577d."
    ratio = contrast(rgb(colour), WHITE)
    if ratio < AA:
        return (
            f"{colour} ger vit text en kontrast på {_sv(ratio)}:1 mot färgen; WCAG 2.1 AA kräver "
            f"minst {_sv(AA)}:1. Välj en mörkare nyans, till exempel "
            f"{darker_for_white_text(colour)}."
        )
    return None


def _sv(number: float) -> str:
    return f"{number:.1f}".replace(".", ",")


def white_text_ratio(colour: str) -> str:
    """The contrast of white text on ``colour``, as Swedish writes it: ``7,6``."""
    return _sv(contrast(rgb(colour), WHITE))


def shades(colour: str) -> dict[str, str]:
    """The theme's colour variables for ``colour``: a lighter and a darker shade beside it
    (the demo's blue keeps the shades it was designed with)."""
    if colour.lower() == DEFAULT:
        return {"main": DEFAULT, "light": "#2b7aa0", "dark": "#003f5c"}
    value = rgb(colour)
    return {"main": colour.lower(), "light": hex_of(mix(value, WHITE, 0.17)),
            "dark": hex_of(mix(value, BLACK, 0.28))}  # fmt: skip
