"""The public entry points: :func:`parse`, :func:`parse_worksheet`, :func:`parse_file`.

Strategy: normalise, segment, read each block with the reader for its kind
(worksheet, archive header, review stamp, release stamp, letter), group the
blocks into release packets, gather diagnostics, sort them by position, and
(in strict mode) raise them all at once.  ``parse`` is total
on ``str``: a block whose reader fails unexpectedly is kept whole among the
unrecognized lines with an ``internal-error`` diagnostic, so one bad page
never costs the rest of a collection.  Blocks come from the segmenter one
at a time and go once read; a worksheet longer than any printed one is read
up to :data:`MAX_WORKSHEET_LINES` lines.  The records of a long input are
packed as they are made (:mod:`._packed`), its diagnostics once the reading
has passed them, so the finished document holds no record object per block.
"""

from __future__ import annotations

import gc
import heapq
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from worksheet_parser import _packed
from worksheet_parser._blocks._headers import read_header
from worksheet_parser._blocks._letters import read_letter
from worksheet_parser._blocks._packets import PacketGrouper, PacketItem
from worksheet_parser._blocks._stamps import read_release_stamp, read_review_stamp
from worksheet_parser._diagnostics import (
    DiagnosticCode,
    DiagnosticLog,
    FieldPath,
    ReadContext,
    Source,
)
from worksheet_parser._errors import (
    DEFAULT_MAX_SIZE,
    InputTooLargeError,
    NoWorksheetError,
    WorksheetSyntaxError,
)
from worksheet_parser._models import (
    Diagnostic,
    Document,
    Packet,
    RecordKind,
    Severity,
    Span,
    TextLine,
    Worksheet,
)
from worksheet_parser._packed import RecordPacker
from worksheet_parser._text._decode import Decoded, decode
from worksheet_parser._text._normalize import Normalized, normalize
from worksheet_parser._text._segment import MAX_WORKSHEET_LINES, Block, BlockKind, iter_blocks
from worksheet_parser._worksheet._reader import read_worksheet

__all__ = ["parse", "parse_file", "parse_worksheet"]


class _Unrecognized:
    """The unrecognized text of one input, one :class:`TextLine` per run of consecutive lines.

    A run that follows the last one with only blank lines between them
    (another block left unrecognized) extends it, so a file of many short
    lines costs one record, not one per line.
    """

    __slots__ = ("end", "lines", "source", "start")

    def __init__(self, source: Source, lines: RecordPacker[TextLine]) -> None:
        self.source = source
        self.lines = lines
        self.start = self.end = -1  # normalised offsets of the last run

    def add(self, block: Block) -> None:
        """Keep the lines of ``block`` (read by no reader)."""
        text = self.source.text
        span = self.source.span
        lines = self.lines
        for start, end in block.runs():
            if self.end >= 0 and self.end <= start and not text[self.end : start].strip():
                start = self.start
                lines.replace_last(TextLine(text[start:end], span(start, end)))
            else:
                lines.add(TextLine(text[start:end], span(start, end)), end - start)
            self.start, self.end = start, end


class _Diagnostics:
    """The diagnostics of one input in order of position, packed as blocks are read.

    Unpacked, they are sorted once at the end.  Packed (a long input), the
    diagnostics made so far wait in a heap, by position and then in the
    order made, and are packed once the reading has passed them: a block
    starts no earlier than the one before it, and says nothing about text
    before its own start, so what lies before the start of the block about
    to be read is final.  Should a block break that rule, the diagnostics
    are sorted again at the end, so the order is the same either way.
    """

    __slots__ = ("_heap", "_in_order", "_last", "_made", "_out", "_report")

    def __init__(self, report: DiagnosticLog, pack: bool) -> None:
        self._report = report
        self._out: RecordPacker[Diagnostic] | None = RecordPacker(pack) if pack else None
        self._heap: list[tuple[int, int, int, Diagnostic]] = []
        self._made = 0  # diagnostics taken so far: ties keep the order they were made in
        self._in_order = True
        self._last = (-1, 0)  # the position of the last one packed
        self.drain()

    def drain(self) -> None:
        """Take the diagnostics made since the last call (when packing)."""
        report = self._report
        if self._out is None or not len(report):
            return
        heap = self._heap
        for d in report:
            start, end = _sort_key(d)
            heapq.heappush(heap, (start, end, self._made, d))
            self._made += 1
        report.rollback(0)

    def release(self, before: int) -> None:
        """Pack the diagnostics that lie before offset ``before`` of the caller's text."""
        out, heap = self._out, self._heap
        if out is None:
            return
        while heap and heap[0][0] < before:
            start, end, _, d = heapq.heappop(heap)
            if (start, end) < self._last:
                self._in_order = False
            self._last = (start, end)
            out.add(d, 1)

    def done(self) -> Sequence[Diagnostic]:
        """Every diagnostic, in order of position."""
        out = self._out
        if out is None:
            return tuple(sorted(self._report, key=_sort_key))
        self.drain()
        self.release(sys.maxsize)
        packed = out.done()
        if self._in_order:
            return packed
        again: RecordPacker[Diagnostic] = RecordPacker(True)  # rare: see above
        for d in sorted(packed, key=_sort_key):
            again.add(d, 1)
        return again.done()


