"""The A4 poster (Aushang, issue 28) as built HTML, and the QR code file it shows: logo,
picture, headline, the deadline in German format, the QR code without its quiet zone,
eight tear-off strips with the short address, and nothing loaded from elsewhere.
(tests/browser/test_poster_browser.py prints it and looks at it.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from helpers import BUILD_DATE, readable, run_cli, write_files
from PIL import Image

from karriere.outputs import network_files, qrcodes

BASE = "https://example.org/karriere/"
SVG = "{http://www.w3.org/2000/svg}"

EXTRA = {
    "content/media/logo.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60">'
        '<rect width="200" height="60" fill="#0a6e5c"/></svg>\n'
    ),
    "content/vacancies/mit-bild.md": """\
        ---
        title: "Ausbildung Gärtner*in (m/w/d)"
        category: ausbildung
        posted: 2026-10-01
        location: Teststadt
        apply_url: "mailto:personal@example.org"
        image: media/bild.jpg
        image_alt: "Eine Gärtnerin pflanzt einen Baum"
        ---
        Text.
        """,
    "content/pages/kampagne.md": """\
        ---
        title: "Deine Zukunft findet STADT"
        summary: "Neun Städte, eine Kampagne."
        campaign: true
        ---
        Text.
        """,
}


class Parts(HTMLParser):
    """The poster's tags with their attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def find(self, tag: str, cls: str) -> list[dict]:
        return [a for t, a in self.tags if t == tag and cls in a.get("class", "").split()]


def strips(html: str) -> list[str]:
    """The text of each tear-off strip, as read."""
    (row,) = re.findall(r'<div class="poster-strips"[^>]*>(.*?)</ul>', html, re.S)
    found = re.findall(r"<li>(.*?)</li>", row)
    return [re.sub(r"<[^>]+>", " ", readable(li)).strip() for li in found]


