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


# The last text packed or unpacked, with its bytes: a body is unpacked right after it was
# packed (to convert it), and a vacancy page shows its HTML twice (body and JobPosting).
# One tuple, replaced whole, so that threads never see one text with another's bytes.
_last: tuple[bytes | None, str] = (None, "")


def pack(text: str) -> bytes:
    global _last
    data = zlib.compress(text.encode("utf-8"), LEVEL)
    _last = (data, text)
    return data


def unpack(data: bytes) -> str:
    global _last
    last = _last
    if last[0] is data:  # the very object (bytes never change)
        return last[1]
    text = zlib.decompress(data).decode("utf-8")
    _last = (data, text)
    return text


def unpack_start(data: bytes, size: int) -> Iterator[bytes]:
    """Ever longer starts of the UTF-8 text, `size` bytes more each time, up to all of it:
    for readers that need only the start, without unpacking the rest."""
    unpacker = zlib.decompressobj()
    found = unpacker.decompress(data, size)
    yield found
    while unpacker.unconsumed_tail:
        found += unpacker.decompress(unpacker.unconsumed_tail, size)
        yield found
