"""Drawing one og:image card (1200×630) with Pillow alone: a photo cropped to fit, or
the page's texts on the brand colour with a white band for the logo and the address.

What a card shows is a `Design`; og_cards.py plans which card each page gets, names it
after a hash of its design and draws the missing ones with `render` (in worker processes).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from karriere.base.file_facts import file_facts
from karriere.content.images import opened

WIDTH, HEIGHT = 1200, 630
MAX_BYTES = 300_000  # WhatsApp drops previews above this
MARGIN = 64
BAND = 112  # the white strip at the bottom with logo and address


@dataclass(frozen=True)
class Design:
    """What one card shows. Every field goes into the file name's hash."""

    layout: str  # 'text' (generated) or 'photo' (an editor's image, cropped)
    eyebrow: str = ""  # the label above the headline: category, 'Geschichte', ...
    headline: str = ""
    details: tuple[str, ...] = ()  # smaller lines under the headline
    color: str = "#005ca9"
    organisation: str = ""
    address: str = ""  # where the link goes, e.g. karriere.lindenfeld.de
    logo: str | None = None  # a raster logo file; None draws the name as a wordmark
    photo: str | None = None
    fonts: tuple[str, str] = ("", "")  # bold, regular


def render(design: Design) -> bytes:
    if design.layout == "photo":
        return crop_photo(Path(design.photo))
    image = draw_text_card(design)
    return encode_png(image)


def crop_photo(path: Path) -> bytes:
    """Cover 1200×630; portraits keep their upper part, where faces usually are."""
    with opened(path) as source:
        image = ImageOps.exif_transpose(source)
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        image = image.convert("RGB")
        portrait = image.height * WIDTH > image.width * HEIGHT * 1.5
        fitted = ImageOps.fit(
            image,
            (WIDTH, HEIGHT),
            Image.Resampling.LANCZOS,
            centering=(0.5, 0.3 if portrait else 0.5),
        )
    for quality in (85, 78, 70, 60, 50):
        buffer = io.BytesIO()
        fitted.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
        if buffer.tell() < MAX_BYTES:
            break
    return buffer.getvalue()


def encode_png(image: Image.Image) -> bytes:
    """Full colour, so the brand colour stays exact; fast zlib level (about 60 KB a card)."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=6)  # level 9: 5 % smaller, 4× slower
    return buffer.getvalue()


def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    """The font file at this size, loaded once while the file is unchanged."""
    return file_facts.of_file(_load_font, path, size)


def _load_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    # The basic layout engine needs no system library and draws the same everywhere.
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.BASIC)


def hex_rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance."""

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink_on(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """White text on dark brand colours, near-black on light ones: whichever reads better."""
    lum = luminance(rgb)
    return (255, 255, 255) if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.0625) else (26, 26, 26)


def draw_text_card(design: Design) -> Image.Image:
    brand = hex_rgb(design.color)
    ink = ink_on(brand)
    bold, regular = design.fonts
    image = Image.new("RGB", (WIDTH, HEIGHT), brand)
    draw = ImageDraw.Draw(image)
    draw_band(image, draw, design, brand)

    width = WIDTH - 2 * MARGIN
    top, bottom = 56, HEIGHT - BAND - 44
    if design.eyebrow:
        label = font(bold, 28)
        text = fit_line(design.eyebrow, label, width - 40)
        box = draw.textbbox((0, 0), text, font=label, anchor="lt")
        draw.rounded_rectangle((MARGIN, top, MARGIN + box[2] + 40, top + 52), radius=26, fill=ink)
        draw.text((MARGIN + 20, top + 26), text, font=label, fill=brand, anchor="lm")
        top += 52 + 36

    small = font(regular, 32)
    lines = []
    for detail in design.details:
        lines += wrap(detail, small, width)[:2]
    lines = lines[:3]
    y = bottom - len(lines) * 44
    for line in lines:
        draw.text((MARGIN, y), line, font=small, fill=ink, anchor="lt")
        y += 44

    space = bottom - len(lines) * 44 - (24 if lines else 0) - top
    face, heads = fit_block(design.headline, bold, width, space)
    step = round(face.size * 1.18)
    for i, line in enumerate(heads):
        draw.text((MARGIN, top + i * step), line, font=face, fill=ink, anchor="lt")
    return image


def draw_band(image: Image.Image, draw: ImageDraw.ImageDraw, design: Design, brand) -> None:
    """White strip: the logo (or the organisation's name as a wordmark) and the address."""
    bold, regular = design.fonts
    y0 = HEIGHT - BAND
    draw.rectangle((0, y0, WIDTH, HEIGHT), fill=(255, 255, 255))
    mark = brand if luminance(brand) < 0.18 else (26, 26, 26)
    right = WIDTH - MARGIN
    if design.address:
        where = font(regular, 26)
        text = fit_line(design.address, where, 460)
        draw.text((right, y0 + BAND // 2), text, font=where, fill=(70, 70, 70), anchor="rm")
        right -= int(where.getlength(text)) + 40
    if design.logo:
        with opened(Path(design.logo)) as source:
            logo = source.convert("RGBA")
        logo.thumbnail((right - MARGIN, BAND - 40), Image.Resampling.LANCZOS)
        image.paste(logo, (MARGIN, y0 + (BAND - logo.height) // 2), logo)
    else:
        name = font(bold, 34)
        text = fit_line(design.organisation, name, right - MARGIN)
        draw.text((MARGIN, y0 + BAND // 2), text, font=name, fill=mark, anchor="lm")


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap; a single word wider than the card is broken with a hyphen."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if face.getlength(trial) <= width:
            line = trial
            continue
        if line:
            lines.append(line)
        while wider(word, face, width):
            cut = longest(len(word) - 1, lambda i, w=word: face.getlength(w[:i] + "-") <= width)
            lines.append(word[: max(1, cut)] + "-")
            word = word[max(1, cut) :]
        line = word
    if line:
        lines.append(line)
    return lines


# A long word is measured in prefixes of doubling length, so a line costs a few
# measurements of about its own length, not one of the whole word per character.
# Both rely on a longer text being at least as wide as its beginning.


def wider(text: str, face: ImageFont.FreeTypeFont, width: int) -> bool:
    """Whether the text is wider than `width`."""
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


def fit_block(text: str, path: str, width: int, height: int, largest=76, smallest=40):
    """The largest size at which the text wraps into the space; else cut with '…'."""
    for size in range(largest, smallest - 1, -4):
        face = font(path, size)
        lines = wrap(text, face, width)
        if len(lines) * round(size * 1.18) <= height:
            return face, lines
    face = font(path, smallest)
    lines = wrap(text, face, width)
    keep = max(1, height // round(smallest * 1.18))
    if len(lines) > keep:
        lines = lines[: keep - 1] + [fit_line(" ".join(lines[keep - 1 :]), face, width)]
    return face, lines


def fit_line(text: str, face: ImageFont.FreeTypeFont, width: int) -> str:
    """One line, shortened at a word with '…' when it is too wide."""
    if face.getlength(text) <= width:
        return text
    words = text.split()
    count = longest(len(words), lambda n: face.getlength(" ".join(words[:n]) + " …") <= width)
    short = " ".join(words[: max(1, count)])
    if face.getlength(short + " …") > width:
        short = short[: longest(len(short), lambda n: face.getlength(short[:n] + " …") <= width)]
    return short.rstrip(" ,;:–-") + " …"
