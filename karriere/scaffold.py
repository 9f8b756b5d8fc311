"""`new`: start a content file from a commented German template. Never overwrites."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from .errors import UsageError
from .markdown import slugify

FOLDERS = {
    "vacancy": "vacancies",
    "story": "stories",
    "faq": "faq",
    "page": "pages",
    "event": "events",
}

TEMPLATES = {
    "vacancy": """---
title: "{title}"            # Stellentitel, geschlechtergerecht
category: fachkraft        # ausbildung, duales-studium, praktikum, fachkraft, beamtenlaufbahn
posted: {today}            # Veröffentlicht am (JJJJ-MM-TT)
deadline: null             # Bewerbungsschluss (JJJJ-MM-TT); leer = bis zur Besetzung
location: Musterstadt      # Arbeitsort: Ort oder Anschrift mit street, postal_code, city
reference: ""              # Kennziffer
department: ""             # Amt oder Abteilung
employment: [full_time]    # full_time, part_time, temporary, intern
pay: ""                    # z. B. EG 9a TVöD-VKA
apply_url: "mailto:bewerbung@example.org"   # https:// oder mailto:
summary: ""                # ein, zwei Sätze für Listen und Suchmaschinen
draft: true                # Entwurf: erst mit false veröffentlichen
---
## Ihre Aufgaben

- …

## Ihr Profil

- …

## Wir bieten

- …
""",
    "story": """---
title: "{title}"     # Überschrift
name: ""             # Vorname der Person
role: ""             # z. B. Auszubildende Verwaltungsfachangestellte
date: {today}        # Datum (JJJJ-MM-TT)
quote: ""            # ein kurzes Zitat
draft: true          # Entwurf: erst mit false veröffentlichen
---
Erzähl, wie dein Tag aussieht …
""",
    "faq": """---
question: "{title}"  # die Frage
category: Bewerbung  # Gruppe auf der FAQ-Seite
order: 10            # Reihenfolge (kleinere Zahlen zuerst)
---
Die Antwort …
""",
    "page": """---
title: "{title}"     # Seitentitel
summary: ""          # Kurzbeschreibung
menu: footer         # main oder footer; weglassen für kein Menü
---
Text der Seite …
""",
    "event": """---
title: "{title}"
start: {today}T10:00:00+01:00
---
Beschreibung …
""",
}


def cmd_new(args: argparse.Namespace, today: date) -> int:
    folder = args.site / "content" / FOLDERS[args.kind]
    slug = slugify(args.title)
    if not slug:
        raise UsageError(f"{args.title!r} gives no usable file name; use letters or digits")
    path = folder / f"{slug}.md"
    if path.exists():
        raise UsageError(f"{path} exists already; choose another title or edit that file")
    folder.mkdir(parents=True, exist_ok=True)
    title = args.title.replace('"', '\\"')
    path.write_text(
        TEMPLATES[args.kind].format(title=title, today=today.isoformat()), encoding="utf-8"
    )
    print(f"Created {Path(path)}")
    return 0
