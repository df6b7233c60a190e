"""Stage 4a: a worksheet's lexed pieces, made ready for the grammar.

Strategy: OCR moves a label's value away from it, splits a label over two
lines, and repeats a labelled line; before the grammar checks the pieces'
order, three passes put them back together, each a function of the piece
list alone: :func:`lexed` makes a run of repeats of one labelled line one
piece (a worksheet of many repeated lines costs no piece per line),
:func:`join_split_date` finds the value of the 5/81 form's date label split
over the check-box lines, and :func:`attach_values` joins a label to the
value OCR put on the next line.  The worksheet reader
(:mod:`._worksheet`) reads the pieces that come out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from worksheet_parser._blocks._blockread import clean_date
from worksheet_parser._dates import DateOrder
from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._lexer import Piece, lex_line
from worksheet_parser._worksheet._tokens import TokenKind

__all__ = [
    "ERA_END",
    "ERA_START",
    "Repeats",
    "attach_values",
    "join_split_date",
    "lexed",
]

ERA_START = dt.date(1969, 1, 1)
"""Earliest ``DATE RECEIVED`` accepted: these forms were used from the late 1970s."""
ERA_END = dt.date(2009, 12, 31)
"""Latest ``DATE RECEIVED`` accepted."""
# Labels whose value OCR may put on the next line.
_VALUE_KINDS = frozenset(
    {
        TokenKind.ID,
        TokenKind.DATE_RECEIVED,
        TokenKind.RECEIVED_YMD,
        TokenKind.CORRESPONDENT,
        TokenKind.SUBJECT,
        TokenKind.DOCUMENT,
        TokenKind.COMMENTS,
        TokenKind.ADDITIONAL,
        TokenKind.MEDIA,
        TokenKind.INDIVIDUAL,
        TokenKind.MAIL,
        TokenKind.PRIME,
        TokenKind.SECONDARY,
        TokenKind.SUBJECT_CODES,
    }
)
_REPEATABLE = _VALUE_KINDS - {TokenKind.DATE_RECEIVED, TokenKind.RECEIVED_YMD}

# Attribute access on an enum class is slow (a metaclass hook runs): the
# kinds read in loops are bound once.
_K_TEXT = TokenKind.TEXT
_K_ID = TokenKind.ID
_K_RECEIVED_YMD = TokenKind.RECEIVED_YMD
"""Labels whose field takes its first occurrence only (a repeat is kept as unread whole), so
that a run of repeats of one of their lines can be one piece (see :func:`lexed`): every
label of a value but the date's (whose halves and repeats :func:`join_split_date` reads)."""


@attrs.define(slots=True)
class Repeats(Piece):
    """The repeats of a labelled line (:data:`_REPEATABLE`) right after it, as one piece.

    Its offsets run from the first repeat's label to the last one's end, its
    value, value's offset and line are the last one's; it counts for
    :attr:`count` pieces where pieces are counted (the form's evidence, the
    labels' case).
    """

    count: int = 1
    """How many lines it stands for."""


_MERGE_REPEATS = True
"""Whether :func:`lexed` makes a run of repeats one piece (switched off by the tests that
check it changes nothing)."""


def lexed(lines: Iterable[tuple[str, int]]) -> list[Piece]:
    """The pieces of a worksheet's lines (:func:`lex_lines`), a run of lines that each are
    one piece of the same label (:data:`_REPEATABLE`) made one piece after the first.

    Each repeat of such a field is a duplicate kept as unread whole, and the
    unread text of consecutive whole lines kept for one reason is one record
    and one diagnostic already (:class:`UnreadText`), so the document is the
    same; a worksheet of many repeated label lines then costs no piece, and
    no grammar token, per line.  The lines must carry the same label as
    printed (so they count the same for the form and the engine's case) and
    a value; blank lines may stand between them.  A line's exact repeat is
    not lexed again: the lexer reads the same text the same way, so its
    piece is the line's, moved.
    """
    pieces: list[Piece] = []
    key: tuple[str, str | None, str | None, str | None] | None = None  # the run's label
    same: str | None = None  # the last line of the run, whose exact repeats are not lexed
    first: Piece | None = None  # its piece, as read at offset ``base``
    base = 0
    run: Repeats | None = None
    merge = _MERGE_REPEATS
    for index, (text, offset) in enumerate(lines):
        if same is not None and text == same and first is not None:
            shift = offset - base
            start, end, value, value_start = (
                first.start + shift,
                first.end + shift,
                first.value,
                first.value_start + shift,
            )
        else:
            if not text.strip():
                continue
            new = lex_line(text, offset, index)
            if (
                len(new) != 1
                or (piece := new[0]).kind not in _REPEATABLE
                or not merge
                or not piece.value
                or piece.repaired_label is not None
            ):
                pieces.extend(new)
                if key is not None:
                    run = None
                    key = same = None
                continue
            here = (piece.kind, piece.label, piece.canonical, piece.evidence)
            same, first, base = text, piece, offset
            if here != key:
                pieces.append(piece)  # the first of a run
                run = None
                key = here
                continue
            start, end, value, value_start = piece.start, piece.end, piece.value, piece.value_start
        assert first is not None
        if run is None:
            run = Repeats(
                first.kind,
                start,
                end,
                value,
                value_start,
                index,
                first.label,
                first.repaired_label,
                first.canonical,
                first.evidence,
                1,
            )
            pieces.append(run)
        else:
            run.end = end
            run.value = value
            run.value_start = value_start
            run.line = index
            run.count += 1
    return pieces


