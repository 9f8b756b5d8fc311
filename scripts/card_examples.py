"""Draw the example cards in docs/cards/ from the example site (this repository).

    python scripts/card_examples.py

Each is the card a build publishes for that page (og:image), drawn by the same code:
Photo cards are JPEG, as published. vacancy.png (no picture: the brand card; the employer's SVG logo rasterised with resvg),
vacancy-photo.png (a vacancy with its own picture), network.png (a vacancy of another
employer of the network, with that employer's SVG logo), story.png (Lena's quote over
her picture), quote.png (the same story without a picture), home.png (the campaign's
video poster) and faq.png (the first question, large).
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
    routes = {
        "vacancy": "stellen/sachbearbeitung-buergeramt/",
        "vacancy-photo": "stellen/kommunaler-ordnungsdienst/",
        "network": "stellen/ausbildung-immobilienkaufleute/",
        "story": "geschichten/lena-ein-tag-im-buergeramt/",
        "home": "",
        "faq": "faq/",
    }
    designs = {name: cards.card_for(site, by_route[route]).design for name, route in routes.items()}
    designs["quote"] = cards.text_design(site, by_route[routes["story"]])
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, design in designs.items():
        data = cards.render(design)
        suffix = ".jpg" if design.layout == "photo" else ".png"  # as a build publishes it
        for old in TARGET.glob(f"{name}.*g"):
            old.unlink()
        (TARGET / f"{name}{suffix}").write_bytes(data)
        print(f"docs/cards/{name}{suffix}: {len(data) // 1024} KB ({design.layout})")


if __name__ == "__main__":
    main()
