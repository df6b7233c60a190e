"""The cattrs converter that turns records into JSON-ready data, and its two uses.

Strategy: one :class:`cattrs.Converter` knows the few non-JSON types (dates
as ISO strings, enums as the code printed on the form, spans with their page
and box when read from a scan); every key equals an attribute name.  It
depends on the spans alone, not on the records, so the records
(:meth:`Document.to_dict`) and :mod:`worksheet_parser._outputs._export` (which adds
:func:`from_dict`) both import it without importing each other.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

import cattrs

from worksheet_parser._spans import PageSpan, Span

__all__ = ["converter", "to_dict", "to_json"]

converter = cattrs.Converter(omit_if_default=False)
"""The converter used for every export; reuse it to (un)structure single records."""
converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())
converter.register_structure_hook(dt.date, lambda v, _: dt.date.fromisoformat(v))
# Codes are str enums.  ``str`` comes before ``Enum`` in their MRO, so without
# these hooks cattrs would pass them through as enum members: export the
# printed code itself, a plain str, and read it back as the enum.
converter.register_unstructure_hook(enum.StrEnum, lambda e: str(e.value))
converter.register_structure_hook(enum.StrEnum, lambda v, t: t(v))


def _span_dict(span: Span) -> dict[str, Any]:
    # Fields are typed Span; a scan's spans are PageSpans, exported with their page and box.
    data: dict[str, Any] = {
        "start": span.start,
        "end": span.end,
        "line": span.line,
        "column": span.column,
    }
    if isinstance(span, PageSpan):
        data["page"] = span.page
        data["bbox"] = None if span.bbox is None else list(span.bbox)
    return data


def _span_from(data: Any, _: Any) -> Span:
    if "page" in data or "bbox" in data:
        bbox = data.get("bbox")
        return PageSpan(
            data["start"],
            data["end"],
            data["line"],
            data["column"],
            data.get("page"),
            None if bbox is None else tuple(bbox),
        )
    return Span(data["start"], data["end"], data["line"], data["column"])


converter.register_unstructure_hook(Span, _span_dict)
converter.register_structure_hook(Span, _span_from)


def to_dict(record: Any) -> Any:
    """Return ``record`` (a :class:`Document` or any model) as JSON-ready data.

    >>> from worksheet_parser import parse
    >>> doc = parse("ID# 303373\\nDATE RECEIVED: JANUARY 30, 1992")
    >>> to_dict(doc)["worksheets"][0]["date_received"]
    '1992-01-30'
    """
    return converter.unstructure(record)


def to_json(record: Any, *, indent: int | None = 2) -> str:
    """Return ``record`` as a JSON string (UTF-8 text, keys in attribute order)."""
    return json.dumps(to_dict(record), indent=indent, ensure_ascii=False)
