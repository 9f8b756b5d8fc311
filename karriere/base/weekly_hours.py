"""Weekly hours as editors write them: "Mo–Fr 8–12, Do 14–18", "Mo, Mi 8:00–12:30 Uhr",
"jeden Dienstag 15–17 Uhr". Read into slots (days, start, end) for the contact block,
the "open now" hint and the consultation hours' calendar file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from karriere.base.messages import Message, say

DAYS = ("mo", "di", "mi", "do", "fr", "sa", "so")  # Monday = 0, as date.weekday()
DAY_NAMES = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
# Words an editor may write that say nothing the days and times do not say already.
FILLER = {"jeden", "jede", "jeweils", "von", "uhr", "h", "immer"}
AND = {",", ";", "und", "+", "&", "/"}
# One token: a time (8, 08, 8:30, 8.30), a dash (any of - – — or "bis"), a word, a separator.
TOKEN = re.compile(
    r"\s*(?:(?P<time>\d{1,2}(?:[:.]\d{2})?)|(?P<dash>[-–—]|bis\b)"
    r"|(?P<word>[^\W\d_]+\.?)|(?P<sep>[,;+&/]))",
    re.IGNORECASE,
)
# Words for several days: "werktags 8–12" is Monday to Friday.
SPANS = {"werktags": (0, 4), "wochentags": (0, 4), "täglich": (0, 6), "taeglich": (0, 6)}


@dataclass(frozen=True)
class Slot:
    """Days (0 = Monday) with one span of time, in minutes after midnight."""

    days: tuple[int, ...]
    start: int
    end: int


class HoursError(ValueError):
    """Raised with a Message that says what was read and which forms are accepted."""


def parse(text: str) -> tuple[Slot, ...]:
    """The slots of `text`, in the order written; HoursError if it does not read."""
    tokens = _tokens(text)
    slots: list[Slot] = []
    position = 0
    while position < len(tokens):
        days, position = _days(tokens, position, text)
        spans, position = _spans(tokens, position, text)
        slots += [Slot(days, start, end) for start, end in spans]
    if not slots:
        raise HoursError(_unreadable(text, say("no days and times")))
    return tuple(slots)


def _tokens(text: str) -> list[tuple[str, object]]:
    tokens, position = [], 0
    text = text.strip()
    while position < len(text):
        found = TOKEN.match(text, position)
        if found is None or not found.group().strip():
            raise HoursError(
                _unreadable(text, say("cannot read {part!r}", part=text[position:].strip()))
            )
        position = found.end()
        kind = found.lastgroup
        value = found.group(kind)
        if kind == "word":
            word = value.lower().rstrip(".")
            if word in ("und", "bis"):
                kind, value = ("sep" if word == "und" else "dash"), word
            elif word in FILLER:
                continue
            elif word in SPANS:
                first, last = SPANS[word]
                tokens += [("word", first), ("dash", "-"), ("word", last)]
                continue
            else:
                value = _day(word, text)
        tokens.append((kind, value))
    return tokens


def _day(word: str, text: str) -> int:
    if word in DAYS:
        return DAYS.index(word)
    if word in DAY_NAMES:
        return DAY_NAMES.index(word)
    if word.endswith("s") and word[:-1] in DAY_NAMES:  # "dienstags"
        return DAY_NAMES.index(word[:-1])
    raise HoursError(_unreadable(text, say("{word!r} is not a day", word=word)))


def _days(tokens, position: int, text: str) -> tuple[tuple[int, ...], int]:
    """Days such as "Mo–Fr", "Mo, Mi", "Mo–Mi und Fr"; then the position of the times."""
    days: list[int] = []
    while position < len(tokens) and tokens[position][0] in ("word", "sep"):
        kind, first = tokens[position]
        position += 1
        if kind == "sep":
            continue
        last = first
        if _is(tokens, position, "dash") and _is(tokens, position + 1, "word"):
            last = tokens[position + 1][1]
            position += 2
            if last < first:
                raise HoursError(_unreadable(text, say("a range of days runs backwards")))
        days += [d for d in range(first, last + 1) if d not in days]
    if not days:
        raise HoursError(_unreadable(text, say("times without days")))
    return tuple(days), position


def _spans(tokens, position: int, text: str) -> tuple[list[tuple[int, int]], int]:
    """Times such as "8–12" or "8–12 und 13–15"; then the position of the next days."""
    spans = []
    while _is(tokens, position, "time"):
        if not (_is(tokens, position + 1, "dash") and _is(tokens, position + 2, "time")):
            raise HoursError(_unreadable(text, say("a time without its end")))
        start, end = _minutes(tokens[position][1], text), _minutes(tokens[position + 2][1], text)
        if end <= start:
            raise HoursError(_unreadable(text, say("a time ends before it starts")))
        spans.append((start, end))
        position += 3
        while _is(tokens, position, "sep"):
            position += 1
    if not spans:
        raise HoursError(_unreadable(text, say("days without times")))
    return spans, position


def _is(tokens, position: int, kind: str) -> bool:
    return position < len(tokens) and tokens[position][0] == kind


def _minutes(value: str, text: str) -> int:
    hours, _, minutes = value.replace(".", ":").partition(":")
    total = int(hours) * 60 + int(minutes or 0)
    if int(minutes or 0) > 59 or total > 24 * 60:
        raise HoursError(_unreadable(text, say("{time!r} is not a time of day", time=value)))
    return total


def _unreadable(text: str, why: Message) -> Message:
    return say(
        "{text!r} cannot be read as hours: {why} (expected days and times such as "
        "'Mo–Fr 8–12', 'Mo, Mi 8:00–12:30 Uhr' or 'Mo–Do 8–12, Do 14–18'; days Mo Di Mi "
        "Do Fr Sa So, written out or werktags, times 8, 08:00 or 8.30)",
        text=text[:80], why=why,
    )  # fmt: skip


def check(value: str | list[str]) -> str | list[str]:
    """A pydantic AfterValidator: the text as written, if it reads."""
    for text in [value] if isinstance(value, str) else value or [""]:  # [] is no hours
        try:
            parse(text)
        except HoursError as error:
            raise ValueError(error.args[0]) from None
    return value


def slots_of(value: str | list[str] | None) -> tuple[Slot, ...]:
    """The slots of a checked field: a text, or a list of texts (one line each)."""
    if not value:
        return ()
    texts = [value] if isinstance(value, str) else value
    return tuple(slot for text in texts for slot in parse(text))
