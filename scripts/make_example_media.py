#!/usr/bin/env python3
"""Generate the images, posters and video clips of the example site (Stadt Lindenfeld).

Everything under ``content/media/`` that is not hand-written (logo.svg and the
``*.vtt`` caption files are) is produced here, so the example site is reproducible:

    python scripts/make_example_media.py            # images and, if ffmpeg is found, clips
    python scripts/make_example_media.py --no-video # images only

The graphics are flat illustrations drawn with Pillow in the site's brand colours.
There is no randomness, so the same Pillow/ffmpeg versions give the same files.
The clips are rendered frame by frame with Pillow and encoded by ffmpeg as H.264
(no audio track), single-threaded and bit-exact, with ``+faststart``.
"""

from __future__ import annotations

import argparse
import math
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "content" / "media"

# Brand palette (brand colour #0a6e5c has 6.2:1 contrast against white)
BRAND = (10, 110, 92)
BRAND_DARK = (18, 51, 43)
BRAND_LIGHT = (227, 241, 236)
MINT = (160, 210, 192)
YELLOW = (242, 183, 5)
CORAL = (232, 106, 79)
SKY = (206, 230, 240)
WHITE = (255, 255, 255)
STONE = (236, 231, 220)
GREY = (120, 130, 128)

SKIN = [(241, 200, 160), (198, 134, 88), (141, 85, 52), (224, 172, 125), (110, 66, 40)]
HAIR = [(60, 40, 30), (20, 20, 24), (170, 110, 50), (90, 60, 40), (230, 200, 120)]

FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/Library/Fonts"),
]

JPEG_OPTS = {"quality": 80, "optimize": True, "progressive": True}


def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for d in FONT_DIRS:
        if (d / name).exists():
            return ImageFont.truetype(str(d / name), size)
    return ImageFont.load_default(size)


# --------------------------------------------------------------------------- helpers


def canvas(w: int, h: int, bg=BRAND_LIGHT) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB", (w, h), bg)
    return img, ImageDraw.Draw(img)


def text_center(
    d: ImageDraw.ImageDraw,
    cx: float,
    y: float,
    text: str,
    size: int,
    fill=BRAND_DARK,
    bold: bool = True,
) -> int:
    """Draw ``text`` horizontally centred at ``cx``; return the text height."""
    f = font(size, bold)
    box = d.textbbox((0, 0), text, font=f)
    w = box[2] - box[0]
    d.text((cx - w / 2 - box[0], y), text, font=f, fill=fill)
    return box[3] - box[1]


def wrap(d: ImageDraw.ImageDraw, text: str, size: int, max_w: int, bold: bool = True) -> list[str]:
    f = font(size, bold)
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if d.textlength(trial, font=f) <= max_w or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def lines_center(d, cx, y, text, size, max_w, fill=BRAND_DARK, bold=True, gap=1.25) -> float:
    for line in wrap(d, text, size, max_w, bold):
        text_center(d, cx, y, line, size, fill, bold)
        y += size * gap
    return y


def lines_left(d, x, y, text, size, max_w, fill=BRAND_DARK, bold=True, gap=1.25) -> float:
    f = font(size, bold)
    for line in wrap(d, text, size, max_w, bold):
        d.text((x, y), line, font=f, fill=fill)
        y += size * gap
    return y


def tree(d, x, ground, h, crown=BRAND, trunk=(110, 80, 55)):
    d.rectangle([x - h * 0.05, ground - h * 0.45, x + h * 0.05, ground], fill=trunk)
    r = h * 0.3
    d.ellipse([x - r, ground - h, x + r, ground - h + 2 * r], fill=crown)
    d.ellipse(
        [x - r * 1.25, ground - h * 0.72, x + r * 0.2, ground - h * 0.72 + r * 1.4], fill=crown
    )
    d.ellipse(
        [x - r * 0.2, ground - h * 0.72, x + r * 1.25, ground - h * 0.72 + r * 1.4], fill=crown
    )


