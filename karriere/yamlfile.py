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


def load_yaml(text: str) -> YamlDocument:
    """Parse one YAML document. Raises YamlProblem with a line number."""
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise YamlProblem(
                    number, "tab used for indentation (YAML expects spaces, e.g. two per level)"
                )
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_duplicate_keys(node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # where the unclosed thing started
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{exc.context}, {problem}"
        raise YamlProblem(line, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return YamlDocument(data, node)


def _check_duplicate_keys(node: yaml.Node) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key, value in node.value:
            name = getattr(key, "value", None)
            if isinstance(name, str):
                if name in seen:
                    raise YamlProblem(
                        key.start_mark.line + 1,
                        f"{name}: key appears twice (first on line {seen[name]}); keep one",
                    )
                seen[name] = key.start_mark.line + 1
            _check_duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item)
