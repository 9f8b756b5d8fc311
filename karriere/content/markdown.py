"""Markdown to safe HTML: cmark-gfm (GitHub's CommonMark) for the syntax, nh3 for the allow-list.

Editors see the same rendering in GitHub's and GitLab's file view as on the site, and a
body costs about 0.5 ms with every pass here, where Python-Markdown alone took 3 ms or
more (benchmarks/markdown_floor.py).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser
from itertools import accumulate
from typing import Protocol
from urllib.parse import unquote, unquote_to_bytes

import nh3
from cmarkgfm.cmark import Options

from karriere.base.packed import pack, unpack
from karriere.content.cmark import Converter
from karriere.content.markdown_video import replace_blocks

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"}
)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Built once: nh3.clean(html, tags=…) converts the allow-lists anew on every call.
CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)
# Raw HTML reaches nh3, which cuts it to the allow-list ("unsafe" is cmark's word for
# passing it on). No tagfilter extension: it would show a <script> as visible text.
CMARK_OPTIONS = Options.CMARK_OPT_UNSAFE
CMARK_EXTENSIONS = ["table", "strikethrough", "autolink"]
# (one per process: cmark-gfm's extensions are looked up once)
CMARK = Converter(CMARK_OPTIONS, CMARK_EXTENSIONS)


# cmark-gfm links a bare www.example.org as http://; public employers serve https.
_WWW_LINK = re.compile(r'<a href="http://(www\.[^"<>]*)">\1</a>')


def to_html(text: str) -> str:
    """CommonMark with GitHub's tables, ~~strikethrough~~ and bare links; raw HTML kept."""
    html = CMARK(text)
    return _WWW_LINK.sub(r'<a href="https://\1">\1</a>', html) if "http://www." in html else html


@lru_cache(maxsize=4096)  # vacancies share most headings ("Ihre Aufgaben", "Wir bieten")
def slugify(value: str, separator: str = "-") -> str:
    """German-friendly anchor: 'Wir bieten Ihnen' -> 'wir-bieten-ihnen', 'Größe' -> 'groesse'."""
    value = unicodedata.normalize("NFKD", value.translate(_UMLAUTS))
    value = value.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", separator, value).strip(separator)


_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)  # cmark writes headings bare
_ID = re.compile(r'id="(?<=\sid=")([^"]*)"')  # literal first: searched at C speed
_TAG = re.compile(r"<[^>]*>")


def heading_ids(html: str) -> str:
    """Every heading gets an anchor made from its text ('Ihre Aufgaben' -> #ihre-aufgaben),
    unique on the page: a second 'Kontakt' is #kontakt_1, as Python-Markdown's toc did."""
    if "<h" not in html:
        return html
    used = set(_ID.findall(html))

    def with_id(match: re.Match) -> str:
        level, inner = match.groups()
        base = slugify(unescape(_TAG.sub("", inner))) or "abschnitt"
        anchor, number = base, 0
        while anchor in used:
            number += 1
            anchor = f"{base}_{number}"
        used.add(anchor)
        return f'<h{level} id="{anchor}">{inner}</h{level}>'

    return _HEADING.sub(with_id, html)


# The German gender star (Mitarbeiter*innen) is a letter-star-letter sequence; Markdown
# would read two of them in a paragraph as emphasis. Escaped, they stay literal stars.
# (The star first, then the letter before it: a pattern that starts with a literal is
# searched at C speed, one that starts with a look-behind is tried at every character.)
_GENDER_STAR = re.compile(r"\*(?<=[^\W\d_]\*)(?=[^\W\d_])")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


def escape_gender_stars(text: str) -> str:
    """Outside code (fenced, indented or `spans`), letter*letter becomes letter\\*letter."""
    if _GENDER_STAR.search(text) is None:  # most bodies: nothing to escape anywhere
        return text
    fenced = False
    result = []
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        plain = fenced or line.startswith("    ") or _GENDER_STAR.search(line) is None
        result.append(line if plain else _escape_stars(line))
    return "\n".join(result)


def _escape_stars(line: str) -> str:
    parts = _CODE_SPAN.split(line)
    # split() yields text, ticks, code, text, ...; only text parts are touched
    for i in range(0, len(parts), 3):
        parts[i] = _GENDER_STAR.sub(r"\\*", parts[i])
    out = []
    for i, part in enumerate(parts):
        out.append(part if i % 3 != 1 else part + parts[i + 1] + part)
    return "".join(p for i, p in enumerate(out) if i % 3 != 2)


class BodyConverter(Protocol):
    """What turns a packed Markdown body into packed HTML: MarkdownRenderer, or the
    incremental engine's cache of its results."""

    def convert_packed(self, body: bytes) -> bytes: ...


