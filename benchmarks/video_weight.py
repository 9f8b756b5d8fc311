"""Video pages: bytes a visitor loads before pressing play, and what the WebP posters save.

    python benchmarks/video_weight.py [--runs 5]

Builds the example site with the real CLI into a temporary folder (several times, for the
build-time median), then reports, for every page with a video: HTML + CSS + JS gzipped
(what loads before a click; the poster comes on top), and each poster as JPEG vs WebP.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(out: Path) -> float:
    start = time.perf_counter()
    cmd = [sys.executable, str(ROOT / "build.py"), "build", "--site", str(ROOT), "--out", str(out)]
    cmd += ["--date", "2026-11-22", "--base-url", "https://example.org/karriere/"]
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9, mtime=0))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for run in range(args.runs):
            out = Path(tmp) / f"run{run}"  # a fresh folder: every build is a full one
            times.append(build(out))
        print(
            f"full build, example site: median {statistics.median(times):.2f} s over {args.runs} runs"
        )
        print()
        print("| page | video | HTML+CSS+JS gzip before play |")
        print("|---|---|---|")
        for page in sorted(out.rglob("index.html")):
            html = page.read_bytes()
            kind = "facade" if b"data-video-src" in html else "file" if b"<video " in html else ""
            if not kind:
                continue
            total = gz(html)
            for ref in re.findall(rb'(?:href|src)="/karriere/(assets/[^"]+\.(?:css|js))"', html):
                total += gz((out / ref.decode()).read_bytes())
            rel = page.parent.relative_to(out).as_posix() + "/"
            print(f"| /{rel} | {kind} | {total / 1024:.1f} KB |")
        print()
        print("| poster | JPEG | WebP 480w | WebP 960w |")
        print("|---|---|---|---|")
        for webp in sorted(out.rglob("*-480w.webp")):
            stem = webp.name.split(".")[0]
            jpeg = next(webp.parent.glob(f"{stem}.jpg"))
            large = next(webp.parent.glob(f"{stem}.*-960w.webp"), webp)
            sizes = [p.stat().st_size / 1024 for p in (jpeg, webp, large)]
            print(f"| {stem} | {sizes[0]:.0f} KB | {sizes[1]:.0f} KB | {sizes[2]:.0f} KB |")


if __name__ == "__main__":
    main()
