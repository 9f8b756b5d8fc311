"""Updating the output folder file by file, for the live preview (which serves its own
folder) and for an output folder that cannot be swapped (a mount point)."""

from __future__ import annotations

import os
from pathlib import Path

from karriere.base.hashing import file_signature
from karriere.write.folders import MARKER, MARKER_TEXT
from karriere.write.output import FileState, Output


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
            out.write_to(temps[-1])
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
