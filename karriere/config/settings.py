"""Stage 1: read and validate site.yaml. Every key is declared once, here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from karriere.base.addresses import (
    base_url_problem,
    language_problem,
    link_problem,
    web_url_problem,
)
from karriere.base.colours import AA, WHITE, contrast, darkened_for_white, hex_rgb, rgb_hex
from karriere.base.errors import BuildError, Problem
from karriere.base.messages import say
from karriere.base.schema import Strict, validate
from karriere.base.text import read_text
from karriere.base.yamlfile import YamlProblem, load_yaml
from karriere.config.cms import CmsSettings
from karriere.config.contact import Contact
from karriere.config.exports import Exports
from karriere.config.forms import Forms
from karriere.config.languages import Language, twice_listed
from karriere.config.models import (
    ARTICLE_HELP,
    DATIVE_HELP,
    Address,
    Article,
    Line,
    NamedWithCase,
    Social,
    Title,
    Video,
)
from karriere.config.pay_tables import PayTables, load_pay_tables

SITE_YAML = "site.yaml"  # the settings file, as messages name it
PER_PAGE, MOST_PER_PAGE = 20, 500  # list items per page: default, most

DEFAULT_CATEGORIES = {
    "ausbildung": "Ausbildung",
    "duales-studium": "Duales Studium",
    "praktikum": "Praktikum",
    "fachkraft": "Fachkräfte",
    "beamtenlaufbahn": "Beamtenlaufbahn",
}


class Organisation(NamedWithCase):
    """Die Arbeitgeberin, die standardmäßig ausschreibt."""

    name: Line = Field(description="Name, z. B. 'Stadt Musterstadt'")
    url: str | None = Field(None, description="Website, z. B. https://www.musterstadt.de")
    logo: str | None = Field(None, description="Logo, relativ zu content/, z. B. media/logo.svg")
    address: Address | None = Field(None, description="Anschrift")
    article: Article | None = Field(None, description=ARTICLE_HELP)
    dative: Line | None = Field(None, description=DATIVE_HELP)

    @field_validator("url")
    @classmethod
    def _web(cls, value):
        return checked(
            web_url_problem, value, say("e.g. {example}", example="https://www.musterstadt.de")
        )


class Brand(Strict):
    """Erscheinungsbild."""

    color: str = Field(
        "#005ca9", description="Hausfarbe als #rrggbb, dunkel genug für weiße Schrift (4,5:1)"
    )

    @field_validator("color")
    @classmethod
    def _hex(cls, value):
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError(
                say("{value!r} is not a colour (expected #rrggbb, e.g. #005ca9)", value=value)
            )
        rgb = hex_rgb(value)
        if contrast(rgb, WHITE) < AA:  # the theme writes white on it, and links in it
            raise ValueError(
                say(
                    "{value!r} is too light for white text and for links on white: contrast "
                    "{ratio:.1f}:1 (expected at least {least}:1, e.g. the darker {darker})",
                    value=value, ratio=contrast(rgb, WHITE), least=AA,
                    darker=rgb_hex(darkened_for_white(rgb)),
                )
            )  # fmt: skip
        return value.lower()


class Campaign(Strict):
    """Kampagnen-Teaser auf der Startseite."""

    title: Title = Field(description="Überschrift, z. B. 'Deine Zukunft findet STADT'")
    text: str | None = Field(None, description="Ein, zwei Sätze zur Kampagne")
    link: str | None = Field(None, description="Ziel des Buttons, z. B. /faq/ oder eine URL")
    link_text: str | None = Field(None, description="Beschriftung des Buttons")
    image: str | None = Field(None, description="Bild, relativ zu content/")
    image_alt: str | None = Field(None, description="Alternativtext des Bildes")
    video: Video | None = Field(None, description="Kampagnenvideo (YouTube, Vimeo oder Datei)")

    @field_validator("link")
    @classmethod
    def _link(cls, value):
        return checked(
            link_problem, value, say("an address on the site such as /faq/, or https://…")
        )


class SiteConfig(Strict):
    """site.yaml"""

    title: Title = Field(description="Titel der Website")
    base_url: str | None = Field(
        None, description="Öffentliche Adresse, z. B. https://example.org/karriere/"
    )
    language: str = Field("de", description="Sprache der Website")
    languages: list[Language] | None = Field(
        None,
        description="Sprachen der Website; die erste ist die Standardsprache (ohne Angabe: nur language)",
    )
    address: Literal["du", "sie"] = Field(
        "sie", description="Anrede der Leser*innen in den Texten des Themes: du oder sie"
    )
    description: str | None = Field(None, description="Kurzbeschreibung für Suchmaschinen")
    organisation: Organisation = Field(description="Arbeitgeberin")
    theme: str = Field("default", description="Name des Themes unter themes/")
    brand: Brand = Field(default_factory=Brand, description="Erscheinungsbild")
    social: Social = Field(default_factory=Social, description="Social-Media-Kanäle")
    categories: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_CATEGORIES),
        description="Stellenkategorien: Schlüssel und Anzeigename",
    )
    cards: bool = Field(True, description="Vorschaubilder (1200×630) erzeugen")
    posters: bool = Field(
        True,
        description="Aushänge (A4) mit QR-Code für Stellen, Programme und Kampagnen erzeugen",
    )
    per_page: int = Field(
        PER_PAGE,
        strict=True,
        ge=0,
        le=MOST_PER_PAGE,  # (checked by _per_page first; here for the JSON Schema)
        description="Einträge je Listenseite (0 bis 500); Seite 2 der Stellen liegt unter "
        "/stellen/seite/2/; 0: jede Liste auf einer Seite",
    )
    sort: Literal["newest", "deadline"] = Field(
        "newest",
        description="Reihenfolge der Stellen: newest (neueste zuerst) oder deadline "
        "(nächster Bewerbungsschluss zuerst)",
    )
    search: bool = Field(
        True, strict=True, description="Volltextsuche unter /suche/ (false: keine Suche)"
    )
    campaign: Campaign | None = Field(None, description="Kampagnen-Teaser auf der Startseite")
    trusted_html: bool = Field(
        False,
        description="HTML in Markdown ungefiltert übernehmen (nur wenn alle Redakteure vertrauenswürdig sind)",
    )
    cms: CmsSettings | None = Field(
        None, description="Web-Editor (Decap CMS) unter /admin/; ohne Angabe kein Web-Editor"
    )
    contact: Contact | None = Field(
        None, description="Ansprechperson für Fragen (Dialog), mit Antwortzeit"
    )
    forms: Forms | None = Field(
        None,
        description="Frage- und Rückrufformular: sendet an den eigenen Formular-Server "
        "(action, https); ohne Angabe ein E-Mail-Link an contact: email",
    )
    exports: Exports | None = Field(
        None, description="Exporte für andere Systeme, z. B. ba: HR-BA-XML für die BA"
    )

    @field_validator("per_page", mode="before")
    @classmethod
    def _per_page(cls, value):
        """A whole number from 0 to 500: YAML's true or 20.0 are no page sizes."""
        if type(value) is not int or not 0 <= value <= MOST_PER_PAGE:
            shown = str(value).lower() if isinstance(value, bool) else repr(value)
            raise ValueError(
                say(
                    "{value} is not a whole number from 0 to {most} "
                    "(expected e.g. per_page: 20; 0 shows each list on one page)",
                    value=shown,
                    most=MOST_PER_PAGE,
                )
            )
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value):
        return checked(language_problem, value)

    @field_validator("languages")
    @classmethod
    def _languages(cls, value):
        if value is not None and not value:
            raise ValueError(
                say("is empty (expected at least the default language, e.g. - {{code: de}})")
            )
        return checked(twice_listed, value)

    @model_validator(mode="after")
    def _category_names(self):
        """A language's category names must name categories that exist."""
        for language in self.languages or []:
            unknown = sorted(set(language.categories or {}) - set(self.categories))
            if unknown:
                raise ValueError(
                    say(
                        "languages: {code}: categories: {unknown} is not a category "
                        "(expected one of: {known})",
                        code=language.code, unknown=", ".join(unknown),
                        known=", ".join(self.categories),
                    )
                )  # fmt: skip
        return self

    @model_validator(mode="after")
    def _default_language(self):
        """With `languages:`, the first one is the default; `language:` may only agree."""
        if self.languages:
            first = self.languages[0].code
            if "language" in self.model_fields_set and self.language != first:
                raise ValueError(
                    say(
                        "language: {language!r} differs from the first of languages: "
                        "{first!r} (expected the default language first in languages:, "
                        "and language: left out)",
                        language=self.language, first=first,
                    )
                )  # fmt: skip
            object.__setattr__(self, "language", first)  # (the model is frozen)
        return self

    @property
    def site_languages(self) -> list[Language]:
        """Every language of the site, the default first (one without `languages:`)."""
        if self.languages:
            return list(self.languages)
        return [Language(code=self.language, label=self.language)]

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value):
        value = checked(base_url_problem, value)
        return value if value is None or value.endswith("/") else value + "/"

    @field_validator("categories")
    @classmethod
    def _category_keys(cls, value):
        for key in value:
            if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", key):
                raise ValueError(
                    say("{key!r} is not a usable key (expected e.g. duales-studium)", key=key)
                )
        return value


