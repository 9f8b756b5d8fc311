"""The no-op check: is the last build still exactly right? Standard library only.

A build that changes nothing should cost no more than looking at the files. This module
is imported before anything heavy (pydantic, Jinja, Markdown), so that `karriere build`
on an unchanged site answers from a small record file, the inputs' and outputs' stat()
results and nothing else. The engine (builder.py) writes the file after every good build.
"""

from __future__ import annotations

import marshal
import os
from array import array
from dataclasses import dataclass
from pathlib import Path

from karriere.base.code import BUILTIN_THEME, code_digest
from karriere.base.git_dates import head_commit
from karriere.base.hashing import file_signature, hash_bytes, hash_text, walk_stats
from karriere.base.places import DECAP_DIST, cache_folder


@dataclass(frozen=True)
class Inputs:
    """One look at every file a build may read, by size, mtime and inode (no bytes are
    read): the no-op check, the record written after the build and the engine's digest of
    the media files all use the same look, taken before anything is read."""

    digest: str
    media: list[tuple[str, tuple]]  # (path, signature) of the files in content/ but *.md


def scan_inputs(site_dir: Path) -> Inputs:
    not_files: list[str] = []
    content = walk_stats(site_dir / "content", not_files=not_files)
    parts = [repr(file_signature(site_dir / "site.yaml")), *sorted(not_files)]
    # A new commit can change vacancies' `updated` (their files' last commit days):
    # the commit id, read from .git's files (no git process), makes it a change.
    parts.append("HEAD " + head_commit(site_dir))
    walks = {site_dir / "content": content}
    # the site's themes, karriere's own, the CMS's files and data/pay/ (pay tables)
    for root in (site_dir / "themes", BUILTIN_THEME, site_dir / DECAP_DIST, site_dir / "data"):
        walks[root] = walk_stats(root)
    listed = [part.encode("utf-8", "surrogateescape") for part in parts]
    for root, folders in walks.items():
        listed.append(os.fsencode(root))
        for rel, files in folders:
            listed += [rel.encode("utf-8", "surrogateescape"), *_listing_bytes(files)]
    media = [
        (rel + name, (st.st_size, st.st_mtime_ns, st.st_ino))
        for rel, files in content
        for name, st in files
        if name[-3:] != ".md"
    ]
    media.sort()
    # (each part with its length: no file name can make two listings look the same)
    digest = hash_bytes(b"".join(len(part).to_bytes(8, "little") + part for part in listed))
    return Inputs(digest, media)


def _listing_bytes(files: list[tuple[str, os.stat_result]]) -> list[bytes]:
    """A folder's file names and signatures as bytes made at C speed (a big site's
    content folder holds 100,000 files)."""
    names = "\0".join([name for name, _ in files]).encode("utf-8", "surrogateescape")
    return [names, *_signature_bytes([st for _, st in files])]


def _signature_bytes(stats: list[os.stat_result]) -> list[bytes]:
    found = _signature_arrays()
    _add_signatures(found, stats)
    return [numbers.tobytes() for numbers in found]


def _add_signatures(found: tuple[array, array, array], stats: list[os.stat_result]) -> None:
    sizes, mtimes, inodes = found
    sizes.extend([st.st_size for st in stats])
    mtimes.extend([st.st_mtime_ns for st in stats])
    inodes.extend([st.st_ino for st in stats])


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
    # marshal, not JSON: a big site's record holds 100,000 signatures, and marshal reads
    # them several times faster. The file is the cache's own, like the engine's pickle.
    return output_file(site_dir, out_dir, "noop", ".marshal")


def outputs_intact(out_dir: Path, paths: list[str], signatures: list[bytes]) -> bool:
    """Does every output file still have the signature the record gives it?"""
    if not paths:
        return False
    try:  # stat() relative to the folder's descriptor: one name to resolve less per file
        fd = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    stat, where = (os.stat, fd) if os.stat in os.supports_dir_fd else (_stat_under(out_dir), None)
    found = _signature_arrays()
    try:
        for start in range(0, len(paths), 10_000):  # (stat results take memory)
            stats = [stat(path, dir_fd=where) for path in paths[start : start + 10_000]]
            _add_signatures(found, stats)
    except OSError:
        return False
    finally:
        os.close(fd)
    return [numbers.tobytes() for numbers in found] == signatures


def _signature_arrays() -> tuple[array, array, array]:
    """Sizes, mtimes and inodes as machine numbers: 300,000 Python ints would cost more
    to read and to free than the stat() calls that make them."""
    return array("q"), array("q"), array("Q")


def _stat_under(out_dir: Path):
    prefix = str(out_dir) + os.sep  # plain strings: 100,000 Path objects cost more than stats
    return lambda path, dir_fd: os.stat(prefix + path)


def unchanged(
    site_dir: Path, out_dir: Path, options: list, inputs: Inputs | None = None
) -> dict | None:
    """The last build's summary ({"pages", "warnings", "outputs", ...}) if nothing changed since
    `inputs` (default: a look now)."""
    try:
        data = marshal.loads(record_file(site_dir, out_dir).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("options") != options:
        return None
    if data.get("inputs") != (inputs or scan_inputs(site_dir)).digest:
        return None
    if not outputs_intact(out_dir, data.get("outputs", []), data.get("signatures", [])):
        return None
    return data


def remember(
    site_dir: Path,
    out_dir: Path,
    options: list,
    inputs: str,
    outputs: dict[str, tuple],
    pages: int,
    warnings: list[list],
) -> None:
    """Write the record after a good build; a record that cannot be written is skipped."""
    path = record_file(site_dir, out_dir)
    kept = {name: sig for name, sig in outputs.items() if sig is not None}
    found = sizes, mtimes, inodes = _signature_arrays()
    try:
        sizes.extend([sig[0] for sig in kept.values()])
        mtimes.extend([sig[1] for sig in kept.values()])
        inodes.extend([sig[2] for sig in kept.values()])
    except OverflowError:  # (no file system gives such numbers today)
        return
    data = {
        "options": options,
        "inputs": inputs,
        "pages": pages,
        "warnings": [list(w) for w in warnings],
        "outputs": list(kept),
        "signatures": [a.tobytes() for a in found],
    }
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, path)
        drop_other_versions(path)
    except OSError:  # (a full disk: no half-written file left behind)
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
