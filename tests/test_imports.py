"""No import cycle in armsledger, between modules or between its packages.

Every import counts, at the top of a module or inside a function (an import made late hides a
cycle, it does not remove it); only imports under `if TYPE_CHECKING:` are left out, as they never run.
"""
from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "armsledger"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Return the armsledger modules a module imports, and the packages whose __init__ they run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
               for sub in node.body for n in ast.walk(sub)}
    targets: list[str] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
            source = (".".join(base[:len(base) - node.level + 1] + [node.module or ""]).strip(".")
                      if node.level else node.module or "")
            named = [f"{source}.{alias.name}" for alias in node.names]
            targets += [t for t in named if t in modules] or [source]
    found = set()
    for target in targets:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        parts = target.split(".")
        # importing a.b.c runs a.b's __init__ first (the root package's runs for every import)
        found |= {".".join(parts[:i]) for i in range(2, len(parts) + 1)}
    return {t for t in found if t != name and not name.startswith(t + ".") and t.startswith("armsledger")}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return each cycle found by a depth-first walk (one per back edge)."""
    state: dict[str, int] = {}  # 1: on the walk's path, 2: done
    path: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                found.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def _graph(unit: Callable[[str], str]) -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        edges = {unit(t) for t in _imports_of(name, path, modules)} - {unit(name), "armsledger"}
        graph.setdefault(unit(name), set()).update(edges)
    return graph


def test_no_module_imports_itself_through_others() -> None:
    assert _cycles(_graph(lambda name: name)) == []


def test_no_package_imports_itself_through_others() -> None:
    assert _cycles(_graph(lambda name: ".".join(name.split(".")[:2]))) == []
