"""Issue 31's vacancy facts in Chromium on the example site: axe finds nothing on pages
with the selection timeline (German and Arabic, 360 and 1280 px), the timeline fits a
320 px phone and runs on the right in Arabic, and the facet "ohne Anschreiben" filters."""

from __future__ import annotations

import re

import pytest
from siteserver import SUB_PATH
from test_browser_pages import format_violations, run_axe
from test_filter_browser import shown_links, wait_for_count

TIMELINE = {
    "de": "stellen/kommunaler-ordnungsdienst/",
    "ar": "ar/stellen/ausbildung-gaertnerin-garten-und-landschaftsbau/",
}


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("language", sorted(TIMELINE))
def test_pages_with_the_timeline_pass_axe(open_page, language, width):
    page, rec = open_page(TIMELINE[language], width=width)
    assert rec.status == 200
    assert page.locator("ol.timeline li").count() >= 3
    violations = run_axe(page)
    assert not violations, (
        f"{len(violations)} axe violation(s) on {TIMELINE[language]} at {width}px:\n"
        + format_violations(violations)
    )


@pytest.mark.parametrize("language", sorted(TIMELINE))
def test_the_timeline_fits_a_320px_phone(open_page, language):
    page, _ = open_page(TIMELINE[language], width=320, height=640)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for box in page.locator("ol.timeline li").all():
        edges = box.bounding_box()
        assert edges["x"] >= 0 and edges["x"] + edges["width"] <= 320


def test_the_timeline_runs_on_the_right_in_arabic(open_page):
    """The numbers stand at the start of the line: on the left in German, on the right in
    Arabic (logical properties, no mirrored stylesheet)."""
    sides = {}
    for language, path in TIMELINE.items():
        page, _ = open_page(path, width=360)
        sides[language] = page.eval_on_selector(
            "ol.timeline li",
            """li => {
                const s = getComputedStyle(li), dot = getComputedStyle(li, '::before');
                return [s.paddingLeft, s.paddingRight, dot.left, dot.right];
            }""",
        )
    assert sides["de"][0] == "40px" and sides["de"][1] == "0px" and sides["de"][2] == "0px"
    assert sides["ar"][1] == "40px" and sides["ar"][0] == "0px" and sides["ar"][3] == "0px"


def test_the_no_cover_letter_facet_filters_the_list(open_page, site):
    wanted = []
    for path in sorted((site.out / "stellen").glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        if re.search(r'data-pagefind-filter="ohne-anschreiben">1<', html):
            wanted.append(f"/{SUB_PATH}/stellen/{path.parent.name}/")
    assert len(wanted) >= 3
    page, rec = open_page("stellen/")
    page.locator("#filter").wait_for(state="visible")
    page.locator("details.refine").evaluate("d => d.open = true")
    page.check("#filter-ohne-anschreiben")
    wait_for_count(page, len(wanted))
    assert sorted(shown_links(page)) == wanted
    assert "ohne-anschreiben=1" in page.url
    badges = page.locator("[data-search-results] .card .tag-ok")
    assert badges.count() == len(wanted)
    assert set(badges.all_inner_texts()) == {"Bewerbung ohne Anschreiben"}
    assert rec.console_errors == [] and rec.foreign == []