def person(d, cx, base, s, skin=0, hair=0, shirt=BRAND, style="short", accessory=None):
    """A flat bust/standing figure. ``base`` is the y of the feet, ``s`` the scale (≈ height)."""
    sk, hr = SKIN[skin % len(SKIN)], HAIR[hair % len(HAIR)]
    head_r = s * 0.11
    head_cy = base - s + head_r
    # legs
    d.rounded_rectangle(
        [cx - s * 0.13, base - s * 0.42, cx - s * 0.02, base], radius=s * 0.04, fill=BRAND_DARK
    )
    d.rounded_rectangle(
        [cx + s * 0.02, base - s * 0.42, cx + s * 0.13, base], radius=s * 0.04, fill=BRAND_DARK
    )
    # body
    d.rounded_rectangle(
        [cx - s * 0.19, head_cy + head_r * 1.15, cx + s * 0.19, base - s * 0.36],
        radius=s * 0.1,
        fill=shirt,
    )
    # neck and head
    d.rectangle(
        [cx - s * 0.035, head_cy + head_r * 0.7, cx + s * 0.035, head_cy + head_r * 1.3], fill=sk
    )
    if style == "long":
        d.rounded_rectangle(
            [cx - head_r * 1.2, head_cy - head_r * 0.9, cx + head_r * 1.2, head_cy + head_r * 1.7],
            radius=head_r * 0.5,
            fill=hr,
        )
    d.ellipse([cx - head_r, head_cy - head_r, cx + head_r, head_cy + head_r], fill=sk)
    if style in ("short", "long"):
        d.chord(
            [
                cx - head_r * 1.05,
                head_cy - head_r * 1.15,
                cx + head_r * 1.05,
                head_cy + head_r * 0.25,
            ],
            180,
            360,
            fill=hr,
        )
    elif style == "bun":
        d.chord(
            [
                cx - head_r * 1.05,
                head_cy - head_r * 1.15,
                cx + head_r * 1.05,
                head_cy + head_r * 0.25,
            ],
            180,
            360,
            fill=hr,
        )
        d.ellipse(
            [
                cx - head_r * 0.45,
                head_cy - head_r * 1.75,
                cx + head_r * 0.45,
                head_cy - head_r * 0.85,
            ],
            fill=hr,
        )
    elif style == "scarf":  # headscarf
        d.chord(
            [
                cx - head_r * 1.25,
                head_cy - head_r * 1.25,
                cx + head_r * 1.25,
                head_cy + head_r * 1.6,
            ],
            150,
            390,
            fill=CORAL,
        )
        d.ellipse(
            [
                cx - head_r * 0.8,
                head_cy - head_r * 0.75,
                cx + head_r * 0.8,
                head_cy + head_r * 0.85,
            ],
            fill=sk,
        )
    # face: eyes and a smile
    er = max(1.0, head_r * 0.09)
    for ex in (cx - head_r * 0.38, cx + head_r * 0.38):
        d.ellipse(
            [ex - er, head_cy + head_r * 0.12 - er, ex + er, head_cy + head_r * 0.12 + er],
            fill=BRAND_DARK,
        )
    d.arc(
        [cx - head_r * 0.4, head_cy + head_r * 0.1, cx + head_r * 0.4, head_cy + head_r * 0.65],
        20,
        160,
        fill=BRAND_DARK,
        width=max(1, int(head_r * 0.08)),
    )
    if accessory == "cap":
        cap_hat(d, cx, head_cy - head_r * 0.35, head_r * 2.3)
    elif accessory == "laptop":
        d.rounded_rectangle(
            [cx - s * 0.17, base - s * 0.56, cx + s * 0.17, base - s * 0.4],
            radius=4,
            fill=(60, 70, 75),
        )
        d.rectangle(
            [cx - s * 0.2, base - s * 0.41, cx + s * 0.2, base - s * 0.38], fill=(40, 45, 50)
        )
    elif accessory == "plant":
        px, py = cx + s * 0.2, base - s * 0.45
        d.polygon(
            [
                (px - s * 0.07, py),
                (px + s * 0.07, py),
                (px + s * 0.05, py + s * 0.12),
                (px - s * 0.05, py + s * 0.12),
            ],
            fill=CORAL,
        )
        for ang in (-50, 0, 50):
            a = math.radians(ang - 90)
            ex, ey = px + math.cos(a) * s * 0.13, py + math.sin(a) * s * 0.13
            d.ellipse([ex - s * 0.04, ey - s * 0.06, ex + s * 0.04, ey + s * 0.06], fill=BRAND)
    elif accessory == "folder":
        d.rounded_rectangle(
            [cx - s * 0.05, base - s * 0.62, cx + s * 0.2, base - s * 0.44], radius=4, fill=YELLOW
        )
    elif accessory == "camera":
        x0, y0 = cx - s * 0.2, base - s * 0.62
        d.rounded_rectangle([x0, y0, x0 + s * 0.22, y0 + s * 0.14], radius=6, fill=(40, 45, 50))
        d.ellipse([x0 + s * 0.06, y0 + s * 0.02, x0 + s * 0.16, y0 + s * 0.12], fill=SKY)
        d.ellipse([x0 + s * 0.09, y0 + s * 0.05, x0 + s * 0.13, y0 + s * 0.09], fill=BRAND_DARK)


