"""Stage 5: write the outputs. All or nothing, and only what changed.

A build first compares every output with the previous build's file (by hash, using the
manifest of what it wrote last time). Nothing changed: nothing is written, not even the
marker. Otherwise a staging folder is made beside the output: unchanged files are
hard-linked into it from the live folder (no bytes copied), changed files are written, and
the staging folder is then exchanged with the live one in one atomic rename
(renameat2 RENAME_EXCHANGE on Linux). A crash or SIGKILL at any moment leaves either the
previous site or the new one, never a mix; leftovers are removed by the next build.

The folder that comes back from the exchange (the previous site) is kept as the *spare*
(in .karriere-cache/, when that is on the same file system) and becomes the next build's
staging folder: it already holds nearly every file as a hard link to the live one, so a
build that changes one page creates, links and deletes a handful of entries instead of
re-creating a tree of 40,000 files and 20,000 folders (and deleting the old one). Files
are never changed in place (always replaced), so a shared hard link never leaks a change
from one tree into the other. A build with no live folder yet (a first build) stages in
the tree its worker processes rendered the pages into (Spool with `as_tree`), so that
not one page is moved.

`mode="file"` (for the live preview, which serves its own folder) instead replaces each
changed file atomically in place: readers never see half a file, the set of files is
updated one by one, and unchanged files are not touched at all. An output folder that
cannot be swapped (a mount point, as with `docker run -v`) is updated the same way.
An output folder that is a symlink (to a web root) stays one: the folder behind it is
swapped.

One build of a site runs at a time (build_lock): builds share the cache, the spare and
often the output folder. Leftovers of killed builds are removed only under that lock,
and never those of a process that is still running.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import operator
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter
from pathlib import Path

from karriere.base.errors import BuildError, Problem
from karriere.base.hashing import file_signature, hash_bytes, walk_signatures
from karriere.base.oserrors import MachineError, explain

MARKER = ".karriere-output"
MARKER_TEXT = b"built by karriere; this folder is replaced on every build\n"
LOCK_NAME = "build.lock"
WAITING = "karriere: waiting for another build of this site to finish …"


@contextmanager
def build_lock(cache: Path) -> Iterator[None]:
    """Hold the site's build lock (a file in its cache folder); wait for it, saying so,
    while another build of the site holds it. A POSIX lock (lockf), not flock: forked
    workers do not inherit it, so a worker left behind by a killed build never holds it,
    and the system lets go of it when the build ends in any way."""
    fd = _open_lock(cache)
    try:
        if fd is not None and not _lock(fd, wait=False):
            print(WAITING, file=sys.stderr, flush=True)
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


def staging_prefix(out_dir: Path) -> str:
    """Names of karriere's own folders beside the output, e.g. '.public.karriere-new-x1y2'."""
    return f".{out_dir.name}.karriere-"


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the built site: its bytes, a file to copy, or (digest only) last build's file."""

    path: str  # relative to the output folder, with '/'
    data: bytes | None = None
    source: Path | str | None = None  # str for spooled files: a big site has 40,000
    origin: str = ""  # what produced it, for the 'written twice' message
    # With no data and no source: unchanged since the previous build. With data: its hash.
    digest: str | None = None
    spooled: bool = False  # source is a temporary file (digest given) that may be moved
    # Digest only, for a file made from its inputs alone (a QR code): makes the bytes
    # again when last build's file is gone or was changed, instead of failing the build.
    remake: Callable[[], bytes] | None = field(default=None, compare=False, repr=False)

    def read(self) -> bytes:
        return self.data if self.data is not None else Path(self.source).read_bytes()


@dataclass(frozen=True, slots=True)
class FileState:
    """What the writer knows about one file it wrote: its hash and how to recognise it."""

    digest: str
    signature: tuple[int, int, int] | None  # (size, mtime_ns, inode) of the output file
    source: tuple[int, int, int] | None = None  # signature of the copied source, if any


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    manifest: dict[str, FileState] = field(default_factory=dict)
    hashed: dict[int, tuple[bytes, str]] = field(default_factory=dict)  # see plan()
    outputs: dict[str, Output] = field(default_factory=dict)  # for same_as_last next time


