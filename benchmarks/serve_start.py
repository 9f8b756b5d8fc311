"""How long `karriere serve` takes until it serves the first page: with an empty
.karriere-cache/ ("cold"), and again starting from what the previous start kept ("warm").

    python benchmarks/serve_start.py --site . --runs 3
    python benchmarks/serve_start.py --site /tmp/corpus-1000 --runs 3

Works on a copy of the site (site.yaml, content/, themes/) in a temporary folder, so the
site's own cache is left alone. Prints medians in seconds.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import statistics
import tempfile
import time
from pathlib import Path

from serve_latency import ROOT, free_port, serving


def copy_site(site: Path, into: Path) -> Path:
    into.mkdir()
    shutil.copy2(site / "site.yaml", into / "site.yaml")
    for folder in ("content", "themes"):
        if (site / folder).is_dir():
            shutil.copytree(site / folder, into / folder)
    return into


def start_seconds(site: Path, port: int) -> float:
    started = time.perf_counter()
    # Ctrl-C: the preview keeps what it parsed. The same port each time, as an editor's
    # preview has: its QR codes hold its address.
    with serving(site, stop=signal.SIGINT, port=port):
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cold, warm, port = [], [], free_port()
    with tempfile.TemporaryDirectory(prefix="karriere-start-") as tmp:
        site = copy_site(args.site.resolve(), Path(tmp) / "site")
        for _ in range(args.runs):
            shutil.rmtree(site / ".karriere-cache", ignore_errors=True)
            cold.append(start_seconds(site, port))
            warm.append(start_seconds(site, port))
    print(
        f"site={args.site} runs={args.runs} first page served, s: "
        f"cold median {statistics.median(cold):.2f} (min {min(cold):.2f}), "
        f"warm median {statistics.median(warm):.2f} (min {min(warm):.2f})"
    )


if __name__ == "__main__":
    main()
