"""The Jinja filters of the theme: dates and money in the page's language, soft hyphens."""

from __future__ import annotations

import json

from markupsafe import Markup, escape

from karriere.base import locale_format
from karriere.base.hyphenation import Hyphenator


def add_filters(env, language: str) -> None:
    """`date`, `money`, `number` (a count), and `hyphenate` (text) and `hyphenate_labels` (a body's
    headings and table cells) in the page's language."""
    locale = locale_format.locale_of(language)
    env.filters["date"] = date_filter(locale)
    env.filters["money"] = lambda value: locale_format.money(value, locale)
    env.filters["number"] = lambda value: locale_format.number(value, locale)
    env.filters["weekly"] = lambda slots: locale_format.weekly(slots, locale)  # phone hours
    env.filters["hours_data"] = hours_data
    hyphenator = Hyphenator(language)
    env.filters["hyphenate"] = hyphenate_filter(hyphenator)
    env.filters["hyphenate_labels"] = lambda html: Markup(hyphenator.labels(str(html)))


def hours_data(slots) -> str:
    """Weekly hours for hours.js: [[days (0 = Monday), from, to (minutes)], ...]."""
    return json.dumps([[list(s.days), s.start, s.end] for s in slots], separators=(",", ":"))


def hyphenate_filter(hyphenator: Hyphenator):
    """Escaped text with soft hyphens in long words: for headings, labels and cards. The
    same titles and theme words come on many pages, so each text is done once."""
    done: dict[str, Markup] = {}
    marked: dict[str, Markup] = {}  # theme words come as Markup (render/words.py)

    def hyphenate(text) -> Markup:
        kind = type(text)
        kept = done if kind is str else marked if kind is Markup else None
        if kept is None:  # a number, None: not worth keeping
            return Markup(hyphenator.html(str(escape(text)))) if text is not None else Markup()
        result = kept.get(text)
        if result is None:
            result = kept[text] = Markup(hyphenator.html(str(escape(text))))
        return result

    return hyphenate


def date_filter(locale):
    """A day in the page's language: 05.06.2026, 5 Jun 2026, 5 Haz 2026. A list shows
    the same deadlines many times, so each day is written once."""
    done: dict = {}

    def date(value) -> str:
        text = done.get(value)
        if text is None:
            text = done[value] = locale_format.day(value, locale)
        return text

    return date
