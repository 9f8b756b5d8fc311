"""Structured data (schema.org JSON-LD) that says exactly what the page shows.

Each builder returns a plain dict; `blocks()` picks the ones a page gets and `dumps()`
makes them safe inside <script type="application/ld+json">. `dumps()` writes every such
block, the event's (network.py) and the video's (the `json_ld` template global) too.
"""

from __future__ import annotations

import re

import orjson


def dumps(data: dict) -> str:
    """JSON that cannot end the script element early, whatever an editor wrote: no "</"
    (an end tag), no "<!--" and no "<script" (together they make the HTML parser skip
    the real end tag, and the rest of the page disappears into the script)."""
    text = orjson.dumps(data)
    text = text.replace(b"</", b"<\\/").replace(b"<!--", b"<\\u0021--")
    return _SCRIPT_TAG.sub(rb"\\u003c\1", text).decode()


_SCRIPT_TAG = re.compile(rb"<(script)", re.IGNORECASE)
