"""SharedValues (content/sharing.py): equal front matter values held once, entries as
they were."""

from __future__ import annotations

import pickle

import pydantic
import pytest
from helpers import ROOT

from karriere.config.settings import load_config
from karriere.content.front_matter import COLLECTIONS
from karriere.content.loading import compact, load_entry
from karriere.content.sharing import SharedValues


def pickled_vacancies() -> list:
    """The example site's vacancies, twice each, as from a worker (pickled apart)."""
    config = load_config(ROOT)
    found = []
    for path in sorted((ROOT / "content/vacancies").glob("*.md")) * 2:
        entry, problems = load_entry(config, "vacancies", COLLECTIONS["vacancies"], path)
        assert entry is not None and problems == [], problems
        found.append(pickle.loads(pickle.dumps(entry)))
    return found


def dumped(entries: list) -> list:
    return [(e.meta, e.meta.model_dump(), e.source, e.field_lines, repr(e)) for e in entries]


def test_equal_values_become_one_object_and_entries_stay_equal():
    entries = pickled_vacancies()
    before = dumped(entries)
    first, again = entries[0], entries[len(entries) // 2]  # (the same file, parsed twice)
    assert first.meta.title is not again.meta.title
    shared = SharedValues()
    sources = [str(e.source) + "" for e in entries]  # equal strings, other objects
    for entry, source in zip(entries, sources, strict=True):
        assert shared.entry(compact(entry), source) is entry
    assert dumped(entries) == before
    assert first.meta.title is again.meta.title
    assert first.meta.posted is again.meta.posted
    assert first.meta.location is again.meta.location  # a frozen model: shared whole
    assert [e.source for e in entries] == sources
    assert all(e.source is s for e, s in zip(entries, sources, strict=True))
    assert first.meta is not again.meta  # entries and their front matter stay apart
    with pytest.raises(pydantic.ValidationError):  # what is shared can never change
        first.meta.location.city = "x"


def test_values_of_other_types_are_not_mixed_up():
    shared = SharedValues()
    assert shared.value(1) is 1  # noqa: F632 (small ints: the very object)
    assert type(shared.value(1.0)) is float and type(shared.value(True)) is bool
    listed = ["a"]
    assert shared.value(listed) is listed  # lists can change: never shared
    assert shared.value("Stadt" + "werke") is shared.value("Stadtwerke")


def test_sharing_survives_the_content_cache():
    entries = pickled_vacancies()
    shared = SharedValues()
    for entry in entries:
        shared.entry(entry)
    back = pickle.loads(pickle.dumps(entries))
    half = len(back) // 2
    assert back[0].meta.location is back[half].meta.location
    assert dumped(back) == dumped(entries)
