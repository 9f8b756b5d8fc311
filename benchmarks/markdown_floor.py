"""What Markdown costs a cold build on this machine: milliseconds a body, and the floor.

Converts the vacancy bodies of a corpus (benchmarks/make_corpus.py) with karriere's
renderer (cmark-gfm, heading anchors, gender stars, video blocks, nh3, sub-path links) and
with other engines where they are installed, in this process, and prints the median
milliseconds per body over several rounds. From that it prints the least wall time that
converting N bodies takes on the cores this process may use, before anything is parsed,
rendered or written:

    python benchmarks/make_corpus.py --n 1000 --out /tmp/karriere-bench/N1000
    python benchmarks/markdown_floor.py --site /tmp/karriere-bench/N1000 --n 10000

The issue's cold-build target (10,000 vacancies in 7 s on 2 cores) assumed about 1 ms a
body for Python-Markdown, which karriere used until 2026-12; where this prints more than
1.4 ms for it, Python-Markdown alone rules the target out. The other engines are timed
when installed (`pip install markdown markdown-it-py pyromark`; none is a dependency).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from karriere.content.markdown import MarkdownRenderer, to_html  # noqa: E402


def bodies_of(site: Path, limit: int) -> list[str]:
    files = sorted((site / "content" / "vacancies").glob("*.md"))[:limit]
    return [path.read_text(encoding="utf-8").split("---\n", 2)[2] for path in files]


def per_body_ms(convert, bodies: list[str], rounds: int) -> float:
    """Median over rounds of the mean time per body."""
    convert(bodies[0])  # warm: compiled patterns, imports
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        for body in bodies:
            convert(body)
        times.append((time.perf_counter() - started) / len(bodies) * 1000)
    return statistics.median(times)


def other_engines() -> list[tuple[str, object]]:
    """Other engines, where installed: (name, convert)."""
    found = []
    try:
        import markdown

        plain = markdown.Markdown()
        found.append(("Python-Markdown, no extensions", lambda text: plain.reset().convert(text)))
    except ImportError:
        pass
    try:
        from markdown_it import MarkdownIt

        found.append(("markdown-it-py (CommonMark)", MarkdownIt("commonmark").render))
    except ImportError:
        pass
    try:
        import pyromark

        found.append(("pyromark (Rust, CommonMark)", pyromark.html))
    except ImportError:
        pass
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="a corpus from make_corpus.py")
    parser.add_argument("--bodies", type=int, default=300, help="bodies to convert (300)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; the median is quoted")
    parser.add_argument("--n", type=int, default=10000, help="vacancies of the floor (10000)")
    args = parser.parse_args(argv)
    bodies = bodies_of(args.site, args.bodies)
    if not bodies:
        parser.error(f"no vacancies in {args.site}/content/vacancies")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    size = statistics.mean(len(b.encode("utf-8")) for b in bodies) / 1024
    karriere = MarkdownRenderer("/")
    print(
        f"{len(bodies)} bodies of {size:.1f} KB on average, {cores} cores, median of {args.rounds}"
    )
    engines = [
        ("karriere's renderer", karriere.convert),
        ("cmark-gfm alone", to_html),
    ]
    for name, convert in engines + other_engines():
        ms = per_body_ms(convert, bodies, args.rounds)
        floor = ms * args.n / 1000 / cores
        print(
            f"{name:32s} {ms:6.2f} ms a body -> N={args.n}: at least {floor:5.1f} s on {cores} cores"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
