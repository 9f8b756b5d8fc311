"""`updated` and the git default: an incremental build equals a clean one."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from incremental_helpers import VACANCY, Incremental, assert_same_as_clean, both, edit


@both
def test_updated_added(inc):
    edit(inc.site / VACANCY, "posted: 2026-10-01\n", "posted: 2026-10-01\nupdated: 2026-11-20\n")
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert {"stellen/sachbearbeitung/index.html", "sitemap.xml", "stellen/feed.xml"} <= set(
        report.written
    )


def git(site: Path, *args: str, when: str) -> None:
    env = {
        **os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when,
    }  # fmt: skip
    subprocess.run(["git", "-C", str(site), *args], check=True, env=env, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("how", ["memory", "disk"])
def test_a_commit_alone_changes_the_date(scratch_site: Path, how: str):
    git(scratch_site, "init", "-q", when="2026-10-05T10:00:00+00:00")
    git(scratch_site, "add", "-A", when="2026-10-05T10:00:00+00:00")
    git(scratch_site, "commit", "-qm", "one", when="2026-10-05T10:00:00+00:00")
    inc = Incremental(scratch_site, how)
    inc.build()
    edit(scratch_site / VACANCY, "- Pässe und Ausweise", "- Pässe, Ausweise und mehr")
    assert_same_as_clean(inc, inc.build())  # still the first commit's day
    git(scratch_site, "commit", "-qam", "two", when="2026-11-12T09:00:00+00:00")
    # No file changed, only HEAD: the no-op check must not stop this build.
    report = inc.build()
    assert_same_as_clean(inc, report)
    assert "stellen/sachbearbeitung/index.html" in report.written
    assert "2026-11-12" in (inc.out / "sitemap.xml").read_text(encoding="utf-8")
