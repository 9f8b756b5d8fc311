"""`updated`: the vacancy page, sitemap lastmod, the Atom feed and JobPosting follow it;
without it, the file's last commit (a scratch git repository), else `posted`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from helpers import BUILD_DATE, readable, run_cli

VACANCY = "content/vacancies/sachbearbeitung.md"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM = {"a": "http://www.w3.org/2005/Atom"}
BASE = "https://example.org/karriere/"


def build(site: Path, env: dict | None = None) -> Path:
    out = site.parent / "public"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE, env=env)
    assert result.returncode == 0, result.stderr
    return out


def lastmods(out: Path) -> dict[str, str | None]:
    root = ET.parse(out / "sitemap.xml").getroot()
    return {
        url.findtext("s:loc", namespaces=SITEMAP): url.findtext("s:lastmod", namespaces=SITEMAP)
        for url in root.findall("s:url", SITEMAP)
    }


def feed(out: Path) -> ET.Element:
    return ET.parse(out / "stellen/feed.xml").getroot()


def set_updated(site: Path, day: str) -> None:
    path = site / VACANCY
    text = path.read_text(encoding="utf-8").replace(
        "posted: 2026-10-01\n", f"posted: 2026-10-01\nupdated: {day}\n"
    )
    path.write_text(text, encoding="utf-8")


def test_sitemap_feed_and_page_follow_updated(scratch_site: Path):
    set_updated(scratch_site, "2026-11-15")
    out = build(scratch_site)
    dates = lastmods(out)
    assert dates[BASE + "stellen/sachbearbeitung/"] == "2026-11-15"
    assert dates[BASE + "stellen/"] == "2026-11-15"  # a list: its newest item's
    assert dates[BASE + "geschichten/lena/"] == "2026-09-01"  # a story: its date
    assert dates[BASE + "impressum/"] is None  # no date of its own: no lastmod
    root = feed(out)
    entry = root.find("a:entry", ATOM)
    assert entry.findtext("a:published", namespaces=ATOM) == "2026-10-01T00:00:00Z"
    assert entry.findtext("a:updated", namespaces=ATOM) == "2026-11-15T00:00:00Z"
    assert root.findtext("a:updated", namespaces=ATOM) == "2026-11-15T00:00:00Z"
    html = (out / "stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert "aktualisiert am" in readable(html)
    assert '<time datetime="2026-11-15">' in html
    posting = json.loads(
        re.search(
            r'<script type="application/ld\+json">(.*?"JobPosting".*?)</script>', html, re.S
        ).group(1)
    )
    assert posting["datePosted"] == "2026-10-01"  # first publication, as Google asks
    assert "dateModified" not in posting  # not a JobPosting property


def test_without_updated_nor_git_dates_are_posted(scratch_site: Path):
    out = build(scratch_site)
    assert lastmods(out)[BASE + "stellen/sachbearbeitung/"] == "2026-10-01"
    entry = feed(out).find("a:entry", ATOM)
    assert entry.findtext("a:updated", namespaces=ATOM) == "2026-10-01T00:00:00Z"
    html = (out / "stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert "aktualisiert am" not in readable(html)


def git(site: Path, *args: str, when: str | None = None) -> None:
    env = {
        **os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.org",
    }  # fmt: skip
    if when:
        env |= {"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    subprocess.run(["git", "-C", str(site), *args], check=True, env=env, capture_output=True)


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@needs_git
def test_git_commit_day_is_the_default(scratch_site: Path):
    git(scratch_site, "init", "-q")
    git(scratch_site, "add", "-A")
    git(scratch_site, "commit", "-qm", "first", when="2026-10-05T10:00:00+00:00")
    vacancy = scratch_site / VACANCY
    vacancy.write_text(vacancy.read_text(encoding="utf-8") + "\nMehr Text.\n", encoding="utf-8")
    out = build(scratch_site)
    # The edit is not committed yet: the day of the last commit that changed the file.
    assert lastmods(out)[BASE + "stellen/sachbearbeitung/"] == "2026-10-05"
    # 23:30 in UTC is the next day in Berlin: the day is UTC's, as documented.
    git(scratch_site, "commit", "-qam", "second", when="2026-11-10T23:30:00+00:00")
    out = build(scratch_site)  # a commit alone makes the build run (no-op check: HEAD)
    dates = lastmods(out)
    assert dates[BASE + "stellen/sachbearbeitung/"] == "2026-11-10"
    assert dates[BASE + "stellen/"] == "2026-11-10"
    entry = feed(out).find("a:entry", ATOM)
    assert entry.findtext("a:updated", namespaces=ATOM) == "2026-11-10T00:00:00Z"
    html = (out / "stellen/sachbearbeitung/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-11-10">' in html
    # An explicit `updated` wins over the commit.
    set_updated(scratch_site, "2026-11-01")
    assert lastmods(build(scratch_site))[BASE + "stellen/sachbearbeitung/"] == "2026-11-01"


@needs_git
def test_commit_before_posted_or_after_the_build_date_is_kept_in_range(scratch_site: Path):
    git(scratch_site, "init", "-q")
    git(scratch_site, "add", "-A")
    git(scratch_site, "commit", "-qm", "early", when="2026-09-01T10:00:00+00:00")
    assert lastmods(build(scratch_site))[BASE + "stellen/sachbearbeitung/"] == "2026-10-01"
    git(scratch_site, "commit", "--allow-empty", "-qm", "x", when="2026-12-24T10:00:00+00:00")
    vacancy = scratch_site / VACANCY
    vacancy.write_text(vacancy.read_text(encoding="utf-8") + "\nSpäter.\n", encoding="utf-8")
    git(scratch_site, "commit", "-qam", "late", when="2026-12-24T10:00:00+00:00")
    # Built "on" 2026-11-22, a commit of 2026-12-24 is not yet: the build date stands.
    assert lastmods(build(scratch_site))[BASE + "stellen/sachbearbeitung/"] == BUILD_DATE


@needs_git
def test_without_git_the_build_falls_back_quietly(scratch_site: Path, tmp_path: Path):
    git(scratch_site, "init", "-q")
    git(scratch_site, "add", "-A")
    git(scratch_site, "commit", "-qm", "first", when="2026-10-05T10:00:00+00:00")
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    out = build(scratch_site, env={"PATH": str(empty)})  # (the CLI runs by its full path)
    assert lastmods(out)[BASE + "stellen/sachbearbeitung/"] == "2026-10-01"


@needs_git
def test_a_translation_counts_its_own_commits_and_the_originals(scratch_site: Path):
    site_yaml = scratch_site / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8")
        + "languages:\n  - {code: de, label: Deutsch}\n  - {code: en, label: English}\n",
        encoding="utf-8",
    )
    english = scratch_site / "content/vacancies/sachbearbeitung.en.md"
    english.write_text('---\ntitle: "Clerk (m/f/d)"\n---\nText.\n', encoding="utf-8")
    git(scratch_site, "init", "-q")
    git(scratch_site, "add", "-A")
    git(scratch_site, "commit", "-qm", "first", when="2026-10-05T10:00:00+00:00")
    english.write_text('---\ntitle: "Clerk (m/f/d)"\n---\nBetter text.\n', encoding="utf-8")
    git(scratch_site, "commit", "-qam", "English", when="2026-11-03T10:00:00+00:00")
    dates = lastmods(build(scratch_site))
    assert dates[BASE + "stellen/sachbearbeitung/"] == "2026-10-05"  # German unchanged
    assert dates[BASE + "en/stellen/sachbearbeitung/"] == "2026-11-03"
