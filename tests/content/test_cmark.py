"""content/cmark.py: cmarkgfm's HTML, with cmark-gfm's memory given back."""

from __future__ import annotations

import cmarkgfm

from karriere.content.cmark import Converter
from karriere.content.markdown import CMARK_EXTENSIONS, CMARK_OPTIONS

TEXTS = [
    "",
    "# Titel\n\nText mit **fett** und _kursiv_, ~~weg~~ und www.example.org.\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n- eins\n- zwei\n\n<b>roh</b> <script>x</script>\n",
    "Umlaute: äöüß – „Anführung“ \U0001f600\n\n```\ncode\n```\n" * 50,
]


def vm_rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def test_same_html_as_cmarkgfm():
    convert = Converter(CMARK_OPTIONS, CMARK_EXTENSIONS)
    for text in TEXTS:
        expected = cmarkgfm.markdown_to_html_with_extensions(
            text, options=CMARK_OPTIONS, extensions=CMARK_EXTENSIONS
        )
        assert convert(text) == expected


def test_memory_is_given_back():
    convert = Converter(CMARK_OPTIONS, CMARK_EXTENSIONS)
    text = TEXTS[3]
    for _ in range(200):  # (the allocator's own pools settle first)
        convert(text)
    before = vm_rss_kb()
    for _ in range(2000):  # cmarkgfm's own function keeps ~40 KB a call of this text
        convert(text)
    assert vm_rss_kb() - before < 20_000
