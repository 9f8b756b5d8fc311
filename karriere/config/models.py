"""Schemas shared by site.yaml and the front matter: addresses, contacts, salary, video."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

from karriere.base.addresses import web_url_problem
from karriere.base.messages import Message, say
from karriere.base.schema import Strict
from karriere.base.strings import Name

MediaPath = str  # relative to content/; checked for existence by the content stage


def _one_line(value: str) -> str:
    """A title or name is shown on one line (cards, <title>, feeds, calendar files)."""
    value = value.rstrip("\n")  # what a block scalar (title: >) leaves at the end
    if "\n" in value or "\r" in value or "\u2028" in value or "\u2029" in value:
        raise ValueError(
            say("{text!r} contains a line break (expected one line of text)", text=value[:60])
        )
    return value


# Room for long German job titles such as "Sachbearbeiter*in für die Bearbeitung von
# Anträgen nach dem Wohngeldgesetz im Sozialamt (m/w/d)" (96 characters), twice over.
TITLE_MAX = 200
QUESTION_MAX = 300
LINE_MAX = 300  # names, roles, places: a longer one is a paste gone wrong
Line = Annotated[str, StringConstraints(max_length=LINE_MAX), AfterValidator(_one_line)]
Title = Annotated[
    str, StringConstraints(min_length=1, max_length=TITLE_MAX), AfterValidator(_one_line)
]
Question = Annotated[
    str, StringConstraints(min_length=1, max_length=QUESTION_MAX), AfterValidator(_one_line)
]


def _ba_beruf(value):
    """The Bundesagentur für Arbeit's id of an occupation (the HR-BA-XML TitleCode):
    digits; YAML reads `ba_beruf: 9184` as a number, so both are taken."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not re.fullmatch(r"[0-9]{1,8}", text):
        raise ValueError(
            say(
                "{value!r} is not a BA occupation id (expected the digits of the "
                "occupation's id in the BA's list of occupations)",
                value=value,
            )
        )
    return text


BaBeruf = Annotated[str, BeforeValidator(_ba_beruf)]
BA_BERUF_HELP = (
    "Berufs-ID der Bundesagentur für Arbeit (Ziffern), für den HR-BA-XML-Export (TitleCode)"
)

# An organisation's name in running text takes its case: "bei der Stadt Lindenfeld",
# "beim Jobcenter Lindenfeld". Organisation (site.yaml) and Employer both have these.
Article = Literal["der", "die", "das"]
ARTICLE_HELP = "Artikel des Namens: der, die oder das (für 'bei der Stadt …', 'beim Jobcenter …')"
DATIVE_HELP = "Name im Dativ mit Artikel, statt article, z. B. 'den Stadtwerken Lindenfeld'"
DATIVE_ARTICLES = ("der ", "dem ", "den ")


def dative_problem(dative: str | None, article: str | None) -> Message | None:
    if dative is None:
        return None
    if article is not None:
        return say(
            "give article or dative, not both (expected dative alone for names in the plural)"
        )
    if not dative.startswith(DATIVE_ARTICLES):
        return say(
            "{dative!r} has no article (expected the name as after 'bei', with der, dem "
            "or den, e.g. 'den Stadtwerken Lindenfeld')",
            dative=dative,
        )
    return None


class NamedWithCase(Strict):
    """A model with `name`, `article` and `dative` (the organisation, an employer): the
    dative checked, and `name` made a Name that knows its dative, for theme words."""

    @field_validator("dative", check_fields=False)
    @classmethod
    def _dative(cls, value, info):
        problem = dative_problem(value, info.data.get("article"))
        if problem:
            raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _name_with_case(self):
        name = Name.of(self.name, self.article, self.dative)
        object.__setattr__(self, "name", name)  # (Strict models are frozen)
        return self


class Address(Strict):
    """Postanschrift. A plain string is read as the town."""

    name: Line | None = Field(None, description="Name des Ortes, z. B. 'Rathaus, Ratssaal'")
    street: Line | None = Field(None, description="Straße und Hausnummer")
    postal_code: Line | None = Field(None, description="Postleitzahl, z. B. '12345'")
    city: Line = Field(description="Ort")
    region: Line | None = Field(None, description="Bundesland-Kürzel, z. B. 'NW'")
    country: Line = Field("DE", description="Ländercode nach ISO 3166, z. B. 'DE'")

    @model_validator(mode="before")
    @classmethod
    def _town_only(cls, value):
        if isinstance(value, str):
            return {"city": value}
        return value

    def one_line(self) -> str:
        place = " ".join(p for p in (self.postal_code, self.city) if p)
        return ", ".join(p for p in (self.name, self.street, place) if p)


class Salary(Strict):
    """Vergütung als Zahlen, für Google for Jobs."""

    min: float | None = Field(None, description="Mindestbetrag")
    max: float | None = Field(None, description="Höchstbetrag")
    currency: Literal["EUR"] = Field("EUR", description="Währung")
    unit: Literal["HOUR", "DAY", "WEEK", "MONTH", "YEAR"] = Field(
        "MONTH", description="Zeitraum: HOUR, DAY, WEEK, MONTH oder YEAR"
    )

    @model_validator(mode="after")
    def _range(self):
        if self.min is None and self.max is None:
            raise ValueError(say("give min, max or both (e.g. min: 3200)"))
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(
                say("min ({min:g}) is larger than max ({max:g})", min=self.min, max=self.max)
            )
        return self


