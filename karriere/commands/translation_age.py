"""`check`: translations older than their original, by the site's git history.

A translation's words were written for the original as it was then. When the original is
committed again later, the translation may say something the original no longer says;
`check` names both files. (Without git, or for files never committed, nothing is said.)
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from karriere.base.errors import Problem
from karriere.base.messages import say
from karriere.content.translations import original_source
from karriere.site.model import Site


def stale_translations(site: Site) -> list[Problem]:
    sources = sorted(
        {
            page.item.entry.source
            for page in site.pages
            if page.item is not None and page.item.entry.language
        }
    )
    if not sources:
        return []
    committed = last_commits(site.config.site_dir)
    problems = []
    for source in sources:
        original = original_source(source)
        mine, theirs = committed.get(source), committed.get(original)
        if mine is None or theirs is None or theirs <= mine:
            continue
        problems.append(
            Problem(
                source,
                1,
                say(
                    "warning: {original} was changed on {changed}, after this translation "
                    "({translated}), so it may no longer say the same (expected the "
                    "translation brought up to date with {original}, then committed)",
                    original=original,
                    changed=day(theirs),
                    translated=day(mine),
                ),
            )
        )
    return problems


def last_commits(site_dir: Path) -> dict[str, int]:
    """Each file under content/ (as seen from the site folder) -> the time of its last
    commit; empty when the site is not in a git repository or git is not there."""
    try:
        run = subprocess.run(
            ["git", "log", "--format=%x00%ct", "--name-only", "--relative", "--", "content"],
            cwd=site_dir, capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, int] = {}
    when = 0
    for line in run.stdout.splitlines():
        if line.startswith("\x00"):
            when = int(line[1:])
        elif line:
            found.setdefault(line, when)  # newest first: the first time a file is named
    return found


def day(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).date().isoformat()
