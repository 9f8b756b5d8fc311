"""A site in five languages, built with the real command line and read back as a visitor
and a search engine would: lang and dir, hreflang, the sitemap, feeds, the switcher."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import BUILD_DATE, SCRATCH_FILES, run_cli, write_files

LANGUAGES = """\
languages:
  - {code: de, label: "Deutsch"}
  - {code: en, label: "English", title: "Careers with the Town of Teststadt"}
  - {code: tr, label: "Türkçe"}
  - {code: ar, label: "العربية"}
  - {code: uk, label: "Українська"}
"""
TRANSLATIONS = {
    "content/vacancies/sachbearbeitung.en.md": """\
        ---
        title: "Clerk at the citizens' office (m/f/d)"
        summary: "You advise the people of Teststadt."
        ---
        ## Your tasks

        - Passports and ID cards
        """,
    "content/vacancies/sachbearbeitung.ar.md": """\
        ---
        title: "موظف/ة في مكتب خدمة المواطنين"
        summary: "تقدّم المشورة لسكان المدينة."
        ---
        ## مهامك

        - جوازات السفر وبطاقات الهوية
        """,
    "content/stories/lena.tr.md": """\
        ---
        title: "İlk yılım"
        role: "Kamu yönetimi çırağı"
        quote: "Her gün farklı."
        ---
        Anlatıyorum.
        """,
    "content/faq/wege.uk.md": """\
        ---
        question: "Які шляхи ведуть до міської адміністрації?"
        ---
        Багато.
        """,
}
CODES = ("de", "en", "tr", "ar", "uk")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
BASE = "https://example.org/karriere/"


class Head(HTMLParser):
    """<html lang dir>, the hreflang links and og:locale tags of one page."""

    def __init__(self):
        super().__init__()
        self.html: dict = {}
        self.alternates: dict[str, str] = {}
        self.meta: dict[str, list[str]] = {}
        self.switcher: list[dict] = []
        self._in_switcher = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html = a
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "meta" and a.get("property", "").startswith("og:locale"):
            self.meta.setdefault(a["property"], []).append(a["content"])
        elif tag == "nav" and "languages" in a.get("class", ""):
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher.append(a)

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = write_files(tmp_path_factory.mktemp("languages") / "site", SCRATCH_FILES)
    (site / "site.yaml").write_text(
        (site / "site.yaml").read_text(encoding="utf-8") + LANGUAGES, encoding="utf-8"
    )
    write_files(site, TRANSLATIONS)
    out = site.parent / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return out


def pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("index.html") if "aushang" not in p.parts)


def file_of(out: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    rel = url[len(BASE) :]
    return out / rel / "index.html" if rel.endswith("/") or not rel else out / rel


def test_every_page_has_the_lang_and_dir_of_its_language(built):
    for path in pages(built):
        rel = path.relative_to(built).parts
        code = rel[0] if rel[0] in CODES else "de"
        html = head(path).html
        assert html.get("lang") == code, (path, html)
        assert html.get("dir") == ("rtl" if code == "ar" else "ltr"), (path, html)


def test_hreflang_is_reciprocal_self_referencing_and_resolves(built):
    seen = 0
    for path in pages(built):
        alternates = head(path).alternates
        if not alternates:
            continue
        seen += 1
        assert alternates.pop("x-default") == alternates["de"]
        own = [url for url in alternates.values() if file_of(built, url) == path]
        assert own, f"{path}: not among its own alternates {alternates}"
        for url in alternates.values():
            other = file_of(built, url)
            assert other.is_file(), f"{path}: {url} does not exist"
            back = head(other).alternates
            back.pop("x-default")
            assert back == alternates, f"{path} and {other} disagree"
    assert seen >= 5 * 3  # home, /stellen/, /faq/ at least, in five languages


def test_item_pages_exist_only_in_their_languages(built):
    assert (built / "en/stellen/sachbearbeitung/index.html").is_file()
    assert (built / "ar/stellen/sachbearbeitung/index.html").is_file()
    assert not (built / "tr/stellen/sachbearbeitung").exists()
    assert (built / "tr/geschichten/lena/index.html").is_file()
    assert not (built / "en/geschichten/lena").exists()
    for code in CODES[1:]:  # every list and the home page in every language
        for route in ("", "stellen/", "geschichten/", "faq/"):
            assert (built / code / route / "index.html").is_file(), (code, route)


def test_an_untranslated_item_is_listed_in_german_and_links_to_the_german_page(built):
    html = (built / "en/geschichten/index.html").read_text(encoding="utf-8")
    assert re.search(r'lang="de"[^>]*>[^<]*Mein erstes Jahr|Mein erstes Jahr', html)
    assert 'href="/karriere/geschichten/lena/"' in html
    card = html[html.index("Mein erstes Jahr") - 600 : html.index("Mein erstes Jahr")]
    assert 'lang="de"' in card
    assert "/karriere/en/stellen/sachbearbeitung/" in (built / "en/stellen/index.html").read_text(
        encoding="utf-8"
    )


def test_the_sitemap_alternates_match_the_pages(built):
    tree = ET.parse(built / "sitemap.xml")
    urls = tree.getroot().findall(f"{SITEMAP}url")
    checked = 0
    for url in urls:
        loc = url.find(f"{SITEMAP}loc").text
        links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        page_alternates = head(file_of(built, loc)).alternates
        assert links == page_alternates, loc
        checked += bool(links)
    assert checked >= 15
    locs = {url.find(f"{SITEMAP}loc").text for url in urls}
    assert BASE + "ar/stellen/sachbearbeitung/" in locs


def test_og_locale_per_language_with_alternates(built):
    meta = head(built / "ar/stellen/sachbearbeitung/index.html").meta
    assert meta["og:locale"] == ["ar_EG"]
    assert sorted(meta["og:locale:alternate"]) == ["de_DE", "en_US"]
    assert head(built / "index.html").meta["og:locale"] == ["de_DE"]


def test_one_feed_per_language(built):
    atom = "{http://www.w3.org/2005/Atom}"
    for code in CODES:
        path = built / ("" if code == "de" else code) / "stellen/feed.xml"
        root = ET.parse(path).getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == code
        titles = [e.find(f"{atom}title").text for e in root.findall(f"{atom}entry")]
        if code == "en":
            assert titles == ["Clerk at the citizens' office (m/f/d)"]
        if code == "tr":
            assert titles == ["Sachbearbeiter*in Bürgeramt (m/w/d)"]


def test_json_ld_says_the_language(built):
    html = (built / "en/stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert '"inLanguage":"en"' in html.replace(" ", "")


def test_the_switcher_links_each_language_in_its_own_words(built):
    links = head(built / "en/stellen/sachbearbeitung/index.html").switcher
    by_code = {a["hreflang"]: a for a in links}
    assert list(by_code) == list(CODES)
    assert by_code["de"]["href"] == "/karriere/stellen/sachbearbeitung/"
    assert by_code["ar"]["href"] == "/karriere/ar/stellen/sachbearbeitung/"
    assert by_code["tr"]["href"] == "/karriere/tr/"  # no Turkish page of it: the home page
    assert by_code["uk"]["lang"] == "uk" and by_code["en"].get("aria-current") == "true"


class TextOutsideGerman(HTMLParser):
    """A page's visible text, leaving out what is marked lang="de" (the content's own
    German fallbacks) and what is not shown (scripts, styles, the head)."""

    SKIP = {"script", "style", "head", "template"}
    VOID = {
        "area",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self):
        super().__init__()
        self.stack: list[bool] = []  # per open element: inside German or hidden?
        self.parts: list[str] = []
        self.labels: list[str] = []  # aria-label and alt texts, outside German

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        outer = self.stack[-1] if self.stack else False
        hidden = outer or tag in self.SKIP or a.get("lang", "").split("-")[0] == "de"
        if not hidden:
            self.labels += [a[k] for k in ("aria-label", "alt", "title") if a.get(k)]
        if tag not in self.VOID:
            self.stack.append(hidden)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def theme_words(code: str) -> list[str]:
    """German theme words that the language's catalog writes differently."""
    from babel.messages.pofile import read_po

    from karriere.base import strings

    with open(strings.catalog_path(code), "rb") as f:
        catalog = read_po(f)
    found = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or message.context:
            continue
        text = message.string
        if "%" in message.id or not text or text == message.id or len(message.id) < 6:
            continue
        found.append(message.id)
    return found


@pytest.mark.parametrize("code", CODES[1:])
def test_no_german_theme_word_on_pages_of_another_language(built, code):
    words = theme_words(code)
    assert len(words) > 50
    checked = 0
    for path in sorted((built / code).rglob("index.html")):
        parser = TextOutsideGerman()
        parser.feed(path.read_text(encoding="utf-8"))
        text = " ".join(parser.parts + parser.labels).replace("\u00ad", "")
        text = re.sub(r"\s+", " ", text)
        found = [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
        assert not found, f"{path.relative_to(built)}: German theme words {found}"
        checked += 1
    assert checked >= 8
