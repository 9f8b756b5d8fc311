"""Pay tables of the collective agreements: the amounts behind `pay: {table, group}`.

One YAML file per table and validity date: `<table>/<YYYY-MM-DD>.yaml`, shipped with
karriere in karriere/pay_tables/ and, with the same format, in a site's `data/pay/` (a
site's file of the same table and date replaces karriere's). A file is valid from its
`valid_from` until the next file of its table starts, or until its own `valid_until`.
`groups` gives each group's monthly amounts: steps 1 to n (`kind: steps`) or training
years 1 to n (`kind: years`); `raise: {percent}` instead makes every amount of the file
before it that much higher (a Tarifeinigung that states only the rise), to the cent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from karriere.base.errors import BuildError, Problem
from karriere.base.hashing import hash_text
from karriere.base.messages import say
from karriere.base.schema import Strict, validate
from karriere.base.text import read_text
from karriere.base.yamlfile import YamlProblem, load_yaml

SHIPPED = Path(__file__).resolve().parent.parent / "pay_tables"
SITE_FOLDER = Path("data") / "pay"  # a site's own tables, relative to the site folder
TABLE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class Source(Strict):
    """Wer die Tabelle veröffentlicht hat, und wo."""

    publisher: str = Field(min_length=1, description="Herausgeber oder Fundstelle")
    url: str = Field(description="Adresse der Veröffentlichung (https://)")

    @field_validator("url")
    @classmethod
    def _https(cls, value):
        if not value.startswith("https://"):
            raise ValueError(say("{value!r} must start with https://", value=value))
        return value


class Raise(Strict):
    """Erhöhung aller Beträge der vorigen Tabelle."""

    percent: float = Field(gt=0, lt=100, description="Prozent, z. B. 2.8")


Amount = float | None  # None: the group has no such step (E 15Ü starts at step 2)


class TableFile(Strict):
    """Eine Entgelttabelle (data/pay/<tabelle>/<gültig-ab>.yaml)."""

    title: str = Field(
        min_length=1, description="Bezeichnung mit {group}, z. B. 'EG {group} TVöD-VKA'"
    )
    kind: Literal["steps", "years"] = Field(
        description="steps: Stufen (Spanne von Stufe 1 bis Endstufe); years: Ausbildungsjahre"
    )
    valid_from: date = Field(description="Gültig ab, z. B. 2025-04-01 (wie der Dateiname)")
    valid_until: date | None = Field(None, description="Gültig bis (nur wenn bekannt)")
    source: Source = Field(description="Quelle: publisher und url")
    groups: dict[str, list[Amount]] | None = Field(
        None, description="Beträge je Gruppe in Euro im Monat, z. B. '9a': [3558.96, …]"
    )
    raise_: Raise | None = Field(None, alias="raise", description="Erhöhung der vorigen Tabelle")

    @field_validator("groups")
    @classmethod
    def _amounts(cls, value):
        for group, amounts in (value or {}).items():
            if not [a for a in amounts if a is not None] or any(
                a is not None and a <= 0 for a in amounts
            ):
                raise ValueError(
                    say(
                        "{group}: the amounts must be positive numbers, at least one "
                        "(expected e.g. [3558.96, 3772.32])",
                        group=group,
                    )
                )
        return value

    @model_validator(mode="after")
    def _one_kind_of_amounts(self):
        if (self.groups is None) == (self.raise_ is None):
            raise ValueError(say("give groups or raise, one of them (expected groups: …)"))
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError(
                say(
                    "valid_until ({until}) is before valid_from ({start})",
                    until=str(self.valid_until),
                    start=str(self.valid_from),
                )
            )
        return self


@dataclass(frozen=True)
class PayTable:
    """One validity period of a table, its amounts complete."""

    name: str  # e.g. "tvoed-vka"
    title: str
    kind: str  # "steps" or "years"
    valid_from: date
    valid_until: date | None
    publisher: str
    url: str
    groups: dict[str, tuple[Amount, ...]]
    shown: str  # the file, as messages name it
    derived: float | None = None  # the percent of a `raise:` file

    def group(self, wanted: str) -> str | None:
        """The group's key as the table writes it ("S 8a" for "s8a"), or None."""
        key = group_key(wanted)
        return next((g for g in self.groups if group_key(g) == key), None)


def group_key(group: str) -> str:
    return re.sub(r"\s+", "", str(group)).casefold()


