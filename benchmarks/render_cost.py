"""Rendering cost of one vacancy page, in this process, without caches or workers.

    python benchmarks/render_cost.py --site /tmp/corpus/N1000/site --pages 1000 --reps 5

Builds the site model once, then renders the first --pages vacancy pages with the
default theme, --reps times; prints the median milliseconds a page and the page size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from karriere.config.theme import load_theme  # noqa: E402
from karriere.content.loading import load_content, load_entry  # noqa: E402
from karriere.pipeline import Request, load_settings  # noqa: E402
from karriere.render import pages as render  # noqa: E402
from karriere.site.build import build_site  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--date", default="2024-01-01")
    args = parser.parse_args()
    request = Request(site_dir=args.site.resolve(), today=date.fromisoformat(args.date))
    config, options = load_settings(request)
    site = build_site(config, load_content(config, load_entry), options, None, None)
    site.pages = [p for p in site.pages if p.kind == "vacancy"][: args.pages]
    theme = load_theme(config)
    published = {name: pub for name, (pub, _) in theme.assets().items()}
    render.render_pages(site, theme, published)  # compiles the templates
    times = []
    for _ in range(args.reps):
        started = time.perf_counter()
        outputs = render.render_pages(site, theme, published)
        times.append((time.perf_counter() - started) * 1000 / len(outputs))
    size = statistics.mean(len(out.data) for out in outputs)
    print(
        f"{len(outputs)} vacancy pages: median {statistics.median(times):.3f} ms a page "
        f"(min {min(times):.3f}), {size:.0f} bytes a page"
    )


if __name__ == "__main__":
    main()
