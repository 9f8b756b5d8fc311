"""Video posters as WebP: every variant that a page of the site refers to.

The variants and their names are planned with the site model (video.poster_variants, so
that a page can print them); this stage encodes them. Encoding is the slow part: the
memo (base/memo.py) keeps it from one build to the next.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from karriere.base.errors import BuildError, Problem
from karriere.base.hashing import file_signature
from karriere.base.memo import Memo
from karriere.base.messages import say
from karriere.content.images import UnreadableImage, opened
from karriere.site.model import Site
from karriere.site.video import WEBP_METHOD, WEBP_QUALITY, poster_variants
from karriere.write.output import Bytes, Output


def _encode(path: Path, width: int, height: int) -> bytes:
    with opened(path) as im:
        im.draft("RGB", (width, height))  # JPEG: decode at a smaller scale when it can
        im = im.convert("RGBA" if "A" in im.getbands() else "RGB")
        if im.size != (width, height):
            im = im.resize((width, height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        im.save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
        return buffer.getvalue()


def poster_outputs(site: Site, memo: Memo | None = None) -> list[Output]:
    """Every WebP poster variant that a page of the site refers to; `memo` keeps the
    encoded files from one build to the next."""
    content_dir = site.config.content_dir
    seen: dict[str, Output] = {}
    for placed in site.videos:
        rel = placed.video.poster
        if not rel:
            continue
        path = content_dir / rel
        for v in poster_variants(content_dir, rel):
            if v.path in seen:
                continue

            def make(path=path, v=v, rel=rel) -> bytes:
                try:
                    return _encode(path, v.width, v.height)
                except UnreadableImage as exc:
                    where = f"content/{rel}"
                    raise BuildError([Problem(where, 1, exc.message)]) from None

            inputs = (v.path, v.width, v.height, WEBP_QUALITY, WEBP_METHOD, file_signature(path))
            data = memo.bytes("poster", inputs, make) if memo is not None else make()
            seen[v.path] = Bytes(v.path, data, origin=say("poster {file}", file=rel))
    return list(seen.values())
