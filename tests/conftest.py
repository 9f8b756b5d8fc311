"""Shared fixtures: scratch sites on tmp_path, and the example site built once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE = "2026-11-22"

SITE_YAML = """\
title: "Karriere bei der Stadt Teststadt"
base_url: "https://example.org/karriere/"
organisation:
  name: "Stadt Teststadt"
  address: {street: "Markt 1", postal_code: "12345", city: "Teststadt", country: "DE"}
social:
  instagram: "https://www.instagram.com/teststadt/"
"""

SCRATCH_FILES = {
    "site.yaml": SITE_YAML,
    "content/vacancies/sachbearbeitung.md": """\
        ---
        title: "Sachbearbeiter*in Bürgeramt (m/w/d)"
        category: fachkraft
        posted: 2026-10-01
        deadline: 2031-06-30
        location: {street: "Markt 1", postal_code: "12345", city: "Teststadt"}
        reference: "2026-BA-01"
        pay: "EG 9a TVöD-VKA"
        apply_url: "https://example.org/bewerben"
        contact: {name: "Erika Muster", phone: "+49 1234 56-78", email: "erika@example.org"}
        summary: "Sie beraten Bürgerinnen und Bürger im Bürgeramt."
        ---
        ## Ihre Aufgaben

        - Pässe und Ausweise
        """,
    "content/vacancies/alt.md": """\
        ---
        title: "Abgelaufene Stelle"
        category: praktikum
        posted: 2024-01-10
        deadline: 2024-03-31
        location: Teststadt
        apply_url: "mailto:bewerbung@example.org"
        ---
        Text.
        """,
    "content/vacancies/geheim.md": """\
        ---
        title: "Geheimer Entwurf"
        category: ausbildung
        posted: 2026-10-01
        location: Teststadt
        draft: true
        ---
        Entwurf.
        """,
    "content/stories/lena.md": """\
        ---
        title: "Mein erstes Jahr"
        name: Lena
        role: "Auszubildende Verwaltungsfachangestellte"
        date: 2026-09-01
        quote: "Jeder Tag ist anders."
        ---
        Ich erzähle.
        """,
    "content/faq/wege.md": """\
        ---
        question: "Welche Wege führen zur Stadtverwaltung?"
        category: Bewerbung
        order: 1
        ---
        Viele.
        """,
    "content/pages/impressum.md": "---\ntitle: Impressum\nmenu: footer\n---\nAngaben.\n",
    "content/pages/datenschutz.md": "---\ntitle: Datenschutz\nmenu: footer\n---\nKeine Cookies.\n",
    "content/pages/barrierefreiheit.md": (
        "---\ntitle: Barrierefreiheit\nmenu: footer\n---\nErklärung.\n"
    ),
}


def write_files(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def scratch_site(tmp_path: Path) -> Path:
    """A small but complete site: open, expired and draft vacancies, story, FAQ, legal pages."""
    return write_files(tmp_path / "site", SCRATCH_FILES)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> Path:
    """The repository's example site, built once under a sub-path."""
    out = tmp_path_factory.mktemp("example") / "public"
    result = run_cli(
        "build",
        "--site",
        str(ROOT),
        "--out",
        str(out),
        "--date",
        BUILD_DATE,
        "--base-url",
        "https://example.org/karriere/",
    )
    assert result.returncode == 0, result.stderr
    return out


BUILD_DAY = date.fromisoformat(BUILD_DATE)
