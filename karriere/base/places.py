"""Where karriere keeps things beside a site: the cache folder (or the user's cache for a
read-only site folder) and the web editor's files it copies."""

from __future__ import annotations

import os
from pathlib import Path

from karriere.base.hashing import hash_text

CACHE_DIR = ".karriere-cache"


# The web editor's browser build, copied into admin/ when present (decap.py).
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"


def cache_folder(site_dir: Path) -> Path:
    """.karriere-cache/ in the site folder; for a read-only site folder (a checkout mounted
    read-only, built with --out elsewhere), a folder in the user's own cache instead: the
    cache only saves work, and a folder in /tmp could be planted by another user."""
    local = site_dir / CACHE_DIR
    if not site_dir.is_dir() or os.access(local if local.is_dir() else site_dir, os.W_OK):
        return local
    try:
        home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:  # no home folder
        return local
    where = site_dir.resolve()
    return home / "karriere" / f"{where.name}-{hash_text(str(where))[:12]}"
