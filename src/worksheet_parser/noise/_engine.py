"""Damage real OCR engines make on photocopied, scanned pages, line by line: lost
lines, stray marks, colons, spaces and letter swaps in labels, damaged separators,
bullet check boxes, debris lines, damaged salutations and wrapped values.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from worksheet_parser._outputs._render import Layout
from worksheet_parser.noise._edits import _block_of, _Dice, _Edit, _letters, _line_end, _line_start
from worksheet_parser.noise._records import Effect
from worksheet_parser.noise._text import _swap_one

_LOSABLE = ("Date:", "Case ID:", "DATE RECEIVED:")


def _lost_lines(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A stamp's date or case id line, or the ``DATE RECEIVED`` line, lost entirely."""
    for p in lay.pieces:
        if p.role == "label" and lay.text[p.start : p.end] in _LOSABLE and dice.chance(rate / 3):
            if p.start != _line_start(lay.text, p.start):
                continue
            end = _line_end(lay.text, p.start)
            if end < len(lay.text):
                end += 1
            elif p.start > 0:
                yield _Edit(p.start - 1, end, "", "line-lost", Effect.DESTROYED, (p.field or "",))
                continue
            yield _Edit(p.start, end, "", "line-lost", Effect.DESTROYED, (p.field or "",))


# The kinds below are what real engines do to photocopied, scanned pages
# (forms.md, "What a real OCR engine does to these pages").  They are drawn
# after the older kinds, so a seed gives those the same damage as before.

_MARKS_BEFORE = ("~~~ ", "| ", ". ", "' ", "_ ", "; ", "* ")
_MARKS_AFTER = (" |", " :", " '", " ;", " _", " ~")
_DEGREE = "°"


