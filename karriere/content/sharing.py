"""Equal values of many entries, held once.

Entries parsed in worker processes arrive pickled, each with its own copy of every value:
ten thousand vacancies of one employer hold its department, town, pay group and
category ten thousand times, and each their own equal address. `SharedValues` makes
equal values one object across the entries it is shown. Only what never changes is
shared: strings, numbers, dates, and the frozen models of the front matter (Strict).
Pickling keeps the sharing, so the content cache holds them once too.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel

from karriere.content.loading import Entry

# Values shared by equality; the type is part of the key (1 == 1.0 == True).
IMMUTABLE = frozenset({str, int, float, dt.date, dt.datetime, dt.time})


class SharedValues:
    """One table of values for a batch of entries (e.g. one cold build's parse)."""

    def __init__(self) -> None:
        self._known: dict[tuple, object] = {}

    def value(self, value: object) -> object:
        """The first value seen equal to `value` (of its type), or `value` itself."""
        kind = type(value)
        if kind in IMMUTABLE:
            return self._known.setdefault((kind, value), value)
        if isinstance(value, BaseModel) and value.model_config.get("frozen"):
            return self.model(value)
        return value

    def model(self, model: BaseModel) -> BaseModel:
        """An equal model seen before, or `model` with its values shared."""
        self.values_of(model)
        if model.__pydantic_extra__:
            return model
        key = (type(model), tuple(model.__dict__.items()), frozenset(model.__pydantic_fields_set__))
        try:
            return self._known.setdefault(key, model)
        except TypeError:  # a list in it: not hashable, kept as it is
            return model

    def values_of(self, model: BaseModel) -> None:
        """Each value of `model` replaced by an equal one seen before (in place: the
        model is frozen, so nothing tells the two apart), models in lists too."""
        values = model.__dict__
        for name, value in values.items():
            if type(value) is list:
                for each in value:
                    if isinstance(each, BaseModel):
                        self.values_of(each)
                continue
            shared = self.value(value)
            if shared is not value:
                values[name] = shared

    def entry(self, entry: Entry, source: str | None = None) -> Entry:
        """The same entry, its front matter's values shared (the entry itself stays the
        object it was: the engine compares entries by identity). `source`: a string equal
        to entry.source that the caller keeps anyway (a cache key), held once."""
        self.values_of(entry.meta)
        if source is not None and source == entry.source and source is not entry.source:
            object.__setattr__(entry, "source", source)  # (Entry is frozen)
        return entry