class MarkdownRenderer:
    """Markdown bodies to the HTML pages show: videos, gender stars, anchors, allow-list."""

    def __init__(self, base_path: str, trusted_html: bool = False):
        self.base_path = base_path
        self.trusted_html = trusted_html

    def convert_packed(self, body: bytes) -> bytes:
        """convert() for packed text (packed.py), as entries and items hold it."""
        return pack(self.convert(unpack(body)))

    def convert(self, text: str) -> str:
        text = escape_gender_stars(replace_blocks(text))
        html = heading_ids(to_html(text).rstrip("\n"))
        if not self.trusted_html:
            html = CLEANER.clean(html)
        return self._rebase(html)

    def _rebase(self, html: str) -> str:
        """Root-relative links and media paths work under a sub-path too."""
        base = self.base_path
        if base != "/":  # (at the root, "/x" already is the address)
            html = _ROOTED.sub(lambda m: f'{m.group(1)}="{base}', html)
        if "media/" not in html:
            return html
        return _MEDIA.sub(lambda m: f'src="{base}{m.group(1)}', html)


_ROOTED = re.compile(r'(href|src)="/(?!/)')
_MEDIA = re.compile(r'src="(?:\./)?(media/)')


UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")

# Every attribute that takes a URL, in any element, SVG's animations included.
_URL_ATTRIBUTES = {
    "href", "src", "srcset", "action", "formaction", "poster", "background", "data", "cite",
    "ping", "longdesc", "lowsrc", "dynsrc", "codebase", "archive", "manifest", "icon",
    "values", "to", "from", "content",
}  # fmt: skip
_LISTS = {"srcset": ",", "ping": " ", "archive": " ", "values": ";"}
_REFRESH = re.compile(r"url\s*=\s*['\"]?(.*)", re.I | re.S)  # <meta content="0; url=…">
# Where a browser ends a comment or CDATA earlier than Python's parser does, the parser
# would not see the tags after it: read what is inside them as markup too.
_HIDING = re.compile(r"<!--|--!?>|<!\[CDATA\[|\]\]>")


class _UrlCollector(HTMLParser):
    """Every URL-valued attribute, with entities already decoded by the parser."""

    CDATA_CONTENT_ELEMENTS = ()  # tags inside <script> and <style> are read too

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            name = name.rsplit(":", 1)[-1]  # xlink:href
            if name not in _URL_ATTRIBUTES or not value:
                continue
            if name == "content":
                refresh = _REFRESH.search(value)
                value = refresh.group(1) if refresh else ""
            parts = value.split(_LISTS[name]) if name in _LISTS else [value]
            self.urls += [p.strip().split(" ")[0] if name == "srcset" else p for p in parts]


def _urls(html: str) -> list[str]:
    collector = _UrlCollector()
    collector.feed(_HIDING.sub(" ", html))
    collector.close()
    return [url for url in collector.urls if url]


_CONTROL = re.compile(r"[\x00-\x20\\]+")
_DELETED_BYTES = bytes(range(0x21)) + b"\\"
_UNSAFE_BYTES = [scheme.encode() for scheme in UNSAFE_SCHEMES]


def _squash(url: str) -> str:
    """What could be a scheme in a URL, whatever the spelling: percent escapes decoded,
    no whitespace, control characters or backslashes, lower case. (Browsers decode
    none of the escapes; refusing them anyway leaves no spelling to argue about.)"""
    url = _CONTROL.sub("", url)
    return _CONTROL.sub("", unquote(url)).lower() if "%" in url else url.lower()


def has_unsafe_scheme(text: str) -> bool:
    """Whether `text` (Markdown or HTML source) spells a scheme of UNSAFE_SCHEMES in any
    way that _squash(a URL cmark renders from it) could show one: a check of the whole
    text in bytes, at C speed, so most bodies need no rendering. (ASCII lower case
    only, as browsers read schemes.)"""
    squashed = unescape(text).encode("utf-8").translate(None, _DELETED_BYTES)
    if b"%" in squashed:
        squashed = unquote_to_bytes(squashed).translate(None, _DELETED_BYTES)
    squashed = squashed.lower()
    return any(scheme in squashed for scheme in _UNSAFE_BYTES)


def unsafe_links(text: str) -> list[tuple[int, str]]:
    """Links, images and other URLs in Markdown (or raw HTML) that would run or embed
    code, read from the HTML cmark-gfm makes of it: every escape already resolved.

    Returns (0-based line in `text`, URL). nh3 would silently drop them (and does not
    run with trusted_html); editors should learn that their link does not work instead.
    """
    if not has_unsafe_scheme(text):
        return []  # the common case: no need to render
    source = _SquashedSource(text)
    return [
        (source.line_of(squashed), url)
        for url in _urls(to_html(text))
        if (squashed := _squash(url)).startswith(UNSAFE_SCHEMES)
    ]


class _SquashedSource:
    """The source text squashed like a URL (entities decoded too), to find the line a
    rendered URL was written on, even across a line break or with escapes."""

    def __init__(self, text: str) -> None:
        rows = [_squash(unescape(line)) for line in text.split("\n")]
        self.starts = list(accumulate((len(row) for row in rows), initial=0))[:-1]
        self.text = "".join(rows)
        self.searched: dict[str, int] = {}  # needle -> where its last match began

    def line_of(self, squashed: str) -> int:
        """The line of the next place the URL is written (the same URL twice: the
        second place for the second), or else of its scheme; the first line if neither."""
        for needle in (squashed[:40], squashed.split(":", 1)[0] + ":"):
            at = self.text.find(needle, self.searched.get(needle, -1) + 1)
            if at < 0:
                at = self.text.find(needle)
            if at >= 0:
                self.searched[needle] = at
                return bisect_right(self.starts, at) - 1
        return 0