@dataclass(frozen=True)
class PayTables:
    """Every table by name, its periods by start date. `digest`: of every file's text
    (what pages showing pay depend on)."""

    tables: dict[str, tuple[PayTable, ...]] = field(default_factory=dict)
    digest: str = ""

    def names(self) -> list[str]:
        return sorted(self.tables)

    def valid_on(self, name: str, day: date) -> PayTable | None:
        periods = self.tables.get(name, ())
        for n, table in enumerate(periods):
            end = periods[n + 1].valid_from if n + 1 < len(periods) else None
            if table.valid_from <= day and (end is None or day < end):
                if table.valid_until is None or day <= table.valid_until:
                    return table
        return None

    def groups(self, name: str) -> list[str]:
        """Every group any period of the table has, in the order of the newest."""
        seen: dict[str, None] = {}
        for table in reversed(self.tables.get(name, ())):
            seen.update(dict.fromkeys(table.groups))
        return list(seen)


def load_pay_tables(site_dir: Path) -> PayTables:
    """karriere's tables and the site's (data/pay/), validated; BuildError with every
    mistake of the site's files."""
    files: dict[tuple[str, str], tuple[Path, str]] = {}
    for root, shown_root in ((SHIPPED, "karriere/pay_tables"), (site_dir / SITE_FOLDER, None)):
        for path in sorted(root.glob("*/*")) if root.is_dir() else []:
            shown = (
                f"{shown_root}/{path.parent.name}/{path.name}"
                if shown_root
                else path.relative_to(site_dir).as_posix()
            )
            files[(path.parent.name, path.stem)] = (path, shown)
    problems, read, texts = [], {}, []
    for (name, stem), (path, shown) in sorted(files.items()):
        found, problem = _read(path, shown, name, stem)
        if problem:
            problems.extend(problem)
        else:
            read.setdefault(name, []).append((found, shown))
            texts.append(shown + "\n" + path.read_text(encoding="utf-8"))
    tables = {}
    for name, periods in read.items():
        made, more = _complete(name, periods)
        tables[name] = made
        problems += more
    if problems:
        raise BuildError(problems)
    return PayTables(tables, hash_text(*texts))


def _read(path: Path, shown: str, name: str, stem: str) -> tuple[TableFile | None, list]:
    if path.suffix != ".yaml" or not TABLE_NAME.fullmatch(name) or not ISO_DAY.fullmatch(stem):
        wrong = say(
            "not a pay table file (expected data/pay/<table>/<valid from>.yaml, "
            "e.g. data/pay/tvoed-vka/2025-04-01.yaml)"
        )
        return None, [Problem(shown, 1, wrong)]
    text, problem = read_text(path, shown)
    if problem:
        return None, [problem]
    try:
        doc = load_yaml(text)
    except YamlProblem as exc:
        return None, [Problem(shown, exc.line, exc.message)]
    table, problems = validate(TableFile, doc, shown)
    if table is not None and table.valid_from.isoformat() != stem:
        differs = say(
            "valid_from: {day} differs from the file name (expected {name}.yaml)",
            day=table.valid_from.isoformat(), name=table.valid_from.isoformat(),
        )  # fmt: skip
        return None, [Problem(shown, doc.line_of(("valid_from",)), differs)]
    return table, problems


def _complete(name: str, periods: list[tuple[TableFile, str]]) -> tuple[tuple, list]:
    """Each period with its amounts; a `raise:` file's from the period before."""
    made: list[PayTable] = []
    problems = []
    for found, shown in sorted(periods, key=lambda p: p[0].valid_from):
        groups = found.groups
        percent = found.raise_.percent if found.raise_ else None
        if percent is not None:
            if not made:
                first = say(
                    "raise: there is no earlier table of {name} to raise (expected groups: "
                    "with the amounts)",
                    name=name,
                )
                problems.append(Problem(shown, 1, first))
                continue
            groups = {g: [raised(a, percent) for a in v] for g, v in made[-1].groups.items()}
        made.append(
            PayTable(
                name, found.title, found.kind, found.valid_from, found.valid_until,
                found.source.publisher, found.source.url,
                {g: tuple(v) for g, v in groups.items()}, shown, percent,
            )
        )  # fmt: skip
    return tuple(made), problems


def raised(amount: float | None, percent: float) -> float | None:
    """The amount raised by `percent`, rounded to the cent (half up, as the tables are)."""
    if amount is None:
        return None
    exact = Decimal(str(amount)) * (Decimal(100) + Decimal(str(percent))) / Decimal(100)
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
