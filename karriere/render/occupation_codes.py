"""A vacancy's occupation codes for JobPosting `occupationalCategory`: its KldB 2010
code and the ISCO-08 code, each a schema.org CategoryCode that names its code set.

The codes come from the vacancy's own fields, else from its first occupation (the
first one listed that exists). ISCO-08 is the `isco` given, else the one the shipped
conversion key (base/occupation_key.py, a subset) gives for the KldB code, else none."""

from __future__ import annotations

from karriere.base.errors import Problem
from karriere.base.messages import say

ISCO_08 = {
    "@type": "CategoryCodeSet",
    "name": "ISCO-08",
    "url": "https://www.ilo.org/public/english/bureau/stat/isco/isco08/",
}
KLDB_2010 = {
    "@type": "CategoryCodeSet",
    "name": "KldB 2010",
    "url": "https://statistik.arbeitsagentur.de/DE/Navigation/Grundlagen/Klassifikationen/"
    "Klassifikation-der-Berufe/KldB2010-Fassung2020/KldB2010-Fassung2020-Nav.html",
}


def codes(site, vacancy) -> tuple[str | None, str | None]:
    """(KldB code, ISCO-08 code) of a vacancy; either may be None."""
    source = vacancy.meta
    if not (source.kldb or source.isco):
        source = _first_occupation(site, vacancy) or source
    kldb = getattr(source, "kldb", None)
    isco = getattr(source, "isco", None) or (site.isco_key.get(kldb) if kldb else None)
    return kldb, isco


def _first_occupation(site, vacancy):
    network = site.network
    for slug in vacancy.meta.occupations:
        occupation = network.occupation(slug) if network else None
        if occupation is not None:
            return occupation.meta
    return None


def occupational_category(site, vacancy) -> list[dict]:
    kldb, isco = codes(site, vacancy)
    found = []
    for code, code_set in ((kldb, KLDB_2010), (isco, ISCO_08)):
        if code:
            found.append({"@type": "CategoryCode", "codeValue": code, "inCodeSet": code_set})
    return found


def unconverted_kldb(site) -> list[Problem]:
    """`check`: a KldB code the shipped key does not hold, with no `isco` beside it, gives
    JobPosting no ISCO-08 code (nothing is made up)."""
    items = list(site.network.occupations if site.network else []) + list(site.vacancies)
    found = []
    for item in items:
        m, entry = item.meta, item.entry
        if m.kldb and not m.isco and m.kldb not in site.isco_key:
            message = say(
                "warning: kldb {code} is not in karriere's conversion key (a part of the "
                "BA's key), so search engines get no ISCO-08 code (expected isco: with the "
                "four digits the BA's key gives for {code})",
                code=m.kldb,
            )
            found.append(Problem(entry.source, entry.field_lines.get("kldb", 1), message))
    return found
