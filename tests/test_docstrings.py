"""The examples in the package's docstrings run and print what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import worksheet_parser

MODULES = sorted(
    name for _, name, _ in pkgutil.walk_packages(worksheet_parser.__path__, "worksheet_parser.")
)


@pytest.mark.parametrize("name", ["worksheet_parser", *MODULES])
def test_docstring_examples(name: str) -> None:
    """Every ``>>>`` example in the module's docstrings gives the output written under it."""
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
