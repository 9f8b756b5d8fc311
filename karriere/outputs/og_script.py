"""Writing systems on card images: which font a language needs, which way its text runs,
and a card's layout mirrored for a right-to-left language.

Right-to-left text (Arabic, Persian, Urdu, Hebrew) is laid out by Pillow's raqm engine
(HarfBuzz and FriBiDi), which joins Arabic letters and puts mixed runs ("Stadt
Lindenfeld", dates, "(م/ج/د)") in bidi order. Everything else keeps the basic engine,
which draws the same bytes on every machine: German, Turkish and Ukrainian cards need no
shaping, and Open Sans has their letters (ğ ş ı İ, є і ї ґ).
"""

from __future__ import annotations

from PIL import ImageDraw, ImageFont

RTL = frozenset({"ar", "fa", "he", "ur"})
ARABIC_SCRIPT = frozenset({"ar", "fa", "ur"})
LATIN_FONTS = ("OpenSans-Bold.ttf", "OpenSans-Regular.ttf")
# Noto Sans Arabic with Noto Sans's Latin letters (scripts/arabic_fonts.py): one font for
# a whole line, so that raqm orders and shapes it in one go.
ARABIC_FONTS = ("NotoSansArabicLatin-Bold.ttf", "NotoSansArabicLatin-Regular.ttf")


def base(language: str) -> str:
    """'ar' of 'ar', 'ar-EG' or 'ar_EG'."""
    return language.replace("_", "-").split("-")[0].lower()


def direction(language: str) -> str:
    """'rtl' for a right-to-left language, else 'ltr'."""
    return "rtl" if base(language) in RTL else "ltr"


def font_files(language: str) -> tuple[str, str]:
    """The file names of the (bold, regular) card fonts that have this language's letters."""
    return ARABIC_FONTS if base(language) in ARABIC_SCRIPT else LATIN_FONTS


def question_mark(language: str) -> str:
    """The giant mark behind an FAQ card's question: Arabic script has its own, mirrored."""
    return "\u061f" if base(language) in ARABIC_SCRIPT else "?"


class Shaped:
    """A font that lays its text out with raqm, in one direction and language. It
    measures like an ImageFont (getlength, size), so the wrapping code takes either."""

    def __init__(self, path: str, size: int, language: str):
        self.font = ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)
        self.size = size
        self.direction = direction(language)
        self.language = base(language)

    def getlength(self, text: str) -> float:
        return self.font.getlength(text, direction=self.direction, language=self.language)


def put(draw: ImageDraw.ImageDraw, xy, text: str, face, fill, anchor: str) -> None:
    """Draw one line with a font from og_text.font(): shaped where it is a Shaped."""
    if isinstance(face, Shaped):
        draw.text(
            xy,
            text,
            font=face.font,
            fill=fill,
            anchor=anchor,
            direction=face.direction,
            language=face.language,
        )
    else:
        draw.text(xy, text, font=face, fill=fill, anchor=anchor)


class Sides:
    """Horizontal positions of a card's layout, as designed left to right; mirrored
    about the card's middle for a right-to-left language (logo, eyebrow, shapes, text
    alignment). For a left-to-right language every method returns what it is given."""

    def __init__(self, language: str, width: int):
        self.rtl = direction(language) == "rtl"
        self.width = width

    def x(self, x: float) -> float:
        """A point's x."""
        return self.width - x if self.rtl else x

    def left(self, x: int, width: int) -> int:
        """The left edge of a box of `width` designed to start at `x`."""
        return self.width - x - width if self.rtl else x

    def box(self, box):
        """(x0, y0, x1, y1), mirrored."""
        if not self.rtl:
            return box
        x0, y0, x1, y1 = box
        return (self.width - x1, y0, self.width - x0, y1)

    def anchor(self, anchor: str) -> str:
        """A text anchor: its left end becomes its right end."""
        if not self.rtl:
            return anchor
        return {"l": "r", "r": "l"}.get(anchor[0], anchor[0]) + anchor[1:]

    def end(self, right: bool) -> bool:
        """Whether a pill given by its right end (pill(..., right=True)) still is."""
        return right != self.rtl
