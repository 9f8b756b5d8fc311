"""Reading editors' files: UTF-8 (with or without BOM), any line ending, nothing binary."""

from __future__ import annotations

from pathlib import Path

from .errors import Problem

MAX_BYTES = 2_000_000  # a vacancy is a few KB; megabytes mean a pasted export or a mistake


def read_text(path: Path, shown: str) -> tuple[str, Problem | None]:
    """Return the text with LF line endings, or a Problem saying what to fix."""
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        size = len(data) // 1000
        return "", Problem(shown, 1, f"file is too large ({size} KB; expected at most 2000 KB)")
    if b"\x00" in data:
        return "", Problem(shown, 1, "file is binary, not text (expected a UTF-8 Markdown file)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return "", Problem(
            shown,
            line,
            "file is not UTF-8 (probably Windows-1252); save it as UTF-8 in your editor",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None
