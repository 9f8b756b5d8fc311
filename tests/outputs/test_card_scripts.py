"""Card images in other writing systems (issue 29): Arabic shaped right to left by raqm,
the card mirrored; Turkish and Ukrainian letters drawn with real glyphs; German cards
still drawn by the basic layout, as before."""

from __future__ import annotations

import io
from collections import deque
from datetime import date

import pytest
from card_designs import design
from helpers import ROOT
from PIL import Image, ImageDraw, ImageFont, features

from karriere.outputs import og_cards as cards
from karriere.outputs import og_drawing as drawing
from karriere.outputs import og_script as script
from karriere.outputs import og_text as text

ARABIC = tuple(str(cards.BUILTIN / "cards" / f) for f in script.ARABIC_FONTS)
LATIN = tuple(str(cards.BUILTIN / "cards" / f) for f in script.LATIN_FONTS)
TITLE = "موظف/ة إداري/ة (م/ج/د)"
MUHAMMAD = "محمد"  # four letters that all join, and no dots: one stroke when shaped
TURKISH = "ğĞşŞıİçÇöÖüÜ"
UKRAINIAN = "єЄіІїЇґҐщЩьюя"


def ink(image: Image.Image, threshold: int = 128) -> set[tuple[int, int]]:
    mask = image.convert("L")
    w, h = mask.size
    data = mask.load()
    return {(x, y) for y in range(h) for x in range(w) if data[x, y] >= threshold}


def components(points: set[tuple[int, int]]) -> int:
    """How many separate strokes (8-connected) the ink has."""
    left, count = set(points), 0
    while left:
        count += 1
        queue = deque([left.pop()])
        while queue:
            x, y = queue.popleft()
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    n = (x + dx, y + dy)
                    if n in left:
                        left.remove(n)
                        queue.append(n)
    return count


def drawn(face, words: str, size=(900, 220), x=None) -> Image.Image:
    """White text on black, placed as a card places a right-to-left line: at its end."""
    image = Image.new("L", size, 0)
    side = script.Sides("ar", size[0])
    at = (side.x(20 if x is None else x), 20)
    script.put(ImageDraw.Draw(image), at, words, face, 255, side.anchor("lt"))
    return image


def test_raqm_is_there():
    assert features.check("raqm"), "Pillow without raqm cannot shape Arabic"


def test_an_arabic_word_is_joined_not_drawn_letter_by_letter():
    face = text.font(ARABIC[0], 96, "ar")
    assert isinstance(face, script.Shaped)
    shaped = ink(drawn(face, MUHAMMAD))
    assert components(shaped) == 1  # one connected stroke
    # The same letters each on their own (isolated forms), side by side: four strokes.
    alone = Image.new("L", (900, 220), 0)
    x = 20
    for letter in MUHAMMAD:
        script.put(ImageDraw.Draw(alone), (x, 20), letter, face, 255, "lt")
        x += int(face.getlength(letter)) + 12
    assert components(ink(alone)) == 4
    assert face.getlength(MUHAMMAD) != sum(face.getlength(c) for c in MUHAMMAD)


def test_arabic_runs_right_to_left_from_the_right_edge():
    face = text.font(ARABIC[0], 96, "ar")
    points = ink(drawn(face, MUHAMMAD))
    xs = [x for x, _ in points]
    assert 900 - 20 - 12 <= max(xs) <= 900 - 20  # the text ends at the box's right edge
    assert min(xs) > 450  # a short word: the left half stays empty
    # "ب ا": beh comes first, so it is on the right; alef (a tall stroke) on the left.
    image = drawn(face, "ب ا")
    pixels = ink(image)
    tallest = max(range(900), key=lambda x: sum(1 for y in range(220) if (x, y) in pixels))
    xs = [x for x, _ in pixels]
    assert tallest < (min(xs) + max(xs)) / 2


def test_mixed_arabic_and_latin_keep_their_glyphs_and_the_title_fits_a_line():
    face = text.font(ARABIC[0], 64, "ar")
    notdef = missing_glyph(face.font)
    assert any(notdef)  # (the box is drawn: a missing letter would show)
    for char in "(/)SLd0" + "مجد":
        assert glyph(face.font, char) != notdef, char
    line = text.wrap(TITLE, face, 1072)
    assert line == [TITLE]


