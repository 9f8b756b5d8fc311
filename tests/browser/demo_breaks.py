#!/usr/bin/env python3
"""Show that the browser suite catches deliberate breaks.

    python tests/browser/demo_breaks.py [BREAK ...]      # default: all of them

For each break, the example site (site.yaml + content/) is copied to a temporary folder
and broken there, mostly through the site's own theme override (themes/default/...), so
the repository itself is never touched. Then the checks that should catch the break run
against the copy (KARRIERE_TEST_SITE) and must fail. Exit status 1 if any break slipped
through.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import string
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BUILTIN = REPO / "karriere" / "themes" / "default"


def override(site: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    """Copy a default-theme file into the site's theme; replace ``old`` (``count`` times;
    -1: every occurrence) with ``new``."""
    src = BUILTIN / rel
    dst = site / "themes" / "default" / rel
    dst.parent.mkdir(parents=True, exist_ok=True)
    text = dst.read_text(encoding="utf-8") if dst.exists() else src.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"cannot apply break: {old!r} not found in {rel}")
    dst.write_text(text.replace(old, new, count), encoding="utf-8")


def append_css(site: Path, css: str) -> None:
    override(site, "static/style.css", "main:focus{outline:none}", "main:focus{outline:none}" + css)


def _noise(n: int) -> str:
    rnd = random.Random(7)
    return "".join(
        f".x{''.join(rnd.choices(string.ascii_lowercase, k=8))}{{margin:{rnd.randint(1, 999)}px}}"
        for _ in range(n)
    )


# name -> (what it does, how to apply it, pytest -k expression)
BREAKS: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "image-without-alt": (
        "the theme's image partial drops the alt attribute",
        lambda s: override(s, "templates/partials/image.html", "alt=\"{{ alt or '' }}\" ", ""),
        "(axe and story-list-desktop) or valid_html",
    ),
    "external-font": (
        "base.html loads a web font from fonts.googleapis.com",
        lambda s: override(
            s,
            "templates/base.html",
            '<link rel="stylesheet" href="{{ asset(\'style.css\') }}">',
            '<link rel="stylesheet" href="{{ asset(\'style.css\') }}">\n'
            '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">',
        ),
        "(foreign_requests and home) or render_blocking",
    ),
    "missing-label": (
        "the vacancy list gets a search field without a label",
        lambda s: override(
            s,
            "templates/vacancy_list.html",
            "</h1>",
            '</h1>\n  <input type="search" name="q">',
        ),
        "axe and vacancy-list-desktop",
    ),
    "focus-outline-none": (
        "the stylesheet removes the focus indicator (outline:none)",
        lambda s: append_css(s, ":focus-visible{outline:none!important;box-shadow:none!important}"),
        "visible_focus and vacancy-open",
    ),
    "skip-link-target-missing": (
        "the skip link points to #content, which does not exist",
        lambda s: override(s, "templates/base.html", 'href="#inhalt"', 'href="#content"'),
        "skip_link and home",
    ),
    "overflow-at-320px": (
        "the site title in the header may not wrap",
        lambda s: append_css(s, ".brand span{white-space:nowrap}"),
        "horizontal and home",
    ),
    "console-error": (
        "an inline script calls an undefined function",
        lambda s: override(s, "templates/base.html", "</body>", "<script>track()</script></body>"),
        "console_errors and faq",
    ),
    "heavy-stylesheet": (
        "the stylesheet grows by 40 KB of hard-to-compress rules",
        lambda s: append_css(s, _noise(1500)),
        "page_weight",
    ),
    "image-without-size": (
        "the theme's image partial drops width and height",
        lambda s: override(
            s,
            "templates/partials/image.html",
            ' width="{{ img.width }}" height="{{ img.height }}"',
            "",
        ),
        "render_blocking_and_image or (layout_shift and vacancy-open)",
    ),
    "apply-not-keyboard": (
        'the "Jetzt bewerben" button is taken out of the Tab order',
        lambda s: override(
            s,
            "templates/vacancy.html",
            '<a class="button button-apply" href',
            '<a class="button button-apply" tabindex="-1" href',
            -1,
        ),
        "keyboard_path",
    ),
}


def run(name: str) -> bool:
    what, apply, select = BREAKS[name]
    with tempfile.TemporaryDirectory(prefix=f"karriere-break-{name}-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        shutil.copy2(REPO / "site.yaml", site / "site.yaml")
        shutil.copytree(REPO / "content", site / "content")
        if (REPO / "themes").is_dir():
            shutil.copytree(REPO / "themes", site / "themes")
        apply(site)
        env = {**os.environ, "KARRIERE_TEST_SITE": str(site)}
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(HERE)]
            + ["-k", select, "--tb=short"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
        )
    out = proc.stdout + proc.stderr
    failed = [ln for ln in out.splitlines() if ln.startswith(("FAILED", "ERROR"))]
    messages = [ln.strip() for ln in out.splitlines() if re.match(r"^E\s", ln)]
    caught = proc.returncode == 1 and bool(failed)
    print(f"## {name}: {what}")
    print(f"   checks run: -k {select!r} -> {'CAUGHT' if caught else 'NOT CAUGHT'}")
    for ln in failed:
        print(f"   {ln[:200]}")
    for ln in messages[:8]:
        print(f"     {ln[:200]}")
    if not caught:
        print(out[-3000:])
    print(flush=True)
    return caught


def main(argv: list[str]) -> int:
    names = argv or list(BREAKS)
    unknown = [n for n in names if n not in BREAKS]
    if unknown:
        print(f"unknown break(s): {unknown}; known: {list(BREAKS)}", file=sys.stderr)
        return 2
    results = {n: run(n) for n in names}
    missed = [n for n, ok in results.items() if not ok]
    print(f"{len(results) - len(missed)} of {len(results)} deliberate breaks caught")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
