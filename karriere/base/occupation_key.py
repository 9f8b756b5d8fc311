"""The conversion key from KldB 2010 to ISCO-08 that karriere ships
(karriere/data/kldb2010_isco08.csv): a subset of the Bundesagentur für Arbeit's
"Umsteigeschlüssel", with the source of each row in the file."""

from __future__ import annotations

import csv
from pathlib import Path

KEY_FILE = Path(__file__).resolve().parent.parent / "data" / "kldb2010_isco08.csv"


def load(path: Path = KEY_FILE) -> dict[str, str]:
    """KldB code -> its recommended ISCO-08 code (the row ranked 1)."""
    with path.open(encoding="utf-8", newline="") as file:
        lines = (line for line in file if not line.startswith("#"))
        return {row["kldb"]: row["isco"] for row in csv.DictReader(lines) if row["rank"] == "1"}
