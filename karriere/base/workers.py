"""Worker processes for a build's big batches: parsing, rendering and QR codes.

Forked, so they start with everything the build has made so far, without pickling it.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.pool import Pool

# A worker makes many short-lived objects and few cycles; with Python's default of a
# collection every 700 allocations, the collector took ~15 % of a cold build's parsing.
WORKER_GC_THRESHOLD = (50_000, 20, 100)


@contextmanager
def fork_pool(jobs: int) -> Iterator[Pool]:
    """A pool of `jobs` forked processes. The objects that exist now are frozen while it
    runs: a worker's collections then never walk them, which would copy every page of
    memory they sit on into the worker."""
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_start) as pool:
            yield pool
    finally:
        gc.unfreeze()


def _start() -> None:
    gc.set_threshold(*WORKER_GC_THRESHOLD)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The same collector setting for a whole build in this process: the site model of
    10,000 vacancies makes millions of objects and few cycles, and the default setting
    spent 0.5 s of a cold build's serial stages walking them (0.1 s with this one)."""
    old = gc.get_threshold()
    gc.set_threshold(*WORKER_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*old)
