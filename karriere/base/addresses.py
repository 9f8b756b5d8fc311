"""Checks of the web addresses and short texts in site.yaml and on the command line.

Standard library only: the command line checks --base-url before importing anything
heavy. Each function returns why a value is unusable, or None.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

BASE_URL_EXAMPLE = "e.g. https://example.org/karriere/"
# Line breaks, other control characters and the two non-characters break a title in
# HTML attributes, feeds and card images alike.
NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f\u2028\u2029\ufffe\uffff]")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?")


def base_url_problem(value: str) -> str | None:
    """The site's own address: http(s), a host, perhaps a port and a path; nothing else."""
    if NOT_ONE_LINE.search(value) or " " in value:
        return f"{value!r} contains spaces or control characters (expected {BASE_URL_EXAMPLE})"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{value!r} is not an absolute URL (expected {BASE_URL_EXAMPLE})"
    extra = [
        what
        for what, present in (
            ("a query (?…)", parts.query or value.endswith("?")),
            ("a fragment (#…)", parts.fragment or value.endswith("#")),
            ("a user name or password (…@)", "@" in parts.netloc),
        )
        if present
    ]
    if extra:
        return f"{value!r} has {' and '.join(extra)} (expected {BASE_URL_EXAMPLE})"
    return _port_problem(value, parts, BASE_URL_EXAMPLE)


def web_url_problem(value: str, example: str) -> str | None:
    """A link to another site: http(s) with a host (never javascript:, data: …)."""
    if NOT_ONE_LINE.search(value) or " " in value:
        return f"{value!r} contains spaces or control characters (expected {example})"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{value!r} is not a web address (expected {example})"
    return _port_problem(value, parts, example)


def link_problem(value: str, example: str) -> str | None:
    """A link that may also be an address on the site itself, such as /faq/."""
    squashed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
    if re.match(r"[a-z][a-z0-9+.-]*:", squashed) or squashed.startswith(("//", "\\")):
        return web_url_problem(value, example)
    if NOT_ONE_LINE.search(value):
        return f"{value!r} contains control characters (expected {example})"
    return None


def language_problem(value: str) -> str | None:
    if LANGUAGE.fullmatch(value):
        return None
    return f"{value[:40]!r} is not a language code (expected e.g. de or en)"


def _port_problem(value: str, parts, example: str) -> str | None:
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or (parts.netloc.endswith(":") and port is None):
        return f"{value!r} has a port that is not a number from 1 to 65535 (expected {example})"
    return None
