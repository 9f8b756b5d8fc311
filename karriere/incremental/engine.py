"""The incremental engine: build, remember, rebuild only what changed.

`Builder` keeps what it learnt in memory between builds (the live preview holds one for
its whole session) and, for separate command-line runs, in `.karriere-cache/` beside
site.yaml. A build:

1. **Shortcut** (command line only, incremental/noop.py): if no input file changed (same size, mtime
   and inode for site.yaml, content/, themes/ and the built-in theme), the options and
   today's date are the same and every output file is as written, nothing runs at all;
   the CLI checks this before importing anything heavy.
2. **Content**: a content file is parsed again only when its bytes changed (or site.yaml,
   karriere's code, or the set of media files did); Markdown is converted again only for
   bodies not converted before. Many files are parsed and converted in a process pool.
3. **Site model**: always rebuilt from the entries (cheap), so listings, open/expired and
   navigation are always computed from scratch and never stale.
4. **Pages**: a page is rendered again unless its fingerprint (the page object with its
   items, site.yaml, karriere's code, options, asset names, media files) and every
   dependency it recorded last time (templates loaded, `site.<x>` read, globals used,
   files read) are unchanged and its output file is as written. See cache.py.
5. **Other outputs** are recomputed, and the writer writes only files whose bytes changed.

A build that fails writes nothing and forgets nothing.
"""

from __future__ import annotations

import dataclasses
import operator
import os
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import compress, repeat
from pathlib import Path

from karriere.base.code import code_digest
from karriere.base.errors import Problem
from karriere.base.hashing import file_signature, hash_bytes, hash_text, walk_signatures
from karriere.base.memo import Memo
from karriere.base.places import cache_folder as cache_dir
from karriere.base.recall import Recall, changed_places
from karriere.base.workers import fewer_collections, fork_pool
from karriere.config.settings import Config
from karriere.config.theme import Theme, load_theme
from karriere.content.front_matter import COLLECTIONS
from karriere.content.loading import compact, load_entry
from karriere.content.markdown import MarkdownRenderer
from karriere.content.scan import scan_content
from karriere.incremental import noop
from karriere.incremental.delta import KnownContent
from karriere.incremental.store import Fingerprints, load_chunks, save_chunks
from karriere.pipeline import Hooks, Request, Result, default_jobs, generate_from, load_settings
from karriere.site.descriptions import (
    DESCRIPTION_LIMIT,
    first_sentence_packed,
    known_description,
    remember_description,
)
from karriere.site.model import BuildOptions, Page, Site, Urls
from karriere.write.made_files import MadeFiles
from karriere.write.writer import FileState, Output, Spool, build_lock, write_site

PARALLEL_FROM = 64  # content files to parse before a process pool pays off
# Parsed entries and their HTML are kept in this many files (content-<n>.pickle), by a
# hash of their key: an edit rewrites up to three of them, not 90 MB at N=10000.
CONTENT_SHARDS = 16
PAGE_FIELDS = tuple(f.name for f in dataclasses.fields(Page))


@dataclass
class BuildReport:
    """What one build did. `site` is None when the shortcut found nothing to do."""

    site: Site | None
    pages: int
    warnings: list[Problem]
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    rendered: list[str] = field(default_factory=list)
    parsed: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    shortcut: bool = False

    @property
    def outputs(self) -> int:
        return len(self.written) + self.unchanged


@dataclass(frozen=True, slots=True)
class Record:
    """How an output page was made last time."""

    fingerprint: str
    deps: tuple  # ((key, digest), ...)
    digest: str | None  # hash of the bytes written (None: the manifest's, keep_rendered)


@dataclass
class State:
    """Loaded when something may have changed: what was written and how each page was made.
    (An unchanged site is recognised without it: incremental/noop.py.)"""

    manifest: dict[str, FileState] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    pages: int = 0
    made: dict[str, tuple[str, str]] = field(default_factory=dict)  # cache.MadeFiles.records


@dataclass
class ContentState:
    """Larger, loaded only when something changed: parsed entries and converted Markdown."""

    entries: dict[str, tuple] = field(default_factory=dict)  # path -> (sig, hash, key, result)
    html: dict[str, bytes] = field(default_factory=dict)  # packed (packed.py), by body
    descriptions: dict[str, str] = field(default_factory=dict)  # of that HTML, by body
    blobs: dict[str, bytes] = field(default_factory=dict)
    fragments: dict = field(default_factory=dict)  # vacancy cards (fragments.py)