def cap_hat(d, cx, cy, w, color=(28, 52, 92), band=(245, 245, 245)):
    """Service cap of the Kommunaler Ordnungsdienst, centred at (cx, cy), width ``w``."""
    h = w * 0.42
    d.chord([cx - w / 2, cy - h, cx + w / 2, cy + h * 0.6], 180, 360, fill=color)
    d.rectangle([cx - w * 0.46, cy - h * 0.22, cx + w * 0.46, cy + h * 0.05], fill=band)
    d.rectangle([cx - w * 0.46, cy - h * 0.12, cx + w * 0.46, cy - h * 0.05], fill=color)
    d.chord([cx - w * 0.42, cy - h * 0.2, cx + w * 0.55, cy + h * 0.55], 0, 180, fill=(15, 20, 30))
    r = w * 0.07
    star = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.45
        a = math.radians(-90 + i * 36)
        star.append((cx + math.cos(a) * rr, cy - h * 0.55 + math.sin(a) * rr))
    d.polygon(star, fill=YELLOW)


def town_hall(d, cx, ground, w, color=BRAND_DARK, window=BRAND_LIGHT):
    """Town-hall silhouette with clock tower, width ``w`` (height ≈ 0.95 w)."""
    bw, bh = w, w * 0.42
    x0, x1, top = cx - bw / 2, cx + bw / 2, ground - bh
    d.rectangle([x0, top, x1, ground], fill=color)
    d.polygon([(x0 - w * 0.03, top), (cx, top - w * 0.14), (x1 + w * 0.03, top)], fill=color)
    # tower
    tw = w * 0.18
    d.rectangle([cx - tw / 2, top - w * 0.42, cx + tw / 2, top], fill=color)
    d.polygon(
        [(cx - tw * 0.62, top - w * 0.42), (cx, top - w * 0.62), (cx + tw * 0.62, top - w * 0.42)],
        fill=color,
    )
    d.line([cx, top - w * 0.62, cx, top - w * 0.72], fill=color, width=max(2, int(w * 0.008)))
    d.polygon(
        [(cx, top - w * 0.72), (cx + w * 0.07, top - w * 0.695), (cx, top - w * 0.67)], fill=YELLOW
    )
    cr = tw * 0.3
    ccy = top - w * 0.28
    d.ellipse([cx - cr, ccy - cr, cx + cr, ccy + cr], fill=window)
    d.line([cx, ccy, cx, ccy - cr * 0.75], fill=color, width=max(2, int(w * 0.006)))
    d.line([cx, ccy, cx + cr * 0.55, ccy], fill=color, width=max(2, int(w * 0.006)))
    # windows with arches
    cols = 7
    for i in range(cols):
        if i == cols // 2:
            continue
        wx = x0 + bw * (i + 0.5) / cols
        ww = bw / cols * 0.42
        for row in range(2):
            wy = top + bh * (0.14 + row * 0.42)
            d.rectangle([wx - ww / 2, wy + ww * 0.5, wx + ww / 2, wy + bh * 0.28], fill=window)
            d.ellipse([wx - ww / 2, wy, wx + ww / 2, wy + ww], fill=window)
    # door and steps
    dw = bw / cols * 0.7
    d.rectangle([cx - dw / 2, ground - bh * 0.5, cx + dw / 2, ground], fill=window)
    d.chord(
        [cx - dw / 2, ground - bh * 0.5 - dw / 2, cx + dw / 2, ground - bh * 0.5 + dw / 2],
        180,
        360,
        fill=window,
    )
    d.line([cx, ground - bh * 0.5, cx, ground], fill=color, width=max(2, int(w * 0.006)))
    for k in range(3):
        d.rectangle(
            [
                cx - dw * (0.9 + k * 0.35),
                ground + k * w * 0.012,
                cx + dw * (0.9 + k * 0.35),
                ground + (k + 1) * w * 0.012,
            ],
            fill=GREY,
        )


def bubble(d, x0, y0, x1, y1, fill=WHITE, tail="left"):
    d.rounded_rectangle([x0, y0, x1, y1], radius=(y1 - y0) * 0.3, fill=fill)
    h = y1 - y0
    if tail == "left":
        d.polygon(
            [(x0 + h * 0.4, y1 - 2), (x0 + h * 0.2, y1 + h * 0.35), (x0 + h * 0.8, y1 - 2)],
            fill=fill,
        )
    else:
        d.polygon(
            [(x1 - h * 0.4, y1 - 2), (x1 - h * 0.2, y1 + h * 0.35), (x1 - h * 0.8, y1 - 2)],
            fill=fill,
        )


