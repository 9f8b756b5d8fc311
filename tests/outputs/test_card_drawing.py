"""Card images read back as a phone shows them: the page's picture, the logo (SVG drawn
by resvg), the FAQ question, size, contrast, German words and the card's name."""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

import pytest
from card_designs import FONTS, design
from helpers import BUILD_DATE, ROOT, SCRATCH_FILES, run_cli, write_files
from PIL import Image

from karriere.base.file_facts import file_facts
from karriere.base.hyphenation import SHY, Hyphenator
from karriere.outputs import og_cards as cards
from karriere.outputs import og_drawing as drawing
from karriere.outputs import og_pictures as pictures
from karriere.outputs import og_text as text

BASE = "https://example.org/karriere/"
LOGO_YELLOW = (242, 183, 5)  # the top bar of content/media/logo.svg
GWL_BLUE = (31, 79, 153)  # the square of content/media/logos/gwl-wohnen.svg


def og_image(root: Path, page: str) -> tuple[Image.Image, str, int]:
    """(the card as RGB, its alt text, its size in bytes) of a built page."""
    html = (root / page).read_text("utf-8")
    url = re.search(r'<meta property="og:image" content="([^"]+)"', html)[1]
    alt = re.search(r'<meta property="og:image:alt" content="([^"]*)"', html)[1]
    file = root / url[len(BASE) :]
    with Image.open(file) as image:
        return image.convert("RGB"), alt, file.stat().st_size


def share(image: Image.Image, box, color, tolerance: int = 12) -> float:
    """The share of pixels in `box` that are within `tolerance` of `color`."""
    pixels = list(image.crop(box).get_flattened_data())
    near = sum(all(abs(a - b) <= tolerance for a, b in zip(p, color, strict=True)) for p in pixels)
    return near / len(pixels)


def tag_box(width: int = 420) -> tuple[int, int, int, int]:
    return (drawing.MARGIN, drawing.TOP, drawing.MARGIN + width, drawing.TOP + 100)


# --- the example site ------------------------------------------------------------------------


def test_the_faq_card_shows_the_first_question_large_and_the_svg_logo(example_build):
    card, alt, size = og_image(example_build, "faq/index.html")
    questions = []
    for path in (ROOT / "content/faq").glob("*.md"):  # (not the translations: x.en.md)
        if "." in path.stem:
            continue
        source = path.read_text("utf-8")
        order = int(re.search(r"^order: (\d+)$", source, re.M)[1])
        questions.append((order, re.search(r'^question: "(.*)"$', source, re.M)[1]))
    assert alt.startswith("Häufige Fragen – " + min(questions)[1])
    assert size < drawing.MAX_BYTES
    ink = drawing.ink_on(drawing.hex_rgb("#0a6e5c"))
    # The question's letters (below the logo row, above the address) fill the card.
    body = card.crop((0, 160, 1200, 560))
    mask = body.point(lambda v: 255 if v > 230 else 0).convert("L")
    left, top, right, bottom = mask.getbbox()
    assert (right - left) / 1200 > 0.6 and (bottom - top) / 630 > 0.5, mask.getbbox()
    assert share(body, (0, 0, 1200, 400), ink, 20) > 0.12  # large, bold letters
    # The SVG logo is rasterised, not written out as a name: its yellow bar is there.
    assert share(card, tag_box(), LOGO_YELLOW) > 0.005


def test_a_network_vacancy_card_carries_its_employers_logo(example_build):
    card, _, size = og_image(example_build, "stellen/ausbildung-immobilienkaufleute/index.html")
    assert size < drawing.MAX_BYTES
    assert share(card, tag_box(), GWL_BLUE) > 0.03
    assert share(card, tag_box(), LOGO_YELLOW) == 0  # not the city's logo


def test_every_picture_card_shows_its_picture_above_a_brand_band(example_build):
    brand = drawing.hex_rgb("#0a6e5c")
    for page, picture in [
        ("stellen/kommunaler-ordnungsdienst/index.html", "media/kod.jpg"),
        ("geschichten/lena-ein-tag-im-buergeramt/index.html", "media/story-lena.jpg"),
        ("index.html", "media/video/wege-zur-stadtverwaltung.jpg"),  # the campaign's poster
    ]:
        card, _, size = og_image(example_build, page)
        assert size < drawing.MAX_BYTES
        # The picture's area is as high as the band leaves: one of these.
        crops = [pictures.cover(ROOT / "content" / picture, (1200, h)) for h in range(360, 480, 6)]
        top = card.crop((300, 0, 900, 200))
        assert any(similar(top, c.crop((300, 0, 900, 200))) for c in crops), page
        assert share(card, (0, 600, 1200, 630), brand, 16) > 0.8, page


