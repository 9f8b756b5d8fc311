"""karriere's build speed on a generated site: median figures over several runs.

    python benchmarks/bench.py --n 1000 --reps 3
    python benchmarks/bench.py --n 10000 --reps 3 --work /tmp/karriere-bench

Phases (command line = a new `python build.py` process each time, timed with
/usr/bin/time -v; in-process = one `Builder` kept alive, as the live preview uses it):

- cold: no output, no cache;
- no-op: the same build again, nothing changed;
- one vacancy edited (a line appended to its body; the page must show it);
- one vacancy's title edited (its page, the list pages, the feed change);
- one template edited (vacancy.html in the site's theme: every vacancy page changes);
- peak RSS of the cold build, pages per second.

Before each timed run it waits (briefly) for the shared machine to go quiet, as
../shared/bench/run.sh does. Results go to stdout and, with --json, to a file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import BUILD_DATE, PEER_GENERATOR, load_peer_generator, make_site  # noqa: E402

EDITED = "content/vacancies/00500-*.md"


def busy_jiffies() -> int:
    with open("/proc/stat") as f:
        parts = f.readline().split()
    user, nice, system, _, _, irq, softirq = (int(x) for x in parts[1:8])
    return user + nice + system + irq + softirq


def wait_quiet(limit_s: float, jiffies: int = 25) -> None:
    """Wait until the machine used at most `jiffies`/100 CPU-s in the last second."""
    waited = 0.0
    while waited < limit_s:
        before = busy_jiffies()
        time.sleep(0.5)
        if busy_jiffies() - before <= jiffies // 2:
            return
        waited += 0.5


def timed_cli(site: Path, out: Path, env: dict, quiet: float) -> dict:
    wait_quiet(quiet)
    cmd = ["/usr/bin/time", "-v", sys.executable, str(REPO / "build.py"), "build"]
    cmd += ["--site", str(site), "--out", str(out), "--date", BUILD_DATE]
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stderr}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return {"wall": wall, "rss_mb": rss / 1024, "stdout": done.stdout.strip()}


def append_line(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(f"\n{text}\n")


def set_title(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'^title: ".*"$', f'title: "{title}"', text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def own_vacancy_template(site: Path, mark: str) -> None:
    source = REPO / "karriere/themes/default/templates/vacancy.html"
    target = site / "themes/default/templates/vacancy.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8")
    target.write_text(text.replace("{% block main %}", "{% block main %}" + f"<!--{mark}-->", 1))


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run(args) -> dict:
    work = args.work / f"N{args.n}"
    site, out = work / "site", work / "public"
    settings = site / "site.yaml"
    corpus = settings.read_text(encoding="utf-8") if settings.is_file() else None
    made_as = ("posters: false" not in corpus, "search: false" in corpus) if corpus else None
    if made_as != (args.posters, args.no_search) or args.fresh:
        peer = load_peer_generator(args.peer_generator)
        make_site(args.n, site, args.seed, peer, posters=args.posters, search=not args.no_search)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if args.jobs:
        env["KARRIERE_JOBS"] = str(args.jobs)
    edited = sorted(site.glob(EDITED))[0]
    original = edited.read_bytes()
    shutil.rmtree(site / "themes", ignore_errors=True)
    figures: dict[str, list[float]] = {k: [] for k in ("cold", "noop", "edit", "title", "tpl")}
    rss: list[float] = []
    pages = 0
    try:
        for rep in range(args.reps):
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(site / ".karriere-cache", ignore_errors=True)
            cold = timed_cli(site, out, env, args.quiet)
            figures["cold"].append(cold["wall"])
            rss.append(cold["rss_mb"])
            pages = int(re.search(r"Built (\d+) pages", cold["stdout"]).group(1))
            figures["noop"].append(timed_cli(site, out, env, args.quiet)["wall"])
            append_line(edited, f"Aktualisiert {rep}")
            figures["edit"].append(timed_cli(site, out, env, args.quiet)["wall"])
            page = out / "stellen" / edited.stem / "index.html"
            assert f"Aktualisiert {rep}" in page.read_text(encoding="utf-8"), "edit not shown"
            set_title(edited, f"Geänderter Titel {rep}")
            figures["title"].append(timed_cli(site, out, env, args.quiet)["wall"])
            listing = (out / "stellen/index.html").read_text(encoding="utf-8")
            assert f"Geänderter Titel {rep}" in listing, "list page is stale"
            own_vacancy_template(site, f"tpl {rep}")
            figures["tpl"].append(timed_cli(site, out, env, args.quiet)["wall"])
            assert f"<!--tpl {rep}-->" in page.read_text(encoding="utf-8")
            edited.write_bytes(original)
            shutil.rmtree(site / "themes")
        inproc = in_process(site, out, edited, original, args)
    finally:
        edited.write_bytes(original)
        shutil.rmtree(site / "themes", ignore_errors=True)
    result = {
        "n": args.n,
        "pages": pages,
        "reps": args.reps,
        "jobs": args.jobs or os.cpu_count(),
        "cold_s": median(figures["cold"]),
        "noop_s": median(figures["noop"]),
        "edit_s": median(figures["edit"]),
        "title_edit_s": median(figures["title"]),
        "template_edit_s": median(figures["tpl"]),
        "peak_rss_mb": median(rss),
        "pages_per_s": pages / median(figures["cold"]),
        "runs": figures,
        **inproc,
    }
    return result


def in_process(site: Path, out: Path, edited: Path, original: bytes, args) -> dict:
    """One Builder kept alive, as `serve` uses it: edits timed from save to written file."""
    from karriere.incremental.builder import COMMAND_LINE, PREVIEW, Builder
    from karriere.pipeline import Request

    request = Request(site, date.fromisoformat(BUILD_DATE))
    results = {}
    for mode in ("file", "tree"):
        # "file" is the live preview's engine (karriere/preview.py): replaces files one by
        # one in a folder only it writes to, keeps nothing on disk; "tree" is the CLI's.
        if mode == "file":  # (without the preview's files in .karriere-cache/)
            profile = replace(PREVIEW, shared_content=False, made_name=None)
        else:
            profile = replace(COMMAND_LINE, autosave=False)
        builder = Builder(request, out, profile, jobs=args.jobs or None)
        builder.build()
        edits, titles, noops = [], [], []
        for rep in range(max(args.reps, 5)):
            wait_quiet(args.quiet)
            started = time.perf_counter()
            builder.build()
            noops.append(time.perf_counter() - started)
            append_line(edited, f"Im Prozess {mode} {rep}")
            wait_quiet(args.quiet)
            started = time.perf_counter()
            report = builder.build(changed_paths=[edited])
            edits.append(time.perf_counter() - started)
            assert any(p.endswith(f"{edited.stem}/index.html") for p in report.written)
            set_title(edited, f"Titel im Prozess {mode} {rep}")
            wait_quiet(args.quiet)
            started = time.perf_counter()
            report = builder.build(changed_paths=[edited])
            titles.append(time.perf_counter() - started)
            assert "stellen/index.html" in report.written
        edited.write_bytes(original)
        builder.build(changed_paths=[edited])
        results[f"inproc_{mode}_noop_s"] = median(noops)
        results[f"inproc_{mode}_edit_s"] = median(edits)
        results[f"inproc_{mode}_title_edit_s"] = median(titles)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument(
        "--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "karriere-bench"
    )
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--quiet", type=float, default=10.0, help="max seconds to wait for quiet")
    parser.add_argument("--fresh", action="store_true", help="regenerate the corpus")
    parser.add_argument("--posters", action="store_true", help="Aushang pages and QR codes too")
    parser.add_argument("--no-search", action="store_true", help="search: false in site.yaml")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--peer-generator", type=Path, default=PEER_GENERATOR)
    args = parser.parse_args(argv)
    result = run(args)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"karriere, N={result['n']} vacancies ({result['pages']} pages), median of {args.reps}:")
    for key, value in result.items():
        if key.endswith("_s") or key in ("peak_rss_mb", "pages_per_s"):
            print(f"  {key:28} {value:9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
