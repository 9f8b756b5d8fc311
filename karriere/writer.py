"""Stage 5: write the outputs. All or nothing: a failed build never touches the live folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError, Problem

MARKER = ".karriere-output"


@dataclass(frozen=True)
class Output:
    """One file of the built site: its bytes, or a file to copy."""

    path: str  # relative to the output folder, with '/'
    data: bytes | None = None
    source: Path | None = None
    origin: str = ""  # what produced it, for the 'written twice' message

    def read(self) -> bytes:
        return self.data if self.data is not None else self.source.read_bytes()


def check_unique(outputs: list[Output]) -> None:
    """Refuse two outputs for one path, also when only the letter case differs."""
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


def write_site(outputs: list[Output], out_dir: Path, site_dir: Path) -> None:
    """Write everything to a fresh folder beside the output, then swap it in."""
    check_unique(outputs)
    check_output_dir(out_dir, site_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        for out in sorted(outputs, key=lambda o: o.path):
            target = staging / out.path
            target.parent.mkdir(parents=True, exist_ok=True)
            if out.data is not None:
                target.write_bytes(out.data)
            else:
                shutil.copyfile(out.source, target)
        (staging / MARKER).write_text("built by karriere; this folder is replaced on every build\n")
        swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_in(staging: Path, out_dir: Path) -> None:
    """Two renames; a crash between them leaves the old site intact beside it."""
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.rename(out_dir, old / "site")
        os.rename(staging, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(staging, out_dir)
