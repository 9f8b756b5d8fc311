"""`new`: start a content file from a commented German template. Never overwrites.

Every field of the content type appears, active or commented out, each with a short
German comment, so an editor sees what is possible without opening the documentation.
What site.yaml knows (categories, the organisation's address, du or Sie) is filled in;
the other example values are placeholders that may not be published (placeholders.py).
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from slugify import slugify as _slugify

from karriere.base.errors import UsageError
from karriere.base.messages import Messages, say
from karriere.config.models import Address
from karriere.config.settings import DEFAULT_CATEGORIES, SiteConfig

FOLDERS = {
    "vacancy": "vacancies",
    "story": "stories",
    "faq": "faq",
    "page": "pages",
    "event": "events",
    "employer": "employers",
    "occupation": "occupations",
    "post": "posts",
}
# Kinds that start the four texts of BITV 2.0 § 4 in their folder (new_sections.py).
SECTIONS = ("leichte-sprache", "gebaerdensprache")

# German transliteration; python-slugify alone would turn "ä" into "a".
GERMAN = [
    ("ä", "ae"),
    ("ö", "oe"),
    ("ü", "ue"),
    ("Ä", "Ae"),
    ("Ö", "Oe"),
    ("Ü", "Ue"),
    ("ß", "ss"),
    ("ẞ", "SS"),
]
# "(m/w/d)" and friends belong in the title, not in the address.
GENDER_NOTE = re.compile(r"\(\s*[mwdfi]\s*(?:/\s*[mwdfi]\s*)+\)", re.IGNORECASE)


def slug_for(title: str) -> str:
    """'Sachbearbeiter*in Bürgerbüro (m/w/d)' -> 'sachbearbeiter-in-buergerbuero'."""
    return _slugify(GENDER_NOTE.sub(" ", title), replacements=GERMAN, max_length=80)


VACANCY = """\
---
title: {title}   # Stellentitel, geschlechtergerecht, z. B. "Sachbearbeiter*in (m/w/d)"
category: {category}   # Kategorie: {categories}
posted: {today}   # Veröffentlicht am (JJJJ-MM-TT)
deadline: {deadline}   # Bewerbungsschluss, einschließlich; Zeile löschen = "bis zur Besetzung"
location: {location}   # Arbeitsort: nur der Ort, oder Anschrift mit street, postal_code und city
reference: ""   # Kennziffer, z. B. "2026-OA-17"
department: ""   # Amt oder Abteilung, z. B. "Bürgeramt"
# employer: stadtwerke   # Arbeitgeber (Dateiname unter content/employers/); sonst die Organisation aus site.yaml
employment: [full_time]   # Beschäftigungsart: full_time, part_time, temporary, intern, ...
pay: ""   # Vergütung als Text, z. B. "A 9 LBesO", oder nach Entgelttabelle: {{table: tvoed-vka, group: "9a"}} (die Seite zeigt die Spanne in Euro)
# salary: {{min: 3500, max: 4200, currency: EUR, unit: MONTH}}   # Vergütung in Zahlen (für Google for Jobs)
start: "zum nächstmöglichen Zeitpunkt"   # Beginn: Datum (JJJJ-MM-TT) oder Text
apply_url: "mailto:bewerbung@example.org"   # Bewerbungslink: https://... oder mailto:...
# contact: {{name: "Erika Muster", role: "Personalservice", phone: "+49 2345 12-3456", email: "erika.muster@example.org"}}   # Ansprechperson; ohne Angabe die aus site.yaml
summary: ""   # ein, zwei Sätze für Listen und Suchmaschinen
# image: media/bild.jpg   # Bild, relativ zu content/ (Datei nach content/media/ kopieren)
# image_alt: "Was auf dem Bild zu sehen ist"   # Alternativtext, Pflicht bei Bildern mit Inhalt
# video: {{file: media/clip.mp4, poster: media/clip.jpg, captions: media/clip.de.vtt, title: "Ein Tag im Amt"}}   # Video zur Stelle
# occupations: [verwaltungsfachangestellte]   # Berufe (Dateinamen unter content/occupations/)
# updated: {today}   # zuletzt inhaltlich geändert am; ohne Angabe: Tag des letzten Commits der Datei
# ba_beruf: ""   # Berufs-ID der Bundesagentur für Arbeit (Ziffern), nur für den BA-Export; ohne Angabe die des ersten Berufs
# number_to_fill: 1   # Zahl der Stellen, z. B. 17: zeigt "17 Stellen"
# application_documents: [Lebenslauf, Zeugnisse]   # Unterlagen für die Bewerbung, als Liste
# no_cover_letter: true   # Bewerbung ohne Anschreiben: Kennzeichen auf der Seite und Filter in der Suche
# selection_process: [{{step: "Vorstellungsgespräch", date: 2026-12-01}}]   # Auswahlverfahren: Schritte, Datum freiwillig
# kldb: "73202"   # KldB-2010-Schlüssel, fünf Ziffern (in BERUFENET beim Beruf); sonst der des ersten Berufs
# isco: "3343"   # ISCO-08-Schlüssel, nur wenn karriere ihn nicht aus kldb ableitet (check sagt es)
# esco: http://data.europa.eu/esco/occupation/…   # ESCO-Beruf: die Adresse unter "URI" auf seiner ESCO-Seite
# berufenet: 7944   # BERUFENET-Nummer: die Zahl am Ende von web.arbeitsagentur.de/berufenet/beruf/…
draft: true   # Entwurf: erst mit false veröffentlichen
---
## {tasks}

