"""A command-line build keeps packed bodies and HTML in a spill file (base/packed.py)."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from incremental_helpers import BUILD_DAY, clean_build, edit, tree

from karriere.incremental.builder import COMMAND_LINE, Builder
from karriere.pipeline import Request

VACANCY = "content/vacancies/sachbearbeitung.md"


def spill_files(cache: Path) -> list[str]:
    """This process's open files in the cache folder that have no name (the spill file)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(cache)) and target.endswith("(deleted)"):
            found.append(target)
    return found


def test_a_spilling_builder_builds_what_a_plain_build_does_and_lets_its_file_go(scratch_site):
    out = scratch_site.parent / "public"
    cache = scratch_site / ".karriere-cache"
    builder = Builder(Request(scratch_site, BUILD_DAY), out, COMMAND_LINE, jobs=1)
    assert COMMAND_LINE.spill_texts
    builder.build()
    assert len(spill_files(cache)) == 1
    assert tree(out) == clean_build(scratch_site)
    edit(scratch_site / VACANCY, "- Pässe und Ausweise", "- Pässe")  # read back, again
    builder.build(changed_paths=[scratch_site / VACANCY])
    page = (out / "stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert "<li>Pässe</li>" in page and "Ausweise" not in page
    assert tree(out) == clean_build(scratch_site)
    del builder
    gc.collect()
    assert spill_files(cache) == []
