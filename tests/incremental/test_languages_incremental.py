"""Incremental builds know the languages: an English edit re-renders English pages only,
a fact edit in the German file every language's page of it, and the result always equals
a clean build."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_files
from incremental_helpers import VACANCY, Incremental, assert_same_as_clean, both, edit

from karriere.base.errors import BuildError

LANGUAGES = """\
languages:
  - {code: de, label: "Deutsch"}
  - {code: en, label: "English"}
  - {code: ar, label: "العربية"}
"""
TRANSLATION = "content/vacancies/sachbearbeitung.en.md"


@pytest.fixture
def inc(request, scratch_site: Path) -> Incremental:
    site_yaml = scratch_site / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + LANGUAGES, encoding="utf-8")
    write_files(
        scratch_site,
        {
            TRANSLATION: """\
                ---
                title: "Clerk at the citizens' office (m/f/d)"
                summary: "You advise the people of Teststadt."
                ---
                ## Your tasks

                - Passports and ID cards
                """,
            "content/stories/lena.ar.md": """\
                ---
                title: "سنتي الأولى"
                quote: "كل يوم مختلف."
                ---
                أحكي.
                """,
        },
    )
    builder = Incremental(scratch_site, getattr(request, "param", "memory"))
    builder.build()
    return builder


@both
def test_an_english_edit_renders_english_pages_and_nothing_german(inc):
    edit(inc.site / TRANSLATION, "Passports and ID cards", "Passports, ID cards and licences")
    report = inc.build()
    assert "en/stellen/sachbearbeitung/index.html" in report.written
    assert not [p for p in report.rendered if not p.startswith("en/")], report.rendered
    assert_same_as_clean(inc, report)


@both
def test_an_english_title_edit_renders_the_english_lists_that_show_it(inc):
    edit(inc.site / TRANSLATION, "Clerk at the", "Officer at the")
    report = inc.build()
    assert {"en/index.html", "en/stellen/index.html"} <= set(report.written)
    assert not [p for p in report.rendered if not p.startswith("en/")], report.rendered
    assert_same_as_clean(inc, report)


@both
def test_a_fact_edit_in_the_german_file_renders_every_language(inc):
    edit(inc.site / VACANCY, "deadline: 2031-06-30", "deadline: 2031-07-31")
    report = inc.build()
    for page in ("stellen/sachbearbeitung/", "en/stellen/sachbearbeitung/"):
        assert page + "index.html" in report.written
    assert "ar/stellen/index.html" in report.rendered  # lists the German vacancy
    assert_same_as_clean(inc, report)


def test_adding_and_removing_a_translation_equals_a_clean_build(inc):
    added = inc.site / "content/faq/wege.en.md"
    added.write_text('---\nquestion: "Which paths lead to the city administration?"\n---\nMany.\n')
    report = inc.build()
    assert "en/faq/index.html" in report.written
    assert_same_as_clean(inc, report)
    added.unlink()
    report = inc.build()
    assert_same_as_clean(inc, report)


def test_video_words_without_the_originals_video_are_an_error_on_a_save(inc):
    path = inc.site / TRANSLATION
    edit(path, 'summary: "You', 'video: {title: "A day at work"}\nsummary: "You')
    with pytest.raises(BuildError) as failed:
        inc.builder.build([path])  # the preview's short way: only this file is loaded
    assert str(failed.value.problems[0]).startswith(f"{TRANSLATION}:3: video: ")