def _sort_key(d: Diagnostic) -> tuple[int, int]:
    return (-1, 0) if d.span is None else (d.span.start, d.span.end)


_READERS: dict[BlockKind, tuple[RecordKind, Callable[..., Any]]] = {
    BlockKind.HEADER: (RecordKind.HEADERS, read_header),
    BlockKind.REVIEW_STAMP: (RecordKind.REVIEW_STAMPS, read_review_stamp),
    BlockKind.RELEASE_STAMP: (RecordKind.RELEASE_STAMPS, read_release_stamp),
    BlockKind.LETTER: (RecordKind.LETTERS, read_letter),
}


def _block_span(block: Block, source: Source) -> Span:
    """Span from the block's first to its last non-blank line."""
    bounds = block.filled_bounds()
    if bounds is None:
        return source.span(block.start, block.end)
    return source.span(*bounds)


def _too_long(rest: Block, report: DiagnosticLog, path: FieldPath | None) -> None:
    """Report the lines cut from a block longer than any printed one (kept as unrecognized)."""
    bounds = rest.filled_bounds()
    start, end = bounds if bounds is not None else (rest.start, rest.end)
    report.add(
        DiagnosticCode.BLOCK_TOO_LONG,
        f"the worksheet runs over {MAX_WORKSHEET_LINES} lines, more than any printed one;"
        " the lines past them are kept as unrecognized text",
        start,
        end,
        field=path,
    )


_GC_PAUSE_SIZE = 1 << 18
"""Inputs at least this long are read with the cyclic garbage collector paused."""


def _parse(text: str, source: Source, report: DiagnosticLog) -> Document:
    """Read the blocks of ``source`` (``text`` normalised) into a :class:`Document`.

    A long input makes hundreds of thousands of objects that all live until
    the document is returned; the cyclic collector would scan them again and
    again (the time per worksheet grows with the file), while reading makes
    almost no reference cycles.  So it is paused for long inputs, unless the
    caller has paused it already, and restarted at once afterwards.
    """
    pause = len(text) >= _GC_PAUSE_SIZE and gc.isenabled()
    if pause:
        gc.disable()
    try:
        return _read(source, report)
    finally:
        if pause:
            gc.enable()


# Enum members read on every parse, bound once (attribute access on an enum
# class runs a metaclass hook).
_RECORD_KINDS = tuple(RecordKind)
_WORKSHEETS, _REVIEW_STAMPS, _LETTERS, _HEADERS, _RELEASE_STAMPS = _RECORD_KINDS