def _stray_marks(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Marks fused to labels and values: ``~~~ DATE RECEIVED:``, ``| ACTION``, ``NOVEMBER 8,°
    1991``, a value followed by `` |``."""
    text = lay.text
    for p in lay.pieces:
        piece = text[p.start : p.end]
        fields = (p.field,) if p.field else ()
        at_start = p.start == _line_start(text, p.start)
        if p.role in ("label", "printed") and at_start and piece[:1].isalpha():
            if dice.chance(rate):
                mark = dice.pick(_MARKS_BEFORE)
                yield _Edit(p.start, p.start, mark, "stray-mark", Effect.REPAIRABLE, fields)
        elif p.role == "value" and p.expects == "date" and ", " in piece:
            if dice.chance(rate):
                at = p.start + piece.index(", ") + 1
                yield _Edit(at, at, _DEGREE, "stray-mark", Effect.REPAIRABLE, fields)
        elif (
            p.role == "value"
            and p.expects in ("date", "digits", "code", "name")
            and p.end == _line_end(text, p.end)
            and _block_of(lay, p.start).startswith(("worksheets", "review_stamps"))
            and dice.chance(rate)
        ):
            mark = dice.pick(_MARKS_AFTER)
            yield _Edit(p.end, p.end, mark, "stray-mark", Effect.REPAIRABLE, fields)


def _colons(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """``;`` or ``.`` or nothing for a label's colon (``DATE RECEIVED;``)."""
    for p in lay.pieces:
        piece = lay.text[p.start : p.end]
        labelled = p.role == "label" and piece.endswith(":") and _letters(piece) > 5
        if labelled and dice.chance(rate):
            mark = dice.pick((";", ".", ""))
            field = (p.field,) if p.field else ()
            yield _Edit(p.end - 1, p.end, mark, "colon", Effect.REPAIRABLE, field)


def _label_spacing(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Spaces inserted or lost inside labels: ``NAME OF CORRES PONDENT:``, ``SUBJEC T:``,
    ``DATERECEIVED:``."""
    for p in lay.pieces:
        piece = lay.text[p.start : p.end]
        if p.role != "label" or _letters(piece) <= 5 or not dice.chance(rate):
            continue
        field = (p.field,) if p.field else ()
        spaces = [i for i, ch in enumerate(piece) if ch == " "]
        words = list(re.finditer(r"[A-Za-z]{4,}", piece))
        if spaces and dice.chance(0.4):
            at = p.start + dice.pick(spaces)
            yield _Edit(at, at + 1, "", "label-spacing", Effect.REPAIRABLE, field)
        elif words:
            word = dice.pick(words)
            at = p.start + word.start() + 1 + dice.pick(range(len(word.group()) - 1))
            yield _Edit(at, at, " ", "label-spacing", Effect.REPAIRABLE, field)


_SWAPS = {"e": "c", "E": "F", "a": "o", "R": "K", "c": "e"}


def _label_swaps(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A letter swapped for a look-alike in a label: ``Casc ID:``, ``Rcview Authority:``."""
    for p in lay.pieces:
        piece = lay.text[p.start : p.end]
        if p.role == "label" and _letters(piece) > 5 and dice.chance(rate):
            swap = _swap_one(dice, piece, _SWAPS, p.start)
            if swap is not None:
                field = (p.field,) if p.field else ()
                yield _Edit(*swap, "label-swap", Effect.REPAIRABLE, field)


_SLASH_DAMAGE = ("l", ",", ".", "|")
_COMMA_DAMAGE = (";", ".", "")
_CODE = re.compile(r"[A-Z]{2}\d{3}")


def _separators(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Damaged separators and digits in dates and codes: ``92l07/08``, ``JULY 15; 1989``,
    ``PROO7`` for ``PR007``."""
    for p in lay.pieces:
        if p.role != "value" or not dice.chance(rate):
            continue
        piece = lay.text[p.start : p.end]
        fields = lay.fields(p.start, p.end)
        if p.expects == "date" and "/" in piece:
            at = p.start + dice.pick([i for i, ch in enumerate(piece) if ch == "/"])
            mark = dice.pick(_SLASH_DAMAGE)
            yield _Edit(at, at + 1, mark, "separator", Effect.REPAIRABLE, fields)
        elif p.expects == "date" and ", " in piece:
            at = p.start + piece.index(", ")
            mark = dice.pick(_COMMA_DAMAGE)
            yield _Edit(at, at + 1, mark, "separator", Effect.REPAIRABLE, fields)
        elif p.expects == "code" and _CODE.match(piece) and "0" in piece[2:5]:
            at = p.start + 2 + dice.pick([i for i, ch in enumerate(piece[2:5]) if ch == "0"])
            yield _Edit(at, at + 1, "O", "separator", Effect.REPAIRABLE, fields)


_TICKS = ('8"', "■", "·", "•", "X")
_EMPTIES = ("0", "D", "□", "0 0")
_BOX_SEPARATORS = ("-", "·", "•", "")


def _boxes(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Check boxes as engines read them: ``8"I · INCOMING``, ``• I - INCOMING``, ``□ O -
    OUTGOING``, the mark fused with the box letter, the separator changed or lost."""
    pieces = lay.pieces
    for k, p in enumerate(pieces):
        if p.role != "mark" or k + 1 >= len(pieces) or not dice.chance(rate * 3):
            continue
        box = pieces[k + 1]
        label = lay.text[box.start : box.end]
        if not re.match(r"[A-Z] - ", label) or lay.text[p.end : box.start] != " ":
            continue
        ticked = box.role == "value"
        mark = dice.pick(_TICKS if ticked else _EMPTIES)
        fused = ticked and dice.chance(0.5)
        sep = dice.pick(_BOX_SEPARATORS)
        new = mark + ("" if fused else " ") + label[0] + (f" {sep} " if sep else " ")
        field = (p.field,) if p.field else ()
        yield _Edit(p.start, box.start + 4, new, "bullet-box", Effect.REPAIRABLE, field)


_DEBRIS = ("I 1 I", "5m", "—_—", "'", "Gy ~", "|", "/_/_", "~ ~", "1 I", "_")


def _debris(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Handwriting and rules read as short junk lines (``I 1 I``, ``5m``, ``—_—``, a tick)
    between two lines of different fields: between routing rows, inside a review stamp,
    between a closing and the typed name below it."""
    text = lay.text
    pieces = [p for p in lay.pieces if p.role != "gap"]
    for k in range(1, len(pieces)):
        before, p = pieces[k - 1], pieces[k]
        block = _block_of(lay, p.start)
        if not block.startswith(("worksheets", "review_stamps", "letters")):
            continue
        if p.start != _line_start(text, p.start) or p.start == 0 or text[p.start - 1] != "\n":
            continue
        if _block_of(lay, before.start) != block:
            continue
        if before.role == "printed" and p.role == "printed":
            continue  # inside the form's own text (title, legend, footer)
        new_field = p.field is None or before.field is None or p.field != before.field
        if new_field and dice.chance(rate / 2):
            junk = dice.pick(_DEBRIS) + "\n"
            yield _Edit(p.start, p.start, junk, "debris", Effect.REPAIRABLE, ())


def _letter_words(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Damaged salutations and closings: ``Dcar Mr. President:``, ``Sinccrely,``,
    ``Sincerely yours.``."""
    for p in lay.pieces:
        if p.field is None or p.role != "value" or not dice.chance(rate * 2):
            continue
        piece = lay.text[p.start : p.end]
        if p.field.endswith(".salutation") and piece in ("Dear", "My"):
            at = p.start + piece.index(piece[1])
            new = {"e": "c", "y": "v"}[piece[1]]
            yield _Edit(at, at + 1, new, "letter-words", Effect.REPAIRABLE, (p.field,))
        elif p.field.endswith(".closing") and piece.endswith(","):
            if "e" in piece and dice.chance(0.5):
                at = p.start + piece.rindex("e")
                yield _Edit(at, at + 1, "c", "letter-words", Effect.REPAIRABLE, (p.field,))
            else:
                yield _Edit(p.end - 1, p.end, ".", "letter-words", Effect.REPAIRABLE, (p.field,))


def _wrapped_values(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A value wrapped onto the next line: a long name, a list of subject codes or
    individual codes."""
    text = lay.text
    pieces = [p for p in lay.pieces if p.role == "value" and p.field is not None]
    for before, p in itertools.pairwise(pieces):
        field = p.field or ""
        if not field.startswith("worksheets") or ".routing" in field:
            continue
        same = before.field == p.field or (
            ".correspondent" in field and ".correspondent" in (before.field or "")
        )
        if not same or p.expects not in ("name", "code", "digits", "honorific"):
            continue
        if text[before.end : p.start] == " " and dice.chance(rate):
            fields = (before.field or "", field) if before.field != field else (field,)
            yield _Edit(before.end, p.start, "\n", "wrapped", Effect.REPAIRABLE, fields)