def label(d, x, y, text, size=30, fg=BRAND_DARK, bg=YELLOW, pad=14):
    f = font(size)
    box = d.textbbox((0, 0), text, font=f)
    d.rounded_rectangle(
        [x, y, x + box[2] - box[0] + 2 * pad, y + box[3] - box[1] + 2 * pad], radius=8, fill=bg
    )
    d.text((x + pad - box[0], y + pad - box[1]), text, font=f, fill=fg)


def campaign_tag(d, x, y, size=28):
    label(d, x, y, "Deine Zukunft findet STADT", size=size)


def ground_band(d, w, h, y, color=MINT):
    d.rectangle([0, y, w, h], fill=color)


def save(img: Image.Image, rel: str, max_kb: int = 120) -> None:
    out = MEDIA / rel
    out.parent.mkdir(parents=True, exist_ok=True)
    q = JPEG_OPTS["quality"]
    while True:
        img.save(out, "JPEG", quality=q, optimize=True, progressive=True)
        if out.stat().st_size <= max_kb * 1024 or q <= 50:
            break
        q -= 5
    print(f"{out.relative_to(ROOT)}  {img.width}x{img.height}  {out.stat().st_size // 1024} KB")


# --------------------------------------------------------------------------- images


def img_rathaus() -> Image.Image:
    img, d = canvas(1200, 800, SKY)
    d.ellipse([930, 70, 1070, 210], fill=YELLOW)
    ground_band(d, 1200, 800, 640)
    for x, h in ((110, 300), (230, 230), (1000, 280), (1110, 220)):
        tree(d, x, 650, h)
    town_hall(d, 600, 640, 560)
    d.rectangle([0, 700, 1200, 800], fill=STONE)
    person(d, 360, 770, 170, skin=1, hair=1, shirt=CORAL, style="long", accessory="folder")
    person(d, 830, 770, 180, skin=0, hair=2, shirt=BRAND, style="short")
    label(d, 40, 40, "Rathaus Lindenfeld", size=34, fg=WHITE, bg=BRAND)
    return img


def img_kod() -> Image.Image:
    img, d = canvas(1200, 800, BRAND)
    d.rectangle([0, 560, 1200, 800], fill=BRAND_DARK)
    # street scene: lamp posts and houses
    for i, x in enumerate(range(40, 1200, 190)):
        hh = 180 + (i % 3) * 40
        d.rectangle([x, 560 - hh, x + 150, 560], fill=(14, 90, 76))
        d.polygon(
            [(x - 10, 560 - hh), (x + 75, 560 - hh - 70), (x + 160, 560 - hh)], fill=(14, 90, 76)
        )
        for wy in range(560 - hh + 30, 540, 60):
            d.rectangle([x + 25, wy, x + 55, wy + 35], fill=(40, 130, 110))
            d.rectangle([x + 95, wy, x + 125, wy + 35], fill=(40, 130, 110))
    d.ellipse([380, 170, 820, 610], fill=BRAND_LIGHT)
    cap_hat(d, 600, 430, 380)
    # two officers
    for cx, sk, hr, style in ((190, 2, 1, "short"), (1010, 0, 4, "bun")):
        person(d, cx, 760, 330, skin=sk, hair=hr, shirt=(28, 52, 92), style=style, accessory="cap")
        d.rectangle([cx - 62, 760 - 330 * 0.66, cx + 62, 760 - 330 * 0.6], fill=YELLOW)
    label(d, 400, 660, "Kommunaler Ordnungsdienst", size=34)
    label(d, 520, 60, "17 Stellen", size=40, fg=WHITE, bg=CORAL)
    return img


def img_stadtgruen() -> Image.Image:
    img, d = canvas(1200, 800, SKY)
    d.ellipse([80, 60, 220, 200], fill=YELLOW)
    d.polygon(
        [(0, 520), (300, 400), (650, 500), (1000, 380), (1200, 450), (1200, 800), (0, 800)],
        fill=MINT,
    )
    d.rectangle([0, 620, 1200, 800], fill=(120, 180, 120))
    for x, h, c in (
        (160, 360, BRAND),
        (420, 300, (40, 140, 90)),
        (980, 400, BRAND),
        (1110, 280, (40, 140, 90)),
    ):
        tree(d, x, 640, h, crown=c)
    # flower bed
    for i in range(14):
        fx = 520 + i * 32
        fy = 700 + (i % 2) * 18
        d.line([fx, fy, fx, fy + 40], fill=BRAND_DARK, width=4)
        col = (CORAL, YELLOW, WHITE)[i % 3]
        for a in range(0, 360, 72):
            r = math.radians(a)
            d.ellipse(
                [
                    fx + math.cos(r) * 9 - 7,
                    fy + math.sin(r) * 9 - 7,
                    fx + math.cos(r) * 9 + 7,
                    fy + math.sin(r) * 9 + 7,
                ],
                fill=col,
            )
        d.ellipse([fx - 5, fy - 5, fx + 5, fy + 5], fill=BRAND_DARK)
    person(d, 720, 690, 300, skin=3, hair=0, shirt=(40, 120, 60), style="short", accessory="plant")
    # spade
    d.line([860, 420, 860, 660], fill=(110, 80, 55), width=10)
    d.polygon([(835, 650), (885, 650), (880, 720), (860, 735), (840, 720)], fill=GREY)
    label(d, 40, 720, "Amt für Stadtgrün", size=34, fg=WHITE, bg=BRAND_DARK)
    return img


