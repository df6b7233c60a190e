"""The registry of damage kinds: which function draws each kind and from which level
(:data:`KINDS`, :data:`FIRST_LEVEL`, :data:`ENGINE_KINDS`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from worksheet_parser._outputs._render import Layout
from worksheet_parser.noise._edits import _Dice, _Edit
from worksheet_parser.noise._engine import (
    _boxes,
    _colons,
    _debris,
    _label_spacing,
    _label_swaps,
    _letter_words,
    _lost_lines,
    _separators,
    _stray_marks,
    _wrapped_values,
)
from worksheet_parser.noise._reading_order import _blank_slots, _box_layout, _column_major
from worksheet_parser.noise._text import (
    _blank_lines,
    _confusions,
    _fused_labels,
    _junk,
    _legend,
    _punctuation,
    _smudges,
    _spaced,
    _splits,
    _tabs,
)

_Kind = Callable[[_Dice, Layout, float], Iterable[_Edit]]

_KINDS: dict[str, tuple[int, _Kind]] = {
    # kind: (first level it appears at, generator)
    "confusion": (1, _confusions),
    "tabs": (1, _tabs),
    "blank-lines": (1, _blank_lines),
    "junk": (1, _junk),
    "label-fused": (2, _fused_labels),
    "split": (2, _splits),
    "spaced": (2, _spaced),
    "legend-flattened": (2, _legend),
    "punctuation": (2, _punctuation),
    "smudge": (2, _smudges),
    "line-lost": (3, _lost_lines),
}

_ENGINE_KINDS: dict[str, tuple[int, _Kind]] = {
    # kind: (first level it appears at, generator); drawn after the kinds above.
    "stray-mark": (1, _stray_marks),
    "colon": (1, _colons),
    "label-spacing": (2, _label_spacing),
    "label-swap": (2, _label_swaps),
    "separator": (2, _separators),
    "bullet-box": (2, _boxes),
    "debris": (2, _debris),
    "letter-words": (2, _letter_words),
    "wrapped": (2, _wrapped_values),
    "blank-slot": (2, _blank_slots),
    "column-major": (3, _column_major),
    "box-layout": (3, _box_layout),
}

_REREAD = frozenset({"column-major", "box-layout"})
"""Kinds that read a whole region anew: damage drawn inside it before is not made."""

KINDS: tuple[str, ...] = (
    "confusion",
    "label-broken",
    "label-fused",
    "tabs",
    "split",
    "junk",
    "spaced",
    "blank-lines",
    "legend-flattened",
    "stamp-repeated",
    "punctuation",
    "smudge",
    "line-lost",
    "lower-case",
    "stray-mark",
    "colon",
    "label-spacing",
    "label-swap",
    "separator",
    "bullet-box",
    "debris",
    "letter-words",
    "wrapped",
    "column-major",
    "page-lower-case",
    "blank-slot",
    "box-layout",
)
"""Every kind of damage, as recorded in :attr:`Damage.kind`."""

FIRST_LEVEL: dict[str, int] = {
    **{kind: first for kind, (first, _) in _KINDS.items()},
    "label-broken": 1,
    "stamp-repeated": 2,
    "lower-case": 3,
    **{kind: first for kind, (first, _) in _ENGINE_KINDS.items()},
    "page-lower-case": 3,
}
"""The lowest noise level at which each kind of damage is drawn."""

ENGINE_KINDS: tuple[str, ...] = (*_ENGINE_KINDS, "page-lower-case")
"""The kinds of damage real OCR engines make on photocopied, scanned pages, beyond the
older noisy-dump kinds: stray marks, colons, spacing and letter swaps in labels,
separators, bullet check boxes, debris lines, damaged salutations and closings, wrapped
values, blank slots read as rules, tables read column by column, the 5/81 head read in
blocks, pages in lower case."""
