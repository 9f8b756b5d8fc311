"""Translations: `content/<collection>/<slug>.<code>.md` beside `<slug>.md` (spec:
"Languages"). A translation holds only words; the facts (dates, deadline, place, pay,
links, category, media) are the original's, so that they can never differ between
languages. Its front matter is checked against a words-only schema made from the
original's; `translated()` puts the two together."""

from __future__ import annotations

import re
from dataclasses import replace
from operator import attrgetter
from pathlib import Path

from pydantic import Field, create_model

from karriere.base.errors import Problem
from karriere.base.hashing import hash_text
from karriere.base.messages import Message, say
from karriere.base.schema import Strict
from karriere.base.yamlfile import YamlDocument
from karriere.config.models import Line, MediaPath, Video

# The words a translation may set, per collection (the body is always its own).
WORDS = {
    "vacancies": ("title", "summary", "image_alt", "video"),
    "stories": ("title", "summary", "quote", "role", "image_alt", "video"),
    "faq": ("question", "asked_via"),
    "pages": ("title", "summary", "image_alt", "video"),
    "employers": ("name", "summary"),
    "occupations": ("name", "summary", "requirements", "image_alt", "video"),
    "events": ("title", "summary", "image_alt"),
}
# A language code as the last part of a file name: x.en.md, x.tr.md.
CODE = re.compile(r"[a-z]{2,3}")


class VideoWords(Strict):
    """Die Worte eines Videos in einer Übersetzung."""

    title: Line | None = Field(None, description="Titel des Videos")
    captions: MediaPath | None = Field(None, description="Untertitel (WebVTT) in dieser Sprache")
    transcript: str | None = Field(None, description="Abschrift in dieser Sprache")

    def media_paths(self) -> list[tuple[str, str]]:
        return [("captions", self.captions)] if self.captions else []


def language_of(path: Path) -> tuple[str, str | None]:
    """(slug, language code) of a content file; the code None for an original."""
    stem, dot, code = path.stem.rpartition(".")
    if dot and stem and CODE.fullmatch(code):
        return stem.lower(), code
    return path.stem.lower(), None


def words_schema(kind: str, original: type[Strict]) -> type[Strict]:
    """The schema of a translation of `original`: its word fields, all optional. Made
    once per collection (front_matter.TRANSLATIONS), where pickle finds it by name."""
    fields = {}
    for name in WORDS.get(kind, ()):
        if name == "video":
            fields[name] = (VideoWords | None, Field(None, description="Worte des Videos"))
            continue
        info = original.model_fields[name]
        fields[name] = (info.rebuild_annotation() | None, Field(None, description=info.description))
    name = "".join(part.capitalize() for part in re.split(r"[-_]", kind)) + "Translation"
    return create_model(name, __base__=Strict, __module__=original.__module__, **fields)


def fact_problems(
    kind: str, original: type[Strict], doc: YamlDocument, shown: str
) -> list[Problem]:
    """Facts set in a translation: each an error that names where it belongs."""
    data = doc.data if isinstance(doc.data, dict) else {}
    words = WORDS.get(kind, ())
    problems = []
    for key in data:
        if key in original.model_fields and key not in words:
            problems.append(
                Problem(shown, doc.line_of((key,)) + 1, _fact_message(shown, key, words))
            )
        elif key == "video" and isinstance(data[key], dict):
            for inner in data[key]:
                if inner in Video.model_fields and inner not in VideoWords.model_fields:
                    problems.append(
                        Problem(
                            shown,
                            doc.line_of((key, inner)) + 1,
                            _fact_message(
                                shown, f"video.{inner}", ("title", "captions", "transcript")
                            ),
                        )
                    )
    return problems


def _fact_message(shown: str, key: str, words) -> Message:
    return say(
        "{key}: a translation takes this fact from {original}, so that it never differs "
        "between languages (expected only the words {words} and the text here)",
        key=key, original=original_source(shown), words=", ".join(words),
    )  # fmt: skip


def without_facts(kind: str, original: type[Strict], data: dict) -> dict:
    """The front matter without the facts fact_problems reported (so that the schema
    does not report them a second time as unknown fields)."""
    words = WORDS.get(kind, ())
    kept = {k: v for k, v in data.items() if k not in original.model_fields or k in words}
    video = kept.get("video")
    if isinstance(video, dict):
        kept["video"] = {
            k: v
            for k, v in video.items()
            if k not in Video.model_fields or k in VideoWords.model_fields
        }
    return kept


