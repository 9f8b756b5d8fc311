"""Text on card images: fonts, hyphenation and wrapping, in time linear in the text.

A text to be wrapped may carry break marks: U+00AD (soft hyphen) where a long word may
break with a hyphen drawn, and U+200B after a hard hyphen or a slash, where it may break
as it is. `breakable()` puts them in from the dictionary (base/hyphenation.py). Marks are
never drawn: every line this module returns is plain text, with a real '-' at a break.
Plain text without marks wraps as it always did; a word with no break that fits is cut
with a hyphen only when it is wider than the whole line.
"""

from __future__ import annotations

import re

from PIL import ImageFont

from karriere.base.file_facts import file_facts
from karriere.base.hyphenation import SHY, Hyphenator
from karriere.outputs.og_script import Shaped, direction

ZWSP = "\u200b"  # a break after a hard hyphen or slash: nothing is added at the break
MARKS = re.compile(f"[{SHY}{ZWSP}]")
# A hard hyphen or slash between letters ("Kfz-Zulassung", "Koch/Köchin"), not "m/w/d".
JOINT = re.compile(r"(?<=[^\W\d_]{2})([-/])(?=[^\W\d_]{2})")
LEADING = 1.14  # line height of headlines, as a multiple of the font size


def font(path: str, size: int, language: str = "de") -> ImageFont.FreeTypeFont | Shaped:
    """The font file at this size, loaded once while the file is unchanged; for a
    right-to-left language one that shapes its text (og_script.Shaped)."""
    if direction(language) == "rtl":
        return file_facts.of_file(Shaped, path, size, language)
    return file_facts.of_file(_load_font, path, size)


def _load_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    # The basic layout engine needs no system library and draws the same everywhere.
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


def plain(text: str) -> str:
    """The text without break marks: what is drawn and measured."""
    return MARKS.sub("", text)


def breakable(text: str, language: str) -> str:
    """The text with break marks at the hyphenation points of its long words."""
    # The dictionary is parsed once per process (pyphen keeps it): a new Hyphenator is cheap.
    marked = Hyphenator(language).text(plain(text))
    return JOINT.sub(r"\1" + ZWSP, marked)


def width_of(text: str, face: ImageFont.FreeTypeFont) -> float:
    return face.getlength(plain(text))


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap. A word wider than the line breaks at its last break mark that
    fits, with a hyphen drawn after a soft one; with no such mark, at the last letter
    that fits, with a hyphen."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if width_of(trial, face) <= width:
            line = trial
            continue
        if line:
            lines.append(plain(line))
        # (A single letter wider than the line stays as it is: cutting it gains nothing.)
        while len(plain(word)) > 1 and wider(word, face, width):
            head, word = split_word(word, face, width)
            lines.append(head)
        line = word
    if line:
        lines.append(plain(line))
    return lines


def split_word(word: str, face: ImageFont.FreeTypeFont, width: int) -> tuple[str, str]:
    """(the first line's part, drawn; the rest, still marked) of a word wider than `width`."""
    marks = [m.start() for m in MARKS.finditer(word)]
    if marks:

        def drawn(i: int) -> str:  # the line if the word breaks at its i-th mark
            at = marks[i - 1]
            return plain(word[:at]) + ("-" if word[at] == SHY else "")

        count = longest(len(marks), lambda i: face.getlength(drawn(i)) <= width)
        if count:
            return drawn(count), word[marks[count - 1] + 1 :]
    letters = plain(word)
    cut = max(1, longest(len(letters) - 1, lambda i: face.getlength(letters[:i] + "-") <= width))
    return letters[:cut] + "-", letters[cut:]


# A long word is measured in prefixes of doubling length, so a line costs a few
# measurements of about its own length, not one of the whole word per character.
# Both rely on a longer text being at least as wide as its beginning.


def wider(text: str, face: ImageFont.FreeTypeFont, width: int) -> bool:
    """Whether the text (drawn without its marks) is wider than `width`."""
    text = plain(text)
    n = 16
    while n < len(text):
        if face.getlength(text[:n]) > width:
            return True
        n *= 2
    return face.getlength(text) > width


def longest(most: int, fits) -> int:
    """The largest n in 1..most with fits(n), or 0."""
    low, high = 0, 1
    while high <= most and fits(high):
        low, high = high, high * 2
    high = min(high - 1, most)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def fit_block(
    text: str, path: str, width: int, height: int, largest=76, smallest=40, step=4, language="de"
):
    """The largest size at which the text wraps into the space, preferring a size at
    which no word has to break; else the smallest size, cut with '…'. The text is
    measured as drawn: shaped, for a right-to-left language."""
    sizes = range(largest, smallest - 1, -step)
    for whole_words in (True, False):
        for size in sizes:
            face, most = font(path, size, language), height // round(size * LEADING)
            # Sizes that cannot fit are known without wrapping (a long text is costly):
            # too wide a word, or more lines than the height holds even if packed full.
            if whole_words and any(wider(w, face, width) for w in text.split()):
                continue
            if width_of(text, face) > most * max(width, 1) + most * face.getlength(" "):
                continue
            lines = wrap(text, face, width)
            if len(lines) > most:
                continue
            if whole_words and words(lines) > len(text.split()):
                continue  # a word broke at a space-less point: a smaller size may keep it
            return face, lines
    face = font(path, smallest, language)
    lines = wrap(text, face, width)
    keep = max(1, height // round(smallest * LEADING))
    if len(lines) > keep:
        lines = lines[: keep - 1] + [fit_line(" ".join(lines[keep - 1 :]), face, width)]
    return face, lines


def balanced(text: str, face: ImageFont.FreeTypeFont, width: int, lines: list[str]) -> list[str]:
    """The same number of lines and words in the narrowest width that holds them, so
    that no line ends with a lone short word ("… führen / zur / Stadtverwaltung?")."""
    if len(lines) < 2:
        return lines
    count, held = len(lines), words(lines)

    def holds(w: int) -> bool:
        trial = wrap(text, face, w)
        return len(trial) <= count and words(trial) <= held

    low, high = width // 2, width  # binary search over about ten wraps
    while low < high:
        middle = (low + high) // 2
        if holds(middle):
            high = middle
        else:
            low = middle + 1
    return wrap(text, face, high)


def words(lines: list[str]) -> int:
    """How many words the lines hold: more than the text had when one broke."""
    return sum(len(line.split()) for line in lines)


def fit_line(text: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    """One line, shortened at a word with '…' when it is too wide."""
    text = plain(text)
    if face.getlength(text) <= width:
        return text
    words = text.split()
    count = longest(len(words), lambda n: face.getlength(" ".join(words[:n]) + " …") <= width)
    short = " ".join(words[: max(1, count)])
    if face.getlength(short + " …") > width:
        short = short[: longest(len(short), lambda n: face.getlength(short[:n] + " …") <= width)]
    return short.rstrip(" ,;:–-") + " …"
