"""Facts about editors' images: their real pixel size, so pages never shift while loading,
and whether they can be read at all (an unreadable image is the editor's to fix)."""

from __future__ import annotations

import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from karriere.base.errors import BuildError, Problem
from karriere.base.file_facts import file_facts
from karriere.base.messages import say
from karriere.content import svg

# Pillow reads only these (no PostScript, no odd formats), whatever a file's name says.
RASTER_FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "AVIF")  # (JPEG: MPO too)
MAX_PIXELS = Image.MAX_IMAGE_PIXELS  # above this Pillow itself suspects a decompression bomb
# What Pillow raises for a damaged, cut-off or disguised file.
BROKEN = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)
SAVE_AGAIN = say("save or export it again")


class UnreadableImage(Exception):
    """An image file that cannot be used; `message` (a say(...) Message) says why, for
    `path:1: message`."""

    def __init__(self, path: str, message: str):
        super().__init__(path, message)
        self.path, self.message = path, message


@dataclass(frozen=True)
class ImageInfo:
    url: str
    width: int
    height: int


def read_size(path: Path) -> tuple[int, int]:
    """Width and height, reading only the file header (SVG: its width/height or viewBox).
    Raises UnreadableImage."""
    if path.suffix.lower() == ".svg":
        try:
            return svg.size(path.read_bytes())
        except svg.SvgProblem as problem:
            raise UnreadableImage(str(path), problem.message) from None
    with opened(path) as image:
        return image.size


@contextmanager
def opened(path: Path) -> Iterator[Image.Image]:
    """The image, with every way of it being unreadable as UnreadableImage."""
    if path.stat().st_size == 0:
        message = say("image file is empty (expected a picture; {again})", again=SAVE_AGAIN)
        raise UnreadableImage(str(path), message)
    try:
        with warnings.catch_warnings():  # (too large is refused just below, in plain words)
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path, formats=RASTER_FORMATS)
        with image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise UnreadableImage(
                    str(path),
                    say(
                        "image is {width}×{height} pixels, too large to process (expected at "
                        "most {limit} megapixels, e.g. 6000×4000; scale it down)",
                        width=width,
                        height=height,
                        limit=MAX_PIXELS // 1_000_000,
                    ),
                )
            yield image
    except Image.UnidentifiedImageError:
        raise UnreadableImage(
            str(path),
            say(
                "file is not a picture this site can read (expected a JPEG, PNG, GIF, WebP or "
                "AVIF file; {again})",
                again=SAVE_AGAIN,
            ),
        ) from None
    except Image.DecompressionBombError:
        message = say(
            "image is too large to process (expected at most {limit} megapixels, "
            "e.g. 6000×4000; scale it down)",
            limit=MAX_PIXELS // 1_000_000,
        )
        raise UnreadableImage(str(path), message) from None
    except BROKEN:
        raise UnreadableImage(
            str(path),
            say(
                "image data is damaged or cut off (expected a complete picture; {again})",
                again=SAVE_AGAIN,
            ),
        ) from None


def size_of(content_dir: Path, rel: str) -> tuple[int, int]:
    """read_size of content/<rel>, kept while the file is unchanged; an unreadable file is
    a BuildError at its path."""
    path = content_dir / rel
    try:
        return file_facts.of_file(read_size, path)
    except UnreadableImage as exc:
        shown = f"content/{rel}"  # (the path, as editors see it)
        raise BuildError([Problem(shown, 1, exc.message)]) from None


def image_info(content_dir: Path, rel: str, url: str) -> ImageInfo:
    width, height = size_of(content_dir, rel)
    return ImageInfo(url=url, width=width, height=height)
