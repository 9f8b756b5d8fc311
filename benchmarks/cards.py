"""Time spent on card images in a build of the example site: cold (nothing cached) and warm.

    python benchmarks/cards.py --runs 5

Works on a copy of the example site in a temporary folder. Two measurements:

1. The card stage alone, in process (`cards.publish`): cold = empty card cache, every
   card drawn (in a process pool); warm = all cards cached, only planned and hashed.
   Per-card cost is the CPU time summed over the cards, divided by their number.
2. Whole command-line builds (`python build.py build`), wall clock, with the incremental
   engine's state removed before each so every page renders: cold cards, warm cards,
   and `cards: false` for comparison.

Prints medians (and min/max) over the runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from karriere.base.file_facts import file_facts  # noqa: E402
from karriere.content.loading import load_content  # noqa: E402
from karriere.outputs import og_cards as cards  # noqa: E402
from karriere.pipeline import Request, load_settings  # noqa: E402
from karriere.site.build import build_site  # noqa: E402

TODAY = date(2026, 11, 22)
BASE_URL = "https://example.org/karriere/"


def copy_site(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy(ROOT / "site.yaml", target / "site.yaml")
    shutil.copytree(ROOT / "content", target / "content")
    if (ROOT / "themes").is_dir():
        shutil.copytree(ROOT / "themes", target / "themes")
    return target


def card_stage(site_dir: Path) -> tuple[cards.Stats, cards.Stats]:
    config, options = load_settings(Request(site_dir=site_dir, today=TODAY, base_url=BASE_URL))
    site = build_site(config, load_content(config), options)
    shutil.rmtree(site_dir / cards.CACHE, ignore_errors=True)
    file_facts.clear()  # a fresh process would hash the files too
    started = time.perf_counter()
    _, cold = cards.publish(site)
    cold = cold.__class__(cold.planned, cold.drawn, time.perf_counter() - started, cold.cpu_seconds)
    file_facts.clear()
    started = time.perf_counter()
    _, warm = cards.publish(site)
    warm = warm.__class__(warm.planned, warm.drawn, time.perf_counter() - started, 0.0)
    return cold, warm


def cli_build(site_dir: Path, keep_cards: bool) -> float:
    cache = site_dir / ".karriere-cache"
    for path in cache.glob("*") if cache.is_dir() else []:
        if not (keep_cards and path.name == "cards"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    command = [sys.executable, str(ROOT / "build.py"), "build", "--site", str(site_dir)]
    command += ["--out", str(site_dir / "public"), "--date", TODAY.isoformat()]
    command += ["--base-url", BASE_URL]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def summary(values: list[float], unit: str = "s", scale: float = 1.0) -> str:
    v = [x * scale for x in values]
    return f"median {statistics.median(v):.3f} {unit} (min {min(v):.3f}, max {max(v):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="karriere-cards-") as tmp:
        site_dir = copy_site(Path(tmp) / "site")
        colds, warms = [], []
        for _ in range(args.runs):
            cold, warm = card_stage(site_dir)
            colds.append(cold)
            warms.append(warm)
        drawn = colds[0].drawn
        print(f"cards in the example site: {drawn} distinct, for {colds[0].planned} planned")
        print("card stage, cold:", summary([c.seconds for c in colds]))
        print("card stage, warm:", summary([w.seconds for w in warms]))
        per_card = [c.cpu_seconds / c.drawn for c in colds]
        print("per card (CPU):  ", summary(per_card, "ms", 1000))

        builds = {"cold cards": [], "warm cards": [], "cards: false": []}
        for _ in range(args.runs):
            shutil.rmtree(site_dir / cards.CACHE, ignore_errors=True)
            builds["cold cards"].append(cli_build(site_dir, keep_cards=False))
            builds["warm cards"].append(cli_build(site_dir, keep_cards=True))
        yaml = site_dir / "site.yaml"
        text = yaml.read_text("utf-8").replace("cards: true", "cards: false")
        yaml.write_text(text if "cards: false" in text else text + "cards: false\n", "utf-8")
        for _ in range(args.runs):
            builds["cards: false"].append(cli_build(site_dir, keep_cards=False))
        for name, values in builds.items():
            print(f"CLI build, {name}:".ljust(26), summary(values))


if __name__ == "__main__":
    main()
