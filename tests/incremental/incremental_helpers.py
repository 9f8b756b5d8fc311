"""Helpers for the incremental engine's tests: trees, edits, and the reference build.

The reference is the plain pipeline (`pipeline.run()` without hooks: no cache, every
stage from scratch, the writer into a fresh folder), never the engine itself, so that a
bug the engine shares with itself cannot hide.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from helpers import BUILD_DATE

import karriere
from karriere import pipeline
from karriere.incremental.builder import PREVIEW, Builder
from karriere.pipeline import Request

BUILD_DAY = date.fromisoformat(BUILD_DATE)
ROOT = Path(__file__).resolve().parent.parent.parent
VACANCY = "content/vacancies/sachbearbeitung.md"
# The preview's engine without .karriere-cache/: nothing read from or left for others.
IN_MEMORY = replace(PREVIEW, shared_content=False, made_name=None)


def tree(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def stamps(out: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in out.rglob("*")
        if p.is_file()
    }


def clean_build(site: Path, today: date = BUILD_DAY) -> dict[str, bytes]:
    """The plain pipeline into a fresh folder: no cache at all."""
    out = site.parent / "clean"
    shutil.rmtree(out, ignore_errors=True)
    pipeline.run(Request(site, today), out)
    files = tree(out)
    shutil.rmtree(out)
    return files


def assert_same_as_clean(inc: Incremental, report) -> None:
    assert tree(inc.out) == clean_build(inc.site, inc.today)
    assert report.written or report.deleted, "the change should have changed the output"


def preview_engine(site: Path, out: Path, jobs: int = 1) -> Builder:
    """The live preview's engine (kept in memory, files replaced in place), built once."""
    builder = Builder(Request(site, BUILD_DAY), out, IN_MEMORY, jobs=jobs)
    builder.build()
    return builder


class Incremental:
    """Builds one site into one folder again and again, like the preview or the CLI."""

    def __init__(self, site: Path, how: str):
        self.site, self.how, self.out = site, how, site.parent / "public"
        self.today = BUILD_DAY
        self.builder = Builder(Request(site, self.today), self.out, jobs=1)

    def build(self):
        if self.how == "disk":  # a new process: only .karriere-cache/ is known
            self.builder = Builder(Request(self.site, self.today), self.out, jobs=1)
        else:
            self.builder.request = Request(self.site, self.today)
        return self.builder.build()


both = pytest.mark.parametrize("inc", ["memory", "disk"], indirect=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new), encoding="utf-8")
    bump(path)


def bump(path: Path) -> None:
    """A later mtime, as a real save seconds later would give (same-size edits too)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000_000))


def own_template(site: Path, name: str) -> Path:
    """Copy a built-in template into the site's own theme (which then overrides it)."""
    source = Path(karriere.__file__).parent / "themes/default/templates" / name
    target = site / "themes/default/templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


VIDEO_FIELD = 'video: {youtube: "dQw4w9WgXcQ", poster: media/film.jpg, title: "Ein Tag im Amt"}\n'


def add_video(site: Path, vacancy: Path) -> None:
    from PIL import Image

    (site / "content/media").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (320, 180), (20, 90, 60)).save(site / "content/media/film.jpg")
    edit(vacancy, "category: fachkraft\n", "category: fachkraft\n" + VIDEO_FIELD)


# The pages that show lists of vacancy cards.
LISTS = {"index.html", "stellen/index.html", "stellen/kategorie/fachkraft/index.html"}


def besides_index(written: list[str]) -> list[str]:
    """The files written but the search index's (pagefind/) and the job boards' feed
    (stellen/jobs.xml, which holds each open vacancy's text), which follow every edit of
    a page's text."""
    return [p for p in written if not p.startswith("pagefind/") and p != "stellen/jobs.xml"]
