"""Long lists of a network (site/network_pages.py): an employer's and an occupation's page
show their first few open vacancies and link to their whole list, which is split into
pages like every list. A scratch network of 30 vacancies in pages of 10, built with the
real command line and read back as a visitor and a search engine would."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest
from helpers import BUILD_DATE, run_cli
from long_lists import EMPLOYER, EMPTY_OCCUPATION, OCCUPATION, write_network_site

from karriere.base.locale_format import locale_of, number
from karriere.site.network_pages import SHOWN_VACANCIES

BASE = "https://example.org/karriere/"
PATH = "/karriere/"
TITLE = "Karriere bei der Stadt Teststadt"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
OCCUPATION_LIST = f"stellen/beruf/{OCCUPATION}/"
EMPLOYER_LIST = f"stellen/arbeitgeber/{EMPLOYER}/"


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("network")
    site, slugs = write_network_site(root / "site")
    out = root / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return out, slugs


def html_of(out: Path, route: str) -> str:
    return (out / route / "index.html").read_text(encoding="utf-8")


def cards(html: str) -> list[str]:
    """The slugs of the vacancy cards, in order."""
    return re.findall(r'class="card-title"><a href="/karriere/stellen/([^/"]+)/"', html)


def section(html: str, heading_id: str) -> str:
    found = re.search(
        rf'<section[^>]*aria-labelledby="{heading_id}"[^>]*>(.*?)</section>', html, re.S
    )
    return found.group(1) if found else ""


def links_to(html: str, route: str) -> list[str]:
    """The texts of the links to PATH + route."""
    found = re.findall(rf'<a [^>]*href="{re.escape(PATH + route)}"[^>]*>([^<]*)</a>', html)
    return [unescape(text) for text in found]


def head(html: str) -> tuple[str, str]:
    """(title, canonical URL)."""
    title = re.search(r"<title>([^<]*)</title>", html).group(1)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
    return unescape(title), canonical


def walk(out: Path, route: str) -> list[str]:
    """The html of every page of a list, by following "next" from its first page."""
    pages = []
    while route is not None:
        pages.append(html_of(out, route))
        assert len(pages) < 20, "the next links go round in circles"
        found = re.search(r'<a [^>]*href="/karriere/([^"]*)"[^>]*rel="next"', pages[-1]) or (
            re.search(r'<a [^>]*rel="next"[^>]*href="/karriere/([^"]*)"', pages[-1])
        )
        route = found.group(1) if found else None
    return pages


def test_the_employer_page_shows_the_first_few_and_links_to_all(network):
    out, slugs = network
    shown = section(html_of(out, f"arbeitgeber/{EMPLOYER}/"), "offene-stellen")
    first_page = cards(html_of(out, EMPLOYER_LIST))
    assert cards(shown) == first_page[:SHOWN_VACANCIES] == slugs[:SHOWN_VACANCIES]
    assert links_to(shown, EMPLOYER_LIST) == ["Alle 30 Stellen dieses Arbeitgebers"]


def test_the_occupation_page_shows_the_first_few_and_links_to_all(network):
    out, slugs = network
    shown = section(html_of(out, f"berufe/{OCCUPATION}/"), "offene-stellen")
    assert cards(shown) == slugs[:SHOWN_VACANCIES]
    assert links_to(shown, OCCUPATION_LIST) == ["Alle 30 Stellen in diesem Beruf"]


def test_every_vacancy_of_the_occupation_is_reachable_in_its_list(network):
    out, slugs = network
    pages = walk(out, OCCUPATION_LIST)
    assert len(pages) == 3
    assert [slug for page in pages for slug in cards(page)] == slugs  # newest first
    for n, page in enumerate(pages, start=1):
        route = OCCUPATION_LIST if n == 1 else f"{OCCUPATION_LIST}seite/{n}/"
        title = "Gärtner*in: Stellenangebote" + (f" – Seite {n} von 3" if n > 1 else "")
        assert head(page) == (f"{title} – {TITLE}", BASE + route)
        assert "<h1>Gärtner*in</h1>" in page.replace("\xad", "")
        assert re.search(r'id="anzahl"[^>]*>30 offene Stellen<', page)
    assert "Gärtner*in: aktuelle Stellenangebote" in html_of(out, OCCUPATION_LIST)


def test_an_occupation_without_vacancies_has_no_list_and_no_link(network):
    out, _ = network
    html = html_of(out, f"berufe/{EMPTY_OCCUPATION}/")
    assert not (out / "stellen/beruf" / EMPTY_OCCUPATION).exists()
    assert not (out / "en/stellen/beruf" / EMPTY_OCCUPATION).exists()
    assert "/stellen/beruf/" not in html
    assert "Zurzeit gibt es in diesem Beruf keine offene Stelle" in html


def test_the_sitemap_lists_the_first_page_of_each_language(network):
    out, _ = network
    locs = {e.text for e in ET.parse(out / "sitemap.xml").getroot().iter(SITEMAP + "loc")}
    assert {BASE + OCCUPATION_LIST, BASE + "en/" + OCCUPATION_LIST} <= locs
    assert not [loc for loc in locs if "/beruf/" in loc and "/seite/" in loc]
    assert not [loc for loc in locs if EMPTY_OCCUPATION in loc and "/stellen/" in loc]


def test_the_list_in_english_with_hreflang_and_english_words(network):
    out, _ = network
    page = html_of(out, "en/" + OCCUPATION_LIST + "seite/2/")
    title, canonical = head(page)
    assert title.startswith("Gardener: Jobs – page 2 of 3")
    assert canonical == BASE + "en/" + OCCUPATION_LIST + "seite/2/"
    for code, prefix in (("de", ""), ("en", "en/"), ("x-default", "")):
        link = f'<link rel="alternate" hreflang="{code}" href="{BASE}{prefix}{OCCUPATION_LIST}seite/2/">'
        assert link in page
    # The translated pages say it in English, the count too.
    occupation = section(html_of(out, f"berufe/{OCCUPATION}/"), "offene-stellen")
    english = section(html_of(out, f"en/berufe/{OCCUPATION}/"), "offene-stellen")
    assert cards(english) == cards(occupation)
    assert links_to(english, "en/" + OCCUPATION_LIST) == ["All 30 jobs in this career"]
    employer = section(html_of(out, f"en/arbeitgeber/{EMPLOYER}/"), "offene-stellen")
    assert links_to(employer, "en/" + EMPLOYER_LIST) == ["All 30 jobs at this employer"]


def test_the_list_gets_the_same_security_policy_as_the_employers(network):
    out, _ = network
    rules = (out / "_headers").read_text(encoding="utf-8").split("\n/")
    strict = [r for r in rules if r.startswith("karriere/stellen/:page/*\n")]
    assert len(strict) == 1 and "wasm-unsafe-eval" not in strict[0]
    # covered by stellen/:page/*, as the employers' lists are; the search at /stellen/ only
    assert not [r for r in rules if "stellen/beruf" in r or "stellen/arbeitgeber" in r]


@pytest.mark.parametrize(
    ("language", "written"),
    [("de", "1.234"), ("en", "1,234"), ("tr", "1.234"), ("uk", "1\xa0234"), ("ar", "1,234")],
)
def test_counts_are_grouped_as_the_language_writes_them(language, written):
    assert number(1234, locale_of(language)) == written
