"""The content stage's hooks: entries parsed and Markdown converted once per file's bytes.

A content file is parsed again only when its bytes changed (or site.yaml, karriere's
code, or the set of media files did: the entry key); Markdown is converted again only
for bodies not converted before. Many changed files are parsed and converted at once in
a pool of forked processes (`prewarm`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from karriere.base.hashing import file_signature, hash_bytes, hash_text
from karriere.base.packed import Spilled, SpillFile, packed_digest
from karriere.base.workers import fork_pool
from karriere.config.settings import Config
from karriere.content.front_matter import COLLECTIONS
from karriere.content.loading import Entry, compact, load_entry
from karriere.content.markdown import MarkdownRenderer
from karriere.content.scan import scan_content
from karriere.incremental.state import ContentState
from karriere.site.descriptions import (
    DESCRIPTION_LIMIT,
    first_sentence_packed,
    remember_description,
)

PARALLEL_FROM = 64  # content files to parse before a process pool pays off


class CachedLoader:
    """content.load_entry (an EntryLoader), skipped for files whose bytes were parsed
    before."""

    def __init__(
        self, site_dir: Path, content: ContentState, key: str, changed: set[str] | None,
        hashes: dict,
    ):  # fmt: skip
        self.content = content
        self.key = key
        self.changed = changed  # None: check every file; else only these paths changed
        self.hashes = hashes  # entry.source -> hash of the file (kept from build to build)
        self.parsed = 0
        self._prefix = str(site_dir) + os.sep
        self.seen: set[str] = set()  # names of the files asked for in this build

    def name(self, path: Path | str) -> str:
        """A content file's key in the cache: its path from the site folder, so that
        `--site .` and `--site /abs/path` find the same entries."""
        path = str(path)
        return path[len(self._prefix) :] if path.startswith(self._prefix) else path

    def __call__(self, config: Config, kind: str, schema, path: Path):
        name = self.name(path)
        self.seen.add(name)
        cached = self.content.entries.get(name)
        sig = digest = None
        # A file that failed is read again: its messages may name other content files
        # (an unknown employer), which are not in the key and may exist now.
        if cached is not None and cached[2] == self.key and cached[3][0] is not None:
            if self.changed is not None and os.path.abspath(path) not in self.changed:
                return self._use(cached)
            sig = file_signature(path)
            if sig == cached[0]:
                return self._use(cached)
            data = path.read_bytes()
            digest = hash_bytes(data)
            if digest == cached[1]:
                self.content.entries[name] = (sig, *cached[1:])
                return self._use(cached)
        if digest is None:
            sig = file_signature(path)
            data = path.read_bytes()
            digest = hash_bytes(data)
        result = load_entry(config, kind, schema, path, data)
        if result[0] is not None:
            compact(result[0])
        self.parsed += 1
        cached = self.content.entries[name] = (sig, digest, self.key, result)
        return self._use(cached)

    def _use(self, cached: tuple):
        entry, problems = cached[3]
        if entry is not None:
            self.hashes[entry.source] = cached[1]
        return entry, problems

    def stale_files(self, config: Config) -> list[tuple[str, Path, str | None]]:
        """Content files that the loader would have to look at (same listing as
        load_content): (kind, path, hash of the bytes parsed before, if any)."""
        stale = []
        listed = scan_content(config.content_dir, config.site_dir).files  # (no FIFO)
        for kind in COLLECTIONS:
            for path in listed[kind]:
                cached = self.content.entries.get(self.name(path))
                if cached is None or cached[2] != self.key:
                    stale.append((kind, path, None))
                elif cached[0] != file_signature(path):  # touched, e.g. by a fresh clone
                    stale.append((kind, path, cached[1]))
        return stale

    def prewarm(self, config: Config, markdown: CachedMarkdown, jobs: int) -> None:
        """Parse and convert many changed files at once, in a pool of processes."""
        if jobs <= 1 or not hasattr(os, "fork"):
            return
        stale = self.stale_files(config) if self.changed is None else []
        if len(stale) < PARALLEL_FROM:
            return
        size = max(16, min(128, len(stale) // (jobs * 8)))
        chunks = [stale[i : i + size] for i in range(0, len(stale), size)]
        parse = partial(parse_chunk, Parsing(config, markdown.base_path, markdown.trusted_html))
        entries = self.content.entries
        with fork_pool(jobs) as pool:
            for results in pool.imap_unordered(parse, chunks):
                for path, sig, digest, result, html, description in results:
                    path = self.name(path)
                    if result is None:  # the same bytes as parsed before
                        entries[path] = (sig, *entries[path][1:])
                        continue
                    if result[0] is not None:
                        compact(result[0])
                        result = (markdown.with_body_spilled(result[0]), result[1])
                    entries[path] = (sig, digest, self.key, result)
                    self.parsed += 1
                    if html is not None:
                        html = markdown.spilled(html)
                        markdown.store(result[0].packed_body, html)
                        remember_description(html, description)


@dataclass(frozen=True)
class Parsing:
    """What a worker needs to parse and convert content files (sent with each chunk)."""

    config: Config
    base_path: str
    trusted_html: bool


def parse_chunk(parsing: Parsing, chunk: list[tuple[str, Path, str | None]]) -> list[tuple]:
    """In a worker: each file's (path, signature, hash, (entry, problems), HTML,
    description), or Nones for a file whose bytes are the `known` hash."""
    renderer = MarkdownRenderer(parsing.base_path, parsing.trusted_html)
    results = []
    for kind, path, known in chunk:
        sig = file_signature(path)
        data = path.read_bytes()
        digest = hash_bytes(data)
        if digest == known:
            results.append((str(path), sig, digest, None, None, None))
            continue
        entry, problems = load_entry(parsing.config, kind, COLLECTIONS[kind], path, data)
        html = description = None
        if entry is not None:  # (the page's description, while the HTML is at hand)
            html = renderer.convert_packed(entry.packed_body)
            description = first_sentence_packed(html, DESCRIPTION_LIMIT)
        results.append((str(path), sig, digest, (entry, problems), html, description))
    return results


class CachedMarkdown:
    """MarkdownRenderer.convert_packed (a BodyConverter), remembered by the hash of the
    packed body."""

    def __init__(
        self, content: ContentState, key: str, base_path: str, trusted_html: bool, ids: dict,
        spill_file: SpillFile | None = None,
    ):  # fmt: skip
        self.content = content
        self.key = key
        self.base_path = base_path
        self.trusted_html = trusted_html
        self.converted = 0
        self.used: set[str] = set()
        self._ids = ids  # the same body object again (in-process rebuilds): no hashing
        self._renderer: MarkdownRenderer | None = None
        self._spill_file = spill_file  # where new bodies and HTML wait, if not in memory

    def spilled(self, packed: bytes) -> bytes | Spilled:
        """The packed text as this build holds it: in the spill file, if it has one."""
        if self._spill_file is None or type(packed) is not bytes:
            return packed
        return self._spill_file.spill(packed)

    def with_body_spilled(self, entry: Entry) -> Entry:
        if self._spill_file is None:
            return entry
        return replace(entry, packed_body=self.spilled(entry.packed_body))

    def _key(self, body: bytes | Spilled) -> str:
        if type(body) is Spilled:  # (its digest is at hand)
            key = hash_text(self.key, body.digest)
        else:
            known = self._ids.get(id(body))
            if known is not None and known[0] is body and known[1] == self.key:
                key = known[2]
            else:
                key = hash_text(self.key, packed_digest(body))
                self._ids[id(body)] = (body, self.key, key)
        self.used.add(key)
        return key

    def html_in_use(self) -> dict[str, bytes]:
        """The HTML of the bodies the content holds now, and no other."""
        entries = self.content.entries.values()
        bodies = [cached[3][0].packed_body for cached in entries if cached[3][0]]
        html = self.content.html
        return {key: html[key] for key in map(self._key, bodies) if key in html}

    def store(self, body: bytes, html: bytes) -> None:
        self.content.html[self._key(body)] = html

    def convert_packed(self, body: bytes) -> bytes:
        key = self._key(body)
        html = self.content.html.get(key)
        if html is not None:
            description = self.content.descriptions.get(key)
            if description is not None:  # (a page's description needs no second look)
                remember_description(html, description)
        else:
            if self._renderer is None:
                self._renderer = MarkdownRenderer(self.base_path, self.trusted_html)
            html = self.spilled(self._renderer.convert_packed(body))
            self.content.html[key] = html
            self.converted += 1
        return html
