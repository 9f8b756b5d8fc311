"""Incremental builds give exactly the bytes of a clean build, whatever changed.

Each test builds a scratch site once, changes one kind of input, rebuilds incrementally
(in-process with a kept Builder, and as a separate run that only has the disk cache, for
tests marked `both`) and compares every byte with the plain pipeline's build of the
changed site (incremental_helpers.clean_build). What the engine skipped doing is checked
in test_work_done.py.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from helpers import readable
from incremental_helpers import (
    BUILD_DAY,
    IN_MEMORY,
    LISTS,
    ROOT,
    VACANCY,
    VIDEO_FIELD,
    add_video,
    assert_same_as_clean,
    besides_index,
    both,
    bump,
    clean_build,
    edit,
    own_template,
    preview_engine,
    tree,
)

import karriere
from karriere.base.errors import BuildError
from karriere.incremental import content_cache
from karriere.incremental.builder import Builder
from karriere.outputs import network_files
from karriere.pipeline import Request
from karriere.render import pages as render
from karriere.site import descriptions


@both
def test_body_edit(inc):
    edit(inc.site / VACANCY, "- Pässe und Ausweise", "- Pässe, Ausweise und Führerscheine")
    report = inc.build()
    assert_same_as_clean(inc, report)
    # The page, and the search index, which holds its text (outputs/search.py).
    assert besides_index(report.written) == ["stellen/sachbearbeitung/index.html"]
    assert any(path.startswith("pagefind/") for path in report.written)


def test_title_edit_updates_lists_sitemap_and_feed(inc):
    edit(inc.site / VACANCY, "Sachbearbeiter*in Bürgeramt", "Sachbearbeiter*in Bürgerbüro")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert {"index.html", "stellen/index.html", "stellen/feed.xml"} <= set(report.written)
    assert "Bürgerbüro" in readable((inc.out / "stellen/index.html").read_text())


def test_new_file(inc):
    new = inc.site / "content/vacancies/neu.md"
    text = (inc.site / VACANCY).read_text().replace("Bürgeramt (m/w/d)", "Neu (m/w/d)")
    new.write_text(text, encoding="utf-8")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/neu/index.html" in report.written
    assert "Neu (m/w/d)" in (inc.out / "sitemap.xml").read_text() or (
        "stellen/neu/" in (inc.out / "sitemap.xml").read_text()
    )


def test_deleted_file(inc):
    (inc.site / VACANCY).unlink()
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/sachbearbeitung/index.html" in report.deleted
    assert not (inc.out / "stellen/sachbearbeitung").exists()


@both
def test_renamed_file(inc):
    (inc.site / VACANCY).rename(inc.site / "content/vacancies/buergeramt.md")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/buergeramt/index.html" in report.written
    assert "stellen/sachbearbeitung/index.html" in report.deleted


def test_story_edit(inc):
    edit(
        inc.site / "content/stories/lena.md",
        "Jeder Tag ist anders.",
        "Kein Tag gleicht dem anderen.",
    )
    report = inc.build()
    assert_same_as_clean(inc, report)


def test_legal_page_title_edit_updates_every_footer(inc):
    edit(inc.site / "content/pages/impressum.md", "title: Impressum", "title: Impressum & Kontakt")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/sachbearbeitung/index.html" in report.written


@both
def test_new_template_override_and_template_edit(inc):
    target = own_template(inc.site, "story.html")
    inc.build()
    assert tree(inc.out) == clean_build(inc.site)
    edit(target, "{% block main %}", "{% block main %}<p>Neu im Theme</p>")
    report = inc.build()
    assert_same_as_clean(inc, report)


def test_partial_edit_rerenders_every_page_that_includes_it(inc):
    target = own_template(inc.site, "partials/footer.html")
    edit(target, '<footer class="site-footer">', '<footer class="site-footer" id="fuss">')
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/sachbearbeitung/index.html" in report.written
    assert "404.html" in report.written


@both
def test_card_partial_edit_updates_every_list(inc):
    target = own_template(inc.site, "partials/vacancy_card.html")
    edit(target, '<li class="card"', '<li class="card stelle"')
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert {"stellen/index.html", "index.html"} <= set(report.rendered)


@both
def test_card_reading_more_of_the_site_is_tracked(inc):
    """A theme's card that shows the number of vacancies: a new vacancy changes every card."""
    target = own_template(inc.site, "partials/vacancy_card.html")
    edit(target, "</dl>", "</dl><p>{{ site.vacancies | length }} Stellen</p>")
    inc.build()
    source = inc.site / VACANCY
    copy = source.with_name("zweite-stelle.md")
    copy.write_text(source.read_text(encoding="utf-8").replace("title: ", "title: Zweite "))
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/kategorie/fachkraft/index.html" in report.written


