"""Results that the previous build made from the very same inputs (same process only).

The live preview rebuilds again and again in one process. The engine hands out the same
Entry and Item objects for unchanged files, and the site model never changes an object
once made, so anything made from the same objects last time still stands. `Recall`
remembers such results for one build to the next and compares inputs by identity
(strings by value), which costs a dictionary lookup instead of a walk over the object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Recall:
    """`recall(make, *args)` is `make(*args)`, reused while every argument is the same
    object (or an equal string) as in the call that made it, this build or the last."""

    def __init__(self) -> None:
        self._previous: dict[tuple, tuple] = {}
        self._current: dict[tuple, tuple] = {}

    def __call__(self, make: Callable[..., T], *args, **helpers) -> T:
        """`helpers` are passed on but not compared: caches and the like, never inputs
        that change the result."""
        key = _key(make, args)
        hit = self._current.get(key)
        if hit is None:
            hit = self._previous.get(key)
            if hit is None:
                hit = (args, make(*args, **helpers))
            self._current[key] = hit
        return hit[1]

    def knows(self, make: Callable, *args) -> bool:
        key = _key(make, args)
        return key in self._current or key in self._previous

    def start(self) -> None:
        """Forget what a failed build made."""
        self._current = {}

    def next_build(self) -> None:
        """The build succeeded: what it used is what the next build may reuse."""
        self._previous, self._current = self._current, {}


def _key(make: Callable, args: tuple) -> tuple:
    # Each entry keeps its arguments alive, so an id in a key stays that object's.
    return (make, *[a if type(a) is str else id(a) for a in args])
