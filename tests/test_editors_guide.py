"""docs/redaktion/fehlermeldungen.md quotes karriere's messages as an editor sees them: in
German, worded as the catalog words them.

Every message in the guide's tables (the backticked text of the first column) and in its
example block must match a German msgstr of karriere/locales/de/LC_MESSAGES/messages.po.
A placeholder {x} of the msgstr matches any text; "…" in the guide stands for left-out
text, but only placeholders and text in parentheses (the statement itself is quoted in
full). A msgstr may be nested the way karriere nests messages: `{name}: ` before it, or an
"erwartet: …" msgstr inside the parentheses of another. Each "erwartet" and "Warnung" the
guide quotes must be the catalog's own words, not text a placeholder swallowed, so a
changed "(erwartet: …)" part fails too. English or outdated wording fails.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from karriere.base.messages import catalog_path

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "redaktion" / "fehlermeldungen.md"
ANY = None  # a placeholder {x} in a msgstr, or "…" in the guide
# Words a placeholder may not swallow: they must be the msgstr's own (the English ones, so
# that "(expected …)" nested in German does not pass either).
PROTECTED = ("erwartet", "Warnung", "expected", "warning")
ENGLISH = ("expected", "warning:", "(see ")
ENGLISH_PROTECTED = ("expected", "warning")
PREFIX = re.compile(r"^(?:[^\s:`]+:\d+: |karriere: )")  # path:line:, or a one-sentence error
ARGPARSE = re.compile(r"^karriere (\w+): --[\w-]+: (.*) \(siehe karriere \1 --help\)$")
MIN_LETTERS = 7  # of a msgstr's own, so "{name}: {text}" or "z. B. {example}" prove nothing


def catalog() -> dict[str, str]:
    with catalog_path("de").open("rb") as f:
        po = read_po(f, locale="de", domain="messages")
    return {m.id: m.string for m in po if m.id}


def template_tokens(template: str) -> tuple[tuple, tuple]:
    """A msgstr or msgid as characters, ANY for each placeholder; and for each, whether
    the guide's "…" may stand for it: a placeholder, a "…", or text in parentheses (the
    guide leaves out the end of a "(erwartet: …)", never the statement before it)."""
    tokens = []
    for part in re.split(r"(\{\{|\}\}|\{[^{}]*\})", template):
        if part in ("{{", "}}"):
            tokens.append(part[0])
        elif part.startswith("{"):
            tokens.append(ANY)
        else:
            tokens.extend(part)
    depth, elidable = 0, []
    for token in tokens:
        depth -= token == ")"
        elidable.append(token is ANY or token == "…" or depth > 0)
        depth += token == "("
    return tuple(tokens), tuple(elidable)


def nested(templates: list[str], expected_word: str) -> list[str]:
    """The templates, with the nestings karriere makes: an "erwartet: …" message in
    another's parentheses, and a field name before a message."""
    inner = [t for t in templates if t.startswith(expected_word)]
    wrapped = list(templates)
    for outer in templates:
        for slot in set(re.findall(r"\((\{[^{}]*\})", outer)):
            wrapped += [outer.replace(f"({slot}", f"({t}", 1) for t in inner]
    return wrapped + [f"{{name}}: {t}" for t in wrapped if not t.startswith("{")]


@cache
def german_templates() -> tuple:
    return tuple(template_tokens(t) for t in nested(list(catalog().values()), "erwartet"))


@cache
def english_templates() -> tuple:
    return tuple(template_tokens(t) for t in nested(list(catalog()), "expected"))


def quote_tokens(quote: str) -> tuple:
    return tuple(ANY if c == "…" else c for c in quote)


def protected_positions(quote: str, words: tuple[str, ...]) -> set[int]:
    return {i for w in words for m in re.finditer(re.escape(w), quote) for i in range(*m.span())}


