"""What the stages make from files (image sizes, digests, the theme's assets, compiled
templates), kept while the files are unchanged.

`FileFacts.of_file(make, path, *args)` is `make(path, *args)`, made again only when the
file's size, mtime or inode changed (hashing.file_signature). `get(slot, key, make)` keeps
one result per slot while `key` is equal: a changed file replaces its old result instead
of piling up beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from karriere.base.hashing import file_signature

T = TypeVar("T")


class FileFacts:
    def __init__(self, limit: int = 1 << 16):
        self._kept: dict[Hashable, tuple[Hashable, object]] = {}
        self._limit = limit

    def get(self, slot: Hashable, key: Hashable, make: Callable[[], T]) -> T:
        """make(), kept in `slot` while `key` is equal to what it was made for."""
        hit = self._kept.get(slot)
        if hit is None or hit[0] != key:
            if len(self._kept) >= self._limit:  # a long preview session: start again
                self._kept.clear()
            hit = self._kept[slot] = (key, make())
        return hit[1]  # type: ignore[return-value]

    def clear(self) -> None:
        """Forget everything, as a new process would (benchmarks/cards.py)."""
        self._kept.clear()

    def of_file(self, make: Callable[..., T], path: Path | str, *args: Hashable) -> T:
        """make(path, *args), kept while the file is unchanged."""
        return self.get((make, str(path), args), file_signature(path), lambda: make(path, *args))


# The hook the stages share: one per process, so that the live preview, which builds again
# on every save, reads each unchanged image, poster, font and template once per session
# (benchmarks/serve_latency.py); a one-off build makes each fact once, as it would anyway.
file_facts = FileFacts()
