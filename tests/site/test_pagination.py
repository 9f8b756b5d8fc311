"""Lists in pages (site/pagination.py): a 250-vacancy site built with the real command
line and read back as a visitor without JavaScript and a search engine would."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from math import ceil
from pathlib import Path

import pytest
from helpers import BUILD_DATE, readable, run_cli
from long_lists import EMPLOYER, write_long_site

from karriere.base import strings
from karriere.base.recall import Recall
from karriere.site.model import Page
from karriere.site.pagination import Pagination, paginated

BASE = "https://example.org/karriere/"
PATH = "/karriere/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TITLE = "Karriere bei der Stadt Teststadt"


class ListPage(HTMLParser):
    """What a list page offers: its head, the cards' links and the pagination nav."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.head: dict[str, str] = {}
        self.alternates: dict[str, str] = {}
        self.cards: list[str] = []
        self.nav: dict | None = None  # the pagination <nav>'s attributes
        self.links: list[dict] = []  # its links, with "text"
        self.gaps = 0  # ellipses
        self.range = ""
        self._in: list[str] = []  # what the parser is inside: title, card, nav, a, gap, range

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "title":
            self._in.append("title")
        elif tag == "link" and a.get("rel") == "canonical":
            self.head["canonical"] = a["href"]
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "meta" and a.get("name") == "description":
            self.head["description"] = a["content"]
        elif tag == "meta" and a.get("name") == "robots":
            self.head["robots"] = a["content"]
        elif "card-title" in classes:
            self._in.append("card")
        elif tag == "a" and self._in[-1:] == ["card"]:
            self.cards.append(a["href"])
        elif tag == "nav" and "pagination" in classes:
            self.nav = a
            self._in.append("nav")
        elif tag == "a" and "nav" in self._in:
            self.links.append({**a, "text": ""})
            self._in.append("a")
        elif tag == "li" and "pagination-gap" in classes:
            self.gaps += 1
        elif tag == "p" and "page-range" in classes:
            self._in.append("range")

    def handle_endtag(self, tag):
        ends = {"title": "title", "h2": "card", "h3": "card", "nav": "nav", "a": "a", "p": "range"}
        if self._in and ends.get(tag) == self._in[-1]:
            self._in.pop()

    def handle_data(self, data):
        where = self._in[-1:] or [""]
        if where == ["title"]:
            self.title += data
        elif where == ["a"]:
            self.links[-1]["text"] += data
        elif where == ["range"]:
            self.range += data

    def link(self, rel: str) -> str | None:
        return next((a["href"] for a in self.links if a.get("rel") == rel), None)

    def numbered(self) -> list[dict]:
        return [a for a in self.links if "rel" not in a]


def read(out: Path, href: str) -> ListPage:
    """The page a root-relative link leads to."""
    assert href.startswith(PATH), href
    parser = ListPage()
    parser.feed((out / href[len(PATH) :] / "index.html").read_text(encoding="utf-8"))
    return parser


def build(root: Path, settings: str = "") -> tuple[Path, list[str]]:
    site, open_slugs = write_long_site(root / "site", settings=settings)
    out = root / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return out, open_slugs


@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> tuple[Path, list[str]]:
    return build(tmp_path_factory.mktemp("long"))


def walk(out: Path, start: str) -> list[ListPage]:
    """Every page of a list, in order, by following "next" from its first page."""
    pages, href = [], start
    while href is not None:
        page = read(out, href)
        pages.append(page)
        assert len(pages) < 100, "the next links go round in circles"
        href = page.link("next")
    return pages


