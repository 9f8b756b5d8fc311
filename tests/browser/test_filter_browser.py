"""The vacancy filter with JS, and axe on the network page types (employer, occupation,
event, poster), in Debian's Chromium against the served example site."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from test_browser_pages import format_violations, run_axe


def index_rows(site) -> list[dict]:
    return json.loads((site.out / "stellen" / "index.json").read_text(encoding="utf-8"))[
        "vacancies"
    ]


def visible_links(page) -> list[str]:
    return page.eval_on_selector_all(
        ".cards > li:not([hidden]) .card-title a", "els => els.map(a => a.getAttribute('href'))"
    )


def count_text(n: int) -> str:
    return "1 offene Stelle" if n == 1 else f"{n} offene Stellen" if n else "Keine offene Stelle"


def test_filter_narrows_counts_and_keeps_the_query(open_page, site):
    rows = index_rows(site)
    page, rec = open_page("stellen/")
    form = page.locator("#filter")
    form.wait_for(state="visible")
    assert len(visible_links(page)) == len(rows)

    employer = "lindenfelder-verkehrsbetriebe"
    page.select_option("#filter-arbeitgeber", employer)
    want = sorted(r["url"] for r in rows if r["arbeitgeber"] == employer)
    assert sorted(visible_links(page)) == want and want
    assert page.locator("#anzahl").inner_text().startswith(count_text(len(want)))
    assert page.locator("#anzahl").get_attribute("role") == "status"
    assert parse_qs(urlsplit(page.url).query) == {"arbeitgeber": [employer]}

    page.select_option("#filter-arbeitgeber", "")
    page.check("#filter-teilzeit")
    want = sorted(r["url"] for r in rows if r["teilzeit"] == "1")
    assert sorted(visible_links(page)) == want and 0 < len(want) < len(rows)
    assert page.locator("#anzahl").inner_text().startswith(count_text(len(want)))
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
    rows = index_rows(site)
    page, _ = open_page("stellen/?kategorie=ausbildung&teilzeit=1")
    page.locator("#filter").wait_for(state="visible")
    want = sorted(r["url"] for r in rows if r["kategorie"] == "ausbildung" and r["teilzeit"] == "1")
    assert sorted(visible_links(page)) == want and want
    assert page.input_value("#filter-kategorie") == "ausbildung"
    assert page.is_checked("#filter-teilzeit")
    page.click("button[type=reset]")
    # Not wait_for_function: its string predicate needs eval, which the site's CSP forbids.
    expect(page.locator(".cards > li[hidden]")).to_have_count(0)
    assert len(visible_links(page)) == len(rows)
    assert urlsplit(page.url).query == ""


def test_no_match_is_announced(open_page, site):
    page, _ = open_page("stellen/?arbeitgeber=gwl-wohnen&kategorie=beamtenlaufbahn")
    page.locator("#filter").wait_for(state="visible")
    assert visible_links(page) == []
    assert "Keine offene Stelle" in page.locator("#anzahl").inner_text()


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
        page.locator("#filter").wait_for(state="visible")
    violations = run_axe(page)
    assert violations == [], format_violations(violations)
    assert rec.console_errors == [] and rec.foreign == []


@pytest.mark.parametrize("path", NETWORK_PAGES)
def test_network_pages_fit_320px(open_page, path):
    page, _ = open_page(path, width=320, height=640)
    if path.startswith("stellen/?"):
        page.locator("#filter").wait_for(state="visible")
    width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width[0] <= width[1], f"{path} scrolls sideways at 320 px: {width}"
