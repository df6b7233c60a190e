"""Records for collections: one JSON record per packet, and two flat tables.

Strategy: every export of a collection (JSON Lines, CSV, Parquet, Dask, a
Spark job) is built from the same three pure functions of one parsed
document, so a record looks the same however many machines made it:

- :func:`packet_records` gives one JSON-ready record per release packet (a
  document with no packets gives one record for the whole document): the
  packet's own blocks, lines and diagnostics as a :class:`Document` exported
  through the cattrs converter, plus ``source`` and ``packet``;
- :func:`worksheet_rows` gives one flat row per worksheet, with the columns
  of :data:`WORKSHEET_COLUMNS`;
- :func:`routing_rows` gives one flat row per routing entry, with the
  columns of :data:`ROUTING_COLUMNS`, joined to the worksheet rows on
  ``source``, ``packet`` and ``worksheet`` (or ``id_number``).

Rows hold typed values (``str``, ``int``, :class:`datetime.date` or
``None``); :func:`csv_cells` turns a row into spreadsheet-safe text, and
:func:`write_csv_tables` and :class:`ParquetTables` stream rows into files.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Final, Literal

import attrs

from worksheet_parser._models import (
    Diagnostic,
    Document,
    Packet,
    Severity,
    Span,
    TextLine,
    Worksheet,
)
from worksheet_parser._outputs._export import to_dict

__all__ = [
    "DIAGNOSTIC_COLUMNS",
    "HEADER_COLUMNS",
    "LETTER_COLUMNS",
    "RELEASE_STAMP_COLUMNS",
    "REVIEW_STAMP_COLUMNS",
    "ROUTING_COLUMNS",
    "ROWS",
    "SUBJECT_CODE_COLUMNS",
    "TABLES",
    "WORKSHEET_COLUMNS",
    "ColumnType",
    "ParquetTables",
    "Row",
    "arrow_schema",
    "csv_cells",
    "csv_header",
    "csv_lines",
    "csv_tables",
    "diagnostic_rows",
    "header_rows",
    "letter_rows",
    "neutralize",
    "packet_documents",
    "packet_records",
    "release_stamp_rows",
    "review_stamp_rows",
    "routing_rows",
    "subject_code_rows",
    "table_paths",
    "table_rows",
    "worksheet_rows",
    "write_csv_tables",
]

ColumnType = Literal["str", "int", "date", "list"]
"""The type of a flat column: text, a whole number, a calendar date, or a list of texts.

A ``list`` column holds a list of strings in rows and Parquet
(``list<string>``); in CSV its items are joined by single spaces.
"""

WORKSHEET_COLUMNS: Final[tuple[tuple[str, ColumnType], ...]] = (
    ("source", "str"),
    ("packet", "int"),
    ("worksheet", "int"),
    ("id_number", "str"),
    ("form", "str"),
    ("direction", "str"),
    ("date_received", "date"),
    ("subject_codes", "list"),
    ("correspondent_title", "str"),
    ("correspondent_name", "str"),
    ("subject", "str"),
    ("comments", "str"),
    ("additional_correspondents", "str"),
    ("media", "str"),
    ("individual_codes", "list"),
    ("mail_user_codes", "list"),
    ("routing_entries", "int"),
    ("repairs", "int"),
    ("problems", "int"),
    ("unread", "str"),
    ("line", "int"),
)
"""Columns of the worksheets table, in order, with their types.

``packet`` and ``worksheet`` are 0-based indexes (``packet`` is empty when
the document has no packets); code lists are lists (joined by single spaces
in CSV);
``repairs`` and ``problems`` count the worksheet's ``info`` and
``warning``/``error`` diagnostics; ``unread`` holds the worksheet's unread
lines joined by newlines; ``line`` is the worksheet's first line in the source.
"""

ROUTING_COLUMNS: Final[tuple[tuple[str, ColumnType], ...]] = (
    ("source", "str"),
    ("packet", "int"),
    ("worksheet", "int"),
    ("id_number", "str"),
    ("row", "int"),
    ("office", "str"),
    ("action_code", "str"),
    ("action_date", "date"),
    ("response_type", "str"),
    ("disposition_code", "str"),
    ("disposition_date", "date"),
    ("referral_note", "str"),
    ("line", "int"),
)
"""Columns of the routing table, in order, with their types (``row`` is 0-based)."""

SUBJECT_CODE_COLUMNS: Final[tuple[tuple[str, ColumnType], ...]] = (
    ("source", "str"),
    ("packet", "int"),
    ("worksheet", "int"),
    ("id_number", "str"),
    ("position", "int"),
    ("code", "str"),
    ("prime", "str"),
)
"""Columns of the subject-codes table: one row per WHORM code of a worksheet.