def img_jobcenter() -> Image.Image:
    img, d = canvas(1200, 800, BRAND_LIGHT)
    d.rectangle([0, 600, 1200, 800], fill=MINT)
    # table
    d.rounded_rectangle([300, 520, 900, 560], radius=10, fill=(160, 120, 80))
    d.rectangle([340, 560, 360, 700], fill=(130, 95, 60))
    d.rectangle([840, 560, 860, 700], fill=(130, 95, 60))
    person(d, 230, 720, 380, skin=4, hair=1, shirt=CORAL, style="short")
    person(d, 970, 720, 380, skin=0, hair=3, shirt=BRAND, style="long", accessory="laptop")
    bubble(d, 250, 110, 590, 260, fill=WHITE, tail="left")
    text_center(d, 420, 140, "Was passt", 40)
    text_center(d, 420, 195, "zu mir?", 40)
    bubble(d, 620, 150, 960, 300, fill=YELLOW, tail="right")
    text_center(d, 790, 180, "Lass uns", 40)
    text_center(d, 790, 235, "reden!", 40)
    label(d, 40, 40, "Jobcenter Lindenfeld", size=32, fg=WHITE, bg=BRAND)
    return img


def img_willkommen() -> Image.Image:
    img, d = canvas(1200, 800, (250, 240, 222))
    d.rectangle([0, 640, 1200, 800], fill=MINT)
    town_hall(d, 600, 640, 420, color=(200, 222, 212), window=(250, 240, 222))
    people = (
        (170, 2, 1, CORAL, "short"),
        (360, 1, 0, BRAND, "scarf"),
        (840, 0, 4, YELLOW, "bun"),
        (1030, 4, 1, (28, 52, 92), "short"),
    )
    for cx, sk, hr, sh, st in people:
        person(d, cx, 760, 330, skin=sk, hair=hr, shirt=sh, style=st)
    words = (
        ("Willkommen", 60, 80, BRAND, WHITE),
        ("Welcome", 420, 40, YELLOW, BRAND_DARK),
        ("Bienvenue", 760, 90, CORAL, WHITE),
        ("Hoş geldiniz", 150, 250, WHITE, BRAND_DARK),
        ("Ласкаво просимо", 680, 240, BRAND_DARK, WHITE),
    )
    for text, x, y, bg, fg in words:
        f = font(36)
        w = d.textlength(text, font=f)
        bubble(d, x, y, x + w + 50, y + 80, fill=bg, tail="left" if x < 600 else "right")
        d.text((x + 25, y + 18), text, font=f, fill=fg)
    return img


def img_ausbildungsmesse() -> Image.Image:
    img, d = canvas(1200, 800, (246, 238, 224))
    # hall: arches of the town-hall foyer
    for i in range(6):
        x = 40 + i * 195
        d.rectangle([x, 80, x + 150, 520], fill=(232, 222, 204))
        d.chord([x, 20, x + 150, 170], 180, 360, fill=(232, 222, 204))
    d.rectangle([0, 520, 1200, 800], fill=(205, 190, 165))
    banner = "Ausbildungsmesse im Rathaus"
    d.rectangle([230, 40, 970, 120], fill=BRAND)
    text_center(d, 600, 58, banner, 42, fill=WHITE)
    stands = (("Stadt", BRAND), ("Stadtwerke", CORAL), ("Kita", YELLOW), ("Feuerwehr", CORAL))
    for i, (name, col) in enumerate(stands):
        x = 60 + i * 285
        d.rectangle([x, 260, x + 240, 520], fill=WHITE)
        for k in range(6):
            d.rectangle([x + k * 40, 230, x + k * 40 + 40, 275], fill=col if k % 2 == 0 else WHITE)
        d.rectangle([x, 400, x + 240, 520], fill=col)
        text_center(d, x + 120, 300, name, 32)
    crowd = (
        (150, 0, 0, CORAL, "long"),
        (330, 2, 1, BRAND, "short"),
        (520, 1, 4, (28, 52, 92), "bun"),
        (700, 3, 1, YELLOW, "scarf"),
        (880, 4, 0, BRAND, "short"),
        (1060, 0, 2, CORAL, "long"),
    )
    for cx, sk, hr, sh, st in crowd:
        person(d, cx, 780, 280, skin=sk, hair=hr, shirt=sh, style=st)
    return img


