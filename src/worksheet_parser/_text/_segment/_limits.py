"""How far the segmenter looks: the distances its rules run across, in lines.

Strategy: every rule of the segmenter reaches a bounded number of lines
(a worksheet's gap and continuation lines, a stamp's blank lines and
interruptions, a letter's prelude and signatures), so segmenting stays
linear and a long run of plain text can be read at its two ends only
(:data:`._read_lines._PLAIN_REACH` is more than any of these).
"""

from __future__ import annotations

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
]

MAX_GAP = 4
"""Non-blank lines without worksheet evidence a worksheet block may run across."""

MAX_CONTINUATION = 30
"""Continuation lines of a free-text value that do not count toward :data:`MAX_GAP`."""

MAX_BLANKS = 2
"""Blank lines that may separate two lines of one stamp or header."""

MAX_PRELUDE = 8
"""Short lines above a salutation read as letterhead, place, date and address."""

MIN_LETTER_LINES = 3
"""Non-blank lines a letter needs (a salutation or closing alone is not one)."""

MAX_SIGNATURES = 6
"""Lines under a closing read as signatures."""

MAX_STAMP_INTERRUPTION = 2
"""Text lines (another column's, fused) that may stand between two parts of one stamp."""

MAX_WORKSHEET_LINES = 1000
"""Lines a worksheet block may hold, blank ones included: ten times the longest printed
worksheet with its wrapped values.  A block that runs on longer (a damaged dump, or text
made to stall a reader) is read up to this line; the rest is kept as unrecognized text."""

MAX_LETTER_PARAGRAPHS = 2000
"""Paragraphs read into a letter's body: far more than any letter's.  A body that runs on
longer (a long enclosure read as one letter, or text made to stall a reader) is read up to
this paragraph; the rest is kept as one unread run."""
