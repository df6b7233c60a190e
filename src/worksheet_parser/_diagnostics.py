"""Diagnostic codes and the collector every stage reports into.

Strategy: codes are stable strings, listed once here with their default
severity and a one-line meaning (a test keeps the table in docs/model.md in
step with this one).  Stages never build :class:`Diagnostic` objects by hand; they call
:meth:`Collector.add` with normalised offsets, and the collector maps them
to spans in the caller's original text.
"""

from __future__ import annotations

from typing import Final

from worksheet_parser._models import Diagnostic, Severity, Span
from worksheet_parser._normalize import Normalized

__all__ = ["CODES", "Collector"]

CODES: Final[dict[str, tuple[Severity, str]]] = {
    "label-repaired": (Severity.INFO, "A printed label damaged by OCR was recognised."),
    "value-repaired": (
        Severity.INFO,
        "An OCR letter/digit swap or misspelling in a value was repaired.",
    ),
    "date-repaired": (Severity.INFO, "A date damaged by OCR was read after repair."),
    "layout-reordered": (
        Severity.INFO,
        "The fields were not in printed order; they were read in any order.",
    ),
    "date-unreadable": (Severity.WARNING, "A date could not be read; the field is left empty."),
    "date-implausible": (
        Severity.WARNING,
        "A date was read but lies outside what the form allows; it is left empty.",
    ),
    "value-unreadable": (Severity.WARNING, "A value could not be read; the field is left empty."),
    "code-unknown": (
        Severity.WARNING,
        "A code is not in the form's legend; the field is left empty.",
    ),
    "junk-dropped": (
        Severity.WARNING,
        "Text that looks like handwriting or OCR junk was kept out of the values.",
    ),
    "unplaced-text": (
        Severity.WARNING,
        "Text inside a block could not be placed in any field; it is kept as unread.",
    ),
    "table-rebuilt": (
        Severity.INFO,
        "A routing table read column by column was rebuilt into rows from its columns.",
    ),
    "cell-unplaced": (
        Severity.WARNING,
        "A routing cell read in a column could not be placed in a row with certainty;"
        " it is kept as unread.",
    ),
    "duplicate-field": (
        Severity.WARNING,
        "A field appeared twice; the first was kept, the second is unread.",
    ),
    "field-missing": (Severity.WARNING, "A field every worksheet has was not found."),
    "form-uncertain": (
        Severity.WARNING,
        "The form variant was chosen on conflicting evidence (warning) or on none (info).",
    ),
    "checkbox-unclear": (
        Severity.WARNING,
        "No check box, or more than one, is ticked where one is expected; the field is left empty.",
    ),
    "stamp-field-missing": (
        Severity.WARNING,
        "A review stamp lacks one of its printed fields, or the field is blank.",
    ),
    "signature-unsplit": (
        Severity.WARNING,
        "A signature line may hold several names but nothing shows where to split it.",
    ),
    "low-confidence": (
        Severity.WARNING,
        "A value read from a scan holds a word the OCR engine was unsure of: check it.",
    ),
    "decode-error": (
        Severity.WARNING,
        "Input bytes were not valid in the encoding; each run was replaced with U+FFFD.",
    ),
    "encoding-detected": (
        Severity.INFO,
        "The input was read in another encoding than the one asked for, "
        "as its byte-order mark or its zero bytes (UTF-16) showed.",
    ),
    "no-block": (
        Severity.WARNING,
        "No worksheet, stamp, letter or header was recognised in the input "
        "(reported by the check command).",
    ),
    "no-worksheet": (Severity.ERROR, "No worksheet was found where one was required."),
    "internal-error": (
        Severity.ERROR,
        "A block could not be read because of a fault in the parser; its text is kept.",
    ),
}
"""Every diagnostic code: default severity and meaning."""


class Collector:
    """Gathers diagnostics for one input, mapping offsets to original spans."""

    __slots__ = ("items", "norm")

    def __init__(self, norm: Normalized) -> None:
        self.norm = norm
        self.items: list[Diagnostic] = []

    def span(self, start: int, end: int) -> Span:
        """Span in the original text of normalised ``[start, end)``."""
        return self.norm.span(start, end)

    def add(
        self,
        code: str,
        message: str,
        start: int | None,
        end: int | None = None,
        *,
        field: str | None = None,
        original: str | None = None,
        repaired: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        """Record a diagnostic at normalised offsets ``[start, end)``."""
        span = None
        if start is not None:
            span = self.norm.span(start, start if end is None else end)
        self.items.append(
            Diagnostic(
                code=code,
                severity=severity or CODES[code][0],
                message=message,
                span=span,
                field=field,
                original=original,
                repaired=repaired,
            )
        )
