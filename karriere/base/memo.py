"""What a build remembers for the next one: hashes of inputs, fingerprints of objects, deps.

The cache never decides what a page looks like; it only lets a build skip work whose
inputs are provably the same as last time. Deleting `.karriere-cache/` is always safe.

How an output producer takes part (for whoever adds a new kind of output in
`pipeline.collect_outputs()`):

- **Cheap producers** (sitemap, feed, `_headers`, a JSON index, .ics files, ...) need to do
  nothing: they run on every build and return `Output(path, data)`. The writer compares the
  bytes with the previous build's file and writes only what changed.
- **Copied files** return `Output(path, source=file)`; the writer hashes the source only
  when its size, mtime or inode changed.
- **Expensive producers** (images, anything over ~1 ms per output) wrap the work in
  `memo.bytes(kind, inputs, make)`: `inputs` is a tuple of everything the result depends
  on (texts, numbers, dates, colours, and `file_signature(path)` for each file read);
  `make()` is only called when no earlier build made the same inputs. Example::

      data = memo.bytes("card", (page.title, brand, file_signature(font)), lambda: draw(page))

- **Pages** rendered by `render.render_pages` are tracked automatically: Jinja records the
  templates each page loads and every `site.<attribute>` or `site.<method>(args)` that the
  templates (or template globals closing over `site`) read. A template global that reads
  a file must call `note_file(path)` so that a change to the file re-renders the page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from karriere.base.code import code_digest
from karriere.base.hashing import hash_text
from karriere.base.places import CACHE_DIR, cache_folder  # noqa: F401 (one definition, used through here)

# ---------------------------------------------------------------- fingerprints of objects


def memo_key(kind: str, inputs: tuple) -> str:
    """The cache key of a producer's inputs; remembered, as rebuilds ask for the same."""
    try:
        return _memo_key(kind, code_digest(), inputs)
    except TypeError:  # unhashable inputs: compute it every time
        return hash_text(kind, code_digest(), repr(inputs))


@lru_cache(maxsize=1 << 16)
def _memo_key(kind: str, code: str, inputs: tuple) -> str:
    return hash_text(kind, code, repr(inputs))


class Memo:
    """Results of expensive producers by input hash, kept between builds."""

    def __init__(self, blobs: dict[str, bytes] | None = None):
        self.blobs = blobs if blobs is not None else {}
        self.used: set[str] = set()
        self.made = 0

    def bytes(self, kind: str, inputs: tuple, make: Callable[[], bytes]) -> bytes:
        key = memo_key(kind, inputs)
        self.used.add(key)
        data = self.blobs.get(key)
        if data is None:
            data = self.blobs[key] = make()
            self.made += 1
        return data

    def missing(self, kind: str, inputs: tuple) -> bool:
        return memo_key(kind, inputs) not in self.blobs

    def put(self, kind: str, inputs: tuple, data: bytes) -> None:
        """Store what a worker process made, as bytes() would have."""
        key = memo_key(kind, inputs)
        if key not in self.blobs:
            self.blobs[key] = data
            self.made += 1

    def pruned(self) -> dict[str, bytes]:
        """Only what this build used, so the cache does not grow forever."""
        return {k: v for k, v in self.blobs.items() if k in self.used}


class NoMemo(Memo):
    """Keeps nothing between builds; within one build, what a worker made is used once."""

    def bytes(self, kind: str, inputs: tuple, make: Callable[[], bytes]) -> bytes:
        key = memo_key(kind, inputs)
        return self.blobs.pop(key) if key in self.blobs else make()