def checked(problem, value, *args):
    """`value`, or a ValueError with the reason `problem(value, *args)` gives."""
    if value is not None:
        reason = problem(value, *args)
        if reason:
            raise ValueError(reason)
    return value


@dataclass(frozen=True)
class Config:
    """The validated settings plus where the site lives."""

    site_dir: Path
    settings: SiteConfig
    source_text: str
    # The pay tables (karriere's and the site's data/pay/): config/pay_tables.py
    pay_tables: PayTables = field(default_factory=PayTables, compare=False, repr=False)

    @property
    def content_dir(self) -> Path:
        return self.site_dir / "content"


def load_config(site_dir: Path) -> Config:
    path = site_dir / SITE_YAML
    if not path.is_file():
        missing = say("no site.yaml in {folder} (is --site right?)", folder=str(site_dir))
        raise BuildError([Problem(SITE_YAML, 1, missing)])
    text, problem = read_text(path, SITE_YAML)
    if problem:
        raise BuildError([problem])
    try:
        doc = load_yaml(text)
    except YamlProblem as exc:
        raise BuildError([Problem(SITE_YAML, exc.line, exc.message)]) from None
    settings, problems = validate(SiteConfig, doc, SITE_YAML)
    if problems:
        raise BuildError(problems)
    if not (site_dir / "content").is_dir():
        raise BuildError([Problem(SITE_YAML, 1, say("no content/ folder next to site.yaml"))])
    pay_tables = load_pay_tables(site_dir)
    return Config(site_dir=site_dir, settings=settings, source_text=text, pay_tables=pay_tables)
