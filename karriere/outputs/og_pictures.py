"""Pictures and colours on card images: logos (raster, or SVG rasterised with resvg),
photos cropped to cover an area, and text colours that pass WCAG AA on any brand colour.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.etree import ElementTree

import resvg_py
from PIL import Image, ImageOps

from karriere.base.colours import AA, BLACK, WHITE, contrast, hex_rgb, luminance  # noqa: F401
from karriere.base.file_facts import file_facts
from karriere.base.messages import say, why
from karriere.content.images import UnreadableImage, opened
from karriere.outputs.og_text import font

DARK = (26, 26, 26)
# References an SVG may keep: its own elements and embedded raster pictures.
INSIDE = re.compile(r"\s*(#|data:image/(png|jpeg|gif|webp);base64,)", re.IGNORECASE)
# Logo text is drawn with the card's own font: the same picture on every machine.
LOGO_CSS = "text, tspan, textPath {{ font-family: '{family}' !important }}"


# --- colours ----------------------------------------------------------------------------


def ink_on(rgb: tuple[int, int, int]) -> tuple[int, int, int]:
    """White text where it passes AA, else near-black, else black (which always passes
    where white does not)."""
    return next(ink for ink in (WHITE, DARK, BLACK) if contrast(ink, rgb) >= AA or ink == BLACK)


def mix(a: tuple[int, int, int], b: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    """`a` with `share` of `b` mixed in."""
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))


def deeper(brand: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    """A shade of the brand colour further from its ink: text on it reads even better."""
    ink = ink_on(brand)
    return mix(brand, BLACK if ink == WHITE else WHITE, share)


# --- logos ------------------------------------------------------------------------------


def logo_image(path: str, box: tuple[int, int], font_files: tuple[str, ...]) -> Image.Image:
    """The logo scaled to fit the box (RGBA), kept while the file is unchanged: a worker
    draws many cards with the same logo."""
    return file_facts.of_file(_logo_image, path, box, font_files)


def _logo_image(path: str, box: tuple[int, int], font_files: tuple[str, ...]) -> Image.Image:
    if Path(path).suffix.lower() == ".svg":
        return svg_image(Path(path), box, font_files)
    with opened(Path(path)) as source:
        logo = ImageOps.exif_transpose(source).convert("RGBA")
    return trimmed(logo, box)


def svg_image(path: Path, box: tuple[int, int], font_files: tuple[str, ...]) -> Image.Image:
    """An SVG logo drawn at the size that fits the box, with no file, font or address
    from outside: only the card's fonts, and pictures embedded in the SVG itself."""
    try:
        svg = self_contained(path.read_text("utf-8"))
        family = font(font_files[0], 20).getname()[0]  # e.g. 'Open Sans', or a theme's own
        css = LOGO_CSS.format(family=family.replace("'", ""))
        options = dict(skip_system_fonts=True, font_files=list(font_files), style_sheet=css)
        options |= {f: family for f in ("font_family", "sans_serif_family", "serif_family")}
        # Twice the size, then scaled down to fit: the empty margin some logos have
        # around the drawing is cut off first (a wide logo may fit only by its width).
        logo = raster(svg, height=2 * box[1], **options)
        if logo.width > 4 * box[0]:
            logo = raster(svg, width=2 * box[0], **options)
    except (ValueError, UnicodeDecodeError, ElementTree.ParseError) as exc:
        message = say("SVG logo cannot be drawn on the card images ({reason})", reason=why(exc))
        raise UnreadableImage(str(path), message) from None
    return trimmed(logo, box)


def trimmed(logo: Image.Image, box: tuple[int, int]) -> Image.Image:
    """The logo without its transparent margin, scaled to fit the box."""
    drawn = logo.getchannel("A").getbbox()
    if drawn:
        logo = logo.crop(drawn)
    logo.thumbnail(box, Image.Resampling.LANCZOS)
    return logo


def raster(svg: str, **options) -> Image.Image:
    data = resvg_py.svg_to_bytes(svg_string=svg, **options)
    with Image.open(io.BytesIO(bytes(data))) as image:
        return image.convert("RGBA")


def self_contained(svg: str) -> str:
    """The SVG without elements that refer to anything outside it. content/svg.py has
    refused such files already; this keeps the renderer from reading a file even so."""
    if "<!doctype" in svg.lower() or "<!entity" in svg.lower():
        raise ValueError(say("a DOCTYPE or entity declaration"))
    root = ElementTree.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            refs = [v for k, v in child.attrib.items() if k.rsplit("}", 1)[-1] == "href"]
            if any(not INSIDE.match(ref) for ref in refs):
                parent.remove(child)
    return ElementTree.tostring(root, encoding="unicode")


# --- photos -----------------------------------------------------------------------------


def cover(path: Path, size: tuple[int, int]) -> Image.Image:
    """The picture cropped to cover `size`, keeping more of its upper part (faces, and
    the headline a poster carries) than of its lower. Transparent parts become white."""
    width, height = size
    with opened(path) as source:
        source.draft("RGB", (max(size), max(size)))  # a large JPEG is decoded at 1/2, 1/4 …
        image = ImageOps.exif_transpose(source)
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, WHITE)
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        if image.mode != "RGB":
            image = image.convert("RGB")
        if image.width == width and image.height >= height:  # as wide as the card: cut
            top = (image.height - height) // 10
            return image.crop((0, top, width, top + height))
        return ImageOps.fit(image, size, Image.Resampling.LANCZOS, centering=(0.5, 0.1))