def _read(norm: Source, report: DiagnosticLog) -> Document:
    pack = len(norm.text) >= _packed.PACK_SIZE  # read each time: tests lower it
    records: dict[RecordKind, RecordPacker[Any]] = {
        kind: RecordPacker(pack) for kind in _RECORD_KINDS
    }
    unrecognized = _Unrecognized(norm, RecordPacker(pack))
    diagnostics = _Diagnostics(report, pack)
    grouped: RecordPacker[Packet] = RecordPacker(pack)
    packets = PacketGrouper(lambda packet: grouped.add(packet, 1))
    for block in iter_blocks(norm.text):  # made as they come: each goes once read
        diagnostics.release(norm.to_original(block.start))
        if block.kind is BlockKind.OTHER:
            unrecognized.add(block)
            continue
        rest = None
        if block.kind is BlockKind.WORKSHEET and block.line_count() > MAX_WORKSHEET_LINES:
            block, rest = block.split(MAX_WORKSHEET_LINES)
        mark = report.checkpoint()
        try:
            if block.kind is BlockKind.WORKSHEET:
                name = _WORKSHEETS
                record: Any = read_worksheet(
                    block.iter_texts_and_starts(),
                    ReadContext(norm, report, (name, len(records[name]))),
                    span=norm.span(block.start, block.end),
                )
            else:
                name, reader = _READERS[block.kind]
                record = reader(
                    block,
                    ReadContext(norm, report, (name, len(records[name]))),
                    span=_block_span(block, norm),
                )
        except Exception as exc:
            report.rollback(mark)
            report.add(
                DiagnosticCode.INTERNAL_ERROR,
                f"this block could not be read ({exc!r}); its lines are kept as unrecognized",
                block.start,
                block.end,
            )
            unrecognized.add(block)
            if rest is not None:
                _too_long(rest, report, None)
                unrecognized.add(rest)
            diagnostics.drain()
            continue
        if rest is not None:
            _too_long(rest, report, (name, len(records[name])))
            unrecognized.add(rest)
        opens = name is _HEADERS and (
            record.document_number is not None or "date" in record.field_spans
        )
        packets.add(PacketItem(name, len(records[name]), opens, record.span))
        records[name].add(record, block.end - block.start)
        diagnostics.drain()
    packets.done()
    return Document(
        worksheets=records[_WORKSHEETS].done(),
        review_stamps=records[_REVIEW_STAMPS].done(),
        letters=records[_LETTERS].done(),
        headers=records[_HEADERS].done(),
        release_stamps=records[_RELEASE_STAMPS].done(),
        packets=grouped.done(),
        unrecognized=unrecognized.lines.done(),
        diagnostics=diagnostics.done(),
    )


def _check(doc: Document, text: str, strict: bool) -> Document:
    if strict:
        problems = [d for d in doc.diagnostics if d.severity is not Severity.INFO]
        if problems:
            raise WorksheetSyntaxError(problems, text)
    return doc


def _limit(size: int, max_size: int | None) -> None:
    if max_size is not None and size > max_size:
        raise InputTooLargeError(size, max_size)


def parse(text: str, *, strict: bool = False, max_size: int | None = DEFAULT_MAX_SIZE) -> Document:
    """Read every worksheet in ``text`` (OCR output of a worksheet or a whole packet).

    Never raises for a ``str`` unless ``strict`` is true; then any diagnostic
    of severity ``warning`` or worse raises one :class:`WorksheetSyntaxError`
    listing them all.  A text longer than ``max_size`` characters (64 Mi by
    default; ``None`` for no limit) raises :class:`InputTooLargeError` before
    any work is done.

    >>> doc = parse("ID# 303373\\nINCOMING\\nDATE RECEIVED: JANUARY 30, 1992")
    >>> doc.worksheets[0].id_number, doc.worksheets[0].date_received.isoformat()
    ('303373', '1992-01-30')
    """
    if not isinstance(text, str):
        raise TypeError(
            f"parse() takes a str, not {type(text).__name__}; see parse_file() and parse_bytes()"
        )
    _limit(len(text), max_size)
    source = normalize(text)
    return _check(_parse(text, source, DiagnosticLog(source)), text, strict)


def parse_worksheet(
    text: str, *, strict: bool = False, max_size: int | None = DEFAULT_MAX_SIZE
) -> Worksheet:
    """Return the first worksheet in ``text``.

    Raises :class:`NoWorksheetError` when there is none (and, with
    ``strict``, :class:`WorksheetSyntaxError` as :func:`parse` does).
    """
    doc = parse(text, strict=strict, max_size=max_size)
    if not doc.worksheets:
        problem = Diagnostic(
            code=DiagnosticCode.NO_WORKSHEET.value,
            severity=Severity.ERROR,
            message="no correspondence tracking worksheet in the input",
        )
        raise NoWorksheetError([problem], text)
    return doc.worksheets[0]


