"""The no-op check (incremental/noop.py): an unchanged site is not built again, but an
output that somebody changed, or removed, is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import run_cli
from incremental_helpers import stamps

from karriere.base import stats
from karriere.incremental import noop


def build(site: Path, out: Path):
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", "2026-11-22")
    assert result.returncode == 0, result.stderr
    return result


@pytest.mark.parametrize("damage", ["changed in place", "removed"])
def test_an_output_changed_behind_the_builds_back_is_made_again(scratch_site, damage):
    out = scratch_site.parent / "public"
    build(scratch_site, out)
    assert "0 files written" in build(scratch_site, out).stdout  # the shortcut
    page = out / "stellen" / "index.html"
    original = page.read_bytes()
    if damage == "removed":
        page.unlink()
    else:
        with page.open("ab") as f:
            f.write(b"<!-- edited by hand -->")
    again = build(scratch_site, out)
    assert "0 files written" not in again.stdout
    assert page.read_bytes() == original
    assert "0 files written" in build(scratch_site, out).stdout


def test_an_unchanged_site_and_output_take_the_shortcut_without_touching_files(scratch_site):
    out = scratch_site.parent / "public"
    build(scratch_site, out)
    before = stamps(out)
    assert "0 files written" in build(scratch_site, out).stdout
    assert stamps(out) == before


def test_the_signatures_digest_tells_every_field_apart():
    found = [("a.md", (10, 1_700_000_000_000_000_000, 42)), ("b.md", (5, 1, 43))]
    digest = noop.signatures_digest(found)
    assert noop.signatures_digest(list(found)) == digest
    assert noop.signatures_digest([found[0], ("b.md", (5, 2, 43))]) != digest
    assert noop.signatures_digest([found[0], ("c.md", (5, 1, 43))]) != digest
    assert noop.signatures_digest([found[0], ("b.md", (5, 1, 44))]) != digest
    huge = [("a.md", (1, 1, 2**64 - 1))]  # an inode number beyond int64
    assert noop.signatures_digest(huge) != noop.signatures_digest([("a.md", (1, 1, 1))])


def test_many_files_are_looked_at_in_order_and_a_missing_one_is_an_error(tmp_path):
    paths = []
    for n in range(stats.ALONE_BELOW + 7):  # enough for two threads
        path = tmp_path / f"{n}.txt"
        path.write_bytes(b"x" * (n % 97))
        paths.append(str(path))
    found = stats.stat_paths(paths)
    assert [s.st_size for s in found] == [os.stat(p).st_size for p in paths]
    os.unlink(paths[-1])  # in the second thread's half
    with pytest.raises(FileNotFoundError):
        stats.stat_paths(paths)
