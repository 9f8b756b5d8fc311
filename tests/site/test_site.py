"""The site model's helpers (the site model as a whole: test_example_site.py)."""

from __future__ import annotations

import re
from html import unescape

import pytest
from helpers import ROOT

from karriere.base.packed import pack
from karriere.content.markdown import MarkdownRenderer
from karriere.site.descriptions import first_sentence, first_sentence_of
from karriere.site.model import Item


def whole_text_first_sentence(html: str, limit: int = 160) -> str:
    """The plain definition: all of the text, then cut."""
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def bodies() -> list[str]:
    renderer = MarkdownRenderer("/")
    found = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        found.append(renderer.convert(path.read_text(encoding="utf-8").split("---", 2)[-1]))
    return found


@pytest.mark.parametrize("limit", [20, 80, 160, 400])
def test_first_sentence_reads_only_the_start_but_says_what_the_whole_text_says(limit):
    tricky = [
        "<p>" + "Wort " * 200 + "</p>",
        "<h2 id='a'>Über uns</h2><p>Die Stadt &amp; ihr Team &lt;3 &#x201E;gut&#x201C;</p>" * 9,
        '<p><a href="https://example.org/' + "x" * 900 + '">Link</a> danach Text.</p>' * 3,
        "<p>kurz</p>",
        "<p>Übergänge – „Zitate“ und Umlaute: " + "Straßenbahn " * 120 + "</p>",
        "ohne Tags " * 90,
        "<p>" + "Langeswortohneleerzeichen" * 30 + "</p>",
    ]
    htmls = bodies() + tricky
    assert len(htmls) > 20
    for html in htmls:
        expected = whole_text_first_sentence(html, limit)
        assert first_sentence(html, limit) == expected, html[:80]
        item = Item(entry=None, route="x/", packed_html=pack(html))  # type: ignore[arg-type]
        assert first_sentence_of(item, limit) == expected, html[:80]  # from the packed start
