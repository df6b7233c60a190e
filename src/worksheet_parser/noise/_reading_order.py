"""Damage to the reading order of whole regions: a routing table read column by
column, its ruled blank slots read as rules, and the 5/81 form's head read in blocks.
"""

from __future__ import annotations

from collections.abc import Iterable

from worksheet_parser._outputs._render import Layout
from worksheet_parser.noise._edits import _Dice, _Edit
from worksheet_parser.noise._records import Effect

_HEAD_PLACES = ("before", "between", "after")
_COLUMNS = (
    "office",
    "action_code",
    "action_date",
    "response_type",
    "disposition_code",
    "disposition_date",
)


def _column_major(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A routing table read column by column: every office, then every action code, every
    date..., then the referral notes, with the heading lines before, between or after.

    A column that has a cell (a value or the form's blank slot) in every row can be put
    back together: its fields are repairable.  A column printed in some rows only (an
    empty response type, a 5/81 row without a disposition) cannot: which row a value
    belongs to is lost, so those fields are destroyed (never to be put in a wrong row)."""
    text = lay.text
    for table in lay.tables:
        if len(table.rows) < 2 or not dice.chance(min(1.0, rate * 2)):
            continue
        place = dice.pick(_HEAD_PLACES)
        head = [text[s:e] for s, e in table.head]
        lines: list[str] = head[:] if place == "before" else []
        repairable: list[str] = []
        destroyed: list[str] = []
        for column in _COLUMNS:
            cells = [c for row in table.rows for c in row if c.column == column]
            lines.extend(text[c.start : c.end] for c in cells)
            held = [c.field for c in cells if c.field]
            (repairable if len(cells) == len(table.rows) else destroyed).extend(held)
            if column == "office" and place == "between":
                lines.extend(head)
        notes = [c for row in table.rows for c in row if c.column == "referral_note"]
        lines.extend(text[c.start : c.end] for c in notes)
        repairable.extend(c.field for c in notes if c.field)
        if place == "after":
            lines.extend(head)
        new = "\n".join(lines) + "\n"
        yield _Edit(
            table.start, table.end, new, "column-major", Effect.REPAIRABLE, tuple(repairable)
        )
        if destroyed:
            yield _Edit(
                table.start, table.end, new, "column-major", Effect.DESTROYED, tuple(destroyed)
            )


_RULES = ("—_—", "_", "—", "__/_/__", "_ _/_ _", "— —")


def _blank_slots(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A routing table's ruled blank slots (``__``, ``__/__/__``) read as rules: ``—_—``."""
    for p in lay.pieces:
        slot = p.role == "printed" and lay.text[p.start : p.end] in ("__", "__/__/__")
        if slot and dice.chance(rate):
            rule = dice.pick(_RULES)
            yield _Edit(p.start, p.end, rule, "blank-slot", Effect.REPAIRABLE, ())


_FORM_TITLE = ("WHITE HOUSE", "CORRESPONDENCE TRACKING WORKSHEET")
_DATE_LABEL_5_81 = "Date Correspondence Received (YY/MM/DD)"
_LAYOUT_TICKS = ("X", "[x]", '8"', "■", "•")
_LAYOUT_EMPTIES = ("0", "D", "□", "[_]")


def _box_layout(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """The 5/81 form's head as engines read it: the id (often before its label) and the
    title on one line, each check box on a line of its own (or the first on the title's
    line), the date label split across the check-box lines (``O - OUTGOING Date
    Correspondence`` / ``H - INTERNAL Received (YY/MM/DD) 85/11/05`` / ``I -
    INCOMING``)."""
    text = lay.text
    for path, start, end in lay.blocks:
        if not path.startswith("worksheets") or not text.startswith("ID #", start):
            continue
        rows = text[start:end].split("\n")[:5]
        if len(rows) < 5 or tuple(rows[1:3]) != _FORM_TITLE:
            continue
        boxes = rows[3].split("\t")
        if len(boxes) != 3 or not rows[4].startswith(_DATE_LABEL_5_81):
            continue
        if not dice.chance(min(1.0, rate * 2)):
            continue
        number = rows[0].removeprefix("ID #").strip()
        title = " ".join(_FORM_TITLE)
        head = f"{number} ID {title}" if number and dice.chance(0.5) else f"{rows[0]} {title}"
        marked = []
        for box in boxes:
            mark, rest = box.split(" ", 1)
            marks = _LAYOUT_TICKS if mark == "X" else _LAYOUT_EMPTIES
            marked.append(f"{dice.pick(marks)} {rest}")
        value = rows[4][len(_DATE_LABEL_5_81) :]
        if dice.chance(0.3):
            # The first box on the id and title's line.
            lines = [
                f"{head} {marked[0]}",
                f"{marked[1]} Date Correspondence",
                f"{marked[2]} Received (YY/MM/DD){value}",
            ]
        else:
            lines = [
                head,
                f"{marked[0]} Date Correspondence",
                f"{marked[1]} Received (YY/MM/DD){value}",
                marked[2],
            ]
        region = start + len("\n".join(rows))
        fields = lay.fields(start, region)
        yield _Edit(start, region, "\n".join(lines), "box-layout", Effect.REPAIRABLE, fields)
