"""The one look at content/: which files are content, and what else lies there.

Content files are the regular `*.md` files directly in a collection folder
(content/vacancies/, ...). Nothing here opens a file: a FIFO named like a content file
would block the build forever. Links that lead out of content/ or in a circle are
errors; files and folders karriere does not read are warnings, so that a `.MD` file or
a folder `vacancy/` is not silently left unpublished.
"""

from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from karriere.base.errors import Problem
from karriere.base.messages import Message, say
from karriere.content.front_matter import COLLECTIONS

MEDIA = "media"
# Editors' backup and temporary files: not worth a warning each.
SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part", ".bak", ".orig")


@dataclass
class Scan:
    files: dict[str, list[Path]]  # collection -> its content files, sorted by name
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def scan_content(content_dir: Path, site_dir: Path) -> Scan:
    scan = Scan({kind: [] for kind in COLLECTIONS})
    root = content_dir.resolve()
    site = str(site_dir).rstrip(os.sep) + os.sep  # paths as the editor sees them, from here
    stack: list[tuple[str, str | None]] = [(str(content_dir), "")]  # (folder, collection)
    while stack:
        folder, kind = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            shown = entry.path.removeprefix(site).replace(os.sep, "/")
            if entry.is_symlink() and not _link_ok(entry, root, shown, scan):
                continue
            if kind == "":
                _top_level(entry, shown, scan, stack)
            elif kind in COLLECTIONS:
                _in_collection(entry, kind, shown, scan, stack)
            elif _is_dir(entry) and not entry.is_symlink():  # media, or an ignored folder
                stack.append((entry.path, None))
    scan.errors.sort()
    scan.warnings.sort()
    return scan


def _link_ok(entry: os.DirEntry, root: Path, shown: str, scan: Scan) -> bool:
    """Whether a link may be followed; if not, what is wrong with it is noted."""
    path = Path(entry.path)
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        scan.warnings.append(
            Problem(
                shown,
                1,
                say(
                    "warning: is a link to something that does not exist, so it is ignored "
                    "(expected a real file; delete the link)"
                ),
            )
        )
        return False
    except (OSError, RuntimeError):  # a link to a link to the first, and so on
        target = None
    parent = path.parent.resolve()
    if target is None or target == parent or target in parent.parents:
        message = say(
            "is a link that leads back to itself or to a folder containing it, an endless "
            "loop (expected a real file or folder; delete the link)"
        )
    elif root not in target.parents:
        message = say(
            "is a link to something outside content/ (expected a real file: "
            "copy it into content/media/ instead of linking to it)"
        )
    else:
        return True
    scan.errors.append(Problem(shown, 1, message))
    return False


def _top_level(entry: os.DirEntry, shown: str, scan: Scan, stack: list) -> None:
    if entry.name.startswith("."):
        return
    known = [*COLLECTIONS, MEDIA]
    if _is_dir(entry) and entry.name in known:
        stack.append((entry.path, entry.name))
        return
    folders = ", ".join(f"{name}/" for name in sorted(known))
    close = difflib.get_close_matches(entry.name, known, n=1)
    hint = say("; did you mean content/{folder}/?", folder=close[0]) if close else ""
    if _is_dir(entry):
        what = say("this folder is not read, so nothing in it is published")
    else:
        what = say("this file is not read, so it is not published")
    message = say(
        "warning: {what}{hint} (expected one of the folders {folders} in content/)",
        what=what, hint=hint, folders=folders,
    )  # fmt: skip
    scan.warnings.append(Problem(shown, 1, message))
    if _is_dir(entry) and not entry.is_symlink():
        stack.append((entry.path, None))  # (its links are checked all the same)


def _in_collection(entry: os.DirEntry, kind: str, shown: str, scan: Scan, stack: list) -> None:
    name = entry.name
    if name.startswith(".") or name.endswith(SCRATCH_SUFFIXES):
        return
    if name.endswith(".md"):
        problem = _not_a_file(entry)
        if problem is None:
            scan.files[kind].append(Path(entry.path))
        else:
            scan.errors.append(Problem(shown, 1, problem))
        return
    if _is_dir(entry):
        scan.warnings.append(
            Problem(
                shown,
                1,
                say(
                    "warning: this folder is not read, so nothing in it is published "
                    "(expected content files directly in content/{kind}/)",
                    kind=kind,
                ),
            )
        )
        if not entry.is_symlink():
            stack.append((entry.path, None))
        return
    stem = name.split(".")[0] or name
    scan.warnings.append(
        Problem(
            shown,
            1,
            say(
                "warning: this file is not read, so it is not published; only files ending in "
                ".md (lower case) are content (expected e.g. {stem}.md)",
                stem=stem,
            ),
        )
    )


def _not_a_file(entry: os.DirEntry) -> Message | None:
    """Why a `*.md` entry cannot be read as a content file, without opening it."""
    if entry.is_file(follow_symlinks=False):
        return None  # a regular file, told by the folder listing itself: no stat() call
    try:
        mode = entry.stat().st_mode
    except OSError:
        return say("cannot be read (expected a Markdown file)")
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return say(
            "is a folder, not a file (expected a Markdown file; a folder's name should not "
            "end in .md)"
        )
    return say("is not a regular file (a pipe or a device) (expected a Markdown file)")


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
