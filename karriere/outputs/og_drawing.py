"""Drawing one og:image card (1200×630) with Pillow: the page's picture with a brand band
for the text, or a bold brand-colour card; the logo on a white tag in the top corner.

Layouts: 'photo' (the page's picture above a brand band with eyebrow, headline and
details; JPEG), 'text' (the brand colour with large shapes in a deeper shade, the
headline large; PNG) and 'question' (the FAQ: one question as large as it fits, a giant
question mark behind it; PNG). Every text is hyphenated before it is wrapped
(og_text.py), and its colour passes WCAG AA on what is behind it (og_pictures.py).

A right-to-left language's card is the same card mirrored, its text shaped by raqm in a
font with its letters (og_script.py).

What a card shows is a `Design`; og_cards.py plans which card each page gets, names it
after a hash of its design and this code, and draws the missing ones with `render`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from karriere.outputs.og_pictures import (  # noqa: F401 (hex_rgb, luminance: for callers)
    AA,
    WHITE,
    contrast,
    cover,
    deeper,
    hex_rgb,
    ink_on,
    logo_image,
    luminance,
)
from karriere.outputs.og_script import Sides, put, question_mark
from karriere.outputs.og_text import (  # noqa: F401 (fit_line, wrap: for callers)
    LEADING,
    balanced,
    breakable,
    fit_block,
    fit_line,
    font,
    plain,
    wrap,
)

WIDTH, HEIGHT = 1200, 630
MAX_BYTES = 300_000  # WhatsApp drops previews above this
MARGIN = 64
TAG = (64, 340)  # the logo's height and greatest width on its white tag
PAD = 18  # around the logo on its tag
TOP = 44  # from the top edge to the tag
SHADE = 0.2  # how much deeper than the brand colour the shapes behind the text are


@dataclass(frozen=True)
class Design:
    """What one card shows. Every field goes into the file name's hash."""

    layout: str  # 'text', 'photo' (the page's picture with a brand band) or 'question'
    eyebrow: str = ""  # the label above the headline: category, 'Geschichte', ...
    headline: str = ""
    details: tuple[str, ...] = ()  # smaller lines under the headline
    color: str = "#005ca9"
    organisation: str = ""
    address: str = ""  # where the link goes, e.g. karriere.lindenfeld.de
    logo: str | None = None  # raster or SVG; None draws the name as a wordmark
    photo: str | None = None  # the page's picture ('photo' layout)
    fonts: tuple[str, str] = ("", "")  # bold, regular
    action: str = ""  # a button's words, e.g. 'Jetzt bewerben'
    language: str = "de"  # hyphenation; direction, shaping and fonts (og_script.font_files)


def render(design: Design) -> bytes:
    if design.layout == "photo" and design.photo:
        return encode_jpeg(draw_photo_card(design))
    if design.layout == "question":
        return encode_png(draw_question_card(design), exact_colors(design))
    return encode_png(draw_text_card(design), exact_colors(design))


def encode_png(image: Image.Image, exact: tuple = ()) -> bytes:
    """256 colours: half the bytes and a third of the time of full colour (about 30 KB
    and 7 ms a card). The colours of large areas (`exact`) keep their exact value."""
    paletted = image.quantize(256, method=Image.Quantize.FASTOCTREE)
    palette = paletted.getpalette()
    entries = [tuple(palette[i : i + 3]) for i in range(0, len(palette), 3)]
    for color in exact:
        nearest = min(range(len(entries)), key=lambda i: distance(entries[i], color))
        if distance(entries[nearest], color) <= 24:  # the entry that stands for it
            palette[3 * nearest : 3 * nearest + 3] = entries[nearest] = color
    paletted.putpalette(palette)
    buffer = io.BytesIO()
    paletted.save(buffer, "PNG", compress_level=3)  # level 6: 15 % smaller, twice the time
    return buffer.getvalue()


def distance(a, b) -> int:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


def exact_colors(design: Design) -> tuple:
    brand = hex_rgb(design.color)
    return (brand, ink_on(brand), deeper(brand, SHADE), WHITE)


