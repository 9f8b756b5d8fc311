"""The languages of a site (site.yaml `languages:`): the first is the default language,
served at the root; each other lives under /<code>/ (spec: "Languages")."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from karriere.base.addresses import language_problem
from karriere.base.messages import Message, say
from karriere.base.schema import Strict
from karriere.config.models import Line, Title

RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})
# The languages whose theme words karriere ships (karriere/locales/).
THEME_LANGUAGES = ("de", "en", "tr", "ar", "uk")


class LanguageCampaign(Strict):
    """Die Worte des Kampagnen-Teasers in dieser Sprache."""

    title: Title | None = Field(None, description="Überschrift")
    text: str | None = Field(None, description="Ein, zwei Sätze zur Kampagne")
    link_text: str | None = Field(None, description="Beschriftung des Buttons")
    video_title: Line | None = Field(None, description="Titel des Kampagnenvideos")


class Language(Strict):
    """Eine Sprache der Website; die erste ist die Standardsprache."""

    code: str = Field(description="Sprachcode nach ISO 639-1, z. B. en, tr, ar, uk")
    label: Line = Field(description="Name der Sprache in ihr selbst, z. B. 'English', 'Türkçe'")
    dir: Literal["ltr", "rtl"] | None = Field(
        None, description="Schreibrichtung; ohne Angabe rtl für ar, fa, he, ur"
    )
    title: Title | None = Field(None, description="Titel der Website in dieser Sprache")
    description: str | None = Field(None, description="Kurzbeschreibung in dieser Sprache")
    campaign: LanguageCampaign | None = Field(
        None, description="Worte des Kampagnen-Teasers in dieser Sprache"
    )
    categories: dict[str, str] | None = Field(
        None,
        description="Namen der Stellenkategorien in dieser Sprache, z. B. {ausbildung: Apprenticeship}",
    )

    @field_validator("code")
    @classmethod
    def _code(cls, value):
        reason = language_problem(value)
        if reason is None and not known_language(value):
            reason = say(
                "{value!r} is not a known language code (expected e.g. en, tr, ar, uk)", value=value
            )
        if reason:
            raise ValueError(reason)
        return value

    @property
    def direction(self) -> str:
        return self.dir or ("rtl" if self.code in RIGHT_TO_LEFT else "ltr")

    @property
    def locale(self) -> str:
        """Open Graph's locale, language_TERRITORY: de_DE, en_US, ar_EG (Babel's likely
        territory for the language)."""
        return open_graph_locale(self.code)


def known_language(code: str) -> bool:
    """A code Babel has locale data for (so dates and numbers can be written in it)."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def open_graph_locale(code: str) -> str:
    from babel.core import get_global

    likely = get_global("likely_subtags").get(code.split("-")[0], "")
    territory = likely.split("_")[-1] if likely.count("_") >= 1 else ""
    return f"{code}_{territory}" if territory.isalpha() and territory.isupper() else code


def twice_listed(languages: list[Language]) -> Message | None:
    seen: set[str] = set()
    for language in languages:
        if language.code in seen:
            return say("{code!r} is listed twice (expected each language once)", code=language.code)
        seen.add(language.code)
    return None
