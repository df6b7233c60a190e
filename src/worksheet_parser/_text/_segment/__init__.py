"""Stage 2: cut the normalised text into blocks, in reading order.

Strategy: one pass over the non-blank lines (blank lines are never built as
objects: they are only counted, and a block's lines are made on demand) with
a single compiled pattern per kind of evidence; the unanchored patterns are
tried only on lines holding one of the words they need.  Worksheets are
found first, then stamps and archive headers among the other lines, then
letters among the text left; everything else is ``other`` text, and every
line of the input is in exactly one block.  Every step is linear in the
number of lines, and what a line's text alone decides is found once per
text and remembered across calls in a bounded memo.

Where each part is:

- :mod:`._cut`: :func:`segment`, the order of the steps, blank lines, blocks built;
- :mod:`._blocks`: :class:`Block`, :class:`Line`, :class:`BlockKind`;
- :mod:`._groups`: the groups of lines blocks are built from, in compact tables;
- :mod:`._limits`: how many lines each rule looks across;
- :mod:`._read_lines`: the non-blank lines read, and long plain runs thinned;
- :mod:`._patterns`: what a line's text alone says (worksheet evidence, stamp,
  header and release stamp lines);
- :mod:`._prefilter`: the quick filter that tries a pattern only on lines
  holding a word it needs;
- :mod:`._lines`: each line's facts, found on first need and remembered;
- :mod:`._worksheets`: where worksheet blocks open and close;
- :mod:`._stamp_groups`: stamps and headers among the other lines;
- :mod:`._letter_runs`: letters among the text lines left.
"""

from __future__ import annotations

from worksheet_parser._text._segment._blocks import Block, BlockKind, Line, split_lines
from worksheet_parser._text._segment._cut import iter_blocks, segment
from worksheet_parser._text._segment._limits import (
    MAX_BLANKS,
    MAX_CONTINUATION,
    MAX_GAP,
    MAX_LETTER_PARAGRAPHS,
    MAX_PRELUDE,
    MAX_SIGNATURES,
    MAX_STAMP_INTERRUPTION,
    MAX_WORKSHEET_LINES,
    MIN_LETTER_LINES,
)
from worksheet_parser._text._segment._patterns import MIN_NUMBER_DIGITS, closing_of, number_line

__all__ = [
    "MAX_BLANKS",
    "MAX_CONTINUATION",
    "MAX_GAP",
    "MAX_LETTER_PARAGRAPHS",
    "MAX_PRELUDE",
    "MAX_SIGNATURES",
    "MAX_STAMP_INTERRUPTION",
    "MAX_WORKSHEET_LINES",
    "MIN_LETTER_LINES",
    "MIN_NUMBER_DIGITS",
    "Block",
    "BlockKind",
    "Line",
    "closing_of",
    "iter_blocks",
    "number_line",
    "segment",
    "split_lines",
]
