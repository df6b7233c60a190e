"""Code sections: WHORM subject codes, media, individual codes, mail user codes.

Strategy: codes are read word by word, each by the reader for what the
field expects; a word that is not such a code is kept as unread
(``junk-dropped``), and a code read after repair says so.  Subject codes
come after ``ID#`` on the computer-printed form, under ``Prime Subject
Code`` and ``Secondary Codes`` on the 5/81 form and ``Subject Codes`` on the
records management form; a list that wraps onto the lines under its label
is read from those lines too (:func:`read_code_lines`).  Prime codes come
first in the worksheet's list.
"""

from __future__ import annotations

from collections.abc import Sequence

from worksheet_parser._diagnostics import DiagnosticCode
from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._lexer import Piece
from worksheet_parser._worksheet._routing import blank
from worksheet_parser._worksheet._state import State

__all__ = [
    "read_code_lines",
    "read_codes",
    "read_individual",
    "read_mail",
    "read_media",
    "read_prime",
    "read_secondary",
    "read_subject_codes",
]

_SLOT_MARKS = frozenset({"(A)", "(B)", "(C)", "(8)", "(4)"})
"""The printed slot marks of MAIL USER CODES (and what OCR makes of them)."""

# The readers below are pure functions of one short word, and worksheets
# repeat the same few codes: small bounded caches keep them from being read
# again and again.
_WORD_CACHE = 4096
_read_subject_code = _fields.short_text_cache("worksheet.subject_codes", _WORD_CACHE)(
    _fields.read_subject_code
)
_read_code_word = _fields.short_text_cache2("worksheet.code_words", _WORD_CACHE)(
    _fields.read_code_word
)


@_fields.short_text_cache("worksheet.individual_codes", _WORD_CACHE)
def _read_individual_code(text: str) -> str | None:
    return _fields.read_digits(text, 3, 6)


def read_codes(st: State, ws: Sequence[_fields.Word], piece: Piece, target: list[str]) -> None:
    """Read WHORM subject codes into ``target``; anything else is junk."""
    # A line the engine wrote in lower case (``id# 303373 sp``) has its codes upper-cased.
    lower_line = st.lower_engine or piece.value.islower()
    for w in ws:
        code = _read_code_word(w.text, lower_line)
        if code is None:
            st.keep_unread(
                w.start,
                w.end,
                w.text,
                code=DiagnosticCode.JUNK_DROPPED,
                why=f"{w.text!r} is not a subject code",
                field="subject_codes",
            )
            continue
        _add_code(st, w, code, piece, target)


def _add_code(st: State, w: _fields.Word, code: str, piece: Piece, target: list[str]) -> None:
    """Add one subject code read from ``w``, reporting any repair."""
    if code != st.code_case(w.text):
        st.repaired(w.text, code, w.start, w.end, "subject_codes")
    target.append(code)
    if "subject_codes" not in st.spans:
        st.spans["subject_codes"] = st.span(w.start, piece.end)


def read_code_lines(st: State, label: int, stop: int, target: list[str]) -> None:
    """The lines under a label of subject codes: more codes, or text of no field."""
    for piece in st.lines(label, stop):
        if not _code_line(st, piece, target):
            st.unplaced(piece)


def _code_line(st: State, piece: Piece, target: list[str]) -> bool:
    """Read a line of subject codes into ``target``; ``False`` if it is not one."""
    codes = [_read_subject_code(st.code_case(w)) for w in piece.value.split()]
    if codes and all(codes):
        target.extend(c for c in codes if c)
        if "subject_codes" not in st.spans:
            st.spans["subject_codes"] = st.span(piece.value_start, piece.end)
        return True
    line = _fields.read_code_line(piece.value, piece.value_start, st.lower_engine)
    if line is None:
        return False
    # A code list wrapped onto its own line, among stray marks.
    for w, code in line[0]:
        _add_code(st, w, code, piece, target)
    for w in line[1]:
        st.keep_unread(
            w.start,
            w.end,
            w.text,
            code=DiagnosticCode.JUNK_DROPPED,
            why=f"{w.text!r} is not a subject code",
            field="subject_codes",
        )
    return True


