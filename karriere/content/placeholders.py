"""Example values that `new` writes: left in a published entry, they are errors.

A draft may keep them. With `draft: false` they would publish a vacancy in
"Musterstadt" whose application goes to bewerbung@example.org, and every check would
say OK. Only exact scaffold values count, so real content never matches by chance.
"""

from __future__ import annotations

from karriere.base.errors import Problem
from karriere.base.messages import Message, say
from karriere.base.schema import Strict
from karriere.base.yamlfile import YamlDocument

# content folder -> the kind `new` takes (scaffold.FOLDERS, turned round; not imported
# from there so that loading content does not import the scaffold's templates)
NEW_KIND = {
    "vacancies": "vacancy",
    "stories": "story",
    "faq": "faq",
    "pages": "page",
    "events": "event",
    "employers": "employer",
    "occupations": "occupation",
    "posts": "post",
    "leichte-sprache": "leichte-sprache",
    "gebaerdensprache": "gebaerdensprache",
}

# content folder -> (field path, scaffold value, what belongs there)
FIELDS: dict[str, list[tuple[tuple[str, ...], str, Message]]] = {
    "vacancies": [
        (("location", "city"), "Musterstadt", say("the real place of work")),
        (("apply_url",), "mailto:bewerbung@example.org", say("the real application address")),
    ],
    "stories": [
        (("name",), "Vorname", say("the person's first name")),
        (("role",), "Rolle oder Ausbildung", say("the person's role or training")),
    ],
    "events": [
        (("location", "city"), "Musterstadt", say("the real place of the event")),
    ],
    "posts": [
        (
            ("url",),
            "https://www.instagram.com/p/BEISPIEL/",
            say("the address of the post on its platform"),
        ),
    ],
    "employers": [
        (("website",), "https://www.example.org", say("the employer's own website")),
        (
            ("address", "city"),
            "Musterstadt",
            say("the employer's real address, or no address line"),
        ),
    ],
}

# The hints of `new leichte-sprache` and `new gebaerdensprache` (commands/new_sections.py),
# one per BITV 2.0 § 4 text: (file name, title, hint). Each hint is a placeholder line.
SECTION_TEXTS = (
    (
        "index",
        "Was gibt es auf dieser Website?",
        "Schreiben Sie hier: Was gibt es auf dieser Website? …",
    ),
    (
        "navigation",
        "So finden Sie sich auf der Website zurecht",
        "Schreiben Sie hier: Wie benutzt man die Website? Was steht oben, was unten? …",
    ),
    (
        "barrierefreiheit",
        "Die Erklärung zur Barriere·freiheit",
        "Schreiben Sie hier das Wichtigste aus der Erklärung zur Barriere·freiheit …",
    ),
    (
        "mehr",
        "Wo gibt es mehr Informationen?",
        "Schreiben Sie hier: Wo gibt es mehr Informationen in dieser Sprache? …",
    ),
)
SIGN_LANGUAGE_HINT = "Schreiben Sie hier in 2 oder 3 Sätzen, was das Video zeigt …"

# Lines of the scaffolds' bodies that stand for text still to be written.
BODY_LINES = frozenset(
    {
        *(hint for _, _, hint in SECTION_TEXTS),
        SIGN_LANGUAGE_HINT,
        "…",
        "- …",
        "Erzähl, was du machst …",
        "Die Antwort in zwei, drei kurzen Sätzen …",
        "Text der Seite …",
        "Was der Arbeitgeber für die Stadt leistet …",
        "Die Bildunterschrift, so wie sie auf der Plattform steht …",
    }
)


def placeholder_problems(
    kind: str, meta: Strict, doc: YamlDocument, body: str, body_line: int, shown: str
) -> list[Problem]:
    """Scaffold values left unchanged in an entry that is not a draft."""
    if getattr(meta, "draft", False):
        return []
    origin = say("from 'new {kind}'", kind=NEW_KIND.get(kind, kind))
    problems = []
    for path, value, expected in FIELDS.get(kind, []):
        if value_at(meta, path) == value:
            message = say(
                "{name}: still the placeholder {value!r} {origin} (expected {expected})",
                name=path[0], value=value, origin=origin, expected=expected,
            )  # fmt: skip
            problems.append(Problem(shown, doc.line_of(path) + 1, message))  # +1: the '---'
    lines = body.split("\n") if "…" in body else ()  # every placeholder line has an '…'
    for offset, line in enumerate(lines):
        if line.strip() in BODY_LINES:
            message = say(
                "body: still the placeholder {value!r} {origin} "
                "(expected your own text in place of '…')",
                value=line.strip(), origin=origin,
            )  # fmt: skip
            problems.append(Problem(shown, body_line + offset, message))
    return problems


def value_at(meta: Strict, path: tuple[str, ...]):
    value = meta
    for name in path:
        value = getattr(value, name, None)
    return value