class Builder:
    """Builds a site into out_dir again and again, each time redoing only what changed."""

    def __init__(
        self,
        request: Request,
        out_dir: Path,
        jobs: int | None = None,
        persist: bool = True,
        mode: str = "tree",
        shortcut: bool = True,
        autosave: bool = True,
        shared_content: bool | None = None,
        made_name: str | None = None,
    ):
        self.request = request
        self.out_dir = out_dir
        self.jobs = jobs or default_jobs()
        self.persist = persist  # keep the cache in .karriere-cache/ between runs
        # Parsed entries and converted Markdown are the same for every output and option,
        # so the live preview starts from (and adds to) what command-line builds keep.
        self.shared_content = persist if shared_content is None else shared_content
        # QR codes, posters and cards are made for one output's URLs and options: the
        # preview keeps its own (made_name); a builder that does not persist keeps none.
        made_name = made_name or ("made.pickle" if persist else None)
        self.mode = mode  # writer mode: "tree" (atomic swap) or "file" (preview folder)
        self.shortcut = shortcut
        self.autosave = autosave  # False (preview): call save() when done, e.g. at exit
        # The preview's folder is private to this process: what we wrote is what is there.
        self.trust_outputs = mode == "file" and not persist
        self._state: State | None = None
        self._content: ContentState | None = None
        self._content_dirty = False  # entries or HTML changed
        self._made_dirty = False  # QR codes, posters or vacancy cards changed
        self._state_dirty = False
        self._md_ids: dict[int, tuple[bytes, str, str]] = {}  # id(body) -> (body, md key, key)
        self._markdown: CachedMarkdown | None = None  # the last build's
        self._last_cards: tuple | None = None  # (PageCache, vacancies) of the last build
        # In-process only (the preview): what lets a rebuild compare by identity.
        self._recall = Recall()
        self._known = KnownContent(request.site_dir)  # the preview's short way (delta.py)
        self._entry_hashes: dict[str, str] = {}  # entry.source -> hash of its file
        self._shapes: dict[str, tuple] = {}  # path -> (page, its fields, base, fingerprint)
        self._item_keys: dict[int, tuple] = {}  # id(item) -> (item, base, key)
        self._hashed: dict[int, tuple[bytes, str]] = {}  # writer: digests of kept bytes
        self._outputs: dict[str, Output] = {}  # writer: what the last build wrote
        self._kept: tuple[str, dict] = ("", {})  # (base, PageCache.kept)
        self._in_place: tuple[str, tuple | None] = ("", None)  # (base, PageCache.in_place)
        self._template_hashes: dict[str, tuple] = {}  # PageCache.template_hashes
        self._card_ids: tuple[str, dict] = ("", {})  # (base, fragments.Cards.ids)
        self._card_calls: tuple[str, dict] = ("", {})  # (base, fragments.Cards.calls)
        self._fingerprints: dict[int, tuple] = {}  # cache.Fingerprints' memo
        self._state_file = noop.output_file(request.site_dir, out_dir, "state", ".pickle")
        self._shards_saved: list = [None] * CONTENT_SHARDS  # what each file was written with
        self._made_file = cache_dir(request.site_dir) / made_name if made_name else None
        # The previous site, kept to stage the next one in (writer.write_staged).
        spare_key = hash_text("spare", str(out_dir.resolve()))[:16]
        self._spare = cache_dir(request.site_dir) / f"spare-{spare_key}" if persist else None

    # ------------------------------------------------------------ public API

    def build(
        self, changed_paths: Iterable[Path] | None = None, inputs: noop.Inputs | None = None
    ) -> BuildReport:
        """Build now. `changed_paths` (from a file watcher) is a hint: other content files
        are then trusted to be unchanged without looking at them. None: look at all.
        `inputs`: a look at the input files taken just before (the command line's no-op
        check), so as not to look twice."""
        started = time.perf_counter()
        timings: dict[str, float] = {}
        site_dir, options = self.request.site_dir, self._options_key()
        if self.persist and inputs is None:
            inputs = noop.scan_inputs(site_dir)
        if self.shortcut and changed_paths is None and self.persist:
            last = noop.unchanged(site_dir, self.out_dir, options, inputs)
            if last is not None:
                timings["total"] = time.perf_counter() - started
                return BuildReport(
                    None, last["pages"], [Problem(*w) for w in last["warnings"]],
                    unchanged=len(last["outputs"]), timings=timings, shortcut=True,
                )  # fmt: skip
        with fewer_collections(), build_lock(cache_dir(site_dir)):  # one build at a time
            state = self._load_state()
            trusted = None
            if changed_paths is not None:
                trusted = {os.path.abspath(p) for p in changed_paths}
            report = self._full_build(state, trusted, timings, inputs)
            state.pages, state.warnings = report.pages, report.warnings
            self._state_dirty = True
            if self.persist:  # what the next run's no-op check compares with (incremental/noop.py)
                signatures = {path: s.signature for path, s in state.manifest.items()}
                warned = [(w.path, w.line, w.message) for w in report.warnings]
                noop.remember(
                    site_dir, self.out_dir, options, inputs.digest, signatures, report.pages,
                    warned,
                )  # fmt: skip
            if self.autosave:
                self._save()
        timings["total"] = time.perf_counter() - started
        return report

    def save(self) -> None:
        """Keep what this builder learnt in .karriere-cache/ for the next process."""
        with build_lock(cache_dir(self.request.site_dir)):
            self._save()

    def _save(self) -> None:
        if self._content is not None and self._content_dirty and self.shared_content:
            if not self.persist and self._markdown is not None:
                self._content.html = self._markdown.html_in_use()
                keep_descriptions(self._content)
            self._save_content()
        if self._content is not None and self._made_dirty and self._made_file is not None:
            if self._last_cards is not None:
                self._content.fragments = current_cards(self._content.fragments, *self._last_cards)
            self._save_made()
        if self.persist and self._state is not None and self._state_dirty:
            save_state(self._state_file, self._state_key(), self._state)
            noop.drop_other_versions(self._state_file)
            self._state_dirty = False

    # ------------------------------------------------------------ the full incremental path

    def _full_build(
        self, state: State, trusted: set[str] | None, timings: dict, inputs: noop.Inputs | None
    ) -> BuildReport:
        clock = time.perf_counter()
        config, options = load_settings(self.request)
        content = self._load_content_state()
        known = self._known
        if trusted is not None:  # files named to failed builds may not be loaded yet
            trusted |= known.pending
        if known.covers(trusted):  # only known content files changed: no need to look
            media = known.media
        else:
            media = self._media_digests(config, inputs)
        media_names, media_full = media[:2]
        entry_key = hash_text(code_digest(), config.source_text, media_names)
        base_path = Urls(options.base_url).base_path
        md_key = hash_text(code_digest(), config.source_text, base_path)
        loader = CachedLoader(self, content, entry_key, trusted, self._entry_hashes)
        trusted_html = config.settings.trusted_html
        markdown = CachedMarkdown(content, md_key, base_path, trusted_html, self._md_ids)
        self._markdown = markdown
        loader.prewarm(config, markdown, self.jobs)
        theme = load_theme(config)
        assets = {name: pub for name, (pub, _) in theme.assets().items()}
        base = hash_text(
            code_digest(), config.source_text, repr(options_key_of(options, today=False)),
            repr(sorted(assets.items())), media_full,
        )  # fmt: skip
        pages = PageCache(state, self.out_dir, loader.hashes, base, theme, content.fragments)
        pages.trust_outputs = self.trust_outputs
        pages.tokens = not self.persist  # (its records are never saved)
        pages.shapes, pages.item_keys = self._shapes, self._item_keys
        pages.kept = self._kept[1] if self._kept[0] == base else {}
        pages.in_place = self._in_place[1] if self._in_place[0] == base else None
        pages.template_hashes = self._template_hashes
        pages.card_ids = self._card_ids[1] if self._card_ids[0] == base else {}
        pages.card_calls = self._card_calls[1] if self._card_calls[0] == base else {}
        pages.keeps_cards = not self.persist  # the preview keeps its content in memory
        cards_before = len(content.fragments)
        pages.fingerprints = Fingerprints(loader.hashes, self._fingerprints)
        memo = Memo(content.blobs)
        files = MadeFiles(state.made, state.manifest)
        self._recall.start()  # a failed build may have left some
        # A folder only if the pool renders; a tree that becomes the site when there is none.
        as_tree = self.mode == "tree" and not self.out_dir.exists()
        spool = Spool(cache_dir(self.request.site_dir), as_tree=as_tree)
        saver: list = []  # (pid, what the content held when it was forked)

        def pages_rendered() -> None:  # (the pool's workers are gone: a core is free)
            self._settle_content(content, markdown, loader, trusted)
            saver.extend(self._start_content_save(markdown))

        hooks = Hooks(
            load_content=known.loader(trusted, entry_key), load_entry=loader,
            markdown=markdown, pages=pages, memo=memo, jobs=self.jobs, recall=self._recall,
            recall_rows=None if self.persist else self._recall,
            spool=spool, made_files=files, pages_rendered=pages_rendered,
        )  # fmt: skip
        timings["prepare"] = time.perf_counter() - clock
        try:
            result: Result = generate_from(config, options, hooks)
            timings["generate"] = time.perf_counter() - clock - timings["prepare"]
            clock = time.perf_counter()
            written = write_site(
                result.outputs, self.out_dir, self.request.site_dir, state.manifest, self.mode,
                trusted=self.trust_outputs, hashed=self._hashed, last=self._outputs,
                spare=self._spare, placed=spool.site,
            )  # fmt: skip
            known.succeeded(entry_key, media)
        except BaseException:
            known.failed(trusted)
            raise
        finally:
            spool.remove()
            if saver:
                self._finish_content_save(*saver, markdown)
        self._hashed, self._outputs = written.hashed, written.outputs
        timings["write"] = time.perf_counter() - clock
        # Only now, with the output written, does the build count as done.
        state.manifest = written.manifest
        state.records = pages.new_records
        # Every QR code of a command-line build passed through `files`; in the preview,
        # those of unchanged items came back by identity (recall) and keep their records.
        if self.persist:  # a new process each time: only the preview keeps its objects
            state.made = files.new
            self._recall = Recall()
        else:
            state.made.update(files.new)
            self._recall.next_build()
        self._shapes, self._item_keys = pages.new_shapes, pages.new_item_keys
        pages.keep_rendered(state.manifest)
        self._kept = (base, pages.new_kept)
        self._in_place = (base, pages.new_in_place)
        self._card_ids = (base, pages.card_ids)
        self._card_calls = (base, pages.card_calls)
        self._fingerprints = pages.fingerprints.memo
        if memo.made or len(memo.used) != len(content.blobs):
            content.blobs = memo.pruned()
            self._made_dirty = True
        if self.persist:  # this build's cards, and last build's: pages it kept show them
            cards = {**content.fragments, **pages.fragments}
            cards = current_cards(cards, pages, result.site.vacancies)
            if cards.keys() != content.fragments.keys():
                self._made_dirty = True
            content.fragments = cards
        else:  # the preview's are added to in place (keeps_cards), one card per save at
            # most: pruned when it keeps them (save)
            self._last_cards = (pages, result.site.vacancies)
            if len(content.fragments) != cards_before:
                self._made_dirty = True
        return BuildReport(
            site=result.site,
            pages=len(result.site.pages),
            warnings=result.warnings,
            written=written.written,
            deleted=written.deleted,
            unchanged=written.unchanged,
            rendered=sorted(pages.rendered),
            parsed=loader.parsed,
            timings=timings,
        )

    def _settle_content(
        self, content: ContentState, markdown: CachedMarkdown, loader: CachedLoader, trusted
    ) -> None:
        """The parsed entries and HTML as the content cache should keep them, once every
        page has been rendered."""
        if markdown.converted or loader.parsed:
            self._content_dirty = True
        if trusted is None and len(loader.seen) != len(content.entries):  # files deleted
            content.entries = {k: v for k, v in content.entries.items() if k in loader.seen}
            self._content_dirty = True
        # A new process converts (or looks up) every body it shows, so `used` is complete;
        # the preview's rebuilds ask only for what changed: it prunes when it saves.
        if self.persist and len(markdown.used) != len(content.html):
            content.html = {k: content.html[k] for k in markdown.used if k in content.html}
            self._content_dirty = True
        if self.persist and keep_descriptions(content):
            self._content_dirty = True

    def _start_content_save(self, markdown: CachedMarkdown) -> tuple:
        """A command-line build writes its content cache from a forked copy of itself
        while it makes the other outputs and writes the site, on the core the render
        pool no longer uses: neither needs the other. (A failed build
        leaves a content cache that is right all the same: it only maps file hashes to
        what they parse to.) Returns (pid, the content's size), or (): save() does it."""
        if not (self.persist and self.autosave and self.shared_content and self._content_dirty):
            return ()
        if not hasattr(os, "fork") or self._content is None:
            return ()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: save() writes it
            return ()
        if pid == 0:  # the copy: write, and leave without running anything of the parent's
            code = 1
            try:
                self._save_content()
                code = 0
            finally:
                os._exit(code)
        return pid, self._content_size(markdown)

    def _content_size(self, markdown: CachedMarkdown) -> tuple:
        content = self._content
        return (markdown.converted, len(content.entries), len(content.html))

    def _finish_content_save(self, pid: int, size: tuple, markdown: CachedMarkdown) -> None:
        """Else save() writes it here: when the copy failed, or the content grew since."""
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0 and self._content_size(markdown) == size:
            self._shards_saved = list(shards(self._content))
            self._content_dirty = False

    # ------------------------------------------------------------ inputs and outputs

    def _options_key(self) -> list:
        r = self.request
        return noop.options_key(r.today, r.base_url, r.drafts, r.preview)

    def _media_digests(
        self, config: Config, inputs: noop.Inputs | None
    ) -> tuple[str, str, list[str]]:
        """(names of every non-Markdown file under content/, the same with signatures,
        the names)."""
        names, full = [], []
        found = inputs.content if inputs else walk_signatures(config.content_dir)
        for rel, sig in found:
            if not rel.endswith(".md"):
                names.append(rel)
                full += [rel, repr(sig)]
        return hash_text(*names), hash_text(*full), names

    # ------------------------------------------------------------ persistence

    def _state_key(self) -> str:
        return hash_text("state", code_digest(), str(self.out_dir.resolve()))

    def _load_state(self) -> State:
        if self._state is None:
            found = load_state(self._state_file, self._state_key()) if self.persist else None
            self._state = found or State()
        return self._state

    def _load_content_state(self) -> ContentState:
        if self._content is None:
            key = content_key()
            made = load_chunks(self._made_file, key) if self._made_file else None
            content = self._content = ContentState()
            for number in range(CONTENT_SHARDS) if self.shared_content else ():
                found = load_chunks(self._shard_file(number), key)
                if found:  # (saved compacted: pickling kept what the entries share)
                    content.entries.update(found[0])
                    content.html.update(found[1])
                    content.descriptions.update(found[2])
            self._shards_saved = shards(content)
            if made:
                content.blobs, content.fragments = made
        return self._content

    def _shard_file(self, number: int) -> Path:
        return cache_dir(self.request.site_dir) / f"content-{number}.pickle"

    def _save_content(self) -> None:
        """Write the content files whose entries or HTML changed since they were read."""
        key = content_key()
        for number, parts in enumerate(shards(self._content)):
            if same_objects(parts, self._shards_saved[number]):
                continue
            save_chunks(self._shard_file(number), key, parts)
            self._shards_saved[number] = parts
        (cache_dir(self.request.site_dir) / "content.pickle").unlink(missing_ok=True)  # old form
        self._content_dirty = False

    def _save_made(self) -> None:
        """QR codes, posters and vacancy cards (see made_name)."""
        c = self._content
        save_chunks(self._made_file, content_key(), [c.blobs, c.fragments])
        self._made_dirty = False


