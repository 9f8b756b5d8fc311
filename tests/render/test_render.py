"""The template environment: its shortcut for calls keeps Jinja's rules for callables."""

from __future__ import annotations

from datetime import date

import jinja2
import pytest
from markupsafe import Markup, escape

from karriere.base import strings
from karriere.render import filters
from karriere.render import pages as render_module
from karriere.render.pages import TrackingEnvironment

TEMPLATE = """\
{%- macro twice(x) %}{{ x }}{{ x }}{% endmacro -%}
{%- block main -%}
{% for n in [1, 2] %}{{ plain(n) }},{{ method(n) }},{{ "{}!".format(n) }},{{ twice(n) }};{% endfor %}
{{ with_context() }} {{ with_env() }} {{ callable_object(3) }} {{ t.greeting }} {{ t["greeting"] }}
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
        t=strings.Strings({"greeting": "Moin"}),
    )
    assert html == "10,2,1!,11;20,4,2!,22;\nkontext TrackingEnvironment 6 Moin Moin"


def test_a_strict_undefined_called_still_fails_with_its_name():
    with pytest.raises(jinja2.UndefinedError, match="missing"):
        render("{{ missing(1) }}")


def test_the_theme_words_are_attributes_and_keys():
    words = strings.load("de")
    assert words.apply_now == words["apply_now"]
    assert isinstance(words, dict) and len(words.__dict__) == len(words)


@pytest.mark.parametrize(
    "day", [date(2026, 6, 5), date(2026, 11, 22), date(1, 1, 1), date(999, 12, 31)]
)
def test_german_dates_are_written_as_strftime_writes_them(day):
    assert filters.date_de(day) == day.strftime("%d.%m.%Y")
    assert filters.date_de("2026-06-05") == "2026-06-05"  # not a date: as it is


def test_template_globals_are_a_plain_dict_with_the_environments_underneath():
    env = TrackingEnvironment()
    merged = env.make_globals({"range": "mine", "extra": 1})
    assert type(merged) is dict
    assert merged["range"] == "mine" and merged["extra"] == 1 and "lipsum" in merged


ESCAPE_CASES = ['<a href="x">Tom & Jerry\'s</a>', "Straße", "", 3, 2.5, None, True,
                Markup("<b>sicher</b>"), date(2026, 12, 2)]  # fmt: skip


@pytest.mark.parametrize("value", ESCAPE_CASES)
def test_escape_text_writes_what_markupsafe_escape_writes(value):
    written = render_module.escape_text(value)
    assert isinstance(written, str)
    assert type(written) is str or isinstance(value, Markup)  # no new Markup made
    assert written == str(escape(value))


def test_compiled_templates_escape_output_with_escape_text_and_the_same_bytes():
    source = (
        "{{ a }}|{{ b }}|{{ n }}|{% autoescape false %}{{ a }}{% endautoescape %}"
        "|{% set s %}<i>{{ a }}</i>{% endset %}{{ s }}|{{ a | e }}"
    )
    values = {"a": "<x & 'y'>", "b": Markup("<b>ok</b>"), "n": 7}
    plain = jinja2.Environment(autoescape=True)
    ours = TrackingEnvironment(autoescape=True)
    assert "escape_text(" in ours.compile(source, raw=True)
    assert ours.from_string(source).render(values) == plain.from_string(source).render(values)