class Spool:
    """A folder where worker processes put the pages they render, for the writer to move
    into place; made on first use, so builds that render in one process never touch it.

    `as_tree` (a build with no output folder yet): pages go to `site/<output path>` in it,
    and that folder becomes the staging folder as it is, with no file moved (write_staged).
    """

    def __init__(self, parent: Path, as_tree: bool = False):
        self.parent = parent  # e.g. .karriere-cache/
        self.path: Path | None = None
        self.as_tree = as_tree

    @property
    def site(self) -> Path | None:
        """Where pages are put at their output paths (as_tree), once the folder exists."""
        return self.path / "site" if self.path is not None and self.as_tree else None

    def folder(self) -> Path | None:
        """The folder (None if it cannot be made: a read-only site renders without it)."""
        if self.path is None:
            for old in self.parent.glob("spool-*") if self.parent.is_dir() else []:
                if not _process_alive(old.name.split("-")[1]):  # left by a killed build
                    shutil.rmtree(old, ignore_errors=True)
            try:
                self.parent.mkdir(parents=True, exist_ok=True)
                made = tempfile.mkdtemp(prefix=f"spool-{os.getpid()}-", dir=self.parent)
                if self.as_tree:
                    os.mkdir(os.path.join(made, "site"))
            except OSError:
                return None
            self.path = Path(made)
        return self.path

    def remove(self) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None