``position`` is the code's 0-based place in the worksheet's list (0 is the
prime code); ``prime`` is the code's category, the part before the first
digit (``CO`` for ``CO034-01``).
"""

REVIEW_STAMP_COLUMNS: Final[tuple[tuple[str, ColumnType], ...]] = (
    ("source", "str"),
    ("packet", "int"),
    ("stamp", "int"),
    ("agency", "str"),
    ("office", "str"),
    ("reviewer", "str"),
    ("date", "date"),
    ("case_id", "str"),
    ("line", "int"),
)
"""Columns of the review-stamps table (``stamp`` is the 0-based index in the file)."""

RELEASE_STAMP_COLUMNS: Final[tuple[tuple[str, ColumnType], ...]] = (
    ("source", "str"),
    ("packet", "int"),
    ("stamp", "int"),
    ("kind", "str"),
    ("text", "str"),
    ("authority", "str"),
    ("date", "date"),
    ("case_number", "str"),
    ("document_number", "str"),
    ("line", "int"),
)
"""Columns of the release-stamps table (``stamp`` is the 0-based index in the file)."""

LETTER_COLUMNS: Final[tuple[tuple[str, ColumnType], ...]] = (
    ("source", "str"),
    ("packet", "int"),
    ("letter", "int"),
    ("letterhead", "list"),
    ("place", "str"),
    ("date", "date"),
    ("recipient", "str"),
    ("salutation", "str"),
    ("body", "str"),
    ("closing", "str"),
    ("signatories", "list"),
    ("line", "int"),
)
"""Columns of the letters table; ``body`` holds the paragraphs separated by blank lines."""

HEADER_COLUMNS: Final[tuple[tuple[str, ColumnType], ...]] = (
    ("source", "str"),
    ("packet", "int"),
    ("header", "int"),
    ("document_number", "str"),
    ("date", "date"),
    ("status", "str"),
    ("page_tags", "list"),
    ("line", "int"),
)
"""Columns of the archive-headers table (``header`` is the 0-based index in the file)."""

DIAGNOSTIC_COLUMNS: Final[tuple[tuple[str, ColumnType], ...]] = (
    ("source", "str"),
    ("packet", "int"),
    ("diagnostic", "int"),
    ("code", "str"),
    ("severity", "str"),
    ("message", "str"),
    ("field", "str"),
    ("original", "str"),
    ("repaired", "str"),
    ("line", "int"),
    ("column", "int"),
    ("start", "int"),
    ("end", "int"),
)
"""Columns of the diagnostics table, one row per diagnostic of the file.

``field`` is the diagnostic's path in the file's document (``worksheets[0].date_received``);
``start`` and ``end`` are character offsets in the source text.
"""

TABLES: Final[dict[str, tuple[tuple[str, ColumnType], ...]]] = {
    "worksheets": WORKSHEET_COLUMNS,
    "routing": ROUTING_COLUMNS,
    "subject_codes": SUBJECT_CODE_COLUMNS,
    "review_stamps": REVIEW_STAMP_COLUMNS,
    "release_stamps": RELEASE_STAMP_COLUMNS,
    "letters": LETTER_COLUMNS,
    "headers": HEADER_COLUMNS,
    "diagnostics": DIAGNOSTIC_COLUMNS,
}
"""Each flat table's name (as used in file names) and its columns.

