"""Issue 29 in Debian's Chromium, on the served example site: the Arabic pages mirror and
pass axe at 360 and 1280 px, nothing scrolls sideways at 320 px, and the language switcher
works with the keyboard alone."""

from __future__ import annotations

import pytest
from test_browser_pages import format_violations, run_axe
from test_theme_browser import OVERFLOWS

ARABIC = [
    "ar/",
    "ar/stellen/",
    "ar/stellen/einstiegsqualifizierung-junge-gefluechtete/",
    "ar/faq/",
    "en/geschichten/sophie-deine-zukunft-findet-stadt/",
    "uk/ankommen-im-rathaus/",
]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("target", ARABIC)
def test_other_language_pages_have_no_axe_violations(open_page, target, width):
    page, rec = open_page(target, width=width, height=800)
    assert rec.status == 200, target
    violations = run_axe(page)
    assert not violations, format_violations(violations)
    assert not rec.foreign, rec.foreign


@pytest.mark.parametrize("target", ARABIC[:4])
def test_arabic_pages_mirror_and_fit_320_px(open_page, target):
    page, _ = open_page(target, width=320, height=700)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    problems = page.evaluate(OVERFLOWS)
    assert not problems, "\n".join(problems)
    # The brand sits at the right edge, the menu button at the left: the header mirrors.
    brand = page.locator(".brand").bounding_box()
    toggle = page.locator("button.menu-toggle:visible, a.menu-toggle:visible").first
    assert brand["x"] > toggle.bounding_box()["x"]


def test_the_switcher_works_with_the_keyboard(open_page):
    page, _ = open_page("stellen/einstiegsqualifizierung-junge-gefluechtete/", width=360)
    for _ in range(8):  # skip link, the § 4 links, the logo, then the switcher's button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.language-menu') !== null"):
            break
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert page.locator(".languages").is_hidden()
    page.keyboard.press("Enter")  # opens the list, without JavaScript
    assert page.locator(".languages").is_visible()
    reached = []
    for _ in range(6):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('hreflang')"))
        if reached[-1] == "ar":
            break
    assert reached[:4] == ["de", "en", "tr", "ar"], reached
    focus_ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus_ring != "none"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/ar/stellen/einstiegsqualifizierung-junge-gefluechtete/")
    assert page.evaluate("document.documentElement.lang") == "ar"


def test_the_header_stays_compact_on_a_phone_in_every_language(open_page):
    for target in ("", "ar/", "uk/"):
        page, _ = open_page(target, width=320, height=700)
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 120, (target, header)
