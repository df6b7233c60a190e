"""Which form a worksheet is, and the sections of printed form text.

Strategy: the form variant is chosen from the evidence the pieces carry
(titles, labels, legend and footer wording, the ``5/81`` mark), counted
with fixed weights; a close or empty count is reported as
``form-uncertain``.  Each variant has its grammar (:data:`GRAMMARS`) and
the fields it always prints (:data:`REQUIRED`).  Sections of printed form
text (the house, the titles, the legend, the footer...) hold no value:
their readers only decide what the lines under them are, printed text
broken by OCR or text of no field.
"""

from __future__ import annotations

from collections.abc import Sequence

from worksheet_parser._models import FormVariant, Severity
from worksheet_parser._worksheet._lexer import Piece
from worksheet_parser._worksheet._pieces import Repeats
from worksheet_parser._worksheet._routing import blank
from worksheet_parser._worksheet._state import State

__all__ = [
    "GRAMMARS",
    "REQUIRED",
    "detect_form",
    "read_form_text",
    "read_printed",
    "read_reply",
]

GRAMMARS: dict[FormVariant, str] = {
    FormVariant.COMPUTER_PRINTED: "worksheet.lark",
    FormVariant.FORM_5_81: "form_5_81.lark",
    FormVariant.RECORDS_MANAGEMENT: "records_management.lark",
}
"""The grammar file that checks each form variant's printed order."""

REQUIRED: dict[FormVariant, tuple[tuple[str, str], ...]] = {
    FormVariant.COMPUTER_PRINTED: (
        ("id_number", "ID#"),
        ("date_received", "DATE RECEIVED"),
        ("correspondent", "NAME OF CORRESPONDENT"),
        ("subject", "SUBJECT"),
    ),
    FormVariant.FORM_5_81: (
        ("id_number", "ID #"),
        ("date_received", "Date Correspondence Received"),
        ("correspondent", "Name of Correspondent"),
        ("subject", "Subject"),
    ),
    FormVariant.RECORDS_MANAGEMENT: (
        ("id_number", "ID #"),
        ("subject", "Name of Document"),
    ),
}
"""Fields each variant always prints, reported as ``field-missing`` when not found."""

_EVIDENCE_WEIGHTS = {
    "FORM_MARK": 3,
    "RM_TITLE": 3,
    "CLASSIFICATION": 2,
    "RECEIVED_YMD": 2,
    "DATE_RECEIVED": 2,
    "DOCUMENT": 2,
}
"""How much one piece of evidence counts; pieces not listed count 1."""


def detect_form(pieces: Sequence[Piece]) -> tuple[FormVariant, tuple[Severity, str] | None]:
    """Choose the form variant the pieces' evidence points to.

    Returns the variant and, when the choice was uncertain, a severity and
    why: no evidence at all (``info``: the computer-printed form, whose
    values read the same way, is assumed), or evidence for more than one
    variant with the winner scoring less than twice the runner-up
    (``warning``).
    """
    counts: dict[FormVariant, int] = {}
    weights = _EVIDENCE_WEIGHTS
    for piece in pieces:
        evidence = piece.evidence
        if evidence is not None:
            weight = weights.get(piece.kind, 1)
            if isinstance(piece, Repeats):
                weight *= piece.count
            counts[evidence] = counts.get(evidence, 0) + weight
    scores = dict.fromkeys(FormVariant, 0)
    for variant, count in counts.items():
        scores[variant] += count
    ranked = sorted(FormVariant, key=lambda f: -scores[f])  # stable: enum order breaks ties
    best, second = ranked[0], ranked[1]
    if scores[best] == 0:
        return FormVariant.COMPUTER_PRINTED, (
            Severity.INFO,
            "nothing shows which form this is; read as the computer-printed worksheet",
        )
    if scores[second] and scores[best] < 2 * scores[second]:
        return best, (
            Severity.WARNING,
            f"evidence for the {best.value} form ({scores[best]}) and for the "
            f"{second.value} form ({scores[second]}); read as {best.value}",
        )
    return best, None


def read_form_text(st: State, label: int, stop: int) -> None:
    """A line of printed form text (a title, ``MI Mail Report``, ``5/81``...).

    It holds no value; the lines under it belong to no field.
    """
    for piece in st.lines(label, stop):
        st.unplaced(piece)


def read_printed(st: State, label: int, stop: int) -> None:
    """A line of the code legend or the footer: the lines under it are more of it."""
    for _ in st.lines(label, stop):
        pass  # legend and footer lines broken by OCR: still printed form text


_REPLY_WORDS = frozenset({"CODE", "DATE", "COMMENT", "FORM"})


def _reply_form_text(text: str) -> bool:
    """Whether a line under PRESIDENTIAL REPLY is only its printed column heads or blanks."""
    return all(w.upper() in _REPLY_WORDS or blank(w) for w in text.split())


def read_reply(st: State, label: int, stop: int) -> None:
    """``PRESIDENTIAL REPLY`` (5/81 form): its printed column heads and blank slots."""
    for piece in st.lines(label, stop):
        if not _reply_form_text(piece.value):
            st.unplaced(piece)
