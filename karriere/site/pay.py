"""Pay in euros: `pay: {table, group}` resolved with the table valid on the build date.

The content stage checks the form (config/models.PayRef); which tables and groups exist,
and which table is valid, depends on the pay tables and on the day of the build, so it is
checked here, every build, with the line of `pay:`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from karriere.base.errors import Problem
from karriere.base.messages import Message, say
from karriere.config.models import PayRef
from karriere.config.pay_tables import PayTable, PayTables

# The collections whose front matter may name a table (content/front_matter.py)
PAY_KINDS = ("vacancies", "occupations")


# Which numbers would Google get? The table's; salary: would only contradict them.
BOTH = say(
    "pay: names a pay table and salary: gives amounts; give one of them "
    "(expected salary: left out: the table gives the amounts in euros)"
)


@dataclass(frozen=True)
class PayRange:
    """What a page shows and JobPosting says: monthly euros from `low` to `high`; for
    `kind` "steps" the entry step to the top step, for "years" training year 1 to
    `count`."""

    title: str  # e.g. "EG 9a TVöD-VKA"
    kind: str
    low: float
    high: float
    count: int  # steps or training years
    valid_from: date


def resolve(tables: PayTables, pay, day: date) -> PayRange | None:
    """The range of a structured `pay:` on `day`; None for free text, nothing, or a
    table or group that pay_problems() reported."""
    if not isinstance(pay, PayRef):
        return None
    table = tables.valid_on(pay.table, day)
    group = table.group(pay.group) if table is not None else None
    if group is None:
        return None
    amounts = [a for a in table.groups[group] if a is not None]
    title = table.title.replace("{group}", group)
    return PayRange(
        title, table.kind, amounts[0], amounts[-1], len(table.groups[group]), table.valid_from
    )


def pay_problems(tables: PayTables, entries, day: date) -> list[Problem]:
    """Every entry whose `pay:` names an unknown table or group, or a table without a
    period valid on `day`."""
    problems = []
    for entry in entries:
        pay = getattr(entry.meta, "pay", None)
        if not isinstance(pay, PayRef):
            continue
        message, field = _problem(tables, pay, day), "pay"
        if message is None and getattr(entry.meta, "salary", None) is not None:
            message, field = BOTH, "salary"
        if message is not None:
            problems.append(Problem(entry.source, entry.field_lines.get(field, 1), message))
    return problems


def _problem(tables: PayTables, pay: PayRef, day: date) -> Message | None:
    if pay.table not in tables.tables:
        return say(
            "pay: {table!r} is not a pay table karriere knows (expected one of: {known}, "
            "or a table of your own in data/pay/{table}/)",
            table=pay.table, known=", ".join(tables.names()),
        )  # fmt: skip
    table = tables.valid_on(pay.table, day)
    if table is None:
        return say(
            "pay: no table of {table} is valid on {day}; its tables: {periods} (expected a "
            "file data/pay/{table}/<valid from>.yaml that is valid on that day)",
            table=pay.table, day=day.isoformat(),
            periods=", ".join(_period(t) for t in tables.tables[pay.table]),
        )  # fmt: skip
    if table.group(pay.group) is None:
        return say(
            "pay: {group} is not a group of {table} (expected one of its groups: {groups})",
            group=pay.group, table=pay.table, groups=", ".join(table.groups),
        )  # fmt: skip
    return None


def _period(table: PayTable) -> str:
    end = f" – {table.valid_until.isoformat()}" if table.valid_until else ""
    return f"{table.valid_from.isoformat()}{end}"


# Free text that names a table and group karriere has: (table, pattern with the group)
KNOWN_TEXT = (
    ("tvoed-vka", re.compile(r"\b(?:EG|E|Entgeltgruppe)\s*(\d{1,2}[a-c]?Ü?)\s+TVöD[- ]?VKA\b")),
    ("tvoed-sue", re.compile(r"\b(S\s?\d{1,2}[ab]?)\s+TVöD[- ]?SuE\b")),
    ("tvaoed", re.compile(r"\bTVAöD\b.*\b(BBiG)\b")),
)


def structured_form(tables: PayTables, text: str, day: date) -> tuple[str, str] | None:
    """(table, group) that the free text `text` names, if that table has the group on
    `day`: "EG 9a TVöD-VKA" is ("tvoed-vka", "9a")."""
    for name, pattern in KNOWN_TEXT:
        found = pattern.search(text)
        table = tables.valid_on(name, day) if found else None
        group = table.group(found.group(1)) if table is not None else None
        if group is not None:
            return name, group
    return None


def pay_suggestions(tables: PayTables, items, day: date) -> list[Problem]:
    """`check`: a warning for each free-text `pay:` that a table could give in euros."""
    found = []
    for item in items:
        text = getattr(item.meta, "pay", None)
        named = structured_form(tables, text, day) if isinstance(text, str) else None
        if named is None:
            continue
        message = say(
            'warning: pay: {text!r} names a pay table karriere has; write pay: {{table: '
            '{table}, group: "{group}"}} and the page shows the amounts in euros',
            text=text, table=named[0], group=named[1],
        )  # fmt: skip
        found.append(Problem(item.entry.source, item.entry.field_lines.get("pay", 1), message))
    return found
