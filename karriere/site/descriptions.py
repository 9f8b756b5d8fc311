"""Page descriptions made from the body: the first sentence of the HTML as plain text,
cut at a word boundary (meta description, og:description, list cards)."""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING

from karriere.base.packed import Spilled, unpack

if TYPE_CHECKING:
    from karriere.site.model import Item


DESCRIPTION_LIMIT = 160  # characters of a page's description made from its body


# The hook the content cache fills: first_sentence_packed() of packed HTML, by its bytes.
# A cold build's parse workers send theirs (remember_description) and the same HTML comes
# again in every rebuild of the preview, so most pages never cut a description themselves.
_descriptions: dict[tuple[bytes | str, int], str] = {}


def first_sentence_of(item: Item, limit: int = DESCRIPTION_LIMIT) -> str:
    """first_sentence(item.html), mostly from the start of the HTML alone."""
    found = _descriptions.get((_key(item.packed_html), limit))
    if found is None:
        found = first_sentence_packed(item.packed_html, limit)
        remember_description(item.packed_html, found, limit)
    return found


def remember_description(
    packed: bytes | Spilled, text: str, limit: int = DESCRIPTION_LIMIT
) -> None:
    """`text` is first_sentence_packed(packed, limit), e.g. from a parse worker."""
    if len(_descriptions) >= 1 << 16:  # a long preview session: start again
        _descriptions.clear()
    _descriptions[_key(packed), limit] = text


def _key(packed: bytes | Spilled) -> bytes | str:
    # A spilled text by its digest: the table outlives builders, and must not keep
    # their spill files open.
    return packed.digest if type(packed) is Spilled else packed


def known_description(packed: bytes | Spilled, limit: int = DESCRIPTION_LIMIT) -> str | None:
    return _descriptions.get((_key(packed), limit))


def first_sentence_packed(packed: bytes, limit: int) -> str:
    """first_sentence() of packed HTML, mostly from its start: most bodies say enough in
    their first few hundred characters. Cut after a '>', so that no tag or entity is
    split: the text of that part is the start of the whole."""
    html = unpack(packed)
    end = html.find(">", 4 * limit)
    if end > 0:
        text = _plain_text(html[: end + 1])
        if len(text) > limit:
            return _cut(text, limit)
    return first_sentence(html, limit)


def first_sentence(html: str, limit: int = 160) -> str:
    """A plain-text description from rendered HTML, cut at a word boundary."""
    text = _plain_text(html)
    return text if len(text) <= limit else _cut(text, limit)


def _cut(text: str, limit: int) -> str:
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


_TAG = re.compile(r"<[^>]+>")


def _plain_text(html: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", html)).split())