def encode_jpeg(image: Image.Image) -> bytes:
    """No chroma subsampling while it fits: the edges of coloured text stay sharp. A
    very busy picture is saved coarser, step by step, until it is under MAX_BYTES."""
    steps = [(0, q) for q in (86, 76, 66)] + [(2, q) for q in (66, 50, 35, 20)]
    for subsampling, quality in steps:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, subsampling=subsampling, optimize=True)
        if buffer.tell() < MAX_BYTES:
            break
    return buffer.getvalue()


# --- shapes with smooth edges ----------------------------------------------------------


class Pen:
    """Shapes drawn at twice the size into a region of the card, then scaled down, so
    that round edges have no stairs (Pillow draws shapes without antialiasing)."""

    def __init__(self, image: Image.Image, box: tuple[int, int, int, int]):
        x0, y0, x1, y1 = max(0, box[0]), max(0, box[1]), min(WIDTH, box[2]), min(HEIGHT, box[3])
        self.image, self.origin = image, (x0, y0)
        self.region = image.crop((x0, y0, x1, y1)).resize(
            ((x1 - x0) * 2, (y1 - y0) * 2), Image.Resampling.NEAREST
        )
        self.draw = ImageDraw.Draw(self.region)

    def at(self, *xy: float) -> list[float]:
        return [2 * (v - self.origin[i % 2]) for i, v in enumerate(xy)]

    def rounded(self, box, radius: int, fill) -> None:
        self.draw.rounded_rectangle(self.at(*box), radius=2 * radius, fill=fill)

    def circle(self, cx: float, cy: float, r: float, fill=None, outline=None, width=0) -> None:
        box = self.at(cx - r, cy - r, cx + r, cy + r)
        self.draw.ellipse(box, fill=fill, outline=outline, width=2 * width)

    def polygon(self, points, fill) -> None:
        self.draw.polygon([tuple(self.at(x, y)) for x, y in points], fill=fill)

    def done(self) -> None:
        self.image.paste(self.region.reduce(2), self.origin)


# --- pieces every layout has -----------------------------------------------------------


