"""Building the complete new site beside the live one, then swapping the two.

Unchanged files are hard-linked into the staging folder from the live folder (no bytes
copied), changed files are written, and the staging folder then takes the live one's
place in one atomic step (swap.py). The folder that comes back (the previous site) is
kept as the *spare* and becomes the next build's staging folder: it already holds nearly
every file as a hard link to the live one, so a build that changes one page touches a
handful of entries instead of re-creating the whole tree. Files are never changed in
place (always replaced), so a shared hard link never leaks a change from one tree into
the other.
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

from karriere.base.hashing import file_signature, walk_signatures
from karriere.write.folders import (
    MARKER,
    MARKER_TEXT,
    make_folder,
    own_folder,
    process_alive,
    staging_prefix,
)
from karriere.write.in_place import write_in_place
from karriere.write.output import Copy, FileState, Output, Spooled
from karriere.write.swap import swap_in

Signature = tuple[int, int, int]  # (size, mtime_ns, inode)


def crash_point(name: str) -> None:
    """Test hook: KARRIERE_CRASH_AT=<name> kills the build here, as a power cut would."""
    if os.environ.get("KARRIERE_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def write_staged(
    out_dir: Path,
    unchanged: list[tuple[Output, FileState]],
    changed: list[tuple[Output, FileState]],
    live: dict[str, Signature] | None = None,
    spare: Path | None = None,
    placed: Path | None = None,
    deleted: list[str] = (),
) -> dict[str, FileState]:
    """Build the complete new folder beside the live one, then swap the two atomically.
    With no live folder, `placed` (pages already at their paths) is that new folder.
    `deleted`: the live files the new site does not have."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    spare = spare if spare is not None and same_file_system(spare.parent, out_dir) else None
    staging = take_spare(spare) if spare is not None and out_dir.is_dir() else None
    have: dict[str, Signature] = {}
    if staging is not None:
        have = dict(walk_signatures(staging, skip=(), follow_symlinks=False))
    elif (
        placed is not None
        and not out_dir.exists()
        and placed.is_dir()
        and same_file_system(placed, out_dir)
    ):
        staging = placed  # holds no file but the new site's pages
    else:
        staging = own_folder(out_dir.parent, staging_prefix(out_dir) + "new-")
    os.chmod(staging, out_dir.stat().st_mode & 0o7777 if out_dir.is_dir() else 0o755)
    try:
        written = fill_staging(staging, out_dir, unchanged, changed, live or {}, have)
        crash_point("swap")
        swapped = swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if not swapped:  # a mount point the system did not tell apart: copied in instead
        try:
            copies = [(Copy(out.path, str(staging / out.path)), st) for out, st in changed]
            return write_in_place(out_dir, copies, deleted)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    crash_point("cleanup")
    keep_spare(staging, spare)  # now holds the previous site
    return written


def fill_staging(
    staging: Path,
    out_dir: Path,
    unchanged: list[tuple[Output, FileState]],
    changed: list[tuple[Output, FileState]],
    live: dict[str, Signature],
    have: dict[str, Signature],
) -> dict[str, FileState]:
    """Make `staging` hold exactly the new site. `have`: what it holds now (a spare: the
    previous site; a new folder: nothing); a file that is already the live file's hard
    link (same signature, inode included) is left as it is."""
    wanted = {out.path for out, _ in unchanged} | {out.path for out, _ in changed}
    wanted.add(MARKER)
    remove_extra(staging, [rel for rel in have if rel not in wanted])
    made: set[str] = set()
    root = str(staging) + os.sep
    fresh = not have  # a new, empty folder: no old file or folder can be in the way

    def parent_of(rel: str) -> Path:
        folder = rel.rpartition("/")[0]
        if folder and folder not in made:
            make_folder(root + folder)
            made.add(folder)
        return Path(root + rel)

    written: dict[str, FileState] = {}
    for out, state in unchanged:
        if out.path in have and have[out.path] == live.get(out.path):
            continue  # the spare already has this very file
        target = parent_of(out.path)
        if not fresh:
            clear(target)
        try:
            os.link(out_dir / out.path, target)
        except OSError:  # no hard links here (some network drives): copy instead
            shutil.copy2(out_dir / out.path, target)
            written[out.path] = FileState(state.digest, file_signature(target), state.source)
    for count, (out, state) in enumerate(sorted(changed, key=lambda c: c[0].path)):
        if count == len(changed) // 2:
            crash_point("staging")
        if type(out) is Spooled and out.source == root + out.path:  # rendered into place
            written[out.path] = FileState(state.digest, file_signature(out.source), state.source)
            continue
        target = parent_of(out.path)
        if not fresh:
            clear(target)
        out.write_to(target)
        written[out.path] = FileState(state.digest, file_signature(target), state.source)
    marker = out_dir / MARKER
    if MARKER not in have or have[MARKER] != file_signature(marker):
        clear(staging / MARKER)
        try:
            os.link(marker, staging / MARKER)
        except OSError:
            (staging / MARKER).write_bytes(MARKER_TEXT)
    return written


def clear(target: Path) -> None:
    """Make room for a file: a spare may hold an old file, or a folder, at that path."""
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    else:
        target.unlink(missing_ok=True)


def remove_extra(staging: Path, extra: list[str]) -> None:
    """Delete files the new site does not have, then the folders they leave empty."""
    folders = set()
    for rel in extra:
        (staging / rel).unlink(missing_ok=True)
        parts = rel.split("/")[:-1]
        folders.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
    for folder in sorted(folders, key=lambda f: -f.count("/")):  # deepest first
        try:
            (staging / folder).rmdir()
        except OSError:  # not empty: still has files of the new site
            pass


def same_file_system(folder: Path, out_dir: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return folder.stat().st_dev == out_dir.parent.stat().st_dev
    except OSError:  # a read-only site: no spare, a new staging folder each time
        return False


def take_spare(spare: Path) -> Path | None:
    """Claim the spare for this build by renaming it (two builds never share one). One a
    killed build had claimed is claimed again: whatever it holds, fill_staging fixes."""
    claimed = spare.with_name(f"{spare.name}.{os.getpid()}")
    for candidate in [spare, *spare.parent.glob(f"{spare.name}.*")]:
        if candidate != spare and process_alive(candidate.name.rpartition(".")[2]):
            continue  # another build's
        try:
            os.rename(candidate, claimed)
        except OSError:  # gone (another build took it) or not there
            continue
        for other in spare.parent.glob(f"{spare.name}.*"):  # other leftovers of killed builds
            if other != claimed and not process_alive(other.name.rpartition(".")[2]):
                shutil.rmtree(other, ignore_errors=True)
        return claimed
    return None


def keep_spare(staging: Path, spare: Path | None) -> None:
    """After the swap `staging` holds the previous site: keep it as the spare if it may be
    kept, else delete it."""
    if spare is not None:
        try:
            os.rename(staging, spare)
            return
        except OSError:  # another build left a spare meanwhile: keep that one
            pass
    shutil.rmtree(staging, ignore_errors=True)
