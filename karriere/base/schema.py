"""Validate parsed YAML against a pydantic model and turn errors into editor messages."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from karriere.base.errors import Problem
from karriere.base.messages import Message, say
from karriere.base.yamlfile import YamlDocument

M = TypeVar("M", bound=BaseModel)

# What each kind of mistake should have been, in the editor's words.
_EXPECTED = {
    "date_from_datetime_parsing": say("expected a date like 2026-06-05"),
    "date_parsing": say("expected a date like 2026-06-05"),
    "date_type": say("expected a date like 2026-06-05"),
    "datetime_parsing": say("expected a date and time like 2026-06-05T10:00:00+02:00"),
    "datetime_from_date_parsing": say("expected a date and time like 2026-06-05T10:00:00+02:00"),
    "int_parsing": say("expected a whole number"),
    "int_type": say("expected a whole number"),
    "float_parsing": say("expected a number"),
    "float_type": say("expected a number"),
    "list_type": say("expected a list, e.g. [a, b] or lines starting with '- '"),
    "string_type": say("expected text"),
    "bool_parsing": say("expected true or false"),
    "bool_type": say("expected true or false"),
    "model_type": say("expected a group of fields (key: value lines)"),
    "dict_type": say("expected a group of fields (key: value lines)"),
    "int_from_float": say("expected a whole number"),
    "string_too_short": say("expected some text"),
    "too_short": say("expected at least one entry"),
    "finite_number": say("expected a number such as 3200"),
}


def _expected(kind: str) -> str:
    return _EXPECTED.get(kind, say("expected a value"))


# Invisible characters no field may hold: C0 controls except tab and line feed, DEL, and
# the non-characters U+FFFE/U+FFFF. XML 1.0 forbids most of them, so one would break the
# feed and the sitemap. YAML lets them in only as escapes such as "\a" or "\x00".
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")
# Dates beyond these years are typing mistakes, and near year 9999 the arithmetic of
# deadlines, time zones and calendar files overflows.
FIRST_YEAR, LAST_YEAR = 1900, 2100

# An example value per type, for "required field is missing" messages.
_EXAMPLES = {
    "date": "2026-06-05",
    "datetime": "2026-06-05T10:00:00+02:00",
    "int": "1",
    "float": "1500",
    "bool": "true",
    "str": "…",
    "list": "[…]",
    "dict": "{…}",
}


class Strict(BaseModel):
    """Base for every schema: unknown keys are errors, values are not coerced silently."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False
    )

    @field_validator("*")
    @classmethod
    def _plain_value(cls, value):
        """Every field of every schema (content and site.yaml): see value_problem."""
        problem = value_problem(value)
        if problem:
            raise ValueError(problem)
        return value


def value_problem(value: Any) -> Message | None:
    """What no field may hold, in any text or date (nested models check themselves)."""
    if isinstance(value, str):
        return None if value.isprintable() else control_problem(value)
    if isinstance(value, dt.date):
        return date_problem(value)
    if isinstance(value, list | tuple):
        return next(filter(None, map(value_problem, value)), None)
    if isinstance(value, dict):
        return value_problem(list(value)) or value_problem(list(value.values()))
    return None


def control_problem(text: str) -> Message | None:
    found = CONTROL.search(text)
    if found is None:
        return None
    shown = text if len(text) <= 60 else text[:57] + "..."
    return say(
        "{text!r} contains the invisible character U+{code:04X} "
        "(expected plain text: delete the character, or retype the text around it)",
        text=shown, code=ord(found.group()),
    )  # fmt: skip


def date_problem(day: dt.date) -> Message | None:
    if FIRST_YEAR <= day.year < LAST_YEAR:
        return None
    values = dict(day=day.isoformat(), first=FIRST_YEAR, last=LAST_YEAR - 1)
    if day.year >= LAST_YEAR:
        return say(
            "{day} is too far in the future (expected a date from {first} to {last}, "
            "e.g. 2026-06-05)",
            **values,
        )
    return say(
        "{day} is too far in the past (expected a date from {first} to {last}, e.g. 2026-06-05)",
        **values,
    )


_FIELDS_SETS: dict[frozenset, set] = {}


def share_fields_sets(model: BaseModel) -> None:
    """Let the model and the models in it share pydantic's set of the fields given with
    every other model given the same fields: one set per instance is ~1 KB, 15 MB at
    10,000 vacancies. Safe because Strict models are frozen, so no set ever changes."""
    given = model.__pydantic_fields_set__
    shared = _FIELDS_SETS.setdefault(frozenset(given), given)
    if shared is not given:
        object.__setattr__(model, "__pydantic_fields_set__", shared)
    for value in model.__dict__.values():
        if isinstance(value, BaseModel):
            share_fields_sets(value)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for each in value:
                share_fields_sets(each)


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


