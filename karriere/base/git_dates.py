"""When each content file last changed, by the site's git history (vacancies' `updated`).

The date comes from the repository, not from file times, so every checkout of the same
commit builds the same pages. It is the committer date, in UTC, of the newest commit
that changed the file. One `git log` over content/ answers for every file at once; the
no-op check only reads the HEAD commit id from the .git files (`head_commit`), never runs
git. Without git, outside a repository or in a shallow clone's cut-off history, callers
fall back quietly (to `posted`).
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

GIT_TIMEOUT = 60  # seconds; a repository that takes longer is treated as none


def git_folder(site_dir: Path) -> tuple[Path, Path] | None:
    """(the working tree's top folder, its git folder) of the repository holding
    `site_dir`, found by walking up; a worktree's `.git` file points to its folder."""
    here = site_dir.resolve()
    for folder in (here, *here.parents):
        dot_git = folder / ".git"
        if dot_git.is_dir():
            return folder, dot_git
        if dot_git.is_file():
            try:
                line = dot_git.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return None
            if not line.startswith("gitdir:"):
                return None
            return folder, (folder / line.removeprefix("gitdir:").strip()).resolve()
    return None


def head_commit(site_dir: Path) -> str:
    """The id of the commit checked out ("" if none or unreadable), from files only:
    .git/HEAD, the branch's ref file or packed-refs (in the common folder of a worktree)."""
    found = git_folder(site_dir)
    if found is None:
        return ""
    git_dir = found[1]
    try:
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref:"):
            return head  # a detached HEAD holds the id itself
        ref = head.removeprefix("ref:").strip()
        common = git_dir
        if (git_dir / "commondir").is_file():
            common = git_dir / (git_dir / "commondir").read_text(encoding="utf-8").strip()
        for folder in (git_dir, common):
            if (folder / ref).is_file():
                return (folder / ref).read_text(encoding="utf-8").strip()
        packed = common / "packed-refs"
        if packed.is_file():
            for line in packed.read_text(encoding="utf-8").splitlines():
                parts = line.split(" ")
                if len(parts) == 2 and parts[1] == ref:
                    return parts[0]
    except (OSError, UnicodeDecodeError):
        return ""
    return ""


def content_dates(site_dir: Path) -> dict[str, date]:
    """Each file under content/ that git knows (path relative to site_dir, with '/')
    -> the UTC day of the newest commit that changed it. {} without git or a repository."""
    found = git_folder(site_dir)
    if found is None:
        return {}
    top = found[0]
    try:
        inside = site_dir.resolve().relative_to(top).as_posix()
    except ValueError:
        return {}
    prefix = "" if inside == "." else inside + "/"
    command = [
        "git", "-C", str(top), "-c", "core.quotePath=false", "log", "--format=%x01%ct",
        "--name-only", "--no-renames", "-z", "--", prefix + "content/",
    ]  # fmt: skip
    env = {**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=GIT_TIMEOUT, env=env, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    return _newest_days(done.stdout.decode("utf-8", "replace"), prefix)


def _newest_days(log: str, prefix: str) -> dict[str, date]:
    """Parse `git log --format=%x01%ct --name-only -z`: each commit is \\x01, its
    committer time and a NUL, then its paths, each ending in a NUL (a line break first).
    The newest date wins (merges can list an older commit after a newer one)."""
    days: dict[str, date] = {}
    for record in log.split("\x01")[1:]:
        stamp, _, names = record.partition("\x00")
        try:
            day = datetime.fromtimestamp(int(stamp.strip()), UTC).date()
        except ValueError:
            continue
        for name in names.split("\x00"):
            name = name.strip("\n")
            if not name or not name.startswith(prefix):
                continue
            rel = name[len(prefix) :]
            if day > days.get(rel, date.min):
                days[rel] = day
    return days
