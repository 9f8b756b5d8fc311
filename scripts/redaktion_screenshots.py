#!/usr/bin/env python3
"""Screenshots of the example site for the editors' guide (docs/redaktion/).

    python scripts/redaktion_screenshots.py [--out docs/redaktion/bilder]

Builds the example site with the real CLI, serves it under /karriere/ on 127.0.0.1, and
writes small palette PNGs (800 px wide, first screen only): a vacancy, the same vacancy
with the visitor's clock past its deadline, the vacancy list and a story with a video.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

from siteserver import CHROMIUM, CHROMIUM_ARGS, built_site  # noqa: E402

WIDTH, HEIGHT = 800, 900


def vacancy_with_deadline(out: Path) -> tuple[str, date]:
    for page in sorted(out.glob("stellen/*/index.html")):
        found = re.search(r'<article[^>]*data-deadline="([0-9-]{10})"', page.read_text("utf-8"))
        if found:
            return f"stellen/{page.parent.name}/", date.fromisoformat(found.group(1))
    raise SystemExit("no open vacancy with a deadline in the example site")


def shoot(browser, url: str, path: Path, day: date | None = None) -> None:
    ctx = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1, locale="de-DE"
    )
    page = ctx.new_page()
    if day is not None:
        page.clock.set_fixed_time(
            datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("Europe/Berlin"))
        )
    page.goto(url, wait_until="load")
    page.screenshot(path=str(path))
    ctx.close()
    Image.open(path).convert("RGB").quantize(colors=64).save(path, optimize=True)
    print(f"{path} ({path.stat().st_size // 1024} KB)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "redaktion" / "bilder")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    with built_site() as site, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        vacancy, deadline = vacancy_with_deadline(site.out)
        shoot(browser, site.url(vacancy), args.out / "stelle.png")
        shoot(
            browser,
            site.url(vacancy),
            args.out / "stelle-abgelaufen.png",
            deadline + timedelta(days=1),
        )
        shoot(browser, site.url("stellen/"), args.out / "stellenliste.png")
        if "story-video" in site.pages:
            shoot(browser, site.url("story-video"), args.out / "geschichte-video.png")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
