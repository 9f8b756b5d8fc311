"""Write docs/felder.md, the field reference, from the build's own models.

    python scripts/field_reference.py          # rewrite docs/felder.md
    python scripts/field_reference.py --check  # exit 1 if docs/felder.md is stale

Every key of site.yaml and every front-matter field of each content type, with its type,
whether it is required, its default and its description (the German `description=` of the
pydantic field). tests/test_field_reference.py fails when the file is stale.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
import typing
from datetime import date
from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from karriere.commands.new import FOLDERS, render  # noqa: E402
from karriere.config.settings import SiteConfig  # noqa: E402
from karriere.content.front_matter import COLLECTIONS  # noqa: E402

TARGET = ROOT / "docs" / "felder.md"
EXAMPLE_DAY = date(2026, 6, 5)  # a fixed day, so the examples do not change daily

FOLDER_NAMES = {
    "vacancies": "Stellenangebote",
    "stories": "Geschichten",
    "faq": "Fragen und Antworten",
    "pages": "Seiten",
    "employers": "Arbeitgeber",
    "occupations": "Berufe",
    "events": "Termine",
}
PART_NAMES = {
    "Organisation": "Organisation",
    "Address": "Anschrift",
    "Brand": "Erscheinungsbild",
    "Social": "Social-Media-Kanäle",
    "Campaign": "Kampagne",
    "Video": "Video",
    "CmsSettings": "Web-Editor",
    "Contact": "Ansprechperson",
    "PayRef": "Vergütung nach Entgelttabelle",
    "Salary": "Vergütung in Zahlen",
    "SelectionStep": "Schritt im Auswahlverfahren",
}
# Where the docstring says too little (or is written for programmers).
INTROS = {
    "Address": "Postanschrift. Statt der Felder genügt der Ort als Text, z. B. "
    "`location: Lindenfeld`.",
    "Social": "Kanäle in sozialen Netzwerken, nur als einfache Links: jeder Wert ist eine "
    "Adresse, die mit `https://` beginnt, z. B. `instagram: "
    '"https://www.instagram.com/stadt.lindenfeld/"`.',
}
# Validators in Annotated types, by function name, that an editor should know of.
CHECKS = {"_one_line": "eine Zeile"}
SCALARS = {
    str: "Text",
    bool: "`true` oder `false`",
    int: "ganze Zahl",
    float: "Zahl",
    dt.date: "Datum (JJJJ-MM-TT)",
    dt.datetime: "Datum mit Uhrzeit und Zeitzone (2026-06-05T10:00:00+02:00)",
}

HEAD = """\
# Feldreferenz

Alle Angaben in `site.yaml` und alle Felder oben in den Inhaltsdateien (Front Matter,
zwischen den beiden `---`-Zeilen), mit Typ, Pflicht, Standardwert und Beispiel. Die
Feldnamen sind englisch und werden genau so geschrieben; unbekannte Felder sind Fehler.
Unter der zweiten `---`-Zeile steht der Text in Markdown.

`python build.py new …` legt eine Datei mit allen Feldern und einer Erklärung zu jedem an;
die Beispiele unten zeigen sie für eine Website ohne Anschrift in `site.yaml` (sonst steht
deren Ort schon darin). Werte wie `Musterstadt`, `mailto:bewerbung@example.org`,
`https://www.example.org`, `Vorname` und Zeilen mit `…` sind Platzhalter: Stehen sie noch in
einer Datei mit `draft: false`, bricht der Bau mit einer Fehlermeldung ab, die das Feld nennt.

Diese Datei ist aus den Modellen des Programms erzeugt (`karriere/config.py`,
`karriere/content_types.py`, `karriere/models.py`) und deshalb immer richtig; von Hand
nicht ändern, sondern neu erzeugen: `python scripts/field_reference.py`. Dieselben Angaben
stehen als JSON Schema in `schemas/` (für VS Code, siehe
[Werkzeuge](redaktion/werkzeuge.md)). Wie man die Felder ausfüllt, zeigt der
[Leitfaden für die Redaktion](redaktion/README.md).

