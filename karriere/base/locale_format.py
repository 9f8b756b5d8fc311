"""Dates, money and counts the way readers of a language write them, through Babel (CLDR):
"15.10.2037" in German, "15 Oct 2037" in English, "15 Eki 2037" in Turkish."""

from __future__ import annotations

from datetime import date, time

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_day_names
from babel.numbers import format_currency, format_decimal

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


def number(value: int, locale: Locale) -> str:
    """A count with the locale's digit grouping: 1.234 in German, 1,234 in English."""
    return format_decimal(value, locale=locale)


def money(value: float, locale: Locale) -> str:
    """An amount in euros, cents only when there are any: 3.456 € / €3,456.78."""
    pattern = locale.currency_formats["standard"].pattern
    if not value % 1:
        pattern = pattern.replace(".00", "")
    return format_currency(value, CURRENCY, pattern, locale=locale, currency_digits=False)


def weekly(slots, locale: Locale) -> list[tuple[str, str]]:
    """Weekly hours (base.weekly_hours slots) as (days, times) in the reader's words:
    ("Mo–Fr", "8:00–12:00") in German, ("Mon–Fri", "8:00 AM–12:00 PM") in English.
    Slots on the same days in a row share one line: "8:00–12:00, 13:00–15:00"."""
    names = get_day_names("abbreviated", locale=locale)
    # English readers get the 12-hour clock; en_GB's dates stay as they are.
    clock = Locale.parse("en") if locale.language == "en" else locale
    pattern = clock.time_formats["short"].pattern.replace("HH", "H")
    lines: list[tuple[tuple[int, ...], list[str]]] = []
    for slot in slots:
        span = _clock(slot.start, pattern, clock) + "–" + _clock(slot.end, pattern, clock)
        if lines and lines[-1][0] == slot.days:
            lines[-1][1].append(span)
        else:
            lines.append((slot.days, [span]))
    return [(_day_runs(days, names), ", ".join(spans)) for days, spans in lines]


def _clock(minutes: int, pattern: str, locale: Locale) -> str:
    if minutes == 24 * 60:  # the end of the day
        return "24:00" if "H" in pattern else format_time(time(0, 0), pattern, locale=locale)
    return format_time(time(minutes // 60, minutes % 60), pattern, locale=locale)


def _day_runs(days: tuple[int, ...], names) -> str:
    """Mo–Fr for three days or more in a row, else a list: "Mo, Mi", "Sa, So"."""
    short = [names[d].rstrip(".") for d in range(7)]  # German "Mo." reads "Mo" in ranges
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(short[run[0]] + "–" + short[run[-1]])
        else:
            parts += [short[d] for d in run]
    return ", ".join(parts)
