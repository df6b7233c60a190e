"""Where worksheets lie: the scan that opens and closes worksheet blocks.

Strategy: a worksheet block opens at an anchor (an ``ID#`` line, or the
title, pulling in an ``ID#`` line just above it) and runs on while worksheet
evidence (labels, table headers, legend, footer; a label broken by OCR
digits, ``REFERRAL N0TE:``, counts once folded) keeps turning up, across
gaps of at most :data:`MAX_GAP` lines without any (damaged lines, junk
between ``THE WHITE HOUSE`` and its title).  The continuation lines of a
free-text value (``SUBJECT:``, ``COMMENTS:``, ``Name of Document:``) right
under it belong to it and do not count toward the gap, up to
:data:`MAX_CONTINUATION` of them: lines indented under the value, or in
capitals under a value in capitals (the computer-printed form).  It closes
after the footer's last line, before the next worksheet's anchor, before a
line that opens another kind of block (a stamp, an archive header, a
salutation: :data:`_vocab.WORKSHEET_STOPS`), or at its last line of evidence
(and that line's continuation lines).  A candidate without a title is
refused when a line of another kind of document (withdrawal sheet,
memorandum, routing slip) stands in or just above it.

The scan stays linear: a refused candidate is scanned again from the next
anchor, so the scan's result from each line of evidence is remembered, and
the check for another document's marker above a candidate counts the
markers once for all candidates (:class:`_Veto`).
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator

from worksheet_parser._text._segment._limits import MAX_CONTINUATION, MAX_GAP
from worksheet_parser._text._segment._lines import _F_ANCHOR, _F_FREE, _is_anchor, _Lines
from worksheet_parser._text._segment._patterns import (
    _EVIDENCE_LINE,
    _FOOTER_LINE,
    _ID_LINE,
    _TITLE_LINE,
    _lower,
)

_VETO_REACH = 12
"""How far above a title-less worksheet candidate a non-worksheet marker is looked for."""


def _continues(text: str, first: bool, upper_form: bool) -> bool:
    """Whether ``text`` looks like the next line of a free-text value.

    It does when it is indented under the value (as every form wraps it), when
    it is the value's first line under a label standing alone, or when the form
    prints its values in capitals and the line is in capitals too (OCR often
    loses the indentation of the computer-printed form's wrapped lines).
    """
    if first or text[:1] in (" ", "\t"):
        return True
    return upper_form and not _lower(text) and text != text.lower()


def _scan(lines: _Lines, at: int, has_id: bool, has_title: bool) -> tuple[int, bool, bool]:
    """Run a worksheet candidate on from its line ``at`` of evidence.

    Returns its last line and whether it has an ``ID#`` line and a title.
    What follows a line of evidence depends only on that line and the two
    flags, so the result is remembered for every such line passed (a refused
    candidate's lines are scanned again from the next anchor).

    A line that opens another kind of block (:data:`_vocab.WORKSHEET_STOPS`)
    ends the candidate at once.  The continuation lines of a free-text value
    (``SUBJECT:``, ``COMMENTS:``, ``Name of Document:``) right under it are
    part of the worksheet and do not count toward :data:`MAX_GAP`, up to
    :data:`MAX_CONTINUATION` of them.
    """
    memo = lines.memo
    if memo is None:
        n4 = 4 * len(lines.texts)
        memo = lines.memo = array("i" if n4 < 1 << 30 else "q", [-1]) * n4
    n = len(lines.texts)
    texts = lines.texts
    numbers = lines.numbers
    facts = lines.facts
    kinds = lines.kinds
    passed: list[int] = []
    result: tuple[int, bool, bool] | None = None
    while result is None:
        key = 4 * at + 2 * has_id + has_title
        known = memo[key]
        if known >= 0:
            result = (known >> 2, bool(known & 2), bool(known & 1))
            break
        passed.append(key)
        gap = 0
        trailing = -1
        end = at  # the last line of the free-text value that ``at`` opens
        free = facts[at][_F_FREE]
        label, empty, upper_form = lines.free_text(at) if free is None else free
        j = at + 1
        while j < n:
            kind = kinds[j]
            if kind < 0:
                kind = lines.kind(j)
            if kind == _ID_LINE:
                if has_id:
                    result = (end, has_id, has_title)
                else:
                    at, has_id = j, True
                break
            if kind == _TITLE_LINE:
                if has_title and has_id:
                    result = (end, has_id, has_title)
                else:
                    at, has_title = j, True
                break
            if kind == _FOOTER_LINE:
                result = (j, has_id, has_title)
                break
            if kind == _EVIDENCE_LINE:
                at = j
                break
            if lines.stops(j):
                result = (end, has_id, has_title)
                break
            if (
                label
                and end == j - 1
                and j - at <= MAX_CONTINUATION
                and numbers[j] - numbers[end] <= 2  # at most one blank line between
                and _continues(texts[j], empty and end == at, upper_form)
            ):
                end = j
                j += 1
                continue
            gap += 1
            trailing = j
            if gap > MAX_GAP:
                result = (end, has_id, has_title)
                break
            j += 1
        else:
            # The input ends inside the worksheet (a page cut off): a free-text
            # field's continuation lines still belong to it.
            last = end
            if trailing > last and label:
                last = trailing
            result = (last, has_id, has_title)
    code = 4 * result[0] + 2 * result[1] + result[2]
    for key in passed:
        memo[key] = code
    return result


class _Veto:
    """Whether a line of another kind of document stands in a range of lines.

    The ranges asked for start at non-decreasing lines, so each line is
    searched at most once and each question costs a subtraction.
    """

    __slots__ = ("base", "counts", "lines")

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.base = 0
        self.counts = [0]  # markers in lines base .. base + i - 1

    def any(self, lo: int, hi: int) -> bool:
        """Whether any of the non-blank lines ``lo..hi`` (inclusive) is a marker."""
        counts = self.counts
        if lo > self.base + len(counts) - 1:
            self.base, counts = lo, [0]
            self.counts = counts
        base = self.base
        lines = self.lines
        while base + len(counts) - 1 <= hi:
            k = base + len(counts) - 1
            hit = lines.marker(k)
            counts.append(counts[-1] + hit)
        return counts[hi + 1 - base] - counts[lo - base] > 0


def _worksheet_spans(lines: _Lines) -> Iterator[tuple[int, int]]:
    """Yield ``(first, last)`` non-blank line indexes (inclusive) of worksheet blocks."""
    numbers = lines.numbers
    n = len(numbers)
    veto = _Veto(lines)
    i = 0
    floor = 0  # line number
    texts = lines.texts
    facts = lines.facts
    while i < n:
        anchor = facts[i][_F_ANCHOR]
        if not (_is_anchor(texts[i], facts[i]) if anchor is None else anchor):
            i += 1
            continue
        last, has_id, has_title = _scan(lines, i, lines.is_id(i), lines.is_title(i))
        if has_title or (
            has_id
            and last > i
            and not veto.any(
                bisect.bisect_left(numbers, max(floor, numbers[i] - _VETO_REACH)), last
            )
        ):
            yield i, last
            i = last + 1
            floor = numbers[last] + 1
        else:
            i += 1
