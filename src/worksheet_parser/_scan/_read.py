"""Reading a scan (PDF or page images) through the text parser.

Strategy: the pages' words (:mod:`worksheet_parser._scan._pages`) are laid out as
text in the printed order (:mod:`worksheet_parser._scan._layout`), and that text
goes through :func:`worksheet_parser.parse` like any OCR text: one parser,
one recovery.  The rebuilt text is the document's "original text": every
span's offsets point into it (it is kept as :attr:`ScanResult.text`).  Then
every span of the result is given the page and the box of the words it
covers, and every value holding a word the engine was unsure of (confidence
under :data:`LOW_CONFIDENCE`) gets a ``low-confidence`` diagnostic.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import attrs

from worksheet_parser._diagnostics import DiagnosticCode, FieldPath, render_path
from worksheet_parser._models import Diagnostic, Document, PageSpan, RecordKind, Span
from worksheet_parser._packed import PackedRecords
from worksheet_parser._scan._layout import WordMap, layout_text
from worksheet_parser._scan._pages import Page, page_sources, read_pages

__all__ = ["LOW_CONFIDENCE", "ScanResult", "parse_scan", "place_spans", "read_scan"]

LOW_CONFIDENCE = 50.0
"""A word read with less confidence (0 to 100) than this makes its value ``low-confidence``."""


@attrs.frozen
class ScanResult:
    """A scan's pages, the text rebuilt from them, and where each word is."""

    pages: tuple[Page, ...]
    """The pages, each with its words and their boxes."""
    text: str
    """The text in printed order that the parser reads; spans point into it."""
    words: WordMap
    """Every word of ``text`` with its page, box and confidence."""


def read_scan(
    path: str | os.PathLike[str],
    *,
    jobs: int = 1,
    cache: Any = None,
    on_page: Callable[[Page], None] | None = None,
) -> ScanResult:
    """Read a PDF or image file into pages and the text rebuilt from them.

    ``cache`` is an :class:`~worksheet_parser._scan._ocr.OcrCache` (default: the
    user cache, see docs/scans.md); ``jobs`` pages are read at a time.
    """
    if cache is None:
        from worksheet_parser._scan._ocr import OcrCache

        cache = OcrCache.default()
    pages = read_pages(page_sources(path), jobs=jobs, cache=cache, on_page=on_page)
    text, words = layout_text(pages)
    return ScanResult(tuple(pages), text, words)


def _walk(obj: Any, fix: Callable[[Span], Span]) -> Any:
    if isinstance(obj, Span):
        return fix(obj)
    if isinstance(obj, tuple | PackedRecords):  # a long scan's records are packed
        return tuple(_walk(v, fix) for v in obj)
    if isinstance(obj, dict):
        return {k: _walk(v, fix) for k, v in obj.items()}
    if attrs.has(type(obj)):
        changes = {}
        for f in attrs.fields(type(obj)):
            if not f.init:
                continue
            value = getattr(obj, f.name)
            new = _walk(value, fix)
            if new is not value:
                changes[f.alias or f.name] = new
        return attrs.evolve(obj, **changes) if changes else obj
    return obj


def place_spans(doc: Document, words: WordMap) -> Document:
    """``doc`` with every span given its page and box, and low-confidence values flagged."""
    placed: dict[tuple[int, int], Span] = {}

    def fix(span: Span) -> Span:
        key = (span.start, span.end)
        if key not in placed:
            where = words.locate(span.start, span.end)
            page, bbox = (None, None) if where is None else where
            placed[key] = PageSpan(span.start, span.end, span.line, span.column, page, bbox)
        return placed[key]

    doc = _walk(doc, fix)
    flagged: list[Diagnostic] = []
    records: list[tuple[FieldPath, Any]] = []
    for name in RecordKind:
        for i, record in enumerate(getattr(doc, name)):
            records.append(((name, i), record))
            for j, entry in enumerate(getattr(record, "routing", ())):
                records.append(((name, i, "routing", j), entry))
    for path, record in records:
        for field, span in getattr(record, "field_spans", {}).items():
            unsure = [w for w in words.within(span.start, span.end) if w.conf < LOW_CONFIDENCE]
            if not unsure:
                continue
            listed = ", ".join(f"{w.text!r} ({w.conf:.0f})" for w in unsure[:5])
            flagged.append(
                Diagnostic(
                    code=DiagnosticCode.LOW_CONFIDENCE.value,
                    severity=DiagnosticCode.LOW_CONFIDENCE.severity,
                    message=f"the OCR engine was unsure of {listed} in this value; check it "
                    "on the page",
                    span=span,
                    field=render_path((*path, field)),
                    original=" ".join(w.text for w in unsure),
                )
            )
    if not flagged:
        return doc
    diagnostics = sorted(
        (*doc.diagnostics, *flagged),
        key=lambda d: (-1, 0) if d.span is None else (d.span.start, d.span.end),
    )
    return attrs.evolve(doc, diagnostics=tuple(diagnostics))


def parse_scan(
    path: str | os.PathLike[str],
    *,
    jobs: int = 1,
    cache: Any = None,
    on_page: Callable[[Page], None] | None = None,
) -> tuple[Document, ScanResult]:
    """Read a PDF or image file and parse the text rebuilt from its pages."""
    from worksheet_parser._api import parse

    scan = read_scan(path, jobs=jobs, cache=cache, on_page=on_page)
    doc = parse(scan.text, max_size=None)
    return place_spans(doc, scan.words), scan
