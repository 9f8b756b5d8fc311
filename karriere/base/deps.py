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

from contextlib import contextmanager
from pathlib import Path

from karriere.base.places import CACHE_DIR, cache_folder  # noqa: F401 (one definition, used through here)

# ---------------------------------------------------------------- fingerprints of objects


class Deps:
    """What one output read while it was made: templates, site data, globals, files."""

    __slots__ = ("keys",)

    def __init__(self):
        self.keys: set[tuple] = set()


_current: list[Deps] = []


def current() -> Deps | None:
    """The recorder of the output being made, if any."""
    return _current[-1] if _current else None


def note(key: tuple) -> None:
    if _current:
        _current[-1].keys.add(key)


def note_file(path: Path) -> None:
    """Call from a template global that reads a file: the page then depends on it."""
    note(("file", str(path)))


@contextmanager
def recording():
    deps = Deps()
    _current.append(deps)
    try:
        yield deps
    finally:
        _current.pop()