def img_story(
    name: str,
    skin: int,
    hair: int,
    shirt,
    style: str,
    accessory: str | None,
    title: str,
    bg=BRAND_LIGHT,
) -> Image.Image:
    img, d = canvas(1200, 800, bg)
    d.ellipse([330, 90, 870, 630], fill=MINT)
    if accessory == "cap":
        town_hall(d, 950, 700, 330, color=(200, 222, 212), window=bg)
    else:
        tree(d, 1000, 700, 360, crown=(190, 220, 205))
    tree(d, 160, 700, 300, crown=(190, 220, 205))
    person(d, 600, 820, 700, skin=skin, hair=hair, shirt=shirt, style=style, accessory=accessory)
    d.rectangle([0, 700, 1200, 800], fill=BRAND)
    text_center(d, 600, 722, f"{name} · {title}", 38, fill=WHITE)
    return img


def img_kampagne_story() -> Image.Image:
    img, d = canvas(1200, 800, BRAND)
    # nine cities as dots connected on a route
    pts = [
        (140, 560),
        (260, 420),
        (420, 520),
        (540, 360),
        (700, 460),
        (820, 300),
        (960, 420),
        (1060, 280),
        (1120, 470),
    ]
    d.line(pts, fill=BRAND_LIGHT, width=8, joint="curve")
    for i, (x, y) in enumerate(pts):
        r = 26 if i == 4 else 16
        d.ellipse([x - r, y - r, x + r, y + r], fill=YELLOW if i == 4 else WHITE)
    text_center(d, 700, 500, "Lindenfeld", 28, fill=WHITE)
    person(d, 330, 790, 420, skin=3, hair=4, shirt=CORAL, style="long", accessory="camera")
    campaign_tag(d, 60, 60, size=40)
    lines_left(d, 60, 150, "Neun Städte. Eine Videoserie.", 44, 700, fill=WHITE)
    return img


# --------------------------------------------------------------------------- posters


def poster_wege(w=1280, h=720) -> Image.Image:
    img, d = canvas(w, h, BRAND)
    d.rectangle([0, h * 0.72, w, h], fill=BRAND_DARK)
    # three roads converging on the town hall
    vx, vy = w * 0.74, h * 0.72
    for sx, col in ((w * 0.45, YELLOW), (w * 0.74, WHITE), (w * 1.05, CORAL)):
        d.polygon([(sx - 70, h), (sx + 70, h), (vx + 12, vy), (vx - 12, vy)], fill=col)
    town_hall(d, vx, vy, w * 0.3, color=BRAND_LIGHT, window=BRAND)
    campaign_tag(d, 60, 56, size=30)
    y = lines_left(
        d, 60, 150, "Welche Wege führen zur Stadtverwaltung?", 58, int(w * 0.5), fill=WHITE
    )
    lines_left(
        d,
        60,
        y + 20,
        "Folge 1 · Ausbildung, Studium, Quereinstieg",
        28,
        int(w * 0.5),
        fill=BRAND_LIGHT,
        bold=False,
    )
    return img


def slide(w, h, heading, sub, bg, fg, tag=True, art=None) -> Image.Image:
    img, d = canvas(w, h, bg)
    portrait = h > w
    if art:
        art(d, w, h)
    if tag:
        campaign_tag(d, w * 0.06, h * 0.05, size=int(w * (0.045 if portrait else 0.035)))
    size = int(w * (0.1 if portrait else 0.065))
    y = h * (0.55 if portrait else 0.3)
    y = lines_left(d, w * 0.07, y, heading, size, int(w * (0.86 if portrait else 0.6)), fill=fg)
    if sub:
        lines_left(
            d,
            w * 0.07,
            y + size * 0.3,
            sub,
            int(size * 0.55),
            int(w * (0.86 if portrait else 0.6)),
            fill=fg,
            bold=False,
        )
    return img


def art_hall(d, w, h):
    if h > w:
        town_hall(d, w * 0.5, h * 0.45, w * 0.62, color=BRAND_LIGHT, window=BRAND)
    else:
        town_hall(d, w * 0.8, h * 0.85, w * 0.3, color=BRAND_LIGHT, window=BRAND)


