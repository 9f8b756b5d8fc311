"""Draw build time against N for each generator from the table in benchmarks/RESULTS.md.

    pip install -e '.[bench]'
    python benchmarks/plot.py                     # writes benchmarks/build-times.png

The figures come from the first table of RESULTS.md whose header begins
`| generator | N |`, so the page and its plot cannot disagree: measure, edit the table,
run this. Left: cold build. Right: one vacancy edited, solid for the live preview or
watch mode, dashed for a new command-line build. Both axes are logarithmic.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: write the file only
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter, NullFormatter  # noqa: E402

HERE = Path(__file__).resolve().parent
COLUMNS = {"cold": "cold s", "cli": "one edit, command line s", "live": "one edit, live s"}
COLOURS = {"karriere": "#0a6e5c", "Hugo": "#ff4088", "Pelican": "#3465a4", "MkDocs": "#8f5902"}
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def number(cell: str) -> float | None:
    """The first number of a cell ("**6.38** (5.9–7.1)" → 6.38); None for "–" or text."""
    found = NUMBER.search(cell.replace("*", ""))
    return float(found.group().replace(",", "")) if found else None


def read_table(page: Path) -> list[dict[str, str]]:
    lines = page.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| generator | N |"))
    header = cells(lines[start])
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(dict(zip(header, cells(line), strict=False)))
    return rows


def series(rows: list[dict[str, str]], column: str) -> dict[str, list[tuple[int, float]]]:
    """generator → [(N, seconds)], sorted by N; rows without a figure are left out."""
    found: dict[str, list[tuple[int, float]]] = {}
    for row in rows:
        name = row["generator"].replace("*", "").split()[0]
        seconds = number(row.get(column, ""))
        if seconds is not None:
            found.setdefault(name, []).append((int(number(row["N"])), seconds))
    return {name: sorted(points) for name, points in found.items()}


def draw(rows: list[dict[str, str]], out: Path) -> None:
    figure, (cold, edit) = plt.subplots(1, 2, figsize=(10, 4.2), sharex=True)
    for name, points in series(rows, COLUMNS["cold"]).items():
        cold.plot(*zip(*points, strict=True), "o-", color=COLOURS.get(name), label=name)
    for style, column in (("o-", COLUMNS["live"]), ("s--", COLUMNS["cli"])):
        for name, points in series(rows, column).items():
            edit.plot(*zip(*points, strict=True), style, color=COLOURS.get(name))
    cold.set_title("cold build")
    edit.set_title("one vacancy edited (solid: live / watch, dashed: command line)")
    edit.title.set_fontsize("medium")
    sizes = sorted({int(number(row["N"])) for row in rows})
    for axes in (cold, edit):
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xticks(sizes, [f"{n:,}" for n in sizes])
        axes.xaxis.set_minor_formatter(NullFormatter())
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
        axes.set_xlabel("vacancies (N)")
        axes.grid(True, which="both", alpha=0.3)
    cold.set_ylabel("seconds (median)")
    cold.legend()
    figure.tight_layout()
    figure.savefig(out, dpi=100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--out", type=Path, default=HERE / "build-times.png")
    args = parser.parse_args(argv)
    draw(read_table(args.results), args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
