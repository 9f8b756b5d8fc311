"""base/git_dates.py: one git log for all of content/, HEAD read from files only."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from karriere.base import git_dates
from karriere.incremental import noop

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, when: str = "2026-10-05T10:00:00+00:00") -> str:
    env = {
        **os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when,
    }  # fmt: skip
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, env=env, capture_output=True, text=True
    )
    return done.stdout.strip()


def repo_with_site(tmp_path: Path) -> tuple[Path, Path]:
    """A repository whose site lives in a sub-folder (as in a monorepo)."""
    repo = tmp_path / "repo"
    site = repo / "karriere site"
    (site / "content/vacancies").mkdir(parents=True)
    (site / "content/vacancies/a.md").write_text("a\n", encoding="utf-8")
    (site / "content/vacancies/ä b.md").write_text("b\n", encoding="utf-8")
    (repo / "other.md").write_text("x\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    (site / "content/vacancies/a.md").write_text("a2\n", encoding="utf-8")
    git(repo, "commit", "-qam", "two", when="2026-11-03T08:00:00+00:00")
    return repo, site


def test_content_dates_per_file_in_one_call(tmp_path: Path, monkeypatch):
    repo, site = repo_with_site(tmp_path)
    calls = []
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a) or real(*a, **k))
    dates = git_dates.content_dates(site)
    assert len(calls) == 1  # one git log for the whole folder
    assert dates == {
        "content/vacancies/a.md": date(2026, 11, 3),
        "content/vacancies/ä b.md": date(2026, 10, 5),  # not quoted, despite ä and space
    }


def test_head_commit_from_files_also_packed_and_in_a_worktree(tmp_path: Path, monkeypatch):
    repo, site = repo_with_site(tmp_path)
    head = git(repo, "rev-parse", "HEAD")
    worktree = tmp_path / "wt"
    git(repo, "worktree", "add", "-q", "-b", "other", str(worktree))
    git(repo, "pack-refs", "--all")
    monkeypatch.setattr(subprocess, "run", _no_process)
    assert git_dates.head_commit(site) == head
    assert git_dates.head_commit(worktree / "karriere site") == head
    assert git_dates.head_commit(tmp_path) == ""  # not in a repository


def test_no_op_check_reads_head_without_running_git(tmp_path: Path, monkeypatch):
    repo, site = repo_with_site(tmp_path)
    before = noop.scan_inputs(site).digest
    git(repo, "commit", "--allow-empty", "-qm", "three")
    monkeypatch.setattr(subprocess, "run", _no_process)
    monkeypatch.setattr(subprocess, "Popen", _no_process)
    assert noop.scan_inputs(site).digest != before  # a new commit is a change


def test_outside_a_repository_nothing(tmp_path: Path):
    (tmp_path / "content").mkdir()
    assert git_dates.content_dates(tmp_path) == {}


def _no_process(*args, **kwargs):
    raise AssertionError("no process may be started here")
