"""Social posts in Chromium, on the built example site: /social/ and the home page make no
request to anything but the site's own origin (127.0.0.1), before and after the vertical
clip is played; the clip fits a phone; axe finds nothing on /social/."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from test_browser_pages import format_violations, run_axe

CLIP = ".post-card .video-9x16 video"


def own(rec, origin: str) -> list[str]:
    """Every request that went anywhere but the test server (none may)."""
    return [url for url in rec.requests if not url.startswith(origin + "/")]


def play_clip(page) -> None:
    """Start the clip as a keyboard user does (Tab to the player, Space), and wait until
    it plays. (Headless Chromium draws no native controls to click: a mouse click on them
    is not delivered there, the key press is.)"""
    clip = page.locator(CLIP).first
    clip.scroll_into_view_if_needed()
    clip.focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        "v => !v.paused || v.currentTime > 0 || v.error", arg=clip.element_handle(), timeout=5000
    )
    page.wait_for_timeout(500)


@pytest.mark.parametrize("path", ["social/", ""])
def test_no_request_leaves_the_site_before_or_after_playing_the_clip(site, open_page, path):
    page, rec = open_page(path, width=360, height=780, wait="networkidle")
    assert rec.status == 200
    assert page.locator(".post-card").count() >= 3
    assert not own(rec, site.origin) and not rec.foreign, rec.foreign
    links = page.locator(".post-link a")
    hosts = {urlsplit(links.nth(n).get_attribute("href")).hostname for n in range(links.count())}
    assert hosts, "the cards should link out to the platforms"
    before = len(rec.requests)
    play_clip(page)
    state = page.locator(CLIP).first.evaluate("v => [v.paused, v.currentTime, !!v.error]")
    assert state[2] is False, "the clip could not be played"
    assert state[0] is False or state[1] > 0, state
    played = rec.requests[before:]
    assert any(url.endswith("/media/posts/langweilig.mp4") for url in played), played
    assert any(url.endswith("/media/posts/langweilig.de.vtt") for url in rec.requests)
    assert not own(rec, site.origin) and not rec.foreign, rec.foreign
    for host in hosts:  # nothing went to a platform, neither before nor after
        assert not any(host in url for url in rec.requests), host
    assert not rec.console_errors, rec.console_errors


@pytest.mark.parametrize(("width", "height"), [(320, 568), (360, 640), (412, 915)])
def test_the_vertical_clip_fits_a_phone_screen(open_page, width, height):
    page, _ = open_page("social/", width=width, height=height)
    clip = page.locator(CLIP).first
    clip.scroll_into_view_if_needed()
    box = clip.bounding_box()
    assert box["width"] <= width and box["height"] <= height, box
    assert box["height"] > box["width"] * 1.7, "a 9:16 clip should stay upright"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert clip.locator("track[kind=captions]").count() == 1


@pytest.mark.parametrize("width", [360, 1280])
def test_the_wall_passes_axe(open_page, width):
    page, rec = open_page("social/", width=width)
    assert rec.status == 200
    violations = run_axe(page)
    assert not violations, (
        f"{len(violations)} axe violation(s) on /social/ at {width}px:\n"
        + format_violations(violations)
    )
