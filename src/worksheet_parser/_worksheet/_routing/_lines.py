"""One bare line of the routing table: split into an office, its cells and stray marks.

Strategy: a line is split once, before the table's layout is decided
(:func:`split_line`), and the questions the layout readers ask of a whole
line (is it the column heads, a damaged ``Referral Note``, a disposition
fragment, debris?) are answered here from that split.  Single words are
judged in :mod:`._words`.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from rapidfuzz.distance import Levenshtein

from worksheet_parser._worksheet import _fields
from worksheet_parser._worksheet._lexer import Piece
from worksheet_parser._worksheet._routing._words import (
    CODE_CELL_KINDS,
    DATE_KINDS,
    OPENING_KINDS,
    cell_kind,
    damaged_code,
    debris,
    first_cell,
    head_word,
    is_action_code_word,
    is_cell_word,
    letters_upper,
    looks_handwritten,
    not_a_name_word,
    opens_with_date,
    read_action_code,
    read_disposition_code,
    stray_mark,
    word_core,
)

__all__ = [
    "CellLine",
    "action_fragment",
    "capitalised_office",
    "debris_line",
    "initials_lead",
    "printed_head",
    "referral_like",
    "split_line",
]


@attrs.define
class CellLine:
    """One bare line of the table, cleaned of stray marks and split into office and cells."""

    piece: Piece
    office: list[_fields.Word]
    cells: list[_fields.Word]
    marks: list[_fields.Word]
    """Stray punctuation and debris runs taken out of the line (kept as unread)."""

    head: bool = False
    """The line is the table's column heads, which OCR damaged past the lexer's reading."""
    referral: bool = False
    """The line is a ``Referral Note`` OCR broke (its colon lost, its letters swapped)."""

    @property
    def printed(self) -> bool:
        return self.head or self.referral

    @property
    def office_only(self) -> bool:
        return bool(self.office) and not self.cells and not self.printed

    @property
    def cells_only(self) -> bool:
        return bool(self.cells) and not self.office


def split_line(piece: Piece, text: str, printed_upper: bool) -> CellLine:
    """Split a line into office words and cell words, taking stray marks out.

    Marks fused to a word (``_ORG``, ``A»``, ``SUSAN:``) are cut off it,
    words of marks alone (``:``, ``|``, ``—``) are set aside, and words
    at the end of the office that cannot be part of a name (``4``,
    ``Ee`` among capitals, a lone ``z``) are handed to the cells, where
    they are read as a damaged code or reported as junk.
    """
    marks: list[_fields.Word] = []
    kept: list[_fields.Word] = []
    for w in _fields.words(piece.value, piece.value_start):
        if w.text.isalnum():
            kept.append(w)  # the common case: a word with no mark on it
            continue
        if stray_mark(w.text):
            marks.append(w)
            continue
        core = word_core(w.text)
        if core != w.text:
            cut = w.text.index(core)
            if cut:
                marks.append(_fields.Word(w.text[:cut], w.start))
            if cut + len(core) < len(w.text):
                marks.append(_fields.Word(w.text[cut + len(core) :], w.start + cut + len(core)))
            w = _fields.Word(core, w.start + cut)
        if (
            kept
            and w.text.startswith("/")
            and w.start == kept[-1].end + 1
            and _fields.is_dateish(kept[-1].text + w.text)
        ):
            # ``93 /04/10``: a date OCR split at its first slash
            prev = kept.pop()
            w = _fields.Word(text[prev.start : w.end], prev.start)
        kept.append(w)
    if "\t" in piece.value:
        kept = _drop_trailing_scrawl(kept, marks, text, printed_upper)
    if (
        len(kept) == 1
        and (read_action_code(kept[0].text) or read_disposition_code(kept[0].text))
        and not is_action_code_word(kept[0].text)
    ):
        # a code alone on its line: a cell of a table read column by column
        return CellLine(piece, [], kept, marks)
    if len(kept) >= 2 and is_action_code_word(kept[0].text) and not opens_with_date(kept[1:]):
        # ``Originator  I  82/10/19``: the 5/81 form's first office, printed
        k = 1 + first_cell(kept[1:], text)
    else:
        k = first_cell(kept, text)
    office, cells = kept[:k], kept[k:]
    while (
        len(office) >= 2
        and cells
        and cell_kind(cells[0].text, True) in OPENING_KINDS
        and (
            not_a_name_word(office[-1].text, printed_upper)
            or (
                cell_kind(cells[0].text, True) in DATE_KINDS
                and damaged_code(office[-1].text) is not None
            )
        )
    ):
        if cell_kind(cells[0].text, True) in DATE_KINDS:
            cells.insert(0, office.pop())  # in the action code's place
        else:
            marks.append(office.pop())  # between the office and its code: junk
    if (
        len(office) == 1
        and len(office[0].text) == 1
        and cells
        and cell_kind(cells[0].text, True) in DATE_KINDS
    ):
        cells.insert(0, office.pop())  # ``B 98/11/03``: a code and its date, no office
    if office and len(office) <= 8 and debris(" ".join(w.text for w in office)):
        marks.extend(office)
        office = []
    return CellLine(piece, office, cells, marks)


def _drop_trailing_scrawl(
    ws: list[_fields.Word], marks: list[_fields.Word], text: str, printed_upper: bool
) -> list[_fields.Word]:
    """Set aside what follows the line's last column break if it cannot be cells.

    ``F 89/03/18<tab>_ 2 20 0 7 CO 20 7`` or ``F<tab>SC Supe``: a stamp
    or a scrawl OCR put on the row's line, after the cells.
    """
    for i in range(len(ws) - 1, 0, -1):
        if "\t" in text[ws[i - 1].end : ws[i].start]:
            if not any(is_cell_word(w.text) for w in ws[:i]):
                return ws  # no cells before the break: nothing to protect
            tail = ws[i:]
            if any(cell_kind(w.text, printed_upper) == "junk" for w in tail) or (
                len(tail) > 1
                and looks_handwritten(" ".join(w.text for w in tail), True)
                and not any(cell_kind(w.text, True) in DATE_KINDS for w in tail)
            ):
                marks.extend(tail)
                return ws[:i]
            return ws
    return ws


def capitalised_office(text: str, line: CellLine) -> bool:
    """``Dos`` for ``DOS``: engines read a short capital word in small letters after its first.

    Only a single word of two to four letters, on a line whose cells hold a
    date: handwriting (``SC Supe``) comes in several words, or alone.
    """
    return (
        2 <= len(text) <= 4
        and text.isalpha()
        and text[0].isupper()
        and text[1:].islower()
        and any(cell_kind(w.text, False) in DATE_KINDS for w in line.cells)
    )


def printed_head(line: CellLine) -> bool:
    """A line of the table's column heads (``Tracking Type Compieuon``), not a row.

    Three in four words of two letters or more are head words (OCR turns
    ``of`` into ``for.``), and there are at least two; no cell on the line
    reads as a date.
    """
    if any(cell_kind(w.text, True) == "date" for w in line.cells):
        return False
    words = [w.text for w in line.office + line.cells]
    if len(words) < 2:
        return False
    long = [w for w in words if len(w) >= 2 and sum(map(str.isalpha, w)) >= 2]
    if len(long) < 2:
        return False
    misses_allowed = len(long) // 4  # three in four are head words
    misses = 0
    for w in long:
        if not head_word(w):
            misses += 1
            if misses > misses_allowed:
                return False
    return True


def referral_like(line: CellLine) -> bool:
    """``Retertal Note``, ``Relertal Note es``: a referral line without its colon."""
    ws = line.office
    if len(ws) < 2 or len(ws[1].text) > 5:
        return False
    first = letters_upper(ws[0].text)
    return (
        letters_upper(ws[1].text) in {"NOTE", "NOIE", "NOTF", "N0TE"}
        and len(first) == len("REFERRAL")
        and Levenshtein.distance(first, "REFERRAL", score_cutoff=3) <= 3
    )


def initials_lead(line: CellLine) -> bool:
    """A disposition fragment whose initials were split off as an office (``DIR A 99/12/28``).

    Only asked of lines after a table's office column, where no office is expected.
    """
    office = line.office
    if len(office) != 1 or not office[0].text.isalpha() or len(office[0].text) > 4:
        return False
    # initials alone on their line (a column of them), or before a disposition code
    return not line.cells or read_disposition_code(line.cells[0].text) is not None


def debris_line(line: CellLine) -> bool:
    """A line with nothing but stray marks and debris: not a row, not a cell."""
    return not line.office and not line.cells


def action_fragment(cells: Sequence[_fields.Word], printed_upper: bool) -> bool:
    """Whether a line of cells is an action code and its date, and nothing more."""
    kinds = [cell_kind(w.text, printed_upper) for w in cells]
    kinds = [k for k in kinds if k != "blank"]
    return (
        len(kinds) == 2
        and kinds[0] in CODE_CELL_KINDS
        and read_action_code(cells[0].text) is not None
        and kinds[1] in {"date", "smudge"}
    )
