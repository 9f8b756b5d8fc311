"""WCAG contrast, and the darker shade suggested for a brand colour that is too light."""

from __future__ import annotations

import pytest

from karriere.base.colours import AA, WHITE, contrast, darkened_for_white, hex_rgb


def test_contrast_is_wcags_ratio():
    assert contrast(WHITE, (0, 0, 0)) == pytest.approx(21)
    assert contrast(hex_rgb("#767676"), WHITE) == pytest.approx(4.54, abs=0.01)  # AA's edge


@pytest.mark.parametrize("color", ["#f2b705", "#ffffff", "#7fdbff", "#e4002b", "#5ab031"])
def test_the_suggested_shade_passes_aa_and_keeps_the_hue(color):
    rgb = hex_rgb(color)
    shade = darkened_for_white(rgb)
    assert contrast(shade, WHITE) >= AA
    assert all(s <= c for s, c in zip(shade, rgb, strict=True))  # darker, never another hue
    assert contrast(darkened_for_white(hex_rgb("#005ca9")), WHITE) == contrast(
        hex_rgb("#005ca9"), WHITE
    )  # a dark enough colour stays as it is
