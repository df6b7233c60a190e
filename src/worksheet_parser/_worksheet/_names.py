"""The NAME OF CORRESPONDENT section: a title and a name.

Strategy: the value ends at a column break (what follows belongs to
another column and is unread), is trimmed of debris at its edges, and is
split into a courtesy title and a name, each repaired where OCR damaged it
(:func:`_fields.split_title_ocr`, :func:`_fields.repair_name`); the raw
text is kept beside them.
"""

from __future__ import annotations

from worksheet_parser._diagnostics import DiagnosticCode
from worksheet_parser._models import Correspondent
from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._lexer import Piece
from worksheet_parser._worksheet._state import State

__all__ = ["read_correspondent"]


def read_correspondent(st: State, label: int, stop: int) -> None:
    """``NAME OF CORRESPONDENT:``; the lines under it belong to no field."""
    piece = st.pieces[label]
    if st.first("correspondent", piece):
        _correspondent(st, piece)
    for line in st.lines(label, stop):
        st.unplaced(line)


def _correspondent(st: State, piece: Piece) -> None:
    raw = piece.value
    tab = raw.find("\t")
    if tab != -1:
        # A column break ends the name: what follows is another column's text.
        rest = raw[tab:].strip()
        rest_start = piece.value_start + raw.index(rest, tab) if rest else 0
        raw = raw[:tab].rstrip()
        if rest:
            st.keep_unread(
                rest_start,
                rest_start + len(rest),
                rest,
                code=DiagnosticCode.UNPLACED_TEXT,
                why="text after a column break in NAME OF CORRESPONDENT belongs to no field",
            )
    raw, value_start = st.trimmed(raw, piece.value_start, "correspondent", name=True)
    text = " ".join(raw.split())
    if not text:
        st.report.add(
            DiagnosticCode.VALUE_UNREADABLE,
            "NAME OF CORRESPONDENT has no value",
            piece.start,
            piece.end,
            field=st.field("correspondent"),
        )
        return
    title, name, repaired = _fields.split_title_ocr(text)
    if repaired is not None:
        found = " ".join(text.split()[: len(repaired.split())])
        st.repaired(
            found,
            repaired,
            value_start,
            value_start + len(found),
            "correspondent.title",
            what="title ",
        )
    fixed = _fields.repair_name(name) if name else name
    if fixed != name:
        st.repaired(
            name, fixed, value_start, value_start + len(raw), "correspondent.name", what="name "
        )
        name = fixed
    st.values["correspondent"] = Correspondent(title, name or None, raw)
    st.spans["correspondent"] = st.span(value_start, value_start + len(raw))
