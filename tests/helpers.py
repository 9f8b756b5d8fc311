"""Helpers for tests: scratch-site files, running the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

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
        pay: {table: tvoed-vka, group: "9a"}
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
        apply_url: "mailto:personal@example.org"
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


def run_cli(
    *args: str, cwd: Path | None = None, lang: str = "en", env: dict | None = None
) -> subprocess.CompletedProcess:
    """karriere as an editor runs it. Messages in English by default here (the tests read
    the code's wording); `lang="de"` shows them as an editor sees them without options.
    `env`: more environment variables."""
    env = {k: v for k, v in os.environ.items() if k != "KARRIERE_LANG"} | (env or {})
    if lang != "de":
        env["KARRIERE_LANG"] = lang
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


BUILD_DAY = date.fromisoformat(BUILD_DATE)


def zbar(image: Path) -> str:
    """The text of the QR code in an image, read by zbarimg (Debian's zbar-tools)."""
    tool = shutil.which("zbarimg")
    assert tool, "zbarimg not found: apt-get install zbar-tools (.ci/run does)"
    result = subprocess.run([tool, "--quiet", "--raw", str(image)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def readable(html: str) -> str:
    """HTML without the soft hyphens and line-break chances the theme puts into long
    words: the words as a reader sees them."""
    return html.replace("&shy;", "").replace("\u00ad", "").replace("<wbr>", "")


def header_rules(text: str) -> list[tuple[str, dict[str, str]]]:
    """The rules of a Netlify/Cloudflare `_headers` file: (path pattern, headers)."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if line.startswith("/"):
            rules.append((line.strip(), {}))
        elif line.strip():
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
    return rules


def headers_for(text: str, path: str) -> dict[str, str]:
    """The headers a host that reads `_headers` sends for `path`: every matching rule
    applies, and values of the same header are joined with ", " (Netlify, Cloudflare).
    `*` matches anything, `:name` one path segment."""
    import re

    found: dict[str, str] = {}
    for pattern, headers in header_rules(text):
        parts = re.split(r"(\*|:[a-z]+)", pattern)
        regex = "".join(
            ".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts
        )
        if re.fullmatch(regex, path):
            for name, value in headers.items():
                found[name] = f"{found[name]}, {value}" if name in found else value
    return found
