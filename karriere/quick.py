"""The no-op check: is the last build still exactly right? Standard library only.

A build that changes nothing should cost no more than looking at the files. This module
is imported before anything heavy (pydantic, Jinja, Markdown), so that `karriere build`
on an unchanged site answers from a small JSON file, the inputs' and outputs' stat()
results and nothing else. The engine (engine.py) writes the file after every good build.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import __version__

CACHE_DIR = ".karriere-cache"
FORMAT = 3  # bump when the cache's own layout changes
PACKAGE = Path(__file__).parent
BUILTIN_THEME = PACKAGE / "themes" / "default"
# The web editor's browser build, copied into admin/ when present (decap.py).
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"


def hash_bytes(data: bytes) -> str:
    # SHA-256 runs in the CPU's own instructions on current x86 and ARM: twice as fast as
    # BLAKE2 on a megabyte-sized listing page. 128 bits are plenty to tell files apart.
    return hashlib.sha256(data).hexdigest()[:32]


def hash_text(*parts: str) -> str:
    return hash_bytes("\x1f".join(parts).encode("utf-8", "surrogatepass"))


def file_signature(path) -> tuple[int, int, int] | None:
    """(size, mtime_ns, inode), or None if missing: cheap evidence that a file is unchanged."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


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


def walk_signatures(
    root: Path,
    skip: tuple[str, ...] = ("__pycache__",),
    follow_symlinks: bool = True,
    not_files: list[str] | None = None,
) -> list[tuple[str, tuple]]:
    """(relative path, signature) of every file under root, sorted; [] if there is none.
    A folder reached again through a link (a loop) is walked once. `not_files`, if given,
    gets the relative path of every folder and of every link that leads nowhere: a new
    one may be a new error (x.md/, a link in a circle) though no file changed."""
    found = []
    try:
        seen = {_folder_key(os.stat(root))}
    except OSError:
        return found
    stack = [("", str(root))]
    while stack:
        rel, folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name in skip:
                continue
            name = rel + entry.name
            try:
                st = entry.stat(follow_symlinks=follow_symlinks)
            except OSError:  # gone, or a link in a circle
                if not_files is not None:
                    not_files.append(name)
                continue
            if stat.S_ISDIR(st.st_mode):
                if _folder_key(st) not in seen:
                    seen.add(_folder_key(st))
                    stack.append((name + "/", entry.path))
                if not_files is not None:
                    not_files.append(name + "/")
            else:
                found.append((name, (st.st_size, st.st_mtime_ns, st.st_ino)))
    found.sort()
    return found


def _folder_key(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


@dataclass(frozen=True)
class Inputs:
    """One look at every file a build may read, by size, mtime and inode (no bytes are
    read): the no-op check, the record written after the build and the engine's digest of
    the media files all use the same look, taken before anything is read."""

    digest: str
    content: list[tuple[str, tuple]]  # walk_signatures(site_dir / "content")


def scan_inputs(site_dir: Path) -> Inputs:
    not_files: list[str] = []
    walks = {site_dir / "content": walk_signatures(site_dir / "content", not_files=not_files)}
    walks[site_dir / "themes"] = walk_signatures(site_dir / "themes")
    parts = [repr(file_signature(site_dir / "site.yaml")), *sorted(not_files)]
    walks[BUILTIN_THEME] = walk_signatures(BUILTIN_THEME)
    walks[site_dir / DECAP_DIST] = walk_signatures(site_dir / DECAP_DIST)
    for root, found in walks.items():
        parts.append(str(root))
        for rel, sig in found:
            parts += [rel, repr(sig)]
    return Inputs(hash_text(*parts), walks[site_dir / "content"])


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


def options_key(today, base_url, drafts: bool, preview: bool) -> list:
    return [str(today), base_url, drafts, preview, code_digest()]


def output_file(site_dir: Path, out_dir: Path, kind: str, suffix: str) -> Path:
    """A cache file for one output folder and this version of karriere."""
    out_key = hash_text(str(out_dir.resolve()))[:12]
    return cache_folder(site_dir) / f"{kind}-{out_key}-{code_digest()[:12]}{suffix}"


def drop_other_versions(path: Path) -> None:
    """Remove the files of the same kind and output folder that other versions of karriere
    wrote: they can never be used again, and a big site's are megabytes each."""
    kind, out_key, _ = path.name.split("-", 2)
    for old in path.parent.glob(f"{kind}-{out_key}-*{path.suffix}"):
        if old != path:
            old.unlink(missing_ok=True)


def record_file(site_dir: Path, out_dir: Path) -> Path:
    return output_file(site_dir, out_dir, "noop", ".json")


def outputs_intact(out_dir: Path, signatures: dict[str, list]) -> bool:
    prefix = str(out_dir) + os.sep  # plain strings: 40,000 Path objects cost more than stats
    for path, signature in signatures.items():
        try:
            st = os.stat(prefix + path)
        except OSError:
            return False
        if [st.st_size, st.st_mtime_ns, st.st_ino] != signature:
            return False
    return bool(signatures)


def unchanged(
    site_dir: Path, out_dir: Path, options: list, inputs: Inputs | None = None
) -> dict | None:
    """The last build's summary ({"pages", "warnings", "files"}) if nothing changed since
    `inputs` (default: a look now)."""
    try:
        data = json.loads(record_file(site_dir, out_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("options") != options:
        return None
    if data.get("inputs") != (inputs or scan_inputs(site_dir)).digest:
        return None
    if not outputs_intact(out_dir, data.get("outputs", {})):
        return None
    return data


def remember(
    site_dir: Path,
    out_dir: Path,
    options: list,
    inputs: str,
    outputs: dict[str, tuple],
    pages: int,
    warnings: list[tuple[str, int, str]],
) -> None:
    """Write the record after a good build; a record that cannot be written is skipped."""
    path = record_file(site_dir, out_dir)
    data = {
        "options": options,
        "inputs": inputs,
        "pages": pages,
        "warnings": [list(w) for w in warnings],
        "outputs": {p: list(sig) for p, sig in outputs.items() if sig is not None},
    }
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
        drop_other_versions(path)
    except OSError:  # (a full disk: no half-written file left behind)
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def forget(site_dir: Path, out_dir: Path) -> None:
    try:
        record_file(site_dir, out_dir).unlink()
    except OSError:
        return
