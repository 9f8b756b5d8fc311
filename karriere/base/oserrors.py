"""One plain sentence for a problem of the machine (full disk, read-only folder, ...).

Kept free of heavy imports: the command line uses it as its last resort."""

from __future__ import annotations

import errno
import os

from karriere.base.errors import KarriereError

CACHE_NAME = ".karriere-cache"  # (quick.CACHE_DIR; not imported: quick is heavier)
SPACE = "free some space and build again"
REASONS = {
    errno.ENOSPC: ("write", "no space left on device", SPACE),
    errno.EDQUOT: ("write", "the disk quota is used up", SPACE),
    errno.EROFS: (
        "write",
        "it is on a read-only file system",
        "build into a writable folder with --out",
    ),
    errno.EIO: ("read or write", "input/output error", "the disk may be failing: check it"),
    errno.ELOOP: ("open", "it is a loop of symbolic links", "remove the loop"),
    errno.ENAMETOOLONG: ("open", "its name is too long", "use a shorter name"),
}
DENIED = "permission denied", "check who owns it and its permissions"


class MachineError(KarriereError):
    """The build cannot read or write a file: the sentence says which and why (exit 1)."""


def explain(exc: OSError, shown: str | None = None) -> str:
    """`cannot write public/: no space left on device (free some space and build again)`.
    `shown`: the path to name instead of the file the system names."""
    path = shown or shown_path(exc.filename)
    if exc.errno in (errno.EACCES, errno.EPERM):
        verb, (reason, hint) = ("write" if shown else denied_verb(exc.filename)), DENIED
    else:
        reason = (exc.strerror or str(exc) or type(exc).__name__).lower()
        verb, reason, hint = REASONS.get(exc.errno, ("use", reason, "check the file and the disk"))
    if not path and verb == "use":
        return f"the build stopped: {reason}"
    if not path:
        return f"the build cannot {verb} a file: {reason} ({hint})"
    return f"cannot {verb} {path}: {reason} ({hint})"


def denied_verb(name) -> str:
    """What permission denied stopped, as far as the file's own permissions tell."""
    if name is None:
        return "open"
    if os.path.lexists(name):
        return "read" if not os.access(name, os.R_OK) else "open"
    return "write"


def shown_path(filename) -> str:
    """The file as the user knows it; for a file in the cache, the cache folder."""
    if filename is None:
        return ""
    path = os.fsdecode(filename)
    head, found, _ = path.partition(os.sep + CACHE_NAME + os.sep)
    if found or path.startswith(CACHE_NAME + os.sep):
        return (head + os.sep if head else "") + CACHE_NAME + "/"
    return path