def logo_tag(image: Image.Image, design: Design, x: int, y: int) -> tuple[int, int]:
    """The logo (or the organisation's name) on a white tag; returns the tag's size."""
    brand = hex_rgb(design.color)
    size = tag_size(design)
    pen = Pen(image, (x, y, x + size[0], y + size[1]))
    pen.rounded((x, y, x + size[0], y + size[1]), 16, WHITE)
    pen.done()
    if design.logo:
        logo = logo_image(design.logo, (TAG[1], TAG[0]), design.fonts)
        image.paste(logo, (x + PAD, y + PAD + (TAG[0] - logo.height) // 2), logo)
    else:
        mark = brand if contrast(brand, WHITE) >= AA else ink_on(WHITE)
        face, name = wordmark(design)
        put(ImageDraw.Draw(image), (x + PAD + 4, y + size[1] // 2), name, face, mark, "lm")
    return size


def tag_size(design: Design) -> tuple[int, int]:
    if design.logo:
        width = logo_image(design.logo, (TAG[1], TAG[0]), design.fonts).width
    else:
        face, name = wordmark(design)
        width = int(face.getlength(name)) + 8
    return width + 2 * PAD, TAG[0] + 2 * PAD


def wordmark(design: Design):
    """The organisation's name, where it has no logo: (font, text)."""
    face = font(design.fonts[0], 30, design.language)
    return face, fit_line(design.organisation, face, 520)


def pill(image, text: str, face, x: int, y: int, fill, ink, height: int = 52, right=False):
    """A rounded label; (x, y) is its top left, or its top right with `right`."""
    width = int(face.getlength(text)) + height
    if right:
        x -= width
    pen = Pen(image, (x, y, x + width, y + height))
    pen.rounded((x, y, x + width, y + height), height // 2, fill)
    pen.done()
    put(ImageDraw.Draw(image), (x + height // 2, y + height // 2), text, face, ink, "lm")
    return width


def detail_lines(design: Design, face, width: int, most: int = 3) -> list[str]:
    lines: list[str] = []
    for detail in design.details:
        lines += wrap(breakable(detail, design.language), face, width)[:2]
    return lines[:most]


# --- text card ---------------------------------------------------------------------------


def draw_text_card(design: Design) -> Image.Image:
    """The brand colour, two large shapes in a deeper shade, the headline large."""
    brand = hex_rgb(design.color)
    ink, shade = ink_on(brand), deeper(brand, SHADE)
    bold, regular = design.fonts
    side = Sides(design.language, WIDTH)
    image = Image.new("RGB", (WIDTH, HEIGHT), brand)
    pen = Pen(image, side.box((820, 310, WIDTH, HEIGHT)))  # each shape in its own corner
    pen.circle(side.x(1150), 640, 330, fill=shade)
    pen.done()
    pen = Pen(image, side.box((840, 0, 1180, 141)))
    pen.circle(side.x(1010), -30, 170, outline=shade, width=34)
    pen.done()
    top = header(image, design, ink)
    width = WIDTH - 2 * MARGIN
    bottom = HEIGHT - 52
    small = font(regular, 32, design.language)
    if design.action:
        face = font(bold, 30, design.language)
        action = fit_line(design.action, face, WIDTH // 2 - MARGIN)
        at, end = side.x(WIDTH - MARGIN), side.end(True)
        used = pill(image, action, face, at, bottom - 60, ink, brand, 60, end)
        lines = detail_lines(design, small, width - used - 32)
    else:
        lines = detail_lines(design, small, width)
    draw = ImageDraw.Draw(image)
    y = bottom - len(lines) * 44
    for line in lines:
        put(draw, (side.x(MARGIN), y), line, small, ink, side.anchor("lt"))
        y += 44
    space = bottom - len(lines) * 44 - (28 if lines else 0) - top
    headline(image, design, (MARGIN, top, width, space), ink, largest=104, smallest=44)
    return image


def header(image: Image.Image, design: Design, ink) -> int:
    """Logo tag, address and eyebrow; returns where the headline may start."""
    brand = hex_rgb(design.color)
    bold, regular = design.fonts
    side = Sides(design.language, WIDTH)
    tag_width, tag_height = tag_size(design)
    logo_tag(image, design, side.left(MARGIN, tag_width), TOP)
    draw = ImageDraw.Draw(image)
    if design.address:
        where = font(regular, 26, design.language)
        room = WIDTH - 2 * MARGIN - tag_width - 40
        text = fit_line(design.address, where, room)
        at = (side.x(WIDTH - MARGIN), TOP + tag_height // 2)
        put(draw, at, text, where, ink, side.anchor("rm"))
    top = TOP + tag_height + 36
    if design.eyebrow:
        label = font(bold, 28, design.language)
        text = fit_line(design.eyebrow, label, WIDTH - 2 * MARGIN - 52)
        pill(image, text, label, side.x(MARGIN), top, ink, brand, right=side.end(False))
        top += 52 + 22
    return top


def headline(image, design: Design, area, ink, largest: int, smallest: int) -> tuple[int, int]:
    """The headline, as large as fits the area (x, y, width, height, as designed left to
    right); returns the size and the number of lines."""
    x, y, width, height = area
    side = Sides(design.language, WIDTH)
    text = breakable(design.headline, design.language)
    face, lines = fit_block(
        text, design.fonts[0], width, height, largest, smallest, language=design.language
    )
    if not lines[-1].endswith("…"):
        lines = balanced(text, face, width, lines)
    draw = ImageDraw.Draw(image)
    step = round(face.size * LEADING)
    for i, line in enumerate(lines):
        put(draw, (side.x(x), y + i * step), line, face, ink, side.anchor("lt"))
    return face.size, len(lines)


# --- question card (FAQ) -------------------------------------------------------------------


def draw_question_card(design: Design) -> Image.Image:
    """One question over a giant question mark, as large as it fits: the eyebrow sits
    beside the logo and the address at the foot, so the question has the card's middle."""
    brand = hex_rgb(design.color)
    ink, shade = ink_on(brand), deeper(brand, SHADE)
    bold, regular = design.fonts
    side = Sides(design.language, WIDTH)
    image = Image.new("RGB", (WIDTH, HEIGHT), brand)
    mark = font(bold, 760, design.language)
    at = (side.x(1200), 690)
    put(ImageDraw.Draw(image), at, question_mark(design.language), mark, shade, side.anchor("rs"))
    tag_width, tag_height = tag_size(design)
    logo_tag(image, design, side.left(MARGIN, tag_width), TOP)
    if design.eyebrow:
        label = font(bold, 28, design.language)
        x = MARGIN + tag_width + 24
        text = fit_line(design.eyebrow, label, WIDTH - MARGIN - x - 52)
        y = TOP + (tag_height - 52) // 2
        pill(image, text, label, side.x(x), y, ink, brand, right=side.end(False))
    bottom = HEIGHT - 40
    if design.address:
        where = font(regular, 26, design.language)
        text = fit_line(design.address, where, WIDTH - 2 * MARGIN)
        at = (side.x(MARGIN), bottom)
        put(ImageDraw.Draw(image), at, text, where, ink, side.anchor("ls"))
        bottom -= 26 + 28
    top = TOP + tag_height + 30
    headline(image, design, (MARGIN, top, WIDTH - 2 * MARGIN, bottom - top), ink, 156, 56)
    return image


# --- photo card ------------------------------------------------------------------------------


def draw_photo_card(design: Design) -> Image.Image:
    """The page's picture above a brand band with the texts; the eyebrow and the logo tag
    sit on the band's edge, so that the picture itself stays uncovered."""
    brand = hex_rgb(design.color)
    ink = ink_on(brand)
    bold, regular = design.fonts
    side, language = Sides(design.language, WIDTH), design.language
    width = WIDTH - 2 * MARGIN
    text = breakable(design.headline, language)
    limit = 2 * round(64 * LEADING)
    face, lines = fit_block(text, bold, width, limit, largest=64, smallest=40, language=language)
    if not lines[-1].endswith("…"):
        lines = balanced(text, face, width, lines)
    step = round(face.size * LEADING)
    band = 58 + len(lines) * step + 82
    top = HEIGHT - band  # the band's edge at its start (left) end; it rises to the end
    image = Image.new("RGB", (WIDTH, HEIGHT), brand)
    image.paste(cover(Path(design.photo), (WIDTH, top + 40)), (0, 0))
    pen = Pen(image, (0, top - 48, WIDTH, top + 40))
    # A stripe in the ink colour parts band and picture, even where the picture has the
    # brand colour itself (a campaign's poster often has).
    for points, fill in (
        ([(0, top - 8), (WIDTH, top - 44), (WIDTH, top + 40), (0, top + 40)], ink),
        ([(0, top), (WIDTH, top - 36), (WIDTH, top + 40), (0, top + 40)], brand),
    ):
        pen.polygon([(side.x(x), y) for x, y in points], fill)
    pen.done()
    tag_width, tag_height = tag_size(design)
    logo_tag(
        image, design, side.left(WIDTH - 40 - tag_width, tag_width), top - 36 - tag_height // 2
    )
    if design.eyebrow:
        label = font(bold, 26, language)
        text = fit_line(design.eyebrow, label, WIDTH - MARGIN - tag_width - 120)
        pill(image, text, label, side.x(MARGIN), top - 24, ink, brand, 48, side.end(False))
    draw = ImageDraw.Draw(image)
    y = top + 46
    for line in lines:
        put(draw, (side.x(MARGIN), y), line, face, ink, side.anchor("lt"))
        y += step
    room = width
    if design.action:
        act = font(bold, 26, language)
        action = fit_line(design.action, act, WIDTH // 2 - MARGIN)
        at = side.x(WIDTH - MARGIN)
        room -= pill(image, action, act, at, HEIGHT - 82, ink, brand, 50, side.end(True))
        room -= 32
    details = " · ".join(plain(d) for d in design.details if d)
    small = font(regular, 28, language)
    at = (side.x(MARGIN), HEIGHT - 44)
    put(draw, at, fit_line(details, small, room), small, ink, side.anchor("ls"))
    return image
