"""The theme's user-facing words: gettext catalogs in karriere/locales/<lang>/LC_MESSAGES/
theme.po, read at run time with Babel (no compile step), and the names they mention.

A msgid is the German text in the Sie form. Its du form is the same msgid under msgctxt
"du"; the site's `address` picks one. A word may name an organisation in the case German
needs after a preposition: `%(organisation:bei)s` gives "bei der Stadt Lindenfeld" or
"beim Jobcenter Lindenfeld", `:von` "von der Stadt …", `:dativ` "der Stadt …" (see Name).
Such a word has a twin under msgctxt "ohne Artikel" ("du, ohne Artikel" for a du form)
that needs no case ("Karriereportal: %(organisation)s."); `%` takes the twin for a name
whose article nobody gave. The other forms are declared for extraction in word_forms.py.
A word missing in a language comes in German, never as its msgid's key.
"""

from __future__ import annotations

import re
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from karriere.base.messages import say

LOCALES = Path(__file__).parent.parent / "locales"
DOMAIN = "theme"
LANGUAGES = ("de", "en", "tr", "ar", "uk")  # the catalogs shipped
ADDRESSES = ("du", "sie")  # the ways to address the reader; site.yaml's `address`
DU, PLAIN = "du", "ohne Artikel"  # the msgctxts of the du form and of the twin
# The cases a word may ask a name for, and the preposition each puts in front.
CASES = {"dativ": "", "bei": "bei", "von": "von"}
CONTRACTED = {"bei dem": "beim", "von dem": "vom"}  # "bei dem Jobcenter" reads stilted
PLACEHOLDER = re.compile(r"%\((\w+)(?::(\w+))?\)([sd])|%%")


class Name(str):
    """An organisation's name that knows its dative ("der Stadt Lindenfeld"), or not.
    It is the plain name everywhere else (JSON-LD, feeds, headings)."""

    dative: str | None

    def __new__(cls, text: str, dative: str | None = None) -> Name:
        name = super().__new__(cls, text)
        name.dative = dative
        return name

    @classmethod
    def of(cls, text: str, article: str | None = None, dative: str | None = None) -> Name:
        """The dative from the nominative article: die → der, der/das → dem. Names in the
        plural ("die Stadtwerke") change their noun too, so they give `dative` itself."""
        if dative is None and article is not None:
            dative = ("der " if article == "die" else "dem ") + text
        return cls(text, dative)

    def __format__(self, spec: str) -> str:
        if not spec:
            return str(self)
        if spec not in CASES:
            cases = ", ".join(CASES)
            raise ValueError(
                say("unknown case {case!r} (expected one of: {cases})", case=spec, cases=cases)
            )
        noun = self.dative or str(self)  # (only reached without a twin: see Phrase)
        preposition = CASES[spec]
        if not preposition:
            return noun
        article, _, rest = noun.partition(" ")
        contracted = CONTRACTED.get(f"{preposition} {article}")
        return f"{contracted} {rest}" if contracted else f"{preposition} {noun}"

    def __reduce__(self):  # the content cache pickles names with the front matter
        return (Name, (str(self), self.dative))


class Phrase(str):
    """A word in the reader's language and form. `phrase % {"organisation": name}` fills
    its placeholders, naming someone in a case, or takes the twin (`plain`) when a name
    given has no dative (an unknown article, or a plain string)."""

    plain: str | None

    def __new__(cls, text: str, plain: str | None = None) -> Phrase:
        phrase = super().__new__(cls, text)
        phrase.plain = plain
        return phrase

    def __mod__(self, values) -> str:  # type: ignore[override]
        return fill(self, values)


def fill(phrase: str, values: dict, escape=str) -> str:
    """`phrase` with its placeholders filled in; each value passes through `escape` (the
    templates' markupsafe.escape), the text of the phrase does not."""
    text = phrase
    plain = getattr(phrase, "plain", None)
    if plain is not None and any(
        getattr(values.get(name), "dative", None) is None for name in cased(phrase)
    ):
        text = plain

    def one(match: re.Match) -> str:
        name, case, kind = match.groups()
        if name is None:
            return "%"
        value = values[name]
        if kind == "d":
            value = str(int(value))
        elif case:
            value = format(value, case) if isinstance(value, Name) else str(value)
        return escape(value)

    return PLACEHOLDER.sub(one, text)


def cased(text: str) -> set[str]:
    """The names that `text` asks for in a case."""
    return {name for name, case, _ in PLACEHOLDER.findall(text) if name and case}


def placeholders(text: str) -> set[str]:
    """The names of the placeholders of `text`, without their cases."""
    return {name for name, _, _ in PLACEHOLDER.findall(text) if name}


class Words:
    """The theme's words for one language and way of address: what Jinja's i18n extension
    needs (gettext, ngettext, pgettext, npgettext), each giving a Phrase."""

    def __init__(self, language: str, address: str, catalogs: list[Translations]):
        self.language, self.address = language, address
        self.catalogs = catalogs  # this language's first, then German's
        self.contexts = (DU, None) if address == "du" else (None,)
        self.language_name = language_name(language)
        self._done: dict[tuple, Phrase] = {}  # the same words come on every page

    def gettext(self, message: str) -> Phrase:
        return self.pgettext(None, message)

    def ngettext(self, singular: str, plural: str, n: int) -> Phrase:
        return self.npgettext(None, singular, plural, n)

    def pgettext(self, context: str | None, message: str) -> Phrase:
        key = (context, message)
        found = self._done.get(key)
        if found is None:
            found = self._done[key] = self._phrase(context, message, None)
        return found

    def npgettext(self, context: str | None, singular: str, plural: str, n: int) -> Phrase:
        text = self._find(context, singular, n)
        if text is None:
            text = singular if n == 1 else plural
        return Phrase(
            text, self._find(join(context, PLAIN), singular, n) if cased(singular) else None
        )

    def _phrase(self, context: str | None, message: str, n: int | None) -> Phrase:
        text = self._find(context, message, n)
        plain = self._find(join(context, PLAIN), message, n) if cased(message) else None
        return Phrase(message if text is None else text, plain)

    def _find(self, context: str | None, message: str, n: int | None) -> str | None:
        """The translation, from the reader's form to the plain one, in this language,
        then in German."""
        for catalog in self.catalogs:
            for form in self.contexts:
                ctx = join(form, context)
                key = f"{ctx}\x04{message}" if ctx else message
                if n is not None:
                    key = (key, catalog.plural(n))
                text = catalog._catalog.get(key)
                if text:
                    return text
        return None


def join(*contexts: str | None) -> str | None:
    return ", ".join(c for c in contexts if c) or None


def language_name(language: str) -> str:
    """The language's name in itself: "Deutsch", "English", "Türkçe"."""
    try:
        name = Locale.parse(language).get_display_name(language) or language
    except (ValueError, UnknownLocaleError):
        return language
    return name[:1].upper() + name[1:]


def catalog_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language: str) -> Translations:
    """One .po file, compiled in memory."""
    with catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@cache
def catalog(language: str) -> Translations | None:
    return read_catalog(language) if catalog_path(language).is_file() else None


@cache
def load(language: str = "de", address: str = "sie") -> Words:
    """The words of `language` (German where it has none) for readers addressed as
    `address` (du or sie)."""
    own = catalog(language) if language != "de" else None
    return Words(language, address, [c for c in (own, catalog("de")) if c is not None])
