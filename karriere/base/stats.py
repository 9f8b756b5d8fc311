"""stat() of many files at once. Standard library only (the no-op check imports it).

A no-op build of a big site is little but stat() calls: one per input and one per output.
stat() lets go of the interpreter lock while the kernel looks the file up, so two
threads keep two cores busy with it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from operator import methodcaller

ALONE_BELOW = 4096  # fewer files than this: a thread costs more than it saves


def stat_paths(paths: Sequence[str]) -> list[os.stat_result]:
    """os.stat of each path, in order; OSError if one of them cannot be read."""
    return _in_two_threads(os.stat, paths)


def stat_entries(entries: Sequence[os.DirEntry], follow_symlinks: bool) -> list[os.stat_result]:
    """DirEntry.stat of each entry, in order; OSError if one of them cannot be read."""
    return _in_two_threads(methodcaller("stat", follow_symlinks=follow_symlinks), entries)


def _in_two_threads(stat_one: Callable, items: Sequence) -> list[os.stat_result]:
    if len(items) < ALONE_BELOW:
        return list(map(stat_one, items))
    half = len(items) // 2
    second: list = []

    def stat_second_half() -> None:
        try:
            second.append(list(map(stat_one, items[half:])))
        except OSError as exc:
            second.append(exc)

    worker = threading.Thread(target=stat_second_half)
    worker.start()
    try:
        first = list(map(stat_one, items[:half]))
    finally:
        worker.join()
    if isinstance(second[0], OSError):
        raise second[0]
    return first + second[0]
