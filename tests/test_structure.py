"""The package's shape stays readable: modules and functions of a size a reader can hold,
and no module reaching into another's private names (which would tie the two together
where neither says so)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 80


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), str(path))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def test_the_package_is_found():
    assert len(MODULES) > 30
    assert {"text", "chronology", "site", "build"} <= {p.parent.name for p in MODULES}


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_modules_are_of_a_readable_size(path: Path):
    lines = len(path.read_text("utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(path)} has {lines} lines"


def long_functions(tree: ast.Module) -> list[str]:
    return [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]


def private_imports(tree: ast.Module) -> list[str]:
    return [
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_functions_are_of_a_readable_size(path: Path):
    long = long_functions(_tree(path))
    assert not long, f"{_name(path)}: {', '.join(long)}"


@pytest.mark.parametrize("path", MODULES, ids=_name)
def test_no_module_imports_private_names(path: Path):
    private = private_imports(_tree(path))
    assert not private, f"{_name(path)} imports {', '.join(private)}"


def test_the_checks_see_what_they_are_for():
    body = "\n".join(f"    x{n} = {n}" for n in range(MAX_FUNCTION_LINES))
    tree = ast.parse(f"from generator.a import _b, c, __version__\n\ndef f():\n{body}\n")
    assert long_functions(tree) == [f"f ({MAX_FUNCTION_LINES + 1} lines, line 3)"]
    assert private_imports(tree) == ["generator.a._b"]
    assert long_functions(ast.parse("def f():\n    return 1\n")) == []
