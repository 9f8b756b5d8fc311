"""The theme's user-facing words, one YAML file per language in karriere/locales/, and
the names they mention.

An entry is a plain string, or `{du: "…", sie: "…"}` where it addresses the reader; the
site's `address` picks one, so that templates still read each word as `t.key`.

A word may name an organisation in the case German needs after a preposition:
`{organisation:bei}` gives "bei der Stadt Lindenfeld" or "beim Jobcenter Lindenfeld",
`{organisation:von}` "von der Stadt …", `{organisation:dativ}` "der Stadt …" (see Name).
Such a word has a twin `<key>_ohne_artikel` that needs no case ("Karriereportal: Stadt
Lindenfeld"); format() takes the twin for a name whose article nobody gave.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from string import Formatter

from karriere.base.errors import BuildError, Problem
from karriere.base.yamlfile import YamlProblem, load_yaml

LOCALES = Path(__file__).parent.parent / "locales"
ADDRESSES = ("du", "sie")  # the ways to address the reader; site.yaml's `address`
# The cases a word may ask a name for, and the preposition each puts in front.
CASES = {"dativ": "", "bei": "bei", "von": "von"}
CONTRACTED = {"bei dem": "beim", "von dem": "vom"}  # "bei dem Jobcenter" reads stilted
TWIN = "_ohne_artikel"


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
            raise ValueError(f"unknown case {spec!r} (expected one of: {', '.join(CASES)})")
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
    """A word that names someone in a case; format() takes its twin when a name given
    has no dative (an unknown article, or a plain string)."""

    plain: str
    names: frozenset[str]

    def __new__(cls, text: str, plain: str, names: frozenset[str]) -> Phrase:
        phrase = super().__new__(cls, text)
        phrase.plain, phrase.names = plain, names
        return phrase

    def format(self, *args, **values) -> str:
        if any(getattr(values.get(name), "dative", None) is None for name in self.names):
            return self.plain.format(*args, **values)
        return str.format(self, *args, **values)


class Strings(dict):
    """The words by name, also as attributes: templates write `t.apply_now`, and Jinja
    looks for an attribute first (on a plain dict it fails, at some cost, every time)."""

    def __init__(self, words: dict[str, str]):
        super().__init__(words)
        self.__dict__.update(words)


@cache
def load(language: str = "de", address: str = "sie") -> Strings:
    """The words of `language` (German if there is no such file) for readers addressed
    as `address` (du or sie)."""
    path = LOCALES / f"{language}.yaml"
    if not path.is_file():
        path = LOCALES / "de.yaml"
    return Strings(resolve(read(path), address))


def read(path: Path) -> dict[str, str | dict[str, str]]:
    """The entries of a locale file, checked: a broken one stops the build with its line."""
    shown = f"karriere/locales/{path.name}"
    try:
        doc = load_yaml(path.read_text(encoding="utf-8"))
    except YamlProblem as exc:
        raise BuildError([Problem(shown, exc.line, exc.message)]) from None
    if not isinstance(doc.data, dict):
        raise BuildError([Problem(shown, 1, 'not a list of words (expected key: "text")')])
    problems = [
        Problem(shown, doc.line_of((key,)), f"{key}: {message}")
        for key, value in doc.data.items()
        for message in entry_problems(key, value, doc.data)
    ]
    if problems:
        raise BuildError(problems)
    return doc.data


def entry_problems(key, value, entries: dict) -> list[str]:
    """What is wrong with one entry of a locale file: its shape, its placeholders."""
    if isinstance(value, dict):
        if sorted(value) != sorted(ADDRESSES) or not all(
            isinstance(v, str) for v in value.values()
        ):
            return ['invalid value (expected text, or {du: "…", sie: "…"} with both forms)']
        du, sie = (placeholders(value[a]) for a in ADDRESSES)
        if du != sie:
            return [f"du and sie use different placeholders {sorted(du ^ sie)} (expected the same)"]
        texts = list(value.values())
    elif isinstance(value, str):
        texts = [value]
    else:
        return ['invalid value (expected text, or {du: "…", sie: "…"} with both forms)']
    found = [problem for text in texts for problem in case_problems(key, text, entries)]
    return list(dict.fromkeys(found))  # (du and sie often share a mistake)


def case_problems(key: str, text: str, entries: dict) -> list[str]:
    """`{name:case}` uses a known case; a word with cases has a twin without, and back."""
    try:
        cases = {spec for _, field, spec, _ in Formatter().parse(text) if field and spec}
    except ValueError as exc:
        return [f"{exc} (expected placeholders like {{count}})"]
    if cases - set(CASES):
        return [f"unknown case {sorted(cases - set(CASES))} (expected one of: {', '.join(CASES)})"]
    if key.endswith(TWIN):
        if cases:
            return ["uses a case, but is the text for names without an article (expected {name})"]
        if key.removesuffix(TWIN) not in entries:
            return [
                f"no entry {key.removesuffix(TWIN)} for this text without an article "
                "(expected both, or neither)"
            ]
    elif cases and key + TWIN not in entries:
        return [
            f"names someone in a case, but has no {key + TWIN} "
            "(expected one that needs no article, e.g. 'Stellen: {organisation}')"
        ]
    return []


def placeholders(text: str) -> set[str]:
    try:
        return {field for _, field, _, _ in Formatter().parse(text) if field}
    except ValueError:
        return set()  # (case_problems reports it)


def resolve(entries: dict, address: str) -> dict[str, str]:
    """Each word in the reader's form; words with cases as Phrases with their twin."""
    words = {k: v[address] if isinstance(v, dict) else v for k, v in entries.items()}
    for key, text in list(words.items()):
        names = frozenset(f for _, f, spec, _ in Formatter().parse(text) if f and spec)
        if names:
            words[key] = Phrase(text, words[key + TWIN], names)
    return words
