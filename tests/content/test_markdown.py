"""Raw HTML in Markdown: sanitised to an allow-list unless the site trusts its editors."""

from __future__ import annotations

from pathlib import Path

import pytest

from karriere.content.markdown import MarkdownRenderer, unsafe_links
from tests.conftest import BUILD_DATE, run_cli

HOSTILE = """\
Hallo <script>alert(1)</script> Welt.

<img src="media/x.jpg" alt="Bild" onerror="alert(2)">

<iframe src="https://evil.example/"></iframe>

<div onclick="alert(3)" style="color:red">Klick</div>

<svg onload="alert(4)"><circle r="1"/></svg>

<form action="https://evil.example/"><input name="q"></form>

<object data="x.swf"></object><embed src="x.swf"><style>body{display:none}</style>

<a href="https://example.org/" target="_blank" onmouseover="alert(5)">Link</a>
"""


def test_raw_html_is_cut_to_the_allow_list():
    html = MarkdownRenderer("/").convert(HOSTILE)
    for forbidden in (
        "<script", "alert(", "onerror", "onclick", "onload", "onmouseover", "<iframe",
        "<svg", "<form", "<input", "<object", "<embed", "<style", "style=", "target=",
    ):  # fmt: skip
        assert forbidden not in html, forbidden
    assert '<img src="/media/x.jpg" alt="Bild">' in html
    assert '<a href="https://example.org/">Link</a>' in html


def test_trusted_html_is_passed_through():
    html = MarkdownRenderer("/", trusted_html=True).convert('<div class="x">A</div>')
    assert '<div class="x">A</div>' in html


@pytest.mark.parametrize(
    "markdown",
    [
        "[a](javascript:alert(1))",
        "[a](JavaScript:alert(1))",
        '<a href="jav&#x61;script:alert(1)">a</a>',
        '<a href=" javascript:alert(1)">a</a>',
        "![a](data:image/svg+xml;base64,PHN2Zz4=)",
        "[a][r]\n\n[r]: vbscript:msgbox(1)",
        # Markdown escapes, which the source text does not show as a scheme
        "[a](javascript\\:alert(1))",
        "![a](javascript\\:alert(1))",
        "[a][r]\n\n[r]: javascript\\:alert(1)",
        "[a](javascript&#58;alert(1))",
        "[a](&#x6A;avascript:alert(1))",
        "[a](javascript&colon;alert(1))",
        "[a](java&Tab;script:alert(1))",
        "[a](javascript%3Aalert(1))",
        "[a](%6Aavascript:alert(1))",
        "[a](\x01javascript:alert(1))",
        "[a](<  JAVASCRIPT:alert(1)>)",
        "<javascript:alert(1)>",
        "[a][r]\n\n[r]:\n  <java&#x73;cript:alert(1)>",
        # raw HTML: entities, line breaks, odd syntax, other URL attributes
        '<a href="&#106avascript:alert(1)">a</a>',
        "<a\nhref=javascript:alert(1)>a</a>",
        "<div>\n<script>x = \"<a href='javascript:alert(1)'>\"</script>",
        '<div>\n<![CDATA[><a href="javascript:alert(1)">a</a>]]>',
        '<p>a</p><!-- --!><a href="javascript:alert(1)">-->',
        '<div>\n<!--><a href="javascript:alert(1)">a</a>-->',
        '<img srcset="x.png 1x, javascript:alert(1) 2x">',
        '<svg><a xlink:href="javascript:alert(1)"><text>a</text></a></svg>',
        '<svg><a><animate attributeName="href" values="x;javascript:alert(1)"/></a></svg>',
        '<button formaction="javascript:alert(1)">a</button>',
        '<object data="javascript:alert(1)"></object>',
        '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">',
    ],
)
def test_script_links_are_found_in_every_spelling(markdown):
    assert [line for line, _ in unsafe_links(markdown)] == [markdown.count("\n")]


@pytest.mark.parametrize(
    "markdown, lines",
    [
        ("[a](javascript:1)\n\n[b](javascript:1)", [0, 2]),  # the same link twice
        ("Text\n[a][r] und [b][r]\n\n[r]: <javascript\\:1>", [3, 3]),
        ('<div>\n<a href="java\nscript:1">a</a>\n</div>', [1]),  # where it starts
    ],
)
def test_each_script_link_is_reported_on_the_line_it_is_written(markdown, lines):
    assert [line for line, _ in unsafe_links(markdown)] == lines


def test_ordinary_links_are_not_suspicious():
    text = "[a](https://x.de/) [b](mailto:a@b.de) [c](/stellen/) Metadata: 5 GB, data: ja"
    assert unsafe_links(text) == []
    for text in (
        "![JavaScript: Grundlagen](bild.png)",  # alt text is no URL
        '<abbr title="javascript:">JS</abbr>',
        '`<a href="javascript:alert(1)">`',  # code shows it, links nothing
        "    <a href='javascript:alert(1)'>",
        "[a](https://example.org/?q=javascript:1) 30 % mehr",
    ):
        assert unsafe_links(text) == [], text


