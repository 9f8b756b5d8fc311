"""site.yaml `exports:`: files for other systems, written beside the site, not into it."""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from karriere.base.messages import say
from karriere.base.schema import Strict

# The BA's ids as published integrations show them: ten characters, a capital letter and
# nine digits or capitals (SupplierId "V000311000", partner id "P000132700").
BA_ID = re.compile(r"[A-Z][A-Z0-9]{9}")


class BaExport(Strict):
    """HR-BA-XML-Export für die Jobbörse der Bundesagentur für Arbeit."""

    supplier_id: str = Field(
        description="Supplier-ID aus der Zertifikats-E-Mail der BA, z. B. V000311000"
    )
    hiring_org_id: str = Field(
        description="Hiring-Organisation-ID aus der Kooperationsvereinbarung mit der BA"
    )

    @field_validator("supplier_id", "hiring_org_id")
    @classmethod
    def _ba_id(cls, value):
        if not BA_ID.fullmatch(value):
            raise ValueError(
                say(
                    "{value!r} is not an id the BA gives (expected ten characters: a "
                    "capital letter, then nine digits or capitals, as in the BA's letter)",
                    value=value,
                )
            )
        return value


class Exports(Strict):
    """Exporte für andere Systeme (nach exports/ neben site.yaml, nicht ins veröffentlichte Verzeichnis)."""

    ba: BaExport | None = Field(
        None,
        description="HR-BA-XML-Datei für die Jobbörse der Bundesagentur für Arbeit, "
        "bei jedem Build (nicht in der Vorschau)",
    )