def art_desk(d, w, h):
    if h > w:
        person(
            d,
            w * 0.5,
            h * 0.48,
            h * 0.34,
            skin=1,
            hair=1,
            shirt=CORAL,
            style="long",
            accessory="laptop",
        )
    else:
        person(
            d,
            w * 0.8,
            h * 0.95,
            h * 0.75,
            skin=1,
            hair=1,
            shirt=CORAL,
            style="long",
            accessory="laptop",
        )


def art_kod(d, w, h):
    person(
        d,
        w * 0.8,
        h * 0.98,
        h * 0.8,
        skin=2,
        hair=1,
        shirt=(28, 52, 92),
        style="short",
        accessory="cap",
    )


def art_cap(d, w, h):
    d.ellipse([w * 0.62, h * 0.2, w * 0.98, h * 0.2 + w * 0.36], fill=BRAND_LIGHT)
    cap_hat(d, w * 0.8, h * 0.55, w * 0.28)


def azubi_slides(w=1080, h=1920, frame=False):
    """The vertical clip: three slides (also used for its poster at 1080x1920)."""
    return [
        slide(
            w,
            h,
            "Ein Tag als Azubi bei der Stadt",
            "Lena, 2. Ausbildungsjahr",
            BRAND,
            WHITE,
            art=art_hall,
        ),
        slide(
            w,
            h,
            "7:30 Uhr, Bürgeramt",
            "Anträge prüfen, Fragen beantworten, helfen.",
            YELLOW,
            BRAND_DARK,
            tag=False,
            art=art_desk,
        ),
        slide(
            w,
            h,
            "Deine Zukunft findet STADT",
            "karriere.lindenfeld.de",
            BRAND_DARK,
            WHITE,
            tag=False,
            art=art_hall,
        ),
    ]


def kod_slides(w=1280, h=720):
    return [
        slide(
            w,
            h,
            "Wir suchen 17 neue Kolleg*innen",
            "Kommunaler Ordnungsdienst Lindenfeld",
            BRAND,
            WHITE,
            art=art_cap,
        ),
        slide(
            w,
            h,
            "Präsenz zeigen. Helfen. Konflikte lösen.",
            "Im Team, im Schichtdienst, mitten in der Stadt.",
            BRAND_DARK,
            WHITE,
            tag=False,
            art=art_kod,
        ),
        slide(
            w,
            h,
            "Bewerbung bis 15. März 2039",
            "karriere.lindenfeld.de · Kennziffer 2026-OA-17",
            YELLOW,
            BRAND_DARK,
            tag=False,
            art=art_cap,
        ),
    ]


# --------------------------------------------------------------------------- DGS test clip


def hand(d, x, base, s, mirror=False, fill=WHITE):
    """A raised open hand, palm to the viewer: a simple pictogram, not a sign."""
    sign = -1 if mirror else 1
    d.rounded_rectangle([x - 1.6 * s, base - 3.2 * s, x + 1.6 * s, base], radius=0.9 * s, fill=fill)
    for i, height in enumerate((2.6, 3.2, 3.0, 2.3)):
        fx = x + sign * (-1.2 + 0.8 * i) * s
        d.rounded_rectangle(
            [fx - 0.32 * s, base - 3.0 * s - height * s, fx + 0.32 * s, base - 2.4 * s],
            radius=0.32 * s,
            fill=fill,
        )
    tx = x - sign * 1.6 * s
    d.line(
        [(tx, base - 1.2 * s), (tx - sign * 1.3 * s, base - 2.8 * s)],
        fill=fill,
        width=int(0.64 * s),
    )
    d.ellipse(
        [
            tx - sign * 1.3 * s - 0.32 * s,
            base - 3.12 * s,
            tx - sign * 1.3 * s + 0.32 * s,
            base - 2.48 * s,
        ],
        fill=fill,
    )


def dgs_slides(w=640, h=360) -> list[Image.Image]:
    """The test clip of the Gebärdensprache page: it says that it shows no real signing."""
    texts = [
        ("Testvideo", "Hier steht später ein Video in Deutscher Gebärdensprache."),
        ("Keine echte Gebärdensprache", "Dieses Video ist nur ein Test für die Website."),
        ("Stadt Lindenfeld", "Karriere-Website: Informationen in Gebärdensprache folgen."),
    ]
    slides = []
    for heading, sub in texts:
        img, d = canvas(w, h, BRAND_DARK)
        s = h / 40
        hand(d, w * 0.78, h * 0.8, s, mirror=False, fill=MINT)
        hand(d, w * 0.9, h * 0.8, s, mirror=True, fill=MINT)
        y = lines_left(d, w * 0.07, h * 0.22, heading, int(h * 0.1), int(w * 0.6), fill=WHITE)
        lines_left(
            d, w * 0.07, y + h * 0.04, sub, int(h * 0.06), int(w * 0.6), fill=WHITE, bold=False
        )
        slides.append(img)
    return slides


