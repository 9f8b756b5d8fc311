"""Dates and money the way readers of a language write them, through Babel (CLDR):
"15.10.2037" in German, "15 Oct 2037" in English, "15 Eki 2037" in Turkish."""

from __future__ import annotations

from datetime import date

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency

# The CLDR locale of a page's language where it is not the language itself: English
# readers here are in Europe and write the day first.
LOCALES = {"en": "en_GB"}
CURRENCY = "EUR"


def locale_of(language: str) -> Locale:
    try:
        return Locale.parse(LOCALES.get(language, language))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("de")


def day(value, locale: Locale) -> str:
    """A date in the locale's medium format; text such as "zum nächstmöglichen
    Zeitpunkt" stays as it is. German keeps two-digit days and months (05.06.2026)."""
    if not isinstance(value, date):
        return str(value)
    if locale.language == "de":  # (what Babel writes for de, ten times faster)
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    # Arabic's medium format is digits and slashes held in order by invisible marks, which
    # a line of mixed directions still scrambles: the month's name reads the same to all.
    return format_date(value, "long" if locale.language == "ar" else "medium", locale=locale)


def money(value: float, locale: Locale) -> str:
    """An amount in euros, cents only when there are any: 3.456 € / €3,456.78."""
    pattern = locale.currency_formats["standard"].pattern
    if not value % 1:
        pattern = pattern.replace(".00", "")
    return format_currency(value, CURRENCY, pattern, locale=locale, currency_digits=False)
