"""Validate parsed YAML against a pydantic model and turn errors into editor messages."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import Problem
from .yamlfile import YamlDocument

M = TypeVar("M", bound=BaseModel)

# What each kind of mistake should have been, in the editor's words.
_EXPECTED = {
    "date_from_datetime_parsing": "expected a date like 2026-06-05",
    "date_parsing": "expected a date like 2026-06-05",
    "date_type": "expected a date like 2026-06-05",
    "datetime_parsing": "expected a date and time like 2026-06-05T10:00:00+02:00",
    "datetime_from_date_parsing": "expected a date and time like 2026-06-05T10:00:00+02:00",
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "list_type": "expected a list, e.g. [a, b] or lines starting with '- '",
    "string_type": "expected text",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "model_type": "expected a group of fields (key: value lines)",
    "dict_type": "expected a group of fields (key: value lines)",
}


class Strict(BaseModel):
    """Base for every schema: unknown keys are errors, values are not coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The nested model that owns the last part of `loc`, for did-you-mean hints."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return None
        annotation = fields[part].annotation
        current = _first_model(annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _first_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _first_model(arg)
        if found is not None:
            return found
    return None


def _message(model: type[BaseModel], err: dict) -> str:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
    name = ".".join(str(p) for p in loc) or "(front matter)"
    kind = err["type"]
    if kind == "missing":
        return f"{name}: required field is missing"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        known = field_names(owner) if owner else []
        hint = difflib.get_close_matches(str(loc[-1]), known, n=1)
        if hint:
            return f"{name}: unknown field (did you mean '{hint[0]}'?)"
        return f"{name}: unknown field (expected one of: {', '.join(sorted(known))})"
    text = err["msg"]
    if text.startswith("Value error, "):
        text = text[len("Value error, ") :]
    expected = _EXPECTED.get(kind)
    value = err.get("input")
    shown = f" {value!r}" if isinstance(value, str | int | float) and kind != "missing" else ""
    if expected:
        return f"{name}: invalid value{shown} ({expected})"
    return f"{name}: {text}"


def validate(
    model: type[M], doc: YamlDocument, path: str, line_offset: int = 0
) -> tuple[M | None, list[Problem]]:
    """Validate `doc.data`; on failure return one Problem per error, with its line."""
    data = doc.data
    if not isinstance(data, dict):
        line = line_offset + 1
        return None, [Problem(path, line, "expected fields as 'key: value' lines")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
            if err["type"] == "missing":
                loc = loc[:-1]
            line = doc.line_of(loc) + line_offset
            problems.append(Problem(path, line, _message(model, err)))
        return None, problems