def _clean(loc: tuple) -> tuple:
    """Drop pydantic's union and validator markers such as 'function-before[...]'."""
    return tuple(p for p in loc if not (isinstance(p, str) and "[" in p))


def _example(model: type[BaseModel], loc: tuple) -> str:
    owner = _model_at(model, loc)
    field = owner.model_fields.get(str(loc[-1])) if owner else None
    annotation = field.annotation if field else None
    if _first_model(annotation) is not None:
        return "{…}"
    names = [getattr(a, "__name__", "") for a in (getattr(annotation, "__args__", ()) or ())]
    names.insert(0, getattr(annotation, "__name__", ""))
    kind = next((n for n in names if n in _EXAMPLES), "str")
    return _EXAMPLES[kind]


def unknown_field_hint(model: type[BaseModel], loc: tuple) -> str | None:
    """The known field an unknown key was probably meant to be."""
    owner = _model_at(model, loc)
    hint = difflib.get_close_matches(str(loc[-1]), field_names(owner) if owner else [], n=1)
    return hint[0] if hint else None


def _message(model: type[BaseModel], err: dict) -> str:
    loc = _clean(err["loc"])
    name = ".".join(str(p) for p in loc) or say("(front matter)")
    kind = err["type"]
    if kind == "missing":
        return say(
            "{name}: required field is missing (expected e.g. {field}: {example})",
            name=name, field=str(loc[-1]), example=_example(model, loc),
        )  # fmt: skip
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        known = ", ".join(sorted(field_names(owner) if owner else []))
        hint = unknown_field_hint(model, loc)
        if hint:
            return say(
                "{name}: unknown field; did you mean '{hint}'? (expected one of: {known})",
                name=name, hint=hint, known=known,
            )  # fmt: skip
        return say("{name}: unknown field (expected one of: {known})", name=name, known=known)
    text = _validator_text(err)
    if not loc and kind == "value_error":  # a check of the whole model says which field
        return text
    value = err.get("input")
    if value is None:
        return say("{name}: is empty ({expected})", name=name, expected=_expected(kind))
    shown = f" {value!r}" if isinstance(value, str | int | float) else ""
    if kind.startswith("date") and isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return say(
                "{name}: {value!r} is not a day in the calendar "
                "(expected a real date like 2026-06-05)",
                name=name, value=value,
            )  # fmt: skip
    if kind == "literal_error":
        choices = err.get("ctx", {}).get("expected", "")
        return say(
            "{name}: invalid value{shown} (expected one of: {choices})",
            name=name, shown=shown, choices=choices.replace(" or ", ", "),
        )  # fmt: skip
    if kind == "finite_number":
        return say(
            "{name}: {value!r} is not a finite number (expected a number such as 3200)",
            name=name, value=value,
        )  # fmt: skip
    if kind == "string_too_long" and isinstance(value, str):
        return say(
            "{name}: is {length} characters long (expected at most {limit}; "
            "put the details into the text)",
            name=name, length=len(value), limit=err.get("ctx", {}).get("max_length"),
        )  # fmt: skip
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return say(
            '{name}: {value!r} is a number (expected text; write it in quotes, e.g. "{value}")',
            name=name, value=value,
        )  # fmt: skip
    if kind in _EXPECTED:
        return say("{name}: invalid value{shown} ({expected})", name=name, shown=shown,
                   expected=_expected(kind))  # fmt: skip
    return say("{name}: {text}", name=name, text=text)


def _validator_text(err: dict) -> str:
    """What a validator said: its Message (translatable) when it raised one."""
    error = err.get("ctx", {}).get("error")
    if isinstance(error, ValueError) and error.args and isinstance(error.args[0], Message):
        return error.args[0]
    text = err["msg"]
    return text[len("Value error, ") :] if text.startswith("Value error, ") else text


def validate(
    model: type[M], doc: YamlDocument, path: str, line_offset: int = 0
) -> tuple[M | None, list[Problem]]:
    """Validate `doc.data`; on failure return one Problem per error, with its line."""
    data = doc.data
    if not isinstance(data, dict):
        line = line_offset + 1
        return None, [
            Problem(
                path, line, say("not a list of fields (expected 'key: value' lines, e.g. title: …)")
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors()
        # 'titel' with a did-you-mean 'title' already says what 'title missing' would say.
        meant = {
            _clean(e["loc"])[:-1] + (unknown_field_hint(model, _clean(e["loc"])),)
            for e in errors
            if e["type"] == "extra_forbidden"
        }
        problems = []
        for err in errors:
            loc = _clean(err["loc"])
            if err["type"] == "missing" and loc in meant:
                continue
            line = doc.line_of(loc[:-1] if err["type"] == "missing" else loc) + line_offset
            problems.append(Problem(path, line, _message(model, err)))
        return None, problems
