"""The preview's search index, made lazily: never during a rebuild (saving a vacancy must
stay fast), but in the background after a quiet second, or at once when a page asks
for a file under pagefind/ (the search on /suche/ and /stellen/). A save meanwhile stops
the indexing; the next quiet second or request starts it again with the new pages.

The pages are read from the preview's own output folder; the bundle is kept in memory
and served by commands/server.py.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from karriere.base.messages import editor_language, messages_in
from karriere.outputs import pagefind, pagefind_files
from karriere.outputs.search import failed, indexed_pages

QUIET = 1.0  # seconds without a rebuild before indexing in the background
NICE = 10  # the background indexer yields the processor to the editor's rebuilds


class LazySearch:
    def __init__(self, out_dir: Path, language: str | None = None):
        self.out_dir = out_dir
        self.language = language  # of the editor's messages (--lang)
        self.lock = threading.Lock()  # guards the fields below
        self.building = threading.Lock()  # one Pagefind at a time
        self.generation = 0
        self.pages: list[tuple[str, str]] = []  # (url, output path) of this generation
        self.files: dict[str, bytes] | None = None
        self.made_for = -1  # the generation `files` belong to
        self.stop = threading.Event()
        self.timer: threading.Timer | None = None
        self.reported = ""

    def changed(self, site) -> None:
        """A good rebuild: the index is stale; it is made again after a quiet second."""
        pages = []
        if site is not None and site.settings.search:
            chosen = [site.pages[n] for n in indexed_pages(site)]
            pages = [("/" + page.route, page.output_path) for page in chosen]
        with self.lock:
            self.generation += 1
            self.pages = pages
            self.stop.set()  # an indexing of older pages ends
            self.stop = threading.Event()
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(QUIET, self.ready, args=(self.generation, NICE))
            self.timer.daemon = True
            self.timer.start()

    def interrupt(self) -> None:
        """A rebuild starts: an indexing under way stops and leaves it the processor."""
        with self.lock:
            self.stop.set()
            self.stop = threading.Event()  # (for the next request, if this rebuild fails)
            if self.timer is not None:
                self.timer.cancel()

    def close(self) -> None:
        """The preview ends: an indexing under way stops quietly (its pages are about to
        be deleted) and no new one starts."""
        with self.lock:
            self.pages = []
            self.stop.set()
            if self.timer is not None:
                self.timer.cancel()

    def file(self, rel: str) -> bytes | None:
        """A file of the current bundle (made now if need be); None if there is none."""
        files = self.ready(self.current(), 0)
        return None if files is None else files.get(rel)

    def current(self) -> int:
        with self.lock:
            return self.generation

    def ready(self, generation: int, nice: int) -> dict[str, bytes] | None:
        """The bundle of `generation`, made if it is still the current one."""
        with self.building:
            with self.lock:
                if self.made_for == generation:
                    return self.files
                if generation != self.generation or not self.pages:
                    return None if not self.pages else self.files
                pages, stop = list(self.pages), self.stop
            fed = [(url, (self.out_dir / path).read_bytes) for url, path in pages]
            try:
                files = pagefind_files.stable(pagefind.index_files(fed, stop, nice))
            except (pagefind.PagefindFailed, OSError, ValueError) as exc:
                if not stop.is_set():
                    self.report(str(exc))
                return None
            with self.lock:
                if generation == self.generation:
                    self.files, self.made_for = files, generation
            return files

    def report(self, reason: str) -> None:
        """The build's sentence (outputs/search.failed), once, in the editor's language."""
        if reason != self.reported:  # once, not at every request
            self.reported = reason
            message = failed(reason).args[0]
            print(messages_in(editor_language(self.language)).text(message), file=sys.stderr)