# --------------------------------------------------------------------------- video


def render_clip(
    slides: list[Image.Image], seconds: list[float], rel: str, fps: int = 25, fade: float = 0.4
) -> None:
    """Encode ``slides`` (each shown for ``seconds[i]``, cross-faded) as H.264 MP4."""
    ffmpeg = shutil.which("ffmpeg")
    if not ffmpeg:
        print(f"ffmpeg not found, skipping {rel}", file=sys.stderr)
        return
    w, h = slides[0].size
    out = MEDIA / rel
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        ffmpeg,
        "-loglevel",
        "error",
        "-y",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-s",
        f"{w}x{h}",
        "-r",
        str(fps),
        "-i",
        "-",
        "-c:v",
        "libx264",
        "-preset",
        "slow",
        "-crf",
        "30",
        "-pix_fmt",
        "yuv420p",
        "-profile:v",
        "main",
        "-threads",
        "1",
        "-x264-params",
        "threads=1",
        "-an",
        "-map_metadata",
        "-1",
        "-fflags",
        "+bitexact",
        "-flags:v",
        "+bitexact",
        "-movflags",
        "+faststart",
        str(out),
    ]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    starts = [sum(seconds[:i]) for i in range(len(seconds))]
    total = sum(seconds)
    n = round(total * fps)
    bar_h = max(4, h // 120)
    for k in range(n):
        t = k / fps
        i = max(j for j, s in enumerate(starts) if s <= t + 1e-9)
        frame = slides[i]
        if i + 1 < len(slides) and t > starts[i + 1] - fade:
            alpha = (t - (starts[i + 1] - fade)) / fade
            frame = Image.blend(slides[i], slides[i + 1], min(1.0, alpha))
        else:
            frame = frame.copy()
        d = ImageDraw.Draw(frame)
        d.rectangle([0, h - bar_h, int(w * (k + 1) / n), h], fill=YELLOW if i != 2 else BRAND)
        proc.stdin.write(frame.tobytes())
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit(f"ffmpeg failed for {rel}")
    print(f"{out.relative_to(ROOT)}  {w}x{h}  {total:g}s  {out.stat().st_size // 1024} KB")


# --------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-video", action="store_true", help="skip the ffmpeg clips")
    ap.add_argument("--only-dgs", action="store_true", help="only the DGS test clip and poster")
    args = ap.parse_args()
    if args.only_dgs:
        make_dgs(args.no_video)
        return

    save(img_rathaus(), "rathaus.jpg")
    save(img_kod(), "kod.jpg")
    save(img_stadtgruen(), "stadtgruen.jpg")
    save(img_jobcenter(), "jobcenter.jpg")
    save(img_willkommen(), "willkommen.jpg")
    save(img_ausbildungsmesse(), "ausbildungsmesse.jpg")
    save(img_story("Lena", 1, 1, CORAL, "long", "laptop", "Verwaltung"), "story-lena.jpg")
    save(
        img_story("Murat", 2, 1, (28, 52, 92), "short", "cap", "Ordnungsdienst"), "story-murat.jpg"
    )
    save(img_kampagne_story(), "story-sophie.jpg")

    save(poster_wege(), "video/wege-zur-stadtverwaltung.jpg")
    azubi_poster = azubi_slides()[0]
    save(azubi_poster, "clips/azubi-tag.jpg")
    save(kod_slides()[0], "clips/kod-einsatz.jpg")

    if not args.no_video:
        render_clip(azubi_slides(360, 640), [2.4, 2.3, 2.3], "clips/azubi-tag.mp4")
        render_clip(kod_slides(640, 360), [2.6, 2.8, 2.6], "clips/kod-einsatz.mp4")
    make_dgs(args.no_video)


def make_dgs(no_video: bool) -> None:
    """The Gebärdensprache page's test clip: 640x360, 25 fps, 5 s (BITV 2.0 Anlage 2 asks
    at least 320x240 and 25 fps)."""
    slides = dgs_slides()
    save(slides[0], "dgs/testvideo.jpg", max_kb=40)
    if not no_video:
        render_clip(slides, [1.7, 1.7, 1.6], "dgs/testvideo.mp4")


if __name__ == "__main__":
    main()
