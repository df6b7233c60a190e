"""Free-text sections: SUBJECT (and Name of Document), COMMENTS, ADDITIONAL CORRESPONDENTS.

Strategy: a free-text value runs from its label over the ``TEXT`` lines of
its section, each trimmed of debris at its edges and joined with single
spaces; only the first occurrence of a field holds the value, and the lines
under a repeat are unread.  Two decisions about lines depend on where they
stand, so they are made before the grammar parse, by :func:`wrapped_lines`:
a line of form words (a direction word, routing-table words) right under a
free-text value and in its column is the value's wrapped line, read as
``TEXT``; and a cut-off phrase as a value's last line is kept apart as
unread.
"""

from __future__ import annotations

from collections.abc import Sequence

from worksheet_parser import _fields
from worksheet_parser._grammar import Section
from worksheet_parser._lexer import Piece
from worksheet_parser._models import Span
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

_NONE_CUT: frozenset[int] = frozenset()


def wrapped_lines(pieces: Sequence[Piece], text: str) -> tuple[tuple[int, ...], frozenset[int]]:
    """Which labelled pieces are a free-text value's wrapped line, and which lines are cut off.

    Returns the indexes of the ``DIRECTION`` and ``TABLE_HEAD`` pieces to read
    as ``TEXT`` (see :func:`continues_text`) and those of the ``TEXT`` lines
    under a free-text value that are a cut-off phrase, not the value's end
    (see :func:`cut_off`).  ``text`` is the normalised text the pieces'
    offsets point into.
    """
    wrapped: list[int] = []
    cut: set[int] | None = None
    current: Piece | None = None
    previous: Piece | None = None
    free = False  # whether ``current`` is the label of a free-text value
    direction_seen = False
    last = len(pieces) - 1
    for i, piece in enumerate(pieces):
        kind = piece.kind
        if kind == "TEXT":
            if free and cut_off(piece, pieces[i + 1] if i < last else None):
                if cut is None:
                    cut = set()
                cut.add(i)
                continue
            previous = piece
            continue
        if (
            free
            and kind in _WRAPPED_WORDS
            and continues_text(current, previous, piece, text, direction_seen=direction_seen)
        ):
            wrapped.append(i)
            previous = piece
            continue
        current = previous = piece
        free = kind in FREE_TEXT
        if kind == "DIRECTION":
            direction_seen = True
    return tuple(wrapped), _NONE_CUT if cut is None else frozenset(cut)


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


def _read_free_text(st: State, section: Section, name: str) -> None:
    """Read a free-text value ``name`` from its label and the lines of its section."""
    label = st.pieces[section.start]
    owns = _set_text(st, name, label)
    for piece in st.lines(section, name):
        if owns:
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


def read_subject(st: State, section: Section) -> None:
    """``SUBJECT:``, continued on the lines under it."""
    _read_free_text(st, section, "subject")


def read_document(st: State, section: Section) -> None:
    """``Name of Document:`` (records management form): the subject."""
    _read_free_text(st, section, "subject")


def read_comments(st: State, section: Section) -> None:
    """``COMMENTS:``, continued on the lines under it."""
    _read_free_text(st, section, "comments")


def read_additional(st: State, section: Section) -> None:
    """``ADDITIONAL CORRESPONDENTS:``, continued on the lines under it."""
    _read_free_text(st, section, "additional_correspondents")


def read_texts(st: State, section: Section) -> None:
    """Lines before the first label: text that belongs to no field."""
    for piece in st.lines(section):
        st.unplaced(piece)
