"""Stage 5: write the outputs. All or nothing, and only what changed.

write_site is the one entry point. A build first compares every output with the previous
build's file (plan.py, by hash, using the manifest of what it wrote last time). Nothing
changed: nothing is written, not even the marker. Otherwise the new site is staged beside
the live one and the two are exchanged in one atomic rename (staging.py, swap.py): a crash
or SIGKILL at any moment leaves either the previous site or the new one, never a mix, and
leftovers are removed by the next build. A build with no live folder yet stages in the
tree its worker processes rendered the pages into (Spool with `as_tree`), so that not one
page is moved.

`mode="file"` (for the live preview, which serves its own folder) instead replaces each
changed file atomically in place (in_place.py): readers never see half a file, the set of
files is updated one by one, and unchanged files are not touched at all. An output folder
that cannot be swapped (a mount point, as with `docker run -v`) is updated the same way.
An output folder that is a symlink (to a web root) stays one: the folder behind it is
swapped.

One build of a site runs at a time (lock.build_lock): builds share the cache, the spare
and often the output folder. Leftovers of killed builds are removed only under that lock,
and never those of a process that is still running.
"""

from __future__ import annotations

import errno
import operator
import os
from itertools import compress
from pathlib import Path

from karriere.base.errors import BuildError, Problem
from karriere.base.messages import say
from karriere.base.oserrors import MachineError, explain
from karriere.write.folders import MARKER, staging_prefix
from karriere.write.in_place import write_in_place
from karriere.write.output import FileState, Output, WriteReport
from karriere.write.plan import check_unique, few_changed, live_files, plan, same_as_last
from karriere.write.staging import write_staged
from karriere.write.swap import remove_leftovers

_path_of = operator.attrgetter("path")


def check_output_dir(out_dir: Path, site_dir: Path) -> None:
    """Never replace a folder that is not a previous karriere output."""
    out = out_dir.resolve()
    site = site_dir.resolve()
    dangerous = {Path("/"), Path.home().resolve(), site, site / "content", site / "themes"}
    if out in dangerous or out in site.parents or (site / "content") in out.parents:
        sources = say(
            "refusing to use this folder as output: it would replace "
            "your site's sources (expected e.g. public/)"
        )
        raise BuildError([Problem(str(out_dir), 1, sources)])
    if out.exists() and not out.is_dir():
        a_file = say("refusing to replace this file: --out must be a folder")
        raise BuildError([Problem(str(out_dir), 1, a_file)])
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        foreign = say(
            "refusing to replace this folder: it is not empty and has "
            "no {marker} file, so it is not a previous karriere output "
            "(choose another --out or empty it)",
            marker=MARKER,
        )
        raise BuildError([Problem(str(out_dir), 1, foreign)])


def write_site(
    outputs: list[Output],
    out_dir: Path,
    site_dir: Path,
    previous: dict[str, FileState] | None = None,
    mode: str = "tree",
    *,
    private_folder: bool = False,
    hashed: dict[int, tuple[bytes, str]] | None = None,
    last: dict[str, Output] | None = None,
    spare: Path | None = None,
    placed: Path | None = None,
) -> WriteReport:
    """Bring out_dir to exactly `outputs`, touching only files whose bytes changed.

    `previous`: the manifest of the last build's files (WriteReport.manifest).
    `private_folder`: nobody else writes to out_dir (the preview's own folder), so the
    previous manifest says what is there and the folder is not walked; `last` (the
    previous WriteReport.outputs) and `hashed` then spare the work for outputs that are
    the very objects, or bytes, of the last build. `spare`: where the previous site is
    kept to stage the next one in (staging.py). `placed`: a folder that holds spooled
    pages at their output paths (Spool.site).
    A file that cannot be written (a full disk) is a MachineError naming the folder."""
    check_output_dir(out_dir, site_dir)
    real = real_folder(out_dir)
    try:
        return update(
            outputs, real, previous or {}, mode, private_folder, hashed, last, spare, placed
        )
    except OSError as exc:
        if not own_file(exc, real, spare, placed):
            raise
        raise MachineError(explain(exc, f"{out_dir}/")) from exc


def update(
    outputs: list[Output],
    out_dir: Path,
    previous: dict[str, FileState],
    mode: str,
    private_folder: bool,
    hashed: dict[int, tuple[bytes, str]] | None,
    last: dict[str, Output] | None,
    spare: Path | None,
    placed: Path | None,
) -> WriteReport:
    """write_site, once the output folder is known to be fine."""
    live = None  # the private folder: as the previous build left it
    few = few_changed(outputs, last, previous) if private_folder and previous else None
    if few is not None:  # the preview after an edit: no file came or went
        todo, wanted = few
        deleted = []
    else:
        paths = list(map(_path_of, outputs))  # at C speed: the preview asks on every save
        wanted = dict(zip(paths, outputs, strict=True))
        if last is None or len(wanted) != len(outputs) or wanted.keys() != last.keys():
            # (not needed for the very paths the last build checked)
            check_unique(outputs)
        if private_folder and previous:
            same = same_as_last(outputs, paths, last or {})
            todo = list(compress(outputs, map(operator.not_, same)))
        else:
            remove_leftovers(out_dir)
            live = live_files(out_dir) if out_dir.is_dir() else {}
            todo = outputs
        deleted = sorted((previous if live is None else live).keys() - wanted.keys())
    unchanged, changed, kept = plan(todo, live, previous, out_dir, hashed)
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
