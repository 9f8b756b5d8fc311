"""Reading YAML the strict way: exact line numbers, no silent surprises.

Dates stay strings so that the schema (not YAML) decides what a valid date is and
`2026-02-30` becomes a clear message instead of a crash. Duplicate keys are errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves timestamps as text."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class YamlProblem(Exception):
    """A YAML syntax or structure error, with a 1-based line relative to the text."""

    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


@dataclass
class YamlDocument:
    data: Any
    node: yaml.Node | None

    def line_of(self, loc: tuple) -> int:
        """The 1-based line of the value at `loc` (a pydantic error location)."""
        node = self.node
        line = node.start_mark.line + 1 if node is not None else 1
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                match = next((v for k, v in node.value if k.value == part), None)
                if match is None:
                    return line
                key = next(k for k, v in node.value if v is match)
                line = key.start_mark.line + 1
                node = match
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return line
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def load_yaml(text: str, line_offset: int = 0) -> YamlDocument:
    """Parse one YAML document. Raises YamlProblem with a line number.

    `line_offset` is the number of file lines before the text (1 for front matter), so
    lines in messages are the lines the editor sees.
    """
    for number, line in enumerate(text.splitlines() if "\t" in text else (), 1):
        if line.lstrip(" ").startswith("\t"):
            raise YamlProblem(
                number + line_offset,
                "tab used for indentation (expected spaces, e.g. two per level)",
            )
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_duplicate_keys(node, line_offset)
        data = _plain(loader, node) if node is not None else None
        if data is _NOT_PLAIN:
            data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        line, message = explain(exc)
        raise YamlProblem(line + line_offset, message) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(
            1 + line_offset, f"invalid YAML: {exc} (expected 'key: value' lines)"
        ) from None
    finally:
        loader.dispose()
    return YamlDocument(data, node)


QUOTE_HINT = 'the value in quotes, e.g. title: "Teil 1: Teil 2"'

# PyYAML's (and libyaml's) wording -> the editor's. First match wins.
_EXPLAINED = [
    (
        "quoted scalar",
        "end of stream",
        True,
        "a quote opened here is never closed (expected a closing quote at the end of the value)",
    ),
    ("", "mapping values are not allowed", False, f"a ':' inside a value (expected {QUOTE_HINT})"),
    (
        "simple key",
        "could not find expected ':'",
        True,
        "line is not a 'key: value' pair (expected a ':' after the field name)",
    ),
    (
        "flow mapping",
        "",
        True,
        "a '{ … }' group is not closed (expected ',' between fields and '}' at the end)",
    ),
    (
        "flow sequence",
        "",
        True,
        "a '[ … ]' list is not closed (expected ',' between items and ']' at the end)",
    ),
    (
        "alias",
        "",
        False,
        f"a value cannot start with '*' (expected {QUOTE_HINT.replace('Teil 1: Teil 2', '*Neu*')})",
    ),
    (
        "next token",
        "cannot start any token",
        False,
        "a value cannot start with this character (expected the value in quotes)",
    ),
    (
        "block mapping",
        "expected key",
        False,
        "indentation or text after a quoted value does not fit (expected the fields of one "
        "group to start in the same column, and nothing after a closing quote)",
    ),
    (
        "block sequence",
        "",
        False,
        "a list item does not fit here (expected '- ' items in the same column)",
    ),
]


def explain(exc: yaml.MarkedYAMLError) -> tuple[int, str]:
    """A 1-based line (relative to the text) and a message an editor can act on."""
    context, problem = exc.context or "", exc.problem or ""
    for in_context, in_problem, at_start, message in _EXPLAINED:
        if in_context in context and in_problem in problem:
            mark = exc.context_mark if at_start and exc.context_mark else exc.problem_mark
            return (mark.line + 1 if mark else 1), message
    mark = exc.problem_mark or exc.context_mark
    detail = f"{context}, {problem}" if context else problem or "invalid YAML"
    return (mark.line + 1 if mark else 1), (
        f"invalid YAML: {detail} (expected 'key: value' lines; text with special characters in quotes)"
    )


_TAG = "tag:yaml.org,2002:"
_SCALARS = {_TAG + kind for kind in ("int", "float", "bool", "null")}
_NOT_PLAIN = object()


def _plain(loader, node: yaml.Node) -> Any:
    """What construct_document makes of a document of plain mappings, lists and scalars,
    without its general machinery (front matter is parsed 10,000 times in a big build).
    _NOT_PLAIN for anything else (merge keys, explicit tags, keys that are not text or a
    number): PyYAML's own constructor reads those. (_check_duplicate_keys has refused a
    value that contains itself.)"""
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        if tag == _TAG + "str":
            return node.value
        if tag in _SCALARS:
            return loader.yaml_constructors[tag](loader, node)
        return _NOT_PLAIN
    if tag == _TAG + "seq" and isinstance(node, yaml.SequenceNode):
        data = [_plain(loader, item) for item in node.value]
        return _NOT_PLAIN if _NOT_PLAIN in data else data
    if tag != _TAG + "map" or not isinstance(node, yaml.MappingNode):
        return _NOT_PLAIN
    mapping = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _TAG + "merge":
            return _NOT_PLAIN
        mapping[_plain(loader, key)] = _plain(loader, value)
    if _NOT_PLAIN in mapping or _NOT_PLAIN in mapping.values():
        return _NOT_PLAIN
    return mapping


def _check_duplicate_keys(node: yaml.Node, offset: int, path: frozenset = frozenset()) -> None:
    """Also refuses a value that contains itself (`a: &x [*x]`), which has no end."""
    if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        if id(node) in path:
            raise YamlProblem(
                node.start_mark.line + 1 + offset,
                "a value contains itself through an alias (expected the value written "
                "out, without '&name' and '*name')",
            )
        path = path | {id(node)}
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key, value in node.value:
            name = getattr(key, "value", None)
            if isinstance(name, str):
                line = key.start_mark.line + 1 + offset
                if name in seen:
                    raise YamlProblem(
                        line,
                        f"{name}: field appears twice (expected it once; the first is on "
                        f"line {seen[name]})",
                    )
                seen[name] = line
            _check_duplicate_keys(value, offset, path)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item, offset, path)
