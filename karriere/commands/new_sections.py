"""`new leichte-sprache` and `new gebaerdensprache`: the four texts of BITV 2.0 § 4.

§ 4 asks a public body's website to explain, in Leichte Sprache and in German Sign
Language (DGS): what the site contains, how to navigate it, the main points of the
accessibility statement, and where more in that language is found. This starts one draft
per text, with the rules of Leichte Sprache as comments and a hint in each body that may
not be published (content/placeholders.py). Existing files are never overwritten.
"""

from __future__ import annotations

import json
from pathlib import Path

from karriere.base.errors import UsageError
from karriere.base.messages import Messages, say
from karriere.content.placeholders import SECTION_TEXTS, SIGN_LANGUAGE_HINT

RULES = """\
# Regeln für Leichte Sprache (Netzwerk Leichte Sprache, DIN SPEC 33429), kurz:
# - Kurze Sätze. Jeder Satz hat nur eine Aussage.
# - Jeder Satz in einer eigenen Zeile: mit \\ am Zeilen·ende (sonst fügt Markdown die Zeilen zusammen).
# - Keine Abkürzungen: "zum Beispiel", nicht "z. B."
# - Lange Wörter teilen: mit Medio·punkt (Bürger·amt) oder Binde·strich (Bürger-Amt).
# - Bekannte Wörter, keine Fremd·wörter. Schwere Wörter erklären.
# - Aktiv schreiben. Möglichst keine Verneinung.
# - Zahlen als Ziffern: 3, nicht drei.
# - Zwischen·überschriften und Listen machen den Text übersichtlich.
# - Lassen Sie den Text von Menschen prüfen, die Leichte Sprache brauchen.
"""

EASY_READ = """\
---
title: {title}   # Überschrift in Leichter Sprache
summary: ""   # ein kurzer Satz für Listen und Suchmaschinen
order: {order}   # Reihenfolge; index.md ist die Start·seite des Bereichs /leichte-sprache/
draft: true   # Entwurf: erst mit false veröffentlichen
{rules}---
{hint}
"""

SIGN_LANGUAGE = """\
---
title: {title}   # Überschrift der Seite
summary: ""   # ein kurzer Satz für Listen und Suchmaschinen
order: {order}   # Reihenfolge; index.md ist die Start·seite des Bereichs /gebaerdensprache/
# video: {{file: media/dgs/{slug}.mp4, sign_language: true, poster: media/dgs/{slug}.jpg, captions: media/dgs/{slug}.de.vtt}}   # Video in Deutscher Gebärdensprache: eigene MP4-Datei, mindestens 320 × 240 Pixel und 25 Bilder pro Sekunde (BITV 2.0 Anlage 2); die Seite zeigt Auflösung, Dauer und Dateigröße
draft: true   # Entwurf: erst mit false veröffentlichen
# Der Text unter dem Video ist für alle, die keine Gebärdensprache können.
{rules}---
{hint}
"""


def render_section(kind: str) -> dict[str, str]:
    """File name -> text of the four § 4 drafts of `kind` (leichte-sprache, gebaerdensprache)."""
    files = {}
    for order, (slug, title, hint) in enumerate(SECTION_TEXTS, 1):
        if kind == "gebaerdensprache":
            text = SIGN_LANGUAGE.format(
                title=json.dumps(title, ensure_ascii=False),
                order=order,
                slug=slug,
                rules=RULES,
                hint=SIGN_LANGUAGE_HINT,
            )
        else:
            text = EASY_READ.format(
                title=json.dumps(title, ensure_ascii=False), order=order, rules=RULES, hint=hint
            )
        files[f"{slug}.md"] = text
    return files


def write_section(site: Path, kind: str, messages: Messages) -> int:
    folder = site / "content" / kind
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for name, text in render_section(kind).items():
        path = folder / name
        try:
            with open(path, "x", encoding="utf-8") as handle:  # never overwrite
                handle.write(text)
        except FileExistsError:
            print(messages.text(say("Left {path} as it is (exists already)", path=str(path))))
            continue
        made.append(path)
        print(messages.text(say("Created {path}", path=str(path))))
    if not made:
        raise UsageError(
            say("every file of {folder} exists already; nothing was created", folder=str(folder))
        )
    return 0
