"""Hostile text in the machine-readable outputs (issue 26): JSON-LD blocks that cannot end
their script element, feed, sitemap, SVG and .ics that stay well-formed and give the
text back, and no poster for an expired vacancy.

Every value is written into the front matter as JSON (a YAML double-quoted string), so
the quotes, angle brackets and ampersands reach the build as typed.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import icalendar
import pytest
from helpers import BUILD_DATE, SCRATCH_FILES, readable, run_cli, write_files, zbar
from PIL import Image

from karriere.base import xmltext
from karriere.outputs import network_files

BASE = "https://example.org/karriere/"
ATOM = "{http://www.w3.org/2005/Atom}"
# What ends a script element early, or makes the HTML parser skip its end tag.
BREAKERS = ("<!--", "<script", "</script", "</")

TITLE = 'Fach"kraft & <b>Chef</b> ]]> </title> <!--<script>'
SUMMARY = "<!--<script> alert(1) </script> 'x' & \"y\" ]]> <SCRIPT>"
EVENT_TITLE = 'Messe "Zukunft"; A, B \\ <Halle> & Foyer </title>'
EMPLOYER = 'Werke "Nord" & <Süd> <!--<script>'
QUESTION = 'Geht das? <!--<script> "ja" & </script>'
VIDEO_TITLE = 'Film <!--<script> & </SCRIPT> "eins"'
ORGANISATION = 'Stadt "Test" & <Co> <!--<script>'
LABEL = 'Fach"kräfte & <Profis>'


def quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


HOSTILE_FILES = {
    **SCRATCH_FILES,
    "site.yaml": SCRATCH_FILES["site.yaml"].replace('"Stadt Teststadt"', quoted(ORGANISATION))
    + "cards: false\n"
    + f"categories: {{fachkraft: {quoted(LABEL)}, praktikum: Praktikum, ausbildung: Ausbildung}}\n",
    "content/vacancies/sachbearbeitung.md": f"""\
        ---
        title: {quoted(TITLE)}
        category: fachkraft
        posted: 2026-10-01
        deadline: 2031-06-30
        location: {{street: "Markt 1", postal_code: "12345", city: "Teststadt"}}
        employer: nord
        apply_url: "https://example.org/bewerben"
        summary: {quoted(SUMMARY)}
        ---
        Text mit `<!--<script>` und <!-- einem Kommentar --> & mehr.
        """,
    "content/employers/nord.md": f"""\
        ---
        name: {quoted(EMPLOYER)}
        summary: {quoted(SUMMARY)}
        ---
        Werke.
        """,
    "content/events/messe.md": f"""\
        ---
        title: {quoted(EVENT_TITLE)}
        start: 2027-01-10T10:00:00+01:00
        end: 2027-01-10T15:30:00+01:00
        location: {{name: {quoted(EVENT_TITLE)}, street: "Markt 1", postal_code: "12345", city: "Teststadt"}}
        summary: {quoted(SUMMARY)}
        accessibility: "Stufenlos; mit Aufzug, und \\\\ Rampe"
        ---
        Kommt vorbei.
        """,
    "content/faq/wege.md": f"""\
        ---
        question: {quoted(QUESTION)}
        category: Bewerbung
        order: 1
        ---
        Viele.
        """,
    "content/stories/lena.md": f"""\
        ---
        title: {quoted(TITLE)}
        name: Lena
        role: "Auszubildende"
        date: 2026-09-01
        video: {{youtube: "dQw4w9WgXcQ", poster: media/film.jpg, title: {quoted(VIDEO_TITLE)}}}
        ---
        Ich erzähle.
        """,
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    site = write_files(tmp_path_factory.mktemp("hostile") / "site", HOSTILE_FILES)
    (site / "content/media").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (320, 180), (20, 90, 60)).save(site / "content/media/film.jpg")
    out = site.parent / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return out


def read(out: Path, rel: str) -> str:
    return readable((out / rel).read_text(encoding="utf-8"))


# --- JSON-LD ------------------------------------------------------------------------------


class ScriptBlocks(HTMLParser):
    """The text of every <script type="application/ld+json"> and how many there are."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and ("type", "application/ld+json") in attrs
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


def jsonld(html: str) -> dict[str, dict]:
    """The page's JSON-LD blocks by @type, each checked to keep its script element whole."""
    parser = ScriptBlocks()
    parser.feed(html)
    parser.close()
    assert parser.blocks, "no JSON-LD on the page"
    assert len(parser.blocks) == html.count('<script type="application/ld+json">')
    found = {}
    for text in parser.blocks:
        for breaker in BREAKERS:
            assert breaker not in text.lower(), (breaker, text[:200])
        data = json.loads(text)
        found[data["@type"]] = data
    return found


