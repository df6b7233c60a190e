"""Damage to letters, words and blank space, the kinds drawn since the first noise
levels: letter/digit confusions, broken and fused labels, tabs, values moved to the
next line, handwriting junk, spaced-out letters, blank lines, the flattened legend,
lost punctuation and smudged dates.
"""

from __future__ import annotations

from collections.abc import Iterable

from worksheet_parser._outputs._render import BLOCK_SEPARATOR, Layout, Stretch
from worksheet_parser.noise._edits import (
    _DIGIT_LOOKALIKES,
    _FUSED_PREFIXES,
    _JUNK,
    _LABEL_LOOKALIKES,
    _SMUDGES,
    _Dice,
    _Edit,
    _letters,
    _line_end,
    _line_start,
)
from worksheet_parser.noise._records import Effect


def _swap_one(
    dice: _Dice, text: str, table: dict[str, str], start: int
) -> tuple[int, int, str] | None:
    spots = [i for i, ch in enumerate(text) if ch in table]
    if not spots:
        return None
    i = dice.pick(spots)
    return start + i, start + i + 1, table[text[i]]


def _confusions(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Letter/digit confusions where the reader can tell them apart."""
    for p in lay.pieces:
        text = lay.text[p.start : p.end]
        if p.role == "value" and p.expects in ("digits", "date") and dice.chance(rate):
            swap = _swap_one(dice, text, _DIGIT_LOOKALIKES, p.start)
            if swap is not None:
                yield _Edit(*swap, "confusion", Effect.REPAIRABLE, lay.fields(swap[0], swap[1]))
        elif p.role == "label" and _letters(text) > 5 and dice.chance(rate):
            swap = _swap_one(dice, text, _LABEL_LOOKALIKES, p.start)
            if swap is not None:
                yield _Edit(*swap, "label-broken", Effect.REPAIRABLE, (p.field or "",))
        elif (
            p.role == "value"
            and p.expects == "honorific"
            and text.upper().startswith(("THE HONORABLE", "HONORABLE"))
            and dice.chance(rate)
        ):
            at = p.start + text.upper().index("HONORABLE") + 3
            c = "C" if lay.text[at] == "O" else "c"
            yield _Edit(at, at + 1, c, "confusion", Effect.REPAIRABLE, (p.field or "",))


def _fused_labels(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """``NSCSITTERRAL NOTE:`` for ``REFERRAL NOTE:``; ``ODES:`` for ``INDIVIDUAL CODES:``."""
    for p in lay.pieces:
        if p.role != "label":
            continue
        text = lay.text[p.start : p.end]
        if text == "REFERRAL NOTE:" and dice.chance(rate):
            junk = dice.pick(_FUSED_PREFIXES) + "ITTE"
            yield _Edit(
                p.start, p.start + 4, junk, "label-fused", Effect.REPAIRABLE, (p.field or "",)
            )
        elif text == "INDIVIDUAL CODES:" and dice.chance(rate):
            yield _Edit(
                p.start, p.start + 12, "", "label-fused", Effect.REPAIRABLE, (p.field or "",)
            )


def _tabs(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Columns merged: a gap of blanks read as one tab."""
    for p in lay.pieces:
        blanks = p.role == "gap" and p.end - p.start >= 2 and " " in lay.text[p.start : p.end]
        if blanks and dice.chance(rate):
            yield _Edit(p.start, p.end, "\t", "tabs", Effect.REPAIRABLE, ())


_SPLIT_LABELS = frozenset(
    {
        "DATE RECEIVED:",
        "NAME OF CORRESPONDENT:",
        "SUBJECT:",
        "COMMENTS:",
        "Name of Correspondent:",
        "Date Correspondence Received (YY/MM/DD)",
        "Subject:",
        "Comments:",
        "Name of Document:",
    }
)


def _splits(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A label on one line and its value on the next."""
    for p in lay.pieces:
        if p.role != "label" or lay.text[p.start : p.end] not in _SPLIT_LABELS:
            continue
        if p.start != _line_start(lay.text, p.start) or lay.text[p.end : p.end + 1] != " ":
            continue
        if p.end + 1 < len(lay.text) and lay.text[p.end + 1] != "\n" and dice.chance(rate):
            yield _Edit(p.end, p.end + 1, "\n", "split", Effect.REPAIRABLE, (p.field or "",))


def _junk(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Handwriting read as junk, on a line of its own under a referral note."""
    for p in lay.pieces:
        if p.role == "label" and lay.text[p.start : p.end] == "REFERRAL NOTE:":
            end = _line_end(lay.text, p.end)
            if end < len(lay.text) and dice.chance(rate):
                yield _Edit(end, end, "\n" + dice.pick(_JUNK), "junk", Effect.REPAIRABLE, ())


def _spaced(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """``W A S H I N G T O N``."""
    for p in lay.pieces:
        if (
            p.expects == "place"
            and lay.text.startswith("WASHINGTON", p.start)
            and dice.chance(rate)
        ):
            word = lay.text[p.start : p.start + 10]
            yield _Edit(
                p.start, p.start + 10, " ".join(word), "spaced", Effect.REPAIRABLE, (p.field or "",)
            )


def _blank_lines(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Blank lines added between blocks and between a worksheet's lines, dropped in headers."""
    text = lay.text
    at = text.find(BLOCK_SEPARATOR)
    while at >= 0:
        if dice.chance(rate):
            yield _Edit(
                at, at, "\n" * (1 + dice.pick((0, 1, 2))), "blank-lines", Effect.REPAIRABLE, ()
            )
        at = text.find(BLOCK_SEPARATOR, at + len(BLOCK_SEPARATOR))
    for path, start, end in lay.blocks:
        if path.startswith("worksheets"):
            for i in range(start, end):
                if text[i] == "\n" and text[i + 1 : i + 2] != "\n" and dice.chance(rate / 2):
                    yield _Edit(i, i, "\n", "blank-lines", Effect.REPAIRABLE, ())
        elif path.startswith("headers"):
            for i in range(start, end - 1):
                if text[i : i + 2] == "\n\n" and dice.chance(rate):
                    yield _Edit(i, i + 1, "", "blank-lines", Effect.REPAIRABLE, ())


def _legend(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """The asterisk legend box flattened onto one line."""
    rows = [p for p in lay.pieces if p.role == "printed" and lay.text.startswith("*", p.start)]
    boxes: list[list[Stretch]] = []
    for p in rows:
        if boxes and lay.text[boxes[-1][-1].end : p.start] == "\n":
            boxes[-1].append(p)
        else:
            boxes.append([p])
    for box in boxes:
        if len(box) > 1 and dice.chance(rate * 2):
            for a in box[:-1]:
                yield _Edit(a.end, a.end + 1, " ", "legend-flattened", Effect.REPAIRABLE, ())


def _punctuation(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Punctuation lost from names (``EDWARD M KENNEDY``, ``MILLER ROBERT``)."""
    for p in lay.pieces:
        if p.role == "value" and p.expects == "name":
            text = lay.text[p.start : p.end]
            stripped = text.replace(".", "").replace(",", "")
            if stripped != text and stripped and dice.chance(rate):
                yield _Edit(
                    p.start, p.end, stripped, "punctuation", Effect.FOLDED, (p.field or "",)
                )


def _smudges(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A numeric date smudged past reading (``9?/0#/30``)."""
    for p in lay.pieces:
        text = lay.text[p.start : p.end]
        if p.role == "value" and p.expects == "date" and "/" in text and dice.chance(rate / 3):
            digits = [i for i, ch in enumerate(text) if ch.isdigit()]
            chars = list(text)
            for i in digits[1::2]:
                chars[i] = dice.pick(_SMUDGES)
            yield _Edit(
                p.start,
                p.end,
                "".join(chars),
                "smudge",
                Effect.DESTROYED,
                lay.fields(p.start, p.end),
            )
