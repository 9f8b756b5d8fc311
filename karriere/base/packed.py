"""Long texts held packed: Markdown bodies and their HTML, as LZ4-compressed UTF-8.

A big site keeps every body and its HTML in memory from parsing to writing (the worker
processes that render pages are forked from the main one), and German text takes two
bytes a character as a Python string; packed, it takes a fraction of that. LZ4 rather
than zlib because packing is on the way of every file of a cold build, and LZ4 packs and
unpacks several times faster (benchmarks/RESULTS.md, peak RSS and cold build). The bytes
are also what the content cache stores and what worker processes send.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import lz4.block

from karriere.base.hashing import hash_bytes

# The hook that spares an unpack: the last text packed or unpacked, with its bytes (a body
# is unpacked right after it was packed, to convert it, and a vacancy page shows its HTML
# twice, body and JobPosting). One tuple, replaced whole, so that threads never see one
# text with another's bytes.
_last: tuple[bytes | None, str] = (None, "")


def pack(text: str) -> bytes:
    global _last
    data = lz4.block.compress(text.encode("utf-8"))  # (with its size in front)
    _last = (data, text)
    return data


def unpack(data: bytes | Spilled) -> str:
    global _last
    last = _last
    if last[0] is data:  # the very object (bytes never change)
        return last[1]
    packed = data.read() if type(data) is Spilled else data
    text = lz4.block.decompress(packed).decode("utf-8")
    _last = (data, text)  # type: ignore[assignment]
    return text


def packed_digest(data: bytes | Spilled) -> str:
    """hash_bytes() of packed text, held in memory or spilled."""
    return data.digest if type(data) is Spilled else hash_bytes(data)


class SpillFile:
    """Packed texts kept in an unnamed temporary file instead of memory. A build that runs
    once (the command line) holds every body and its HTML from parsing to writing: at
    100,000 vacancies, about 450 MB (benchmarks/RESULTS.md, peak RSS). Forked processes
    read the same file: its descriptor is inherited, and reads name their offset."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self._file = tempfile.TemporaryFile(dir=folder)  # (gone when closed, or at exit)
        self._fd = self._file.fileno()
        self._end = 0
        self._where = str(folder / "spill")  # (for messages: the file has no name)

    def spill(self, data: bytes) -> Spilled:
        offset, view = self._end, memoryview(data)
        try:
            while view:
                written = os.pwrite(self._fd, view, offset + len(data) - len(view))
                view = view[written:]
        except OSError as exc:  # (a full disk: pwrite() names no file; the message should)
            raise OSError(exc.errno, exc.strerror, self._where) from None
        self._end += len(data)
        return Spilled(self, offset, len(data), hash_bytes(data))

    def read(self, offset: int, length: int) -> bytes:
        data = os.pread(self._fd, length, offset)
        if len(data) != length:  # (a file cut short under us: not the text it was)
            raise OSError(errno.EIO, os.strerror(errno.EIO), self._where)
        return data


class Spilled:
    """Packed text in a SpillFile: equal to another with the same bytes, and pickled as
    those bytes (the content cache stores the text itself)."""

    __slots__ = ("file", "offset", "length", "digest")

    def __init__(self, file: SpillFile, offset: int, length: int, digest: str):
        self.file, self.offset, self.length, self.digest = file, offset, length, digest

    def read(self) -> bytes:
        return self.file.read(self.offset, self.length)

    def __eq__(self, other: object) -> bool:
        return type(other) is Spilled and self.digest == other.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __reduce__(self):
        return bytes, (self.read(),)
