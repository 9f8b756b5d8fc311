"""Issue 31 on the built pages: posts to fill, documents, the badge "Bewerbung ohne
Anschreiben" (page, card, search facet), the selection timeline, the BERUFENET link and
JobPosting's occupationalCategory and totalJobOpenings, all parsed back from the HTML."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import BUILD_DATE, ROOT, SCRATCH_FILES, run_cli, write_files

from karriere.base import occupation_key
from karriere.outputs import pagefind_files

VOID = {"br", "img", "input", "link", "meta", "source", "track", "wbr", "hr", "col", "area"}


class Node:
    def __init__(self, tag: str, attrs: dict):
        self.tag, self.attrs, self.children = tag, attrs, []

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join(" ".join(parts).replace("\u00ad", "").split())

    def all(self, tag: str | None = None, **attrs) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                classes = (child.attrs.get("class") or "").split()
                wanted = all(
                    v in classes if k == "class_" else child.attrs.get(k) == v
                    for k, v in attrs.items()
                )
                if (tag is None or child.tag == tag) and wanted:
                    found.append(child)
                found += child.all(tag, **attrs)
        return found


class Tree(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def page(out: Path, route: str) -> Node:
    return Tree((out / route / "index.html").read_text(encoding="utf-8")).root


def posting(root: Node) -> dict:
    blocks = [json.loads(s.text()) for s in root.all("script", type="application/ld+json")]
    return next(b for b in blocks if b["@type"] == "JobPosting")


def category(data: dict) -> list[tuple[str, str]]:
    return [(c["inCodeSet"]["name"], c["codeValue"]) for c in data["occupationalCategory"]]


VACANCY = """\
---
title: "{title}"
category: fachkraft
posted: 2026-10-01
deadline: 2031-06-30
location: Teststadt
apply_url: "https://example.org/bewerben"
{extra}
---
Text.
"""
FILES = {
    **SCRATCH_FILES,
    "content/occupations/verwaltung.md": (
        "---\nname: Verwaltungsfachangestellte*r\nkldb: 73202\nberufenet: 7944\n---\nText.\n"
    ),
    "content/occupations/eigen.md": '---\nname: Eigener Beruf\nkldb: "99999"\nisco: 2422\n---\n.\n',
    "content/occupations/unbekannt.md": '---\nname: Ohne Schlüssel\nkldb: "99999"\n---\n.\n',
    "content/vacancies/ordnungsdienst.md": VACANCY.format(
        title="Ordnungsdienst",
        extra="""\
