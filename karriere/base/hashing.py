"""Digests of bytes and texts, and cheap signatures of files (size, mtime, inode).

Standard library only: the no-op check (incremental/noop.py) imports this before
anything heavy."""

from __future__ import annotations

import hashlib
import os
import stat
from operator import itemgetter
from pathlib import Path


def hash_bytes(data: bytes) -> str:
    # SHA-256 runs in the CPU's own instructions on current x86 and ARM: twice as fast as
    # BLAKE2 on a megabyte-sized listing page. 128 bits are plenty to tell files apart.
    return hashlib.sha256(data).hexdigest()[:32]


def hash_text(*parts: str) -> str:
    return hash_bytes("\x1f".join(parts).encode("utf-8", "surrogatepass"))


def file_signature(path) -> tuple[int, int, int] | None:
    """(size, mtime_ns, inode), or None if missing: cheap evidence that a file is unchanged."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


_TYPE = 0o170000  # stat.S_IFMT's mask, as a number: compared without a call per file


def walk_signatures(
    root: Path,
    skip: tuple[str, ...] = ("__pycache__",),
    follow_symlinks: bool = True,
    not_files: list[str] | None = None,
) -> list[tuple[str, tuple]]:
    """(relative path, signature) of every file under root, sorted; [] if there is none.
    See walk_stats."""
    found = [
        (rel + name, (st.st_size, st.st_mtime_ns, st.st_ino))
        for rel, files in walk_stats(root, skip, follow_symlinks, not_files)
        for name, st in files
    ]
    found.sort(key=itemgetter(0))  # (names are unique: no need to compare signatures)
    return found


def walk_stats(
    root: Path,
    skip: tuple[str, ...] = ("__pycache__",),
    follow_symlinks: bool = True,
    not_files: list[str] | None = None,
) -> list[tuple[str, list[tuple[str, os.stat_result]]]]:
    """Each folder under root (its path from root, "" or ending in "/") with the name and
    stat of each file in it, in the order of the folders' listings (the same for unchanged
    folders); [] if there is none. A folder reached again through a link (a loop) is
    walked once. `not_files`, if given, gets the relative path of every folder and of every
    link that leads nowhere: a new one may be a new error (x.md/, a link in a circle)
    though no file changed."""
    found: list[tuple[str, list[tuple[str, os.stat_result]]]] = []
    try:
        seen = {_folder_key(os.stat(root))}
    except OSError:
        return found
    stack = [("", str(root))]
    while stack:
        rel, folder = stack.pop()
        listed = _folder_stats(folder, follow_symlinks)
        # The files at C speed (a big site's folder holds 100,000), then the rest one by one.
        files = [
            (name, st)
            for name, st in listed
            if st is not None and st.st_mode & _TYPE != stat.S_IFDIR and name not in skip
        ]
        found.append((rel, files))
        if len(files) == len(listed):
            continue
        for name, st in listed:
            if name in skip or (st is not None and st.st_mode & _TYPE != stat.S_IFDIR):
                continue
            if st is None:  # gone, or a link in a circle
                if not_files is not None:
                    not_files.append(rel + name)
                continue
            if _folder_key(st) not in seen:
                seen.add(_folder_key(st))
                stack.append((rel + name + "/", os.path.join(folder, name)))
            if not_files is not None:
                not_files.append(rel + name + "/")
    return found


def _folder_stats(folder: str, follow_symlinks: bool) -> list[tuple[str, os.stat_result | None]]:
    """(name, stat or None) of each entry of a folder; [] if it cannot be read. Through
    the folder's descriptor where the system allows: each stat() then resolves one name,
    not the whole path (the no-op check of a big site is mostly stat() calls)."""
    fd = None
    try:
        if os.scandir in os.supports_fd:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        entries = list(os.scandir(folder if fd is None else fd))
    except OSError:
        return []
    try:
        return _entry_stats(entries, follow_symlinks)
    finally:
        if fd is not None:
            os.close(fd)


def _entry_stats(entries: list[os.DirEntry], follow_symlinks: bool) -> list[tuple]:
    try:  # (the common case: every entry can be looked at)
        return [(entry.name, entry.stat(follow_symlinks=follow_symlinks)) for entry in entries]
    except OSError:
        return [(entry.name, _stat_or_none(entry, follow_symlinks)) for entry in entries]


def _stat_or_none(entry: os.DirEntry, follow_symlinks: bool) -> os.stat_result | None:
    try:
        return entry.stat(follow_symlinks=follow_symlinks)
    except OSError:
        return None


def _folder_key(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)