def letters_matched(template: tuple[tuple, tuple], text: tuple, protected: set[int]) -> int:
    """How many of the template's own letters meet the same letters of `text` when both
    are laid over one string (ANY on either side: any text, also the other's ANY; the
    guide's "…" only where elidable); -1 if they cannot be. A protected character of
    `text` may not be swallowed by a placeholder, and does not count (every message has
    "erwartet")."""
    pattern, elidable = template
    n, m = len(pattern), len(text)
    after = [-1] * (m + 1)  # row i + 1 of the table
    after[m] = 0
    for i in range(n, -1, -1):
        row = [-1] * (m + 1)
        for j in range(m, -1, -1):
            if i == n and j == m:
                row[j] = 0
                continue
            p = pattern[i] if i < n else ""
            t = text[j] if j < m else ""
            best = -1
            if i < n and p is ANY:
                best = max(best, after[j])  # the placeholder is done
                if j < m and (t is ANY or j not in protected):
                    best = max(best, row[j + 1])  # it takes text[j]
            if j < m and t is ANY:
                best = max(best, row[j + 1])  # the guide's "…" is done
                if i < n and elidable[i]:
                    best = max(best, after[j])  # it takes pattern[i]
            if i < n and j < m and p is not ANY and t is not ANY and p == t and after[j + 1] >= 0:
                best = max(best, after[j + 1] + (p.isalpha() and j not in protected))
            row[j] = best
        after = row
    return after[0]


def worth_trying(template: tuple[tuple, tuple], quote: str) -> bool:
    """A quick filter: the text of the template that "…" may not stand for is in the quote
    as it is (an empty "…" aside)."""
    pattern, elidable = template
    fixed = "".join("\0" if e else c for c, e in zip(pattern, elidable, strict=True))
    whole = quote.replace("…", "")
    return all(piece in whole for piece in fixed.split("\0"))


def matches(quote: str, templates: tuple, protected_words: tuple[str, ...]) -> bool:
    text, protected = quote_tokens(quote), protected_positions(quote, protected_words)
    return any(
        letters_matched(template, text, protected) >= MIN_LETTERS
        for template in templates
        if worth_trying(template, quote)
    )


def guide_quotes() -> list[str]:
    """The first column's messages, and the lines of the example block."""
    text = GUIDE.read_text(encoding="utf-8")
    quotes = re.findall(r"^\| `([^`]+)`", text, flags=re.M)
    block = re.search(r"^```\n(.*?)^```", text, flags=re.M | re.S)
    return quotes + block.group(1).splitlines()


def message_of(quote: str) -> str:
    """The quote without what karriere puts around a message (the same in every language)."""
    framed = ARGPARSE.match(quote)
    return framed.group(2) if framed else PREFIX.sub("", quote)


def test_the_guide_quotes_many_messages():
    assert len(guide_quotes()) > 80


@pytest.mark.parametrize("quote", guide_quotes())
def test_a_quoted_message_is_the_german_catalogs(quote: str):
    message = message_of(quote)
    assert not any(word in message for word in ENGLISH), f"English in the guide: {quote!r}"
    german = matches(message, german_templates(), PROTECTED)
    assert german, (
        f"not karriere's German wording (build the case without KARRIERE_LANG): {quote!r}"
    )


@pytest.mark.parametrize(
    "quote",
    [
        "posted: '2026-02-30' is not a day in the calendar (expected a real date like 2026-06-05)",
        "order: ungültiger Wert 'erste' (erwartet: eine Ganzzahl)",
        "order: ungültiger Wert 'erste' (expected a whole number)",
        "posted: '2026-02-30' ist kein Tag (erwartet: ein echtes Datum wie 2026-06-05)",
        "Warnung: Impressum fehlt noch (erwartet: content/pages/impressum.md)",
        "Warnung: Impressum fehlt (erwartet: …)",
        "image: unbekanntes Feld (erwartet: eines von …) oder so",
        "video.file: media/dgs.mp4 cannot be read as an MP4 video: it has no moov box (…)",
        "video.file: media/dgs.mp4 lässt sich nicht lesen (…)",
    ],
)
def test_english_or_outdated_wording_does_not_pass(quote: str):
    assert not matches(quote, german_templates(), PROTECTED)


def test_elided_and_nested_german_passes():
    for quote in (
        "order: ungültiger Wert 'erste' (erwartet: eine ganze Zahl)",
        "employer: unbekannter Arbeitgeber 'jobcenter' (erwartet: eine Datei …; …)",
        "video: geben Sie genau eines von youtube, vimeo oder file an",
    ):
        assert matches(quote, german_templates(), PROTECTED), quote