Every table starts with ``source`` and ``packet``; the tables of a
worksheet's parts (``routing``, ``subject_codes``) add ``worksheet`` and
``id_number``, so they join to ``worksheets`` on ``source``, ``packet`` and
``worksheet``.
"""

_KINDS: Final = ("headers", "worksheets", "review_stamps", "release_stamps", "letters")
_FIELD_PATH = re.compile(r"^(headers|worksheets|review_stamps|release_stamps|letters)\[(\d+)\]")
_FORMULA_START: Final = frozenset("=+-@\t\r")

Row = dict[str, Any]
"""A flat row: column name to ``str``, ``int``, :class:`datetime.date` or ``None``."""


# --------------------------------------------------------------------------
# Packets


def _block_start(block: Any) -> int | None:
    span: Span | None = getattr(block, "span", None)
    return None if span is None else span.start


def _packet_start(doc: Document, packet: Packet) -> int | None:
    if packet.span is not None:
        return packet.span.start
    starts = [
        start
        for kind in _KINDS
        for i in getattr(packet, kind)
        if i < len(getattr(doc, kind))
        and (start := _block_start(getattr(doc, kind)[i])) is not None
    ]
    return min(starts) if starts else None


@attrs.define
class _Grouping:
    """Which packet each block, line and diagnostic of a document belongs to."""

    blocks: list[dict[str, list[int]]]
    lines: list[list[TextLine]]
    diagnostics: list[list[Diagnostic]]
    owner: dict[tuple[str, int], int]
    diagnostic_packets: list[int]
    """The packet of each diagnostic, in the document's order (by index: the records of a
    long input are built anew on each read, so they cannot be told apart by identity)."""


_LAST: list[tuple[Document, _Grouping]] = []
"""The last document grouped, and its grouping: the tables of one document share it."""


def _grouping(doc: Document) -> _Grouping:
    """:func:`_group` of ``doc``, computed once for the tables of the same document."""
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] is doc:
        return last[1]
    grouping = _group(doc)
    _LAST[:] = [(doc, grouping)]
    return grouping


def _group(doc: Document) -> _Grouping:
    """Assign everything in ``doc`` to one of its packets (``doc.packets`` is not empty).

    Blocks go to the packet that lists them; a block no packet lists, a line
    outside every block and a diagnostic go to the packet the text they
    stand in belongs to: the last packet starting at or before them (the
    first packet for anything earlier, or without a position).  A
    diagnostic whose field names a block goes with that block.
    """
    n = len(doc.packets)
    blocks: list[dict[str, list[int]]] = [{kind: [] for kind in _KINDS} for _ in range(n)]
    owner: dict[tuple[str, int], int] = {}
    for p, packet in enumerate(doc.packets):
        for kind in _KINDS:
            for i in getattr(packet, kind):
                if i < len(getattr(doc, kind)) and (kind, i) not in owner:
                    owner[kind, i] = p
                    blocks[p][kind].append(i)
    starts: list[tuple[int, int]] = sorted(
        (start, p)
        for p, packet in enumerate(doc.packets)
        if (start := _packet_start(doc, packet)) is not None
    )
    keys = [start for start, _ in starts]

    def at(offset: int | None) -> int:
        if offset is None or not starts:
            return 0
        i = bisect.bisect_right(keys, offset) - 1
        return starts[max(i, 0)][1]

    for kind in _KINDS:
        for i, block in enumerate(getattr(doc, kind)):
            if (kind, i) not in owner:
                owner[kind, i] = p = at(_block_start(block))
                blocks[p][kind].append(i)
    for group in blocks:
        for kind in _KINDS:
            group[kind].sort()
    lines: list[list[TextLine]] = [[] for _ in range(n)]
    for line in doc.unrecognized:
        lines[at(line.span.start)].append(line)
    diagnostics: list[list[Diagnostic]] = [[] for _ in range(n)]
    placed: list[int] = []
    for d in doc.diagnostics:
        m = _FIELD_PATH.match(d.field or "")
        if m and (m[1], int(m[2])) in owner:
            p = owner[m[1], int(m[2])]
        else:
            p = at(None if d.span is None else d.span.start)
        diagnostics[p].append(d)
        placed.append(p)
    return _Grouping(blocks, lines, diagnostics, owner, placed)


def _renumber(d: Diagnostic, new_index: Mapping[tuple[str, int], int]) -> Diagnostic:
    m = _FIELD_PATH.match(d.field or "")
    if not m or (m[1], int(m[2])) not in new_index:
        return d
    assert d.field is not None
    field = f"{m[1]}[{new_index[m[1], int(m[2])]}]{d.field[m.end() :]}"
    return attrs.evolve(d, field=field)


def packet_documents(doc: Document) -> list[tuple[int | None, Document]]:
    """Split ``doc`` into one :class:`Document` per packet, with the packet's index.

    Each part holds the packet's blocks (renumbered from 0, and its one
    :class:`Packet` pointing at them), the unrecognized lines and the
    diagnostics that stand in it; diagnostic field paths are renumbered to
    match.  Nothing is dropped: a block, line or diagnostic outside every
    packet goes with the packet before it.  A document without packets
    comes back whole, with index ``None``.
    """
    if not doc.packets:
        return [(None, doc)]
    grouping = _group(doc)
    parts: list[tuple[int | None, Document]] = []
    for p, packet in enumerate(doc.packets):
        chosen = grouping.blocks[p]
        new_index = {(kind, old): new for kind in _KINDS for new, old in enumerate(chosen[kind])}
        part = Document(
            worksheets=tuple(doc.worksheets[i] for i in chosen["worksheets"]),
            review_stamps=tuple(doc.review_stamps[i] for i in chosen["review_stamps"]),
            letters=tuple(doc.letters[i] for i in chosen["letters"]),
            headers=tuple(doc.headers[i] for i in chosen["headers"]),
            release_stamps=tuple(doc.release_stamps[i] for i in chosen["release_stamps"]),
            packets=(
                Packet(
                    **{kind: tuple(range(len(chosen[kind]))) for kind in _KINDS},
                    span=packet.span,
                ),
            ),
            unrecognized=tuple(grouping.lines[p]),
            diagnostics=tuple(_renumber(d, new_index) for d in grouping.diagnostics[p]),
        )
        parts.append((p, part))
    return parts


def packet_records(doc: Document, source: str | None) -> list[dict[str, Any]]:
    """Return one JSON-ready record per packet of ``doc`` (one for the document if none).

    A record is ``{"source": source, "packet": index, **to_dict(part)}`` where
    ``part`` is the packet's :class:`Document` (see :func:`packet_documents`),
    so ``from_dict(record, Document)`` gives that part back; ``packet`` is
    ``None`` for a document without packets.

    >>> from worksheet_parser import Document, example_text, from_dict, parse
    >>> doc = parse(example_text())
    >>> records = packet_records(doc, "kennedy.txt")
    >>> records[0]["source"], records[0]["worksheets"][0]["id_number"]
    ('kennedy.txt', '303373')
    >>> from_dict(records[0], Document).worksheets == doc.worksheets
    True
    """
    return [
        {"source": source, "packet": index, **to_dict(part)}
        for index, part in packet_documents(doc)
    ]


# --------------------------------------------------------------------------
# Flat rows


def _packet_of_worksheets(doc: Document) -> list[int | None]:
    return _packet_of(doc, "worksheets")


def _packet_of(doc: Document, kind: str) -> list[int | None]:
    blocks = getattr(doc, kind)
    if not doc.packets:
        return [None] * len(blocks)
    owner = _grouping(doc).owner
    return [owner.get((kind, i)) for i in range(len(blocks))]


def _counts(ws: Worksheet, index: int, diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    prefix = f"worksheets[{index}]"
    repairs = problems = 0
    for d in diagnostics:
        if d.field is not None and _FIELD_PATH.match(d.field):
            mine = d.field == prefix or d.field.startswith((prefix + ".", prefix + "["))
        else:
            mine = (
                ws.span is not None
                and d.span is not None
                and ws.span.start <= d.span.start < max(ws.span.end, ws.span.start + 1)
            )
        if mine:
            if d.severity is Severity.INFO:
                repairs += 1
            else:
                problems += 1
    return repairs, problems


def worksheet_rows(doc: Document, source: str | None) -> list[Row]:
    """Return one flat row per worksheet of ``doc``, keyed by :data:`WORKSHEET_COLUMNS`.

    >>> from worksheet_parser import example_text, parse
    >>> row = worksheet_rows(parse(example_text()), "kennedy.txt")[0]
    >>> row["id_number"], row["date_received"], row["correspondent_name"]
    ('303373', datetime.date(1992, 1, 30), 'EDWARD M. KENNEDY')
    """
    packets = _packet_of_worksheets(doc)
    rows: list[Row] = []
    for i, ws in enumerate(doc.worksheets):
        repairs, problems = _counts(ws, i, doc.diagnostics)
        corr = ws.correspondent
        rows.append(
            {
                "source": source,
                "packet": packets[i],
                "worksheet": i,
                "id_number": ws.id_number,
                "form": ws.form.value,
                "direction": None if ws.direction is None else ws.direction.value,
                "date_received": ws.date_received,
                "subject_codes": list(ws.subject_codes),
                "correspondent_title": None if corr is None else corr.title,
                "correspondent_name": None if corr is None else corr.name,
                "subject": ws.subject,
                "comments": ws.comments,
                "additional_correspondents": ws.additional_correspondents,
                "media": ws.media,
                "individual_codes": list(ws.individual_codes),
                "mail_user_codes": list(ws.mail_user_codes),
                "routing_entries": len(ws.routing),
                "repairs": repairs,
                "problems": problems,
                "unread": "\n".join(line.text for line in ws.unread) or None,
                "line": None if ws.span is None else ws.span.line,
            }
        )
    return rows


def routing_rows(doc: Document, source: str | None) -> list[Row]:
    """Return one flat row per routing entry of ``doc``, keyed by :data:`ROUTING_COLUMNS`.

    >>> from worksheet_parser import example_text, parse
    >>> row = routing_rows(parse(example_text()), "kennedy.txt")[0]
    >>> row["office"], row["action_code"], row["disposition_date"]
    ('FREDERICK MCCLURE', 'ORG', datetime.date(1992, 1, 30))
    """
    packets = _packet_of_worksheets(doc)
    rows: list[Row] = []
    for i, ws in enumerate(doc.worksheets):
        for r, entry in enumerate(ws.routing):
            rows.append(
                {
                    "source": source,
                    "packet": packets[i],
                    "worksheet": i,
                    "id_number": ws.id_number,
                    "row": r,
                    "office": entry.office,
                    "action_code": None if entry.action_code is None else entry.action_code.value,
                    "action_date": entry.action_date,
                    "response_type": entry.response_type,
                    "disposition_code": (
                        None if entry.disposition_code is None else entry.disposition_code.value
                    ),
                    "disposition_date": entry.disposition_date,
                    "referral_note": entry.referral_note,
                    "line": None if entry.span is None else entry.span.line,
                }
            )
    return rows


_PRIME = re.compile(r"^[A-Z]+")


def subject_code_rows(doc: Document, source: str | None) -> list[Row]:
    """Return one row per subject code of each worksheet, keyed by :data:`SUBJECT_CODE_COLUMNS`.

    >>> from worksheet_parser import parse
    >>> doc = parse("ID# 303373\\nSUBJECT CODES: CO034-01 FG006")
    >>> [(r["position"], r["code"], r["prime"]) for r in subject_code_rows(doc, "k.txt")]
    [(0, 'CO034-01', 'CO'), (1, 'FG006', 'FG')]
    """
    packets = _packet_of_worksheets(doc)
    rows: list[Row] = []
    for i, ws in enumerate(doc.worksheets):
        for position, code in enumerate(ws.subject_codes):
            prime = _PRIME.match(code)
            rows.append(
                {
                    "source": source,
                    "packet": packets[i],
                    "worksheet": i,
                    "id_number": ws.id_number,
                    "position": position,
                    "code": code,
                    "prime": None if prime is None else prime.group(),
                }
            )
    return rows


def _line(block: Any) -> int | None:
    span: Span | None = getattr(block, "span", None)
    return None if span is None else span.line


def review_stamp_rows(doc: Document, source: str | None) -> list[Row]:
    """Return one row per review stamp, keyed by :data:`REVIEW_STAMP_COLUMNS`."""
    packets = _packet_of(doc, "review_stamps")
    return [
        {
            "source": source,
            "packet": packets[i],
            "stamp": i,
            "agency": s.agency,
            "office": s.office,
            "reviewer": s.reviewer,
            "date": s.date,
            "case_id": s.case_id,
            "line": _line(s),
        }
        for i, s in enumerate(doc.review_stamps)
    ]


def release_stamp_rows(doc: Document, source: str | None) -> list[Row]:
    """Return one row per release stamp, keyed by :data:`RELEASE_STAMP_COLUMNS`."""
    packets = _packet_of(doc, "release_stamps")
    return [
        {
            "source": source,
            "packet": packets[i],
            "stamp": i,
            "kind": s.kind,
            "text": s.text or None,
            "authority": s.authority,
            "date": s.date,
            "case_number": s.case_number,
            "document_number": s.document_number,
            "line": _line(s),
        }
        for i, s in enumerate(doc.release_stamps)
    ]


def letter_rows(doc: Document, source: str | None) -> list[Row]:
    """Return one row per letter, keyed by :data:`LETTER_COLUMNS`."""
    packets = _packet_of(doc, "letters")
    return [
        {
            "source": source,
            "packet": packets[i],
            "letter": i,
            "letterhead": list(letter.letterhead),
            "place": letter.place,
            "date": letter.date,
            "recipient": letter.recipient,
            "salutation": letter.salutation,
            "body": "\n\n".join(letter.body) or None,
            "closing": letter.closing,
            "signatories": list(letter.signatories),
            "line": _line(letter),
        }
        for i, letter in enumerate(doc.letters)
    ]


def header_rows(doc: Document, source: str | None) -> list[Row]:
    """Return one row per archive header, keyed by :data:`HEADER_COLUMNS`."""
    packets = _packet_of(doc, "headers")
    return [
        {
            "source": source,
            "packet": packets[i],
            "header": i,
            "document_number": h.document_number,
            "date": h.date,
            "status": h.status,
            "page_tags": list(h.page_tags),
            "line": _line(h),
        }
        for i, h in enumerate(doc.headers)
    ]


def diagnostic_rows(doc: Document, source: str | None) -> list[Row]:
    """Return one row per diagnostic, keyed by :data:`DIAGNOSTIC_COLUMNS`.

    A diagnostic belongs to the packet of the block its ``field`` names, or
    else to the packet its text stands in (as in :func:`packet_records`).
    """
    packets = _grouping(doc).diagnostic_packets if doc.packets else None
    return [
        {
            "source": source,
            "packet": None if packets is None else packets[i],
            "diagnostic": i,
            "code": d.code,
            "severity": d.severity.value,
            "message": d.message,
            "field": d.field,
            "original": d.original,
            "repaired": d.repaired,
            "line": None if d.span is None else d.span.line,
            "column": None if d.span is None else d.span.column,
            "start": None if d.span is None else d.span.start,
            "end": None if d.span is None else d.span.end,
        }
        for i, d in enumerate(doc.diagnostics)
    ]


ROWS: Final = {
    "worksheets": worksheet_rows,
    "routing": routing_rows,
    "subject_codes": subject_code_rows,
    "review_stamps": review_stamp_rows,
    "release_stamps": release_stamp_rows,
    "letters": letter_rows,
    "headers": header_rows,
    "diagnostics": diagnostic_rows,
}
"""The row function of each table in :data:`TABLES`."""


def table_rows(doc: Document, source: str | None) -> dict[str, list[Row]]:
    """Return the rows of every table in :data:`TABLES` for one document."""
    return {name: make(doc, source) for name, make in ROWS.items()}


# --------------------------------------------------------------------------
# CSV and Parquet


def neutralize(cell: str) -> str:
    """Return ``cell`` safe to open in a spreadsheet: never read as a formula.

    A cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a leading apostrophe, which spreadsheets take as "text".

    >>> neutralize("- 1 2 2004"), neutralize("=HYPERLINK(1)"), neutralize("303373")
    ("'- 1 2 2004", "'=HYPERLINK(1)", '303373')
    """
    if cell and cell[0] in _FORMULA_START:
        return "'" + cell
    return cell


def csv_cells(row: Mapping[str, Any], columns: Sequence[tuple[str, ColumnType]]) -> list[str]:
    """Return ``row`` as CSV cells in column order: dates ISO, ``None`` empty, text neutralised."""
    cells: list[str] = []
    for name, _ in columns:
        value = row.get(name)
        if value is None:
            cells.append("")
        elif isinstance(value, dt.date):
            cells.append(value.isoformat())
        elif isinstance(value, str):
            cells.append(neutralize(value))
        elif isinstance(value, list | tuple):
            cells.append(neutralize(" ".join(value)))
        else:
            cells.append(str(value))
    return cells


def csv_header(columns: Sequence[tuple[str, ColumnType]]) -> str:
    """Return the header line of a CSV table with ``columns`` (``\\r\\n``-terminated)."""
    return csv_lines([[name for name, _ in columns]])


def csv_lines(rows: Iterable[Sequence[str]]) -> str:
    """Return rows of cells as CSV text (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows)
    return buffer.getvalue()


