"""Write a deterministic karriere site with N vacancies, for build-speed benchmarks.

The vacancy bodies are the shared peer corpus's bodies, byte for byte (its generator is
loaded from ../shared/bench/make_corpus.py, or --peer-generator), so karriere and Hugo,
Pelican and MkDocs render the same text. Only the front matter is converted to karriere's
(title, category, posted, deadline ISO, location, department, pay). Stories, FAQ entries
and the legal pages are added so every page type is present.

    python benchmarks/make_corpus.py --n 10000 --out /tmp/karriere-bench/N10000
    python build.py --site /tmp/karriere-bench/N10000 --date 2024-01-01

Build with --date 2024-01-01 (BUILD_DATE below): every vacancy is then open, so the list
page links all N, as in the peers' corpus.

Like the peers, the site makes one page per vacancy: `cards: false` and `posters: false`.
`--posters` adds an Aushang page and two QR files per vacancy (what the example site has),
to measure their cost separately. `--no-search` turns the Pagefind index off, as the
100,000-vacancy figures need (see benchmarks/RESULTS.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def find_peer_generator() -> Path:
    """../shared/bench/make_corpus.py next to the repository or one of its parents."""
    for folder in REPO.parents:
        candidate = folder / "shared" / "bench" / "make_corpus.py"
        if candidate.is_file():
            return candidate
    return Path("shared/bench/make_corpus.py")


PEER_GENERATOR = find_peer_generator()
BUILD_DATE = "2024-01-01"

SITE_YAML = """\
title: "Karriere bei der Stadt Lindenau"
base_url: "https://karriere.lindenau.example/"
organisation:
  name: "Stadt Lindenau"
  url: "https://www.lindenau.example"
  address: {street: "Markt 1", postal_code: "12345", city: "Lindenau", country: "DE"}
social:
  instagram: "https://www.instagram.com/stadt.lindenau/"
cards: false
"""

STORY = """\
---
title: "{title}"
name: {name}
role: "{role}"
date: {date}
quote: "Jeder Tag ist anders."
---
{body}
"""

FAQ = """\
---
question: "{question}"
category: Bewerbung
order: {order}
---
{body}
"""

LEGAL = {
    "impressum": "Impressum",
    "datenschutz": "Datenschutz",
    "barrierefreiheit": "Barrierefreiheit",
}


def load_peer_generator(path: Path):
    spec = importlib.util.spec_from_file_location("peer_make_corpus", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def convert(text: str) -> str:
    """Peer front matter -> karriere front matter; the body bytes stay unchanged."""
    _, front, body = text.split("---\n", 2)
    fields = dict(line.split(": ", 1) for line in front.strip().split("\n"))
    deadline = dt.datetime.strptime(fields["deadline"], "%d.%m.%Y").date()
    pay = fields["pay_grade"]
    category = "beamtenlaufbahn" if "LBesO" in pay else "fachkraft"
    lines = [
        "---",
        f'title: "{fields["title"]}"',
        f"category: {category}",
        f"posted: {fields['date']}",
        f"deadline: {deadline.isoformat()}",
        f'location: "{fields["location"]}"',
        f'department: "{fields["department"]}"',
        f'pay: "{pay}"',
        "---",
    ]
    return "\n".join(lines) + "\n" + body


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


ENGLISH = """\
languages:
  - {code: de, label: "Deutsch"}
  - {code: en, label: "English"}
"""


def english(text: str) -> str:
    """A stand-in translation of a vacancy: the words only (title, summary) and a body
    of the same length, so that it costs what a real one would."""
    _, front, body = text.split("---\n", 2)
    title = re.search(r"^title: (.*)$", front, re.M).group(1).strip().strip('"')
    words = f'title: "{title} (English)"\nsummary: "The English version of this vacancy."\n'
    return f"---\n{words}---\n{body}"


def make_site(
    n: int,
    out: Path,
    seed: int,
    peer,
    posters: bool = False,
    in_english: bool = False,
    search: bool = True,
) -> None:
    if out.exists():
        shutil.rmtree(out)
    settings = SITE_YAML + ("" if posters else "posters: false\n")
    settings += "" if search else "search: false\n"
    write(out, "site.yaml", settings + (ENGLISH if in_english else ""))
    for i in range(1, n + 1):
        slug, text = peer.make_page(seed, i)
        write(out, f"content/vacancies/{slug}.md", convert(text))
        if in_english:
            write(out, f"content/vacancies/{slug}.en.md", english(convert(text)))
    sample = peer.make_page(seed, 0)[1].split("---\n", 2)[2]
    for i in range(1, 21):
        write(
            out,
            f"content/stories/geschichte-{i:02d}.md",
            STORY.format(
                title=f"Mein Weg in die Verwaltung, Teil {i}",
                name=["Lena", "Murat", "Sophie", "Hamid"][i % 4],
                role="Auszubildende Verwaltungsfachangestellte",
                date=(dt.date(2023, 1, 1) + dt.timedelta(days=7 * i)).isoformat(),
                body=sample,
            ),
        )
    for i in range(1, 31):
        write(
            out,
            f"content/faq/frage-{i:02d}.md",
            FAQ.format(
                question=f"Wie läuft Schritt {i} der Bewerbung ab?", order=i, body=sample[:600]
            ),
        )
    for slug, title in LEGAL.items():
        write(
            out,
            f"content/pages/{slug}.md",
            f"---\ntitle: {title}\nmenu: footer\n---\n{sample[:800]}",
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="number of vacancies")
    parser.add_argument("--out", type=Path, required=True, help="site folder to (re)create")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--peer-generator", type=Path, default=PEER_GENERATOR)
    parser.add_argument("--posters", action="store_true", help="Aushang pages and QR codes too")
    parser.add_argument("--english", action="store_true", help="every vacancy also in English")
    parser.add_argument(
        "--no-search", action="store_true", help="search: false (no Pagefind index)"
    )
    args = parser.parse_args(argv)
    peer = load_peer_generator(args.peer_generator)
    make_site(
        args.n,
        args.out,
        args.seed,
        peer,
        posters=args.posters,
        in_english=args.english,
        search=not args.no_search,
    )
    print(f"wrote a site with {args.n} vacancies to {args.out} (build with --date {BUILD_DATE})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
