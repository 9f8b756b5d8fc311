"""`check` warns about a translation older than its original, by the site's git history."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from helpers import BUILD_DATE, run_cli, write_files

LANGUAGES = "languages:\n  - {code: de, label: Deutsch}\n  - {code: en, label: English}\n"
TRANSLATION = "content/vacancies/sachbearbeitung.en.md"
ORIGINAL = "content/vacancies/sachbearbeitung.md"


def commit(site: Path, message: str, when: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "Redaktion",
        "GIT_AUTHOR_EMAIL": "redaktion@example.org",
        "GIT_COMMITTER_NAME": "Redaktion",
        "GIT_COMMITTER_EMAIL": "redaktion@example.org",
    }
    subprocess.run(["git", "add", "-A"], cwd=site, check=True)
    subprocess.run(["git", "commit", "-qm", message], cwd=site, check=True, env=env)


def test_a_translation_older_than_its_original_is_named_with_both_files(scratch_site):
    site = scratch_site
    (site / "site.yaml").write_text((site / "site.yaml").read_text() + LANGUAGES)
    write_files(site, {TRANSLATION: '---\ntitle: "Clerk (m/f/d)"\n---\nPassports.\n'})
    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    commit(site, "Stelle und Übersetzung", "2026-11-01T10:00:00+01:00")
    result = run_cli("check", "--site", str(site), "--date", BUILD_DATE)
    assert TRANSLATION not in result.stdout + result.stderr

    path = site / ORIGINAL
    path.write_text(path.read_text().replace("- Pässe und Ausweise", "- Pässe, Ausweise"))
    commit(site, "Aufgaben ergänzt", "2026-11-20T10:00:00+01:00")
    result = run_cli("check", "--site", str(site), "--date", BUILD_DATE)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if TRANSLATION in line]
    assert len(lines) == 1, result.stdout + result.stderr
    assert lines[0].startswith(f"{TRANSLATION}:1: warning: {ORIGINAL} was changed on 2026-11-20")
    assert "(2026-11-01)" in lines[0] and "(expected" in lines[0]

    write_files(site, {TRANSLATION: '---\ntitle: "Clerk (m/f/d)"\n---\nPassports, IDs.\n'})
    commit(site, "Übersetzung nachgezogen", "2026-11-21T10:00:00+01:00")
    result = run_cli("check", "--site", str(site), "--date", BUILD_DATE)
    assert TRANSLATION not in result.stdout + result.stderr