def csv_tables(doc: Document, source: str | None) -> dict[str, str]:
    """Return each table's CSV text (without header) for one document."""
    return {
        name: csv_lines(csv_cells(r, TABLES[name]) for r in rows)
        for name, rows in table_rows(doc, source).items()
    }


def table_paths(path: str | Path) -> dict[str, Path]:
    """Return the file of each flat table for an output path.

    >>> paths = table_paths("out/all.csv")
    >>> str(paths["worksheets"]), str(paths["routing"]), str(paths["diagnostics"])
    ('out/all.worksheets.csv', 'out/all.routing.csv', 'out/all.diagnostics.csv')
    """
    path = Path(path)
    suffix = path.suffix
    stem = path.name[: -len(suffix)] if suffix else path.name
    return {name: path.with_name(f"{stem}.{name}{suffix}") for name in TABLES}


def write_csv_tables(
    items: Iterable[tuple[Document, str | None]], files: Mapping[str, IO[str]]
) -> None:
    """Write the tables of ``(document, source)`` pairs to open files.

    ``files`` maps table names (of :data:`TABLES`) to text files opened with
    ``newline=""``; only the tables named are written.
    """
    for name in files:
        files[name].write(csv_header(TABLES[name]))
    for doc, source in items:
        for name in files:
            rows = ROWS[name](doc, source)
            files[name].write(csv_lines(csv_cells(r, TABLES[name]) for r in rows))


