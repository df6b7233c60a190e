"""No regular expression in the package can backtrack catastrophically.

Every compiled pattern the package keeps at module level (directly, or inside
a dict, list or tuple) is parsed with the standard library's own regex
parser and checked for the shape that makes backtracking exponential or
quadratic: an unbounded repeat inside another unbounded repeat.  The grammar
files declare their terminals (the lexer is hand-written), so they contain no
regular expressions to check.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from re import _constants as sre_constants
from re import _parser as sre_parse
from typing import Any

import pytest

import worksheet_parser

REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
if hasattr(sre_constants, "POSSESSIVE_REPEAT"):
    REPEATS.add(sre_constants.POSSESSIVE_REPEAT)
UNBOUNDED = sre_constants.MAXREPEAT


def _patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    names = [n for _, n, _ in pkgutil.walk_packages(worksheet_parser.__path__, "worksheet_parser.")]
    for name in sorted(names):
        if name.endswith(".dask"):
            continue  # optional extra; it compiles no patterns
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            yield from _collect(f"{name}.{attr}", value)


def _collect(where: str, value: Any) -> Iterator[tuple[str, re.Pattern[str]]]:
    if isinstance(value, re.Pattern):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _collect(f"{where}[{k!r}]", v)
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from _collect(f"{where}[{i}]", v)


def _nested_unbounded(items: Any, inside_unbounded: bool) -> bool:
    for op, arg in items:
        if op in REPEATS:
            _low, high, sub = arg
            unbounded = high == UNBOUNDED or high > 64
            if unbounded and inside_unbounded:
                return True
            if _nested_unbounded(sub, inside_unbounded or unbounded):
                return True
        elif op is sre_constants.SUBPATTERN:
            if _nested_unbounded(arg[-1], inside_unbounded):
                return True
        elif op is sre_constants.BRANCH:
            if any(_nested_unbounded(b, inside_unbounded) for b in arg[1]):
                return True
        elif op in {sre_constants.ASSERT, sre_constants.ASSERT_NOT} and _nested_unbounded(
            arg[1], inside_unbounded
        ):
            return True
    return False


PATTERNS = list(_patterns())


def test_patterns_were_found() -> None:
    """The scan sees the package's patterns (a scan that finds none proves nothing)."""
    assert len(PATTERNS) >= 10


@pytest.mark.parametrize(("where", "pattern"), PATTERNS, ids=[w for w, _ in PATTERNS])
def test_no_nested_unbounded_repeat(where: str, pattern: re.Pattern[str]) -> None:
    """The pattern has no unbounded repeat inside another unbounded repeat."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    assert not _nested_unbounded(list(tree), False), pattern.pattern


def test_grammars_have_no_regex_terminals() -> None:
    """Grammar files only declare their terminals: no regex there to backtrack."""
    root = Path(__file__).resolve().parents[1] / "grammars"
    for path in root.glob("*.lark"):
        text = "\n".join(
            line.split("//")[0] for line in path.read_text(encoding="utf-8").splitlines()
        )
        assert not re.search(r"^\s*[A-Z_]+\s*:", text, re.M), path.name
        assert "/" not in text.replace("//", ""), path.name


@pytest.mark.parametrize(
    ("source", "dangerous"),
    [(r"(a+)+b", True), (r"(?:\s*x)*", True), (r"(a|b)*c", False), (r"[ \t]+(?=\n)", False)],
)
def test_checker_tells_nested_repeats(source: str, dangerous: bool) -> None:
    """The checker itself flags the classic catastrophic shapes and passes simple ones."""
    assert _nested_unbounded(list(sre_parse.parse(source)), False) is dangerous