- …

## {profile}

- …

## Wir bieten

- …
"""

STORY = """\
---
title: {title}   # Überschrift der Geschichte
name: "Vorname"   # Vorname der Person
role: "Rolle oder Ausbildung"   # Rolle oder Ausbildung, z. B. "Auszubildende Verwaltungsfachangestellte"
date: {today}   # Datum (JJJJ-MM-TT)
quote: ""   # ein kurzes Zitat für Karten und Listen
summary: ""   # ein, zwei Sätze für Listen und Suchmaschinen
# image: media/bild.jpg   # Bild, relativ zu content/
# image_alt: "Was auf dem Bild zu sehen ist"   # Alternativtext des Bildes
# video: {{file: media/clip.mp4, poster: media/clip.jpg, captions: media/clip.de.vtt, aspect: "9:16"}}   # Video; 9:16 für Hochkant-Clips
# employer: stadtwerke   # Arbeitgeber (Dateiname unter content/employers/)
# occupations: [verwaltungsfachangestellte]   # Berufe (Dateinamen unter content/occupations/)
# posts: [mein-erster-clip]   # passende Social-Media-Beiträge (Dateinamen unter content/posts/)
draft: true   # Entwurf: erst mit false veröffentlichen
---
## Wie mein Tag aussieht

Erzähl, was du machst …

## Was ich anderen rate

…
"""

FAQ = """\
---
question: {title}   # die Frage, so wie Bewerber*innen sie stellen
category: Bewerbung   # Gruppe auf der FAQ-Seite, z. B. Bewerbung, Ausbildung, Arbeiten bei uns
order: 10   # Reihenfolge innerhalb der Gruppe (kleinere Zahlen zuerst)
# occupations: [verwaltungsfachangestellte]   # Berufe (Dateinamen unter content/occupations/)
# video: {{file: media/antwort.mp4, poster: media/antwort.jpg, captions: media/antwort.de.vtt}}   # Video zur Antwort
# asked: 2026-10-14   # wann die Frage gestellt wurde: dann steht sie auch unter "Gefragt und beantwortet"
# asked_via: "Instagram-Kommentar"   # wo sie gestellt wurde, z. B. Ausbildungsmesse, Telefon
draft: true   # Entwurf: erst mit false veröffentlichen
---
Die Antwort in zwei, drei kurzen Sätzen …
"""

PAGE = """\
---
title: {title}   # Seitentitel
summary: ""   # Kurzbeschreibung für Suchmaschinen
menu: footer   # main (Hauptmenü) oder footer (Fußzeile); Zeile löschen = in keinem Menü
order: 10   # Reihenfolge im Menü (kleinere Zahlen zuerst)
# image: media/bild.jpg   # Bild, relativ zu content/
# image_alt: "Was auf dem Bild zu sehen ist"   # Alternativtext des Bildes
# video: {{file: media/clip.mp4, poster: media/clip.jpg, captions: media/clip.de.vtt}}   # Video
# programme: true   # Programm oder Projekt: auf der Startseite verlinkt, mit QR-Code und Aushang
# campaign: true   # Kampagnenseite: bekommt QR-Code und Aushang
draft: true   # Entwurf: erst mit false veröffentlichen
---
## Abschnitt