def original_source(shown: str) -> str:
    """content/vacancies/x.en.md -> content/vacancies/x.md"""
    folder, _, name = shown.rpartition("/")
    stem = name.removesuffix(".md").rpartition(".")[0]
    return f"{folder}/{stem}.md"


def translated(original, translation):
    """The entry of a translation: the original's facts with the translation's words."""
    words = {name: getattr(translation.meta, name) for name in translation.meta.model_fields_set}
    video = words.pop("video", None)
    meta = original.meta.model_copy(update=words)
    if video is not None and getattr(original.meta, "video", None) is not None:
        update = {name: getattr(video, name) for name in video.model_fields_set}
        meta = meta.model_copy(update={"video": original.meta.video.model_copy(update=update)})
    head = hash_text(original.head, translation.head)  # (an entry's fingerprint)
    return replace(translation, meta=meta, videos=translation.videos or original.videos, head=head)


def check_translations(config, content, only=None) -> list[Problem]:
    """Each translation needs its original, in a language that site.yaml lists; `only`:
    check just these translations (the others were checked before)."""
    settings = config.settings
    codes = [language.code for language in settings.site_languages]
    problems = []
    for kind, entries in content.translations.items():
        checked = entries if only is None else [e for e in only if e.kind == kind]
        if not checked:
            continue  # (a German-only site: no pass over its ten thousand vacancies)
        originals = _originals(content[kind], checked, whole=only is None)
        for entry in checked:
            message = _translation_problem(entry, kind, codes, originals)
            if message is not None:
                line = entry.field_lines.get("video", 1) if message.startswith("video:") else 1
                problems.append(Problem(entry.source, line, message))
    return problems


def _originals(entries: list, checked: list, whole: bool) -> dict:
    """slug -> original, for every original or (a few translations checked after an
    edit) for just theirs: found by C-level passes, not a dictionary of them all."""
    if whole or len(checked) > 8:
        return {entry.slug: entry for entry in entries}
    slugs = list(map(_slug, entries))
    found = {}
    for entry in checked:
        if entry.slug in slugs:
            found[entry.slug] = entries[slugs.index(entry.slug)]
    return found


_slug = attrgetter("slug")


def _translation_problem(entry, kind: str, codes: list[str], originals: dict) -> Message | None:
    """What is wrong with one translation (its language, its original), or None."""
    original, language = original_source(entry.source), entry.language
    if kind == "posts":
        return say(
            "is a translation, but a post is shown as it was published on its platform, "
            "in its own words (expected the text in {original} alone)",
            original=original,
        )
    if kind not in WORDS:
        return say(
            "is a translation, but the pages in content/{kind}/ are German only: "
            "BITV 2.0 § 4 asks for them in Leichte Sprache and DGS, not in other "
            "languages (expected the text in {original} alone)",
            kind=kind, original=original,
        )  # fmt: skip
    if language == codes[0]:
        return say(
            "is a translation into {language!r}, the site's default language, "
            "whose text is {original} (expected the text in {original}, or a "
            "language from site.yaml's languages:)",
            language=language, original=original,
        )  # fmt: skip
    if language not in codes:
        return say(
            "is a translation into {language!r}, a language that site.yaml's "
            "languages: does not list (expected one of: {listed}; or add "
            "- {{code: {language}, label: …}} to languages:)",
            language=language, listed=", ".join(codes[1:]) or say("none yet"),
        )  # fmt: skip
    if entry.slug not in originals:
        return say(
            "translates {original}, which does not exist (expected a file {original} "
            "in the default language beside it, or this file renamed)",
            original=original,
        )
    if _video_words_alone(entry, originals[entry.slug]):
        return say(
            "video: {original} has no video, so these words would be shown nowhere "
            "(expected video: in {original} first, or this field left out)",
            original=original,
        )
    return None


def _video_words_alone(translation, original) -> bool:
    """A translation names a video's words where the original has no video."""
    return getattr(translation.meta, "video", None) is not None and (
        getattr(original.meta, "video", None) is None
    )
