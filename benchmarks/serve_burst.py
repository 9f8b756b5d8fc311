"""How many rebuilds `karriere serve` makes for a burst of saves (the issue: 1,000 saves
should give one or two rebuilds, not 1,000).

    python benchmarks/serve_burst.py --site . --saves 1000

Saves one vacancy `--saves` times as fast as Python can write it, then waits until the
server has been quiet for 2 s and counts the reload messages it sent (Server-Sent Events).
"""

from __future__ import annotations

import argparse
import threading
import time
import urllib.request
from pathlib import Path

from serve_latency import ROOT, events, serving


def count_rebuilds(site: Path, saves: int) -> tuple[int, bool]:
    with serving(site) as url:
        vacancy = sorted((site / "content/vacancies").glob("*.md"))[0]
        original = vacancy.read_text(encoding="utf-8")
        messages: list[dict] = []
        stream = events(f"{url}__karriere/events")
        next(stream)  # the current state
        threading.Thread(target=lambda: messages.extend(stream), daemon=True).start()
        try:
            for n in range(saves):
                vacancy.write_text(original + f"\n\nSpeichern {n}\n", encoding="utf-8")
            last = -1
            while last != len(messages):  # quiet for 2 s: the burst is over
                last = len(messages)
                time.sleep(2)
        finally:
            vacancy.write_text(original, encoding="utf-8")
        html = urllib.request.urlopen(f"{url}stellen/{vacancy.stem}/").read().decode()
        return len(messages), f"Speichern {saves - 1}" in html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT)
    parser.add_argument("--saves", type=int, default=1000)
    args = parser.parse_args()
    rebuilds, shows_last = count_rebuilds(args.site.resolve(), args.saves)
    print(
        f"site={args.site} saves={args.saves} rebuilds={rebuilds} "
        f"last save served={'yes' if shows_last else 'NO'}"
    )


if __name__ == "__main__":
    main()