Text der Seite …
"""

EVENT = """\
---
title: {title}   # Name der Veranstaltung
start: {start}   # Beginn: Datum (JJJJ-MM-TT) oder Datum und Uhrzeit mit Zeitzone
end: {end}   # Ende (optional), wie start
location: {event_location}   # Ort: nur der Ort, oder Anschrift mit name (z. B. "Rathaus, Ratssaal"), street, postal_code und city
summary: ""   # ein, zwei Sätze für Listen und Suchmaschinen
# registration_url: "https://example.org/anmeldung"   # Anmeldung (https:// oder mailto:)
# accessibility: "Stufenlos erreichbar, mit Aufzug"   # Hinweise zur Barrierefreiheit
# image: media/messe.jpg   # Bild, relativ zu content/
# image_alt: "Was auf dem Bild zu sehen ist"   # Alternativtext des Bildes
draft: true   # Entwurf: erst mit false veröffentlichen
---
## {expect}

- …
"""

EMPLOYER = """\
---
name: {title}   # Name des Arbeitgebers; der Dateiname ist der Schlüssel für employer: in Stellen
short_name: ""   # Kurzname für Listen und Filter, z. B. "LVB"
# article: die   # Artikel des Namens: der, die oder das; für "bei der …", "beim …" in Texten
# dative: "den Stadtwerken Musterstadt"   # statt article bei Namen im Plural: der Name, wie er nach "bei" steht
# logo: media/logo-arbeitgeber.svg   # Logo, relativ zu content/ (Datei nach content/media/ kopieren)
website: "https://www.example.org"   # Website des Arbeitgebers (https://)
address: {{street: "Rathausplatz 1", postal_code: "12345", city: "Musterstadt", country: "DE"}}   # Anschrift
# social: {{instagram: "https://www.instagram.com/beispiel/", linkedin: "https://www.linkedin.com/company/beispiel/"}}   # eigene Kanäle, als einfache Links
# contact: {{name: "Erika Muster", role: "Personalservice", phone: "+49 2345 12-3456", email: "erika.muster@example.org"}}   # Ansprechperson
summary: ""   # ein Satz für Listen und Suchmaschinen
draft: true   # Entwurf: erst mit false veröffentlichen
---
## Wer wir sind

Was der Arbeitgeber für die Stadt leistet …

## Warum bei uns

- …
"""

OCCUPATION = """\
---
name: {title}   # Name des Berufs, geschlechtergerecht, z. B. "Verwaltungsfachangestellte*r"
# forms: [Verwaltungsfachangestellte, Verwaltungsfachangestellter]   # weitere Schreibweisen, die in Stellen vorkommen
summary: ""   # ein, zwei Sätze für Listen
duration: ""   # Dauer der Ausbildung oder des Studiums, z. B. "3 Jahre"
requirements: ""   # Schulabschluss oder andere Voraussetzungen, z. B. "Mittlerer Schulabschluss"
pay: ""   # Vergütung als Text, z. B. "TVAöD: 1.218–1.378 € im Monat"
# image: media/bild.jpg   # Bild, relativ zu content/
# image_alt: "Was auf dem Bild zu sehen ist"   # Alternativtext des Bildes
# video: {{file: media/clip.mp4, poster: media/clip.jpg, captions: media/clip.de.vtt}}   # Video zum Beruf
# ba_beruf: ""   # Berufs-ID der Bundesagentur für Arbeit (Ziffern), für den BA-Export der Stellen
# kldb: "73202"   # KldB-2010-Schlüssel, fünf Ziffern (in BERUFENET beim Beruf)
# isco: "3343"   # ISCO-08-Schlüssel, nur wenn karriere ihn nicht aus kldb ableitet (check sagt es)
# esco: http://data.europa.eu/esco/occupation/…   # ESCO-Beruf: die Adresse unter "URI" auf seiner ESCO-Seite
# berufenet: 7944   # BERUFENET-Nummer: die Zahl am Ende von web.arbeitsagentur.de/berufenet/beruf/…
draft: true   # Entwurf: erst mit false veröffentlichen
---
## {learn}

- …

## Wie es danach weitergeht