def test_preview_cards_kept_by_identity_follow_what_they_read(scratch_site):
    """In the preview the same item objects come back, and a list takes last build's
    card of an item by identity: only while everything the card read is unchanged."""
    target = own_template(scratch_site, "partials/vacancy_card.html")
    edit(target, "</dl>", "</dl><p>{{ site.vacancies | length }} Stellen</p>")
    out = scratch_site.parent / "preview"
    builder = preview_engine(scratch_site, out)
    source = scratch_site / VACANCY
    copy = source.with_name("zweite-stelle.md")
    copy.write_text(source.read_text(encoding="utf-8").replace("title: ", "title: Zweite "))
    report = builder.build(changed_paths=[copy])
    assert tree(out) == clean_build(scratch_site)
    assert "stellen/kategorie/fachkraft/index.html" in report.written
    edit(source, "- Pässe und Ausweise", "- Pässe")  # the cards read no body: all kept
    builder.build(changed_paths=[source])
    assert tree(out) == clean_build(scratch_site)


def test_preview_lists_reused_place_by_place_follow_the_card_template(scratch_site):
    """A list page's cards come back from last build's call of the same page (the same
    items in the same places, but for the edited one) only while the card template and
    what it read are unchanged."""
    out = scratch_site.parent / "preview"
    builder = preview_engine(scratch_site, out)
    source = scratch_site / VACANCY
    edit(source, 'title: "Sachbearbeiter*in', 'title: "Fachkraft')
    report = builder.build(changed_paths=[source])
    assert tree(out) == clean_build(scratch_site)
    assert "stellen/index.html" in report.written
    target = own_template(scratch_site, "partials/vacancy_card.html")
    edit(target, "</dl>", "</dl><p>Neu im Angebot</p>")
    report = builder.build(changed_paths=[target])
    assert tree(out) == clean_build(scratch_site)
    assert "Neu im Angebot" in (out / "stellen/index.html").read_text(encoding="utf-8")
    edit(source, 'title: "Fachkraft', 'title: "Sachbearbeiter*in')
    builder.build(changed_paths=[source])
    assert tree(out) == clean_build(scratch_site)


