"""Results of expensive producers (posters), by a hash of their inputs.

A producer wraps its work in `memo.bytes(kind, inputs, make)`: `inputs` is a tuple of
everything the result depends on (texts, numbers, dates, colours, and
`file_signature(path)` for each file read); `make()` is only called when no earlier build
made the same inputs. The incremental engine keeps a `Memo`'s blobs between builds; a
plain build uses `NoMemo`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from karriere.base.code import code_digest
from karriere.base.hashing import hash_text


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

    def pruned(self) -> dict[str, bytes]:
        """Only what this build used, so the cache does not grow forever."""
        return {k: v for k, v in self.blobs.items() if k in self.used}


class NoMemo(Memo):
    """Keeps nothing: every result is made (a plain build)."""

    def bytes(self, kind: str, inputs: tuple, make: Callable[[], bytes]) -> bytes:
        return make()
