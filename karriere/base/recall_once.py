"""A Recall for a process that builds once (the command line).

Recall (recall.py) keeps, for every long list it is handed, a table of each object and
what was made of it, so that the next build in the same process finds them again. A
command-line build is the only build of its process: nothing would ever look in those
tables, and at a big site they hold as much as the site model itself. `OnceRecall` makes
everything as a fresh Recall would and keeps no table; its single calls (`__call__`)
still hand out one result for the same arguments within the build, as Recall's do.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import chain
from typing import TypeVar

from karriere.base.recall import Recall

T = TypeVar("T")


class OnceRecall(Recall):
    """Recall's answers for a first build, without remembering the long lists."""

    remembers = False

    def part(self, name: str) -> Recall:
        found = self._parts.get(name)
        if found is None:
            found = self._parts[name] = OnceRecall()
        return found

    def many(
        self, make: Callable[..., T], objects: list, *shared, key: Hashable = None, **helpers
    ) -> list[T]:
        return [make(obj, *shared, **helpers) for obj in objects]

    def pairs(
        self, make: Callable[..., T], firsts: list, seconds: list, key: Hashable = None
    ) -> list[T]:
        return list(map(make, firsts, seconds))

    def joined(
        self, make: Callable[..., T], rows: list, *args, key: Hashable = None, **helpers
    ) -> T:
        return make(rows, *args, **helpers)

    def revised(
        self, slot: Hashable, lists: tuple[list, ...], make: Callable[..., T], revise: Callable
    ) -> T:
        return make(*lists)

    def sort(self, slot: Callable, items: list, keys: list) -> list:
        return list(map(items.__getitem__, sorted(range(len(keys)), key=keys.__getitem__)))

    def missing(self, make: Callable, objects: list, *shared, key: Hashable = None) -> list:
        return list(objects)

    def kept(self, test: Callable, objects: list, key: Hashable = None) -> list:
        return list(filter(test, objects))

    def chained(self, slot: Hashable, parts: list[list]) -> list:
        return list(chain.from_iterable(parts))

    def note(self, made: list, last: list | None, places: list[int] | None) -> None:
        pass
