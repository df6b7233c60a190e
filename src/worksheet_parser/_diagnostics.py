"""Diagnostic codes, the report every stage writes into, and the context a reader gets.

Strategy: codes are stable strings, listed once here (:class:`DiagnosticCode`)
with their default severity and a one-line meaning (a test keeps the table in
docs/model.md in step with this one).  The text being read (:data:`Source`,
the normalised text with its map back to the caller's string) is kept apart
from what is said about it (:class:`DiagnosticLog`); a block reader gets both, and
the field path of its block, in one :class:`ReadContext`.  Stages never build
:class:`Diagnostic` objects by hand; they call :meth:`DiagnosticLog.add` with
normalised offsets and a structured field path (a tuple such as
``("worksheets", 0, "routing", 1, "action_date")``), and the report maps the
offsets to spans in the original text and renders the path to its dotted
form (``worksheets[0].routing[1].action_date``) in one place,
:func:`render_path`.  A reader that fails is undone with
:meth:`DiagnosticLog.checkpoint` and :meth:`DiagnosticLog.rollback`; nothing outside this
module edits the list of diagnostics.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from typing import Any, Final, TypeAlias

import attrs

from worksheet_parser._models import Diagnostic, Severity, Span
from worksheet_parser._text._normalize import Normalized

__all__ = [
    "CODES",
    "DiagnosticCode",
    "DiagnosticLog",
    "FieldPath",
    "ReadContext",
    "Source",
    "render_path",
]


class DiagnosticCode(enum.StrEnum):
    """The code of a :class:`Diagnostic`: what kind of problem or repair it reports.

    Each member equals its code string (``DiagnosticCode.DATE_REPAIRED ==
    "date-repaired"``), so diagnostics can be filtered by member or by string;
    :attr:`severity` is the default severity and :attr:`meaning` (also the
    member's docstring) says what the code means.
    """

    severity: Severity
    """The default severity of a diagnostic with this code."""
    meaning: str
    """What a diagnostic with this code means (one sentence)."""

    def __new__(
        cls, value: str, severity: Severity = Severity.WARNING, meaning: str = ""
    ) -> DiagnosticCode:
        # Called once per member, with the three items of its definition;
        # ``DiagnosticCode("date-repaired")`` looks the member up instead.
        member = str.__new__(cls, value)
        member._value_ = value
        member.severity = severity
        member.meaning = meaning
        member.__doc__ = meaning
        return member

    LABEL_REPAIRED = (
        "label-repaired",
        Severity.INFO,
        "A printed label damaged by OCR was recognised.",
    )
    VALUE_REPAIRED = (
        "value-repaired",
        Severity.INFO,
        "An OCR letter/digit swap or misspelling in a value was repaired.",
    )
    DATE_REPAIRED = (
        "date-repaired",
        Severity.INFO,
        "A date damaged by OCR was read after repair.",
    )
    LAYOUT_REORDERED = (
        "layout-reordered",
        Severity.INFO,
        "The fields were not in printed order; they were read in any order.",
    )
    DATE_UNREADABLE = (
        "date-unreadable",
        Severity.WARNING,
        "A date could not be read; the field is left empty.",
    )
    DATE_IMPLAUSIBLE = (
        "date-implausible",
        Severity.WARNING,
        "A date was read but lies outside what the form allows; it is left empty.",
    )
    VALUE_UNREADABLE = (
        "value-unreadable",
        Severity.WARNING,
        "A value could not be read; the field is left empty.",
    )
    CODE_UNKNOWN = (
        "code-unknown",
        Severity.WARNING,
        "A code is not in the form's legend; the field is left empty.",
    )
    JUNK_DROPPED = (
        "junk-dropped",
        Severity.WARNING,
        "Text that looks like handwriting or OCR junk was kept out of the values.",
    )
    UNPLACED_TEXT = (
        "unplaced-text",
        Severity.WARNING,
        "Text inside a block could not be placed in any field; it is kept as unread.",
    )
    TABLE_REBUILT = (
        "table-rebuilt",
        Severity.INFO,
        "A routing table read column by column was rebuilt into rows from its columns.",
    )
    CELL_UNPLACED = (
        "cell-unplaced",
        Severity.WARNING,
        "A routing cell read in a column could not be placed in a row with certainty;"
        " it is kept as unread.",
    )
    DUPLICATE_FIELD = (
        "duplicate-field",
        Severity.WARNING,
        "A field appeared twice; the first was kept, the second is unread.",
    )
    FIELD_MISSING = (
        "field-missing",
        Severity.WARNING,
        "A field every worksheet has was not found.",
    )
    FORM_UNCERTAIN = (
        "form-uncertain",
        Severity.WARNING,
        "The form variant was chosen on conflicting evidence (warning) or on none (info).",
    )
    CHECKBOX_UNCLEAR = (
        "checkbox-unclear",
        Severity.WARNING,
        "No check box, or more than one, is ticked where one is expected; the field is left empty.",
    )
    STAMP_FIELD_MISSING = (
        "stamp-field-missing",
        Severity.WARNING,
        "A review stamp lacks one of its printed fields, or the field is blank.",
    )
    SIGNATURE_UNSPLIT = (
        "signature-unsplit",
        Severity.WARNING,
        "A signature line may hold several names but nothing shows where to split it.",
    )
    LOW_CONFIDENCE = (
        "low-confidence",
        Severity.WARNING,
        "A value read from a scan holds a word the OCR engine was unsure of: check it.",
    )
    DECODE_ERROR = (
        "decode-error",
        Severity.WARNING,
        "Input bytes were not valid in the encoding; each run was replaced with U+FFFD.",
    )
    ENCODING_DETECTED = (
        "encoding-detected",
        Severity.INFO,
        "The input was read in another encoding than the one asked for, "
        "as its byte-order mark or its zero bytes (UTF-16) showed.",
    )
    NO_BLOCK = (
        "no-block",
        Severity.WARNING,
        "No worksheet, stamp, letter or header was recognised in the input "
        "(reported by the check command).",
    )
    NO_WORKSHEET = (
        "no-worksheet",
        Severity.ERROR,
        "No worksheet was found where one was required.",
    )
    BLOCK_TOO_LONG = (
        "block-too-long",
        Severity.WARNING,
        "A worksheet or a letter's body runs on longer than any printed one; it is read"
        " up to the limit and the rest is kept (as unrecognized text, or unread).",
    )
    INTERNAL_ERROR = (
        "internal-error",
        Severity.ERROR,
        "A block could not be read because of a fault in the parser; its text is kept.",
    )


CODES: Final[dict[str, tuple[Severity, str]]] = {
    code.value: (code.severity, code.meaning) for code in DiagnosticCode
}
"""Every diagnostic code: default severity and meaning."""


Source: TypeAlias = Normalized
"""The text a reader reads: the normalised text and its map back to the caller's string."""

FieldPath: TypeAlias = tuple[str | int, ...]
"""A field path kept structured: names and indexes, e.g. ``("letters", 0, "date")``."""


def render_path(path: FieldPath) -> str:
    """The dotted form of ``path``: ``("worksheets", 0, "routing", 1, "action_date")``
    -> ``worksheets[0].routing[1].action_date``.

    A name that holds dots or brackets of its own (a key of ``field_spans``
    such as ``correspondent.name``) is rendered as it is.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif out:
            out += "." + part
        else:
            out = str(part)
    return out


class DiagnosticLog:
    """The diagnostics said about one input, in the order they were made.

    Offsets given to :meth:`add` are mapped to spans of the caller's text
    through ``source``.  Readers never edit the list: :meth:`checkpoint` and
    :meth:`rollback` undo a failed reader's diagnostics, :meth:`since` reads
    the ones made after a mark, and :meth:`amend` updates one in place (a
    run of unread lines that grew).
    """

    __slots__ = ("_items", "_span")

    def __init__(self, source: Source) -> None:
        self._items: list[Diagnostic] = []
        # Spans are asked for thousands of times: bind the mapping once.
        self._span = source.span

    def add(
        self,
        code: DiagnosticCode,
        message: str,
        start: int | None,
        end: int | None = None,
        *,
        field: FieldPath | None = None,
        original: str | None = None,
        repaired: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        """Record a diagnostic at normalised offsets ``[start, end)`` about ``field``.

        ``field`` is a structured path, rendered to its dotted form here.
        """
        span = None
        if start is not None:
            span = self._span(start, start if end is None else end)
        self._items.append(
            Diagnostic(
                code=code.value,
                severity=severity or code.severity,
                message=message,
                span=span,
                field=None if field is None else render_path(field),
                original=original,
                repaired=repaired,
            )
        )

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Add diagnostics made elsewhere (while decoding the input's bytes)."""
        self._items.extend(diagnostics)

    def checkpoint(self) -> int:
        """A mark to :meth:`rollback` to, or to read :meth:`since`."""
        return len(self._items)

    def rollback(self, mark: int) -> None:
        """Forget every diagnostic made after ``mark``."""
        del self._items[mark:]

    def since(self, mark: int) -> list[Diagnostic]:
        """The diagnostics made after ``mark``, oldest first."""
        return self._items[mark:]

    def amend(
        self,
        index: int,
        *,
        span: Span | None = None,
        original: str | None = None,
        field: FieldPath | None = None,
    ) -> None:
        """Update the diagnostic at ``index`` (a :meth:`checkpoint` taken just before it)."""
        changes: dict[str, Any] = {}
        if span is not None:
            changes["span"] = span
        if original is not None:
            changes["original"] = original
        if field is not None:
            changes["field"] = render_path(field)
        self._items[index] = attrs.evolve(self._items[index], **changes)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)


class ReadContext:
    """What a block reader is given: the text, the report, and its block's field path."""

    __slots__ = ("path", "report", "source", "span", "text")

    def __init__(self, source: Source, report: DiagnosticLog, path: FieldPath = ()) -> None:
        self.source = source
        self.report = report
        self.path = path
        """The block's field path (``("letters", 2)``); its fields' paths extend it."""
        self.text = source.text
        """The normalised text every offset points into."""
        self.span = source.span
        """Normalised ``[start, end)`` to a span of the caller's text (bound once)."""