def save_state(path: Path, key: str, state: State) -> None:
    """The file manifest in chunks: pickled in one piece, the pickler's memo of its
    200,000 small objects was the largest allocation of a big site's build (~15 MB at
    N=10000). The records stay in one piece: pages share their lists of dependencies."""
    rest = {"records": state.records, "warnings": state.warnings, "pages": state.pages}
    save_chunks(path, key, [state.manifest, state.made, rest])


def load_state(path: Path, key: str) -> State | None:
    found = load_chunks(path, key)
    if found is None:
        return None
    manifest, made, rest = found
    return State(manifest, rest["records"], rest["warnings"], rest["pages"], made)


def content_key() -> str:
    """What the content and made files must carry to be read: this version of karriere."""
    return hash_text("content", code_digest())


def shards(content: ContentState) -> list[list[dict]]:
    """The entries, HTML and descriptions of each content file (content-<n>.pickle)."""
    found: list[list[dict]] = [[{}, {}, {}] for _ in range(CONTENT_SHARDS)]
    for part, table in enumerate((content.entries, content.html, content.descriptions)):
        for key, value in table.items():
            found[zlib.crc32(key.encode()) % CONTENT_SHARDS][part][key] = value
    return found


def keep_descriptions(content: ContentState) -> bool:
    """Keep the descriptions made of the content's HTML (site.first_sentence_of), so that
    the next process need not make them again. True if they changed."""
    descriptions = {}
    for key, html in content.html.items():
        description = known_description(html)
        if description is not None:
            descriptions[key] = description
    changed = descriptions != content.descriptions
    content.descriptions = descriptions
    return changed


