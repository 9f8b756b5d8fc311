"""Stage 2: load every Markdown file under content/ into typed entries.

Each file is read, split into front matter and body, validated against its schema and
checked against the site (categories, media files). Every problem of every file is
collected, each with the file's path and the line it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from karriere.base.deps import note
from karriere.base.errors import BuildError, Problem
from karriere.base.hashing import hash_text
from karriere.base.messages import Message, say
from karriere.base.packed import Spilled, pack, unpack
from karriere.base.schema import CONTROL, Strict, share_fields_sets, validate
from karriere.base.text import read_text
from karriere.base.yamlfile import YamlDocument, YamlProblem, load_yaml
from karriere.config.settings import Config
from karriere.content.front_matter import COLLECTIONS, TRANSLATIONS
from karriere.content.markdown import unsafe_links
from karriere.content.markdown_video import body_videos, check_body
from karriere.content.media import (
    check_campaign_video,
    check_logo,
    check_media,
    check_media_files,
    media_fields,
    media_problem,
)
from karriere.content.placeholders import placeholder_problems
from karriere.content.posts import post_problems, post_reference_problems
from karriere.content.scan import scan_content
from karriere.content.translations import (
    check_translations,
    fact_problems,
    language_of,
    without_facts,
)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Entry:
    """One content file: what the editor wrote, validated."""

    kind: str  # the collection folder: vacancies, stories, faq, pages, ...
    slug: str
    source: str  # path relative to the site folder, as shown in messages
    meta: Strict
    # The Markdown body, packed (packed.py): see `body`. Not compared: an entry equals
    # another with the same front matter, and what reads the body notes it (cache.note).
    packed_body: bytes | Spilled = field(compare=False)
    body_line: int  # line of the file where the body starts
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    videos: tuple = ()  # markdown_video.body_videos(body): the valid ```video blocks
    head: str = ""  # hash of the front matter's text (cache.Fingerprints)
    language: str = ""  # a translation's language code (<slug>.<code>.md); "" the original

    @property
    def body(self) -> str:
        note(("body", self.source))
        return unpack(self.packed_body)


# The hook compact() shares field lines through: entries of a big site that arrive pickled
# would each hold their own copy of the same few dicts.
_FIELD_LINES: dict[tuple, dict[str, int]] = {}


def compact(entry: Entry) -> Entry:
    """The same entry, sharing what equals another entry's (see schema.share_fields_sets);
    for entries that arrive pickled, from worker processes or the cache."""
    share_fields_sets(entry.meta)
    lines = entry.field_lines
    shared = _FIELD_LINES.setdefault(tuple(lines.items()), lines)
    if shared is not lines:
        object.__setattr__(entry, "field_lines", shared)
    return entry


@dataclass
class Content:
    """All entries by collection, in a stable order (by slug). Translations apart, by
    collection: their front matter holds only words (site/languages.py joins them)."""

    collections: dict[str, list[Entry]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # from the scan of content/
    translations: dict[str, list[Entry]] = field(default_factory=dict)

    def __getitem__(self, kind: str) -> list[Entry]:
        return self.collections.get(kind, [])

    def all(self) -> list[Entry]:
        return [e for entries in self.collections.values() for e in entries]


class EntryLoader(Protocol):
    """load_entry as load_content calls it; the incremental engine's skips files parsed
    before."""

    def __call__(
        self, config: Config, kind: str, schema: type, path: Path
    ) -> tuple[Entry | None, list[Problem]]: ...


class ContentLoader(Protocol):
    """load_content as the pipeline calls it; the preview's reloads only named files."""

    def __call__(self, config: Config, load: EntryLoader) -> Content: ...


