"""Letters among the text lines outside worksheets, stamps and headers.

Strategy: runs of text lines become letters where a salutation or a closing
shows one (as OCR damages them: :mod:`worksheet_parser._blocks._blocklines`): the
letter opens up to :data:`MAX_PRELUDE` short lines above its salutation, and
runs to its signatures (at most :data:`MAX_SIGNATURES` short lines under its
closing), *across* stamps and page tags stamped into it (so a letter
block's lines need not be consecutive; the stamp is its own block).  A
worksheet or a new document's header between two runs ends an open letter.
Everything else becomes ``other`` blocks.  Salutations and closings are
found by bisection, so a run of many short letters stays linear.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence

from worksheet_parser import _vocab
from worksheet_parser._blocks._blocklines import salutation_at
from worksheet_parser._text._segment._blocks import BlockKind, _Ints
from worksheet_parser._text._segment._groups import _Groups
from worksheet_parser._text._segment._limits import MAX_BLANKS, MAX_PRELUDE, MAX_SIGNATURES
from worksheet_parser._text._segment._lines import _Lines

_STOP = re.compile(_vocab.LETTER_STOP, re.I)
_MAX_PRELUDE_LINE = 100
_MAX_SIGNATURE_LINE = 80


def _prelude_start(texts: list[str], run: Sequence[int], lo: int, sal: int) -> int:
    """Index in ``run`` where a letter whose salutation is ``run[sal]`` opens."""
    k = sal
    while k > lo and sal - k < MAX_PRELUDE:
        if len(texts[run[k - 1]].strip()) > _MAX_PRELUDE_LINE:
            break
        k -= 1
    return k


def _letter_end(texts: list[str], numbers: _Ints, run: Sequence[int], close: int) -> int:
    """Index in ``run`` of a letter's last line, given the index of its closing."""
    end = close
    k = close + 1
    while k < len(run) and k - close <= MAX_SIGNATURES:
        text = texts[run[k]]
        if (
            numbers[run[k]] - numbers[run[k - 1]] - 1 > MAX_BLANKS
            or len(text.strip()) > _MAX_SIGNATURE_LINE
            or _STOP.match(text)
            or salutation_at(text) is not None
        ):
            break
        end = k
        k += 1
    return end


def _text_runs(text_lines: Iterable[int], stamped: bytearray) -> Iterator[array[int] | range]:
    """Runs of text lines not interrupted by any other block's line but a stamp's.

    Every non-blank line belongs to some block, so two text lines are in one
    run when no non-blank line stands between them, or only lines of stamps
    (``stamped``, a byte a line: 1 for a stamp's): a stamp lands anywhere on
    a letter's page, between its letterhead and its salutation too.  A run of
    consecutive lines is a ``range`` (a long run of text costs no number per
    line), another a compact array.
    """
    lo = hi = -1  # the open run's last consecutive lines, range(lo, hi) ...
    joined: array[int] | None = None  # ... after these (lines before a stamp's)
    for i in text_lines:  # ascending
        if i == hi:
            hi += 1
            continue
        if hi >= 0:
            if stamped.find(0, hi, i) < 0:  # only stamps' lines between
                if joined is None:
                    joined = array("i")
                joined.extend(range(lo, hi))
                lo, hi = i, i + 1
                continue
            yield _run(joined, lo, hi)
            joined = None
        lo, hi = i, i + 1
    if hi >= 0:
        yield _run(joined, lo, hi)


def _run(joined: array[int] | None, lo: int, hi: int) -> array[int] | range:
    """The lines ``joined``, then ``lo`` to ``hi`` (not included)."""
    if joined is None:
        return range(lo, hi)
    joined.extend(range(lo, hi))
    return joined


def _at_or_after(ascending: list[int], k: int) -> int | None:
    """The first of ``ascending`` that is at least ``k``, if any."""
    i = bisect.bisect_left(ascending, k)
    return ascending[i] if i < len(ascending) else None


def _letters(
    lines: _Lines,
    text_lines: Iterable[int],
    breakers: _Ints,
    stamped: bytearray,
    out: _Groups,
) -> None:
    """Find letters among the text lines; add them (and the other text) to ``out``, in order.

    ``breakers`` are the first lines of each worksheet and each header that
    opens a document, in order; ``stamped`` marks the lines of stamps (see
    :func:`_text_runs`).
    """
    texts = lines.texts
    numbers = lines.numbers
    open_letter = False  # (the last group of ``out`` while open)
    prev_end = -1
    b = 0
    letter = lines.letter
    for run in _text_runs(text_lines, stamped):
        # A worksheet or a new document's header between two runs ends an open letter.
        while b < len(breakers) and breakers[b] < run[0]:
            if breakers[b] > prev_end:
                open_letter = False
            b += 1
        prev_end = run[-1]
        salutations = [k for k, i in enumerate(run) if letter(i)[0]]
        closings = [k for k, i in enumerate(run) if letter(i)[1]]
        pos = 0
        while pos < len(run):
            # (searched by bisection: a run of many short letters stays linear)
            sal = _at_or_after(salutations, pos)
            close = _at_or_after(closings, pos)
            if open_letter and sal is not None and (close is None or sal < close):
                open_letter = False  # a new letter starts before the open one closes
            if not open_letter:
                if sal is not None and (close is None or sal < close):
                    first = _prelude_start(texts, run, pos, sal)
                    # the salutation itself must not reopen the search
                    close = _at_or_after(closings, sal + 1)
                elif close is not None:
                    first = pos
                else:
                    out.add(BlockKind.OTHER, run[pos:])
                    break
                if first > pos:
                    out.add(BlockKind.OTHER, run[pos:first])
                out.add(BlockKind.LETTER, ())
                open_letter = True
                pos = first
                if sal is not None:
                    later = _at_or_after(salutations, sal + 1)
                    if later is not None and (close is None or later < close):
                        out.extend_last(run[pos:later])
                        open_letter = False
                        pos = later
                        continue
            stop = len(run) - 1 if close is None else _letter_end(texts, numbers, run, close)
            out.extend_last(run[pos : stop + 1])
            if close is not None:
                open_letter = False
            pos = stop + 1
