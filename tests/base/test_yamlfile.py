"""Front matter reading: the quick constructor gives what PyYAML's own one gives."""

from __future__ import annotations

import math

import pytest

from karriere.base import yamlfile
from karriere.base.yamlfile import YamlProblem, load_yaml

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


def _bomb(levels: int, width: int = 9) -> str:
    lines = ["a: &a [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        prev, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_the_alias_that_exceeds_the_budget():
    """Nine levels would be 387 million values; the budget is spent on line 4 (+1)."""
    with pytest.raises(YamlProblem) as exc:
        load_yaml(_bomb(9), line_offset=1)
    assert exc.value.line == 5
    assert "'*c' and the ones before it) repeat more than 1000 values" in exc.value.message
    assert "(expected the values written out" in exc.value.message


def test_aliases_within_the_budget_still_work():
    text = "base: &base {city: Teststadt, country: DE}\n" + "".join(
        f"o{n}: {{<<: *base, name: x}}\n" for n in range(50)
    )
    data = load_yaml(text).data
    assert data["o49"] == {"city": "Teststadt", "country": "DE", "name": "x"}
    assert load_yaml(_bomb(3)).data["c"][0][0] == ["lol"] * 9  # 9 * 91 + 9 * 10 nodes


@pytest.mark.parametrize(
    "text, line",
    [
        ("title: " + "[" * 2000 + "]" * 2000 + "\n", 1),
        ("x: 1\ntitle: " + "{a: " * 2000 + "}" * 2000 + "\n", 2),
        ("a:\n" + "".join("  " * n + "b:\n" for n in range(1, 2000)), 31),
        ("- " * 3000 + "x\n", 1),
        ("a: &a " + "[" * 20 + "]" * 20 + "\nb: " + "[" * 20 + "*a" + "]" * 20 + "\n", 2),
    ],
)
def test_deep_nesting_is_a_clear_problem(text, line):
    with pytest.raises(YamlProblem) as exc:
        load_yaml(text)
    assert exc.value.line == line
    assert "nested more than 30 levels deep (expected at most 30 levels" in exc.value.message


def test_thirty_levels_are_allowed():
    data = load_yaml("a: " + "[" * 29 + "1" + "]" * 29 + "\n").data["a"]
    for _ in range(28):
        data = data[0]
    assert data == [1]


def _depth(node) -> int:
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return 0
    children = (
        [c for pair in node.value for c in pair]
        if isinstance(node, yaml.MappingNode)
        else node.value
    )
    return 1 + max(map(_depth, children), default=0)


def test_the_quick_composer_is_only_used_where_nesting_cannot_be_deep():
    """_needs_guard's bound holds for block and flow styles, sequences in their key's column
    included (PyYAML writes them so)."""
    import random

    import yaml

    rng = random.Random(26)

    def nested(depth):
        if depth == 0:
            return "x"
        inner = nested(depth - 1)
        return [inner] if rng.random() < 0.5 else {"k": inner, "z": 1}

    unguarded = 0
    for _ in range(400):
        data = nested(rng.randint(5, 40))
        for flow in (False, None):
            text = yaml.dump(data, default_flow_style=flow, width=10**6)
            if not yamlfile._needs_guard(text):
                unguarded += 1
                assert _depth(yaml.compose(text, Loader=yaml.CSafeLoader)) <= yamlfile.MAX_DEPTH
    assert unguarded > 50  # the bound is not so loose that it never holds


QUOTE_FIELDS = "category: fachkraft\nposted: 2026-10-01\n{title}\nlocation: Teststadt\npay: {pay}\n"


@pytest.mark.parametrize(
    "title, pay",
    [
        ('title: "Sachbearbeitung', '"EG 9a"'),  # closed by the next field's opening quote
        ("title: 'Sachbearbeitung", "'EG 9a'"),
        ('title: "Sachbearbeitung', 'EG 9a" und mehr'),  # closed later, text after it
        ('title: "Sachbearbeitung', 'EG 9a"'),  # closed at the end of a later line: no error
        ('location: {city: "Teststadt}', "x"),
        ('tags: ["a, b]', '"EG"'),
    ],
)
def test_an_unclosed_quote_is_reported_where_it_opens(title, pay):
    with pytest.raises(YamlProblem) as exc:
        load_yaml(QUOTE_FIELDS.format(title=title, pay=pay), line_offset=1)
    assert (exc.value.line, exc.value.message) == (4, yamlfile.UNCLOSED_QUOTE)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('summary: "Wir suchen\n  Sie: jetzt"\npay: x\n', "Wir suchen Sie: jetzt"),
        ('summary: "Wir suchen\nSie!"\npay: x\n', "Wir suchen Sie!"),
        ("a:\n  summary: 'Wir\n    b: c'\n", "Wir b: c"),  # indented: meant so
    ],
)
def test_a_quoted_value_over_several_lines_stays_allowed(text, expected):
    data = load_yaml(text).data
    assert data.get("a", data)["summary"] == expected


def test_text_after_a_value_closed_on_a_later_line_is_reported_there():
    with pytest.raises(YamlProblem) as exc:
        load_yaml('summary: "Wir suchen\n  Sie" jetzt\npay: x\n', line_offset=1)
    assert exc.value.line == 3
    assert "nothing after a closing quote" in exc.value.message


@pytest.mark.parametrize("text", ["title: *Neu Stelle\n", "title: *Neu\n"])
def test_a_value_starting_with_a_star_is_explained(text):
    with pytest.raises(YamlProblem) as exc:
        load_yaml(text)
    assert exc.value.message.startswith("a value cannot start with '*'")