def _code_section(st: State, label: int, stop: int, name: str, target: list[str]) -> None:
    """A label of codes: its line's codes (if it is field ``name``'s first) and its code lines."""
    piece = st.pieces[label]
    if st.first(name, piece):
        read_codes(st, _fields.words(piece.value, piece.value_start), piece, target)
    read_code_lines(st, label, stop, target)


def read_prime(st: State, label: int, stop: int) -> None:
    """``Prime Subject Code:`` (5/81 form)."""
    _code_section(st, label, stop, "prime_subject_code", st.prime_codes)


def read_secondary(st: State, label: int, stop: int) -> None:
    """``Secondary Codes:`` (5/81 form)."""
    _code_section(st, label, stop, "secondary_subject_codes", st.subject_codes)


def read_subject_codes(st: State, label: int, stop: int) -> None:
    """``Subject Codes:`` (records management form)."""
    _code_section(st, label, stop, "subject_codes_label", st.subject_codes)


def read_media(st: State, label: int, stop: int) -> None:
    """``MEDIA:``: one code of a few capitals; anything after it is junk."""
    piece = st.pieces[label]
    if st.first("media", piece):
        _media(st, piece)
    for line in st.lines(label, stop):
        st.unplaced(line)


def _media(st: State, piece: Piece) -> None:
    ws = _fields.words(piece.value, piece.value_start)
    if not ws:
        return
    head = ws[0]
    media = st.code_case(head.text)
    if (piece.label or "").islower():
        media = media.upper()  # ``media:l`` on a line the engine wrote in lower case
    if media.isalpha() and len(media) <= 3 and media.isupper():
        st.values["media"] = media
        st.spans["media"] = st.span(head.start, head.end)
        rest = ws[1:]
    elif _doubled_letter(media):
        # ``Pp``: a typed letter OCR read twice, once in a small letter
        st.values["media"] = media[0].upper()
        st.spans["media"] = st.span(head.start, head.end)
        st.repaired(head.text, media[0].upper(), head.start, head.end, "media")
        rest = ws[1:]
    else:
        rest = ws
    for w in rest:
        st.keep_unread(
            w.start,
            w.end,
            w.text,
            code=DiagnosticCode.JUNK_DROPPED,
            why=f"{w.text!r} is not a media code",
            field="media",
        )


def _doubled_letter(word: str) -> bool:
    """``Pp``, ``lL``: one letter twice, once a capital, once a small letter."""
    return (
        len(word) == 2
        and word.isalpha()
        and word[0].upper() == word[1].upper()
        and word[0].isupper() != word[1].isupper()
    )


def read_individual(st: State, label: int, stop: int) -> None:
    """``INDIVIDUAL CODES:``: numbers of three to six digits."""
    piece = st.pieces[label]
    if st.first("individual_codes", piece):
        codes: list[str] = []
        for w in _fields.words(piece.value, piece.value_start):
            code = _read_individual_code(w.text)
            if code is None:
                st.keep_unread(
                    w.start,
                    w.end,
                    w.text,
                    code=DiagnosticCode.JUNK_DROPPED,
                    why=f"{w.text!r} is not an individual code",
                    field="individual_codes",
                )
                continue
            if code != w.text:
                st.repaired(w.text, code, w.start, w.end, "individual_codes")
            codes.append(code)
        st.values["individual_codes"] = tuple(codes)
        if piece.value:
            st.spans["individual_codes"] = st.span(piece.value_start, piece.end)
    for line in st.lines(label, stop):
        st.unplaced(line)


def read_mail(st: State, label: int, stop: int) -> None:
    """``MAIL USER CODES: (A) (B) (C)``: the codes written in the slots."""
    piece = st.pieces[label]
    if st.first("mail_user_codes", piece):
        value = piece.value.replace(")(", ") (")
        codes = tuple(w for w in value.split() if w.upper() not in _SLOT_MARKS and not blank(w))
        st.values["mail_user_codes"] = codes
        if codes:
            st.spans["mail_user_codes"] = st.span(piece.value_start, piece.end)
    for line in st.lines(label, stop):
        st.unplaced(line)
