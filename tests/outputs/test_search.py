"""The search index (outputs/search.py): Pagefind's bundle read back from the built site,
one index per language, no expired vacancy or draft in it; WebAssembly allowed on the
search pages only; `search: false`; a failing Pagefind; re-indexing only on change."""

from __future__ import annotations

import gzip
import json
import re
import stat
from pathlib import Path

import pytest
from helpers import BUILD_DATE, SCRATCH_FILES, headers_for, run_cli, write_files

from karriere.outputs import pagefind_files

SITE = {
    **SCRATCH_FILES,
    "site.yaml": SCRATCH_FILES["site.yaml"]
    + "languages:\n  - {code: de, label: Deutsch}\n  - {code: en, label: English}\n",
    "content/vacancies/sachbearbeitung.en.md": """\
        ---
        title: "Clerk at the citizens' office"
        ---
        You advise citizens about passports and the Quokkaregister.
        """,
    "content/vacancies/teilzeit.md": """\
        ---
        title: "Gärtner*in in Teilzeit"
        category: ausbildung
        posted: 2026-09-15
        location: Ostdorf
        employment: [part_time]
        apply_url: "https://example.org/bewerben"
        ---
        Sie pflegen Beete mit Zwergmispeln.
        """,
}
SITE["content/vacancies/alt.md"] = SITE["content/vacancies/alt.md"].replace(
    "Text.", "Das Wort Abgelaufenwort steht nur hier."
)
SITE["content/vacancies/geheim.md"] = SITE["content/vacancies/geheim.md"].replace(
    "Entwurf.", "Das Wort Entwurfswort steht nur hier."
)
WASM = "'wasm-unsafe-eval'"


