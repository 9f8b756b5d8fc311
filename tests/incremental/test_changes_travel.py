"""A save in the preview: where the content changed travels from stage to stage
(base/recall.py), so that neither the site stage, nor the outputs, nor the page cache
compare a list of every vacancy or page again (the writer compares its outputs with last
build's once, write/plan.py few_changed), and the site is still a clean build's."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from incremental_helpers import (
    BUILD_DAY,
    bump,
    clean_build,
    edit,
    own_template,
    preview_engine,
    tree,
)
from long_lists import write_long_site

from karriere.base.errors import BuildError

COUNT = 300


@pytest.mark.parametrize("change", ["body", "title", "expired"])
def test_a_save_compares_no_long_list_place_by_place(tmp_path: Path, passes, change):
    site, slugs = write_long_site(tmp_path / "site", count=COUNT)
    out = tmp_path / "public"
    builder = preview_engine(site, out)
    other = site / f"content/vacancies/{slugs[50]}.md"  # a first save: what a save keeps
    other.write_text(other.read_text(encoding="utf-8") + "\nErster Satz.\n", encoding="utf-8")
    bump(other)
    builder.build(changed_paths=[other])
    source = site / f"content/vacancies/{slugs[100]}.md"
    text = source.read_text(encoding="utf-8")
    if change == "body":
        source.write_text(text + "\nNeu: ein Satz mehr.\n", encoding="utf-8")
        bump(source)
    elif change == "title":  # a new sort key, the same place in the list
        edit(source, "(m/w/d)", "(w/m/d)")
    else:  # no longer open: the lists of open vacancies get shorter (made anew)
        deadline = re.search(r"deadline: (\S+)", text).group(1)
        edit(source, deadline, (BUILD_DAY - timedelta(days=5)).isoformat())
    passes.clear()
    builder.build(changed_paths=[source])
    long_passes = [n for n in passes if n >= COUNT]
    assert long_passes == [], long_passes
    assert tree(out) == clean_build(site)


def test_a_save_that_fails_to_render_leaves_the_next_save_right(tmp_path: Path):
    """The page cache changes last build's tables in place after an edit; a build that
    fails halfway through rendering puts them back, and the next save is a clean build's
    site again."""
    site, slugs = write_long_site(tmp_path / "site", count=120)
    template = own_template(site, "vacancy.html")
    broken_on = (
        "{% block main %}{% if 'KAPUTT' in page.item.html %}{{ nothing.at.all() }}{% endif %}"
    )
    template.write_text(template.read_text().replace("{% block main %}", broken_on, 1))
    out = tmp_path / "public"
    builder = preview_engine(site, out)
    first, second = (site / f"content/vacancies/{slugs[n]}.md" for n in (10, 60))
    for path, line in ((first, "Erste Änderung."), (second, "Zweite Änderung.")):
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
        bump(path)
        builder.build(changed_paths=[path])
    second.write_text(second.read_text(encoding="utf-8") + "\nNoch ein Satz.\n", encoding="utf-8")
    first.write_text(first.read_text(encoding="utf-8") + "\nKAPUTT\n", encoding="utf-8")
    bump(first), bump(second)
    records, kept = dict(builder._state.records), dict(builder._pages.kept)
    with pytest.raises(BuildError):
        builder.build(changed_paths=[first, second])
    assert builder._state.records == records and builder._pages.kept == kept  # put back
    first.write_text(first.read_text(encoding="utf-8").replace("KAPUTT", "Heil."), encoding="utf-8")
    bump(first)
    builder.build(changed_paths=[first])
    assert tree(out) == clean_build(site)