def test_preview_filter_choices_follow_an_employers_name(tmp_path):
    """The vacancy filter's choices on /stellen/ are made again from last build's facts
    only when a fact or a label changed: here an employer's short name (example site)."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copy(ROOT / "site.yaml", site / "site.yaml")
    shutil.copytree(ROOT / "themes", site / "themes")
    out = tmp_path / "preview"
    builder = preview_engine(site, out)
    employer = site / "content/employers/gwl-wohnen.md"
    edit(employer, 'short_name: "GWL"', 'short_name: "GWL Wohnen"')
    builder.build(changed_paths=[employer])
    assert tree(out) == clean_build(site)
    assert ">GWL Wohnen</label>" in (out / "stellen/index.html").read_text(encoding="utf-8")


def test_static_asset_edit(inc):
    css = Path(karriere.__file__).parent / "themes/default/static/style.css"
    target = inc.site / "themes/default/static/style.css"
    target.parent.mkdir(parents=True)
    target.write_bytes(css.read_bytes() + b"\n.neu{color:red}\n")
    report = inc.build()
    assert_same_as_clean(inc, report)
    old_css = [p for p in report.deleted if p.startswith("assets/style.")]
    assert old_css, "the old fingerprinted stylesheet is removed"


@both
def test_site_yaml_edit(inc):
    edit(inc.site / "site.yaml", 'Stadt Teststadt"\nbase_url', 'Stadt Neustadt"\nbase_url')
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "Neustadt" in (inc.out / "stellen/sachbearbeitung/index.html").read_text()


@both
def test_base_path_change_rebases_the_bodies(inc):
    """A body's HTML depends on the base path (rooted links are rebased): pages must not
    keep last build's HTML when only site.yaml's base_url moved."""
    edit(inc.site / VACANCY, "- Pässe und Ausweise", "- Pässe, siehe [FAQ](/faq/)")
    inc.build()
    edit(inc.site / "site.yaml", "example.org/karriere/", "example.org/jobs/")
    report = inc.build()
    assert_same_as_clean(inc, report)
    page = (inc.out / "stellen/sachbearbeitung/index.html").read_text()
    assert 'href="/jobs/faq/"' in page


def test_category_added_in_site_yaml(inc):
    with open(inc.site / "site.yaml", "a", encoding="utf-8") as f:
        f.write(
            "categories: {fachkraft: Fachkräfte, praktikum: Praktikum, ausbildung: Ausbildung, it: IT}\n"
        )
    bump(inc.site / "site.yaml")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/kategorie/it/index.html" in report.written


def test_media_replaced(inc):
    media = inc.site / "content/media"
    media.mkdir()
    (media / "team.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"/>'
    )
    edit(inc.site / VACANCY, "summary:", "image: media/team.svg\nimage_alt: Das Team\nsummary:")
    inc.build()
    assert tree(inc.out) == clean_build(inc.site)
    (media / "team.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="60"/>'
    )
    bump(media / "team.svg")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "media/team.svg" in report.written


@both
def test_build_date_crossing_a_deadline(inc):
    inc.today = date(2031, 7, 1)  # the day after sachbearbeitung's deadline
    report = inc.build()
    assert_same_as_clean(inc, report)
    page = readable((inc.out / "stellen/sachbearbeitung/index.html").read_text())
    assert "Bewerbungsfrist ist abgelaufen" in page and "JobPosting" not in page
    assert "stellen/sachbearbeitung/" not in (inc.out / "sitemap.xml").read_text()


def test_failed_build_writes_nothing_and_recovers(inc):
    before = tree(inc.out)
    edit(inc.site / VACANCY, "category: fachkraft", "category: fachkraeftee")
    with pytest.raises(BuildError):
        inc.build()
    assert tree(inc.out) == before
    edit(inc.site / VACANCY, "category: fachkraeftee", "category: praktikum")
    report = inc.build()
    assert_same_as_clean(inc, report)


def test_tampered_output_is_repaired(inc):
    page = inc.out / "stellen/sachbearbeitung/index.html"
    page.write_text("kaputt")
    (inc.out / "extra.html").write_text("not ours")
    report = inc.build()
    assert tree(inc.out) == clean_build(inc.site)
    assert "stellen/sachbearbeitung/index.html" in report.written
    assert "extra.html" in report.deleted


def test_changed_paths_hint_for_the_preview(scratch_site):
    out = scratch_site.parent / "preview"
    builder = preview_engine(scratch_site, out)
    path = scratch_site / VACANCY
    edit(path, "- Pässe und Ausweise", "- Pässe")
    report = builder.build(changed_paths=[path])
    # The page, and the search index, which holds its text (outputs/search.py).
    assert besides_index(report.written) == ["stellen/sachbearbeitung/index.html"]
    assert any(path.startswith("pagefind/") for path in report.written)
    assert tree(out) == clean_build(scratch_site)


def test_parallel_build_equals_serial_build(scratch_site, monkeypatch):
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    monkeypatch.setattr(content_cache, "PARALLEL_FROM", 1)
    monkeypatch.setattr(network_files, "QR_PARALLEL_FROM", 1)
    out = scratch_site.parent / "parallel"
    report = Builder(Request(scratch_site, BUILD_DAY), out, IN_MEMORY, jobs=2).build()
    assert report.parsed == 8
    # Private, as no public function forgets them: the reference must make its own
    # descriptions, not take those the workers sent to this process.
    descriptions._descriptions.clear()
    assert tree(out) == clean_build(scratch_site)
    assert not list((scratch_site / ".karriere-cache").glob("spool-*")), "spool left behind"
    edit(scratch_site / VACANCY, "- Pässe und Ausweise", "- Pässe")
    Builder(Request(scratch_site, BUILD_DAY), out, jobs=2).build()
    assert tree(out) == clean_build(scratch_site)


def test_preview_builder_stays_exact_over_many_rebuilds(scratch_site):
    """One long-lived preview engine (identity reuse of items, page shapes, fingerprints)
    matches a clean build after each of a series of different edits."""
    out = scratch_site.parent / "preview"
    builder = preview_engine(scratch_site, out)
    vacancy = scratch_site / VACANCY
    steps = [
        lambda: edit(vacancy, "- Pässe und Ausweise", "- Pässe"),
        lambda: edit(vacancy, 'title: "Sachbearbeiter*in', 'title: "Fachkraft'),
        lambda: edit(vacancy, "category: fachkraft", "category: praktikum"),
        lambda: (scratch_site / "content/vacancies/neu.md").write_text(
            vacancy.read_text(encoding="utf-8").replace("title: ", "title: Neue "),
            encoding="utf-8",
        ),
        lambda: (scratch_site / "content/vacancies/neu.md").unlink(),
        lambda: edit(scratch_site / "site.yaml", "Teststadt", "Musterstadt"),
        lambda: edit(vacancy, "category: praktikum", "category: fachkraft"),
        lambda: add_video(scratch_site, vacancy),  # the site's videos: known items and new
        lambda: edit(vacancy, VIDEO_FIELD, ""),
    ]
    for number, step in enumerate(steps):
        step()
        named = [vacancy, scratch_site / "content/vacancies/neu.md"]  # as a watcher would
        report = builder.build(changed_paths=None if number == 5 else named)
        assert tree(out) == clean_build(scratch_site), f"step {number}"
        assert report.written or report.deleted, f"step {number} changed nothing"


@both
def test_a_card_that_shows_the_body_follows_it(inc):
    target = own_template(inc.site, "partials/vacancy_card.html")
    edit(target, "</dl>", "</dl><div>{{ v.html | safe }}</div>")
    inc.build()
    edit(inc.site / VACANCY, "- Pässe und Ausweise", "- Pässe, Ausweise und Führerscheine")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert LISTS <= set(report.written)
    assert "Führerscheine" in (inc.out / "stellen/index.html").read_text(encoding="utf-8")
