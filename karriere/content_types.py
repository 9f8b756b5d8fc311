"""The front matter of each content type. One class per folder under content/."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field, field_validator

from .models import Address, Contact, Salary, Video
from .schema import Strict

Employment = Literal[
    "full_time", "part_time", "temporary", "contractor", "intern", "volunteer", "per_diem", "other"
]
SAFE_LINK = re.compile(r"(https://|mailto:)", re.IGNORECASE)


class Vacancy(Strict):
    """Stellenangebot (content/vacancies/*.md)."""

    title: str = Field(min_length=1, description="Stellentitel, z. B. 'Sachbearbeiter*in (m/w/d)'")
    category: str = Field(description="Kategorie, ein Schlüssel aus categories in site.yaml")
    posted: dt.date = Field(description="Veröffentlicht am, z. B. 2026-06-05")
    location: Address = Field(description="Arbeitsort: Ort oder Anschrift")
    deadline: dt.date | None = Field(None, description="Bewerbungsschluss (einschließlich)")
    reference: str | None = Field(None, description="Kennziffer, z. B. '2026-OA-17'")
    department: str | None = Field(None, description="Amt oder Abteilung")
    employer: str | None = Field(None, description="Arbeitgeber (Dateiname unter employers/)")
    employment: list[Employment] = Field(
        default_factory=list, description="Beschäftigungsart: full_time, part_time, temporary …"
    )
    pay: str | None = Field(None, description="Vergütung als Text, z. B. 'EG 9a TVöD-VKA'")
    salary: Salary | None = Field(None, description="Vergütung als Zahlen (min, max, unit)")
    start: dt.date | str | None = Field(None, description="Beginn: Datum oder Text")
    apply_url: str | None = Field(None, description="Bewerbungslink (https:// oder mailto:)")
    contact: Contact | None = Field(None, description="Ansprechperson")
    summary: str | None = Field(None, description="Ein, zwei Sätze für Listen und Suchmaschinen")
    image: str | None = Field(None, description="Bild, relativ zu content/")
    image_alt: str | None = Field(None, description="Alternativtext des Bildes")
    video: Video | None = Field(None, description="Video zur Stelle")
    occupations: list[str] = Field(default_factory=list, description="Berufe (Dateinamen)")
    draft: bool = Field(False, description="Entwurf: nur mit --drafts sichtbar")

    @field_validator("apply_url")
    @classmethod
    def _safe_link(cls, value):
        if value is not None and not SAFE_LINK.match(value):
            raise ValueError(
                f"{value!r} is not allowed (expected a link starting with https:// or mailto:)"
            )
        return value


class Story(Strict):
    """Geschichte von Azubis und Beschäftigten (content/stories/*.md)."""

    title: str = Field(min_length=1, description="Überschrift")
    name: str = Field(description="Vorname der Person")
    role: str = Field(description="Rolle, z. B. 'Auszubildende Verwaltungsfachangestellte'")
    date: dt.date = Field(description="Datum, z. B. 2026-06-05")
    quote: str | None = Field(None, description="Zitat für Karten und Listen")
    image: str | None = Field(None, description="Bild, relativ zu content/")
    image_alt: str | None = Field(None, description="Alternativtext des Bildes")
    video: Video | None = Field(None, description="Video")
    employer: str | None = Field(None, description="Arbeitgeber (Dateiname unter employers/)")
    occupations: list[str] = Field(default_factory=list, description="Berufe (Dateinamen)")
    summary: str | None = Field(None, description="Ein, zwei Sätze für Listen")
    draft: bool = Field(False, description="Entwurf: nur mit --drafts sichtbar")


class Faq(Strict):
    """Eine Frage mit Antwort (content/faq/*.md). Der Text ist die Antwort."""

    question: str = Field(min_length=1, description="Die Frage")
    category: str | None = Field(None, description="Gruppe auf der FAQ-Seite")
    order: int = Field(0, description="Reihenfolge (kleinere Zahlen zuerst)")
    occupations: list[str] = Field(default_factory=list, description="Berufe (Dateinamen)")
    video: Video | None = Field(None, description="Video zur Antwort")
    draft: bool = Field(False, description="Entwurf: nur mit --drafts sichtbar")


class Page(Strict):
    """Freie Seite (content/pages/*.md), z. B. Impressum."""

    title: str = Field(min_length=1, description="Seitentitel")
    summary: str | None = Field(None, description="Kurzbeschreibung")
    menu: Literal["main", "footer"] | None = Field(None, description="Menü: main oder footer")
    order: int = Field(0, description="Reihenfolge im Menü")
    image: str | None = Field(None, description="Bild, relativ zu content/")
    image_alt: str | None = Field(None, description="Alternativtext des Bildes")
    video: Video | None = Field(None, description="Video")
    draft: bool = Field(False, description="Entwurf: nur mit --drafts sichtbar")


# folder under content/ -> schema. Order is the order of loading and of the sitemap.
COLLECTIONS: dict[str, type[Strict]] = {
    "vacancies": Vacancy,
    "stories": Story,
    "faq": Faq,
    "pages": Page,
}