def test_every_open_vacancy_is_reachable_by_plain_links(long_site):
    out, open_slugs = long_site
    pages = walk(out, PATH + "stellen/")
    listed = [href for page in pages for href in page.cards]
    assert len(open_slugs) > 200
    assert sorted(listed) == sorted(f"{PATH}stellen/{slug}/" for slug in open_slugs)
    assert len(pages) == ceil(len(open_slugs) / 20)
    assert all(len(page.cards) == 20 for page in pages[:-1])
    # Newest first; generated vacancies come two a day (long_lists.vacancy), and a tie is
    # broken by the title. The scratch site's own vacancy is the newest.
    generated = sorted(
        (int(s[-3:]) for s in open_slugs if s.startswith("stelle-")), key=lambda n: (-(n // 2), n)
    )
    wanted = ["sachbearbeitung"] + [f"stelle-{n:03d}" for n in generated]
    assert listed == [f"{PATH}stellen/{slug}/" for slug in wanted]


def test_no_page_lists_an_expired_vacancy(long_site):
    out, open_slugs = long_site
    for path in (out / "stellen").rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        if 'class="pagination"' in html or "kategorie" in path.parts:
            found = set(re.findall(r'class="card-title"><a href="/karriere/stellen/([^/]+)/', html))
            assert found <= set(open_slugs), path


def test_titles_descriptions_canonical_urls_and_range(long_site):
    out, open_slugs = long_site
    total = len(open_slugs)
    count = ceil(total / 20)
    pages = walk(out, PATH + "stellen/")
    descriptions = set()
    for number, page in enumerate(pages, start=1):
        route = "stellen/" if number == 1 else f"stellen/seite/{number}/"
        assert page.head["canonical"] == BASE + route
        assert "robots" not in page.head
        wanted = (
            "Stellenangebote" if number == 1 else f"Stellenangebote – Seite {number} von {count}"
        )
        assert unescape(page.title) == f"{wanted} – {TITLE}"
        descriptions.add(page.head["description"])
        last = min(number * 20, total)
        assert page.range == f"{(number - 1) * 20 + 1}–{last} von {total}"
    assert len(descriptions) == count  # each page its own
    assert pages[1].head["description"].endswith(f"Seite 2 von {count}.")


def test_the_navigation_follows_the_gov_uk_pattern(long_site):
    out, _ = long_site
    pages = walk(out, PATH + "stellen/")
    count = len(pages)
    for number, page in enumerate(pages, start=1):
        assert page.nav is not None and page.nav.get("aria-label") == "Seiten der Liste"
        current = [a for a in page.numbered() if a.get("aria-current") == "page"]
        assert [a["text"] for a in current] == [str(number)]
        assert current[0]["aria-label"] == f"Seite {number}"
        shown = [int(a["text"]) for a in page.numbered()]
        assert shown[0] == 1 and shown[-1] == count  # always the first and the last
        assert shown == sorted(set(shown))
        assert page.gaps == (number > 4) + (number < count - 3)  # gaps of 2+ pages
        assert (page.link("prev") is None) == (number == 1)
        assert (page.link("next") is None) == (number == count)
        steps = {a["rel"]: a["text"] for a in page.links if "rel" in a}
        words = {"prev": "Vorherige Seite", "next": "Nächste Seite"}
        assert steps == {rel: text for rel, text in words.items() if page.link(rel)}


def test_categories_and_the_employers_list_are_in_pages_too(long_site):
    out, open_slugs = long_site
    for start in (PATH + "stellen/kategorie/fachkraft/", f"{PATH}stellen/arbeitgeber/{EMPLOYER}/"):
        pages = walk(out, start)
        assert len(pages) > 1, start
        listed = [href for page in pages for href in page.cards]
        assert len(listed) == len(set(listed)) and set(listed) <= {
            f"{PATH}stellen/{slug}/" for slug in open_slugs
        }
        assert pages[1].head["canonical"] == BASE + start[len(PATH) :] + "seite/2/"
    fachkraft = [
        href for page in walk(out, PATH + "stellen/kategorie/fachkraft/") for href in page.cards
    ]
    text = readable((out / "stellen/kategorie/fachkraft/seite/2/index.html").read_text())
    assert "Fachkräfte: Stellenangebote – Seite 2 von" in unescape(text)
    assert (
        len(fachkraft)
        == sum(1 for slug in open_slugs if slug != "sachbearbeitung" and int(slug[-3:]) % 5 == 3)
        + 1
    )  # the scratch site's own vacancy is a fachkraft one


def test_the_sitemap_lists_first_pages_and_every_item(long_site):
    out, open_slugs = long_site
    locs = {e.text for e in ET.parse(out / "sitemap.xml").getroot().iter(SITEMAP + "loc")}
    assert BASE + "stellen/" in locs and BASE + "stellen/kategorie/fachkraft/" in locs
    assert not [loc for loc in locs if "/seite/" in loc]
    assert {BASE + f"stellen/{slug}/" for slug in open_slugs} <= locs


def test_per_page_0_puts_every_list_on_one_page(tmp_path):
    out, open_slugs = build(tmp_path, "per_page: 0\n")
    page = read(out, PATH + "stellen/")
    assert len(page.cards) == len(open_slugs)
    assert page.nav is None and page.range == ""
    assert not list(out.rglob("seite"))


def test_sort_deadline_puts_the_nearest_deadline_first(tmp_path):
    out, open_slugs = build(tmp_path, "per_page: 50\nsort: deadline\n")
    listed = [href.split("/")[-2] for page in walk(out, PATH + "stellen/") for href in page.cards]
    assert len(listed) == len(open_slugs)
    # generated vacancy n closes n days after the build date; the scratch one in 2031
    numbers = [int(slug[-3:]) for slug in listed if slug.startswith("stelle-")]
    assert numbers == sorted(numbers) and listed[-1] == "sachbearbeitung"


def test_each_language_has_the_pages_with_hreflang_between_the_same_numbers(tmp_path):
    languages = 'languages:\n  - {code: de, label: "Deutsch"}\n  - {code: en, label: "English"}\n'
    out, _ = build(tmp_path, languages)
    english = read(out, PATH + "en/stellen/seite/2/")
    assert english.head["canonical"] == BASE + "en/stellen/seite/2/"
    assert unescape(english.title).startswith("Jobs – page 2 of ")
    assert english.alternates == {
        "de": BASE + "stellen/seite/2/",
        "en": BASE + "en/stellen/seite/2/",
        "x-default": BASE + "stellen/seite/2/",
    }
    assert english.link("next") == PATH + "en/stellen/seite/3/"
    assert english.link("prev") == PATH + "en/stellen/"
    assert re.fullmatch(r"21–40 of \d+", english.range)


@pytest.mark.parametrize(
    ("number", "count", "shown"),
    [
        (1, 1, [1]),
        (1, 2, [1, 2]),
        (1, 5, [1, 2, None, 5]),
        (2, 5, [1, 2, 3, 4, 5]),
        (2, 6, [1, 2, 3, None, 6]),
        (3, 5, [1, 2, 3, 4, 5]),  # a gap of one page shows that page
        (5, 10, [1, None, 4, 5, 6, None, 10]),
        (10, 10, [1, None, 9, 10]),
        (8, 10, [1, None, 7, 8, 9, 10]),
    ],
)
def test_page_numbers_with_ellipses(number, count, shown):
    assert Pagination(number, count, count * 20, 20, "stellen/").numbers() == shown


def test_positions_and_routes():
    where = Pagination(3, 6, 112, 20, "stellen/kategorie/ausbildung/")
    assert (where.first, where.last, where.previous, where.next) == (41, 60, 2, 4)
    assert where.route(1) == "stellen/kategorie/ausbildung/"
    assert where.route(6) == "stellen/kategorie/ausbildung/seite/6/"
    assert where.first_of("en/stellen/kategorie/ausbildung/seite/3/") == (
        "en/stellen/kategorie/ausbildung/"
    )
    last = Pagination(6, 6, 112, 20, "stellen/")
    assert (last.first, last.last, last.next) == (101, 112, None)


def test_pages_of_unchanged_items_are_last_builds_objects():
    """The preview finds them by identity: an edit makes only its own page anew."""
    t = strings.load("de", "sie")
    items = [object() for _ in range(45)]
    crumbs = [("Startseite", "")]

    def plan(shown):
        lists = Page("stellen/", "vacancy_list.html", "vacancy_list", "Stellenangebote", "Alle.",
                     items=list(shown), breadcrumbs=list(crumbs))  # fmt: skip
        return paginated([lists, Page("faq/", "faq.html", "faq", "FAQ", "F.")], 20, t, recall)

    recall = Recall()
    first = plan(items)
    recall.next_build()
    again = plan(items)
    assert [p.route for p in again] == ["stellen/", "stellen/seite/2/", "stellen/seite/3/", "faq/"]
    assert all(a is b for a, b in zip(first[:3], again[:3], strict=True))
    recall.next_build()
    items[25] = object()  # an edited vacancy on page 2
    edited = plan(items)
    assert [a is b for a, b in zip(again[:3], edited[:3], strict=True)] == [True, False, True]
    assert edited[1].items[5] is items[25] and edited[1].title == "Stellenangebote – Seite 2 von 3"