def test_vacancy_jsonld_keeps_its_script_element(hostile):
    blocks = jsonld(read(hostile, "stellen/sachbearbeitung/index.html"))
    posting = blocks["JobPosting"]
    assert posting["title"] == TITLE
    assert posting["hiringOrganization"]["name"] == EMPLOYER
    assert "&lt;!--&lt;script&gt;" in posting["description"]  # the code span, as HTML
    assert blocks["BreadcrumbList"]["itemListElement"][-1]["name"] == TITLE


def test_event_jsonld_keeps_its_script_element(hostile):
    event = jsonld(read(hostile, "termine/messe/index.html"))["Event"]
    assert event["name"] == EVENT_TITLE
    assert event["description"] == SUMMARY
    assert event["location"]["name"] == EVENT_TITLE


def test_faq_employer_story_and_home_jsonld(hostile):
    faq = jsonld(read(hostile, "faq/index.html"))["FAQPage"]
    assert faq["mainEntity"][0]["name"] == QUESTION
    crumbs = jsonld(read(hostile, "arbeitgeber/nord/index.html"))["BreadcrumbList"]
    assert crumbs["itemListElement"][-1]["name"] == EMPLOYER
    video = jsonld(read(hostile, "geschichten/lena/index.html"))["VideoObject"]
    assert video["name"] == VIDEO_TITLE
    assert jsonld(read(hostile, "index.html"))["Organization"]["name"] == ORGANISATION


def test_every_page_has_only_whole_jsonld_blocks(hostile):
    pages = sorted(hostile.rglob("*.html"))
    checked = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "application/ld+json" in html:
            jsonld(html)
            checked += 1
    assert checked >= 8


# --- feed, sitemap, SVG, .ics -------------------------------------------------------------


def test_feed_parses_and_gives_the_text_back(hostile):
    root = ElementTree.fromstring((hostile / "stellen/feed.xml").read_bytes())
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    assert root.find(f"{ATOM}author/{ATOM}name").text == ORGANISATION
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == TITLE
    assert entry.find(f"{ATOM}summary").text == SUMMARY
    category = entry.find(f"{ATOM}category")
    assert category.get("term") == "fachkraft" and category.get("label") == LABEL
    link = entry.find(f"{ATOM}link").get("href")
    assert link == BASE + "stellen/sachbearbeitung/"


def test_sitemap_parses(hostile):
    root = ElementTree.fromstring((hostile / "sitemap.xml").read_bytes())
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert BASE + "stellen/sachbearbeitung/" in locs


def test_qr_svg_parses_with_the_title(hostile):
    svgs = sorted(hostile.rglob("*.svg"))
    assert hostile / "stellen/sachbearbeitung/qr.svg" in svgs
    for svg in svgs:
        ElementTree.fromstring(svg.read_bytes())
    root = ElementTree.fromstring((hostile / "stellen/sachbearbeitung/qr.svg").read_bytes())
    assert root.find("{http://www.w3.org/2000/svg}title").text == TITLE


def test_ics_gives_the_text_back(hostile):
    cal = icalendar.Calendar.from_ical((hostile / "termine/messe.ics").read_bytes())
    (event,) = cal.walk("VEVENT")
    assert str(event["summary"]) == EVENT_TITLE
    assert str(event["description"]) == SUMMARY + " Stufenlos; mit Aufzug, und \\ Rampe"
    assert str(event["location"]).startswith(EVENT_TITLE)


def fake_event(title: str, summary: str):
    """What event_ics reads of a site and an event, with text no front matter lets in."""
    settings = SimpleNamespace(title="Karriere\x01 Teststadt")
    site = SimpleNamespace(
        settings=settings,
        urls=SimpleNamespace(absolute=lambda route: BASE + route),
        options=SimpleNamespace(today=date(2026, 11, 22)),
    )
    meta = SimpleNamespace(
        title=title, summary=summary, accessibility=None, location=None,
        start=date(2027, 1, 10), end=None,
    )  # fmt: skip
    entry = SimpleNamespace(source="content/events/messe.md")
    return site, SimpleNamespace(meta=meta, slug="messe", route="termine/messe/", entry=entry)