def build(site: Path, out: Path, *extra: str, env: dict | None = None):
    args = ("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE, *extra)
    return run_cli(*args, env=env)


def fragments(out: Path) -> dict[str, dict]:
    """Every page in the index by its URL, with its language (the fragment's prefix)."""
    found = {}
    for path in (out / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(pagefind_files.SIGNATURE)
        page = json.loads(data[len(pagefind_files.SIGNATURE) :])
        found[page["url"]] = {**page, "language": path.name.split("_", 1)[0]}
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = write_files(tmp_path_factory.mktemp("search") / "site", SITE)
    out = site / "public"
    result = build(site, out, "--drafts")  # drafts rendered, but never indexed
    assert result.returncode == 0, result.stderr
    return out


def test_one_index_per_language_without_expired_or_drafts(built):
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text())
    assert sorted(entry["languages"]) == ["de", "en"]
    pages = fragments(built)
    assert sorted(pages) == [
        "/en/faq/",  # the FAQ page in English (its untranslated entries in German)
        "/en/stellen/sachbearbeitung/",
        "/faq/",
        "/geschichten/lena/",
        "/stellen/sachbearbeitung/",
        "/stellen/teilzeit/",
    ]
    assert pages["/en/stellen/sachbearbeitung/"]["language"] == "en"
    assert "Quokkaregister" in pages["/en/stellen/sachbearbeitung/"]["content"]
    assert pages["/stellen/teilzeit/"]["language"] == "de"
    everything = json.dumps(pages, ensure_ascii=False)
    assert "Abgelaufenwort" not in everything and "Entwurfswort" not in everything
    assert (built / "stellen" / "alt" / "index.html").is_file()  # the page itself stays
    assert "data-pagefind-body" not in (built / "stellen/alt/index.html").read_text()
    assert "data-pagefind-body" not in (built / "stellen/geheim/index.html").read_text()


def test_main_content_and_facts_only(built):
    page = fragments(built)["/stellen/teilzeit/"]
    assert "Zwergmispeln" in page["content"]
    assert "Impressum" not in page["content"] and "WhatsApp" not in page["content"]
    assert page["meta"]["title"] == "Gärtner*in in Teilzeit"
    assert page["meta"]["ort"] == "Ostdorf"
    assert page["filters"]["kategorie"] == ["ausbildung"]
    assert page["filters"]["teilzeit"] == ["1"] and page["filters"]["art"] == ["vacancy"]
    assert "frist" not in page["meta"]  # open until filled
    clerk = fragments(built)["/stellen/sachbearbeitung/"]
    assert clerk["meta"]["frist"] == "30.06.2031"
    assert "teilzeit" not in clerk["filters"]


def meta_policy(out: Path, rel: str) -> str:
    html = (out / rel).read_text(encoding="utf-8")
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    return found.group(1).replace("&#39;", "'")


SEARCHING = ["stellen/", "suche/", "en/stellen/", "en/suche/"]
STRICT = ["", "stellen/sachbearbeitung/", "stellen/kategorie/fachkraft/", "en/", "faq/",
          "en/stellen/sachbearbeitung/", "geschichten/lena/", "impressum/"]  # fmt: skip


def test_webassembly_only_where_the_search_runs(built):
    headers = (built / "_headers").read_text(encoding="utf-8")
    for route in SEARCHING + STRICT:
        meta = meta_policy(built, route + "index.html")
        sent = headers_for(headers, "/karriere/" + route)["Content-Security-Policy"]
        assert ", " not in sent, route  # one policy: no two rules match the same path
        assert (WASM in meta) == (WASM in sent) == (route in SEARCHING), route
        assert sent.replace(f" {WASM}", "").startswith(meta.replace(f" {WASM}", ""))
    worker = headers_for(headers, "/karriere/pagefind/pagefind-worker.js")
    assert WASM in worker["Content-Security-Policy"]  # the worker compiles the WebAssembly
    assert headers_for(headers, "/karriere/stellen/")["X-Content-Type-Options"] == "nosniff"


def test_search_false_removes_everything(tmp_path):
    site = write_files(
        tmp_path / "site", {**SITE, "site.yaml": SITE["site.yaml"] + "search: false\n"}
    )
    out = site / "public"
    result = build(site, out)
    assert result.returncode == 0, result.stderr
    assert not (out / "pagefind").exists() and not (out / "suche").exists()
    assert not (out / "en" / "suche").exists()
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "pagefind" not in html and "search." not in html, page
        assert WASM.replace("'", "&#39;") not in html, page
    headers = (out / "_headers").read_text(encoding="utf-8")
    assert "wasm" not in headers and headers.splitlines()[0] == "/*"
    assert "Content-Security-Policy" in headers_for(headers, "/karriere/stellen/")


def test_search_must_be_true_or_false(tmp_path):
    site = write_files(tmp_path / "site", {**SITE, "site.yaml": SITE["site.yaml"] + "search: ja\n"})
    result = build(site, site / "public")
    assert result.returncode == 1
    line = SITE["site.yaml"].count("\n") + 1
    assert re.search(rf"site\.yaml:{line}: search\b.*", result.stderr), result.stderr


def broken_pagefind(folder: Path) -> dict:
    """The environment of a build whose Pagefind program fails at once."""
    program = folder / "pagefind"
    program.write_text("#!/bin/sh\necho 'error: the index is on fire' >&2\nexit 3\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return {"PAGEFIND_BINARY_PATH": str(program)}


def test_reindexed_only_when_an_indexed_page_changed_and_failure_is_one_sentence(tmp_path):
    site = write_files(tmp_path / "site", SITE)
    out = site / "public"
    assert build(site, out).returncode == 0
    before = {p: p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}
    broken = broken_pagefind(tmp_path)

    # No indexed page changed: the index stands, and Pagefind is not even started.
    impressum = site / "content/pages/impressum.md"
    impressum.write_text(impressum.read_text() + "Mehr Angaben.\n")
    result = build(site, out, env=broken)
    assert result.returncode == 0, result.stderr
    assert {p: p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()} == before

    # A vacancy changed: Pagefind must run, fails, and the previous site stays.
    vacancy = site / "content/vacancies/teilzeit.md"
    vacancy.write_text(vacancy.read_text() + "Neuer Satz.\n")
    result = build(site, out, env=broken)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("karriere: the search index could not be made: Pagefind says:")
    assert "set search: false in site.yaml" in lines[0]
    assert "Neuer Satz" not in (out / "stellen/teilzeit/index.html").read_text()


def test_failure_in_german(tmp_path):
    site = write_files(tmp_path / "site", SITE)
    result = run_cli(
        "build", "--site", str(site), "--out", str(site / "public"), "--date", BUILD_DATE,
        lang="de", env=broken_pagefind(tmp_path),
    )  # fmt: skip
    assert result.returncode == 1
    assert "der Suchindex konnte nicht erstellt werden" in result.stderr
    assert not (site / "public").exists()