_SPLIT_DATE_REACH = 4
"""Most pieces between the two halves of a split ``Date Correspondence Received`` label."""


def join_split_date(pieces: list[Piece]) -> list[Piece]:
    """Find the value of the 5/81 form's date label where OCR split it over the check boxes.

    ``Date Correspondence`` and ``Received (YY/MM/DD)`` come on two lines (a
    check box before each), and the date itself after either half or on a
    line between them, among specks (``Mn``, ``i 82/02/16``).  Of the words
    after the halves and on the lines between, the one that reads as a
    ``YY/MM/DD`` date of the era is the value, when there is exactly one;
    the words around it stay as text, unread.  With none, or several, the
    pieces are left as they are (and the value is read, or reported, from
    the first half as before).
    """
    kinds = [p.kind for p in pieces]
    if kinds.count(_K_RECEIVED_YMD) < 2:
        return pieces  # the common case: one label, or none
    n = len(pieces)
    for i, first in enumerate(pieces):
        if first.kind != _K_RECEIVED_YMD:
            continue
        j = next(
            (
                k
                for k in range(i + 1, min(n, i + 1 + _SPLIT_DATE_REACH))
                if pieces[k].kind == _K_RECEIVED_YMD
            ),
            None,
        )
        if j is None or not 0 < pieces[j].line - first.line <= 2:
            continue
        second = pieces[j]
        # Where the value may be: after either half, or on a line between them.
        places = [i, *(k for k in range(i + 1, j) if pieces[k].kind == _K_TEXT), j]
        after = j + 1
        if (
            not second.value
            and after < n
            and pieces[after].kind == _K_TEXT
            and pieces[after].line == second.line + 1
        ):
            places.append(after)
        dates = [
            (k, w)
            for k in places
            for w in _fields.words(pieces[k].value, pieces[k].value_start)
            if _era_date(w.text)
        ]
        if len(dates) != 1:
            return pieces
        k, w = dates[0]
        out = pieces[:i]
        for m in range(i, max(places) + 1):
            p = pieces[m]
            if m not in places:
                out.append(p)
                continue
            if m == i:
                out.append(attrs.evolve(p, end=w.end, value=w.text, value_start=w.start))
            # The rest of the place's words: printed specks, kept as text.
            cut = w.start - p.value_start if m == k else len(p.value)
            out.extend(_text_piece(p, p.value_start, p.value[:cut]))
            if m == k:
                out.extend(_text_piece(p, w.end, p.value[cut + len(w.text) :]))
        out.extend(pieces[max(places) + 1 :])
        return out
    return pieces


def _era_date(text: str) -> bool:
    value = clean_date(text, DateOrder.YY_MM_DD)
    return value is not None and ERA_START <= value <= ERA_END


def _text_piece(p: Piece, at: int, raw: str) -> list[Piece]:
    """A ``TEXT`` piece of ``raw`` (found at ``at``), blanks at its ends left out; none if blank."""
    value = raw.strip(" \t")
    if not value:
        return []
    start = at + len(raw) - len(raw.lstrip(" \t"))
    return [
        attrs.evolve(
            p,
            kind=_K_TEXT,
            start=start,
            end=start + len(value),
            value=value,
            value_start=start,
            label=None,
            repaired_label=None,
            canonical=None,
            evidence=None,
        )
    ]


def attach_values(pieces: list[Piece]) -> list[Piece]:
    """Join labels to values OCR put on another line.

    A label with no value takes the ``TEXT`` line after it (``Name of
    Correspondent:`` / ``Mr. John Smith``); a label broken over two lines
    (``Date Correspondence`` / ``Received (YY/MM/DD) 85/03/12``) keeps its
    second part; a number just before an empty ``ID #`` is its value.
    """
    out: list[Piece] = []
    n = len(pieces)
    i = 0
    while i < n:
        piece = pieces[i]
        kind = piece.kind
        if kind != _K_TEXT and kind not in _VALUE_KINDS:
            out.append(piece)  # nothing to join: the common case
            i += 1
            continue
        nxt = pieces[i + 1] if i + 1 < n else None
        if nxt is not None and kind in _VALUE_KINDS and not piece.value.strip():
            if nxt.kind == piece.kind:
                i += 1  # the label's first half; its second half carries the value
                continue
            if (
                nxt.kind == _K_TEXT
                and nxt.line > piece.line
                and (piece.kind != _K_ID or _fields.read_digits(nxt.value.split()[0], 3, 10))
            ):
                out.append(
                    attrs.evolve(piece, end=nxt.end, value=nxt.value, value_start=nxt.value_start)
                )
                i += 2
                continue
        if (
            nxt is not None
            and nxt.kind == _K_ID
            and piece.kind == _K_TEXT
            and not nxt.value.strip()
            and _fields.read_digits(piece.value, 3, 10)
        ):
            out.append(attrs.evolve(nxt, value=piece.value, value_start=piece.value_start))
            i += 2
            continue
        out.append(piece)
        i += 1
    return out
