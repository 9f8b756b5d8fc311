"""Lists in pages, built incrementally: the same bytes as a clean build, and an edit
re-renders only the page of a list that shows the edited vacancy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from incremental_helpers import Incremental, bump, clean_build, edit, preview_engine, tree
from long_lists import write_long_site

# 60 generated vacancies, 9 of them expired, and the scratch site's own: 52 open ones,
# in six pages of ten (the last with two).
SETTINGS = "per_page: 10\n"
PAGES = 6


@pytest.fixture(params=["memory", "disk"])
def paged(request, tmp_path: Path) -> Incremental:
    site, _ = write_long_site(tmp_path / "site", count=60, settings=SETTINGS)
    builder = Incremental(site, request.param)
    builder.build()
    return builder


def slugs_on(out: Path, rel: str) -> list[str]:
    html = (out / rel).read_text(encoding="utf-8")
    return re.findall(r'class="card-title"><a href="/karriere/stellen/([^/]+)/', html)


def list_pages(paths: list[str]) -> list[str]:
    """The pages of /stellen/ itself among `paths`."""
    return [p for p in paths if p == "stellen/index.html" or p.startswith("stellen/seite/")]


def test_a_title_edit_rerenders_only_the_list_page_that_shows_it(paged):
    assert (paged.out / f"stellen/seite/{PAGES}/index.html").is_file()
    slug = slugs_on(paged.out, "stellen/seite/3/index.html")[4]
    edit(paged.site / f"content/vacancies/{slug}.md", "(m/w/d)", "(w/m/d) neu")
    report = paged.build()
    assert tree(paged.out) == clean_build(paged.site)
    assert list_pages(report.rendered) == ["stellen/seite/3/index.html"]
    assert list_pages(report.written) == ["stellen/seite/3/index.html"]
    assert "index.html" not in report.written  # the home page shows the newest four only


def test_a_new_vacancy_shifts_every_page_and_adds_one(paged):
    last_on_first = slugs_on(paged.out, "stellen/index.html")[-1]
    for n in range(9):  # 52 + 9 open: a seventh page
        text = (paged.site / "content/vacancies/stelle-000.md").read_text(encoding="utf-8")
        new = paged.site / f"content/vacancies/neu-{n}.md"
        new.write_text(re.sub(r"posted: \S+", "posted: 2026-11-20", text), encoding="utf-8")
    report = paged.build()
    assert tree(paged.out) == clean_build(paged.site)
    assert slugs_on(paged.out, "stellen/index.html")[0] == "neu-0"
    assert slugs_on(paged.out, "stellen/seite/2/index.html")[8] == last_on_first
    assert f"stellen/seite/{PAGES + 1}/index.html" in report.written


def test_fewer_vacancies_delete_the_last_page(paged):
    for slug in slugs_on(paged.out, f"stellen/seite/{PAGES}/index.html"):
        (paged.site / f"content/vacancies/{slug}.md").unlink()
    report = paged.build()
    assert tree(paged.out) == clean_build(paged.site)
    assert f"stellen/seite/{PAGES}/index.html" in report.deleted


def test_a_new_per_page_is_the_same_as_a_clean_build(paged):
    path = paged.site / "site.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(SETTINGS, "per_page: 7\n"))
    bump(path)
    paged.build()
    assert tree(paged.out) == clean_build(paged.site)
    assert (paged.out / "stellen/seite/8/index.html").is_file()


def test_the_preview_keeps_pages_right_edit_after_edit(tmp_path):
    site, _ = write_long_site(tmp_path / "site", count=60, settings=SETTINGS)
    out = tmp_path / "preview"
    builder = preview_engine(site, out)
    slug = slugs_on(out, "stellen/seite/2/index.html")[0]
    source = site / f"content/vacancies/{slug}.md"
    edit(source, "(m/w/d)", "(w/m/d) neu")
    report = builder.build(changed_paths=[source])
    assert tree(out) == clean_build(site)
    assert list_pages(report.rendered) == ["stellen/seite/2/index.html"]
    text = source.read_text(encoding="utf-8")  # now the newest: every page shifts
    source.write_text(re.sub(r"posted: \S+", "posted: 2026-11-21", text), encoding="utf-8")
    bump(source)
    builder.build(changed_paths=[source])
    assert tree(out) == clean_build(site)
    assert slugs_on(out, "stellen/index.html")[0] == slug
