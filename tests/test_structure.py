"""The package stays in rooms a reader can take in: no module over 900 lines,
no class or function over 400.

The allow-list below names what is still over the limits today.  It is a
to-do list: it may only shrink.  A listed module or definition that falls
back under its limit fails the test until it is taken off the list, and
anything new over a limit fails it at once.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "worksheet_parser"

MODULE_LIMIT = 900
"""Lines in one module (``.py`` file), blank lines and comments included."""
DEFINITION_LIMIT = 400
"""Lines of one class or function, from its ``def``/``class`` line to its last line."""

# Modules still over MODULE_LIMIT (paths relative to src/worksheet_parser).
OVER_MODULES: set[str] = set()

# Classes and functions still over DEFINITION_LIMIT, as (module, qualified name).
OVER_DEFINITIONS: set[tuple[str, str]] = set()


def _modules() -> dict[str, str]:
    return {
        path.relative_to(PACKAGE).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _definitions(source: str) -> dict[str, int]:
    """Every class and function of a module, by qualified name, with its length in lines."""
    found: dict[str, int] = {}

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                assert child.end_lineno is not None
                found[name] = child.end_lineno - child.lineno + 1
                walk(child, f"{name}.")
            else:
                walk(child, prefix)

    walk(ast.parse(source), "")
    return found


def _module_lengths() -> dict[str, int]:
    return {name: len(source.splitlines()) for name, source in _modules().items()}


def _definition_lengths() -> dict[tuple[str, str], int]:
    return {
        (module, name): length
        for module, source in _modules().items()
        for name, length in _definitions(source).items()
    }


def test_the_package_is_found() -> None:
    """The walk sees the package's modules, nested packages included."""
    modules = _modules()
    assert "__init__.py" in modules
    assert "cli/__init__.py" in modules
    assert "noise/__init__.py" in modules
    assert "strategies/__init__.py" in modules


def test_definitions_are_measured_with_their_nesting() -> None:
    """Methods and nested functions are measured too, each under its qualified name."""
    source = "class A:\n    def f(self):\n        def g():\n            pass\n        return g\n"
    assert _definitions(source) == {"A": 5, "A.f": 4, "A.f.g": 2}


def test_no_module_over_the_limit() -> None:
    """No module outside the allow-list is longer than MODULE_LIMIT lines."""
    over = {
        name: length
        for name, length in _module_lengths().items()
        if length > MODULE_LIMIT and name not in OVER_MODULES
    }
    assert over == {}, f"split these modules (at most {MODULE_LIMIT} lines each)"


def test_no_definition_over_the_limit() -> None:
    """No class or function outside the allow-list is longer than DEFINITION_LIMIT lines."""
    over = {
        key: length
        for key, length in _definition_lengths().items()
        if length > DEFINITION_LIMIT and key not in OVER_DEFINITIONS
    }
    assert over == {}, f"split these (at most {DEFINITION_LIMIT} lines each)"


@pytest.mark.parametrize("module", sorted(OVER_MODULES))
def test_listed_module_is_still_over(module: str) -> None:
    """Each allow-listed module exists and is still over the limit: once it is
    not, take it off the list, so that it stays under."""
    lengths = _module_lengths()
    assert module in lengths, f"{module} is gone: take it off OVER_MODULES"
    assert lengths[module] > MODULE_LIMIT, f"{module} is now short enough: take it off the list"


@pytest.mark.parametrize("key", sorted(OVER_DEFINITIONS))
def test_listed_definition_is_still_over(key: tuple[str, str]) -> None:
    """Each allow-listed class or function exists and is still over the limit: once it
    is not, take it off the list, so that it stays under."""
    lengths = _definition_lengths()
    assert key in lengths, f"{key} is gone: take it off OVER_DEFINITIONS"
    assert lengths[key] > DEFINITION_LIMIT, f"{key} is now short enough: take it off the list"


def test_each_class_name_means_one_thing() -> None:
    """No two modules of the package define a class of the same name.

    A reader who meets ``Line`` or ``Word`` in one module should not have to
    find out which of two unrelated classes it is.
    """
    defined: dict[str, list[str]] = {}
    for module, source in _modules().items():
        for node in ast.parse(source).body:
            if isinstance(node, ast.ClassDef):
                defined.setdefault(node.name, []).append(module)
    twice = {name: modules for name, modules in defined.items() if len(modules) > 1}
    assert not twice, twice
