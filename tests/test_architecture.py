"""The package's shape: imports point one way, with no circles between modules."""

from __future__ import annotations

from pathlib import Path

import grimp

import karriere


def strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """Tarjan's algorithm over the module import graph: groups of modules in a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(group)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return groups


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph("karriere")
    assert strongly_connected(graph) == []


def test_a_circle_is_found():
    """The check above can fail: two modules importing each other are one group."""
    graph = grimp.ImportGraph()
    for name in ("a", "a.b", "a.c"):
        graph.add_module(name)
    graph.add_import(importer="a.b", imported="a.c")
    graph.add_import(importer="a.c", imported="a.b")
    assert strongly_connected(graph) == [{"a.b", "a.c"}]


LONGEST_MODULE = 400  # lines: a module a reader can take in one sitting


def test_every_module_is_short_enough_to_read():
    package = Path(karriere.__file__).parent
    long = {
        path.relative_to(package).as_posix(): lines
        for path in package.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST_MODULE
    }
    assert long == {}
