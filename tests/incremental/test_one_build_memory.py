"""A command-line build keeps nothing that only a next build in the same process would
read: no Page shapes, no page or entry fingerprints memoised; its records are the same."""

from __future__ import annotations

import shutil

from incremental_helpers import BUILD_DAY, clean_build, tree

from karriere.content.loading import Entry
from karriere.incremental import page_cache
from karriere.incremental.builder import COMMAND_LINE, Builder
from karriere.pipeline import Request
from karriere.site.model import Item, Page


def build(site, out, keeps_all: bool, monkeypatch) -> Builder:
    """A cold command-line build; `keeps_all`: with the preview's memory of pages."""
    init = page_cache.PageCache.__init__

    def keeping(self, *args, **kwargs):
        init(self, *args, **kwargs)
        if keeps_all:
            self.keeps_shapes = True
            self.fingerprints._keeps_entries = True

    with monkeypatch.context() as patch:
        patch.setattr(page_cache.PageCache, "__init__", keeping)
        shutil.rmtree(site / ".karriere-cache", ignore_errors=True)
        builder = Builder(Request(site, BUILD_DAY), out, COMMAND_LINE, jobs=1)
        builder.build()
    return builder


def test_same_records_without_the_memory_of_pages(scratch_site, monkeypatch):
    out = scratch_site.parent / "public"
    lean = build(scratch_site, out, False, monkeypatch)
    memory = lean._pages
    assert memory.shapes and all(shape[1] is None for shape in memory.shapes.values())
    kinds = {type(hit[0]) for hit in memory.fingerprints.values()}
    assert Item in kinds and Entry not in kinds and Page not in kinds
    records = lean._load_state().records
    assert tree(out) == clean_build(scratch_site)

    full = build(scratch_site, scratch_site.parent / "full", True, monkeypatch)
    kinds = {type(hit[0]) for hit in full._pages.fingerprints.values()}
    assert {Entry, Page} <= kinds
    assert full._load_state().records == records
