"""Leichte Sprache and German Sign Language (BITV 2.0 § 4) in Chromium: axe finds nothing
on the example site's pages at 360 and 1280 px, the header links fit a 320 px phone beside
the menu, and the DGS video's facts and download link are shown."""

from __future__ import annotations

import pytest
from test_browser_pages import format_violations, run_axe

PAGES = ["leichte-sprache/", "leichte-sprache/navigation/", "gebaerdensprache/"]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_section_pages_pass_axe(open_page, path, width):
    page, rec = open_page(path, width=width)
    assert rec.status == 200
    violations = run_axe(page)
    assert not violations, (
        f"{len(violations)} axe violation(s) on /{path} at {width}px:\n"
        + format_violations(violations)
    )


@pytest.mark.parametrize("path", ["", "stellen/", *PAGES])
def test_header_links_fit_a_320px_phone_and_the_menu_still_opens(open_page, path):
    page, _ = open_page(path, width=320, height=640)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"/{path} scrolls sideways at 320 px ({width}px)"
    for name in ("Leichte Sprache", "Gebärdensprache"):
        link = page.locator(".a11y-langs a", has_text=name)
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320, name
        assert box["height"] >= 24, f"{name}: target smaller than 24 px"
    button = page.locator("button.menu-toggle")
    button.click()
    assert page.locator("#menu").is_visible()
    assert button.get_attribute("aria-expanded") == "true"


def test_keyboard_reaches_the_header_links_right_after_the_skip_link(open_page):
    page, _ = open_page("stellen/", width=1280)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Leichte Sprache"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Gebärdensprache"
    page.keyboard.press("Enter")
    page.wait_for_url("**/karriere/gebaerdensprache/")
    heading = page.locator("h1").inner_text().replace("\xad", "")  # soft hyphens
    assert heading == "Informationen in Deutscher Gebärdensprache"


def test_dgs_page_shows_the_video_facts_and_says_it_is_a_test(open_page):
    page, _ = open_page("gebaerdensprache/", width=360)
    facts = page.locator(".video-facts").inner_text()
    assert "640 × 360 Pixel" in facts and "0:05" in facts and "KB" in facts
    download = page.locator(".video-download a")
    assert download.get_attribute("download") is not None
    assert page.get_by_text("Das ist ein Testvideo.").is_visible()
    assert "keine echte Gebärdensprache" in page.locator("main").inner_text()
