"""What content/media/ may publish: the file types a careers site needs, by name and bytes.

Everything in content/media/ is served from the site's own origin, where an HTML page,
a script or an SVG with a script would run with the site's rights. So only pictures,
videos, captions, PDFs, fonts and icons are published, and a file's first bytes must be
what its name says (an SVG is read whole: svg.py).
"""

from __future__ import annotations

from pathlib import Path

from karriere.base.errors import Problem
from karriere.base.messages import Message, say
from karriere.content import svg
from karriere.content.images import UnreadableImage, read_size

IMAGES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".svg")
VIDEOS = (".mp4", ".webm")
CAPTIONS = (".vtt",)
EXPECTED = say(
    "expected pictures ({images}), videos ({videos}), captions (.vtt), "
    "PDF files (.pdf), fonts (.woff2, .woff, .ttf, .otf) or icons (.ico); keep other files "
    "outside content/",
    images=", ".join(IMAGES), videos=", ".join(VIDEOS),
)  # fmt: skip
# The first bytes of each type that is not a picture: (offset, the bytes there) each;
# NAMES: what messages call it.
SIGNATURES = {
    ".mp4": [(4, box) for box in (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip")],
    ".webm": [(0, b"\x1a\x45\xdf\xa3")],
    ".vtt": [(0, b"WEBVTT"), (0, b"\xef\xbb\xbfWEBVTT")],
    ".pdf": [(0, b"%PDF-")],
    ".woff2": [(0, b"wOF2")],
    ".woff": [(0, b"wOFF")],
    ".ttf": [(0, b"\x00\x01\x00\x00"), (0, b"true")],
    ".otf": [(0, b"OTTO"), (0, b"\x00\x01\x00\x00")],
    ".ico": [(0, b"\x00\x00\x01\x00")],
}
NAMES = {
    ".mp4": say("an MP4 video"),
    ".webm": say("a WebM video"),
    ".vtt": say("a WebVTT captions file"),
    ".pdf": say("a PDF"),
    ".woff2": say("a WOFF2 font"),
    ".woff": say("a WOFF font"),
    ".ttf": say("a TrueType font"),
    ".otf": say("an OpenType font"),
    ".ico": say("an icon file (.ico)"),
}


def media_file_problems(path: Path, shown: str) -> list[Problem]:
    """Why this file of content/media/ cannot be published (empty: it can)."""
    suffix = path.suffix.lower()
    if suffix not in IMAGES and suffix not in SIGNATURES:
        message = say(
            "{name!r} is not a media type this site publishes ({expected})",
            name=path.name, expected=EXPECTED,
        )  # fmt: skip
        return [Problem(shown, 1, message)]
    if path.stat().st_size == 0:
        return [Problem(shown, 1, say("file is empty (expected {what})", what=_what(suffix)))]
    if suffix == ".svg":
        return svg_problems(path, shown)
    if suffix in IMAGES:
        try:
            read_size(path)
        except UnreadableImage as exc:
            return [Problem(shown, 1, exc.message)]
        return []
    with open(path, "rb") as fh:
        head = fh.read(16)
    if not any(head[at : at + len(magic)] == magic for at, magic in SIGNATURES[suffix]):
        message = say(
            "file is not {what}, although its name ends in {suffix} "
            "(expected {what}; save or export it again)",
            what=_what(suffix), suffix=suffix,
        )  # fmt: skip
        return [Problem(shown, 1, message)]
    return []


def svg_problems(path: Path, shown: str) -> list[Problem]:
    """An SVG's active content and impossible sizes, each at its line."""
    data = path.read_bytes()
    found = svg.problems(data)
    if not found:
        try:
            svg.size(data)
        except svg.SvgProblem as problem:
            found = [problem]
    return [Problem(shown, p.line, p.message) for p in found]


def _what(suffix: str) -> Message:
    return say("a picture") if suffix in IMAGES else NAMES[suffix]
