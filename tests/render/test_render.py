"""The template environment: its shortcut for calls keeps Jinja's rules for callables."""

from __future__ import annotations

from datetime import date

import jinja2
import pytest

from karriere.base import locale_format, strings
from karriere.render import filters, words
from karriere.render.pages import TrackingEnvironment

TEMPLATE = """\
{%- macro twice(x) %}{{ x }}{{ x }}{% endmacro -%}
{%- block main -%}
{% for n in [1, 2] %}{{ plain(n) }},{{ method(n) }},{{ "{}!".format(n) }},{{ twice(n) }};{% endfor %}
{{ with_context() }} {{ with_env() }} {{ callable_object(3) }} {{ t.language_name }} {{ t.gettext("Startseite") }}
{%- endblock %}"""


class Doubler:
    def __call__(self, n: int) -> int:
        return 2 * n

    def double(self, n: int) -> int:
        return 2 * n


@jinja2.pass_context
def with_context(context) -> str:
    return context["marker"]


@jinja2.pass_environment
def with_env(env) -> str:
    return type(env).__name__


def render(source: str, **values) -> str:
    env = TrackingEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    return env.from_string(source).render(values)


def test_calls_in_loops_and_blocks_reach_plain_functions_without_jinjas_extras():
    """Inside loops and blocks Jinja passes `_loop_vars` and `_block_vars`; a plain
    function must not see them, and functions that ask for the context still get it."""
    html = render(
        TEMPLATE,
        plain=lambda n: n * 10,
        method=Doubler().double,
        with_context=with_context,
        with_env=with_env,
        callable_object=Doubler(),
        marker="kontext",
        t=strings.load("de"),
    )
    assert html == "10,2,1!,11;20,4,2!,22;\nkontext TrackingEnvironment 6 Deutsch Startseite"


def test_a_strict_undefined_called_still_fails_with_its_name():
    with pytest.raises(jinja2.UndefinedError, match="missing"):
        render("{{ missing(1) }}")


def test_theme_words_come_through_jinjas_i18n_extension_with_escaped_values():
    env = TrackingEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    words.install(env, strings.load("en"))
    html = env.from_string(
        '{{ _("Offene Stellen: %(title)s", title=t) }} '
        '{{ ngettext("%(count)s offene Stelle", "%(count)s offene Stellen", 2, count=2) }}'
    ).render(t="<b>")
    assert html == "Open jobs: &lt;b&gt; 2 open jobs"


@pytest.mark.parametrize(
    "day", [date(2026, 6, 5), date(2026, 11, 22), date(1, 1, 1), date(999, 12, 31)]
)
def test_german_dates_are_written_as_strftime_writes_them(day):
    german = locale_format.locale_of("de")
    assert locale_format.day(day, german) == day.strftime("%d.%m.%Y")
    assert locale_format.day("2026-06-05", german) == "2026-06-05"  # not a date: as it is


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("de", "15.10.2037"),
        ("tr", "15 Eki 2037"),
        ("en", "15 Oct 2037"),
        ("ar", "15 أكتوبر 2037"),  # by month name: slashes scramble in mixed lines
        ("uk", "15 жовт. 2037\u202fр."),
    ],
)
def test_dates_in_each_language(language, shown):
    env = TrackingEnvironment()
    filters.add_filters(env, language)
    assert env.filters["date"](date(2037, 10, 15)) == shown


def test_money_in_each_language():
    assert locale_format.money(3456, locale_format.locale_of("de")) == "3.456\xa0€"
    assert locale_format.money(3456.5, locale_format.locale_of("de")) == "3.456,50\xa0€"
    assert locale_format.money(3456, locale_format.locale_of("en")) == "€3,456"
