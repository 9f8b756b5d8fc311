#!/usr/bin/env python3
"""Screenshots of the example site for the README.

    python scripts/screenshots.py [--out docs/screenshots] [--only pagination]

Builds the example site with the real CLI, serves it under /karriere/ on 127.0.0.1 and
writes <page>-{phone,desktop}.png for the home page, /stellen/, a vacancy, a story with
video, an employer, the Leichte Sprache and DGS start pages, and Arabic and English
pages: phone is a 360x780 viewport (device scale 1), desktop 1280x800;
both show the first screen only. The vacancy's A4 poster is printed by Chromium as a PDF
(poster.pdf) and, when poppler's pdftoppm is there, drawn as poster.png.
pagination-*.png show page 5 of /stellen/ on a generated site of 250 vacancies
(tests/long_lists.py): the whole page on a desktop, its navigation on phones (German
and Arabic); `--only pagination` makes just these, `--only social` just /social/.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO / "tests"))

from siteserver import CHROMIUM, CHROMIUM_ARGS, build_site, built_site  # noqa: E402

SIZES = {"phone": (360, 780), "desktop": (1280, 800)}
PAGES = {
    "home": "home",
    "vacancies": "vacancy-list",
    "vacancy": "vacancy-open",
    "story": "story-video",
    "employer": "arbeitgeber/jobcenter-lindenfeld/",
    "ar-home": "ar/",
    "ar-vacancies": "ar/stellen/",
    "ar-vacancy": "ar/stellen/einstiegsqualifizierung-junge-gefluechtete/",
    "en-faq": "en/faq/",
    "questions": "fragen/",
    "leichte-sprache": "leichte-sprache/",
    "gebaerdensprache": "gebaerdensprache/",
    "social": "social/",
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    ap.add_argument(
        "--only", choices=["pagination", "social", "contact"], help="make only these screenshots"
    )
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        if args.only not in ("social", "contact"):
            pagination(browser, args.out)
        browser.close()
    if args.only == "pagination":
        return 0
    pages = {k: v for k, v in PAGES.items() if args.only is None or k == args.only}
    with built_site() as site, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        if args.only in (None, "contact"):
            contact(browser, site, args.out)
        if args.only == "contact":
            return 0
        for name, ptype in pages.items():
            for size, (w, h) in SIZES.items():
                ctx = browser.new_context(
                    viewport={"width": w, "height": h}, device_scale_factor=1, locale="de-DE"
                )
                page = ctx.new_page()
                page.goto(site.url(ptype), wait_until="networkidle")
                target = args.out / f"{name}-{size}.png"
                page.screenshot(path=str(target), full_page=False, animations="disabled")
                ctx.close()
                print(f"{target}  {target.stat().st_size // 1024} KB")
        if args.only is None:
            poster(browser, site.pages["vacancy-open"] + "aushang/", args.out)
        browser.close()
    return 0


def pagination(browser, out: Path) -> None:
    """Page 5 of /stellen/ of a generated site with 250 vacancies in German and Arabic."""
    import tempfile

    from long_lists import write_long_site

    languages = 'languages:\n  - {code: de, label: "Deutsch"}\n  - {code: ar, label: "العربية"}\n'
    shots = [  # (name, path, width, what)
        ("pagination-desktop", "stellen/seite/5/", 1280, "page"),
        ("pagination-phone", "stellen/seite/5/", 360, "nav"),
        ("pagination-ar-phone", "ar/stellen/seite/5/", 360, "nav"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        site_dir, _ = write_long_site(Path(tmp) / "site", settings=languages)
        with built_site(site_dir) as site:
            for name, path, width, what in shots:
                ctx = browser.new_context(
                    viewport={"width": width, "height": 780}, device_scale_factor=1, locale="de-DE"
                )
                page = ctx.new_page()
                page.goto(site.url(path), wait_until="networkidle")
                target = out / f"{name}.png"
                if what == "nav":  # the end of the list: the last cards and the navigation
                    page.locator("nav.pagination").scroll_into_view_if_needed()
                    page.evaluate("window.scrollBy(0, 250)")
                page.screenshot(path=str(target), full_page=what == "page", animations="disabled")
                ctx.close()
                print(f"{target}  {target.stat().st_size // 1024} KB")


def contact(browser, site, out: Path) -> None:
    """The home page's contact block (contact-{phone,desktop}.png): phone hours with the
    open hint on a Tuesday at 10:00 in Berlin, the consultation hours and Signal's notice
    opened by its first click."""
    for size, width in (("phone", 360), ("desktop", 1280)):
        ctx = browser.new_context(
            viewport={"width": width, "height": 800}, device_scale_factor=1, locale="de-DE"
        )
        page = ctx.new_page()
        page.clock.install(time="2026-12-08T10:00:00+01:00")
        page.goto(site.url(""), wait_until="networkidle")
        page.locator(".open-hint").wait_for(state="visible")
        page.locator("details.messenger summary").first.click()
        target = out / f"contact-{size}.png"
        page.locator("section.dialogue").screenshot(path=str(target), animations="disabled")
        ctx.close()
        print(f"{target}  {target.stat().st_size // 1024} KB")


def poster(browser, path: str, out: Path) -> None:
    """The poster as the web admin prints it: built for the site's own address (its QR
    code and strips name it), printed by Chromium as a PDF, then drawn as a PNG."""
    import tempfile

    import yaml

    base_url = yaml.safe_load((REPO / "site.yaml").read_text(encoding="utf-8"))["base_url"]
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp)
        build_site(REPO, built, base_url)
        page = browser.new_page()
        page.route(base_url + "**", lambda route: serve_file(route, built, base_url))
        page.goto(base_url + path, wait_until="networkidle")
        pdf = out / "poster.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        page.close()
    print(f"{pdf}  {pdf.stat().st_size // 1024} KB")
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-singlefile", pdf, out / "poster"], check=True
        )
        print(out / "poster.png")


def serve_file(route, built: Path, base_url: str) -> None:
    """A request to the site's own address, answered from the built folder."""
    rel = route.request.url[len(base_url) :].split("?", 1)[0].split("#", 1)[0]
    path = built / rel
    if path.is_dir():
        path = path / "index.html"
    if path.is_file():
        route.fulfill(path=str(path))
    else:
        route.fulfill(status=404, body="")


if __name__ == "__main__":
    raise SystemExit(main())
