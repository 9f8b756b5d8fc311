"""Deciding what to write: which outputs are the files the output folder already holds.

A file stands when the previous build's record of it (its FileState) still matches the
file on disk and its digest is the new output's. How the new digest is found depends on
the output's kind: given by its maker, hashed from its bytes, or, for a copied file, the
last one as long as the source file is unchanged.
"""

from __future__ import annotations

import operator
import os
from itertools import compress, repeat
from pathlib import Path

from karriere.base.errors import BuildError, Problem
from karriere.base.hashing import file_signature, hash_bytes, walk_signatures
from karriere.base.messages import say
from karriere.base.recall import changed_places
from karriere.write.folders import MARKER
from karriere.write.output import Bytes, Copy, FileState, Kept, Output, Spooled

Signature = tuple[int, int, int]  # (size, mtime_ns, inode)
Planned = list[tuple[Output, FileState]]


def check_unique(outputs: list[Output]) -> None:
    """Refuse two outputs for one path, also when only the letter case differs."""
    lowered = set(map(str.lower, [out.path for out in outputs]))  # fast when all is well
    if len(lowered) == len(outputs):
        return
    seen: dict[str, Output] = {}
    problems = []
    for out in outputs:
        first = seen.setdefault(out.path.lower(), out)
        if first is not out:
            problems.append(Problem(out.origin or out.path, 1, written_twice(out, first)))
    if problems:
        raise BuildError(problems)


def written_twice(out: Output, first: Output):
    if first.origin:
        return say(
            "would write {path}, which {first} already writes (rename one of them)",
            path=out.path, first=first.origin,
        )  # fmt: skip
    return say(
        "would write {path}, which another file already writes (rename one of them)",
        path=out.path,
    )


def live_files(out_dir: Path) -> dict[str, Signature]:
    """Every file now in the output folder (relative path -> signature), marker excepted."""
    found = walk_signatures(out_dir, skip=(), follow_symlinks=False)
    return {name: signature for name, signature in found if name != MARKER}


def plan(
    outputs: list[Output],
    live: dict[str, Signature] | None,
    previous: dict[str, FileState],
    out_dir: Path,
    hashed: dict[int, tuple[bytes, str]] | None = None,
) -> tuple[Planned, Planned, dict[int, tuple]]:
    """Split the outputs into (unchanged, changed); also return the new `hashed`.

    `live`: the files now in out_dir (relative path -> signature); None: exactly what
    `previous` says (the preview's private folder, whose new files get tokens, not
    hashes, as their digests). `hashed` (id(bytes) -> (bytes,
    digest)) remembers digests of the very same bytes objects from the last build in this
    process (memoised QR codes, posters), so they are not hashed again. (Outputs that are
    the very objects the last build wrote are set aside before: same_as_last.)"""
    unchanged, changed = [], []
    hashed = hashed or {}
    fresh: dict[int, tuple[bytes, str]] = {}
    for out in outputs:
        before = previous.get(out.path)
        st = live.get(out.path) if live is not None else before and before.signature
        intact = before is not None and st is not None and before.signature == st
        kind = type(out)
        if kind is Kept:
            if intact and before.digest == out.digest:  # the common case of an edit
                unchanged.append((out, before))
                continue
            out, kind = remade(out), Bytes  # gone or changed since the last build
        if kind is Bytes:
            if out.digest is not None:  # hashed by its maker
                state = FileState(out.digest, None)
            elif live is None and id(out.data) not in hashed:
                # The private folder: compared with the file itself, not by hash (see below)
                if intact and before.signature[0] == len(out.data) and same_file(out, out_dir):
                    unchanged.append((out, before))
                else:
                    changed.append((out, FileState(new_token(), None)))
                continue
            else:
                known = hashed.get(id(out.data))
                if known is None or known[0] is not out.data:
                    known = (out.data, hash_bytes(out.data))
                fresh[id(out.data)] = known
                state = FileState(known[1], None)
        elif kind is Spooled:
            state = FileState(out.digest, None)
        elif kind is Copy:
            src = file_signature(out.source)
            same_source = before is not None and before.source == src and src is not None
            digest = before.digest if same_source else hash_bytes(out.read())
            state = FileState(digest, None, src)
        else:
            raise TypeError(f"not a kind of output the writer knows: {out!r}")
        if intact and before.digest == state.digest:
            same = before.source == state.source  # the common case: keep the record as it is
            kept = before if same else FileState(state.digest, before.signature, state.source)
            unchanged.append((out, kept))
        elif before is None and st is not None and same_bytes(out, st, state.digest, out_dir):
            unchanged.append((out, FileState(state.digest, st, state.source)))
        else:
            changed.append((out, state))
    return unchanged, changed, fresh


def remade(out: Kept) -> Bytes:
    """A kept file that is gone or was changed, made again by its maker. Without one the
    build cannot go on: the file changed while the build ran."""
    if out.remake is None:
        message = say(
            "{path} changed in the output folder during the build (run the build again)",
            path=out.path,
        )
        raise BuildError([Problem(out.origin or out.path, 1, message)])
    data = out.remake()
    return Bytes(out.path, data, origin=out.origin, digest=hash_bytes(data))


def same_bytes(out: Output, sig: Signature, digest: str, out_dir: Path) -> bool:
    """Without a record of the file (no cache), compare it: equal files are kept."""
    if type(out) is Bytes and len(out.data) != sig[0]:
        return False
    return hash_bytes((out_dir / out.path).read_bytes()) == digest


def same_file(out: Bytes, out_dir: Path) -> bool:
    return (out_dir / out.path).read_bytes() == out.data


def new_token() -> str:
    """A digest for a file in the preview's private folder, which nothing but the
    previous build's record is ever compared with: megabyte-sized list pages are told
    apart by size, or byte by byte, faster than they are hashed."""
    return "token " + os.urandom(12).hex()


def same_as_last(outputs: list[Output], paths: list[str], last: dict[str, Output]) -> list[bool]:
    """For each output: is it the very object the last build wrote (recall.py)? In the
    preview's private folder that file is still as the last build left it. (Done with
    C-level iteration: the preview asks this of every output of a big site on each save.)
    A spooled file was moved, not copied, so it may be reused; a Copy may not."""
    flags = list(map(operator.is_, outputs, map(last.get, paths)))
    if Copy in set(map(type, compress(outputs, flags))):
        raise ValueError(say("a Copy output was reused: its file may have changed"))
    return flags


def few_changed(
    outputs: list[Output], last: dict[str, Output] | None, previous: dict[str, FileState]
) -> tuple[list[Output], dict[str, Output]] | None:
    """The preview after an edit: the very outputs of the last build in their places but
    a few. Then (the few that are not last build's objects, every output by path), found
    without a look at the others; None if more changed, or a file came or went.
    (`last` keeps the last build's order: its values are that build's list.)"""
    if not last or not len(last) == len(outputs) == len(previous):
        return None
    before = list(last.values())
    places = changed_places(outputs, before)
    if places is None:
        return None
    # A Copy's source may have changed: the same object in its place is no proof.
    copies = compress(range(len(before)), map(operator.is_, map(type, before), repeat(Copy)))
    if set(copies) - set(places):
        raise ValueError(say("a Copy output was reused: its file may have changed"))
    new = [outputs[n] for n in places]
    paths = list(map(_path, new))
    if sorted(paths) != sorted(before[n].path for n in places):
        return None
    wanted = dict(last)
    wanted.update(zip(paths, new, strict=True))
    same = same_as_last(new, paths, last)
    return list(compress(new, map(operator.not_, same))), wanted


_path = operator.attrgetter("path")
