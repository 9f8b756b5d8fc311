"""The theme's user-facing words, one YAML file per language in karriere/locales/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LOCALES = Path(__file__).parent.parent / "locales"


class Strings(dict):
    """The words by name, also as attributes: templates write `t.apply_now`, and Jinja
    looks for an attribute first (on a plain dict it fails, at some cost, every time)."""

    def __init__(self, words: dict[str, str]):
        super().__init__(words)
        self.__dict__.update(words)


@cache
def load(language: str = "de") -> Strings:
    path = LOCALES / f"{language}.yaml"
    if not path.is_file():
        path = LOCALES / "de.yaml"
    return Strings(yaml.safe_load(path.read_text(encoding="utf-8")))
