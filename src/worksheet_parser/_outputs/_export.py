"""Turning records into JSON-ready data and back, through cattrs.

Strategy: one :class:`cattrs.Converter` (in :mod:`worksheet_parser._convert`,
which the records use too) knows the few non-JSON types (dates as ISO
strings, enums as the code printed on the form); every key equals an
attribute name, so ``from_dict(to_dict(x)) == x`` for every record.
"""

from __future__ import annotations

from typing import Any, TypeVar, overload

from worksheet_parser._convert import converter, to_dict, to_json
from worksheet_parser._models import Document

__all__ = ["converter", "from_dict", "to_dict", "to_json"]

T = TypeVar("T")


@overload
def from_dict(data: Any) -> Document: ...


@overload
def from_dict(data: Any, cls: type[T]) -> T: ...


def from_dict(data: Any, cls: type[Any] = Document) -> Any:
    """Rebuild a record of type ``cls`` (a :class:`Document` by default) from :func:`to_dict`
    output."""
    return converter.structure(data, cls)
