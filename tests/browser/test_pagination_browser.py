"""Lists in pages in Debian's Chromium, on a served 250-vacancy site in German and Arabic:
the navigation passes axe at 360 and 1280 px, fits 320 px without sideways scrolling,
is reached and used with the keyboard, turns right to left, and works without JS."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from long_lists import write_long_site
from siteserver import built_site
from test_browser_pages import format_violations, run_axe

LANGUAGES = 'languages:\n  - {code: de, label: "Deutsch"}\n  - {code: ar, label: "العربية"}\n'
MIDDLE = "stellen/seite/5/"  # previous, ellipses on both sides, next


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    site_dir, _ = write_long_site(tmp_path_factory.mktemp("paged") / "site", settings=LANGUAGES)
    with built_site(site_dir) as site:
        yield site


@pytest.fixture
def visit(paged, chromium):
    """`visit(path, width, javascript=True)` -> a page of the paged site; no request
    may leave it."""
    contexts, foreign = [], []

    def route(r):
        if r.request.url.startswith(paged.origin):
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort("blockedbyclient")

    def _visit(path: str, width: int = 1280, javascript: bool = True):
        ctx = chromium.new_context(
            viewport={"width": width, "height": 800}, locale="de-DE", java_script_enabled=javascript
        )
        contexts.append(ctx)
        ctx.route("**/*", route)
        page = ctx.new_page()
        assert page.goto(paged.url(path)).status == 200
        return page

    yield _visit
    for ctx in contexts:
        ctx.close()
    assert foreign == []


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", [MIDDLE, "ar/" + MIDDLE])
def test_the_pages_with_their_navigation_pass_axe(visit, path, width):
    page = visit(path, width)
    assert page.locator("nav.pagination").count() == 1
    violations = run_axe(page)
    assert not violations, format_violations(violations)


@pytest.mark.parametrize("path", [MIDDLE, "ar/" + MIDDLE, "stellen/", "stellen/seite/11/"])
def test_the_navigation_fits_320_px_without_sideways_scrolling(visit, path):
    page = visit(path, 320)
    sizes = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= sizes[1], sizes
    nav = page.locator("nav.pagination").bounding_box()
    assert nav["x"] >= 0 and nav["x"] + nav["width"] <= 320, nav
    for link in page.locator("nav.pagination a").all():
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (link.inner_text(), box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, (link.inner_text(), box)


def test_the_keyboard_reaches_and_follows_next(visit, paged):
    page = visit(MIDDLE)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('rel')") == "next":
            break
    else:
        pytest.fail("Tab never reached the link to the next page")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    page.wait_for_url("**/stellen/seite/6/")
    current = page.locator("nav.pagination [aria-current=page]")
    assert current.inner_text() == "6" and current.get_attribute("aria-label") == "Seite 6"


def test_right_to_left_puts_previous_on_the_right_and_turns_the_arrows(visit):
    page = visit("ar/" + MIDDLE)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    previous = page.locator("nav.pagination a[rel=prev]").bounding_box()
    following = page.locator("nav.pagination a[rel=next]").bounding_box()
    assert previous["x"] > following["x"]
    first, last = page.locator(".pagination-list a").first, page.locator(".pagination-list a").last
    assert first.bounding_box()["x"] > last.bounding_box()["x"]  # 1 on the right
    for arrow in page.locator("nav.pagination svg").all():
        assert arrow.evaluate("el => getComputedStyle(el).transform").startswith("matrix(-1")
    ltr = visit(MIDDLE).locator("nav.pagination svg").first
    assert ltr.evaluate("el => getComputedStyle(el).transform") == "none"


def test_without_javascript_the_links_lead_through_the_list(visit):
    page = visit("stellen/", javascript=False)
    seen = set()
    for number in range(2, 5):
        page.locator("nav.pagination a[rel=next]").click()
        assert urlsplit(page.url).path.endswith(f"/stellen/seite/{number}/")
        links = page.locator(".cards .card-title a")
        assert links.count() == 20
        seen.update(links.evaluate_all("els => els.map(a => a.getAttribute('href'))"))
    assert len(seen) == 60
