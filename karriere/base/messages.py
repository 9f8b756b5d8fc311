"""Editors' messages: written in English in the code, shown in German by default.

`say("{name}: is empty (expected {what})", name=..., what=...)` makes a `Message`. As a
str it is the English text, which logs and tests read; it also keeps its template and
values, so that the command line can show it in the editor's language from the gettext
catalog `locales/<lang>/LC_MESSAGES/messages.po` (msgid: the English template). A value
may itself be a Message: it is translated too. Extract new templates with the command in
README "Editors' messages".
"""

from __future__ import annotations

import gettext
import os
from io import BytesIO
from pathlib import Path

from karriere.base.hashing import hash_bytes

DOMAIN = "messages"
LOCALES = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ("de", "en")  # the editors' languages: German, and the English of the code
DEFAULT_LANGUAGE = "de"


class Message(str):
    """An English message that remembers how it was made."""

    template: str
    values: dict

    def __new__(cls, template: str, values: dict) -> Message:
        self = super().__new__(cls, template.format(**values))
        self.template = template
        self.values = values
        return self

    def __reduce__(self):  # pickled with problems into the incremental state
        return (Message, (self.template, self.values))

    def parts(self) -> list:
        """A plain form of lists, dicts and scalars (the no-op record keeps warnings so)."""
        values = {k: v.parts() if isinstance(v, Message) else v for k, v in self.values.items()}
        return [self.template, values]

    @classmethod
    def from_parts(cls, parts) -> str:
        if not isinstance(parts, list):
            return parts
        template, values = parts
        return cls(template, {k: cls.from_parts(v) for k, v in values.items()})


def say(template: str, /, **values) -> Message:
    """A message for editors; `template` is its msgid (str.format placeholders)."""
    return Message(template, values)


def why(exc: BaseException) -> str:
    """An exception's text: karriere's own (a Message) stays translatable, a library's is
    shown as the library words it."""
    said = exc.args[0] if len(exc.args) == 1 else None
    return said if isinstance(said, Message) else str(exc)


class Messages:
    """Shows messages in one language."""

    def __init__(self, language: str, catalog=None):
        self.language = language
        self.catalog = catalog

    def text(self, message: object) -> str:
        if not isinstance(message, Message) or self.catalog is None:
            return str(message)
        values = {
            k: self.text(v) if isinstance(v, Message) else v for k, v in message.values.items()
        }
        template = self.catalog.gettext(message.template)
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a broken translation: the English
            return str(message)

    def problem(self, problem) -> str:
        """`path:line: message`, the prefix the same in every language."""
        return f"{problem.path}:{problem.line}: {self.text(problem.message)}"

    def error(self, exc: BaseException) -> str:
        return self.text(why(exc))


def editor_language(chosen: str | None) -> str:
    """--lang, else KARRIERE_LANG, else German; an unknown language is German too."""
    language = (chosen or os.environ.get("KARRIERE_LANG") or DEFAULT_LANGUAGE).strip().lower()
    language = language.split("_")[0].split(".")[0]  # de_DE.UTF-8 → de
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def catalog_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def messages_in(language: str, cache: Path | None = None) -> Messages:
    """The messages of `language`. The catalog is compiled by Babel; with a `cache`
    folder the compiled catalog is kept there, so that a no-op build, which prints a
    line, reads it with the standard library instead of importing Babel."""
    path = catalog_path(language)
    if language == "en" or not path.is_file():
        return Messages(language)
    source = path.read_bytes()
    kept = cache / f"{DOMAIN}-{language}-{hash_bytes(source)[:16]}.mo" if cache else None
    try:
        compiled = kept.read_bytes() if kept else compile_catalog(source, language)
    except OSError:
        compiled = compile_catalog(source, language)
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            kept.write_bytes(compiled)
        except OSError:  # a read-only place: compile again next time
            pass
    return Messages(language, gettext.GNUTranslations(BytesIO(compiled)))


def compile_catalog(source: bytes, language: str) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(source), locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()
