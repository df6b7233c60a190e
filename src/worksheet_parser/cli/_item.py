"""One input, in a worker process: read it (within the size limit), parse it and turn
it into its output (text, table rows or ``check`` findings), as an outcome that
never raises for a bad file.
"""

from __future__ import annotations

import collections
import json
import sys
from typing import Any

import attrs

from worksheet_parser._errors import DEFAULT_MAX_SIZE, InputTooLargeError, format_problems
from worksheet_parser._inputs import read_limited, record_name
from worksheet_parser._models import Document, Severity
from worksheet_parser._outputs import _lint
from worksheet_parser._outputs._export import to_dict
from worksheet_parser._outputs._tables import (
    csv_tables,
    packet_records,
    table_rows,
)
from worksheet_parser._scan._pages import is_scan
from worksheet_parser._text._decode import decode
from worksheet_parser.cli._common import Item


@attrs.frozen
class _Options:
    mode: str
    """``json``, ``jsonl``, ``csv``, ``parquet`` or ``check``."""
    strict: bool = False
    indent: int | None = 2
    least: Severity = Severity.WARNING
    encoding: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()


@attrs.frozen
class _Outcome:
    name: str
    error: str | None = None
    payload: Any = None
    worksheets: int = 0
    packets: int = 0
    codes: dict[str, int] = attrs.field(factory=dict)
    problems: bool = False


def _cli() -> Any:
    """The package, where :func:`parse_bytes` and :func:`_work` are looked up when used.

    Looking them up there (not binding them at import) keeps
    ``worksheet_parser.cli.parse_bytes`` and ``worksheet_parser.cli._work``
    the one place to replace them, as before the command was a package.
    """
    import worksheet_parser.cli

    return worksheet_parser.cli


def _load(item: Item) -> tuple[str, bytes]:
    if isinstance(item, tuple):
        return item
    return item, read_limited(item, DEFAULT_MAX_SIZE)


def _read_scan(path: str) -> tuple[Document, bytes]:
    """A scan's document, and the text rebuilt from its pages (as bytes, like a text input)."""
    from worksheet_parser._scan._read import parse_scan

    doc, scan = parse_scan(path)
    return doc, scan.text.encode("utf-8")


def _payload(options: _Options, name: str, doc: Document) -> Any:
    # A file name that is not UTF-8 stands in JSON with its bytes as ``\udcXX``
    # escapes (which read back as the same name); in CSV and Parquet as that text.
    if options.mode == "json":
        record = {"source": name, **to_dict(doc)}
        return _json_safe(json.dumps(record, indent=options.indent, ensure_ascii=False) + "\n")
    if options.mode == "jsonl":
        return _json_safe(
            "".join(
                json.dumps(record, ensure_ascii=False) + "\n"
                for record in packet_records(doc, name)
            )
        )
    name = record_name(name)
    if options.mode == "csv":
        return csv_tables(doc, name)
    return table_rows(doc, name)


def _check(options: _Options, name: str, doc: Document) -> _Outcome:
    diagnostics = list(doc.diagnostics)
    empty = _lint.no_block(doc)
    if empty is not None:
        diagnostics.insert(0, empty)
    codes = dict(collections.Counter(d.code for d in diagnostics))
    found = _lint.findings(
        name, diagnostics, least=options.least, select=options.select, ignore=options.ignore
    )
    if options.strict:
        strict = _lint.findings(
            name, diagnostics, least=Severity.WARNING, select=options.select, ignore=options.ignore
        )
        problems = _lint.fails(strict)
    else:
        problems = _lint.fails(found)
    return _Outcome(
        name,
        payload=found,
        worksheets=len(doc.worksheets),
        packets=len(doc.packets),
        codes=codes,
        problems=problems,
    )


def _read_stdin() -> bytes:
    """Standard input, up to the size limit and one byte more (never an endless stream)."""
    return sys.stdin.buffer.read(DEFAULT_MAX_SIZE + 1)


def _too_large(size: int) -> str:
    if size == DEFAULT_MAX_SIZE + 1:  # a stream, read up to the limit and one byte
        return f"more than the limit of {DEFAULT_MAX_SIZE:,} bytes; not read further"
    return f"{size:,} bytes, more than the limit of {DEFAULT_MAX_SIZE:,}"


def _json_safe(text: str) -> str:
    """JSON text with any lone surrogate (from a file name) written as a ``\\u`` escape."""
    return record_name(text)


def _fault(item: Item, reason: str) -> _Outcome:
    """The outcome of an input stopped by ``--timeout`` or whose worker process died."""
    return _Outcome(item[0] if isinstance(item, tuple) else item, error=reason)


def _work(options: _Options, item: Item) -> _Outcome:
    """Read, parse and format one input; never raises for a bad file."""
    name = item[0] if isinstance(item, tuple) else item
    scan = isinstance(item, str) and is_scan(item)
    try:
        name, raw = (name, b"") if scan else _load(item)
    except OSError as exc:
        return _Outcome(name, error=exc.strerror or str(exc))
    except InputTooLargeError as exc:
        return _Outcome(name, error=_too_large(exc.size))
    if len(raw) > DEFAULT_MAX_SIZE:  # standard input, read to the limit and one byte
        return _Outcome(name, error=_too_large(len(raw)))
    try:
        if scan:
            doc, raw = _read_scan(name)
        else:
            doc = _cli().parse_bytes(raw, encoding=options.encoding)
        if options.mode == "check":
            return _check(options, name, doc)
        codes = dict(collections.Counter(d.code for d in doc.diagnostics))
        bad = [d for d in doc.diagnostics if d.severity is not Severity.INFO]
        outcome = _Outcome(
            name, worksheets=len(doc.worksheets), packets=len(doc.packets), codes=codes
        )
        if options.strict and bad:
            message = format_problems(bad, decode(raw, options.encoding).text)
            return attrs.evolve(outcome, error=message, problems=True)
        return attrs.evolve(outcome, payload=_payload(options, name, doc))
    except Exception as exc:
        return _Outcome(name, error=f"the parser failed on this input ({exc!r}); skipped")
