"""The theme's user-facing words, one YAML file per language in karriere/locales/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LOCALES = Path(__file__).parent / "locales"


@cache
def load(language: str = "de") -> dict[str, str]:
    path = LOCALES / f"{language}.yaml"
    if not path.is_file():
        path = LOCALES / "de.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))