def split_front_matter(text: str, shown: str) -> tuple[str, str, int]:
    """Return (front matter, body, body start line). Raises BuildError on a bad frame."""
    if not text.strip():
        message = say("file is empty (expected front matter between '---' lines)")
        raise BuildError([Problem(shown, 1, message)])
    lines = text.split("\n")
    if lines[0].strip() != "---":
        message = say("file does not start with '---' (expected front matter first)")
        raise BuildError([Problem(shown, 1, message)])
    for number in range(1, len(lines)):
        if lines[number].strip() in ("---", "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 2
    message = say("front matter is not closed (expected a line '---' after the fields)")
    raise BuildError([Problem(shown, 1, message)])


def load_content(config: Config, load=None) -> Content:
    """`load` replaces load_entry, e.g. by the incremental engine's cached version."""
    load = load or load_entry
    scan = scan_content(config.content_dir, config.site_dir)
    content = Content(warnings=scan.warnings)
    problems: list[Problem] = list(scan.errors) + check_media_files(config)
    for kind, schema in COLLECTIONS.items():
        entries, translations = [], []
        for path in scan.files[kind]:
            entry, found = load(config, kind, schema, path)
            problems.extend(found)
            if entry is not None:
                (translations if entry.language else entries).append(entry)
        content.collections[kind] = entries
        content.translations[kind] = translations
    problems.extend(check_slugs(content))
    problems.extend(check_translations(config, content))
    problems.extend(check_campaign_video(config))
    problems.extend(check_logo(config))
    problems.extend(check_references(config, content))
    if problems:
        raise BuildError(problems)
    return content


def load_entry(
    config: Config, kind: str, schema: type[Strict], path: Path, data: bytes | None = None
) -> tuple[Entry | None, list[Problem]]:
    """One content file as an entry, or what is wrong with it. `data`: its bytes, if read."""
    shown = path.relative_to(config.site_dir).as_posix()
    text, problem = read_text(path, shown, data)
    if problem:
        return None, [problem]
    try:
        front, body, body_line = split_front_matter(text, shown)
        doc = load_yaml(front, line_offset=1)
    except BuildError as exc:
        return None, exc.problems
    except YamlProblem as exc:
        return None, [Problem(shown, exc.line, exc.message)]
    if doc.data is None:
        empty = say("front matter is empty (expected fields such as title:)")
        return None, [Problem(shown, 1, empty)]
    slug, language = language_of(path)
    problems = []
    if language is not None:  # a translation: words only
        problems = fact_problems(kind, schema, doc, shown)
        if problems:
            doc = YamlDocument(without_facts(kind, schema, doc.data), doc.node)
        schema = TRANSLATIONS[kind]
    meta, more = validate(schema, doc, shown, line_offset=1)
    problems += more
    problems += check_links(body, body_line, shown)
    problems += check_characters(body, body_line, shown)
    problems += check_body(body, body_line, shown, config.content_dir, media_problem)
    if meta is None:  # the other fields' mistakes too, so that one build shows them all
        return None, problems + check_as_written(config, kind, schema, doc, shown)
    problems += check_media(config, media_fields(meta), doc, shown)
    problems += placeholder_problems(kind, meta, doc, body, body_line, shown)
    problems += post_problems(kind, meta, doc, shown)
    entry = Entry(
        kind=kind,
        slug=slug,
        source=shown,
        meta=meta,
        packed_body=pack(body),
        body_line=body_line,
        field_lines=_field_lines(doc),
        videos=body_videos(body),
        head=hash_text(front),
        language=language or "",
    )
    return entry, problems


def _field_lines(doc: YamlDocument) -> dict[str, int]:
    return {str(k.value): k.start_mark.line + 2 for k, _ in doc.node.value}


# Every byte but the C0 controls (tab and line feed allowed) and DEL: deleting these from a
# body's UTF-8 leaves nothing when it holds no control character, in one C-speed pass.
_PLAIN_BYTES = b"\t\n" + bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))


def check_characters(body: str, body_line: int, shown: str) -> list[Problem]:
    """Invisible control characters in the text (front matter: schema.Strict)."""
    raw = body.encode("utf-8", "surrogatepass")
    if (
        not raw.translate(None, _PLAIN_BYTES)
        and b"\xef\xbf\xbe" not in raw
        and b"\xef\xbf\xbf" not in raw
    ):
        return []  # the usual case, without a regular-expression pass over the body
    problems, seen = [], set()
    for found in CONTROL.finditer(body):
        line = body_line + body.count("\n", 0, found.start())
        if line not in seen:
            seen.add(line)
            problems.append(
                Problem(
                    shown,
                    line,
                    say(
                        "the text contains the invisible character U+{code:04X} (expected "
                        "plain text: delete the character, or retype the text around it)",
                        code=ord(found.group()),
                    ),
                )
            )
    return problems


class _AsWritten:
    """The front matter of a file that failed its schema, for the checks that follow it:
    only the values of the right type, the others have their schema error already."""

    def __init__(self, data: dict, schema: type[Strict]):
        def text(name):
            value = data.get(name) if name in schema.model_fields else None
            return value if isinstance(value, str) and value else None

        self.category = text("category")
        self.employer = text("employer")
        occupations = data.get("occupations") if "occupations" in schema.model_fields else None
        self.occupations = [o for o in occupations or [] if isinstance(o, str)]
        self.media = [((name,), text(name)) for name in ("image", "logo") if text(name)]
        video = data.get("video") if "video" in schema.model_fields else None
        for key in ("file", "poster", "captions") if isinstance(video, dict) else ():
            if isinstance(video.get(key), str) and video[key]:
                self.media.append((("video", key), video[key]))


