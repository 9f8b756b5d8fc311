"""The no-op check: is the last build still exactly right? Standard library only.

A build that changes nothing should cost no more than looking at the files. This module
is imported before anything heavy (pydantic, Jinja, Markdown), so that `karriere build`
on an unchanged site answers from a small JSON file, the inputs' and outputs' stat()
results and nothing else. The engine (engine.py) writes the file after every good build.
"""

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
        if path.suffix in (".py", ".yaml", ".js", ".json"):
            parts += [rel.as_posix(), hash_bytes(path.read_bytes())]
    return hash_text(*parts)
