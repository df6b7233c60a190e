"""Which non-blank lines the segmenter reads: all of them, or the ends of long plain runs.

Strategy: blank lines are never built as objects, only counted; the
non-blank lines are kept as their texts, offsets and line numbers (compact
arrays for many short lines, one string for lines of the same text).
Memory stays bounded on files of very short lines: in a long text whose
lines are short on average (:data:`._cut._THIN_SIZE`,
:data:`._cut._THIN_LINE`), a long run of plain lines (text that no rule
treats as anything but text: :func:`_plain`) is read as its first and last
:data:`_PLAIN_REACH` lines, further than any rule looks
(:mod:`._limits`), and the lines left out go to the block of the lines
around them.
"""

from __future__ import annotations

import collections
import re
from array import array

from worksheet_parser._blocks._blocklines import salutation_at
from worksheet_parser._text._segment._blocks import _Ints
from worksheet_parser._text._segment._lines import (
    _F_KIND,
    _F_PLAIN,
    _FACTS,
    _FACTS_SIZE,
    _is_anchor,
    _is_header,
    _line_kind,
    _new_facts,
    _upper_of,
)
from worksheet_parser._text._segment._patterns import (
    _FREE_TEXT_LABEL,
    _NOT_WORKSHEET_ANY,
    _OTHER,
    _STOPS,
    _TEXT,
    _classify,
    _stamp_line,
    closing_of,
)

_NON_EMPTY = re.compile(r"[^\n]+")


_COMPACT_SIZE = 1 << 16
"""Texts at least this long keep their lines' offsets and numbers in compact arrays."""


def _filled_lines(text: str) -> tuple[list[str], _Ints, _Ints]:
    """Texts, offsets and line numbers of the lines that are not blank."""
    texts: list[str] = []
    breaks = text.count("\n")
    if breaks * 16 < len(text):
        # Mostly long lines: one split, one loop.  The offsets and numbers of a long
        # text are compact all the same (a file of lines of 16 characters has as many
        # as one of short lines); a short text's are lists, read faster.
        starts: list[int] | array[int] = array("q") if len(text) >= _COMPACT_SIZE else []
        numbers: list[int] | array[int] = array("q") if len(text) >= _COMPACT_SIZE else []
        pos = 0
        for number, line in enumerate(text.split("\n")):
            if line and not line.isspace():
                texts.append(line)
                starts.append(pos)
                numbers.append(number)
            pos += len(line) + 1
        return texts, starts, numbers
    # Many short or empty lines: let the regex engine skip the empty ones,
    # and keep one string for lines of the same text (short lines repeat).
    number = 0
    pos = 0
    count = text.count
    same: dict[str, str] = {}
    offsets = array("q")  # compact: a million short lines make a million of each
    counts = array("q")
    for m in _NON_EMPTY.finditer(text):
        line = m.group()
        if line.isspace():
            continue
        if len(same) >= _FACTS_SIZE:
            same.clear()
        line = same.setdefault(line, line)
        start = m.start()
        number += count("\n", pos, start)
        pos = start
        texts.append(line)
        offsets.append(start)
        counts.append(number)
    return texts, offsets, counts


_PLAIN_REACH = 64
"""Plain lines kept at each end of a long run of them (see :func:`_thinned_lines`).

More than any rule of the segmenter looks across: a worksheet's free-text
continuation lines and gap (:data:`MAX_CONTINUATION` + :data:`MAX_GAP`), the
markers above a worksheet candidate, a letter's prelude and signatures, a
stamp's debris and interruptions."""


def _plain(text: str) -> bool:
    """Whether a line is plain text to every rule of the segmenter.

    Not an anchor, evidence (damaged or not), a stop, a marker, a free-text
    label, a salutation or a closing, nor a stamp or header line: a line that
    only ever joins the text around it.
    """
    f = _FACTS.get(text) or _new_facts(text)
    v = f[_F_PLAIN]
    if v is None:
        kind = f[_F_KIND]
        if kind is None:
            kind = f[_F_KIND] = _line_kind(text, f)
        upper = _upper_of(text, f)
        v = f[_F_PLAIN] = (
            kind == _OTHER
            and not _is_anchor(text, f)
            and not _is_header(text, f)
            and not _STOPS.search(text, upper)
            and not _stamp_line(text)
            and not _NOT_WORKSHEET_ANY.search(text, upper)
            and _FREE_TEXT_LABEL.match(text) is None
            and salutation_at(text) is None
            and not closing_of(text)
            and _classify(text, upper) == (_TEXT, "")
        )
    return v  # type: ignore[no-any-return]


def _thinned_lines(text: str) -> tuple[list[str], _Ints, _Ints, list[int]]:
    """:func:`_filled_lines`, less the middle of every long run of plain lines.

    Of a run of more than ``2 * _PLAIN_REACH`` consecutive plain lines
    (:func:`_plain`), only the first and last :data:`_PLAIN_REACH` are kept:
    no rule of the segmenter reaches the others, so they belong to the block
    of the lines around them, and the block is made to cover them (a file of
    a million short lines is then read as a few hundred).  Also returns the
    index of each kept line that follows lines left out.
    """
    texts: list[str] = []
    starts = array("q")
    numbers = array("q")
    cuts: list[int] = []
    same: dict[str, str] = {}  # one string for lines of the same text
    tail: collections.deque[tuple[str, int, int]] = collections.deque()
    run = 0
    dropped = False
    number = 0
    pos = 0
    count = text.count
    for m in _NON_EMPTY.finditer(text):
        line = m.group()
        if line.isspace():
            continue
        start = m.start()
        number += count("\n", pos, start)
        pos = start
        if len(same) >= _FACTS_SIZE:
            same.clear()
        line = same.setdefault(line, line)
        if _plain(line):
            run += 1
            if run > _PLAIN_REACH:
                tail.append((line, start, number))
                if len(tail) > _PLAIN_REACH:
                    tail.popleft()
                    dropped = True
                continue
        else:
            run = 0
        if tail:
            if dropped:
                cuts.append(len(texts))
                dropped = False
            for t, a, b in tail:
                texts.append(t)
                starts.append(a)
                numbers.append(b)
            tail.clear()
        texts.append(line)
        starts.append(start)
        numbers.append(number)
    if tail:
        if dropped:
            cuts.append(len(texts))
        for t, a, b in tail:
            texts.append(t)
            starts.append(a)
            numbers.append(b)
    return texts, starts, numbers, cuts
