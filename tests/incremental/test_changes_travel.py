"""A save in the preview: where the content changed travels from stage to stage
(base/recall.py), so no stage compares a list of every vacancy or page again, and the
site is still byte for byte a clean build's."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from incremental_helpers import BUILD_DAY, bump, clean_build, edit, preview_engine, tree
from long_lists import write_long_site

import karriere.base.recall as recall_module

COUNT = 300


@pytest.fixture
def passes(monkeypatch) -> list[int]:
    """The lengths of the lists that were compared place by place."""
    seen: list[int] = []
    real = recall_module.changed_places

    def counted(objects, last):
        seen.append(len(objects))
        return real(objects, last)

    monkeypatch.setattr(recall_module, "changed_places", counted)
    return seen


@pytest.mark.parametrize("change", ["body", "title", "expired"])
def test_a_save_compares_no_long_list_place_by_place(tmp_path: Path, passes, change):
    site, slugs = write_long_site(tmp_path / "site", count=COUNT)
    out = tmp_path / "public"
    builder = preview_engine(site, out)
    source = site / f"content/vacancies/{slugs[100]}.md"
    text = source.read_text(encoding="utf-8")
    if change == "body":
        source.write_text(text + "\nNeu: ein Satz mehr.\n", encoding="utf-8")
        bump(source)
    elif change == "title":  # the sort key stays: the list order is the same
        edit(source, "(m/w/d)", "(w/m/d)")
    else:  # no longer open: every list of open vacancies gets shorter
        deadline = re.search(r"deadline: (\S+)", text).group(1)
        edit(source, deadline, (BUILD_DAY - timedelta(days=5)).isoformat())
    builder.build(changed_paths=[source])  # (the first save warms what a save keeps)
    bump(source)
    passes.clear()
    builder.build(changed_paths=[source])
    long_passes = [n for n in passes if n >= COUNT]
    assert long_passes == [], long_passes
    assert tree(out) == clean_build(site)