def check_as_written(
    config: Config, kind: str, schema: type[Strict], doc: YamlDocument, shown: str
) -> list[Problem]:
    """References and media paths of a file whose schema check failed."""
    if not isinstance(doc.data, dict):
        return []
    written = _AsWritten(doc.data, schema)
    stand_in = Entry(kind, "", shown, written, b"", 0, _field_lines(doc))  # type: ignore[arg-type]
    problems = check_references(config, Content(), [stand_in])
    return problems + check_media(config, written.media, doc, shown)


def check_links(body: str, body_line: int, shown: str) -> list[Problem]:
    """Links that would run code: an error, not a silently dropped link."""
    problems = []
    for offset, url in unsafe_links(body):
        short = url if len(url) <= 40 else url[:37] + "..."
        problems.append(
            Problem(
                shown,
                body_line + offset,
                say(
                    "link {url!r} is not allowed: it could run code in the visitor's browser "
                    "(expected a link starting with https://, mailto: or tel:, a page address "
                    "such as /stellen/, or an image from content/media/)",
                    url=short,
                ),
            )
        )
    return problems


def check_slugs(content: Content) -> list[Problem]:
    problems = []
    translations = [e for entries in content.translations.values() for e in entries]
    for entry in content.all() + translations:
        if not SLUG.fullmatch(entry.slug):
            problems.append(
                Problem(
                    entry.source,
                    1,
                    say(
                        "file name {name!r} cannot be a web address (expected lowercase "
                        "letters, digits and '-', e.g. sachbearbeitung-buergeramt.md)",
                        name=Path(entry.source).name,
                    ),
                )
            )
    for entries in content.collections.values():
        seen: dict[str, Entry] = {}
        for entry in entries:
            first = seen.setdefault(entry.slug, entry)
            if first is not entry:
                problems.append(
                    Problem(
                        entry.source,
                        1,
                        say(
                            "same web address as {first} (expected different file names; "
                            "names that differ only in upper/lower case collide on many hosts)",
                            first=first.source,
                        ),
                    )
                )
    return problems


def check_references(config: Config, content: Content, entries=None) -> list[Problem]:
    """Categories, employers and occupations must name something that exists; `entries`:
    check only these (the others were checked before and the files are still there)."""
    problems = []
    categories = config.settings.categories
    # From file names, so a file with its own error does not make every reference fail too.
    known = {
        kind: {p.stem.lower() for p in (config.content_dir / kind).glob("*.md")}
        for kind in ("employers", "occupations", "posts")
    }
    for entry in content.all() if entries is None else entries:
        meta = entry.meta
        category = getattr(meta, "category", None)
        if entry.kind == "vacancies" and category is not None and category not in categories:
            problems.append(
                Problem(
                    entry.source,
                    _field_line(entry, "category"),
                    say(
                        "category: unknown category {category!r} (expected one of: {known})",
                        category=category,
                        known=", ".join(categories),
                    ),
                )
            )
        employer = getattr(meta, "employer", None)
        if employer and employer not in known["employers"]:
            problems.append(
                Problem(
                    entry.source,
                    _field_line(entry, "employer"),
                    say(
                        "employer: unknown employer {employer!r} ({expected})",
                        employer=employer,
                        expected=_expected_one_of(known["employers"], "employers", employer),
                    ),
                )
            )
        for slug in getattr(meta, "occupations", None) or []:
            if slug not in known["occupations"]:
                problems.append(
                    Problem(
                        entry.source,
                        _field_line(entry, "occupations"),
                        say(
                            "occupations: unknown occupation {occupation!r} ({expected})",
                            occupation=slug,
                            expected=_expected_one_of(known["occupations"], "occupations", slug),
                        ),
                    )
                )
    checked = content.all() if entries is None else entries
    return problems + post_reference_problems(checked, known["posts"], _field_line)


def _expected_one_of(valid: set[str], folder: str, wrong: str) -> Message:
    if not valid:
        return say(
            "expected a file content/{folder}/{wrong}.md; there is none in content/{folder}/ yet",
            folder=folder, wrong=wrong,
        )  # fmt: skip
    return say("expected one of: {known}", known=", ".join(sorted(valid)))


def _field_line(entry: Entry, name: str) -> int:
    return entry.field_lines.get(name, 1)
