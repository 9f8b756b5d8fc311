"""The front matter of each content type. One class per folder under content/."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator, model_validator

from karriere.base.messages import say
from karriere.base.schema import Strict
from karriere.base.strings import Name
from karriere.config.contact import Contact
from karriere.config.models import (
    ARTICLE_HELP,
    BA_BERUF_HELP,
    DATIVE_HELP,
    Address,
    Article,
    BaBeruf,
    Line,
    NamedWithCase,
    Pay,
    Question,
    Salary,
    Social,
    Title,
    Video,
)
from karriere.content.codes import (
    BERUFENET_HELP,
    ESCO_HELP,
    ISCO_HELP,
    KLDB_HELP,
    Berufenet,
    Esco,
    Isco,
    Kldb,
    Posts,
    SelectionStep,
)
from karriere.content.posts import Post
from karriere.content.translations import words_schema

Employment = Literal[
    "full_time", "part_time", "temporary", "contractor", "intern", "volunteer", "per_diem", "other"
]
SAFE_LINK = re.compile(r"(https://|mailto:)", re.IGNORECASE)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day_or_text(value):
    """`start: 2026-08-01` is a date, whatever YAML made of it (it leaves dates as text:
    base/yamlfile.py), so that pages show it as 01.08.2026; other text stays text."""
    if isinstance(value, str) and ISO_DAY.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                say(
                    "{value!r} is not a day in the calendar (expected a real date like "
                    "2026-06-05, or text such as 'zum nächstmöglichen Zeitpunkt')",
                    value=value,
                )
            ) from None
    return value


def _not_a_safe_link(value: str):
    return say(
        "{value!r} is not allowed (expected a link starting with https:// or mailto:)",
        value=value,
    )


class Vacancy(Strict):
    """Stellenangebot (content/vacancies/*.md)."""

    title: Title = Field(description="Stellentitel, z. B. 'Sachbearbeiter*in (m/w/d)'")
    category: str = Field(description="Kategorie, ein Schlüssel aus categories in site.yaml")
    posted: dt.date = Field(description="Veröffentlicht am, z. B. 2026-06-05")
    updated: dt.date | None = Field(
        None,
        description="Zuletzt inhaltlich geändert am, z. B. 2026-06-12 (ohne Angabe: Datum des "
        "letzten Commits der Datei, sonst posted)",
    )
    location: Address = Field(description="Arbeitsort: Ort oder Anschrift")
    deadline: dt.date | None = Field(None, description="Bewerbungsschluss (einschließlich)")
    reference: Line | None = Field(None, description="Kennziffer, z. B. '2026-OA-17'")
    department: Line | None = Field(None, description="Amt oder Abteilung")
    employer: str | None = Field(None, description="Arbeitgeber (Dateiname unter employers/)")
    employment: list[Employment] = Field(
        default_factory=list, description="Beschäftigungsart: full_time, part_time, temporary …"
    )
    pay: Pay | None = Field(
        None,
        description="Vergütung: Tabelle und Gruppe, z. B. {table: tvoed-vka, group: '9a'} "
        "(zeigt die Spanne in Euro), oder Text",
    )
    salary: Salary | None = Field(None, description="Vergütung als Zahlen (min, max, unit)")
    start: dt.date | str | None = Field(None, description="Beginn: Datum oder Text")
    apply_url: str | None = Field(None, description="Bewerbungslink (https:// oder mailto:)")
    contact: Contact | None = Field(None, description="Ansprechperson")
    summary: str | None = Field(None, description="Ein, zwei Sätze für Listen und Suchmaschinen")
    image: str | None = Field(None, description="Bild, relativ zu content/")
    image_alt: str | None = Field(None, description="Alternativtext des Bildes")
    video: Video | None = Field(None, description="Video zur Stelle")
    occupations: list[str] = Field(default_factory=list, description="Berufe (Dateinamen)")
    ba_beruf: BaBeruf | None = Field(None, description=BA_BERUF_HELP)
    number_to_fill: Posts | None = Field(None, description="Zahl der Stellen, z. B. 17")
    application_documents: list[Line] = Field(
        default_factory=list, description="Unterlagen, z. B. [Lebenslauf, Zeugnisse]"
    )
    no_cover_letter: bool = Field(False, description="true: Bewerbung ohne Anschreiben")
    selection_process: list[SelectionStep] = Field(
        default_factory=list, description="Auswahlverfahren: Schritte mit step und date"
    )
    kldb: Kldb | None = Field(None, description=KLDB_HELP + " (sonst der des Berufs)")
    isco: Isco | None = Field(None, description=ISCO_HELP)
    esco: Esco | None = Field(None, description=ESCO_HELP)
    berufenet: Berufenet | None = Field(None, description=BERUFENET_HELP)
    draft: bool = Field(False, description="Entwurf: nur mit --drafts sichtbar")

    @field_validator("updated")
    @classmethod
    def _not_before_posted(cls, value, info):
        posted = info.data.get("posted")
        if value is not None and posted is not None and value < posted:
            raise ValueError(
                say(
                    "{updated} is before posted ({posted}) (expected the day of the last "
                    "change, on or after posted)",
                    updated=value.isoformat(), posted=posted.isoformat(),
                )
            )  # fmt: skip
        return value

    @field_validator("apply_url")
    @classmethod
    def _safe_link(cls, value):
        if value is not None and not SAFE_LINK.match(value):
            raise ValueError(_not_a_safe_link(value))
        return value

    @field_validator("start", mode="before")
    @classmethod
    def _start(cls, value):
        return _day_or_text(value)


class Story(Strict):
    """Geschichte von Azubis und Beschäftigten (content/stories/*.md)."""

    title: Title = Field(description="Überschrift")
    name: Line = Field(description="Vorname der Person")
    role: Line = Field(description="Rolle, z. B. 'Auszubildende Verwaltungsfachangestellte'")
    date: dt.date = Field(description="Datum, z. B. 2026-06-05")
    quote: str | None = Field(None, description="Zitat für Karten und Listen")
    image: str | None = Field(None, description="Bild, relativ zu content/")
    image_alt: str | None = Field(None, description="Alternativtext des Bildes")
    video: Video | None = Field(None, description="Video")
    employer: str | None = Field(None, description="Arbeitgeber (Dateiname unter employers/)")
    occupations: list[str] = Field(default_factory=list, description="Berufe (Dateinamen)")
    posts: list[str] = Field(
        default_factory=list, description="Passende Social-Media-Beiträge (Dateinamen unter posts/)"
    )
    summary: str | None = Field(None, description="Ein, zwei Sätze für Listen")
    draft: bool = Field(False, description="Entwurf: nur mit --drafts sichtbar")


class Faq(Strict):
    """Eine Frage mit Antwort (content/faq/*.md). Der Text ist die Antwort."""

    question: Question = Field(description="Die Frage")
    category: Line | None = Field(None, description="Gruppe auf der FAQ-Seite")
    order: int = Field(0, description="Reihenfolge (kleinere Zahlen zuerst)")
    occupations: list[str] = Field(default_factory=list, description="Berufe (Dateinamen)")
    video: Video | None = Field(None, description="Video zur Antwort")
    asked: dt.date | None = Field(
        None,
        description="Wann die Frage gestellt wurde; damit steht sie auf der Seite "
        "'Gefragt und beantwortet' (neueste zuerst)",
    )
    asked_via: Line | None = Field(
        None, description="Wo sie gestellt wurde, z. B. 'Instagram-Kommentar', 'Ausbildungsmesse'"
    )
    draft: bool = Field(False, description="Entwurf: nur mit --drafts sichtbar")


class Page(Strict):
    """Freie Seite (content/pages/*.md), z. B. Impressum."""

    title: Title = Field(description="Seitentitel")
    summary: str | None = Field(None, description="Kurzbeschreibung")
    menu: Literal["main", "footer"] | None = Field(None, description="Menü: main oder footer")
    order: int = Field(0, description="Reihenfolge im Menü")
    image: str | None = Field(None, description="Bild, relativ zu content/")
    image_alt: str | None = Field(None, description="Alternativtext des Bildes")
    video: Video | None = Field(None, description="Video")
    programme: bool = Field(
        False, description="Programm oder Projekt: auf der Startseite verlinkt, mit Aushang"
    )
    campaign: bool = Field(False, description="Kampagnenseite: bekommt QR-Code und Aushang")
    draft: bool = Field(False, description="Entwurf: nur mit --drafts sichtbar")


class Employer(NamedWithCase):
    """Arbeitgeber in einem Netzwerk (content/employers/*.md). Der Text ist die Vorstellung."""

    name: Title = Field(description="Name, z. B. 'Lindenfelder Verkehrsbetriebe'")
    short_name: Line | None = Field(None, description="Kurzname, z. B. 'LVB'")
    logo: str | None = Field(None, description="Logo, relativ zu content/, z. B. media/lvb.svg")
    website: str | None = Field(None, description="Website (https://)")
    address: Address | None = Field(None, description="Anschrift")
    article: Article | None = Field(None, description=ARTICLE_HELP)
    dative: Line | None = Field(None, description=DATIVE_HELP)
    social: Social = Field(default_factory=Social, description="Eigene Social-Media-Kanäle")
    contact: Contact | None = Field(None, description="Ansprechperson für Fragen")
    summary: str | None = Field(None, description="Ein Satz für Listen und Suchmaschinen")
    draft: bool = Field(False, description="Entwurf: nur mit --drafts sichtbar")

    @field_validator("website")
    @classmethod
    def _https(cls, value):
        if value is not None and not value.startswith("https://"):
            raise ValueError(say("{value!r} must start with https://", value=value))
        return value

    @property
    def label(self) -> str:
        """The short name if there is one ("LVB"), with the article of the long one
        ("bei den LVB")."""
        if not self.short_name:
            return self.name
        article = self.name.dative.partition(" ")[0] if self.name.dative else None
        return Name(self.short_name, f"{article} {self.short_name}" if article else None)


class Occupation(Strict):
    """Beruf (content/occupations/*.md). Der Text beschreibt Ausbildung oder Arbeit."""

    name: Title = Field(description="Name, z. B. 'Verwaltungsfachangestellte*r'")
    forms: list[Line] = Field(
        default_factory=list,
        description="Weitere Formen, z. B. [Verwaltungsfachangestellte, Verwaltungsfachangestellter]",
    )
    summary: str | None = Field(None, description="Ein, zwei Sätze für Listen")
    duration: Line | None = Field(None, description="Dauer, z. B. '3 Jahre'")
    requirements: Line | None = Field(None, description="Schulabschluss, z. B. 'Mittlere Reife'")
    pay: Pay | None = Field(
        None,
        description="Vergütung: Tabelle und Gruppe, z. B. {table: tvaoed, group: bbig}, "
        "oder Text, z. B. 'TVAöD: 1.218–1.378 € im Monat'",
    )
    image: str | None = Field(None, description="Bild, relativ zu content/")
    image_alt: str | None = Field(None, description="Alternativtext des Bildes")
    video: Video | None = Field(None, description="Video zum Beruf")
    ba_beruf: BaBeruf | None = Field(None, description=BA_BERUF_HELP)
    kldb: Kldb | None = Field(None, description=KLDB_HELP)
    isco: Isco | None = Field(None, description=ISCO_HELP)
    esco: Esco | None = Field(None, description=ESCO_HELP)
    berufenet: Berufenet | None = Field(None, description=BERUFENET_HELP)
    draft: bool = Field(False, description="Entwurf: nur mit --drafts sichtbar")


def _when(value):
    """A date, or a date and time that must say its time zone."""
    if isinstance(value, str):
        try:
            if len(value.strip()) == 10:
                return dt.date.fromisoformat(value.strip())
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                say(
                    "{value!r} is not a date or time "
                    "(expected 2026-06-05 or 2026-06-05T10:00:00+02:00)",
                    value=value,
                )
            ) from None
        if parsed.tzinfo is None:
            raise ValueError(
                say(
                    "{value!r} has no time zone (expected an offset, "
                    "e.g. 2026-06-05T10:00:00+02:00)",
                    value=value,
                )
            )
        return parsed
    return value


class Event(Strict):
    """Termin: Ausbildungsmesse, Infotag, Tag der offenen Tür (content/events/*.md)."""

    title: Title = Field(description="Titel, z. B. 'Ausbildungsmesse im Rathaus'")
    start: dt.datetime | dt.date = Field(
        description="Beginn: Datum oder Datum mit Uhrzeit und Zeitzone (2026-06-05T10:00:00+02:00)"
    )
    end: dt.datetime | dt.date | None = Field(None, description="Ende, wie start")
    location: Address | None = Field(
        None, description="Ort: Text oder Anschrift mit name, street …"
    )
    summary: str | None = Field(None, description="Ein, zwei Sätze für Listen")
    registration_url: str | None = Field(None, description="Anmeldung (https:// oder mailto:)")
    accessibility: str | None = Field(None, description="Hinweise zur Barrierefreiheit")
    image: str | None = Field(None, description="Bild, relativ zu content/")
    image_alt: str | None = Field(None, description="Alternativtext des Bildes")
    draft: bool = Field(False, description="Entwurf: nur mit --drafts sichtbar")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _with_zone(cls, value):
        return _when(value)

    @field_validator("registration_url")
    @classmethod
    def _safe_link(cls, value):
        if value is not None and not SAFE_LINK.match(value):
            raise ValueError(_not_a_safe_link(value))
        return value

    @model_validator(mode="after")
    def _order(self):
        if self.end is not None:
            if isinstance(self.start, dt.datetime) != isinstance(self.end, dt.datetime):
                raise ValueError(
                    say("start and end must both be dates or both be dates with times")
                )
            if self.end < self.start:
                message = say(
                    "end ({end}) is before start ({start})",
                    end=str(self.end),
                    start=str(self.start),
                )
                raise ValueError(message)
        return self

    @property
    def last_day(self) -> dt.date:
        """The day the event ends, in its own time zone."""
        when = self.end or self.start
        return when.date() if isinstance(when, dt.datetime) else when


# folder under content/ -> schema. Order is the order of loading and of the sitemap.
COLLECTIONS: dict[str, type[Strict]] = {
    "vacancies": Vacancy,
    "stories": Story,
    "faq": Faq,
    "pages": Page,
    "employers": Employer,
    "occupations": Occupation,
    "events": Event,
    "posts": Post,  # German only: quoted as published (translations.py)
    # BITV 2.0 § 4: the site explained in Leichte Sprache and in German Sign Language.
    # Pages like content/pages/, under /leichte-sprache/ and /gebaerdensprache/.
    "leichte-sprache": Page,
    "gebaerdensprache": Page,
}


# The schema of a translation (<slug>.<code>.md) in each collection: its words only.
TRANSLATIONS: dict[str, type[Strict]] = {
    kind: words_schema(kind, model) for kind, model in COLLECTIONS.items()
}
globals().update({model.__name__: model for model in TRANSLATIONS.values()})  # (pickle)


# The two sections, and the `kind` of their pages in the site model (site/pages.py).
SECTION_KINDS = {"leichte-sprache": "easy_read", "gebaerdensprache": "sign_language"}