def parse_file(
    path: str | os.PathLike[str],
    *,
    strict: bool = False,
    max_size: int | None = DEFAULT_MAX_SIZE,
    encoding: str | None = None,
    jobs: int = 1,
) -> Document:
    """Read a file of OCR text, or a scan (PDF or page images), and parse it.

    The bytes are decoded as by :func:`parse_bytes` (UTF-8 unless
    ``encoding`` names another codec or a byte-order mark or the zero bytes
    of UTF-16 say otherwise; bytes that cannot be decoded become U+FFFD and
    are reported with ``decode-error`` diagnostics).  A file larger than
    ``max_size`` bytes raises :class:`InputTooLargeError` without being
    read; a file that cannot be opened raises :class:`OSError`.

    A name ending in ``.pdf``, ``.png``, ``.jpg``/``.jpeg`` or
    ``.tif``/``.tiff`` is read as a scan (docs/scans.md): each page's words
    come from the PDF's text layer or from OCR (``jobs`` pages at a time,
    cached), are laid out in the printed order, and parsed; every span then
    also gives its ``page`` and ``bbox``.  Without the ``[ocr]`` extra or the
    OCR engine, this raises :class:`OcrUnavailableError` saying what to
    install.
    """
    from worksheet_parser._scan._pages import is_scan

    if is_scan(path):
        from worksheet_parser._scan._read import parse_scan

        doc, scan = parse_scan(path, jobs=jobs)
        return _check(doc, scan.text, strict)
    if max_size is not None:
        _limit(os.stat(path).st_size, max_size)
    with open(path, "rb") as fh:
        raw = fh.read()
    return parse_bytes(raw, strict=strict, max_size=max_size, encoding=encoding)


def decode_diagnostics(decoded: Decoded, norm: Normalized) -> list[Diagnostic]:
    """Return the ``encoding-detected`` and ``decode-error`` diagnostics of a decoding."""
    out: list[Diagnostic] = []
    if decoded.detected is not None:
        out.append(
            Diagnostic(
                code=DiagnosticCode.ENCODING_DETECTED.value,
                severity=Severity.INFO,
                message=f"read as {decoded.encoding} (found by its {decoded.detected})",
                span=None,
            )
        )
    codec = decoded.encoding.upper().replace("_", "-")
    for i, bad in enumerate(decoded.bad):
        line, column = norm.position(bad.at)
        more = ""
        if i == len(decoded.bad) - 1 and decoded.bad_total > sum(b.chars for b in decoded.bad):
            rest = decoded.bad_total - sum(b.chars for b in decoded.bad)
            more = f"; {rest} later unreadable sequence(s) were replaced too, not listed"
        out.append(
            Diagnostic(
                code=DiagnosticCode.DECODE_ERROR.value,
                severity=Severity.WARNING,
                message=f"bytes {bad.start}..{bad.end} are not valid {codec}; "
                f"replaced with {'U+FFFD' if bad.chars == 1 else f'{bad.chars} U+FFFD'}{more}",
                span=Span(bad.at, bad.at + bad.chars, line, column),
            )
        )
    return out


def parse_bytes(
    raw: bytes,
    *,
    strict: bool = False,
    max_size: int | None = DEFAULT_MAX_SIZE,
    encoding: str | None = None,
) -> Document:
    """Parse OCR text given as bytes.

    ``encoding`` is any codec Python knows (default UTF-8).  A byte-order
    mark (UTF-8, UTF-16, UTF-32) is dropped and chooses the encoding, and
    text whose every other byte is zero is read as UTF-16 (both reported
    with an ``encoding-detected`` diagnostic).  Bytes that cannot be
    decoded never raise and never vanish: each run becomes U+FFFD and gets
    a ``decode-error`` diagnostic giving its byte offsets in ``raw``.
    An unknown ``encoding`` raises :class:`LookupError`.

    >>> doc = parse_bytes("ID# 303373\\nNAME OF CORRESPONDENT: JOS\\xc9".encode("latin-1"),
    ...                   encoding="latin-1")
    >>> doc.worksheets[0].correspondent.name
    'JOSÉ'
    """
    if not isinstance(raw, bytes | bytearray | memoryview):
        raise TypeError(f"parse_bytes() takes bytes, not {type(raw).__name__}; see parse()")
    raw = bytes(raw)
    _limit(len(raw), max_size)
    decoded = decode(raw, encoding)
    text = decoded.text
    source = normalize(text)
    report = DiagnosticLog(source)
    report.extend(decode_diagnostics(decoded, source))
    return _check(_parse(text, source, report), text, strict)
