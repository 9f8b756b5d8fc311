"""One build of a site at a time: builds share the cache, the spare and often the output
folder. Leftovers of killed builds are removed only under this lock."""

from __future__ import annotations

import errno
import fcntl
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from karriere.base.messages import editor_language, messages_in, say

LOCK_NAME = "build.lock"
WAITING = say("waiting for another build of this site to finish …")


@contextmanager
def build_lock(cache: Path, language: str | None = None) -> Iterator[None]:
    """Hold the site's build lock (a file in its cache folder); wait for it, saying so in
    `language` (None: the editor's language from KARRIERE_LANG), while another build of
    the site holds it. A POSIX lock (lockf), not flock: forked workers do not inherit it,
    so a worker left behind by a killed build never holds it, and the system lets go of
    it when the build ends in any way."""
    fd = _open_lock(cache)
    try:
        if fd is not None and not _lock(fd, wait=False):
            waiting = messages_in(editor_language(language)).text(WAITING)
            print(f"karriere: {waiting}", file=sys.stderr, flush=True)
            _lock(fd, wait=True)
        yield
    finally:
        if fd is not None:
            os.close(fd)


def _open_lock(cache: Path) -> int | None:
    """None where there is no place for it: the build then says what it cannot write."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        return os.open(cache / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        return None


def _lock(fd: int, wait: bool) -> bool:
    """False if another process holds the lock (only asked without waiting)."""
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN) and not wait:
            return False
        if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
            raise
    return True  # (or a file system without locks: build without)
