"""Content folders that git cannot hold: link loops, a FIFO named like a content file,
and a folder named like one appearing after a good build. Each gives `path:1: …` and
exit 1, within seconds, never a traceback or a hang; the previous output stays."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import BUILD_DATE, ROOT, SCRATCH_FILES, write_files

LOOP = (
    "is a link that leads back to itself or to a folder containing it, an endless loop "
    "(expected a real file or folder; delete the link)"
)


def karriere(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        capture_output=True,
        text=True,
        timeout=60,  # a FIFO opened for reading would block until this runs out
        env={**os.environ, "KARRIERE_LANG": "en"},  # the code's wording, as run_cli
    )


def build(site: Path) -> subprocess.CompletedProcess:
    return karriere("build", "--site", str(site), "--date", BUILD_DATE)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def loop_to_content(site: Path) -> None:
    (site / "content/loop").symlink_to(".")


def loop_to_site(site: Path) -> None:
    (site / "content/vacancies/hoch").symlink_to("../..")


def links_to_each_other(site: Path) -> None:
    (site / "content/a").symlink_to("b")
    (site / "content/b").symlink_to("a")


def link_to_itself(site: Path) -> None:
    (site / "content/vacancies/kreis.md").symlink_to("kreis.md")


def fifo(site: Path) -> None:
    os.mkfifo(site / "content/vacancies/rohr.md")


def empty_folder(site: Path) -> None:
    (site / "content/vacancies/ordner.md").mkdir()


def referenced_loop(site: Path) -> None:
    (site / "content/media").mkdir()
    (site / "content/media/a.jpg").symlink_to("b.jpg")
    (site / "content/media/b.jpg").symlink_to("a.jpg")
    vacancy = site / "content/vacancies/sachbearbeitung.md"
    text = vacancy.read_text(encoding="utf-8")
    text = text.replace("summary:", "image: media/a.jpg\nimage_alt: Bild\nsummary:", 1)
    vacancy.write_text(text, encoding="utf-8")


CASES = {
    "loop-to-content": (loop_to_content, [f"content/loop:1: {LOOP}"]),
    "loop-to-site": (loop_to_site, [f"content/vacancies/hoch:1: {LOOP}"]),
    "links-to-each-other": (
        links_to_each_other,
        [f"content/a:1: {LOOP}", f"content/b:1: {LOOP}"],
    ),
    "link-to-itself": (link_to_itself, [f"content/vacancies/kreis.md:1: {LOOP}"]),
    "referenced-loop": (
        referenced_loop,
        [
            f"content/media/a.jpg:1: {LOOP}",
            f"content/media/b.jpg:1: {LOOP}",
            "content/vacancies/sachbearbeitung.md:11: image: 'media/a.jpg' is a link that "
            "leads in a circle (expected a real file, e.g. media/bild.jpg)",
        ],
    ),
    "fifo": (
        fifo,
        [
            "content/vacancies/rohr.md:1: is not a regular file (a pipe or a device) "
            "(expected a Markdown file)"
        ],
    ),
    "empty-folder-named-md": (
        empty_folder,
        [
            "content/vacancies/ordner.md:1: is a folder, not a file (expected a Markdown "
            "file; a folder's name should not end in .md)"
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_after_a_good_build_the_next_one_stops_with_the_path(case: str, tmp_path: Path):
    """After a good build (so the no-op check has a record to compare with)."""
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    assert build(site).returncode == 0
    before = snapshot(site / "public")
    make, expected = CASES[case]
    make(site)
    for command in ("build", "check"):
        result = karriere(command, "--site", str(site), "--date", BUILD_DATE)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.splitlines()[:-1] == expected
    assert snapshot(site / "public") == before


def test_a_link_inside_content_still_works(tmp_path: Path):
    """Links that stay in content/ and lead somewhere are fine, as before."""
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    (site / "content/media").mkdir()
    (site / "content/media/fotos").mkdir()
    (site / "content/media/fotos/a.vtt").write_text("WEBVTT\n")
    (site / "content/media/bilder").symlink_to("fotos")
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
