"""The no-op check (incremental/noop.py): an unchanged site is not built again, but an
output that somebody changed, or removed, is."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli
from incremental_helpers import stamps


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
