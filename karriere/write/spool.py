"""The spool: a folder where worker processes put the pages they render, for the writer
to move into place."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from karriere.write.folders import process_alive
from karriere.write.output import Bytes, Output, Spooled

# Files made in memory from this size on are held in the spool, not in memory (hold).
HOLD_FROM = 1 << 20


class Spool:
    """Made on first use, so builds that render in one process never touch it.

    `as_tree` (a build with no output folder yet): pages go to `site/<output path>` in it,
    and that folder becomes the staging folder as it is, with no file moved
    (staging.write_staged).
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
                if not process_alive(old.name.split("-")[1]):  # left by a killed build
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

    def hold(self, out: Output) -> Output:
        """A big file made in memory (a feed or sitemap of a big site), written into the
        spool at once, so that this process does not hold its bytes while it makes the
        other files; anything else, or without a spool folder, as it is."""
        if type(out) is not Bytes or len(out.data) < HOLD_FROM or self.folder() is None:
            return out
        return self.stream(out.path, [out.data], out.origin)

    def stream(self, path: str, chunks: Iterable[bytes], origin: str) -> Output:
        """A big file written into the spool as its chunks are made, never whole in
        memory (a feed of every vacancy); without a spool folder, joined in memory."""
        folder = self.folder()
        if folder is None:
            return Bytes(path, b"".join(chunks), origin=origin)
        handle, held = tempfile.mkstemp(prefix="held-", dir=folder)
        digest = hashlib.sha256()
        try:
            with os.fdopen(handle, "wb") as f:
                for chunk in chunks:
                    digest.update(chunk)
                    f.write(chunk)
        except OSError as exc:  # (a full disk: write() names no file; the message should)
            raise OSError(exc.errno, exc.strerror, held) from None
        return Spooled(path, held, digest.hexdigest()[:32], origin=origin)  # (as hash_bytes)

    def remove(self) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None
