"""Editors' files from any editor: BOM and CRLF just work; Windows-1252 says what to do."""

from __future__ import annotations

from pathlib import Path

from karriere.base.text import read_text
from tests.conftest import BUILD_DATE, run_cli

VACANCY = "content/vacancies/sachbearbeitung.md"


def test_bom_and_crlf_build_like_plain_utf8(scratch_site: Path, tmp_path: Path):
    path = scratch_site / VACANCY
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    (scratch_site / "site.yaml").write_bytes(
        b"\xef\xbb\xbf" + (scratch_site / "site.yaml").read_bytes().replace(b"\n", b"\r\n")
    )
    out = tmp_path / "out"
    result = run_cli("build", "--site", str(scratch_site), "--out", str(out), "--date", BUILD_DATE)
    assert result.returncode == 0, result.stderr
    html = (out / "stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert "Sachbearbeiter*in Bürgeramt (m/w/d)" in html
    assert '<h2 id="ihre-aufgaben">Ihre Aufgaben</h2>' in html
    assert "\r" not in html and "\ufeff" not in html


def test_old_mac_line_endings_and_bom_are_normalised(tmp_path: Path):
    path = tmp_path / "x.md"
    path.write_bytes(b"\xef\xbb\xbf---\rtitle: A\r---\rB\r")
    assert read_text(path, "x.md") == ("---\ntitle: A\n---\nB\n", None)


def test_windows_1252_names_the_line_and_the_word(tmp_path: Path):
    path = tmp_path / "x.md"
    path.write_bytes("---\ntitle: A\n---\nGroße Stadt\n".encode("cp1252"))
    text, problem = read_text(path, "x.md")
    assert text == ""
    assert problem.line == 4
    assert "'Große'" in problem.message and "save it as UTF-8" in problem.message
