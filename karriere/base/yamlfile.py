"""Reading YAML the strict way: exact line numbers, no silent surprises.

Dates stay strings so that the schema (not YAML) decides what a valid date is and
`2026-02-30` becomes a clear message instead of a crash. Duplicate keys are errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer

from karriere.base.messages import Message, say

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves timestamps as text."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class YamlProblem(Exception):
    """A YAML syntax or structure error, with a 1-based line relative to the text."""

    def __init__(self, line: int, message: Message):
        self.line = line
        self.message = message
        super().__init__(f"{line}: {message}")


# Checked while the node tree is composed, before anything walks it written out: nested
# aliases (`b: &b [*a, *a, …]`) stand for exponentially many values, and libyaml's own
# composer recurses in C (and crashes) on deep nesting.
MAX_DEPTH = 30  # lists and groups inside each other
ALIAS_BUDGET = 1000  # nodes that all aliases of one document stand for together
ALIAS_HINT = say("expected the value written out, without '&name' and '*name'")
ALIASES_HINT = say("expected the values written out, without '&name' and '*name'")


class _Guarded(Composer):
    """PyYAML's Python composer, refusing deep nesting, aliases that repeat too much
    and values that contain themselves, each at the line where it is written."""

    def __init__(self) -> None:
        Composer.__init__(self)
        self.depth = 0  # collections open around the next node
        self.repeated = 0  # nodes the aliases so far stand for
        self.open_anchors: set[str] = set()
        self.measured: dict[int, tuple[int, int]] = {}  # id(node) -> (nodes, levels)

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            return self.compose_alias(event, line, parent, index)
        collection = isinstance(event, yaml.CollectionStartEvent)
        if collection and self.depth >= MAX_DEPTH:
            raise YamlProblem(line, _too_deep())
        self.depth += collection
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        node = super().compose_node(parent, index)
        self.open_anchors.discard(event.anchor)
        self.depth -= collection
        return node

    def compose_alias(self, event, line: int, parent, index):
        if event.anchor in self.open_anchors:
            raise YamlProblem(
                line, say("a value contains itself through an alias ({hint})", hint=ALIAS_HINT)
            )
        node = super().compose_node(parent, index)  # (an unknown name: ComposerError)
        nodes, levels = self.measure(node)
        self.repeated += nodes
        if self.repeated > ALIAS_BUDGET:
            raise YamlProblem(
                line,
                say(
                    "aliases ('*{anchor}' and the ones before it) repeat more than "
                    "{budget} values ({hint})",
                    anchor=event.anchor, budget=ALIAS_BUDGET, hint=ALIASES_HINT,
                ),
            )  # fmt: skip
        if self.depth + levels > MAX_DEPTH:
            raise YamlProblem(line, _too_deep())
        return node

    def measure(self, node: yaml.Node) -> tuple[int, int]:
        """How many nodes `node` stands for written out, and how many levels deep.
        Each node is visited once: this walks only what was written."""
        if isinstance(node, yaml.ScalarNode):
            return 1, 0
        known = self.measured.get(id(node))
        if known is None:
            children = node.value
            if isinstance(node, yaml.MappingNode):
                children = [child for pair in children for child in pair]
            sizes = [self.measure(child) for child in children]
            nodes = 1 + sum(n for n, _ in sizes)
            known = nodes, 1 + max((levels for _, levels in sizes), default=0)
            self.measured[id(node)] = known
        return known


def _too_deep() -> Message:
    return say(
        "values nested more than {depth} levels deep (expected at most {depth} "
        "levels of lists and groups inside each other)",
        depth=MAX_DEPTH,
    )


class GuardedLoader(_Guarded, StrictLoader):
    """StrictLoader with _Guarded's checks, for text that needs them (_needs_guard)."""

    def __init__(self, stream) -> None:
        StrictLoader.__init__(self, stream)
        _Guarded.__init__(self)


_ANCHOR = re.compile(r"&[^\s,\[\]{}]")
_INDICATORS = re.compile(r"^[ \t?:-]*", re.M)


def _needs_guard(text: str) -> bool:
    """False when `text` can hold neither an alias nor deep nesting, so libyaml's
    composer (faster than _Guarded) may read it. An alias needs an '&name'; each
    bracket opens one flow level; a block level starts at least one column further in
    than its parent (a list may share its key's column), and only indentation and
    '- ', '? ', ': ' come before it on its line."""
    if _ANCHOR.search(text):
        return True
    brackets = text.count("[") + text.count("{")
    if brackets > MAX_DEPTH:
        return True
    columns = max(map(len, _INDICATORS.findall(text)), default=0) + 1
    return 2 * columns + brackets > MAX_DEPTH


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
                say("tab used for indentation (expected spaces, e.g. two per level)"),
            )
    loader = (GuardedLoader if _needs_guard(text) else StrictLoader)(text)
    try:
        try:
            node = loader.get_single_node()
        except YamlProblem as exc:
            raise YamlProblem(exc.line + line_offset, exc.message) from None
        if node is not None:
            _check_fields(node, line_offset, text)
        data = _plain(loader, node) if node is not None else None
        if data is _NOT_PLAIN:
            data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        line, message = explain(exc)
        opened = _quote_left_open(text, exc)
        if opened is not None:
            line, message = opened, UNCLOSED_QUOTE
        raise YamlProblem(line + line_offset, message) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(
            1 + line_offset,
            say("invalid YAML: {detail} (expected 'key: value' lines)", detail=str(exc)),
        ) from None
    finally:
        loader.dispose()
    return YamlDocument(data, node)


