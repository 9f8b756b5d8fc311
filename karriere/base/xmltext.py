"""Text for the XML files we write by hand (feed, sitemap, QR code SVG) and for .ics.

Front matter is checked for control characters, but a Markdown body or a file name may
still carry one, and a single U+0001 makes a whole feed unreadable: so every writer
drops what XML 1.0 forbids, whatever was checked before.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

# Not allowed anywhere in an XML 1.0 document (tab, LF and CR are); lone surrogates too,
# which could not even be encoded as UTF-8.
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A language tag as BCP 47 writes it (de, de-DE, gsw-CH): nothing else is let into
# an xml:lang attribute.
LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")

# CR would come back as LF, and tab and LF in an attribute as spaces: keep them as written.
_IN_TEXT = {"\r": "&#13;"}
_IN_ATTRIBUTE = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}


def clean(value: str) -> str:
    """`value` without the characters XML 1.0 does not allow."""
    # Printable text holds none of them: the common case needs no regular expression.
    return value if value.isprintable() else ILLEGAL.sub("", value)


def text(value: str) -> str:
    """Element content: &, < and > escaped (and ]]>, whose > is escaped)."""
    return escape(clean(value), _IN_TEXT)


def attribute(value: str) -> str:
    """An attribute value for inside double quotes."""
    return escape(clean(value), _IN_ATTRIBUTE)


def language(code: str) -> str | None:
    """`code` if it is a language tag, else None (leave the attribute out)."""
    return code if LANGUAGE.fullmatch(code or "") else None
