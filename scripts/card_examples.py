"""Draw the three example cards in docs/cards/ from the example site (this repository).

    python scripts/card_examples.py

vacancy.png: a vacancy without its own image (sachbearbeitung-buergeramt); home.png: the
home page; story.png: the quote card of Lena's story, i.e. what a story gets when it has
no image of its own (every example story has a photo, which is cropped instead).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from karriere.content.loading import load_content  # noqa: E402
from karriere.outputs import og_cards as cards  # noqa: E402
from karriere.pipeline import Request, load_settings  # noqa: E402
from karriere.site.build import build_site  # noqa: E402

TARGET = ROOT / "docs" / "cards"
TODAY = date(2026, 11, 22)


def main() -> None:
    config, options = load_settings(Request(site_dir=ROOT, today=TODAY))
    site = build_site(config, load_content(config), options)
    by_route = {page.route: page for page in site.pages}
    designs = {
        "vacancy": cards.card_for(site, by_route["stellen/sachbearbeitung-buergeramt/"]).design,
        "story": cards.text_design(site, by_route["geschichten/lena-ein-tag-im-buergeramt/"]),
        "home": cards.card_for(site, by_route[""]).design,
    }
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, design in designs.items():
        data = cards.render(design)
        (TARGET / f"{name}.png").write_bytes(data)
        print(f"docs/cards/{name}.png: {len(data) // 1024} KB")


if __name__ == "__main__":
    main()
