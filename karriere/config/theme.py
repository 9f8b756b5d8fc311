"""The theme: a site's own themes/<name>/ overrides the built-in default, file by file."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from karriere.base.code import BUILTIN_THEME
from karriere.base.errors import BuildError, Problem
from karriere.base.file_facts import file_facts
from karriere.base.hashing import file_signature
from karriere.base.messages import say
from karriere.config.settings import SITE_YAML, Config

BUILTIN = BUILTIN_THEME
FINGERPRINTED = {".css", ".js"}  # safe to cache forever: the name changes with the bytes


@dataclass(frozen=True)
class Theme:
    template_dirs: tuple[Path, ...]  # first match wins
    static_dirs: tuple[Path, ...]
    brand_color: str

    def static_files(self) -> dict[str, Path]:
        """Relative name -> file, the site's theme winning over the default."""
        files: dict[str, Path] = {}
        for folder in reversed(self.static_dirs):
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    files[path.relative_to(folder).as_posix()] = path
        return files

    def assets(self) -> dict[str, tuple[str, bytes]]:
        """Relative name -> (published name under assets/, bytes). Read again only when a
        file's size, mtime or inode changed (the preview asks on every rebuild)."""
        files = self.static_files()
        key = (self, tuple((name, path, file_signature(path)) for name, path in files.items()))
        return file_facts.get("theme assets", key, lambda: self._read_assets(files))

    def _read_assets(self, files: dict[str, Path]) -> dict[str, tuple[str, bytes]]:
        published = {}
        for name, path in files.items():
            data = path.read_bytes()
            if name.endswith(".css"):
                data = without_comments(self._brand(data))
            if Path(name).suffix in FINGERPRINTED:
                digest = hashlib.sha256(data).hexdigest()[:10]
                stem, suffix = name.rsplit(".", 1)
                published[name] = (f"{stem}.{digest}.{suffix}", data)
            else:
                published[name] = (name, data)
        return published

    def _brand(self, css: bytes) -> bytes:  # (see without_comments for the rest)
        """The theme's CSS declares --brand once; the site's colour replaces it."""
        return css.replace(b"--brand:#005ca9", f"--brand:{self.brand_color}".encode())


def load_theme(config: Config) -> Theme:
    name = config.settings.theme
    own = config.site_dir / "themes" / name
    if name != "default" and not own.is_dir():
        missing = say("theme: no folder themes/{name}/ (expected it next to site.yaml)", name=name)
        raise BuildError([Problem(SITE_YAML, 1, missing)])
    dirs = [d for d in (own, BUILTIN) if d.is_dir()]
    return Theme(
        template_dirs=tuple(d / "templates" for d in dirs if (d / "templates").is_dir()),
        static_dirs=tuple(d / "static" for d in dirs if (d / "static").is_dir()),
        brand_color=config.settings.brand.color,
    )


_COMMENT = re.compile(rb"/\*.*?\*/\n?", re.S)


def without_comments(css: bytes) -> bytes:
    """The style sheet as published: its comments are for the theme's readers, and on
    every first visit they would count against the page's 14 KB (one round trip)."""
    return _COMMENT.sub(b"", css)
