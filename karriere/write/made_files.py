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

from karriere.base.places import CACHE_DIR, cache_folder  # noqa: F401 (one definition, used through here)

# ---------------------------------------------------------------- fingerprints of objects


class MadeFiles:
    """Files made from their inputs alone by a costly maker (QR codes), kept in the output
    folder rather than in memory or in the cache: `records` holds, per output path, the
    hash of the inputs and the digest of the bytes that last build wrote there. A file
    whose inputs are unchanged goes to the writer by digest, with its maker, which runs
    only if last build's file is gone or was changed (writer.plan)."""

    def __init__(self, records: dict[str, tuple[str, str]] | None = None, manifest=None):
        self.records = records if records is not None else {}
        self.manifest = manifest if manifest is not None else {}  # writer's FileStates
        self.new: dict[str, tuple[str, str]] = {}  # this build's records

    def kept(self, path: str, key: str, make: Callable[[], bytes], origin: str):
        """Last build's file at `path` if it was made from the same inputs, else None."""
        from karriere.write.writer import Output

        if not self.has(path, key):
            return None
        record = self.new[path] = self.records[path]
        return Output(path, digest=record[1], origin=origin, remake=make)

    def has(self, path: str, key: str) -> bool:
        record = self.records.get(path)
        state = self.manifest.get(path)
        if record is None or state is None:
            return False
        return record[0] == key and state.digest == record[1]

    def remember(self, path: str, key: str, digest: str) -> None:
        self.new[path] = (key, digest)
