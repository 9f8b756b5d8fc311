"""The build as the live preview needs it: drafts and expired vacancies shown, errors kept."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from karriere.base.errors import BuildError, KarriereError, Problem
from karriere.base.messages import say
from karriere.commands.dates import today
from karriere.commands.idle_collect import IdleCollector
from karriere.config.settings import load_config
from karriere.incremental.builder import PREVIEW, Builder
from karriere.pipeline import Request


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    summary: str = ""  # (a Message: the console shows it in the editor's language)
    parsed: int = 0  # content files parsed (and their Markdown converted) by this build
    site: object = None  # the site model of a good build (the lazy search index reads it)


# A build that parsed this many files (the first one of a session, or after site.yaml
# changed) keeps them in .karriere-cache/ at once, so the next start of the preview, or
# the next command-line build, need not parse them again.
SAVE_FROM = 64


class PreviewBuilder:
    """Rebuilds into the preview folder; a failed rebuild leaves the last good site."""

    def __init__(
        self,
        site_dir: Path,
        out_dir: Path,
        origin: str = "http://127.0.0.1:8000",
        day: date | None = None,
        language: str | None = None,
    ):
        self.site_dir = site_dir
        self.out_dir = out_dir
        self.origin = origin
        self.day = day  # None: today, whichever day that is at each rebuild
        self.language = language  # of the editor's messages
        self.base_path = "/"
        self.engine: Builder | None = None
        self.collector = IdleCollector()

    def configured_base_path(self) -> str:
        try:
            url = load_config(self.site_dir).settings.base_url or "/"
        except KarriereError:
            return self.base_path
        return urlsplit(url).path or "/"

    def watched_paths(self) -> list[Path]:
        return [
            self.site_dir / "site.yaml",
            self.site_dir / "content",
            self.site_dir / "themes",
            self.site_dir / "data",  # the site's own pay tables (data/pay/)
            Path(__file__).parent.parent / "themes",
        ]

    def rebuild(
        self, changed: set[Path], announce: Callable[[Report], None] | None = None
    ) -> Report:
        """Rebuild in memory-cached steps; `changed` is the watcher's hint (empty at start).
        `announce` gets the report as soon as it is known (the server tells the browser);
        the garbage collector's work waits until the preview is idle."""
        self.collector.pause()  # a build makes ~10^5 objects: no collections meanwhile
        try:
            report = self._rebuild(changed)
            if announce is not None:
                announce(report)
            if report.parsed >= SAVE_FROM:
                self.save()
        finally:
            self.collector.later()  # once the browser has its page (idle_collect.py)
        return report

    def _rebuild(self, changed: set[Path]) -> Report:
        started = time.perf_counter()
        engine = self._engine()
        try:
            report = engine.build(changed or None)
        except BuildError as exc:
            return Report(problems=[with_source(p, self.site_dir) for p in exc.problems])
        except Exception as exc:  # a bug or the machine: show it, rebuild at the next save
            self.engine = None  # its state may be half-updated: the next rebuild starts anew
            return Report(problems=[unexpected(exc)])
        took = (time.perf_counter() - started) * 1000
        summary = say(
            "{pages} pages, {rendered} rendered anew, {written} files written, in {took:.0f} ms",
            pages=report.pages, rendered=len(report.rendered), written=len(report.written),
            took=took,
        )  # fmt: skip
        return Report(summary=summary, parsed=report.parsed, site=report.site)

    def save(self) -> None:
        """Keep the parsed content in .karriere-cache/ (e.g. when the preview ends)."""
        if self.engine is not None:
            self.engine.save()

    def _engine(self) -> Builder:
        """One engine for the session; a new one when the day or the sub-path changes."""
        self.base_path = self.configured_base_path()
        request = Request(
            site_dir=self.site_dir,
            today=self.day or today(),
            preview=True,
            base_url=self.origin + self.base_path,
            language=self.language,
        )
        if self.engine is None or self.engine.request != request:
            self.engine = Builder(request, self.out_dir, PREVIEW)
        return self.engine


PREVIEW_PLACE = "(preview)"  # where an error of no file points


def unexpected(exc: Exception) -> Problem:
    """An error no check foresaw, as one line for the overlay and the terminal."""
    if isinstance(exc, KarriereError) and len(exc.args) == 1:
        what = exc.args[0]  # (a Message stays translatable)
    elif isinstance(exc, KarriereError):
        what = str(exc)
    elif isinstance(exc, OSError):
        from karriere.base.oserrors import explain

        what = explain(exc)
    else:
        what = say("internal error {kind}: {error}", kind=type(exc).__name__, error=str(exc))
    return Problem(
        PREVIEW_PLACE,
        1,
        say("the rebuild failed: {what} (expected a good rebuild at the next save)", what=what),
    )


def with_source(problem: Problem, site_dir: Path) -> Problem:
    """Attach the offending line and its neighbours, for the overlay."""
    path = site_dir / problem.path
    if problem.source_line or not path.is_file():
        return problem
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return problem
    first = max(problem.line - 2, 0)
    shown = [f"{n + 1:4} | {lines[n]}" for n in range(first, min(problem.line + 1, len(lines)))]
    return Problem(problem.path, problem.line, problem.message, "\n".join(shown))
