"""What the writer is given, and what it reports back.

Each file of the built site reaches the writer as one of four kinds of Output: bytes made
in memory (Bytes), a file to copy (Copy), a page a worker process wrote into the spool
(Spooled), or last build's file, which stands (Kept). The writer's plan decides by the
kind how to tell whether the file changed (plan.py).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the built site: the base of the four kinds below."""

    path: str  # relative to the output folder, with '/'
    origin: str = field(default="", kw_only=True)  # what produced it, for 'written twice'


@dataclass(frozen=True, slots=True)
class Bytes(Output):
    """Bytes made in memory. `digest`: their hash, where the maker has it already;
    None: the writer hashes them (or, in the preview's private folder, compares them)."""

    data: bytes
    digest: str | None = field(default=None, kw_only=True)

    def read(self) -> bytes:
        return self.data

    def write_to(self, target: Path) -> None:
        target.write_bytes(self.data)


@dataclass(frozen=True, slots=True)
class Copy(Output):
    """A file to copy into the site (a theme asset, a media file). The writer hashes it
    only when its size, mtime or inode changed since the last build."""

    source: Path | str

    def read(self) -> bytes:
        return Path(self.source).read_bytes()

    def write_to(self, target: Path) -> None:
        shutil.copyfile(self.source, target)


@dataclass(frozen=True, slots=True)
class Spooled(Output):
    """A page (or QR code) a worker process wrote into the spool, with its hash: a
    temporary file, moved into place rather than copied."""

    source: str  # a str, not a Path: a big site has tens of thousands of them
    digest: str

    def read(self) -> bytes:
        return Path(self.source).read_bytes()

    def write_to(self, target: Path) -> None:
        try:
            os.replace(self.source, target)
        except OSError:  # another file system: copy
            shutil.copyfile(self.source, target)


@dataclass(frozen=True, slots=True)
class Kept(Output):
    """Last build's file, which stands: the writer checks that it is still there as the
    last build wrote it (`digest`). `remake`, for a file made from its inputs alone (a QR
    code): makes the bytes again when that file is gone or was changed, instead of
    failing the build."""

    digest: str
    remake: Callable[[], bytes] | None = field(
        default=None, kw_only=True, compare=False, repr=False
    )


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
    hashed: dict[int, tuple[bytes, str]] = field(default_factory=dict)  # see plan.plan()
    outputs: dict[str, Output] = field(default_factory=dict)  # for same_as_last next time
