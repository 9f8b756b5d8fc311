"""One plain sentence for a problem of the machine (full disk, read-only folder, ...).

Kept free of heavy imports: the command line uses it as its last resort."""

from __future__ import annotations

import errno
import os

from karriere.base.errors import KarriereError
from karriere.base.messages import Message, say

CACHE_NAME = ".karriere-cache"  # (quick.CACHE_DIR; not imported: quick is heavier)
SPACE = say("free some space and build again")
REASONS = {
    errno.ENOSPC: ("write", say("no space left on device"), SPACE),
    errno.EDQUOT: ("write", say("the disk quota is used up"), SPACE),
    errno.EROFS: (
        "write",
        say("it is on a read-only file system"),
        say("build into a writable folder with --out"),
    ),
    errno.EIO: (
        "read or write",
        say("input/output error"),
        say("the disk may be failing: check it"),
    ),
    errno.ELOOP: ("open", say("it is a loop of symbolic links"), say("remove the loop")),
    errno.ENAMETOOLONG: ("open", say("its name is too long"), say("use a shorter name")),
}
DENIED = say("permission denied"), say("check who owns it and its permissions")


class MachineError(KarriereError):
    """The build cannot read or write a file: the sentence says which and why (exit 1)."""


def explain(exc: OSError, shown: str | None = None) -> Message:
    """`cannot write public/: no space left on device (free some space and build again)`.
    `shown`: the path to name instead of the file the system names."""
    path = shown or shown_path(exc.filename)
    if exc.errno in (errno.EACCES, errno.EPERM):
        verb, (reason, hint) = ("write" if shown else denied_verb(exc.filename)), DENIED
    else:
        reason = (exc.strerror or str(exc) or type(exc).__name__).lower()  # the system's words
        verb, reason, hint = REASONS.get(
            exc.errno, ("use", reason, say("check the file and the disk"))
        )
    if not path and verb == "use":
        return say("the build stopped: {reason}", reason=reason)
    if not path:
        return cannot_file(verb, reason, hint)
    return cannot(verb, path, reason, hint)


def cannot(verb: str, path: str, reason: str, hint: str) -> Message:
    """`cannot <verb> <path>: reason (hint)`, one whole sentence per verb to translate."""
    values = {"path": path, "reason": reason, "hint": hint}
    if verb == "write":
        return say("cannot write {path}: {reason} ({hint})", **values)
    if verb == "read":
        return say("cannot read {path}: {reason} ({hint})", **values)
    if verb == "read or write":
        return say("cannot read or write {path}: {reason} ({hint})", **values)
    if verb == "open":
        return say("cannot open {path}: {reason} ({hint})", **values)
    return say("cannot use {path}: {reason} ({hint})", **values)


def cannot_file(verb: str, reason: str, hint: str) -> Message:
    """The same when the system names no file."""
    values = {"reason": reason, "hint": hint}
    if verb == "write":
        return say("the build cannot write a file: {reason} ({hint})", **values)
    if verb == "read":
        return say("the build cannot read a file: {reason} ({hint})", **values)
    if verb == "read or write":
        return say("the build cannot read or write a file: {reason} ({hint})", **values)
    return say("the build cannot open a file: {reason} ({hint})", **values)


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