def arrow_schema(columns: Sequence[tuple[str, ColumnType]]) -> Any:
    """Return the :mod:`pyarrow` schema of a flat table (needs the ``parquet`` extra)."""
    import pyarrow as pa

    types = {
        "str": pa.string(),
        "int": pa.int64(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
    }
    return pa.schema([(name, types[kind]) for name, kind in columns])


class ParquetTables:
    """Streams flat rows into one Parquet file per table, a row group at a time.

    Needs pyarrow (``pip install worksheet-parser[parquet]``).  Use as a
    context manager; rows are buffered up to ``row_group_size`` per table.
    """

    def __init__(self, paths: Mapping[str, str | Path], *, row_group_size: int = 50_000) -> None:
        try:
            import pyarrow.parquet as pq
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError(
                "Parquet output needs pyarrow, an optional dependency: "
                "pip install worksheet-parser[parquet]"
            ) from exc
        self._pq = pq
        self._size = row_group_size
        self._schemas = {name: arrow_schema(cols) for name, cols in TABLES.items()}
        self._buffers: dict[str, list[Row]] = {name: [] for name in TABLES}
        self._writers = {
            name: pq.ParquetWriter(str(paths[name]), self._schemas[name]) for name in TABLES
        }

    def add(self, doc: Document, source: str | None) -> None:
        """Add the rows of one document to every table."""
        for table, rows in table_rows(doc, source).items():
            self.add_rows(table, rows)

    def add_rows(self, table: str, rows: Iterable[Row]) -> None:
        """Add rows to one table."""
        buffer = self._buffers[table]
        buffer.extend(rows)
        if len(buffer) >= self._size:
            self._flush(table)

    def _flush(self, table: str) -> None:
        import pyarrow as pa

        buffer = self._buffers[table]
        if buffer:
            batch = pa.Table.from_pylist(buffer, schema=self._schemas[table])
            self._writers[table].write_table(batch)
            buffer.clear()

    def close(self) -> None:
        """Write what is buffered and close the files."""
        for table in TABLES:
            self._flush(table)
            self._writers[table].close()

    def __enter__(self) -> ParquetTables:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
