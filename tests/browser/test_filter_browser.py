"""The vacancy filter with JS (the search's facets: Pagefind), and axe on the network page
types (employer, occupation, event, poster), in Debian's Chromium against the served
example site."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from siteserver import SUB_PATH
from test_browser_pages import format_violations, run_axe


def open_vacancies(site) -> dict[str, dict[str, list[str]]]:
    """Each listed vacancy's URL with the facets its page hands the search index."""
    found = {}
    for path in sorted((site.out / "stellen").glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        if "data-pagefind-body" not in html:
            continue  # expired: not in the index, not in the list
        facets: dict[str, list[str]] = {}
        for name, value in re.findall(
            r'<span data-pagefind-filter="([a-z]+)">([^<]*)</span>', html
        ):
            facets.setdefault(name, []).append(value)
        found[f"/{SUB_PATH}/stellen/{path.parent.name}/"] = facets
    return found


def shown_links(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-search-results]:not([hidden]) .card-title a",
        "els => els.map(a => a.getAttribute('href'))",
    )


def count_text(n: int) -> str:
    return "1 offene Stelle" if n == 1 else f"{n} offene Stellen" if n else "Keine offene Stelle"


def wait_for_count(page, n: int) -> None:
    exact = re.compile(f"^{re.escape(count_text(n))}")  # "1 offene Stelle" is in "11 offene …"
    page.locator("#anzahl").filter(has_text=exact).wait_for(timeout=20_000)


def test_filter_narrows_counts_and_keeps_the_query(open_page, site):
    rows = open_vacancies(site)
    page, rec = open_page("stellen/")
    form = page.locator("#filter")
    form.wait_for(state="visible")
    page.locator("details.refine").evaluate("d => d.open = true")

    employer = "lindenfelder-verkehrsbetriebe"
    page.check(f"#filter input[name=arbeitgeber][value={employer}]")
    want = sorted(u for u, f in rows.items() if employer in f.get("arbeitgeber", []))
    wait_for_count(page, len(want))
    assert sorted(shown_links(page)) == want and want
    assert page.locator("#anzahl").get_attribute("role") == "status"
    assert parse_qs(urlsplit(page.url).query) == {"arbeitgeber": [employer]}

    page.uncheck(f"#filter input[name=arbeitgeber][value={employer}]")
    page.check("#filter-teilzeit")
    want = sorted(u for u, f in rows.items() if f.get("teilzeit") == ["1"])
    wait_for_count(page, len(want))
    assert sorted(shown_links(page)) == want and 0 < len(want) < len(rows)
    assert rec.console_errors == [] and rec.foreign == []


def test_without_javascript_the_filter_form_stays_hidden(chromium, site):
    """The chip links filter instead; a form that cannot work is not shown (its class sets
    display:flex, which used to win over the hidden attribute). It keeps its place, so
    that showing it moves nothing (test_browser_quality: zero layout shift)."""
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("stellen/"))
        assert page.locator("#filter").count() == 1
        assert not page.locator("#filter").is_visible()
        assert page.locator(".chips a").count() > 2
    finally:
        context.close()


def test_shared_filter_url_opens_filtered(open_page, site):
    rows = open_vacancies(site)
    page, _ = open_page("stellen/?kategorie=ausbildung&teilzeit=1")
    page.locator("#filter").wait_for(state="visible")
    want = sorted(
        u for u, f in rows.items() if f["kategorie"] == ["ausbildung"] and f.get("teilzeit")
    )
    wait_for_count(page, len(want))
    assert sorted(shown_links(page)) == want and want
    assert page.is_checked("#filter input[name=kategorie][value=ausbildung]")
    assert page.is_checked("#filter-teilzeit")
    page.locator("details.refine").evaluate("d => d.open = true")
    page.click("#filter button[type=reset]")
    # Not wait_for_function: its string predicate needs eval, which the site's CSP forbids.
    expect(page.locator("[data-search-results]")).to_be_hidden()
    expect(page.locator(".results > ul.cards")).to_be_visible()
    assert urlsplit(page.url).query == ""


def test_no_match_is_announced(open_page, site):
    page, _ = open_page("stellen/?arbeitgeber=gwl-wohnen&kategorie=beamtenlaufbahn")
    page.locator("#filter").wait_for(state="visible")
    wait_for_count(page, 0)
    assert shown_links(page) == []


NETWORK_PAGES = [
    "stellen/?teilzeit=1",
    "arbeitgeber/",
    "arbeitgeber/jobcenter-lindenfeld/",
    "berufe/",
    "berufe/verwaltungsfachangestellte/",
    "termine/",
    "termine/ausbildungsmesse-2037/",
    "termine/ausbildungsmesse-2026/",
    "stellen/kommunaler-ordnungsdienst/aushang/",
]


@pytest.mark.parametrize("path", NETWORK_PAGES)
def test_network_pages_axe_clean(open_page, path):
    page, rec = open_page(path)
    if path.startswith("stellen/?"):
        page.locator("[data-search-results] .card").first.wait_for()
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
    assert rec.console_errors == [] and rec.foreign == []


@pytest.mark.parametrize("path", NETWORK_PAGES)
def test_network_pages_fit_320px(open_page, path):
    page, _ = open_page(path, width=320, height=640)
    if path.startswith("stellen/?"):
        page.locator("[data-search-results] .card").first.wait_for()
    width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1], f"{path} scrolls sideways at 320 px: {width}"
