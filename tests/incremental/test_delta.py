"""The preview's short way to the content (karriere/incremental/delta.py): when the watcher names only
known content files, just those are loaded again. Every step is compared with a clean
build, and the steps that must (not) take the short way are checked to do so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from incremental_helpers import BUILD_DAY, IN_MEMORY, besides_index, clean_build, edit, tree

from karriere.base.errors import BuildError
from karriere.incremental import delta
from karriere.incremental.builder import Builder
from karriere.pipeline import Request

VACANCY = "content/vacancies/sachbearbeitung.md"
STORY = "content/stories/lena.md"


@pytest.fixture
def preview(scratch_site: Path):
    out = scratch_site.parent / "preview"
    builder = Builder(Request(scratch_site, BUILD_DAY), out, IN_MEMORY, jobs=1)
    builder.build()
    return builder


@pytest.fixture
def full_loads(monkeypatch) -> list[int]:
    """Counts the builds that listed and loaded all of content/ (the long way)."""
    calls: list[int] = []
    long_way = delta.load_content

    def counted(*args):
        calls.append(1)
        return long_way(*args)

    monkeypatch.setattr(delta, "load_content", counted)
    return calls


def rebuild(builder: Builder, *paths: Path, loads: list[int] | None = None) -> bool:
    """Rebuild with the watcher's paths; whether it took the long way (needs `loads`)."""
    before = len(loads) if loads is not None else 0
    builder.build(changed_paths=list(paths))
    return loads is not None and len(loads) > before


def test_saved_file_takes_the_short_way(preview, full_loads):
    site = preview.request.site_dir
    edit(site / VACANCY, "- Pässe und Ausweise", "- Pässe")
    report = preview.build(changed_paths=[site / VACANCY])
    assert full_loads == []
    # The page, and the search index, which holds its text (outputs/search.py).
    assert besides_index(report.written) == ["stellen/sachbearbeitung/index.html"]
    assert any(path.startswith("pagefind/") for path in report.written)
    assert tree(preview.out_dir) == clean_build(site)

    edit(site / VACANCY, "category: fachkraft", "category: praktikum")
    assert not rebuild(preview, site / VACANCY, loads=full_loads)
    assert tree(preview.out_dir) == clean_build(site)


def test_atomic_save_takes_the_short_way(preview, full_loads):
    """An editor writes a temporary file and renames it over the original."""
    site = preview.request.site_dir
    target = site / VACANCY
    temporary = target.with_name(".sachbearbeitung.md.goutputstream-X1")
    temporary.write_text(
        target.read_text(encoding="utf-8").replace("- Pässe und Ausweise", "- Ausweise"),
        encoding="utf-8",
    )
    os.replace(temporary, target)
    assert not rebuild(preview, temporary, target, loads=full_loads)
    assert tree(preview.out_dir) == clean_build(site)


def test_error_stays_until_fixed_even_when_another_file_is_saved(preview):
    site = preview.request.site_dir
    before = tree(preview.out_dir)
    edit(site / VACANCY, "category: fachkraft", "category: fachkraeftee")
    with pytest.raises(BuildError) as first:
        rebuild(preview, site / VACANCY)
    assert VACANCY in str(first.value.problems[0])
    edit(site / STORY, "title: ", "title: Neu ")
    with pytest.raises(BuildError) as second:  # the broken vacancy is not forgotten
        rebuild(preview, site / STORY)
    assert VACANCY in str(second.value.problems[0])
    assert tree(preview.out_dir) == before
    edit(site / VACANCY, "category: fachkraeftee", "category: praktikum")
    rebuild(preview, site / VACANCY)
    assert tree(preview.out_dir) == clean_build(site)


def test_new_deleted_and_linked_files_take_the_long_way(preview, full_loads, tmp_path):
    site = preview.request.site_dir
    new = site / "content/vacancies/neu.md"
    new.write_text(
        (site / VACANCY).read_text(encoding="utf-8").replace("title: ", "title: Neue "),
        encoding="utf-8",
    )
    assert rebuild(preview, new, loads=full_loads)
    assert tree(preview.out_dir) == clean_build(site)

    new.unlink()
    assert rebuild(preview, new, loads=full_loads)
    assert tree(preview.out_dir) == clean_build(site)

    outside = tmp_path / "outside.md"
    outside.write_bytes((site / VACANCY).read_bytes())
    (site / VACANCY).unlink()
    (site / VACANCY).symlink_to(outside)
    before = len(full_loads)
    with pytest.raises(BuildError) as linked:
        rebuild(preview, site / VACANCY)
    assert len(full_loads) == before + 1
    assert "outside content/" in str(linked.value.problems[0])


def test_moved_folder_takes_the_long_way(preview, full_loads):
    site = preview.request.site_dir
    (site / "content/stories").rename(site / "stories-elsewhere")
    assert rebuild(preview, site / "content/stories", loads=full_loads)
    assert tree(preview.out_dir) == clean_build(site)
