"""Save-to-reload latency of `karriere serve`: from writing a vacancy file to the browser
being told to reload (Server-Sent Event) and the updated page being served.

    python benchmarks/serve_latency.py --site . --runs 15
    python benchmarks/serve_latency.py --site /tmp/corpus-1000 --runs 15 --date 2024-01-01
    python benchmarks/serve_latency.py --site /tmp/corpus-1000 --runs 15 --edit title
    python benchmarks/serve_latency.py --site /tmp/corpus-en --runs 15 --language en

--date previews the site as on that day (`serve --date`): a generated corpus's vacancies
are open on its build day, so that the feed, the sitemap and the filter index hold them;
on today's date they have all expired.

Prints the median, min and max in milliseconds. The site must have content/vacancies/*.md.
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 600) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not come up")


def events(url: str):
    """Yield each SSE data payload as it arrives."""
    stream = urllib.request.urlopen(url, timeout=120)
    for raw in stream:
        line = raw.decode().strip()
        if line.startswith("data: "):
            yield json.loads(line[6:])


@contextmanager
def serving(
    site: Path, stop: int = signal.SIGTERM, port: int | None = None, day: str | None = None
):
    """`karriere serve` on a free port; yields the URL of the site (with its sub-path)."""
    port = port or free_port()
    command = [sys.executable, str(ROOT / "build.py"), "serve", "--site", str(site)]
    command += ["--port", str(port)] + (["--date", day] if day else [])
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    try:
        origin = f"http://127.0.0.1:{port}"
        wait_until_up(origin + "/")
        yield urllib.request.urlopen(origin + "/", timeout=10).url
    finally:
        proc.send_signal(stop)
        proc.wait(timeout=60)


def edited(original: str, kind: str, marker: str) -> str:
    """The file with `marker` in its body (its own page changes) or in its title (its
    page, the list pages that show it, the sitemap's and feed's rows change, and it
    moves in the list order)."""
    if kind == "title":
        return original.replace('title: "', f'title: "{marker} ', 1)
    return original.rstrip("\n") + f"\n\n{marker}\n"


def measure(
    site: Path, runs: int, day: str | None = None, kind: str = "body", language: str = ""
) -> list[float]:
    """`language`: edit the vacancy's translation into it (<slug>.<code>.md) instead."""
    with serving(site, day=day) as url:
        originals = [
            p for p in sorted((site / "content/vacancies").glob("*.md")) if "." not in p.stem
        ]
        vacancy = originals[len(originals) // 2]
        prefix = f"{language}/" if language else ""
        page = f"{url}{prefix}stellen/{vacancy.stem}/"
        if language:
            vacancy = vacancy.with_name(f"{vacancy.stem}.{language}.md")
        original = vacancy.read_text(encoding="utf-8")
        stream = events(f"{url}__karriere/events")
        next(stream)  # the current state
        timings = []
        try:
            for n in range(runs + 1):
                marker = f"Messung {n} {time.time_ns()}"
                started = time.perf_counter()
                vacancy.write_text(edited(original, kind, marker), encoding="utf-8")
                message = next(stream)
                told = time.perf_counter()
                # (the vacancy's own page shows either; /stellen/ is paginated and
                # shows the newest only)
                html = urllib.request.urlopen(page, timeout=10).read().decode()
                if not message.get("ok") or marker not in html:
                    raise SystemExit(f"rebuild {n} did not serve the edit: {message}")
                if n:  # the first edit warms caches
                    timings.append((told - started) * 1000)
                time.sleep(0.3)
        finally:
            vacancy.write_text(original, encoding="utf-8")
        return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--date", help="preview as on this day (YYYY-MM-DD)")
    parser.add_argument(
        "--edit", choices=["body", "title"], default="body",
        help="append to a vacancy's body, or change its title (shown on /stellen/)",
    )  # fmt: skip
    parser.add_argument("--language", default="", help="edit the translation into this code")
    args = parser.parse_args()
    timings = measure(args.site.resolve(), args.runs, args.date, args.edit, args.language)
    print(
        f"site={args.site} edit={args.edit} language={args.language or '-'} "
        f"runs={len(timings)} save->reload ms: "
        f"median {statistics.median(timings):.0f}, min {min(timings):.0f}, max {max(timings):.0f}"
    )


if __name__ == "__main__":
    main()
