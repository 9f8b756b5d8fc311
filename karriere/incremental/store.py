"""What a build remembers for the next one: hashes of inputs, fingerprints of objects, deps.

The cache never decides what a page looks like; it only lets a build skip work whose
inputs are provably the same as last time. Deleting `.karriere-cache/` is always safe.

How an output producer takes part (for whoever adds a new kind of output in
`pipeline.other_outputs()`):

- **Cheap producers** (sitemap, feed, `_headers`, a JSON index, .ics files, ...) need to do
  nothing: they run on every build and return `Bytes(path, data)`. The writer compares the
  bytes with the previous build's file and writes only what changed.
- **Copied files** return `Copy(path, file)`; the writer hashes the source only
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

import dataclasses
import operator
import os
import pickle
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from itertools import compress
from pathlib import Path

import pydantic

from karriere.base.hashing import hash_text
from karriere.content.loading import Entry
from karriere.site.model import Item

# ---------------------------------------------------------------- fingerprints of objects


class Fingerprints:
    """Stable digests of the site model's objects, memoised for one build.

    An entry counts by the hash of its front matter (its meta derives from that text plus
    site.yaml and karriere's code, which every fingerprint includes); its body does not
    count: reading it (`Item.html`, `Entry.body`) notes ("body", source), whose digest is
    the hash of the file. So a list of cards that shows titles and dates is not made again
    when a body changes, and a page that shows a body is.
    Anything else is walked field by field, so fields that other features add to Item
    or Page are covered without anyone registering them.
    """

    def __init__(
        self, entry_hashes: dict[str, str], previous: dict | None = None,
        keeps_entries: bool = True,
    ):  # fmt: skip
        self.entry_hashes = entry_hashes  # entry.source -> hash of the file's bytes
        self._memo: dict[int, tuple[object, str]] = {}
        # False: entries are not memoised (each is walked once, inside its item, whose
        # digest is), unless a next build in this process may look for them
        self._keeps_entries = keeps_entries
        # The previous build's memo (same process): the site model's objects are never
        # changed once built, and unchanged items are handed out again (recall.py).
        self._previous = previous or {}

    @property
    def memo(self) -> dict[int, tuple[object, str]]:
        return self._memo

    def of(self, obj: object) -> str:
        out: list[str] = []
        self._walk(obj, out)
        return hash_text(*out)

    def _walk(self, obj: object, out: list[str]) -> None:
        kind = type(obj)
        if kind is str:
            out.append("s" + obj)
        elif obj is None or kind in (bool, int, float):
            out.append(repr(obj))
        elif kind in (list, tuple):
            out.append(f"[{len(obj)}")
            if not self._known_items(obj, out):
                for value in obj:
                    self._walk(value, out)
        elif kind is Entry and not self._keeps_entries:
            out.append("D" + self._dataclass(obj))
        elif kind in _DATACLASS_FIELDS or (dataclasses.is_dataclass(obj) and kind is not type):
            hit = self._memo.get(id(obj))
            if hit is None or hit[0] is not obj:
                hit = self._previous.get(id(obj))
                if hit is None or hit[0] is not obj:
                    hit = (obj, self._dataclass(obj))
                self._memo[id(obj)] = hit  # keeps obj alive
            out.append("D" + hit[1])
        elif isinstance(obj, str):
            out.append("s" + obj)
        elif isinstance(obj, (list, tuple)):
            self._walk(list(obj), out)
        elif isinstance(obj, dict):
            out.append(f"{{{len(obj)}")
            for key, value in obj.items():
                self._walk(key, out)
                self._walk(value, out)
        elif isinstance(obj, (set, frozenset)):
            out.append("{" + ",".join(sorted(map(repr, obj))))
        elif isinstance(obj, (date, datetime, Path)):
            out.append(repr(obj))
        elif isinstance(obj, pydantic.BaseModel):
            out.append(repr(obj))
        elif callable(obj):
            out.append("F" + getattr(obj, "__module__", "") + getattr(obj, "__qualname__", ""))
        else:
            out.append(repr(obj))  # an address in it only makes the page always re-render

    def _known_items(self, values: list | tuple, out: list[str]) -> bool:
        """A long list (a listing's items): the objects walked before, in this build or
        the last, add their digests at C speed; only the others are walked. The memos
        keep their objects alive, so an id found there is that very object."""
        if len(values) < 64:
            return False
        ids = list(map(id, values))
        hits = list(map(self._memo.get, ids))
        if None in hits:  # not walked in this build yet: last build's, looked up at C speed
            hits = list(map(self._memo.get, ids, map(self._previous.get, ids)))
            found = list(map(operator.truth, hits))
            self._memo.update(zip(compress(ids, found), compress(hits, found), strict=True))
            unknown = list(compress(range(len(hits)), map(operator.not_, found)))
        else:
            unknown = []
        start = 0
        for n in unknown:  # in order, exactly as the walk one by one would
            out.extend(map("D".__add__, map(_second, hits[start:n])))
            self._walk(values[n], out)
            start = n + 1
        out.extend(map("D".__add__, map(_second, hits[start:])))
        return True

    def _dataclass(self, obj: object) -> str:
        kind = type(obj)
        if kind is Entry and obj.head:
            # By its front matter: what reads the body notes ("body", source) (site.Item).
            videos: list[str] = []
            self._walk(obj.videos, videos)
            return hash_text("E", obj.head, obj.source, obj.kind, obj.slug, *videos)
        names = _DATACLASS_FIELDS.get(kind)
        if names is None:
            names = tuple(f.name for f in dataclasses.fields(obj))
            if kind is Item:  # packed_html derives from the entry (see above)
                names = tuple(n for n in names if n != "packed_html")
            _DATACLASS_FIELDS[kind] = names
        parts: list[str] = [kind.__qualname__]
        for name in names:
            value = getattr(obj, name)
            value_type = type(value)
            if value_type is str:  # most fields: spare the call (a page has a dozen)
                parts.append("s" + value)
            elif value is None or value_type is bool:  # as _walk writes them
                parts.append(repr(value))
            else:
                self._walk(value, parts)
        return hash_text(*parts)


_DATACLASS_FIELDS: dict[type, tuple[str, ...]] = {}


_second = operator.itemgetter(1)


def write_atomically(path: Path, write: Callable) -> None:
    """write(file) into a temporary file, then rename it to `path`. A cache that cannot
    be written (a full disk, a read-only folder) is skipped and leaves nothing behind."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


CHUNK = 500  # dictionary items per pickle: bounds the pickler's memo while saving


def save_chunks(path: Path, key: str, parts: list[dict]) -> None:
    """Several dictionaries as a stream of small pickles (a 10,000-vacancy site's content
    cache pickled in one piece needed ~80 MB more memory); written atomically, skipped
    on error like save_pickle."""

    def write(f) -> None:
        pickler = pickle.Pickler(f, pickle.HIGHEST_PROTOCOL)
        pickler.dump((key, [len(part) for part in parts]))
        pickler.clear_memo()  # each pickle stands alone: load_chunks reads them one by one
        for part in parts:
            items = list(part.items())
            for start in range(0, len(items), CHUNK):
                pickler.dump(items[start : start + CHUNK])
                pickler.clear_memo()

    write_atomically(path, write)


def load_chunks(path: Path, key: str) -> list[dict] | None:
    """What save_chunks wrote, if it exists, is complete and belongs to this key."""
    try:
        with open(path, "rb") as f:
            found_key, sizes = pickle.load(f)
            if found_key != key:
                return None
            parts = []
            for size in sizes:
                part: dict = {}
                while len(part) < size:
                    part.update(pickle.load(f))
                parts.append(part)
            return parts
    except Exception:  # a missing, truncated or foreign cache file is simply ignored
        return None
