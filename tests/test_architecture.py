"""The house rules, read from the code: which package may import which, and no circles.

Every import counts, also the ones inside functions (a lazy import is still a dependency).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "jobtui"

FORBIDDEN = {
    "jobtui.postings": ("jobtui.search", "jobtui.shortlist", "jobtui.tui", "jobtui.cli"),
    "jobtui.search": ("jobtui.shortlist", "jobtui.tui", "jobtui.cli"),
    "jobtui.shortlist": ("jobtui.tui", "jobtui.cli"),
    "jobtui.storage": ("jobtui.postings", "jobtui.search", "jobtui.shortlist", "jobtui.tui"),
    "jobtui.tui": ("jobtui.cli",),
    "jobtui.fetch": ("jobtui.search", "jobtui.shortlist", "jobtui.tui", "jobtui.cli"),
}
"""What each part of the core (and the face) must never import."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module the file imports, wherever the import statement stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {
    name: {m for m in imports(path) if m in MODULES and m != name} for name, path in MODULES.items()
}


def inside(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.mark.parametrize("name", sorted(MODULES))
def test_each_module_keeps_to_its_layer(name):
    for package, forbidden in FORBIDDEN.items():
        if inside(name, package):
            bad = {m for m in GRAPH[name] if any(inside(m, f) for f in forbidden)}
            assert not bad, f"{name} imports {sorted(bad)}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_only_the_face_imports_textual(name):
    if inside(name, "jobtui.tui"):
        return
    textual = {m for m in imports(MODULES[name]) if inside(m, "textual")}
    assert not textual, f"{name} imports {sorted(textual)}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_only_fetch_touches_the_network(name):
    if inside(name, "jobtui.fetch"):
        if name == "jobtui.fetch.client":  # a guard: the rule sees the import it judges
            assert "httpx" in imports(MODULES[name])
        return
    network = {m for m in imports(MODULES[name]) if inside(m, "httpx")}
    assert not network, f"{name} imports {sorted(network)}"


def test_no_import_circles():
    # A package imports its own __init__ first: that edge is not a dependency between modules.
    def edges(name: str) -> set[str]:
        return {m for m in GRAPH[name] if not inside(name, m)}

    state: dict[str, int] = {}
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for m in sorted(edges(name)):
            if state.get(m) == 1:
                cycle = [*path[path.index(m) :], m]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if m not in state:
                visit(m)
        path.pop()
        state[name] = 2

    for name in sorted(MODULES):
        if name not in state:
            visit(name)


def test_the_rules_see_real_imports():
    # A guard for the test itself: it must find the imports it is meant to judge.
    assert "jobtui.search.engine" in GRAPH["jobtui.tui.screens.main"]
    assert "jobtui.postings.model" in GRAPH["jobtui.search.engine"]
    assert "jobtui.search.bulk" in GRAPH["jobtui.search.segments"]  # a lazy import


CORE = sorted(m for m in MODULES if not inside(m, "jobtui.tui") and m != "jobtui.__main__")


@pytest.mark.parametrize("module", [*CORE, "jobtui.tui.render"])
def test_core_modules_load_without_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
