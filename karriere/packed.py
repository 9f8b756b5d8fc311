"""Long texts held packed: Markdown bodies and their HTML, as zlib-compressed UTF-8.

A big site keeps every body and its HTML in memory from parsing to writing (the worker
processes that render pages are forked from the main one). As Python strings, German
text takes 2 bytes a character (one "–" or "„" is enough): 147 MB at 10,000 vacancies.
Packed, the same takes about a fifth, and unpacking one page's text costs some 10 µs
where rendering the page costs 1 ms. The bytes are also what the content cache stores
and what worker processes send, so both get smaller too.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

LEVEL = 1  # the fastest: bodies and HTML compress 3-4x anyway


def pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), LEVEL)


def unpack(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")


def unpack_start(data: bytes, size: int) -> Iterator[bytes]:
    """Ever longer starts of the UTF-8 text, `size` bytes more each time, up to all of it:
    for readers that need only the start, without unpacking the rest."""
    unpacker = zlib.decompressobj()
    found = unpacker.decompress(data, size)
    yield found
    while unpacker.unconsumed_tail:
        found += unpacker.decompress(unpacker.unconsumed_tail, size)
        yield found
