"""The incremental engine: build, remember, rebuild only what changed.

`Builder` keeps what it learnt in memory between builds (the live preview holds one for
its whole session) and, for separate command-line runs, in `.karriere-cache/` beside
site.yaml (state.py). A build:

1. **Shortcut** (command line only, noop.py): if no input file changed, the options and
   today's date are the same and every output file is as written, nothing runs at all;
   the CLI checks this before importing anything heavy.
2. **The pipeline** (karriere/pipeline.py) runs with this build's hooks: the content
   cache (content_cache.py; the preview's short way: delta.py), reuse of the previous
   build's objects (base/recall.py), the page cache (page_cache.py), and what the writer
   knows of the last build. The site model is always built from the entries, so
   listings, open/expired and navigation are never stale.
3. **Bookkeeping**: only once the site is written does the build count: what it made
   becomes what the next build compares with.

A build that fails writes nothing and forgets nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from karriere import pipeline
from karriere.base.code import code_digest
from karriere.base.errors import Problem
from karriere.base.git_dates import content_dates, head_commit
from karriere.base.hashing import hash_text, walk_signatures
from karriere.base.memo import Memo
from karriere.base.packed import SpillFile
from karriere.base.places import cache_folder
from karriere.base.recall import Recall
from karriere.base.recall_once import OnceRecall
from karriere.base.workers import fewer_collections
from karriere.config.settings import Config
from karriere.config.theme import Theme
from karriere.incremental import noop
from karriere.incremental.content_cache import CachedLoader, CachedMarkdown
from karriere.incremental.delta import KnownContent
from karriere.incremental.page_cache import PageCache, PageMemory
from karriere.incremental.saving import Saving
from karriere.incremental.state import (
    COMMAND_LINE,
    PREVIEW,
    Profile,
    State,
    load_state,
    save_state,
    state_key,
)
from karriere.pipeline import Hooks, Request, Result, Writing
from karriere.site.model import BuildOptions, Site, Urls
from karriere.write.lock import build_lock
from karriere.write.made_files import MadeFiles
from karriere.write.output import Output
from karriere.write.spool import Spool

__all__ = ["COMMAND_LINE", "PREVIEW", "BuildReport", "Builder", "Profile"]


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


@dataclass
class OneBuild:
    """The hooks of one build, and what its bookkeeping needs of them."""

    hooks: Hooks
    loader: CachedLoader
    markdown: CachedMarkdown
    pages: PageCache
    entry_key: str
    media: tuple
    cards_before: int


class Builder:
    """Builds a site into out_dir again and again, each time redoing only what changed."""

    def __init__(
        self, request: Request, out_dir: Path, profile: Profile = COMMAND_LINE,
        jobs: int | None = None,
    ):  # fmt: skip
        self.request = request
        self.out_dir = out_dir
        self.profile = profile
        self.jobs = jobs or pipeline.default_jobs()
        site_dir = request.site_dir
        self._state: State | None = None
        self._state_file = noop.output_file(site_dir, out_dir, "state", ".pickle")
        self._state_dirty = False
        self._saving = Saving(cache_folder(site_dir), profile)  # content and made files
        self._entry_hashes: dict[str, str] = {}  # entry.source -> hash of its file
        self._md_ids: dict[int, tuple[bytes, str, str]] = {}  # id(body) -> (body, md key, key)
        self._spill: SpillFile | None = None
        # In-process only (the preview): what lets a rebuild compare by identity.
        self._recall = self._new_recall()
        self._known = KnownContent(site_dir)  # the preview's short way (delta.py)
        self._dates: tuple[str, dict] | None = None  # (HEAD commit, content_dates)
        self._pages = PageMemory()
        self._hashed: dict[int, tuple[bytes, str]] = {}  # writer: digests of kept bytes
        self._outputs: dict[str, Output] = {}  # writer: what the last build wrote
        # The previous site, kept to stage the next one in (the writer's spare tree).
        spare_key = hash_text("spare", str(out_dir.resolve()))[:16]
        self._spare = cache_folder(site_dir) / f"spare-{spare_key}" if profile.persist else None

    def build(
        self, changed_paths: Iterable[Path] | None = None, inputs: noop.Inputs | None = None
    ) -> BuildReport:
        """Build now. `changed_paths` (from a file watcher) is a hint: other content files
        are then taken to be unchanged without looking at them. None: look at all.
        `inputs`: a look at the input files taken just before by a caller that made the
        no-op check itself (the command line), so as not to look twice."""
        started = time.perf_counter()
        site_dir, options = self.request.site_dir, self._options_key()
        if self.profile.persist and inputs is None:
            inputs = noop.scan_inputs(site_dir)
            last = None
            if changed_paths is None:
                last = noop.unchanged(site_dir, self.out_dir, options, inputs)
            if last is not None:
                return BuildReport(
                    None, last["pages"], [Problem.from_row(w) for w in last["warnings"]],
                    unchanged=len(last["outputs"]), shortcut=True,
                    timings={"total": time.perf_counter() - started},
                )  # fmt: skip
        changed = None
        if changed_paths is not None:  # files named to failed builds may not be loaded yet
            changed = {os.path.abspath(p) for p in changed_paths} | self._known.pending
        with (
            fewer_collections(),
            build_lock(cache_folder(site_dir), self.request.language),
        ):  # one build at a time
            state = self._load_state()
            report = self._build(state, changed, inputs)
            state.pages, state.warnings = report.pages, report.warnings
            self._state_dirty = True
            if self.profile.persist:  # what the next run's no-op check compares with
                signatures = {path: s.signature for path, s in state.manifest.items()}
                warned = [w.row() for w in report.warnings]
                noop.remember(
                    site_dir, self.out_dir, options, inputs.digest, signatures, report.pages,
                    warned,
                )  # fmt: skip
            if self.profile.autosave:
                self._save()
        report.timings["total"] = time.perf_counter() - started
        return report

    def save(self) -> None:
        """Keep what this builder learnt in .karriere-cache/ for the next process."""
        with build_lock(cache_folder(self.request.site_dir), self.request.language):
            self._save()

    def _save(self) -> None:
        self._saving.save()
        if self.profile.persist and self._state is not None and self._state_dirty:
            save_state(self._state_file, state_key(self.out_dir), self._state)
            noop.drop_other_versions(self._state_file)
            self._state_dirty = False

    def _build(self, state: State, changed: set[str] | None, inputs) -> BuildReport:
        clock = time.perf_counter()
        timings: dict[str, float] = {}
        started: list[OneBuild] = []

        def prepare(config: Config, options: BuildOptions, theme: Theme) -> Hooks:
            started.append(self._prepare(config, options, theme, state, changed, inputs))
            timings["prepare"] = time.perf_counter() - clock
            return started[0].hooks

        try:
            result = pipeline.run(self.request, self.out_dir, prepare)
            self._known.succeeded(started[0].entry_key, started[0].media)
        except BaseException:
            self._known.failed(changed)
            if started:
                started[0].pages.rollback()  # (it may have changed last build's tables)
            raise
        finally:
            if started:
                started[0].hooks.spool.remove()
                self._saving.finish_in_background(started[0].markdown)
        timings["run"] = time.perf_counter() - clock - timings["prepare"]
        return self._remember(state, started[0], result, timings)

    def _prepare(
        self, config: Config, options: BuildOptions, theme: Theme, state: State,
        changed: set[str] | None, inputs: noop.Inputs | None,
    ) -> OneBuild:  # fmt: skip
        """This build's hooks: the caches, keyed by what their results depend on."""
        content = self._saving.content()
        known = self._known
        media = known.media if known.covers(changed) else self._media_digests(config, inputs)
        media_names, media_full = media[:2]
        entry_key = hash_text(code_digest(), config.source_text, media_names)
        base_path = Urls(options.base_url).base_path
        md_key = hash_text(code_digest(), config.source_text, base_path)
        site_dir = self.request.site_dir
        loader = CachedLoader(site_dir, content, entry_key, changed, self._entry_hashes)
        trusted_html = config.settings.trusted_html
        markdown = CachedMarkdown(
            content, md_key, base_path, trusted_html, self._md_ids, self._spill_file()
        )
        loader.prewarm(config, markdown, self.jobs)
        self._saving.markdown = markdown
        assets = pipeline.published(theme.assets())
        # Every page's key: the pay tables (data/pay/) are in it, as pages show their amounts
        base = hash_text(
            code_digest(), config.source_text, config.pay_tables.digest,
            repr(options_key_of(options)),
            repr(sorted(assets.items())), media_full,
        )  # fmt: skip
        in_memory = not self.profile.persist  # (its records are never saved)
        pages = PageCache(
            state, self.out_dir, loader.hashes, base, theme, content.fragments, self._pages,
            in_memory, self._recall.changed,
        )  # fmt: skip
        self._recall.start()  # a failed build may have left some
        # A folder only if the pool renders; a tree that becomes the site when there is none.
        as_tree = self.profile.persist and not self.out_dir.exists()
        spool = Spool(cache_folder(site_dir), as_tree=as_tree)

        def pages_rendered() -> None:  # (the pool's workers are gone: a core is free)
            self._saving.settle(loader, markdown, changed)
            self._saving.start_in_background(markdown)

        hooks = Hooks(
            load_content=known.loader(changed, entry_key, self._recall.note), load_entry=loader,
            markdown=markdown, pages=pages, pages_rendered=pages_rendered,
            recall=self._recall, recall_rows=self._recall,
            memo=Memo(content.blobs), made_files=MadeFiles(state.made, state.manifest),
            last_site=self.out_dir, file_dates=self._file_dates,
            jobs=self.jobs, spool=spool,
            writing=Writing(
                previous=state.manifest, mode=self.profile.mode, private_folder=in_memory,
                hashed=self._hashed, last=self._outputs, spare=self._spare,
            ),
        )  # fmt: skip
        cards = len(content.fragments)
        return OneBuild(hooks, loader, markdown, pages, entry_key, media, cards)

    def _spill_file(self) -> SpillFile | None:
        """Where this builder's new bodies and HTML wait (one file for all its builds)."""
        if self._spill is None and self.profile.spill_texts and hasattr(os, "pwrite"):
            try:
                self._spill = SpillFile(cache_folder(self.request.site_dir))
            except OSError:  # (no room for it: the texts stay in memory)
                return None
        return self._spill

    def _remember(self, state: State, one: OneBuild, result: Result, timings: dict) -> BuildReport:
        """The build is written: what it made is what the next build compares with."""
        written, pages, hooks = result.written, one.pages, one.hooks
        self._hashed, self._outputs = written.hashed, written.outputs
        state.manifest = written.manifest
        state.records = pages.new_records
        # Every QR code of a command-line build passed through made_files; in the
        # preview, those of unchanged items came back by identity (recall) and keep their
        # records.
        if self.profile.persist:  # a new process each time: only the preview keeps objects
            state.made = hooks.made_files.new
            self._recall = self._new_recall()
        else:
            state.made.update(hooks.made_files.new)
            self._recall.next_build()
        pages.keep_rendered(state.manifest)
        self._pages = pages.memory()
        self._saving.remember(hooks.memo, pages, result.site.vacancies, one.cards_before)
        return BuildReport(
            site=result.site,
            pages=len(result.site.pages),
            warnings=result.warnings,
            written=written.written,
            deleted=written.deleted,
            unchanged=written.unchanged,
            rendered=sorted(pages.rendered),
            parsed=one.loader.parsed,
            timings=timings,
        )

    def _new_recall(self) -> Recall:
        """A new process each time (the command line): nothing to keep for a next build."""
        return OnceRecall() if self.profile.persist else Recall()

    def _file_dates(self, site_dir: Path) -> dict:
        """content_dates, asked again only when the HEAD commit moved: the preview's
        rebuilds on each save run no git, and hand the site stage the same dictionary
        (so unchanged vacancies' items are found again by identity)."""
        head = head_commit(site_dir)
        if self._dates is None or self._dates[0] != head:
            self._dates = (head, content_dates(site_dir))
        return self._dates[1]

    def _options_key(self) -> list:
        r = self.request
        return noop.options_key(r.today, r.base_url, r.drafts, r.preview)

    def _media_digests(
        self, config: Config, inputs: noop.Inputs | None
    ) -> tuple[str, str, list[str]]:
        """(names of every non-Markdown file under content/, the same with signatures,
        the names)."""
        names, full = [], []
        found = inputs.media if inputs else walk_signatures(config.content_dir)
        for rel, sig in found:
            if not rel.endswith(".md"):
                names.append(rel)
                full += [rel, repr(sig)]
        return hash_text(*names), hash_text(*full), names

    def _load_state(self) -> State:
        if self._state is None:
            found = None
            if self.profile.persist:
                found = load_state(self._state_file, state_key(self.out_dir))
            self._state = found or State()
        return self._state


def options_key_of(options: BuildOptions) -> tuple:
    """The options a page's output depends on, but for the day (which is a dependency)."""
    return (options.base_url, options.drafts, options.preview)