def test_trusted_html_switch_in_site_yaml(scratch_site: Path, tmp_path: Path):
    (scratch_site / "site.yaml").write_text(
        (scratch_site / "site.yaml").read_text(encoding="utf-8") + "trusted_html: true\n",
        encoding="utf-8",
    )
    page = scratch_site / "content/pages/impressum.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<dl class="anschrift"><dt>A</dt></dl>\n')
    out = tmp_path / "out"
    result = run_cli("build", "--site", str(scratch_site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    assert '<dl class="anschrift">' in (out / "impressum/index.html").read_text(encoding="utf-8")


def test_gender_star_stays_a_star_not_emphasis():
    from karriere.content.markdown import MarkdownRenderer

    html = MarkdownRenderer("/").convert(
        "Sachbearbeiter*innen und Quereinsteiger*innen sind *herzlich* willkommen. `a*b*c`"
    )
    assert "Sachbearbeiter*innen und Quereinsteiger*innen" in html
    assert "<em>herzlich</em>" in html
    assert "<code>a*b*c</code>" in html


def test_headings_get_unique_german_anchors():
    html = MarkdownRenderer("/").convert(
        "## Ihre Aufgaben\n\n## Größe & Lage\n\n### Kontakt\n\n### Kontakt\n\n"
        '<h2 id="kontakt_1">Schon vergeben</h2>\n'
    )
    assert '<h2 id="ihre-aufgaben">Ihre Aufgaben</h2>' in html
    assert '<h2 id="groesse-lage">Größe &amp; Lage</h2>' in html
    # the page's own id is kept, and no anchor is given twice
    assert html.count('id="kontakt"') == 1 and html.count('id="kontakt_1"') == 1
    assert '<h3 id="kontakt_2">Kontakt</h3>' in html


def test_lists_read_as_on_github():
    """CommonMark, as GitHub and GitLab show a file: a list may follow a line directly,
    and two spaces are enough to nest (Python-Markdown wanted a blank line and four)."""
    html = MarkdownRenderer("/").convert(
        "Wir bieten:\n- Gleitzeit\n  - auch mobil\n- Jobticket\n\n1. Bewerben\n2. Gespräch\n"
    )
    assert "<p>Wir bieten:</p>\n<ul>\n<li>Gleitzeit\n<ul>\n<li>auch mobil</li>" in html
    assert "<ol>\n<li>Bewerben</li>\n<li>Gespräch</li>\n</ol>" in html


def test_tables_strikethrough_and_bare_links():
    html = MarkdownRenderer("/").convert(
        "| Stufe | Betrag |\n|---|--:|\n| 1 | 1.218 € |\n\n~~alt~~ neu: https://example.org/stellen"
        "\n\nMail an bewerbung@example.org, mehr auf www.example.org und [alt](http://www.a.de)"
    )
    assert "<th>Stufe</th>" in html and "<td>1.218 €</td>" in html
    assert "<del>alt</del>" in html
    assert '<a href="https://example.org/stellen">https://example.org/stellen</a>' in html
    assert '<a href="mailto:bewerbung@example.org">bewerbung@example.org</a>' in html
    assert '<a href="https://www.example.org">www.example.org</a>' in html  # not http://
    assert '<a href="http://www.a.de">alt</a>' in html  # an editor's own link stays as written


def test_gender_star_is_escaped_only_between_letters():
    from karriere.content.markdown import escape_gender_stars

    assert escape_gender_stars("Kolleg*innen, Ärzt*innen") == r"Kolleg\*innen, Ärzt\*innen"
    for text in ("2*3 und *betont*", "a * b", "_*x", "**fett**", "    code*x", "```\na*b\n```"):
        assert escape_gender_stars(text) == text, text


@pytest.mark.parametrize(
    "text",
    ["[x](java\tscript:1)", "JaVaScRiPt:", "&#106;avascript:", "da\x01ta:", "vb script :",
     "ja vascript", "Daten: data", "https://example.org/", "javascript", "v&#98;script:",
     "Ärzt*innen: JAVA\nSCRIPT:x", "data\u00a0:", "javascript\\:", "j%61vascript%3A",
     "data%253A", "30 % data", "v\\b\\script\\:", "%E4%F6 data:"],
)  # fmt: skip
def test_the_quick_scheme_test_agrees_with_the_squashed_text(text):
    from html import unescape

    from karriere.content.markdown import UNSAFE_SCHEMES, _squash, has_unsafe_scheme

    squashed = _squash(unescape(text))
    assert has_unsafe_scheme(text) == any(scheme in squashed for scheme in UNSAFE_SCHEMES)
