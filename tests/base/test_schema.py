"""Front matter models as the build holds them (validation itself: test_malformed.py)."""

from __future__ import annotations

import pickle

import pydantic
import pytest
from helpers import ROOT

from karriere.config.settings import load_config
from karriere.content.front_matter import COLLECTIONS
from karriere.content.loading import compact, load_entry


def example_vacancies() -> list:
    config = load_config(ROOT)
    found = []
    for path in sorted((ROOT / "content/vacancies").glob("*.md")):
        entry, problems = load_entry(config, "vacancies", COLLECTIONS["vacancies"], path)
        assert entry is not None and problems == [], problems
        found.append(pickle.loads(pickle.dumps(entry)))  # as from a worker or the cache
    return found


def test_entries_with_the_same_fields_share_one_fields_set_and_stay_the_same():
    entries = example_vacancies()
    before = [(e.meta.model_dump(exclude_unset=True), e.field_lines) for e in entries]
    sets = {id(e.meta.__pydantic_fields_set__) for e in entries}
    for entry in entries:
        compact(entry)
    after = [(e.meta.model_dump(exclude_unset=True), e.field_lines) for e in entries]
    assert after == before
    shared = {id(e.meta.__pydantic_fields_set__) for e in entries}
    distinct = {frozenset(e.meta.__pydantic_fields_set__) for e in entries}
    assert len(shared) == len(distinct) < len(sets)
    with pytest.raises(pydantic.ValidationError):  # frozen: a shared set can never change
        entries[0].meta.title = "x"
    given = set(entries[0].meta.model_fields_set)
    copy = entries[0].meta.model_copy(update={"summary": "neu", "pay": "E 9"})
    assert copy.summary == "neu" and {"summary", "pay"} <= copy.model_fields_set
    assert [set(e.meta.model_fields_set) for e in entries[:1]] == [given]  # not shared
    assert after == [(e.meta.model_dump(exclude_unset=True), e.field_lines) for e in entries]