- [site.yaml](#siteyaml)
{toc}
- [Bausteine](#bausteine): {parts}
"""


def main() -> int:
    text = reference()
    if "--check" in sys.argv[1:]:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET.relative_to(ROOT)} is stale; run: python scripts/field_reference.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"Wrote {TARGET.relative_to(ROOT)}")
    return 0


def reference() -> str:
    """The whole of docs/felder.md."""
    parts = sub_models([SiteConfig, *COLLECTIONS.values()])
    kind_of = {folder: kind for kind, folder in FOLDERS.items()}
    toc = "\n".join(f"- [{FOLDER_NAMES.get(f, f)}](#{anchor(heading(f))})" for f in COLLECTIONS)
    links = ", ".join(f"[{part_name(p)}](#{anchor(part_heading(p))})" for p in parts)
    out = [HEAD.format(toc=toc, parts=links)]
    out.append("## site.yaml\n\n" + table(SiteConfig))
    out.append(
        "Ein vollständiges Beispiel ist die `site.yaml` der Beispielseite in diesem Repository.\n"
    )
    for folder, model in COLLECTIONS.items():
        out.append(section(folder, model, kind_of.get(folder)))
    out.append("## Bausteine\n\nFelder, die in mehreren Dateien vorkommen.\n")
    for part in parts:
        out.append(f"### {part_heading(part)}\n\n{intro(part)}\n\n{table(part)}")
    return "\n".join(out)


def section(folder: str, model: type[BaseModel], kind: str | None) -> str:
    text = f"## {heading(folder)}\n\n{intro(model)}\n\n{table(model)}"
    if kind is None:
        return text
    example = render(kind, "Titel", EXAMPLE_DAY).split("---\n", 2)[1]
    return f'{text}\n`python build.py new {kind} "Titel"` schreibt:\n\n```yaml\n---\n{example}---\n```\n'


def heading(folder: str) -> str:
    return f"{FOLDER_NAMES.get(folder, folder)}: content/{folder}/*.md"


def part_name(model: type[BaseModel]) -> str:
    return PART_NAMES.get(model.__name__, model.__name__)


def part_heading(model: type[BaseModel]) -> str:
    return f"{part_name(model)} ({model.__name__})"


def anchor(title: str) -> str:
    """The anchor GitHub and GitLab give a heading."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def intro(model: type[BaseModel]) -> str:
    return INTROS.get(model.__name__) or " ".join((model.__doc__ or "").split())


def table(model: type[BaseModel]) -> str:
    rows = [
        "| Feld | Typ | Pflicht | Standard | Bedeutung, Beispiel |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, info in model.model_fields.items():
        required = "ja" if info.is_required() else "nein"
        cells = [f"`{name}`", type_text(info.annotation) + limits(info.metadata), required]
        cells += [default_text(info), cell(info.description or "")]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def type_text(annotation) -> str:
    """A type in German, sub-models linked to their section."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return " oder ".join(type_text(a) for a in args if a is not type(None))
    if origin is typing.Annotated:  # a type with limits, e.g. of length
        return type_text(args[0]) + limits(annotation.__metadata__)
    if origin is typing.Literal:
        return "einer von " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"Liste von: {type_text(args[0])}"
    if origin is dict:
        return f"Zuordnung {type_text(args[0])} → {type_text(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{part_name(annotation)}](#{anchor(part_heading(annotation))})"
    return SCALARS.get(annotation, getattr(annotation, "__name__", str(annotation)))


def limits(metadata: list) -> str:
    """Length limits the schema enforces, e.g. of titles."""
    found = []
    for item in metadata:  # pydantic's StringConstraints, or annotated_types' MinLen, MaxLen
        least, most = getattr(item, "min_length", None), getattr(item, "max_length", None)
        if least == 1:
            found.append("nicht leer")
        elif least:
            found.append(f"mindestens {least} Zeichen")
        if most:
            found.append(f"höchstens {most} Zeichen")
        check = getattr(getattr(item, "func", None), "__name__", "")
        if check in CHECKS:
            found.append(CHECKS[check])
    return "".join(f", {text}" for text in dict.fromkeys(found))


def default_text(info) -> str:
    if info.is_required():
        return ""
    value = info.default_factory() if info.default_factory else info.default
    if value is None or value is PydanticUndefined or value == [] or isinstance(value, BaseModel):
        return ""
    if isinstance(value, dict):
        return cell(", ".join(f"`{k}`" for k in value))
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def sub_models(roots: list[type[BaseModel]]) -> list[type[BaseModel]]:
    """Every model used inside the roots, in the order first met."""
    found: list[type[BaseModel]] = []
    queue = list(roots)
    while queue:
        for info in queue.pop(0).model_fields.values():
            for model in models_in(info.annotation):
                if model not in found and model not in roots:
                    found.append(model)
                    queue.append(model)
    return found


def models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in models_in(arg)]


if __name__ == "__main__":
    raise SystemExit(main())
