"""The site's colour: WCAG 2.1's contrast ratio, the check that white text on the colour
reaches AA, and the darker shade suggested when it does not."""

from __future__ import annotations

import pytest

from generator.core import colour


def test_contrast_ratio_matches_wcag_s_reference_values() -> None:
    assert colour.contrast(colour.WHITE, colour.BLACK) == pytest.approx(21.0)
    assert colour.contrast(colour.rgb("#767676"), colour.WHITE) == pytest.approx(4.54, abs=0.01)
    assert colour.contrast(colour.rgb("#777777"), colour.WHITE) < colour.AA  # 4.48:1


@pytest.mark.parametrize("light", ["#77aaff", "#ffcc00", "#ffffff", "#e8730c"])
def test_a_colour_that_fails_names_its_ratio_and_a_darker_shade_that_passes(light) -> None:
    said = colour.problem(light)
    assert said is not None and "4,5:1" in said
    darker = colour.darker_for_white_text(light)
    assert darker in said and colour.problem(darker) is None
    assert sum(colour.rgb(darker)) < sum(colour.rgb(light))


@pytest.mark.parametrize("wrong", ["blue", "#fff", "00577d", 12, None, "#00577g"])
def test_a_value_that_is_no_colour_is_refused(wrong) -> None:
    assert "#rrggbb" in colour.problem(wrong)


def test_the_demo_s_blue_keeps_its_shades_and_another_colour_gets_its_own() -> None:
    assert colour.problem(colour.DEFAULT) is None
    assert colour.shades(colour.DEFAULT) == {"main": "#00577d", "light": "#2b7aa0",
                                             "dark": "#003f5c"}  # fmt: skip
    shades = colour.shades("#6B2C91")
    assert shades["main"] == "#6b2c91"
    assert (
        sum(colour.rgb(shades["dark"]))
        < sum(colour.rgb("#6b2c91"))
        < sum(colour.rgb(shades["light"]))
    )
