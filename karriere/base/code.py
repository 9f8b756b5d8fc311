"""karriere's own code: the package folder, the built-in theme, and a digest of the code
that every cached result includes, so an upgrade never reuses an old result."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from karriere import __version__
from karriere.base.hashing import hash_bytes, hash_text

FORMAT = 3  # bump when the cache's own layout changes


PACKAGE = Path(__file__).parent.parent


BUILTIN_THEME = PACKAGE / "themes" / "default"


@cache
def code_digest() -> str:
    """karriere's version and code (not the theme: templates are tracked one by one)."""
    parts = [__version__, str(FORMAT)]
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] in ("themes", "__pycache__") or not path.is_file():
            continue
        if path.suffix in (".py", ".yaml", ".js", ".json", ".po"):
            parts += [rel.as_posix(), hash_bytes(path.read_bytes())]
    return hash_text(*parts)