def similar(a: Image.Image, b: Image.Image) -> bool:
    """Whether two crops are the same picture (within JPEG's and scaling's noise)."""
    small_a, small_b = a.resize((60, 20)), b.resize((60, 20))
    diffs = [
        sum(abs(x - y) for x, y in zip(p, q, strict=True))
        for p, q in zip(small_a.get_flattened_data(), small_b.get_flattened_data(), strict=True)
    ]
    return sum(diffs) / len(diffs) < 24


# --- scratch sites -------------------------------------------------------------------------


def picture_site(tmp_path: Path, front_matter: str) -> Path:
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    (site / "content/media").mkdir(parents=True)
    Image.new("RGB", (900, 600), (200, 50, 150)).save(site / "content/media/bild.png")
    story = site / "content/stories/lena.md"
    story.write_text(story.read_text("utf-8").replace("quote:", front_matter + "quote:"))
    return site


@pytest.mark.parametrize(
    "front_matter",
    [
        "image: media/bild.png\n",
        'video:\n  youtube: "Xk7mP2qRt9A"\n  poster: media/bild.png\n  title: "Film"\n',
    ],
    ids=["image", "video poster"],
)
def test_a_storys_picture_is_on_its_card(tmp_path, front_matter):
    site = picture_site(tmp_path, front_matter)
    out = tmp_path / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    card, _, size = og_image(out, "geschichten/lena/index.html")
    assert size < drawing.MAX_BYTES
    assert share(card, (200, 0, 1000, 250), (200, 50, 150)) > 0.9


# --- drawing -----------------------------------------------------------------------------


def test_an_svg_logo_is_rasterised_with_nothing_from_outside(tmp_path):
    secret = tmp_path / "secret.png"
    Image.new("RGB", (100, 100), (255, 0, 0)).save(secret)
    logo = tmp_path / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">'
        '<rect width="100" height="60" fill="#2255cc"/>'
        f'<image href="{secret}" x="100" width="100" height="60"/>'
        f'<image href="file://{secret}" x="100" width="100" height="60"/>'
        '<text x="110" y="40" font-family="Nowhere Sans" font-size="30" fill="#118811">Ab'
        "</text></svg>"
    )
    card = Image.open(io.BytesIO(drawing.render(design(logo=str(logo))))).convert("RGB")
    assert share(card, tag_box(), (34, 85, 204), 2) > 0.05  # the drawing itself
    assert share(card, tag_box(), (255, 0, 0), 40) == 0  # no file it points to
    assert share(card, tag_box(), (17, 136, 17), 30) > 0.002  # text, in the card's font


def test_an_unreadable_svg_logo_is_reported_not_crashed(tmp_path):
    logo = tmp_path / "logo.svg"
    logo.write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect")
    with pytest.raises(cards.UnreadableImage) as caught:
        drawing.render(design(logo=str(logo)))
    assert caught.value.path == str(logo) and "SVG logo" in caught.value.message


@pytest.mark.parametrize("layout", ["text", "question", "photo"])
def test_every_layout_stays_under_300_kb_even_with_a_noisy_picture(tmp_path, layout):
    noise = tmp_path / "noise.png"
    Image.frombytes("RGB", (1200, 800), os.urandom(1200 * 800 * 3)).save(noise)
    data = drawing.render(design(layout=layout, photo=str(noise), action="Jetzt bewerben"))
    assert len(data) < drawing.MAX_BYTES
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 630)
        assert image.format == ("JPEG" if layout == "photo" else "PNG")


def test_text_colours_pass_wcag_aa_on_every_brand_colour():
    steps = range(0, 256, 15)
    for color in ((r, g, b) for r in steps for g in steps for b in steps):
        ink = pictures.ink_on(color)
        assert pictures.contrast(ink, color) >= 4.5, color
        # The shapes behind the text are further from the ink than the brand colour.
        assert pictures.contrast(ink, pictures.deeper(color, 0.2)) >= 4.5, color
    assert pictures.contrast((255, 255, 255), (0, 0, 0)) == pytest.approx(21)


def test_long_german_words_break_at_a_syllable_with_a_real_hyphen():
    word = "Straßenverkehrszulassungsordnung"
    face = text.font(FONTS[0], 76)
    lines = text.wrap(text.breakable(f"Die {word}", "de"), face, 560)
    assert not any(SHY in line or text.ZWSP in line for line in lines)
    assert all(face.getlength(line) <= 560 for line in lines)
    assert lines[0] == "Die" and all(line.endswith("-") for line in lines[1:-1])
    pieces = [line.removesuffix("-") for line in lines[1:]]
    assert "".join(pieces) == word and len(pieces) > 1
    syllables = Hyphenator("de").word(word).split(SHY)
    allowed = {sum(map(len, syllables[:n])) for n in range(1, len(syllables))}
    breaks = {sum(map(len, pieces[:n])) for n in range(1, len(pieces))}
    assert breaks <= allowed, (lines, syllables)


