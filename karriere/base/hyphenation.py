"""Soft hyphens in long words, so that German compounds break where a reader expects.

`hyphens: auto` needs a dictionary in the browser, and many have none for German; without
one, a long word in a narrow heading is cut anywhere ("Bewerbung|sschluss"). The theme
puts soft hyphens (U+00AD, `&shy;`) into the long words of visible text at build time,
from the LibreOffice patterns that pyphen ships. Never into <head>, JSON-LD, feeds or
cards: those take the plain text.
"""

from __future__ import annotations

import marshal
import os
import re
from pathlib import Path

import pyphen

SHY = "\u00ad"
MIN_LETTERS = 10  # shorter words fit a phone's line even in a big heading
MIN_PART = 2  # no break leaves a single letter on a line ("be-a-r" becomes "be-ar")

# A run of letters; gender stars and colons stay glued to the stem ("Sachbearbeiter*in").
LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_LETTERS},}}")
# Between two words: a slash may break after it ("Koch/Köchin", never "m/w/d").
LETTER_SLASH = re.compile(r"(?<=[^\W\d_]{2})/(?=[^\W\d_]{2})")
# Text between tags, outside <script>, <style>, <pre>, <code> and attribute values.
# Headings, table cells and term labels of a Markdown body: prose is left to the browser.
LABELS = re.compile(r"(<(h[1-6]|th|td|dt)\b[^>]*>)(.*?)(</\2\s*>)", re.S | re.I)
TAG_OR_TEXT = re.compile(r"(<(script|style|pre|code|textarea)\b.*?</\2\s*>|<[^>]*>)", re.S | re.I)


class Hyphenator:
    """One language's hyphenation, with the words it has seen (a build sees the same
    titles and labels on many pages). The dictionary is read on the first long word."""

    def __init__(self, language: str = "de"):
        self.language = language
        self.words: dict[str, str] = {}
        self._dictionary: pyphen.Pyphen | None = None
        self._missing = pyphen.language_fallback(language.replace("-", "_")) is None

    def word(self, word: str) -> str:
        """`word` with U+00AD at each break point it allows."""
        known = self.words.get(word)
        if known is None:
            known = self.words[word] = self._hyphenate(word)
        return known

    def text(self, text: str) -> str:
        """Plain text (or escaped HTML text) with soft hyphens in its long words."""
        if self._missing:
            return text
        return LONG_WORD.sub(lambda m: self.word(m.group()), text)

    def html(self, text: str, shy: str = "&shy;") -> str:
        """Escaped HTML text: `&shy;` in long words and a break chance after a slash
        between letters."""
        if self._missing:
            return text
        text = LONG_WORD.sub(lambda m: self.word(m.group()).replace(SHY, shy), text)
        return LETTER_SLASH.sub("/<wbr>", text) if "/" in text else text

    def markup(self, html: str) -> str:
        """HTML: soft hyphens in its text, never inside tags, scripts or code."""
        parts = TAG_OR_TEXT.split(html)
        # split() yields text, tag, tag name, text, tag, tag name, …
        out = []
        for index, part in enumerate(parts):
            kind = index % 3
            if kind == 0 and part:
                out.append(self.html(part))
            elif kind == 1:
                out.append(part)
        return "".join(out)

    def labels(self, html: str) -> str:
        """HTML: soft hyphens in its headings, table cells and term labels only."""
        if self._missing:
            return html
        return LABELS.sub(lambda m: m[1] + self.markup(m[3]) + m[4], html)

    def _hyphenate(self, word: str) -> str:
        points = self.dictionary().positions(word)
        kept: list[int] = []
        for point in map(int, points):
            if point - (kept[-1] if kept else 0) >= MIN_PART and len(word) - point >= MIN_PART:
                kept.append(point)
        ends = kept[1:] + [len(word)] if kept else []
        kept = [point for point, end in zip(kept, ends, strict=True) if end - point >= MIN_PART]
        pieces, start = [], 0
        for point in kept:
            pieces.append(word[start:point])
            start = point
        pieces.append(word[start:])
        return SHY.join(pieces)

    def dictionary(self) -> pyphen.Pyphen:
        if self._dictionary is None:
            self._dictionary = load_dictionary(self.language)
        return self._dictionary


def load_dictionary(language: str) -> pyphen.Pyphen:
    """pyphen's dictionary for `language`. Parsing it takes about half a second, so the
    parsed patterns are kept in the user's cache folder, shared by every site (like
    Python's own compiled files); any trouble with that copy just parses again."""
    name = pyphen.language_fallback(language.replace("-", "_"))
    source = Path(str(pyphen.LANGUAGES[name]))
    kept = parsed_copy(name)
    if source not in pyphen.hdcache and kept is not None:
        parsed = read_parsed(kept)
        if parsed is not None:
            pyphen.hdcache[source] = parsed  # (pyphen's own table of parsed files)
        else:
            pyphen.hdcache[source] = pyphen.HyphDict(source)
            share_values(pyphen.hdcache[source].patterns)
            save_parsed(pyphen.hdcache[source], kept)
    return pyphen.Pyphen(filename=source, left=MIN_PART, right=MIN_PART)


def read_parsed(path: Path) -> pyphen.HyphDict | None:
    try:
        patterns, maxlen = marshal.loads(path.read_bytes())  # (load(file) reads slowly)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
    parsed.patterns, parsed.cache, parsed.maxlen = patterns, {}, maxlen
    return parsed


def share_values(patterns: dict) -> None:
    """66,000 patterns have 2,500 distinct values: one object each halves the memory a
    build holds (marshal keeps the sharing in the saved copy)."""
    distinct: dict = {}
    for key, value in patterns.items():
        patterns[key] = distinct.setdefault(value, value)


def parsed_copy(name: str) -> Path | None:
    try:
        home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no home folder
        return None
    return home / "karriere" / f"hyphenation-{pyphen.__version__}-{name}.marshal"


def save_parsed(parsed, path: Path) -> None:
    """Written whole, then renamed: a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}")
        partial.write_bytes(marshal.dumps((parsed.patterns, parsed.maxlen)))
        os.replace(partial, path)
    except (OSError, ValueError):
        pass  # only costs the next build half a second