@pytest.fixture
def built(scratch_site: Path, tmp_path: Path) -> Path:
    site_yaml = scratch_site / "site.yaml"
    text = site_yaml.read_text(encoding="utf-8").replace(
        'organisation:\n  name: "Stadt Teststadt"',
        'organisation:\n  name: "Stadt Teststadt"\n  logo: media/logo.svg',
    )
    site_yaml.write_text(text + 'brand:\n  color: "#8a1c6b"\n', encoding="utf-8")
    write_files(scratch_site, EXTRA)
    Image.new("RGB", (600, 400), (40, 120, 60)).save(scratch_site / "content/media/bild.jpg")
    out = tmp_path / "public"
    result = run_cli("build", "--site", str(scratch_site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return out


def poster(out: Path, route: str) -> tuple[str, Parts]:
    html = (out / route / "aushang/index.html").read_text(encoding="utf-8")
    parts = Parts()
    parts.feed(html)
    return html, parts


def test_poster_has_logo_headline_deadline_qr_code_and_strips(built):
    html, parts = poster(built, "stellen/sachbearbeitung")
    (logo,) = parts.find("img", "poster-logo")
    assert logo["src"] == "/karriere/media/logo.svg" and logo["width"] and logo["height"]
    assert logo["alt"] == "Stadt Teststadt"  # the hirer's name, shown by the logo alone
    (title,) = re.findall(r'<h1 id="poster-title"[^>]*>(.*?)</h1>', html, re.S)
    assert readable(title) == "Sachbearbeiter*in Bürgeramt (m/w/d)"
    assert re.search(r'class="poster-title poster-title-xl"', html)  # a short title: largest
    assert '<time datetime="2031-06-30">30.06.2031</time>' in html
    (qr,) = [a for t, a in parts.tags if t == "img" and "qr.svg" in a.get("src", "")]
    assert qr["src"] == "/karriere/stellen/sachbearbeitung/qr.svg#code"
    assert BASE + "stellen/sachbearbeitung/" in qr["alt"]
    short = "example.org/karriere/stellen/sachbearbeitung"
    assert len(strips(html)) == 8
    for strip in strips(html):
        assert strip.startswith("Sachbearbeiter*in Bürgeramt") and strip.endswith(short)
        assert "(m/w/d)" not in strip  # the title short
    (address,) = re.findall(r'<p class="poster-address"><span dir="ltr">(.*?)</span></p>', html)
    assert readable(address) == short
    assert "Erika Muster" in html and "+49 1234 56-78" in html
    assert not parts.find("img", "poster-picture")  # the vacancy has none
    assert "data-print hidden>Aushang drucken</button>" in html  # poster.js shows it


def test_poster_loads_nothing_from_elsewhere(built):
    """Every image, stylesheet and script the poster loads is the site's own."""
    for route in ("stellen/sachbearbeitung", "stellen/mit-bild", "kampagne"):
        _, parts = poster(built, route)
        loaded = [a["src"] for t, a in parts.tags if t in ("img", "script") and "src" in a]
        loaded += [a["href"] for t, a in parts.tags if t == "link" and a.get("rel") != "canonical"]
        loaded = [u for u in loaded if not u.startswith(BASE + "stellen/feed.xml")]
        assert loaded and all(u.startswith("/karriere/") for u in loaded), loaded
        scripts = [a["src"] for t, a in parts.tags if t == "script" and "src" in a]
        assert any(re.search(r"/poster\.[0-9a-f]+\.js$", s) for s in scripts), scripts


def test_poster_shows_the_vacancys_picture(built):
    html, parts = poster(built, "stellen/mit-bild")
    (picture,) = parts.find("img", "poster-picture")
    assert picture["src"] == "/karriere/media/bild.jpg"
    assert picture["alt"] == "Eine Gärtnerin pflanzt einen Baum"
    assert (picture["width"], picture["height"]) == ("600", "400")
    assert 'class="poster poster-has-picture"' in html
    assert "Bewerbung laufend möglich" in html  # no deadline: open until filled


def test_campaign_page_gets_a_poster_without_vacancy_facts(built):
    html, parts = poster(built, "kampagne")
    assert not parts.find("p", "poster-deadline") and "Bewerbungsschluss" not in html
    assert "Neun Städte, eine Kampagne." in html
    assert "QR-Code scannen" in html
    assert len(strips(html)) == 8
    assert all(s.endswith(" example.org/karriere/kampagne") for s in strips(html))
    assert 'src="/karriere/kampagne/qr.svg#code"' in html


def test_qr_svg_has_a_view_of_the_code_without_its_quiet_zone():
    url = BASE + "stellen/sachbearbeitung/"
    side, cells = qrcodes.modules(url)
    root = ElementTree.fromstring(qrcodes.file("svg", url, "Titel"))
    size = (side + 2 * qrcodes.BORDER) * qrcodes.SVG_SCALE
    assert root.get("viewBox") == f"0 0 {size} {size}"  # the file keeps its quiet zone
    (view,) = root.iter(f"{SVG}view")
    edge, inner = qrcodes.BORDER * qrcodes.SVG_SCALE, side * qrcodes.SVG_SCALE
    assert view.get("id") == "code"
    assert view.get("viewBox") == f"{edge} {edge} {inner} {inner}"
    # the dark modules lie in the view, and reach all four of its edges
    runs = re.findall(r"M(\d+) (\d+)\.5h(\d+)", root.find(f"{SVG}path").get("d"))
    xs = [int(x) for x, _, _ in runs] + [int(x) + int(n) for x, _, n in runs]
    ys = [int(y) for _, y, _ in runs]
    b = qrcodes.BORDER
    assert (min(xs), max(xs), min(ys), max(ys)) == (b, b + side, b, b + side - 1)


def test_qr_files_are_made_again_when_their_format_changes(monkeypatch):
    """A build keeps last build's QR files by a key of their inputs; the key holds the
    format, so files of an older format are not kept."""
    item = SimpleNamespace(route="stellen/a/", meta=SimpleNamespace(title="A"))
    before = network_files.qr_inputs(item, BASE)[2]
    monkeypatch.setattr(qrcodes, "FORMAT", qrcodes.FORMAT + " and more")
    after = network_files.qr_inputs(item, BASE)[2]
    assert {k: v[0] for k, v in before.items()} == {k: v[0] for k, v in after.items()}
    assert all(before[k][1] != after[k][1] for k in before)