def make_folder(folder: str) -> None:
    """os.makedirs(folder, exist_ok=True) in one call for the common case: a site's
    folders are mostly one level below one that exists."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:
        if not os.path.isdir(folder):
            raise


def _own_folder(parent: Path, prefix: str) -> Path:
    """A new folder named <prefix><pid>-<random>: whose it is tells a killed build's
    leftover from a folder that a running build still uses."""
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


def _process_alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except OSError:  # exists, but belongs to someone else
        return True
    return True


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
            problems.append(
                Problem(
                    out.origin or out.path,
                    1,
                    f"would write {out.path}, which {first.origin or 'another file'} "
                    "already writes (rename one of them)",
                )
            )
    if problems:
        raise BuildError(problems)


def check_output_dir(out_dir: Path, site_dir: Path) -> None:
    """Never replace a folder that is not a previous karriere output."""
    out = out_dir.resolve()
    site = site_dir.resolve()
    dangerous = {Path("/"), Path.home().resolve(), site, site / "content", site / "themes"}
    if out in dangerous or out in site.parents or (site / "content") in out.parents:
        raise BuildError(
            [
                Problem(
                    str(out_dir),
                    1,
                    "refusing to use this folder as output: it would replace "
                    "your site's sources (expected e.g. public/)",
                )
            ]
        )
    if out.exists() and not out.is_dir():
        raise BuildError(
            [Problem(str(out_dir), 1, "refusing to replace this file: --out must be a folder")]
        )
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise BuildError(
            [
                Problem(
                    str(out_dir),
                    1,
                    f"refusing to replace this folder: it is not empty and has "
                    f"no {MARKER} file, so it is not a previous karriere output "
                    "(choose another --out or empty it)",
                )
            ]
        )


def crash_point(name: str) -> None:
    """Test hook: KARRIERE_CRASH_AT=<name> kills the build here, as a power cut would."""
    if os.environ.get("KARRIERE_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def live_files(out_dir: Path) -> dict[str, tuple[int, int, int]]:
    """Every file now in the output folder (relative path -> signature), marker excepted."""
    found = walk_signatures(out_dir, skip=(), follow_symlinks=False)
    return {name: signature for name, signature in found if name != MARKER}


def same_bytes(out: Output, sig: tuple[int, int, int], digest: str, out_dir: Path) -> bool:
    """Without a record of the file (no cache), compare it: equal files are kept."""
    size = len(out.data) if out.data is not None else None
    if size is not None and size != sig[0]:
        return False
    return hash_bytes((out_dir / out.path).read_bytes()) == digest


def plan(
    outputs: list[Output],
    live: dict[str, tuple[int, int, int]] | None,
    previous: dict[str, FileState],
    out_dir: Path,
    hashed: dict[int, tuple[bytes, str]] | None = None,
) -> tuple[list[tuple[Output, FileState]], list[tuple[Output, FileState]], dict[int, tuple]]:
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
        if out.remake is not None and not (intact and before.digest == out.digest):
            out = remade(out)
        if out.data is not None and out.digest is not None:  # hashed by its maker
            state = FileState(out.digest, None)
        elif out.data is not None and live is None and id(out.data) not in hashed:
            # The private folder: compared with the file itself, not by hash (see below)
            if intact and before.signature[0] == len(out.data) and same_file(out, out_dir):
                unchanged.append((out, before))
            else:
                changed.append((out, FileState(new_token(), None)))
            continue
        elif out.data is not None:
            known = hashed.get(id(out.data))
            if known is None or known[0] is not out.data:
                known = (out.data, hash_bytes(out.data))
            fresh[id(out.data)] = known
            state = FileState(known[1], None)
        elif out.spooled:  # a page a worker process wrote, with its digest
            state = FileState(out.digest, None)
        elif out.source is not None:
            src = file_signature(out.source)
            same_source = before is not None and before.source == src and src is not None
            digest = before.digest if same_source else hash_bytes(out.read())
            state = FileState(digest, None, src)
        elif intact and before.digest == out.digest:  # a page kept from the last build
            unchanged.append((out, before))
            continue
        else:  # kept from the last build, but the file is no longer as written
            message = (
                f"{out.path} changed in the output folder during the build (run the build again)"
            )
            raise BuildError([Problem(out.origin or out.path, 1, message)])
        if intact and before.digest == state.digest:
            same = before.source == state.source  # the common case: keep the record as it is
            kept = before if same else FileState(state.digest, before.signature, state.source)
            unchanged.append((out, kept))
        elif before is None and st is not None and same_bytes(out, st, state.digest, out_dir):
            unchanged.append((out, FileState(state.digest, st, state.source)))
        else:
            changed.append((out, state))
    return unchanged, changed, fresh


def same_file(out: Output, out_dir: Path) -> bool:
    return (out_dir / out.path).read_bytes() == out.data


def new_token() -> str:
    """A digest for a file in the preview's private folder, which nothing but the
    previous build's record is ever compared with: megabyte-sized list pages are told
    apart by size, or byte by byte, faster than they are hashed."""
    return "token " + os.urandom(12).hex()


def remade(out: Output) -> Output:
    data = out.remake()
    return Output(out.path, data, origin=out.origin, digest=hash_bytes(data))


def same_as_last(outputs: list[Output], paths: list[str], last: dict[str, Output]) -> list[bool]:
    """For each output: is it the very object the last build wrote (recall.py)? In the
    preview's private folder that file is still as the last build left it. (Done with
    C-level iteration: the preview asks this of every output of a big site on each save.)"""
    flags = list(map(operator.is_, outputs, map(last.get, paths)))
    reused = list(compress(outputs, flags))
    copies = compress(reused, map(attrgetter("source"), reused))  # spooled: moved, not copied
    if not all(map(attrgetter("spooled"), copies)):
        raise ValueError("an Output that copies a file was reused: its file may have changed")
    return flags


def write_site(
    outputs: list[Output],
    out_dir: Path,
    site_dir: Path,
    previous: dict[str, FileState] | None = None,
    mode: str = "tree",
    trusted: bool = False,
    hashed: dict[int, tuple[bytes, str]] | None = None,
    last: dict[str, Output] | None = None,
    spare: Path | None = None,
    placed: Path | None = None,
) -> WriteReport:
    """Bring out_dir to exactly `outputs`, touching only files whose bytes changed.

    `trusted`: nobody else writes to out_dir (the preview's private folder), so the
    previous manifest says what is there and the folder is not walked. `spare`: where
    the previous site is kept to stage the next one in (see the module's docstring).
    `placed`: a folder that holds spooled pages at their output paths (Spool.site).
    A file that cannot be written (a full disk) is a MachineError naming the folder."""
    check_output_dir(out_dir, site_dir)
    real = real_folder(out_dir)
    try:
        return update(outputs, real, previous or {}, mode, trusted, hashed, last, spare, placed)
    except OSError as exc:
        if not own_file(exc, real, spare, placed):
            raise
        raise MachineError(explain(exc, f"{out_dir}/")) from exc


def update(
    outputs: list[Output],
    out_dir: Path,
    previous: dict[str, FileState],
    mode: str,
    trusted: bool,
    hashed: dict[int, tuple[bytes, str]] | None,
    last: dict[str, Output] | None,
    spare: Path | None,
    placed: Path | None,
) -> WriteReport:
    """write_site, once the output folder is known to be fine."""
    paths = [out.path for out in outputs]
    wanted = dict(zip(paths, outputs, strict=True))
    if last is None or len(wanted) != len(outputs) or wanted.keys() != last.keys():
        # (not needed for the very paths the last build checked)
        check_unique(outputs)
    if trusted and previous:
        live = None  # as the previous build left it
        same = same_as_last(outputs, paths, last or {})
        todo = list(compress(outputs, map(operator.not_, same)))
    else:
        remove_leftovers(out_dir)
        live = live_files(out_dir) if out_dir.is_dir() else {}
        todo = outputs
    unchanged, changed, kept = plan(todo, live, previous, out_dir, hashed)
    deleted = sorted((previous if live is None else live).keys() - wanted.keys())
    report = WriteReport(deleted=deleted, hashed=kept)
    report.unchanged = len(outputs) - len(todo) + len(unchanged)
    report.outputs = wanted
    if live is None:  # the outputs set aside keep their records
        report.manifest = dict(previous)
        for path in deleted:
            del report.manifest[path]
    report.manifest.update((out.path, state) for out, state in unchanged)
    has_marker = (out_dir / MARKER).is_file()
    if not changed and not deleted and has_marker:
        return report
    if out_dir.is_dir() and (mode == "file" or not swappable(out_dir)):
        written = write_in_place(out_dir, changed, deleted)
    else:
        written = write_staged(out_dir, unchanged, changed, live or {}, spare, placed, deleted)
    report.manifest.update(written)
    report.written = sorted(written)
    return report


def real_folder(out_dir: Path) -> Path:
    """The folder behind an output folder that is a symlink (to a web root): that folder
    is swapped, and the link stays as it is."""
    return out_dir.resolve() if out_dir.is_symlink() else out_dir


def swappable(out_dir: Path) -> bool:
    """Can a new folder be renamed over the output folder? Not over a mount point
    (`docker run -v`), nor in a parent folder this user may not write (a web root's)."""
    try:
        same_device = out_dir.stat().st_dev == out_dir.parent.stat().st_dev
    except OSError:
        return True
    return same_device and os.access(out_dir.parent, os.W_OK)


WRITE_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)


def own_file(exc: OSError, out_dir: Path, spare: Path | None, placed: Path | None) -> bool:
    """Did writing the output fail (in it, beside it, in the spare), rather than reading
    a file to copy? Then the message names the output folder."""
    if exc.errno in WRITE_ERRORS or exc.filename is None:
        return True
    name = os.path.abspath(os.fsdecode(exc.filename))
    real = os.path.abspath(out_dir)
    ours = [real + os.sep, os.path.join(os.path.dirname(real), staging_prefix(out_dir))]
    ours += [os.path.abspath(folder) for folder in (spare, placed) if folder is not None]
    return name == real or name.startswith(tuple(ours))


def _put(target: Path, out: Output) -> None:
    if out.data is not None:
        target.write_bytes(out.data)
        return
    if out.spooled:
        try:
            os.replace(out.source, target)
            return
        except OSError:  # another file system: copy
            pass
    shutil.copyfile(out.source, target)


def write_staged(
    out_dir: Path,
    unchanged: list[tuple[Output, FileState]],
    changed: list[tuple[Output, FileState]],
    live: dict[str, tuple[int, int, int]] | None = None,
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
    have: dict[str, tuple[int, int, int]] = {}
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
        staging = _own_folder(out_dir.parent, staging_prefix(out_dir) + "new-")
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
            copies = [(Output(out.path, source=str(staging / out.path)), st) for out, st in changed]
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
    live: dict[str, tuple[int, int, int]],
    have: dict[str, tuple[int, int, int]],
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
        if out.spooled and out.source == root + out.path:  # rendered into place (a tree spool)
            written[out.path] = FileState(state.digest, file_signature(out.source), state.source)
            continue
        target = parent_of(out.path)
        if not fresh:
            clear(target)
        _put(target, out)
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
        if candidate != spare and _process_alive(candidate.name.rpartition(".")[2]):
            continue  # another build's
        try:
            os.rename(candidate, claimed)
        except OSError:  # gone (another build took it) or not there
            continue
        for other in spare.parent.glob(f"{spare.name}.*"):  # other leftovers of killed builds
            if other != claimed and not _process_alive(other.name.rpartition(".")[2]):
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


def write_in_place(
    out_dir: Path, changed: list[tuple[Output, FileState]], deleted: list[str]
) -> dict[str, FileState]:
    """Update the folder file by file. Each changed file is first written beside its
    target under a temporary name; only when all are complete is anything deleted or
    replaced (by rename), so a build that fails while writing (a full disk) leaves the
    folder as it was. Deleting before replacing means that once a new page is served,
    pages this build removed are gone too (a renamed file never shows under both names)."""
    folders = set()
    for out, _ in changed:
        parts = out.path.split("/")[:-1]
        folders.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
    remove_files(out_dir, [rel for rel in deleted if rel in folders])  # where a folder goes
    temps = write_temporaries(out_dir, changed)
    remove_files(out_dir, [rel for rel in deleted if rel not in folders])
    written: dict[str, FileState] = {}
    for tmp, (out, state) in zip(temps, changed, strict=True):
        target = out_dir / out.path
        os.replace(tmp, target)
        written[out.path] = FileState(state.digest, file_signature(target), state.source)
    if not (out_dir / MARKER).is_file():
        (out_dir / MARKER).write_bytes(MARKER_TEXT)
    return written


def remove_files(out_dir: Path, gone: list[str]) -> None:
    """Delete these files, then the folders they leave empty."""
    for rel in gone:
        (out_dir / rel).unlink(missing_ok=True)
        folder = (out_dir / rel).parent
        while folder != out_dir and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def write_temporaries(out_dir: Path, changed: list[tuple[Output, FileState]]) -> list[Path]:
    """Each changed file under a temporary name beside its target; if one fails, none is
    left, nor a folder made for them."""
    made: list[Path] = []
    temps: list[Path] = []
    try:
        for out, _ in changed:
            target = out_dir / out.path
            make_parents(target.parent, out_dir, made)
            temps.append(target.parent / f".{target.name}.karriere-tmp")
            _put(temps[-1], out)
    except BaseException:
        try:
            for path in temps:
                path.unlink(missing_ok=True)
            for folder in reversed(made):
                os.rmdir(folder)
        except OSError:  # (the first error is the one to report)
            pass
        raise
    return temps


def make_parents(folder: Path, root: Path, made: list[Path]) -> None:
    """Make `folder` and any missing parents up to root, adding each one made to `made`."""
    missing = []
    while folder != root and not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir()
        made.append(folder)


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
    old = _own_folder(out_dir.parent, staging_prefix(out_dir) + "old-")
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
        if _process_alive(path.name[len(prefix) :].partition("-")[2].partition("-")[0]):
            continue
        saved = path / "site"
        if path.name.startswith(prefix + "old-") and saved.is_dir() and not out_dir.exists():
            os.rename(saved, out_dir)
        shutil.rmtree(path, ignore_errors=True)
