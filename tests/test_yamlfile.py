"""Front matter reading: the quick constructor gives what PyYAML's own one gives."""

from __future__ import annotations

import math

import pytest

from karriere import yamlfile
from karriere.yamlfile import YamlProblem, load_yaml

DOCUMENTS = [
    'title: "Sachbearbeiter*in"\nposted: 2026-10-01\nsalary: {min: 3456.78, max: 4100}\n',
    "a: 1\nb: [1, 2.5, true, null, ~, 0x1F, 1_000, 0o17, no, On]\nc: {d: e}\n",
    "a: &x {b: 1}\nc: *x\n",  # an alias: the same value twice
    "<<: {a: 1}\nb: 2\n",  # a merge key: PyYAML's constructor
    "a: !!binary aGVsbG8=\n",  # an explicit tag: PyYAML's constructor
    "a: !!set {x, y}\n",
    "1: eins\n2.5: x\ntrue: y\n",  # keys that are not text (true equals 1)
    "a: 2026-01-01\nb: '12'\nc: 12:30\nd: .inf\ne: -.inf\n",
    "- a\n- b: c\n",
    "a:\n  - b\n  - c: [d, {e: f}]\n",
    "a: !!str 1\nb: !!int '7'\n",
    "a:\nb: ''\n",
    'a: " Teil 1 "\nb: "mit: Doppelpunkt"\n',  # quoted text keeps its spaces
]


def constructed_by_pyyaml(text: str):
    loader = yamlfile.StrictLoader(text)
    try:
        node = loader.get_single_node()
        return loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


@pytest.mark.parametrize("text", DOCUMENTS)
def test_the_same_values_as_pyyamls_constructor(text):
    assert repr(load_yaml(text).data) == repr(constructed_by_pyyaml(text))


def test_not_a_number_is_read_as_pyyaml_reads_it():
    assert math.isnan(load_yaml("a: .nan\n").data["a"])


@pytest.mark.parametrize("text, line", [("a: &r [*r]\n", 2), ("x: 1\nb:\n  c: &m {d: *m}\n", 4)])
def test_a_value_that_contains_itself_is_a_clear_problem(text, line):
    """PyYAML builds such a value; the duplicate-key check used to recurse without end."""
    with pytest.raises(YamlProblem) as exc:
        load_yaml(text, line_offset=1)
    assert exc.value.line == line
    assert "contains itself" in exc.value.message
