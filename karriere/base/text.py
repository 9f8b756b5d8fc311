"""Reading editors' files: UTF-8 (with or without BOM), any line ending, nothing binary."""

from __future__ import annotations

from pathlib import Path

from karriere.base.errors import Problem
from karriere.base.messages import Message, say

MAX_BYTES = 2_000_000  # a vacancy is a few KB; megabytes mean a pasted export or a mistake


def read_text(path: Path, shown: str, data: bytes | None = None) -> tuple[str, Problem | None]:
    """Return the text with LF line endings, or a Problem saying what to fix. `data`: the
    file's bytes, if the caller has read them already."""
    if data is None:
        data = path.read_bytes()
    if len(data) > MAX_BYTES:
        size = len(data) // 1000
        too_large = say(
            "file is too large: {size} KB (expected at most 2000 KB of text)", size=size
        )
        return "", Problem(shown, 1, too_large)
    if b"\x00" in data:
        binary = say("file is binary, not text (expected a UTF-8 Markdown file)")
        return "", Problem(shown, 1, binary)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return "", Problem(shown, line, not_utf8(data, exc.start))
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def not_utf8(data: bytes, start: int) -> Message:
    """Name the encoding mistake and show the word, decoded the way Windows editors meant it."""
    begin = max(data.rfind(b" ", 0, start), data.rfind(b"\n", 0, start)) + 1
    ends = [i for i in (data.find(b" ", start), data.find(b"\n", start)) if i != -1]
    word = data[begin : min(ends, default=len(data))]
    try:
        shown = word.decode("cp1252").strip().strip('"')
    except UnicodeDecodeError:
        return say("file is not UTF-8 text (expected UTF-8: save it as UTF-8 in your editor)")
    return say(
        "file is Windows-1252 text, not UTF-8, e.g. in {word!r} "
        "(expected UTF-8: save it as UTF-8 in your editor)",
        word=shown,
    )
