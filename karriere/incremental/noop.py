"""The no-op check: is the last build still exactly right? Standard library only.

A build that changes nothing should cost no more than looking at the files. This module
is imported before anything heavy (pydantic, Jinja, Markdown), so that `karriere build`
on an unchanged site answers from a small JSON file, the inputs' and outputs' stat()
results and nothing else. The engine (builder.py) writes the file after every good build.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from karriere.base.code import BUILTIN_THEME, code_digest
from karriere.base.git_dates import head_commit
from karriere.base.hashing import file_signature, hash_text, walk_signatures
from karriere.base.places import DECAP_DIST, cache_folder


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
    # A new commit can change vacancies' `updated` (their files' last commit days):
    # the commit id, read from .git's files (no git process), makes it a change.
    parts.append("HEAD " + head_commit(site_dir))
    walks[BUILTIN_THEME] = walk_signatures(BUILTIN_THEME)
    walks[site_dir / DECAP_DIST] = walk_signatures(site_dir / DECAP_DIST)
    walks[site_dir / "data"] = walk_signatures(site_dir / "data")  # data/pay/: pay tables
    for root, found in walks.items():
        parts.append(str(root))
        for rel, sig in found:
            parts += [rel, repr(sig)]
    return Inputs(hash_text(*parts), walks[site_dir / "content"])


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
    warnings: list[list],
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
