"""Honest deadlines between builds: with the visitor's clock past a deadline, the vacancy is
marked expired and its apply link disabled; on the deadline day itself nothing changes."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(scope="module")
def vacancy_with_deadline(site):
    """(path below the base URL, deadline) of an open vacancy that has a deadline."""
    for page in sorted(site.out.glob("stellen/*/index.html")):
        found = re.search(r'<article[^>]*data-deadline="([0-9-]{10})"', page.read_text("utf-8"))
        if found:
            return f"stellen/{page.parent.name}/", date.fromisoformat(found.group(1))
    pytest.fail("no open vacancy with a deadline in the example site")


class Recorder:
    """Requests that leave the site (refused) and uncaught script errors."""

    def __init__(self, origin: str):
        self.origin = origin
        self.foreign: list[str] = []
        self.errors: list[str] = []

    def route(self, route) -> None:
        if route.request.url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort("blockedbyclient")


@pytest.fixture
def visit(site, chromium):
    contexts = []

    def _visit(path: str, day: date, javascript: bool = True):
        ctx = chromium.new_context(locale="de-DE", java_script_enabled=javascript)
        contexts.append(ctx)
        page = ctx.new_page()
        rec = Recorder(site.origin)
        page.on("pageerror", lambda exc: rec.errors.append(str(exc)))
        ctx.route("**/*", rec.route)
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=BERLIN)
        page.clock.set_fixed_time(noon)
        page.goto(site.url(path), wait_until="load")
        return page, rec, ctx

    yield _visit
    for ctx in contexts:
        ctx.close()


def apply_links(page):
    return page.locator("a.button-apply")


def test_expired_since_build_is_marked_and_apply_disabled(visit, vacancy_with_deadline):
    path, deadline = vacancy_with_deadline
    page, rec, ctx = visit(path, deadline + timedelta(days=1))
    notice = page.locator("[data-deadline-note]")
    assert notice.is_visible()
    assert "Bewerbungsfrist ist abgelaufen" in notice.inner_text().replace("\u00ad", "")
    links = apply_links(page)
    assert links.count() >= 1
    for i in range(links.count()):
        assert links.nth(i).get_attribute("href") is None
        assert links.nth(i).get_attribute("aria-disabled") == "true"
    assert rec.foreign == [] and rec.errors == []
    assert ctx.cookies() == []


def test_deadline_day_is_still_open(visit, vacancy_with_deadline):
    path, deadline = vacancy_with_deadline
    page, _, _ = visit(path, deadline)
    assert page.locator("[data-deadline-note]").is_hidden()
    assert apply_links(page).first.get_attribute("href")


def test_without_javascript_the_page_is_as_built(visit, vacancy_with_deadline):
    path, deadline = vacancy_with_deadline
    page, _, _ = visit(path, deadline + timedelta(days=30), javascript=False)
    assert page.locator("[data-deadline-note]").is_hidden()
    assert apply_links(page).first.get_attribute("href")


def test_listing_marks_the_card(visit, vacancy_with_deadline):
    path, deadline = vacancy_with_deadline
    page, rec, _ = visit("stellen/", deadline + timedelta(days=1))
    card = page.locator(f'li.card:has(a[href$="{path}"])')
    assert "is-expired" in card.get_attribute("class")
    assert card.locator("[data-deadline-note]").inner_text() == "Bewerbungsfrist abgelaufen"
    assert rec.foreign == []