def test_ics_line_breaks_and_control_characters_cannot_add_properties():
    title = "Messe\r\nATTENDEE:mailto:evil@example.org\nX-A:1\x0b\x1c\ufffe"
    summary = "Teil 1\rDTSTART:19700101\x00"
    site, ev = fake_event(title, summary)
    data = network_files.event_ics(site, ev).data
    lines = data.decode().split("\r\n")
    names = {line.split(":", 1)[0].split(";", 1)[0] for line in lines if line[:1] != " "}
    assert not names & {"ATTENDEE", "X-A", "X-ALT-DESC"}
    assert sum(line.startswith("DTSTART") for line in lines) == 1
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["summary"]) == "Messe\nATTENDEE:mailto:evil@example.org\nX-A:1"
    assert str(event["description"]) == "Teil 1\nDTSTART:19700101"
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", data.decode())


def test_xml_text_drops_what_xml_forbids():
    hostile = 'a\x00b\x01\x08\x0b\x0c\x1f\ufffe\uffff"<&>]]>\t\n\rz'
    element = f'<t a="{xmltext.attribute(hostile)}">{xmltext.text(hostile)}</t>'
    parsed = ElementTree.fromstring(element)
    assert parsed.text == parsed.get("a") == 'ab"<&>]]>\t\n\rz'
    assert xmltext.language("de-DE") == "de-DE"
    for bad in ("../../etc", 'de" onload="x', "de\n", "", "DE_de"):
        assert xmltext.language(bad) is None, bad


def test_control_characters_in_front_matter_are_refused_or_dropped(tmp_path):
    """Another check may refuse them with path:line; if it lets them in, XML stays whole."""
    files = {
        **SCRATCH_FILES,
        "content/vacancies/sachbearbeitung.md": SCRATCH_FILES[
            "content/vacancies/sachbearbeitung.md"
        ]
        .replace('title: "Sachbearbeiter*in', 'title: "Sach\\u0001bearbeiter*in\\uFFFE')
        .replace('summary: "Sie', 'summary: "\\u001bSie'),
    }
    site = write_files(tmp_path / "site", files)
    out = tmp_path / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    if result.returncode != 0:
        assert "Traceback" not in result.stderr
        assert re.search(r"content/vacancies/sachbearbeitung\.md:\d+: ", result.stderr)
        return
    root = ElementTree.fromstring((out / "stellen/feed.xml").read_bytes())
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text.startswith("Sachbearbeiter*in")
    ElementTree.fromstring((out / "stellen/sachbearbeitung/qr.svg").read_bytes())
    ElementTree.fromstring((out / "sitemap.xml").read_bytes())


# --- no poster for an expired vacancy -----------------------------------------------------


EXPIRED_NOTICE = "Die Bewerbungsfrist ist abgelaufen"


def build(site: Path, out: Path, day: str) -> Path:
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", day)
    assert result.returncode == 0, result.stderr
    return out


def test_expired_vacancy_gets_no_poster(scratch_site, tmp_path):
    out = build(scratch_site, tmp_path / "public", BUILD_DATE)
    assert not (out / "stellen/alt/aushang").exists()
    assert not list((out / "stellen/alt").glob("qr.*"))
    page = read(out, "stellen/alt/index.html")
    assert EXPIRED_NOTICE in page and "aushang/" not in page
    assert (out / "stellen/sachbearbeitung/aushang/index.html").is_file()
    assert (out / "stellen/sachbearbeitung/qr.svg").is_file()
    assert "stellen/sachbearbeitung/aushang/" in read(out, "stellen/sachbearbeitung/index.html")


def test_printed_poster_leads_to_the_page_that_says_the_deadline_passed(scratch_site, tmp_path):
    """Printed on the last day; the next day's build (same output, cache kept) drops
    the poster, and the code on the print-out opens the vacancy page saying so."""
    out = build(scratch_site, tmp_path / "public", "2031-06-30")
    assert (out / "stellen/sachbearbeitung/aushang/index.html").is_file()
    url = zbar(out / "stellen/sachbearbeitung/qr.png")
    assert url == BASE + "stellen/sachbearbeitung/"
    build(scratch_site, out, "2031-07-01")
    assert not (out / "stellen/sachbearbeitung/aushang").exists()
    assert not list((out / "stellen/sachbearbeitung").glob("qr.*"))
    page = read(out, url.removeprefix(BASE) + "index.html")
    assert EXPIRED_NOTICE in page and "30.06.2031" in page


def test_preview_shows_the_expired_vacancy_but_no_poster(scratch_site, tmp_path):
    from karriere.incremental.builder import PREVIEW, Builder
    from karriere.pipeline import Request

    out = tmp_path / "preview"
    request = Request(scratch_site, date.fromisoformat(BUILD_DATE), preview=True)
    Builder(request, out, PREVIEW, jobs=1).build()
    assert EXPIRED_NOTICE in read(out, "stellen/alt/index.html")
    assert not (out / "stellen/alt/aushang").exists()
    assert (out / "stellen/sachbearbeitung/aushang/index.html").is_file()
