"""Stage 1: read and validate site.yaml. Every key is declared once, here."""

from __future__ import annotations

import re
from dataclasses import dataclass
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
from karriere.base.schema import Strict, validate
from karriere.base.text import read_text
from karriere.base.yamlfile import YamlProblem, load_yaml
from karriere.config.cms import CmsSettings
from karriere.config.languages import Language, twice_listed
from karriere.config.models import (
    ARTICLE_HELP,
    DATIVE_HELP,
    Address,
    Article,
    Contact,
    Line,
    NamedWithCase,
    Social,
    Title,
    Video,
)

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
        return checked(web_url_problem, value, "e.g. https://www.musterstadt.de")


class Brand(Strict):
    """Erscheinungsbild."""

    color: str = Field(
        "#005ca9", description="Hausfarbe als #rrggbb, dunkel genug für weiße Schrift (4,5:1)"
    )

    @field_validator("color")
    @classmethod
    def _hex(cls, value):
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError(f"{value!r} is not a colour (expected #rrggbb, e.g. #005ca9)")
        rgb = hex_rgb(value)
        if contrast(rgb, WHITE) < AA:  # the theme writes white on it, and links in it
            raise ValueError(
                f"{value!r} is too light for white text and for links on white: contrast "
                f"{contrast(rgb, WHITE):.1f}:1 (expected at least {AA}:1, "
                f"e.g. the darker {rgb_hex(darkened_for_white(rgb))})"
            )
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
        return checked(link_problem, value, "an address on the site such as /faq/, or https://…")


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
    search: bool = Field(True, description="Volltextsuche (Pagefind) und Suchseite /suche/")
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

    @field_validator("language")
    @classmethod
    def _language(cls, value):
        return checked(language_problem, value)

    @field_validator("languages")
    @classmethod
    def _languages(cls, value):
        if value is not None and not value:
            raise ValueError("is empty (expected at least the default language, e.g. - {code: de})")
        return checked(twice_listed, value)

    @model_validator(mode="after")
    def _category_names(self):
        """A language's category names must name categories that exist."""
        for language in self.languages or []:
            unknown = sorted(set(language.categories or {}) - set(self.categories))
            if unknown:
                raise ValueError(
                    f"languages: {language.code}: categories: {', '.join(unknown)} is not a "
                    f"category (expected one of: {', '.join(self.categories)})"
                )
        return self

    @model_validator(mode="after")
    def _default_language(self):
        """With `languages:`, the first one is the default; `language:` may only agree."""
        if self.languages:
            first = self.languages[0].code
            if "language" in self.model_fields_set and self.language != first:
                raise ValueError(
                    f"language: {self.language!r} differs from the first of languages: "
                    f"{first!r} (expected the default language first in languages:, "
                    "and language: left out)"
                )
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
                raise ValueError(f"{key!r} is not a usable key (expected e.g. duales-studium)")
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

    @property
    def content_dir(self) -> Path:
        return self.site_dir / "content"


def load_config(site_dir: Path) -> Config:
    path = site_dir / "site.yaml"
    if not path.is_file():
        raise BuildError(
            [Problem("site.yaml", 1, f"no site.yaml in {site_dir} (is --site right?)")]
        )
    text, problem = read_text(path, "site.yaml")
    if problem:
        raise BuildError([problem])
    try:
        doc = load_yaml(text)
    except YamlProblem as exc:
        raise BuildError([Problem("site.yaml", exc.line, exc.message)]) from None
    settings, problems = validate(SiteConfig, doc, "site.yaml")
    if problems:
        raise BuildError(problems)
    if not (site_dir / "content").is_dir():
        raise BuildError([Problem("site.yaml", 1, "no content/ folder next to site.yaml")])
    return Config(site_dir=site_dir, settings=settings, source_text=text)
