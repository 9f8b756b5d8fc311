"""Dependency recording: what an output read while it was made.

While a page (or a list card) renders, `recording()` makes a recorder current; templates,
template globals and `TrackedSite` call `note(key)` for each thing they read: a template,
a global, a `site.<name>`, a file (`note_file`). The incremental engine compares those
keys with the next build's to decide whether the output must be made again.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path


class Deps:
    """What one output read while it was made: templates, site data, globals, files."""

    __slots__ = ("keys",)

    def __init__(self):
        self.keys: set[tuple] = set()


# The recorder of the output being made; recording() sets it and puts back the one before
# (a card records inside the page that shows it).
_recorder: ContextVar[Deps | None] = ContextVar("recorder", default=None)


def current() -> Deps | None:
    """The recorder of the output being made, if any."""
    return _recorder.get()


def note(key: tuple) -> None:
    deps = _recorder.get()
    if deps is not None:
        deps.keys.add(key)


def note_file(path: Path) -> None:
    """Call from a template global that reads a file: the page then depends on it."""
    note(("file", str(path)))


@contextmanager
def recording():
    deps = Deps()
    token = _recorder.set(deps)
    try:
        yield deps
    finally:
        _recorder.reset(token)