def same_objects(parts: list[dict], saved: list[dict] | None) -> bool:
    """Holds the file the very objects it was written with (a changed entry, or HTML, is
    a new object; `saved` keeps the old ones alive, so an id is never reused for it)?"""
    if saved is None:
        return False
    for now, before in zip(parts, saved, strict=True):
        if now.keys() != before.keys() or not all(now[key] is before[key] for key in now):
            return False
    return True


def current_cards(cards: dict, pages: PageCache, vacancies: list) -> dict:
    """The vacancy cards of the vacancies there are now (keys: (item key, heading))."""
    keys = {pages.item_key(v) for v in vacancies}
    return {key: card for key, card in cards.items() if key[0] in keys}


def options_key_of(options: BuildOptions, today: bool) -> tuple:
    return (options.base_url, options.drafts, options.preview) + ((options.today,) if today else ())


# ---------------------------------------------------------------- content and Markdown


class CachedLoader:
    """content.load_entry, skipped for files whose bytes were parsed before."""

    def __init__(self, builder: Builder, content: ContentState, key: str, trusted, hashes: dict):
        self.content = content
        self.key = key
        self.trusted = trusted  # None: check every file; else only these paths changed
        self.hashes = hashes  # entry.source -> hash of the file (kept from build to build)
        self.parsed = 0
        self.site_dir = builder.request.site_dir
        self._prefix = str(self.site_dir) + os.sep
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
            if self.trusted is not None and os.path.abspath(path) not in self.trusted:
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
        stale = self.stale_files(config) if self.trusted is None else []
        if len(stale) < PARALLEL_FROM:
            return
        _prewarm[:] = [config, markdown.base_path, markdown.trusted_html]
        size = max(16, min(128, len(stale) // (jobs * 8)))
        chunks = [stale[i : i + size] for i in range(0, len(stale), size)]
        entries = self.content.entries
        try:
            with fork_pool(jobs) as pool:
                for results in pool.imap_unordered(_parse_chunk, chunks):
                    for path, sig, digest, result, html, description in results:
                        path = self.name(path)
                        if result is None:  # the same bytes as parsed before
                            entries[path] = (sig, *entries[path][1:])
                            continue
                        if result[0] is not None:
                            compact(result[0])
                        entries[path] = (sig, digest, self.key, result)
                        self.parsed += 1
                        if html is not None:
                            markdown.store(result[0].packed_body, html)
                            remember_description(html, description)
        finally:
            _prewarm.clear()


_prewarm: list = []  # [config, base_path, trusted_html] for forked workers


def _parse_chunk(chunk: list[tuple[str, Path, str | None]]) -> list[tuple]:
    config, base_path, trusted_html = _prewarm
    renderer = MarkdownRenderer(base_path, trusted_html)
    results = []
    for kind, path, known in chunk:
        sig = file_signature(path)
        data = path.read_bytes()
        digest = hash_bytes(data)
        if digest == known:
            results.append((str(path), sig, digest, None, None, None))
            continue
        entry, problems = load_entry(config, kind, COLLECTIONS[kind], path, data)
        html = description = None
        if entry is not None:  # (the page's description, while the HTML is at hand)
            html = renderer.convert_packed(entry.packed_body)
            description = first_sentence_packed(html, DESCRIPTION_LIMIT)
        results.append((str(path), sig, digest, (entry, problems), html, description))
    return results


class CachedMarkdown:
    """MarkdownRenderer.convert_packed, remembered by the hash of the packed body."""

    def __init__(self, content: ContentState, key: str, base_path: str, trusted: bool, ids: dict):
        self.content = content
        self.key = key
        self.base_path = base_path
        self.trusted_html = trusted
        self.converted = 0
        self.used: set[str] = set()
        self._ids = ids  # the same body object again (in-process rebuilds): no hashing
        self._renderer: MarkdownRenderer | None = None

    def _key(self, body: bytes) -> str:
        known = self._ids.get(id(body))
        if known is not None and known[0] is body and known[1] == self.key:
            key = known[2]
        else:
            key = hash_bytes(b"%s\x1f%s" % (self.key.encode(), body))
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
            html = self.content.html[key] = self._renderer.convert_packed(body)
            self.converted += 1
        return html


# ---------------------------------------------------------------- pages

_NOTHING_KEPT = (None, None, None, None)
_first, _second, _third, _fourth = (operator.itemgetter(n) for n in range(4))
_deps = operator.attrgetter("deps")


def kept_page(page: Page, digest: str) -> Output:
    """A page whose file from the last build stands (the writer checks it is there)."""
    origin = page.item.entry.source if page.item else f"the {page.kind} page"
    return Output(page.output_path, digest=digest, origin=origin)


class PageCache:
    """Decides, page by page, whether last build's output can stand (render.PageCache)."""

    def __init__(
        self, state: State, out_dir: Path, hashes: dict, base: str, theme: Theme, fragments: dict
    ):
        self.records = state.records
        self.fragments = fragments
        self.manifest = state.manifest
        self.out_dir = out_dir
        self._out = str(out_dir) + os.sep
        self.trust_outputs = False  # True: skip checking each kept output file on disk
        # True: records live in this process only (the preview), so a page whose fields
        # changed gets a new token as its fingerprint instead of a digest of its objects
        # (a list page's ten thousand items): nothing ever compares it with another's.
        self.tokens = False
        self.fingerprints = Fingerprints(hashes)  # engine swaps in one that remembers
        self.base = base
        self.theme = theme
        self.new_records: dict[str, Record] = {}
        self.rendered: list[str] = []
        self.rendered_pages: list[Page] = []  # the same, as pages (the preview only)
        self._digests: dict[tuple, str] = {}
        self._checked: dict[int, tuple[tuple, bool]] = {}
        self.shapes: dict[str, tuple] = {}  # last build's, if this process made it
        self.new_shapes: dict[str, tuple] = {}
        self.item_keys: dict[int, tuple] = {}
        self.new_item_keys: dict[int, tuple] = {}
        self._shared: dict[tuple, tuple] = {}
        self._pairs_of: dict[frozenset, tuple] = {}  # pairs() by its argument, this build
        self._site: Site | None = None
        self._globals: dict = {}
        # Kept pages as the same Output objects as last build (writer.plan: `last`).
        # path -> (page, record, Output, manifest state), last build's (same base only)
        self.kept: dict[str, tuple] = {}
        self.new_kept: dict[str, tuple] = {}
        # Last build's pages in order, with what new_kept held for each, the distinct lists
        # of dependencies of their records and how many there were when last counted
        # (_pages_in_place): reuse_all by place (see _reuse_in_place)
        self.in_place: tuple[list, list, dict, int] | None = None
        self.new_in_place: tuple[list, list, dict, int] | None = None
        self._pages: list[Page] = []
        self._places: list[int] | None = None  # the places done one by one, or None: all
        self.card_ids: dict = {}  # fragments.Cards.ids: last build's, then this build's
        self.card_calls: dict = {}  # fragments.Cards.calls: the same
        self.keeps_cards = False  # True: `fragments` is added to in place (the preview)
        self.template_hashes: dict[str, tuple] = {}  # path -> (signature, hash of bytes)

    def begin(self, site: Site, globals_: dict) -> None:
        self._site = site
        self._globals = globals_

    def fingerprint(self, page: Page) -> str:
        """Walking a page's objects is the costly part; when the page is the same object
        as last build (recall.py) or all its fields are, last build's fingerprint stands."""
        path = page.output_path
        done = self.new_shapes.get(path)  # asked before in this build (reuse, then remember)
        if done is not None and done[0] is page:
            return done[3]
        old = self.shapes.get(path)
        if old is not None and old[0] is page and old[2] == self.base:
            self.new_shapes[path] = old
            return old[3]
        shape = tuple([getattr(page, name) for name in PAGE_FIELDS])
        item = page.item
        if item is not None:  # its own body counts here, not as a dependency (remember)
            shape += (item.packed_html,)
        if old is not None and old[2] == self.base and old[1] == shape:
            found = old[3]
        elif self.tokens:
            found = "token " + os.urandom(12).hex()  # (unique in any process, forked too)
        else:
            body = ""
            if item is not None:
                body = self.fingerprints.entry_hashes.get(item.entry.source, "")
                body = body or hash_bytes(item.packed_html)
            found = hash_text(self.base, self.fingerprints.of(page), body)
        self.new_shapes[path] = (page, shape, self.base, found)
        return found

    def reuse_all(self, pages: list[Page]) -> list[Output | None]:
        """Last build's output of each page where it still stands, else None.

        In the preview most pages are the very objects the last build checked (recall.py),
        with the same record and the same file: those are found with C-level iteration,
        because a big site has tens of thousands of pages and a save changes a handful."""
        self._pages = pages
        found_in_place = self._reuse_in_place(pages)
        if found_in_place is not None:
            return found_in_place
        self._places = None
        paths = [page.output_path for page in pages]
        kept = list(map(self.kept.get, paths, repeat(_NOTHING_KEPT)))
        records = list(map(self.records.get, paths))
        same = map(operator.is_, map(_first, kept), pages)
        same = map(operator.and_, same, map(operator.is_, map(_second, kept), records))
        states = map(self.manifest.get, paths)
        same = list(map(operator.and_, same, map(operator.is_, states, map(_fourth, kept))))
        found: list[Output | None] = list(map(_third, kept))
        deps = list(map(_deps, compress(records, same)))
        if not all(map(self.unchanged, dict(zip(map(id, deps), deps, strict=True)).values())):
            for n in compress(range(len(pages)), same):  # some page read what changed
                if not self.unchanged(records[n].deps):
                    same[n] = False
        self.new_records.update(zip(compress(paths, same), compress(records, same), strict=True))
        self.new_kept.update(zip(compress(paths, same), compress(kept, same), strict=True))
        for n in compress(range(len(pages)), map(operator.not_, same)):
            found[n] = self.reuse(pages[n])
        return found

    def _reuse_in_place(self, pages: list[Page]) -> list[Output | None] | None:
        """The preview after an edit: the pages of last build in the same places but for a
        few, and nothing their records read changed. Then every page in its place stands
        as last build kept or rendered it (its record, and the file the writer recorded,
        are the very ones in `kept`), and only the few are looked at one by one."""
        last = self.in_place
        if last is None or not self.trust_outputs or self.new_records or self.new_kept:
            return None
        last_pages, last_kept, last_deps, _ = last
        if len(last_pages) != len(pages) or not all(map(self.unchanged, last_deps.values())):
            return None
        places = changed_places(pages, last_pages)
        if places is None:
            return None
        self.new_records, self.new_kept = dict(self.records), dict(self.kept)
        for n in places:  # (paths are unique in each build: no other page's entry goes)
            path = last_pages[n].output_path
            self.new_records.pop(path, None)
            self.new_kept.pop(path, None)
        found: list[Output | None] = list(map(_third, last_kept))
        for n in places:
            found[n] = self.reuse(pages[n])
        self._places = places
        return found

    def reuse(self, page: Page) -> Output | None:
        """Last build's output of this page, if it still stands."""
        path = page.output_path
        record = self.records.get(path)
        if record is None or record.fingerprint != self.fingerprint(page):
            return None
        if not self.unchanged(record.deps):
            return None
        state = self.manifest.get(path)
        if state is None or state.digest != record.digest:
            return None
        if not self.trust_outputs and file_signature(self._out + path) != state.signature:
            return None
        self.new_records[path] = record
        output = kept_page(page, record.digest)
        if self.trust_outputs:  # the preview: next build may find it by identity
            self.new_kept[path] = (page, record, output, state)
        return output

    def remember(self, page: Page, digest: str | None, deps: frozenset) -> None:
        if page.item is not None:  # its own body is in its fingerprint: the pages of one
            # template keep sharing one list of dependencies (pairs), checked once
            deps = frozenset(deps) - {("body", page.item.entry.source)}
        pairs = self.pairs(deps)
        self.new_records[page.output_path] = Record(self.fingerprint(page), pairs, digest)
        self.rendered.append(page.output_path)
        if self.trust_outputs:
            self.rendered_pages.append(page)

    def keep_rendered(self, manifest: dict) -> None:
        """After writing (the preview): pages rendered now can be found by identity in
        the next build too, as if it had kept them (reuse_all)."""
        for page in self.rendered_pages:
            path = page.output_path
            state = manifest.get(path)
            record = self.new_records[path]
            if record.digest is None and state is not None:  # the writer's token
                record = self.new_records[path] = replace(record, digest=state.digest)
            output = kept_page(page, record.digest)
            self.new_kept[path] = (page, record, output, state)
        if self.trust_outputs:
            self.new_in_place = self._pages_in_place()

    def _pages_in_place(self) -> tuple[list, list, dict, int] | None:
        """This build's pages with what new_kept holds for each, for the next build."""
        pages = self._pages
        if self._places is not None and self.in_place is not None:  # a few places changed
            kept, deps = list(self.in_place[1]), dict(self.in_place[2])
            for n in self._places:
                kept[n] = self.new_kept.get(pages[n].output_path)
                if kept[n] is None:  # (neither kept nor rendered: not after a good build)
                    return None
                deps[id(kept[n][1].deps)] = kept[n][1].deps
            if len(deps) <= 2 * self.in_place[3] + 16:
                return list(pages), kept, deps, self.in_place[3]
            # Each save's re-rendered pages bring new lists, and those they replace stay:
            # counted again from the records, lest every save check more than the last.
        else:
            kept = list(map(self.new_kept.get, [page.output_path for page in pages]))
        if not all(kept):
            return None
        records = list(map(_second, kept))
        deps = dict(zip(map(id, map(_deps, records)), map(_deps, records), strict=True))
        return list(pages), kept, deps, len(deps)

    def pairs(self, deps) -> tuple:
        """Each recorded dependency with its current digest, in a stable order. Equal
        lists are one shared tuple (also after pickling), so unchanged() checks it once."""
        deps = deps if type(deps) is frozenset else frozenset(deps)
        known = self._pairs_of.get(deps)  # most pages read the same things
        if known is None:
            pairs = tuple((key, self.digest(key)) for key in sorted(deps, key=repr))
            known = self._pairs_of[deps] = self._shared.setdefault(pairs, pairs)
        return known

    def unchanged(self, pairs: tuple) -> bool:
        """Checked once per build for each distinct list (pairs() shares equal lists)."""
        known = self._checked.get(id(pairs))
        if known is None or known[0] is not pairs:
            result = all(self.digest(key) == digest for key, digest in pairs)
            known = self._checked[id(pairs)] = (pairs, result)
        return known[1]

    def item_key(self, item) -> str:
        old = self.item_keys.get(id(item))
        if old is not None and old[0] is item and old[1] == self.base:
            key = old[2]
        else:
            key = hash_text(self.base, self.fingerprints.of(item))
        self.new_item_keys[id(item)] = (item, self.base, key)
        return key

    def digest(self, key: tuple) -> str:
        """The current value of one recorded dependency, as a hash (memoised per build)."""
        found = self._digests.get(key)
        if found is None:
            found = self._digests[key] = self._compute(key)
        return found

    def _compute(self, key: tuple) -> str:
        kind = key[0]
        if kind == "template":
            return self._template(key[1])
        if kind == "file":
            return repr(file_signature(Path(key[1])))
        if kind == "body":  # an entry's body was read (site.Item.html): its file's hash
            return self.fingerprints.entry_hashes.get(key[1]) or os.urandom(8).hex()
        if kind == "global":
            if key[1] not in self._globals:
                return "missing"
            return self.fingerprints.of(self._globals[key[1]])
        if kind == "site":
            try:
                value = getattr(self._site, key[1])
                if key[2] is not None:  # a method call with these arguments
                    value = value(*key[2])
            except Exception as exc:  # the page will fail the same way, or not
                return f"error {exc!r}"
            if isinstance(value, Page):  # e.g. site.page_at(route): the page's own check
                return self.fingerprint(value)
            return self.fingerprints.of(value)
        return os.urandom(8).hex()  # ("always",): cannot be checked, so never equal

    def _template(self, name: str) -> str:
        for folder in self.theme.template_dirs:  # the first one that has it wins
            path = folder / name
            signature = file_signature(path)
            if signature is None:
                continue
            known = self.template_hashes.get(str(path))
            if known is None or known[0] != signature:  # read only what changed
                if not path.is_file():  # a folder that happens to have the name
                    continue
                known = (signature, hash_bytes(path.read_bytes()))
                self.template_hashes[str(path)] = known
            return f"{folder}:{known[1]}"
        return "missing"