class PayRef(Strict):
    """Vergütung nach einer Entgelttabelle: Tabelle und Gruppe."""

    table: str = Field(description="Tabelle, z. B. tvoed-vka, tvoed-sue oder tvaoed")
    group: str = Field(description="Gruppe, z. B. '9a', 'S 11b' oder (TVAöD) 'bbig'")

    @field_validator("group", mode="before")
    @classmethod
    def _as_text(cls, value):  # YAML reads `group: 12` as a number
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _pay_kind(value) -> str:
    return "pay[table]" if isinstance(value, dict | PayRef) else "pay[text]"


# `pay:` in the front matter: a table and group (a mapping), or free text. The
# discriminator makes a mistake in either read as that form's only (no "expected text"
# under a mapping's missing group).
Pay = Annotated[
    Annotated[PayRef, Tag("pay[table]")] | Annotated[Line, Tag("pay[text]")],
    Discriminator(_pay_kind),
]


class Video(Strict):
    """Ein Video: YouTube, Vimeo oder eine eigene Datei."""

    youtube: str | None = Field(None, description="YouTube-Video-ID (11 Zeichen)")
    vimeo: str | int | None = Field(None, description="Vimeo-Video-ID (Ziffern)")
    file: MediaPath | None = Field(None, description="Eigene Videodatei, z. B. media/clip.mp4")
    poster: MediaPath | None = Field(None, description="Vorschaubild, z. B. media/clip.jpg")
    captions: MediaPath | None = Field(None, description="Untertitel (WebVTT), media/clip.de.vtt")
    title: Line | None = Field(None, description="Titel des Videos")
    duration: str | None = Field(None, description="Dauer nach ISO 8601, z. B. PT1M30S")
    transcript: str | None = Field(None, description="Abschrift des gesprochenen Textes")
    aspect: Literal["16:9", "9:16", "4:3", "1:1"] | None = Field(
        None, description="Seitenverhältnis; 9:16 für Hochkant-Clips"
    )
    upload_date: date | None = Field(None, description="Veröffentlichungsdatum")
    sign_language: bool = Field(
        False,
        description="Video in Deutscher Gebärdensprache (DGS): eigene MP4-Datei; die Seite "
        "zeigt Auflösung, Dauer und Dateigröße",
    )

    @field_validator("youtube")
    @classmethod
    def _youtube_id(cls, value):
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{11}", value):
            raise ValueError(
                say("{value!r} is not a YouTube video ID (expected 11 characters)", value=value)
            )
        return value

    @field_validator("vimeo", mode="before")
    @classmethod
    def _vimeo_id(cls, value):  # before: YAML reads `vimeo: 123456789` as a number
        if value is not None and not re.fullmatch(r"[0-9]{3,12}", str(value)):
            raise ValueError(
                say("{value!r} is not a Vimeo video ID (expected digits)", value=value)
            )
        return str(value) if value is not None else None

    @field_validator("duration")
    @classmethod
    def _iso_duration(cls, value):
        if value is not None and not re.fullmatch(r"PT(?:\d+H)?(?:\d+M)?(?:\d+S)?", value):
            raise ValueError(
                say("{value!r} is not a duration (expected e.g. PT1M30S)", value=value)
            )
        return value

    @model_validator(mode="after")
    def _one_source(self):
        sources = [s for s in ("youtube", "vimeo", "file") if getattr(self, s)]
        if len(sources) != 1:
            raise ValueError(say("give exactly one of youtube, vimeo or file"))
        if sources[0] in ("youtube", "vimeo") and not self.poster:
            raise ValueError(
                say(
                    "poster is required for YouTube and Vimeo videos (a self-hosted image, "
                    "so nothing loads from the provider before a click)"
                )
            )
        if self.sign_language and not (self.file or "").lower().endswith(".mp4"):
            raise ValueError(
                say(
                    "a sign-language video must be your own MP4 file, whose resolution, running "
                    "time and size the page shows (expected file: media/….mp4)"
                )
            )
        return self

    @property
    def provider(self) -> str:
        return "youtube" if self.youtube else "vimeo" if self.vimeo else "file"

    def media_paths(self) -> list[tuple[str, str]]:
        return [(k, getattr(self, k)) for k in ("file", "poster", "captions") if getattr(self, k)]


class Social(Strict):
    """Kanäle in sozialen Netzwerken (nur als einfache Links)."""

    instagram: str | None = None
    tiktok: str | None = None
    facebook: str | None = None
    linkedin: str | None = None
    youtube: str | None = None
    xing: str | None = None
    mastodon: str | None = None
    whatsapp: str | None = None

    @field_validator("*")
    @classmethod
    def _https(cls, value):
        if value is not None and (not value.startswith("https://") or web_url_problem(value, "")):
            raise ValueError(
                say(
                    "{value!r} is not an https:// address "
                    "(expected e.g. https://www.instagram.com/musterstadt/)",
                    value=value,
                )
            )
        return value

    def links(self) -> list[tuple[str, str]]:
        return [(name, url) for name, url in self.model_dump().items() if url]
