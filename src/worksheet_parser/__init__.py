"""worksheet-parser: OCR'd White House correspondence tracking worksheets as typed data.

>>> from worksheet_parser import parse
>>> ws = parse("ID# 303373\\nINCOMING\\nDATE RECEIVED: JANUARY 30, 1992").worksheets[0]
>>> ws.id_number, ws.direction
('303373', <Direction.INCOMING: 'INCOMING'>)
"""

from worksheet_parser._api import parse, parse_bytes, parse_file, parse_worksheet
from worksheet_parser._caches import CacheUsage, cache_usage, clear_caches
from worksheet_parser._diagnostics import CODES as DIAGNOSTIC_CODES
from worksheet_parser._diagnostics import DiagnosticCode
from worksheet_parser._errors import (
    InputTooLargeError,
    NoWorksheetError,
    WorksheetParserError,
    WorksheetSyntaxError,
)
from worksheet_parser._examples import example_text
from worksheet_parser._models import (
    ActionCode,
    ArchiveHeader,
    Correspondent,
    Diagnostic,
    Direction,
    DispositionCode,
    Document,
    FormVariant,
    Letter,
    Packet,
    PageSpan,
    ReleaseKind,
    ReleaseStamp,
    ReviewStamp,
    RoutingEntry,
    Severity,
    Span,
    TextLine,
    Worksheet,
)
from worksheet_parser._outputs._export import from_dict, to_dict, to_json
from worksheet_parser._outputs._render import render
from worksheet_parser._packed import PackedRecords


def __getattr__(name: str) -> str:
    """``__version__``: the installed version, read from the package metadata on first use."""
    if name == "__version__":
        from worksheet_parser._version import version

        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DIAGNOSTIC_CODES",
    "ActionCode",
    "ArchiveHeader",
    "CacheUsage",
    "Correspondent",
    "Diagnostic",
    "DiagnosticCode",
    "Direction",
    "DispositionCode",
    "Document",
    "FormVariant",
    "InputTooLargeError",
    "Letter",
    "NoWorksheetError",
    "PackedRecords",
    "Packet",
    "PageSpan",
    "ReleaseKind",
    "ReleaseStamp",
    "ReviewStamp",
    "RoutingEntry",
    "Severity",
    "Span",
    "TextLine",
    "Worksheet",
    "WorksheetParserError",
    "WorksheetSyntaxError",
    "cache_usage",
    "clear_caches",
    "example_text",
    "from_dict",
    "parse",
    "parse_bytes",
    "parse_file",
    "parse_worksheet",
    "render",
    "to_dict",
    "to_json",
]
