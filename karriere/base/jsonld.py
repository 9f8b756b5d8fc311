"""The one writer of every <script type="application/ld+json"> block: vacancies, events,
videos, FAQ, breadcrumbs and the organisation all go through `dumps()`."""

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
