"""Make the theme's Arabic fonts from Debian's fonts-noto-core package (run once; the
results are committed).

    python scripts/arabic_fonts.py /path/to/fonts-noto-core_20201225-1_all.deb

Needs fontTools and brotli (WOFF2). Both are tools of this script only: a build never
imports them, so they are not dependencies of karriere.

- karriere/themes/default/cards/NotoSansArabicLatin-{Bold,Regular}.ttf: Noto Sans Arabic
  with the Latin letters of Noto Sans merged in (both have 1000 units per em), so that
  Pillow's raqm layout shapes a whole Arabic card line, with its Latin names, numbers,
  slashes and parentheses, in one font and in the right bidi order. Card images only.
- karriere/themes/default/static/fonts/noto-sans-arabic-{400,700}.woff2: Noto Sans Arabic
  cut down to the Arabic script, for web pages (style.css gives it an Arabic-only
  unicode-range, so that no other page downloads it).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
CARDS = ROOT / "karriere" / "themes" / "default" / "cards"
WEB = ROOT / "karriere" / "themes" / "default" / "static" / "fonts"
NOTO = "usr/share/fonts/truetype/noto"
# The Arabic script's blocks, the joiners and the Arabic comma/semicolon/question mark.
ARABIC = "U+0600-06FF,U+0750-077F,U+0870-089F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F"
# What a card in Arabic may carry besides Arabic: names, addresses, dates, punctuation.
LATIN = "U+0020-007E,U+00A0-024F,U+0300-036F,U+1E00-1EFF,U+2000-206F,U+20AC,U+2122,U+2212"
WEIGHTS = {"Regular": 400, "Bold": 700}


def main(deb: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
        fonts = Path(tmp) / NOTO
        for style, weight in WEIGHTS.items():
            arabic = fonts / f"NotoSansArabic-{style}.ttf"
            card_font(arabic, fonts / f"NotoSans-{style}.ttf", CARDS, style, tmp)
            web_font(arabic, WEB / f"noto-sans-arabic-{weight}.woff2")


def cut(path: Path, unicodes: str, target: Path, flavor: str | None = None) -> None:
    options = subset.Options()
    options.hinting = False  # two fonts' hinting programs cannot be merged
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.flavor = flavor
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    if unicodes == "*":  # every character the font has
        subsetter.populate(unicodes=font.getBestCmap().keys())
    else:
        subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def card_font(arabic: Path, latin: Path, target: Path, style: str, tmp: str) -> None:
    """Arabic first: its line metrics (taller than Latin's) and its digits win."""
    parts = [Path(tmp) / f"arabic-{style}.ttf", Path(tmp) / f"latin-{style}.ttf"]
    cut(arabic, "*", parts[0])
    cut(latin, LATIN, parts[1])
    merged = Merger().merge([str(p) for p in parts])
    family = "Noto Sans Arabic Latin"
    names = merged["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(family, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (4,):
            names.setName(
                f"{family} {style}", 4, record.platformID, record.platEncID, record.langID
            )
        elif record.nameID in (6,):
            names.setName(
                f"NotoSansArabicLatin-{style}",
                6,
                record.platformID,
                record.platEncID,
                record.langID,
            )
    path = target / f"NotoSansArabicLatin-{style}.ttf"
    merged.save(str(path))
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


def web_font(arabic: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    cut(arabic, ARABIC + ",U+0020,U+00A0", target, flavor="woff2")
    check = TTFont(str(target))
    assert max(check.getBestCmap()) <= 0xFEFF
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1])
