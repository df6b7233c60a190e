"""Free-text sections: SUBJECT (and Name of Document), COMMENTS, ADDITIONAL CORRESPONDENTS.

Strategy: a free-text value runs from its label over the ``TEXT`` lines of
its section, each trimmed of debris at its edges and joined with single
spaces; only the first occurrence of a field holds the value, and the lines
under a repeat are unread.  A cut-off phrase as a value's last line is kept
apart as unread (:func:`cut_off`).  A line of form words (a direction word,
routing-table words) right under a free-text value and in its column is
the value's wrapped line: that depends on where it stands, not on its
kind, so it is decided before the grammar parse (:func:`wrapped_lines`) and
the line is then parsed as ``TEXT`` in the value's section.
"""

from __future__ import annotations

from collections.abc import Sequence

from worksheet_parser._diagnostics import DiagnosticCode
from worksheet_parser._models import Span
from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._lexer import Piece
from worksheet_parser._worksheet._state import State

__all__ = [
    "FREE_TEXT",
    "read_additional",
    "read_comments",
    "read_document",
    "read_subject",
    "read_texts",
    "wrapped_lines",
]

FREE_TEXT = frozenset({"SUBJECT", "COMMENTS", "ADDITIONAL", "DOCUMENT"})
"""The labels of free-text values."""

_WRAPPED_WORDS = frozenset({"DIRECTION", "TABLE_HEAD"})
"""Pieces of form words that may be a free-text value's wrapped line (see :func:`wrapped_lines`)."""


def wrapped_lines(pieces: Sequence[Piece], kinds: Sequence[str], text: str) -> tuple[int, ...]:
    """The indexes of the labelled pieces that are a free-text value's wrapped line.

    Only ``DIRECTION`` and ``TABLE_HEAD`` pieces can be (see
    :func:`continues_text`), so only those are looked at, in order: the label
    above one (the wrapped lines found so far are not labels), the line above
    it (a cut-off phrase, see :func:`cut_off`, is not one), and whether a
    direction line was read before.  ``kinds`` are the pieces' kinds as
    lexed; ``text`` is the normalised text the pieces' offsets point into.
    """
    wrapped: list[int] = []
    direction_seen = False
    for i, kind in enumerate(kinds):
        if kind != "DIRECTION" and kind != "TABLE_HEAD":
            continue
        above = i - 1
        while above >= 0 and (kinds[above] == "TEXT" or above in wrapped):
            above -= 1
        if above >= 0 and kinds[above] in FREE_TEXT:
            line = i - 1
            while (
                line > above and kinds[line] == "TEXT" and cut_off(pieces[line], pieces[line + 1])
            ):
                line -= 1
            if continues_text(
                pieces[above], pieces[line], pieces[i], text, direction_seen=direction_seen
            ):
                wrapped.append(i)
                continue
        if kind == "DIRECTION":
            direction_seen = True
    return tuple(wrapped)


def cut_off(piece: Piece, nxt: Piece | None) -> bool:
    """Whether a ``TEXT`` line under a free-text value is a cut-off phrase, not its last line.

    ``(STATE OF THE PROPERTY OF`` under a subject, with no line of it after:
    words OCR made up from a stamp or margin, not the subject's end (see
    :func:`_fields.cut_off_phrase`).
    """
    return _fields.cut_off_phrase(piece.value) and not (
        nxt is not None and nxt.kind == "TEXT" and nxt.line == piece.line + 1
    )


def continues_text(
    current: Piece | None,
    previous: Piece | None,
    piece: Piece,
    text: str,
    *,
    direction_seen: bool,
) -> bool:
    """Whether a line of form words is a free-text value's wrapped line.

    The form prints the direction once, above DATE RECEIVED; a second
    direction word right under a SUBJECT or COMMENTS value is that value's
    continuation (``... CHINESE PREMIER LI`` / ``INTERNAL``).  A line of
    routing-table words (``ACTION COMPLETED``) right under such a value,
    indented to start in the value's own column, is one too: the table's
    printed heads never start there.  ``current`` is the label above,
    ``previous`` the line above, ``direction_seen`` whether a direction line
    was read before.
    """
    if not (
        current is not None
        and current.kind in FREE_TEXT
        and previous is not None
        and piece.line == previous.line + 1
    ):
        return False
    if piece.kind == "DIRECTION":
        return direction_seen
    column = piece.value_start - text.rfind("\n", 0, piece.value_start)
    return column > 1 and column == current.value_start - text.rfind("\n", 0, current.value_start)


def _read_free_text(st: State, label: int, stop: int, name: str) -> None:
    """Read a free-text value ``name`` from its label and the lines of its section."""
    pieces = st.pieces
    owns = _set_text(st, name, pieces[label])
    last = len(pieces) - 1
    for i in range(label + 1, stop):
        piece = pieces[i]
        if piece.repaired_label is not None:
            st.label_repair(piece)
        if piece.kind == "TEXT" and cut_off(piece, pieces[i + 1] if i < last else None):
            st.keep_unread(
                piece.value_start,
                piece.value_start + len(piece.value),
                piece.value,
                code=DiagnosticCode.JUNK_DROPPED,
                why=f"{piece.value!r} is a phrase cut off, not the end of the value above it",
                field=name,
            )
        elif owns:
            _extend_text(st, name, piece)
        else:
            st.unplaced(piece)


def _set_text(st: State, name: str, piece: Piece) -> bool:
    if not st.first(name, piece):
        return False
    raw, at = st.trimmed(piece.value, piece.value_start, name)
    value = " ".join(raw.split())
    st.values[name] = value or None
    st.spans[name] = st.span(at, at + len(raw)) if raw else st.span(piece.value_start, piece.end)
    return True


def _extend_text(st: State, name: str, piece: Piece) -> None:
    old = st.values.get(name)
    raw, _ = st.trimmed(piece.value, piece.value_start, name)
    value = " ".join(raw.split())
    if not value:
        return
    st.values[name] = f"{old} {value}" if old else value
    old_span = st.spans[name]
    st.spans[name] = Span(
        old_span.start, st.span(piece.start, piece.end).end, old_span.line, old_span.column
    )


def read_subject(st: State, label: int, stop: int) -> None:
    """``SUBJECT:``, continued on the lines under it."""
    _read_free_text(st, label, stop, "subject")


def read_document(st: State, label: int, stop: int) -> None:
    """``Name of Document:`` (records management form): the subject."""
    _read_free_text(st, label, stop, "subject")


def read_comments(st: State, label: int, stop: int) -> None:
    """``COMMENTS:``, continued on the lines under it."""
    _read_free_text(st, label, stop, "comments")


def read_additional(st: State, label: int, stop: int) -> None:
    """``ADDITIONAL CORRESPONDENTS:``, continued on the lines under it."""
    _read_free_text(st, label, stop, "additional_correspondents")


def read_texts(st: State, start: int, stop: int) -> None:
    """Lines before the first label (from ``start``): text that belongs to no field."""
    for piece in st.lines(start - 1, stop):
        st.unplaced(piece)