…
"""

# A post has no title: the one given to `new post` names the file and starts the caption.
POST = """\
---
platform: instagram   # Plattform: instagram, tiktok, facebook, linkedin, youtube oder mastodon
url: "https://www.instagram.com/p/BEISPIEL/"   # Adresse des Beitrags auf der Plattform (muss zur Plattform passen)
date: {today}   # veröffentlicht am (JJJJ-MM-TT)
author: "Azubis"   # wer den Beitrag gemacht hat, z. B. "Azubis der Stadt Musterstadt"
# image: media/posts/bild.jpg   # eigene Kopie des Bildes unter content/media/ (von der Plattform wird nichts geladen)
# image_alt: "Was auf dem Bild zu sehen ist"   # Alternativtext, Pflicht beim Bild
# video: {{file: media/posts/clip.mp4, poster: media/posts/clip.jpg, captions: media/posts/clip.de.vtt, aspect: "9:16"}}   # oder eigene Kopie des Clips, mit Untertiteln (Pflicht); 9:16 für Hochkant
draft: true   # Entwurf: erst mit false veröffentlichen (dann ist ein Bild oder Clip Pflicht)
---
{caption}

Die Bildunterschrift, so wie sie auf der Plattform steht …
"""

TEMPLATES = {
    "vacancy": VACANCY,
    "story": STORY,
    "faq": FAQ,
    "page": PAGE,
    "event": EVENT,
    "employer": EMPLOYER,
    "occupation": OCCUPATION,
    "post": POST,
}
# Headings that address the reader, as site.yaml's `address` says (du or sie).
HEADINGS = {
    "du": {
        "tasks": "Deine Aufgaben",
        "profile": "Dein Profil",
        "expect": "Was dich erwartet",
        "learn": "Was du lernst",
    },
    "sie": {
        "tasks": "Ihre Aufgaben",
        "profile": "Ihr Profil",
        "expect": "Was Sie erwartet",
        "learn": "Was Sie lernen",
    },
}
BERLIN = ZoneInfo("Europe/Berlin")
# Without an address in site.yaml; "Musterstadt" is an error once published (placeholders.py).
EVENT_PLACE = (
    '{name: "Rathaus, Ratssaal", street: "Rathausplatz 1", postal_code: "12345", '
    'city: "Musterstadt", country: "DE"}'
)


def render(kind: str, title: str, today: date, settings: SiteConfig | None = None) -> str:
    """The text of a new file, filled from site.yaml where it knows the answer; JSON
    quoting is valid YAML for any title."""
    start = datetime.combine(today + timedelta(days=28), time(10), BERLIN)
    categories = (settings.categories if settings else None) or DEFAULT_CATEGORIES
    address = settings.organisation.address if settings else None
    return TEMPLATES[kind].format(
        title=json.dumps(title, ensure_ascii=False),
        location=flow_address(address, "street", "postal_code", "city") or "Musterstadt",
        event_location=flow_address(address, "street", "postal_code", "city", "country")
        or EVENT_PLACE,
        today=today.isoformat(),
        deadline=(today + timedelta(days=28)).isoformat(),
        category="fachkraft" if "fachkraft" in categories else next(iter(categories)),
        categories=", ".join(categories),
        start=start.isoformat(),
        end=(start + timedelta(hours=5)).isoformat(),
        caption=title,
        **HEADINGS[settings.address if settings else "sie"],
    )


def flow_address(address: Address | None, *keys: str) -> str:
    """`{street: "Markt 1", city: "Ort"}`, one line of YAML; '' without an address."""
    if address is None:
        return ""
    values = [(key, getattr(address, key)) for key in keys if getattr(address, key)]
    return "{" + ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in values) + "}"


def site_settings(site: Path) -> SiteConfig | None:
    """The site's settings (categories, address, du or Sie), or None if site.yaml is
    unusable."""
    from karriere.config.settings import load_config

    try:
        return load_config(site).settings
    except Exception:  # a broken site.yaml must not stop an editor starting a file
        return None


def cmd_new(args: argparse.Namespace, today: date, messages: Messages) -> int:
    kind = args.kind
    if kind in SECTIONS:
        from karriere.commands.new_sections import write_section

        if args.title:
            raise UsageError(
                say("new {kind} takes no title: it starts the four § 4 texts", kind=kind)
            )
        return write_section(args.site, kind, messages)
    if not args.title:
        raise UsageError(say('new {kind} needs a title, e.g. new {kind} "Titel"', kind=kind))
    folder = args.site / "content" / FOLDERS[kind]
    slug = slug_for(args.title)
    if not slug:
        raise UsageError(
            say("{title!r} gives no usable file name; use letters or digits", title=args.title)
        )
    path = folder / f"{slug}.md"
    if path.exists():
        raise UsageError(
            say("{path} exists already; choose another title or edit that file", path=str(path))
        )
    folder.mkdir(parents=True, exist_ok=True)
    text = render(args.kind, args.title, today, site_settings(args.site))
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    print(messages.text(say("Created {path}", path=str(path))))
    return 0
