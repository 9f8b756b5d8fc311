"""The Jinja filters of the theme: German dates and money, soft hyphens."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from karriere.base.hyphenation import Hyphenator


def add_filters(env, language: str) -> None:
    """`date_de`, `money`, and `hyphenate` (text) and `hyphenate_labels` (a body's
    headings and table cells) in the page's language."""
    env.filters["date_de"] = date_de
    env.filters["money"] = money
    hyphenator = Hyphenator(language)
    env.filters["hyphenate"] = hyphenate_filter(hyphenator)
    env.filters["hyphenate_labels"] = lambda html: Markup(hyphenator.labels(str(html)))


def hyphenate_filter(hyphenator: Hyphenator):
    """Escaped text with soft hyphens in long words: for headings, labels and cards. The
    same titles and theme words come on many pages, so each text is done once."""
    done: dict[str, Markup] = {}

    def hyphenate(text) -> Markup:
        if type(text) is not str:  # Markup, a number, None: not worth keeping
            return Markup(hyphenator.html(str(escape(text)))) if text is not None else Markup()
        result = done.get(text)
        if result is None:
            result = done[text] = Markup(hyphenator.html(str(escape(text))))
        return result

    return hyphenate


def date_de(value) -> str:
    """05.06.2026, the way German readers write dates; text such as "zum nächstmöglichen
    Zeitpunkt" stays as it is. Front matter turns ISO days into dates, so that they
    never reach here as text (content/front_matter.py)."""
    if isinstance(value, date):  # (what strftime("%d.%m.%Y") writes, a third of its cost)
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    return str(value)


def money(value: float) -> str:
    """3.456,78 € style: German separators, cents only when there are any."""
    text = f"{value:,.2f}" if value % 1 else f"{value:,.0f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".") + " €"
