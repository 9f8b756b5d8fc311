"""Active content in content/media/, in a real browser (issue 26).

Everything in content/media/ is served from the site's own origin. Each hostile file
below is first served as it is, next to the site, to show that Chromium really runs it
there (so the test would notice if karriere published it); then the build must refuse
it. A clean SVG is built, shown on its page and opened on its own: nothing runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from siteserver import BUILD_DATE, REPO_ROOT, SUB_PATH, Server, build_site

sys.path.insert(0, str(REPO_ROOT / "tests"))
from helpers import SCRATCH_FILES, run_cli, write_files  # noqa: E402

VACANCY = "content/vacancies/sachbearbeitung.md"
CLEAN_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#0a6e5c"/></linearGradient></defs>'
    '<a href="#r"><rect id="r" width="120" height="60" fill="url(#g)"/></a></svg>\n'
)
# Each runs a script when the file is opened on its own (no click needed).
HOSTILE = {
    "script.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n'
        "<script>alert('svg script')</script>\n</svg>\n",
        "content/media/script.svg:2: SVG contains a <script> element",
    ),
    "onload.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"\n'
        "     onload=\"alert('svg onload')\"/>\n",
        "content/media/onload.svg:1: SVG has an event attribute onload=",
    ),
    "foreign.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n'
        '<foreignObject width="10" height="10"><img xmlns="http://www.w3.org/1999/xhtml"'
        ' src="x" onerror="alert(\'foreign\')"/></foreignObject>\n</svg>\n',
        "content/media/foreign.svg:2: SVG contains a <foreignObject> element",
    ),
    "seite.html": (
        "<!doctype html><title>x</title><script>alert('html')</script>\n",
        "content/media/seite.html:1: 'seite.html' is not a media type this site publishes",
    ),
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A server for the built site under /karriere/ and raw files under /raw/."""
    root = tmp_path_factory.mktemp("media-browser")
    server = Server(root)
    server.start()
    yield server
    server.stop()


def scratch(root: Path, media: dict[str, str]) -> Path:
    site = write_files(root, SCRATCH_FILES)
    (site / "content/media").mkdir()
    for name, text in media.items():
        (site / "content/media" / name).write_text(text, encoding="utf-8")
    return site


def run(page, url: str) -> list[str]:
    """The dialogs a page opens while it loads (each dismissed)."""
    dialogs: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(200)
    page.remove_listener("dialog", on_dialog)
    return dialogs


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_media_file_would_run_and_the_build_refuses_it(name, served, chromium):
    text, message = HOSTILE[name]
    raw = Path(served.root) / "raw"
    raw.mkdir(exist_ok=True)
    (raw / name).write_text(text, encoding="utf-8")
    page = chromium.new_page()
    try:
        assert run(page, f"{served.origin}/raw/{name}"), f"{name} ran nothing when served as is"
    finally:
        page.close()

    site = scratch(Path(served.root) / f"site-{name}", {name: text})
    out = Path(served.root) / f"out-{name}"
    proc = run_cli("build", "--site", str(site), "--out", str(out), "--date", BUILD_DATE)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith(message), proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_a_clean_svg_is_shown_as_an_image_and_runs_nothing(served, chromium):
    site = scratch(Path(served.root) / "site-clean", {"wappen.svg": CLEAN_SVG})
    vacancy = site / VACANCY
    vacancy.write_text(
        vacancy.read_text(encoding="utf-8") + "\n![Das Wappen der Stadt](media/wappen.svg)\n",
        encoding="utf-8",
    )
    build_site(site, Path(served.root) / SUB_PATH, served.base_url)
    page = chromium.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        assert run(page, served.base_url + "stellen/sachbearbeitung/") == []
        image = page.locator('img[src$="media/wappen.svg"]')
        assert image.count() == 1
        assert image.evaluate("img => img.complete && img.naturalWidth") == 120
        assert run(page, served.base_url + "media/wappen.svg") == []
        assert page.evaluate("document.documentElement.localName") == "svg"
    finally:
        page.close()
    assert errors == []