number_to_fill: 17
occupations: [verwaltung]
application_documents: [Lebenslauf, Zeugnisse, "Führerschein Klasse B"]
no_cover_letter: true
selection_process:
  - {step: "Schriftlicher Test", date: 2031-07-14}
  - {step: "Vorstellungsgespräch"}""",
    ),
    "content/vacancies/eine.md": VACANCY.format(
        title="Eine Stelle", extra="number_to_fill: 1\noccupations: [eigen, verwaltung]"
    ),
    "content/vacancies/ohne.md": VACANCY.format(
        title="Ohne Schlüssel", extra="occupations: [unbekannt]"
    ),
    "content/vacancies/selbst.md": VACANCY.format(
        title="Eigene Codes", extra='occupations: [verwaltung]\nkldb: "43104"'
    ),
}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("facts")
    site = write_files(root / "site", FILES)
    result = run_cli("build", "--site", str(site), "--out", str(root / "out"), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_the_posts_to_fill_are_a_fact_of_the_page_and_of_jobposting(out):
    for route, shown, number in (("ordnungsdienst", "17 Stellen", 17), ("eine", "1 Stelle", 1)):
        root = page(out, f"stellen/{route}")
        facts = {
            d.all("dt")[0].text(): d.all("dd")[0].text()
            for d in root.all(class_="facts")[0].all("div")
        }
        assert facts["Zu besetzen"] == shown
        assert posting(root)["totalJobOpenings"] == number
    root = page(out, "stellen/ohne")
    assert "Zu besetzen" not in root.text()
    assert "totalJobOpenings" not in posting(root)


def test_documents_and_the_selection_timeline_are_lists(out):
    root = page(out, "stellen/ordnungsdienst")
    documents = root.all("section", **{"aria-labelledby": "unterlagen"})[0]
    assert documents.all("h2")[0].text() == "Ihre Unterlagen"
    assert [li.text() for li in documents.all("li")] == [
        "Lebenslauf",
        "Zeugnisse",
        "Führerschein Klasse B",
    ]
    timeline = root.all("ol", class_="timeline")
    assert len(timeline) == 1
    steps = timeline[0].all("li")
    assert [li.children[0].strip() for li in steps] == [
        "Schriftlicher Test",
        "Vorstellungsgespräch",
    ]
    times = steps[0].all("time")
    assert (times[0].attrs["datetime"], times[0].text()) == ("2031-07-14", "14.07.2031")
    assert steps[1].all("time") == []
    assert page(out, "stellen/ohne").all("ol", class_="timeline") == []


def test_the_badge_is_on_the_page_and_the_card_only_where_set(out):
    badge = "Bewerbung ohne Anschreiben"
    root = page(out, "stellen/ordnungsdienst")
    assert [t.text() for t in root.all(class_="tag-ok")] == [badge]
    cards = {c.all("a")[0].text(): c for c in page(out, "stellen").all("li", class_="card")}
    assert [t.text() for t in cards["Ordnungsdienst"].all(class_="tag-ok")] == [badge]
    assert cards["Eine Stelle"].all(class_="tag-ok") == []
    assert page(out, "stellen/eine").all(class_="tag-ok") == []


def test_the_badge_is_a_search_facet_the_filter_offers(out):
    filters = {}
    for path in (out / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[len(pagefind_files.SIGNATURE) :])
        filters[fragment["url"]] = fragment["filters"]
    assert filters["/stellen/ordnungsdienst/"]["ohne-anschreiben"] == ["1"]
    assert "ohne-anschreiben" not in filters["/stellen/eine/"]
    box = page(out, "stellen").all("input", name="ohne-anschreiben")
    assert len(box) == 1 and box[0].attrs["type"] == "checkbox"
    script = next((out / "assets").glob("search.*.js")).read_text(encoding="utf-8")
    assert re.search(r'var keys = \[[^]]*"ohne-anschreiben"', script)


def test_occupational_category_from_the_conversion_key(out):
    key = occupation_key.load()
    assert key["73202"] == "3343"  # the BA key's recommended row, as shipped
    data = posting(page(out, "stellen/ordnungsdienst"))  # KldB from its occupation
    assert category(data) == [("KldB 2010", "73202"), ("ISCO-08", "3343")]
    assert data["occupationalCategory"][1]["inCodeSet"]["url"].startswith("https://www.ilo.org/")


def test_occupational_category_with_isco_given_or_unknown(out):
    # the first occupation counts: `eigen` gives its own ISCO-08 code
    assert category(posting(page(out, "stellen/eine"))) == [
        ("KldB 2010", "99999"),
        ("ISCO-08", "2422"),
    ]
    # a KldB code the shipped subset does not hold: no ISCO-08 is made up
    assert category(posting(page(out, "stellen/ohne"))) == [("KldB 2010", "99999")]
    # the vacancy's own code wins over its occupation's
    assert category(posting(page(out, "stellen/selbst"))) == [
        ("KldB 2010", "43104"),
        ("ISCO-08", "2511"),
    ]
    assert "occupationalCategory" not in posting(page(out, "stellen/sachbearbeitung"))


def test_the_occupation_page_links_to_berufenet_and_loads_nothing_from_there(out):
    root = page(out, "berufe/verwaltung")
    links = [a for a in root.all("a") if "arbeitsagentur" in a.attrs.get("href", "")]
    assert [(a.attrs["href"], a.text()) for a in links] == [
        (
            "https://web.arbeitsagentur.de/berufenet/beruf/7944",
            "Mehr zum Beruf bei der Bundesagentur für Arbeit",
        )
    ]
    html = (out / "berufe/verwaltung/index.html").read_text(encoding="utf-8")
    assert html.count("arbeitsagentur.de") == 1  # no script, image or frame from there
    assert "arbeitsagentur" not in (out / "berufe/eigen/index.html").read_text(encoding="utf-8")


def test_google_rules_pass_with_occupational_category(out):
    """The same check as test_jsonld's, on postings that carry the new properties."""
    node = shutil.which("node")
    installed = (ROOT / "node_modules/@adobe/structured-data-validator").is_dir()
    assert node and installed, "needs node and `npm ci` (@adobe/structured-data-validator)"
    result = subprocess.run(
        [node, str(ROOT / "scripts/validate_structured_data.mjs"), str(out / "stellen")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    checked = [page for page, found in report.items() if "JobPosting" in found["types"]]
    assert len(checked) == 5
    errors = [
        (page, issue["message"])
        for page, found in report.items()
        for issue in found["issues"]
        if issue["severity"] == "ERROR"
    ]
    assert not errors


def test_check_warns_about_a_kldb_code_the_key_does_not_hold(tmp_path):
    files = {k: v for k, v in FILES.items() if not k.startswith("content/vacancies/")}
    files["content/vacancies/sachbearbeitung.md"] = FILES["content/vacancies/ohne.md"]
    site = write_files(tmp_path / "site", files)
    result = run_cli("check", "--site", str(site), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "conversion key" in line]
    # unbekannt.md (line 3) has no isco; eigen.md gives one; verwaltung.md's is in the key
    assert warned == [
        "content/occupations/unbekannt.md:3: warning: kldb 99999 is not in karriere's "
        "conversion key (a part of the BA's key), so search engines get no ISCO-08 code "
        "(expected isco: with the four digits the BA's key gives for 99999)"
    ]
