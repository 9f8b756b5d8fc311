"""The malformed-input corpus: every case fails cleanly and leaves the last good site alone.

Each folder in tests/malformed/ holds `site/` (files laid over the scratch site) and
`expected.txt` (the exact error lines). A few cases cannot live as files in git (a huge
file, symlinks) and are made by GENERATED below. Run with KARRIERE_UPDATE_CORPUS=1 to
rewrite expected.txt files from the actual output (then read every diff).
The corpus runs as an editor sees it: in German, the command line's default language.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import BUILD_DATE, SCRATCH_FILES, run_cli, write_files

CORPUS = Path(__file__).parent / "malformed"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
VACANCY = "content/vacancies/sachbearbeitung.md"
LINE = re.compile(r"^[^\s:][^:]*:\d+: .+\(erwartet.+\)$")


def _huge(site: Path) -> None:
    text = (site / VACANCY).read_text(encoding="utf-8")
    (site / VACANCY).write_text(text + "Lorem ipsum dolor sit amet.\n" * 80_000, encoding="utf-8")


def _symlink_referenced(site: Path) -> None:
    (site / "content/media").mkdir(parents=True, exist_ok=True)
    (site / "content/media/bild.jpg").symlink_to("/etc/passwd")
    text = (site / VACANCY).read_text(encoding="utf-8")
    text = text.replace("summary:", "image: media/bild.jpg\nimage_alt: Bild\nsummary:", 1)
    (site / VACANCY).write_text(text, encoding="utf-8")


def _symlink_in_media(site: Path) -> None:
    (site / "content/media").mkdir(parents=True, exist_ok=True)
    (site / "content/media/passwd.txt").symlink_to("/etc/passwd")


GENERATED = {
    "huge-file": _huge,
    "media-symlink-referenced": _symlink_referenced,
    "media-symlink-in-media": _symlink_in_media,
}


def make_case(case: str, root: Path) -> Path:
    site = write_files(root, SCRATCH_FILES)
    overlay = CORPUS / case / "site"
    for path in sorted(overlay.rglob("*")) if overlay.is_dir() else []:
        if path.is_file():
            target = site / path.relative_to(overlay)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    if case in GENERATED:
        GENERATED[case](site)
    return site


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def good_output(tmp_path_factory) -> Path:
    """A previous good build of the scratch site, copied into every case's --out."""
    root = tmp_path_factory.mktemp("good")
    site = write_files(root / "site", SCRATCH_FILES)
    out = root / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    return out


def test_corpus_covers_the_issue():
    assert len(CASES) >= 25
    for case in CASES:
        assert (CORPUS / case / "expected.txt").is_file(), case


@pytest.mark.parametrize("case", CASES)
def test_malformed_case(case: str, tmp_path: Path, good_output: Path):
    site = make_case(case, tmp_path / "site")
    out = tmp_path / "public"
    shutil.copytree(good_output, out)
    before = snapshot(out)

    result = run_cli(
        "build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE, lang="de"
    )  # fmt: skip

    lines = result.stderr.splitlines()
    errors, summary = lines[:-1], lines[-1] if lines else ""
    expected_file = CORPUS / case / "expected.txt"
    if os.environ.get("KARRIERE_UPDATE_CORPUS"):
        expected_file.write_text("\n".join(errors) + "\n", encoding="utf-8")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert errors == expected_file.read_text(encoding="utf-8").splitlines()
    for line in errors:
        assert LINE.match(line), line
        assert "expected" not in line, line  # (English left in the German message)
    assert summary.startswith(f"Build abgebrochen: {len(errors)} Fehler;")
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "site"]