def test_hard_hyphens_break_without_a_second_hyphen():
    face = text.font(FONTS[0], 76)
    width = int(face.getlength("Werkstatt")) + 4
    lines = text.wrap(text.breakable("Kfz-Werkstatt", "de"), face, width)
    assert lines == ["Kfz-", "Werkstatt"]


def test_an_editors_soft_hyphen_is_never_drawn():
    plain = drawing.render(design(headline="Verwaltungsfachangestellte"))
    typed = drawing.render(design(headline="Verwaltungs\u00adfach\u00adangestellte"))
    assert plain == typed


def test_wrapping_ends_even_where_not_one_letter_fits():
    face = text.font(FONTS[0], 76)
    for width in (-50, 0, 10):
        lines = text.wrap(text.breakable("Ab Verwaltungsfachangestellte", "de"), face, width)
        assert "".join(line.removesuffix("-") for line in lines) == "AbVerwaltungsfachangestellte"


def test_balanced_lines_leave_no_lone_word():
    face = text.font(FONTS[0], 120)
    question = "Welche Wege führen zur Stadtverwaltung?"
    greedy = text.wrap(question, face, 1072)
    lines = text.balanced(question, face, 1072, greedy)
    assert len(lines) == len(greedy) and " ".join(lines) == question
    assert min(len(line) for line in lines) > 5, lines


@pytest.mark.parametrize("layout", ["text", "question", "photo"])
def test_a_2000_character_word_is_drawn_in_time_in_every_layout(layout):
    word = "Verwaltungsfachangestellte" * 77  # 2,002 characters, no space
    photo = str(ROOT / "content/media/kod.jpg")
    started = time.perf_counter()
    every_text = dict(eyebrow=word, headline=word, details=(word, word), action=word)
    every_text |= dict(organisation=word, address=word)
    data = drawing.render(design(layout=layout, photo=photo, **every_text))
    assert time.perf_counter() - started < 10
    assert len(data) < drawing.MAX_BYTES


# --- the card's name -------------------------------------------------------------------------


def test_the_card_name_follows_logo_picture_and_code(tmp_path, monkeypatch):
    logo, photo = tmp_path / "logo.svg", tmp_path / "bild.png"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')
    Image.new("RGB", (60, 40), "#336699").save(photo)
    base = design(logo=str(logo), photo=str(photo), layout="photo")
    names = {cards.design_hash(base)}
    for changed in (
        design(logo=str(logo), photo=str(photo), layout="text"),
        design(logo=str(logo), photo=str(photo), layout="photo", action="Jetzt bewerben"),
        design(logo=str(logo), photo=str(photo), layout="photo", language="en"),
    ):
        names.add(cards.design_hash(changed))
    assert len(names) == 4
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="90"/>')
    names.add(cards.design_hash(base))  # the same path, other bytes
    Image.new("RGB", (60, 40), "#996633").save(photo)
    names.add(cards.design_hash(base))
    assert len(names) == 6
    file_facts.clear()
    monkeypatch.setattr(cards, "drawing_code", lambda: "other drawing code")
    names.add(cards.design_hash(base))
    assert len(names) == 7


def test_a_changed_svg_logo_gives_every_card_a_new_name_and_picture(tmp_path):
    files = dict(SCRATCH_FILES)
    files["site.yaml"] = files["site.yaml"].replace(
        '  name: "Stadt Teststadt"\n', '  name: "Stadt Teststadt"\n  logo: media/logo.svg\n'
    )
    site = write_files(tmp_path / "site", files)
    logo = site / "content/media/logo.svg"
    logo.parent.mkdir(parents=True)
    drawing_of = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">{}</svg>'
    logo.write_text(drawing_of.format('<rect width="200" height="60" fill="#2255cc"/>'))
    out = tmp_path / "public"

    def build_and_read() -> tuple[str, Image.Image]:
        result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
        assert result.returncode == 0, result.stderr
        html = (out / "faq/index.html").read_text("utf-8")
        return re.search(r'property="og:image" content="([^"]+)"', html)[1], og_image(
            out, "faq/index.html"
        )[0]

    first, card = build_and_read()
    assert share(card, tag_box(), (34, 85, 204), 2) > 0.05
    logo.write_text(drawing_of.format('<rect width="200" height="60" fill="#cc5522"/>'))
    second, card = build_and_read()  # the same build folder: only what changed is made
    assert second != first
    assert share(card, tag_box(), (204, 85, 34), 2) > 0.05
    assert share(card, tag_box(), (34, 85, 204), 2) == 0
