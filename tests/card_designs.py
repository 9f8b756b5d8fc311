"""A card design to draw in tests, with any field changed (tests/outputs)."""

from __future__ import annotations

from karriere.outputs import og_cards as cards
from karriere.outputs import og_drawing as drawing

FONTS = tuple(str(cards.BUILTIN / "cards" / f) for f in cards.FONTS)


def design(**changed) -> drawing.Design:
    base = dict(
        layout="text",
        eyebrow="Ausbildung",
        headline="Straßenbauer*in (m/w/d)",
        details=("Lindenfeld", "Bewerbungsschluss: 05.06.2026"),
        color="#0a6e5c",
        organisation="Stadt Lindenfeld",
        address="karriere.lindenfeld.de",
        fonts=FONTS,
    )
    return drawing.Design(**{**base, **changed})