def test_arabic_wraps_by_the_shaped_width():
    face = text.font(ARABIC[0], 60, "ar")
    long = " ".join([TITLE, "في مدينة ليندنفيلد، قسم شؤون المواطنين والخدمات العامة"])
    lines = text.wrap(long, face, 500)
    assert len(lines) >= 3
    assert " ".join(lines) == long  # no word cut, none lost, no hyphen added
    assert all(face.getlength(line) <= 500 for line in lines)


def glyph(face: ImageFont.FreeTypeFont, char: str) -> bytes:
    image = Image.new("L", (160, 160), 0)
    ImageDraw.Draw(image).text((20, 20), char, font=face, fill=255)
    return image.tobytes()


def missing_glyph(face: ImageFont.FreeTypeFont) -> bytes:
    return glyph(face, "\ue000")  # a private-use character: the .notdef box


@pytest.mark.parametrize("path", LATIN)
@pytest.mark.parametrize("letters", [TURKISH, UKRAINIAN])
def test_turkish_and_ukrainian_letters_have_glyphs_in_the_card_font(path, letters):
    face = text.font(path, 60, "tr")
    assert isinstance(face, ImageFont.FreeTypeFont)  # no shaping needed: the basic layout
    notdef = missing_glyph(face)
    for letter in letters:
        drawn = glyph(face, letter)
        assert any(drawn) and drawn != notdef, f"{letter!r} is a .notdef box"


def test_german_turkish_and_ukrainian_cards_keep_the_basic_layout():
    for language in ("de", "tr", "uk", "en"):
        assert script.direction(language) == "ltr"
        assert script.font_files(language) == script.LATIN_FONTS
        face = text.font(LATIN[0], 40, language)
        assert face.layout_engine == ImageFont.Layout.BASIC
    for language in ("ar", "fa", "he", "ur", "ar-EG"):
        assert script.direction(language) == "rtl"


def white_share(image: Image.Image, box) -> float:
    data = image.crop(box).convert("RGB").tobytes()
    white = sum(1 for i in range(0, len(data), 3) if min(data[i : i + 3]) > 245)
    return white / (len(data) // 3)


@pytest.mark.parametrize("layout", ["text", "question"])
def test_an_arabic_card_is_mirrored(layout):
    arabic = design(layout=layout, headline=TITLE, eyebrow="الإدارة", language="ar", fonts=ARABIC)
    german = design(layout=layout)
    with_ar = Image.open(io.BytesIO(drawing.render(arabic))).convert("RGB")
    with_de = Image.open(io.BytesIO(drawing.render(german))).convert("RGB")
    width = drawing.WIDTH
    start = (drawing.MARGIN, drawing.TOP, drawing.MARGIN + 60, drawing.TOP + 60)
    end = (width - drawing.MARGIN - 60, drawing.TOP, width - drawing.MARGIN, drawing.TOP + 60)
    assert white_share(with_de, start) > 0.8 and white_share(with_de, end) < 0.2
    assert white_share(with_ar, end) > 0.8 and white_share(with_ar, start) < 0.2  # logo tag


def test_the_question_card_shows_the_arabic_question_mark():
    assert script.question_mark("ar") == "\u061f" and script.question_mark("de") == "?"


@pytest.fixture(scope="module")
def example_site():
    from karriere.content.loading import load_content
    from karriere.pipeline import Request, load_settings
    from karriere.site.build import build_site

    config, options = load_settings(Request(site_dir=ROOT, today=date(2026, 11, 22)))
    return build_site(config, load_content(config), options)


def test_card_for_takes_the_pages_language(example_site):
    page = next(p for p in example_site.pages if p.kind == "vacancy")
    default = cards.card_for(example_site, page).design
    arabic = cards.card_for(example_site, page, language="ar").design
    assert default.language == "de" and default.fonts[0].endswith("OpenSans-Bold.ttf")
    assert arabic.language == "ar" and arabic.fonts[0].endswith("NotoSansArabicLatin-Bold.ttf")
    assert (
        cards.card_for(example_site, page, language="ar").path
        != cards.card_for(example_site, page).path
    )
