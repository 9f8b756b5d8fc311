#!/usr/bin/env python3
"""Generate the media of the example site's social posts (content/media/posts/).

The apprentices' three posts of the Lindenfeld campaign: two square pictures (Instagram,
Facebook) and one vertical clip (TikTok, 9:16, with its poster), drawn with the helpers
of make_example_media.py in the same brand colours and encoded the same way (H.264,
single-threaded, bit-exact, no audio). The clip's captions (posts/*.de.vtt) are
hand-written. Reproducible: no randomness.

    python scripts/make_post_media.py            # pictures and, if ffmpeg is found, the clip
    python scripts/make_post_media.py --no-video # pictures only
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_example_media import (  # noqa: E402 (the helpers live beside this script)
    BRAND,
    BRAND_DARK,
    BRAND_LIGHT,
    CORAL,
    MINT,
    WHITE,
    YELLOW,
    art_desk,
    art_hall,
    canvas,
    label,
    lines_center,
    person,
    render_clip,
    save,
    slide,
    town_hall,
)


def img_mikado(size: int = 1080):
    """Instagram: the old joke about officials, turned round."""
    img, d = canvas(size, size, YELLOW)
    d.ellipse([size * 0.18, size * 0.3, size * 0.82, size * 0.94], fill=WHITE)
    for n, (skin, hair, shirt, style) in enumerate(
        ((1, 1, CORAL, "long"), (2, 0, BRAND, "short"), (0, 4, BRAND_DARK, "bun"))
    ):
        person(d, size * (0.3 + n * 0.2), size * 0.98, size * 0.55, skin, hair, shirt, style)
    lines_center(d, size / 2, size * 0.07, "Beamtenmikado?", int(size * 0.085), int(size * 0.9))
    lines_center(
        d, size / 2, size * 0.18, "Wer sich bewegt, gewinnt.", int(size * 0.05), int(size * 0.9)
    )
    label(
        d,
        size * 0.05,
        size * 0.9,
        "Deine Zukunft findet STADT",
        int(size * 0.032),
        WHITE,
        BRAND_DARK,
    )
    return img


def img_protokoll(size: int = 1080):
    """Facebook: no coffee runs, but the council meeting's minutes."""
    img, d = canvas(size, size, BRAND_LIGHT)
    town_hall(d, size * 0.5, size * 0.78, size * 0.7, color=MINT, window=BRAND_LIGHT)
    d.rectangle([0, size * 0.78, size, size], fill=BRAND)
    person(d, size * 0.5, size * 1.02, size * 0.5, 3, 0, CORAL, "short", accessory="laptop")
    lines_center(d, size / 2, size * 0.06, "Kaffee holen?", int(size * 0.075), int(size * 0.9))
    label(d, size * 0.12, size * 0.17, "Nein: Ratssitzung protokollieren.", size=int(size * 0.04))
    return img


def clip_slides(w: int = 1080, h: int = 1920):
    """TikTok: "Verwaltung ist langweilig. Sagt wer?" in three vertical slides."""
    return [
        slide(w, h, "Verwaltung ist langweilig.", "Sagt wer?", BRAND_DARK, WHITE, art=art_hall),
        slide(
            w,
            h,
            "Heute: 38 Pässe, 1 Hochzeit, 0 Langeweile.",
            "Azubi-Alltag im Bürgeramt",
            YELLOW,
            BRAND_DARK,
            tag=False,
            art=art_desk,
        ),
        slide(w, h, "Überzeug dich selbst.", "karriere.lindenfeld.de", BRAND, WHITE, tag=False),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-video", action="store_true", help="skip the ffmpeg clip")
    args = ap.parse_args()
    save(img_mikado(), "posts/beamtenmikado.jpg", max_kb=60)
    save(img_protokoll(), "posts/kaffee-holen.jpg", max_kb=60)
    save(clip_slides(540, 960)[0], "posts/langweilig.jpg", max_kb=40)
    if not args.no_video:
        render_clip(clip_slides(360, 640), [2.4, 2.8, 2.3], "posts/langweilig.mp4")


if __name__ == "__main__":
    main()
