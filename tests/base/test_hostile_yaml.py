"""Hostile YAML through the real build: alias bombs and deep nesting end in time, with
`path:line`, in front matter, site.yaml and video blocks alike."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from tests.conftest import BUILD_DATE, run_cli, write_files
from tests.helpers import SCRATCH_FILES, SITE_YAML

VACANCY = "content/vacancies/sachbearbeitung.md"
HEAD = '---\ntitle: "Sachbearbeiter*in"\ncategory: fachkraft\nposted: 2026-10-01\nlocation: x\n'


def bomb(levels: int = 9) -> list[str]:
    """The issue's alias bomb: 9 ** levels values from a few hundred bytes."""
    lines = ['_a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for name, prev in zip("bcdefghijk"[: levels - 1], "abcdefghij", strict=False):
        lines.append(f"_{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return lines


def build(site: Path, out: Path):
    return run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)


def peak_rss_of_children() -> int:
    """Bytes: the largest resident set of any finished child of this process so far."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def test_an_alias_bomb_is_refused_in_time_after_a_cached_build(tmp_path: Path):
    site = write_files(tmp_path / "site", SCRATCH_FILES)
    out = tmp_path / "public"
    assert build(site, out).returncode == 0  # leaves .karriere-cache/ for the next build
    before = peak_rss_of_children()
    (site / VACANCY).write_text(HEAD + "\n".join(bomb()) + "\n---\nText.\n", encoding="utf-8")

    started = time.monotonic()
    result = build(site, out)
    seconds = time.monotonic() - started

    assert seconds < 10, f"{seconds:.1f} s"
    # The largest child so far grows by at most 100 MB (an unguarded bomb took 2.4 GB).
    assert peak_rss_of_children() < before + 100 * 2**20
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(
        f"{VACANCY}:9: aliases ('*c' and the ones before it) repeat more than 1000 values "
        "(expected the values written out, without '&name' and '*name')\n"
    )


@pytest.mark.parametrize(
    "where, files, line",
    [
        (
            "site.yaml",
            {"site.yaml": SITE_YAML + "x:\n" + "".join(f"  {line}\n" for line in bomb())},
            12,
        ),
        (
            VACANCY,
            {
                VACANCY: HEAD
                + "---\nText.\n\n```video\nyoutube: dQw4w9WgXcQ\n"
                + "\n".join(bomb())
                + "\n```\n"
            },
            14,
        ),
    ],
)
def test_an_alias_bomb_is_refused_in_site_yaml_and_video_blocks(tmp_path, where, files, line):
    site = write_files(tmp_path / "site", {**SCRATCH_FILES, **files})
    started = time.monotonic()
    result = build(site, tmp_path / "public")
    assert time.monotonic() - started < 10
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{where}:{line}: aliases ('*c' and the ones before it) repeat" in result.stderr


DEEP_BLOCK = "".join("  " * n + "b:\n" for n in range(1, 300))


@pytest.mark.parametrize(
    "files, message",
    [
        # 100,000 levels crashed libyaml's own composer (a segmentation fault)
        (
            {VACANCY: HEAD + "tags: " + "[" * 100_000 + "]" * 100_000 + "\n---\nText.\n"},
            f"{VACANCY}:6:",
        ),
        (
            {VACANCY: HEAD + "tags: " + "{a: " * 2000 + "}" * 2000 + "\n---\nText.\n"},
            f"{VACANCY}:6:",
        ),
        ({"site.yaml": SITE_YAML + "x:\n" + DEEP_BLOCK}, "site.yaml:38:"),
        (
            {
                VACANCY: HEAD
                + "---\nText.\n\n```video\nyoutube: dQw4w9WgXcQ\nx:\n"
                + DEEP_BLOCK
                + "```\n"
            },
            f"{VACANCY}:41:",
        ),
    ],
)
def test_deep_nesting_is_a_message_not_a_crash(tmp_path, files, message):
    site = write_files(tmp_path / "site", {**SCRATCH_FILES, **files})
    result = build(site, tmp_path / "public")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert (
        f"{message} values nested more than 30 levels deep (expected at most 30 levels of "
        "lists and groups inside each other)"
    ) in result.stderr
