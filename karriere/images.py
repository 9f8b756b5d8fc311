"""Facts about editors' images: their real pixel size, so pages never shift while loading."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image


@dataclass(frozen=True)
class ImageInfo:
    url: str
    width: int
    height: int


@lru_cache(maxsize=4096)
def pixel_size(path: Path, mtime_ns: int) -> tuple[int, int]:
    """Width and height, reading only the file header (SVG: its width/height or viewBox)."""
    del mtime_ns  # part of the cache key only
    if path.suffix.lower() == ".svg":
        head = path.read_text(encoding="utf-8", errors="replace")[:2000]
        w = re.search(r'\bwidth="([\d.]+)', head)
        h = re.search(r'\bheight="([\d.]+)', head)
        if w and h:
            return round(float(w.group(1))), round(float(h.group(1)))
        box = re.search(r'viewBox="[\d.\s-]*?([\d.]+)\s+([\d.]+)"', head)
        if box:
            return round(float(box.group(1))), round(float(box.group(2)))
        return 100, 100
    with Image.open(path) as im:
        return im.size


def image_info(content_dir: Path, rel: str, url: str) -> ImageInfo:
    path = content_dir / rel
    width, height = pixel_size(path, path.stat().st_mtime_ns)
    return ImageInfo(url=url, width=width, height=height)
