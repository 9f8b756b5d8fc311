"""Checks of the web addresses and short texts in site.yaml and on the command line.

Standard library only: the command line checks --base-url before importing anything
heavy. Each function returns why a value is unusable, or None.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from karriere.base.messages import Message, say

BASE_URL_EXAMPLE = say("e.g. {example}", example="https://example.org/karriere/")
# Line breaks, other control characters and the two non-characters break a title in
# HTML attributes, feeds and card images alike.
NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f\u2028\u2029\ufffe\uffff]")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?")


def not_one_piece(value: str, example) -> Message | None:
    """An address with spaces or control characters in it (pasted with a line break)."""
    if NOT_ONE_LINE.search(value) or " " in value:
        return say(
            "{value!r} contains spaces or control characters (expected {example})",
            value=value, example=example,
        )  # fmt: skip
    return None


def base_url_problem(value: str) -> Message | None:
    """The site's own address: http(s), a host, perhaps a port and a path; nothing else."""
    example = BASE_URL_EXAMPLE
    unbroken = not_one_piece(value, example)
    if unbroken:
        return unbroken
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return say(
            "{value!r} is not an absolute URL (expected {example})", value=value, example=example
        )
    extra = [
        what
        for what, present in (
            (say("a query (?…)"), parts.query or value.endswith("?")),
            (say("a fragment (#…)"), parts.fragment or value.endswith("#")),
            (say("a user name or password (…@)"), "@" in parts.netloc),
        )
        if present
    ]
    if extra:
        parts_named = extra[0]
        for more in extra[1:]:  # "a and b and c", each part translated
            parts_named = say("{first} and {second}", first=parts_named, second=more)
        return say(
            "{value!r} has {parts} (expected {example})",
            value=value, parts=parts_named, example=example,
        )  # fmt: skip
    return _port_problem(value, parts, example)


def web_url_problem(value: str, example: str) -> Message | None:
    """A link to another site: http(s) with a host (never javascript:, data: …).
    `example`: what to write instead, a say(...) Message such as BASE_URL_EXAMPLE."""
    if NOT_ONE_LINE.search(value) or " " in value:
        return say(
            "{value!r} contains spaces or control characters (expected {example})",
            value=value, example=example,
        )  # fmt: skip
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return say(
            "{value!r} is not a web address (expected {example})", value=value, example=example
        )
    return _port_problem(value, parts, example)


def link_problem(value: str, example: str) -> Message | None:
    """A link that may also be an address on the site itself, such as /faq/."""
    squashed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
    if re.match(r"[a-z][a-z0-9+.-]*:", squashed) or squashed.startswith(("//", "\\")):
        return web_url_problem(value, example)
    if NOT_ONE_LINE.search(value):
        return say(
            "{value!r} contains control characters (expected {example})",
            value=value, example=example,
        )  # fmt: skip
    return None


def language_problem(value: str) -> Message | None:
    if LANGUAGE.fullmatch(value):
        return None
    return say("{value!r} is not a language code (expected e.g. de or en)", value=value[:40])


def _port_problem(value: str, parts, example: str) -> Message | None:
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or (parts.netloc.endswith(":") and port is None):
        return say(
            "{value!r} has a port that is not a number from 1 to 65535 (expected {example})",
            value=value, example=example,
        )  # fmt: skip
    return None
