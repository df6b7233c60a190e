"""Spans: where a value stands in the caller's original text (and, for a scan, on its page).

Strategy: the lowest layer of the records, imported by :mod:`worksheet_parser._models`
(which re-exports both classes) and by :mod:`worksheet_parser._convert` (which
writes them as JSON), so that neither of those two needs the other.
"""

from __future__ import annotations

import attrs

__all__ = ["PageSpan", "Span"]


@attrs.frozen
class Span:
    """A stretch of the caller's original text."""

    start: int
    """Offset of the first character, in the original string."""
    end: int
    """Offset just past the last character, in the original string."""
    line: int
    """1-based line number of ``start`` in the original string."""
    column: int
    """1-based column of ``start`` on its line."""

    @property
    def page(self) -> int | None:
        """1-based page of the scan the text was read from; always ``None`` here (see
        :class:`PageSpan`)."""
        return None

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        """The box on that page; always ``None`` here (see :class:`PageSpan`)."""
        return None

    def slice(self, text: str) -> str:
        """Return the part of ``text`` (the original input) this span covers."""
        return text[self.start : self.end]


@attrs.frozen
class PageSpan(Span):
    """A :class:`Span` of the text read from a scan, with where it stands on the page.

    The offsets point into the text rebuilt from the scan's pages (see
    docs/scans.md); ``page`` and ``bbox`` say where its words are printed.
    """

    page: int | None = None
    """1-based page number in the scan file."""
    bbox: tuple[float, float, float, float] | None = None
    """``(x0, y0, x1, y1)``: the union of the boxes of the words the span covers, in
    PDF points (1/72 inch) from the page's top-left corner."""
