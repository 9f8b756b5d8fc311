"""Draw the example cards in docs/cards/ from the example site (this repository).

    python scripts/card_examples.py

Each is the card a build publishes for that page (og:image), drawn by the same code:
Photo cards are JPEG, as published. vacancy.png (no picture: the brand card; the employer's SVG logo rasterised with resvg),
vacancy-photo.png (a vacancy with its own picture), network.png (a vacancy of another
employer of the network, with that employer's SVG logo), story.png (Lena's quote over
her picture), quote.png (the same story without a picture), home.png (the campaign's
video poster) and faq.png (the first question, large).

In other writing systems, with the vacancy's words translated here (the example site's
translations come with the languages): ar-vacancy.png and ar-vacancy-photo.jpg (Arabic,
shaped right to left, the layout mirrored), ar-faq.png, tr-vacancy.png (Turkish) and
uk-vacancy.png (Ukrainian).
"""

from __future__ import annotations

import sys
from dataclasses import replace
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
    designs.update(translated(config, designs))
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, design in designs.items():
        data = cards.render(design)
        suffix = ".jpg" if design.layout == "photo" else ".png"  # as a build publishes it
        for old in TARGET.glob(f"{name}.*g"):
            old.unlink()
        (TARGET / f"{name}{suffix}").write_bytes(data)
        print(f"docs/cards/{name}{suffix}: {len(data) // 1024} KB ({design.layout})")


# The vacancy's words in other languages (the facts stay: place, date, logo, colour).
WORDS = {
    "ar-vacancy": (
        "ar",
        "vacancy",
        "الإدارة",
        "موظف/ة إداري/ة (م/ج/د)",
        ("ليندنفيلد", "آخر موعد للتقديم: 05.06.2026"),
        "قدّم الآن",
    ),
    "ar-vacancy-photo": (
        "ar",
        "vacancy-photo",
        "الأمن والنظام",
        "موظف/ة في دائرة النظام العام (م/ج/د)",
        ("ليندنفيلد", "آخر موعد للتقديم: 05.06.2026"),
        "قدّم الآن",
    ),
    "ar-faq": ("ar", "faq", "أسئلة شائعة", "كم يستغرق إجراء التقديم لدى مدينة ليندنفيلد؟", (), ""),
    "tr-vacancy": (
        "tr",
        "vacancy",
        "İdare",
        "İdari işler uzmanı – eğitim ve danışmanlık (k/e/d)",
        ("Lindenfeld", "Son başvuru: 05.06.2026"),
        "Şimdi başvur",
    ),
    "uk-vacancy": (
        "uk",
        "vacancy",
        "Є вільні місця",
        "Програма для молодих біженців: ґрунтовне навчання і їхнє майбутнє",
        ("Лінденфельд", "Подати заявку до: 05.06.2026"),
        "Подати заявку",
    ),
}


def translated(config, designs: dict) -> dict:
    out = {}
    for name, (language, of, eyebrow, headline, details, action) in WORDS.items():
        fonts = cards.font_paths(config, language=language)
        out[name] = replace(
            designs[of],
            eyebrow=eyebrow,
            headline=headline,
            details=details,
            action=action,
            language=language,
            fonts=fonts,
        )
    return out


if __name__ == "__main__":
    main()
