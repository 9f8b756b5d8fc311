"""Occupation codes (KldB 2010, ISCO-08, ESCO, BERUFENET) and the vacancy facts that
are lists (the selection process): the field types front_matter.py uses for
occupations and vacancies (spec: "More vacancy, occupation and site fields")."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BeforeValidator, Field, WithJsonSchema

from karriere.base.messages import say
from karriere.base.schema import Strict
from karriere.config.models import Line

ESCO_PREFIX = "http://data.europa.eu/esco/occupation/"
ESCO_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
BERUFENET_URL = "https://web.arbeitsagentur.de/berufenet/beruf/"


def _digits(value, length: int):
    """The code as text. YAML reads `kldb: 73202` as a number, which is fine; a number
    that lost its leading zeros (`01104` is octal to YAML) is not, so it must be quoted."""
    if isinstance(value, bool):
        return value  # (the type check below says "expected text")
    if isinstance(value, int) and 10 ** (length - 1) <= value < 10**length:
        return str(value)
    if isinstance(value, str) and re.fullmatch(rf"\d{{{length}}}", value.strip()):
        return value.strip()
    return None


def _kldb(value):
    code = _digits(value, 5)
    if code is None:
        raise ValueError(
            say(
                "{value!r} is not a KldB 2010 code (expected its five digits, e.g. "
                "'73202'; in quotes when it begins with 0, e.g. '01104')",
                value=str(value),
            )
        )
    return code


def _isco(value):
    code = _digits(value, 4)
    if code is None:
        raise ValueError(
            say(
                "{value!r} is not an ISCO-08 code (expected its four digits, e.g. "
                "'3343'; in quotes when it begins with 0)",
                value=str(value),
            )
        )
    return code


def _esco(value):
    if isinstance(value, str):
        text = value.strip()
        if text.startswith(ESCO_PREFIX) and ESCO_ID.fullmatch(text[len(ESCO_PREFIX) :]):
            return text
    raise ValueError(
        say(
            "{value!r} is not an ESCO occupation (expected an address under {prefix} "
            "followed by its id, as shown on the ESCO page of the occupation)",
            value=str(value),
            prefix=ESCO_PREFIX,
        )
    )


def _berufenet(value):
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    if isinstance(value, str) and re.fullmatch(r"[1-9]\d{0,8}", value.strip()):
        return value.strip()
    raise ValueError(
        say(
            "{value!r} is not a BERUFENET id (expected the number at the end of the "
            "occupation's address {url}…, e.g. 7944)",
            value=str(value),
            url=BERUFENET_URL,
        )
    )


def _digits_schema(length: int) -> WithJsonSchema:
    """For editors' tools (schemas/): the digits as text, or the number YAML makes of them."""
    number = {"type": "integer", "minimum": 10 ** (length - 1), "maximum": 10**length - 1}
    return WithJsonSchema({"anyOf": [{"type": "string", "pattern": rf"^\d{{{length}}}$"}, number]})


Kldb = Annotated[str, BeforeValidator(_kldb), _digits_schema(5)]
Isco = Annotated[str, BeforeValidator(_isco), _digits_schema(4)]
Esco = Annotated[
    str,
    BeforeValidator(_esco),
    WithJsonSchema(
        {"type": "string", "pattern": "^" + re.escape(ESCO_PREFIX) + ESCO_ID.pattern + "$"}
    ),
]
Berufenet = Annotated[
    str,
    BeforeValidator(_berufenet),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^[1-9]\d{0,8}$"},
                {"type": "integer", "minimum": 1},
            ]
        }
    ),
]

KLDB_HELP = "KldB-2010-Schlüssel (fünf Ziffern), z. B. '73202'"
ISCO_HELP = "ISCO-08-Schlüssel (vier Ziffern), nur nötig, wenn die Umschlüsselung ihn nicht kennt"
ESCO_HELP = "ESCO-Beruf: Adresse unter http://data.europa.eu/esco/occupation/"
BERUFENET_HELP = "BERUFENET-Nummer des Berufs (aus der Adresse …/berufenet/beruf/<Nummer>)"


def _whole_number_of_posts(value):
    if isinstance(value, bool) or not isinstance(value, int):
        return value  # (the type check says "expected a whole number")
    if value < 1:
        raise ValueError(
            say(
                "{value} is below 1 (expected the number of posts to fill, a whole "
                "number of at least 1)",
                value=value,
            )
        )
    return value


Posts = Annotated[
    int, BeforeValidator(_whole_number_of_posts), WithJsonSchema({"type": "integer", "minimum": 1})
]


class SelectionStep(Strict):
    """Ein Schritt im Auswahlverfahren, z. B. Test oder Vorstellungsgespräch."""

    step: Line = Field(min_length=1, description="Was geschieht, z. B. 'Vorstellungsgespräch'")
    date: dt.date | None = Field(None, description="Wann, falls schon bekannt: 2026-07-01")
