"""Long texts held packed: Markdown bodies and their HTML, as LZ4-compressed UTF-8.

A big site keeps every body and its HTML in memory from parsing to writing (the worker
processes that render pages are forked from the main one), and German text takes two
bytes a character as a Python string; packed, it takes a fraction of that. LZ4 rather
than zlib because packing is on the way of every file of a cold build, and LZ4 packs and
unpacks several times faster (benchmarks/RESULTS.md, peak RSS and cold build). The bytes
are also what the content cache stores and what worker processes send.
"""

from __future__ import annotations

import lz4.block

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


def unpack(data: bytes) -> str:
    global _last
    last = _last
    if last[0] is data:  # the very object (bytes never change)
        return last[1]
    text = lz4.block.decompress(data).decode("utf-8")
    _last = (data, text)
    return text
