"""The one atomic step of a build: a complete new folder takes the output folder's place,
and putting things right after a build that was killed around it."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from pathlib import Path

from karriere.write.folders import own_folder, process_alive, staging_prefix

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2). False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: file system cannot exchange
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_in(staging: Path, out_dir: Path) -> bool:
    """Afterwards out_dir holds the new site and `staging` the old one (or nothing).
    False, with nothing changed, if out_dir is a mount point (it cannot be renamed)."""
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return True
    try:
        if exchange(staging, out_dir):
            return True
    except OSError as exc:
        if exc.errno in (errno.EBUSY, errno.EXDEV):
            return False
        raise
    # Fallback: two renames. A crash between them leaves the old site in `old`, which
    # the next build puts back (remove_leftovers) before doing anything else.
    old = own_folder(out_dir.parent, staging_prefix(out_dir) + "old-")
    try:
        os.rename(out_dir, old / "site")
    except OSError as exc:
        old.rmdir()
        if exc.errno in (errno.EBUSY, errno.EXDEV):
            return False
        raise
    os.rename(staging, out_dir)
    os.rename(old / "site", staging)
    old.rmdir()
    return True


def remove_leftovers(out_dir: Path) -> None:
    """Clean up after a build that was killed: restore the site if it is missing. (Under
    the build lock; the folders of a process still running are left alone all the same:
    a build of another site, or one that found no place for the lock.)"""
    parent = out_dir.parent
    if not parent.is_dir():
        return
    prefix = staging_prefix(out_dir)
    for path in parent.iterdir():
        if not path.name.startswith(prefix) or not path.is_dir():
            continue
        if process_alive(path.name[len(prefix) :].partition("-")[2].partition("-")[0]):
            continue
        saved = path / "site"
        if path.name.startswith(prefix + "old-") and saved.is_dir() and not out_dir.exists():
            os.rename(saved, out_dir)
        shutil.rmtree(path, ignore_errors=True)