def _quote_hint(example: str) -> Message:
    return say('the value in quotes, e.g. title: "{example}"', example=example)


QUOTE_HINT = _quote_hint("Teil 1: Teil 2")
STAR_HINT = _quote_hint("*Neu*")
UNCLOSED_QUOTE = say(
    "a quote opened here is never closed (expected a closing quote at the end of the value)"
)

STAR_VALUE = say("a value cannot start with '*' (expected {hint})", hint=STAR_HINT)

# PyYAML's (and libyaml's) wording -> the editor's. First match wins.
_EXPLAINED = [
    ("quoted scalar", "end of stream", True, UNCLOSED_QUOTE),
    (
        "",
        "mapping values are not allowed",
        False,
        say("a ':' inside a value (expected {hint})", hint=QUOTE_HINT),
    ),
    (
        "simple key",
        "could not find expected ':'",
        True,
        say("line is not a 'key: value' pair (expected a ':' after the field name)"),
    ),
    (
        "flow mapping",
        "",
        True,
        say("a '{{ … }}' group is not closed (expected ',' between fields and '}}' at the end)"),
    ),
    (
        "flow sequence",
        "",
        True,
        say("a '[ … ]' list is not closed (expected ',' between items and ']' at the end)"),
    ),
    ("", "found undefined alias", False, STAR_VALUE),
    ("alias", "", False, STAR_VALUE),
    (
        "next token",
        "cannot start any token",
        False,
        say("a value cannot start with this character (expected the value in quotes)"),
    ),
    (
        "block mapping",
        "expected key",
        False,
        say(
            "indentation or text after a quoted value does not fit (expected the fields of one "
            "group to start in the same column, and nothing after a closing quote)"
        ),
    ),
    (
        "block sequence",
        "",
        False,
        say("a list item does not fit here (expected '- ' items in the same column)"),
    ),
]


def explain(exc: yaml.MarkedYAMLError) -> tuple[int, Message]:
    """A 1-based line (relative to the text) and a message an editor can act on."""
    context, problem = exc.context or "", exc.problem or ""
    for in_context, in_problem, at_start, message in _EXPLAINED:
        if in_context in context and in_problem in problem:
            mark = exc.context_mark if at_start and exc.context_mark else exc.problem_mark
            return (mark.line + 1 if mark else 1), message
    mark = exc.problem_mark or exc.context_mark
    detail = f"{context}, {problem}" if context else problem or say("invalid YAML")
    return (mark.line + 1 if mark else 1), say(
        "invalid YAML: {detail} (expected 'key: value' lines; text with special characters in "
        "quotes)",
        detail=detail,
    )


_TAG = "tag:yaml.org,2002:"
_SCALARS = {_TAG + kind for kind in ("int", "float", "bool", "null")}
_NOT_PLAIN = object()


def _plain(loader, node: yaml.Node) -> Any:
    """What construct_document makes of a document of plain mappings, lists and scalars,
    without its general machinery (front matter is parsed 10,000 times in a big build).
    _NOT_PLAIN for anything else (merge keys, explicit tags, keys that are not text or a
    number): PyYAML's own constructor reads those. (The loader has refused a value that
    contains itself, deep nesting and aliases that repeat too much.)"""
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


def _check_fields(node: yaml.Node, offset: int, text: str) -> None:
    """Duplicate keys, and a quoted value that runs on over the next fields."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key, value in node.value:
            name = getattr(key, "value", None)
            if isinstance(name, str):
                line = key.start_mark.line + 1 + offset
                if name in seen:
                    raise YamlProblem(
                        line,
                        say(
                            "{name}: field appears twice (expected it once; the first is on "
                            "line {first})",
                            name=name, first=seen[name],
                        ),
                    )  # fmt: skip
                seen[name] = line
            if value.end_mark.line > value.start_mark.line and _runs_over_fields(
                text, value, key.start_mark.column
            ):
                raise YamlProblem(value.start_mark.line + 1 + offset, UNCLOSED_QUOTE)
            _check_fields(value, offset, text)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_fields(item, offset, text)


# A line that starts a field: `name:` then a space or the end of the line.
_FIELD_START = re.compile(r"[ ]*[A-Za-z_][\w-]*:(?:[ \t]|$)")


def _runs_over_fields(text: str, value, column: int) -> bool:
    """A quoted value (node or token) whose later lines start fields in the column of
    its own field, or left of it: its quote was meant to close on its first line."""
    first, last = value.start_mark.line, value.end_mark.line
    if last == first or getattr(value, "style", None) not in ('"', "'"):
        return False
    return any(
        _FIELD_START.match(line) and len(line) - len(line.lstrip(" ")) <= column
        for line in text.split("\n")[first + 1 : last + 1]
    )


def _quote_left_open(text: str, exc: yaml.MarkedYAMLError) -> int | None:
    """The 1-based line of a quote that ran on over later fields up to a syntax error.

    The error itself comes where the quote finally closes, at the next field's quote,
    which is no help to the editor. Only read when there is an error."""
    end = exc.problem_mark.line if exc.problem_mark else None
    lines = text.split("\n")
    scanner = StrictLoader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if end is not None and token.start_mark.line > end:
                return None
            if isinstance(token, yaml.ScalarToken):
                row = lines[token.start_mark.line]
                if _runs_over_fields(text, token, len(row) - len(row.lstrip(" "))):
                    return token.start_mark.line + 1
    except yaml.YAMLError:
        return None
    finally:
        scanner.dispose()
    return None
