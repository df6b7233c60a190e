"""Stamps and archive headers among the lines outside worksheets.

Strategy: the lines outside worksheets are classed one by one
(:func:`._patterns._classify`: review stamp line, release stamp line,
archive header line, or text).  Neighbouring lines of one family (separated
by at most :data:`MAX_BLANKS` blank lines) form one block; a review stamp
needs one of its strong lines (office, ``Review Authority``, ``Case ID``),
so a letterhead naming a department is not a stamp.  Handwriting lines
(``5m``, ``I 1 I``) between two lines of a stamp are the stamp's, and parts
of one stamp that hold different fields, cut apart by at most
:data:`MAX_STAMP_INTERRUPTION` lines of text, are one stamp; a run of
header lines is cut where the printed order (number, date, status, page
tags) starts again, so a ``RELEASED`` stamp just above the next document's
number stays a stamp.  Only text lines near a stamp or header line
(:data:`_STAMP_REACH`) take part: every other text line is text whatever
the lines around it, and is left to :mod:`._letter_runs`.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator

from worksheet_parser._blocks._blocklines import debris_line
from worksheet_parser._text._segment._blocks import BlockKind, _Group, _Ints
from worksheet_parser._text._segment._limits import MAX_BLANKS, MAX_STAMP_INTERRUPTION
from worksheet_parser._text._segment._lines import _Lines
from worksheet_parser._text._segment._patterns import (
    _HEADER,
    _RELEASE,
    _REVIEW,
    _REVIEW_STRONG,
    _STATUS_WORD,
    _TEXT,
)


def _adjacent(numbers: _Ints, a: int, b: int) -> bool:
    """Whether only blank lines (at most MAX_BLANKS) stand between non-blank lines ``a``, ``b``."""
    return b == a + 1 and numbers[b] - numbers[a] - 1 <= MAX_BLANKS


def _runs(
    items: list[tuple[int, str, str]], numbers: _Ints
) -> Iterator[list[tuple[int, str, str]]]:
    """Split classified lines into runs of one family of neighbouring lines (each run
    made as it is asked for: a file of stamp lines has hundreds of thousands)."""
    run: list[tuple[int, str, str]] = []
    for item in items:
        fam = item[1]
        if fam == _STATUS_WORD:
            fam = _HEADER
        if run:
            prev = run[-1]
            pfam = _HEADER if prev[1] == _STATUS_WORD else prev[1]
            if pfam == fam and fam != _TEXT and _adjacent(numbers, prev[0], item[0]):
                run.append(item)
                continue
            yield run
        run = [item]
    if run:
        yield run


_MAX_DEBRIS_LINES = 2
"""Debris lines (handwriting, ticks) between two lines of one stamp that it takes in."""


def _loose(item: tuple[int, str, str]) -> bool:
    """Whether a classified line may be debris: text, or a lone page-tag-like mark."""
    return item[1] == _TEXT or (item[1] == _HEADER and item[2] == "tag")


def _absorb_debris(
    items: list[tuple[int, str, str]], texts: list[str], numbers: _Ints
) -> list[tuple[int, str, str]]:
    """Give debris lines (``I 1 I``, ``5m``, a rule) between two review stamp lines to the stamp.

    Handwriting and speckle between a stamp's printed lines would otherwise
    cut the stamp in two; the stamp reader keeps such a line as unread.  A
    scrawl that looks like a page tag (``5m``) is no page tag there.
    """
    if not any(item[1] == _REVIEW for item in items):
        return items  # no stamp: nothing to take in
    out = list(items)
    k = 1
    while k < len(out) - 1:
        if not _loose(out[k]) or out[k - 1][1] != _REVIEW:
            k += 1
            continue
        stop = k
        while stop < len(out) and stop - k < _MAX_DEBRIS_LINES and _loose(out[stop]):
            if not debris_line(texts[out[stop][0]]):
                break
            stop += 1
        if (
            stop > k
            and stop < len(out)
            and out[stop][1] == _REVIEW
            and all(_adjacent(numbers, out[j][0], out[j + 1][0]) for j in range(k - 1, stop))
        ):
            for j in range(k, stop):
                out[j] = (out[j][0], _REVIEW, "")
        k = stop + 1 if stop > k else k + 1
    return out


def _split_repeats(run: list[tuple[int, str, str]]) -> list[list[tuple[int, str, str]]]:
    """Cut a stamp run where a field (or stamp kind) that it already has turns up again."""
    if len(run) == 1:
        return [run]  # nothing to repeat (most runs, in a file of short stamps)
    chunks: list[list[tuple[int, str, str]]] = [[]]
    seen: set[str] = set()
    for item in run:
        detail = item[2]
        if detail and detail in seen:
            chunks.append([])
            seen = set()
        if detail:
            seen.add(detail)
        chunks[-1].append(item)
    return chunks


def _stamp_groups(
    items: list[tuple[int, str, str]], texts: list[str], numbers: _Ints
) -> tuple[list[_Group], list[int]]:
    """Group stamp and header lines; return the groups and the lines left as text."""
    groups: list[_Group] = []
    text: list[int] = []  # each line is in one run, so once
    reviews: list[list[tuple[int, str, str]]] = []
    items = _absorb_debris(items, texts, numbers)
    for run in _runs(items, numbers):
        fam = run[0][1]
        if fam == _TEXT:
            text.extend(i for i, _, _ in run)
        elif fam == _REVIEW:
            reviews.extend(_split_repeats(run))
        elif fam == _RELEASE:
            for chunk in _split_repeats(run):
                groups.append(_Group(BlockKind.RELEASE_STAMP, [i for i, _, _ in chunk]))
        else:
            for chunk in _header_chunks(run, texts):
                if any(f == _HEADER for _, f, _ in chunk):
                    doc = any(f == _HEADER and d in ("date", "number") for _, f, d in chunk)
                    groups.append(_Group(BlockKind.HEADER, [i for i, _, _ in chunk], doc))
                    continue
                for i, _, word in chunk:
                    if word.upper() == "RELEASED":
                        groups.append(_Group(BlockKind.RELEASE_STAMP, [i]))
                    else:
                        text.append(i)
    text_lines = bytearray(len(texts))  # a byte a line, not a set of line numbers
    for i, f, _ in items:
        if f == _TEXT:
            text_lines[i] = 1
    del items
    for chunk in _join_fragments(reviews, text_lines):
        if any(d in _REVIEW_STRONG for _, _, d in chunk):
            groups.append(_Group(BlockKind.REVIEW_STAMP, [i for i, _, _ in chunk]))
        else:
            text.extend(i for i, _, _ in chunk)
    text.sort()
    return groups, text


def _join_fragments(
    chunks: list[list[tuple[int, str, str]]], text_lines: bytearray
) -> list[list[tuple[int, str, str]]]:
    """Join parts of one review stamp that a few lines of other text cut apart.

    On a page where a stamp sits beside a letter's address, OCR reads some
    lines across both, and those are the letter's (``The White House corey
    amoty. AINSWORTH``): the stamp's lines above and below them are still one
    stamp when they hold different fields and at most
    :data:`MAX_STAMP_INTERRUPTION` text lines stand between them.
    """
    out: list[list[tuple[int, str, str]]] = []
    for chunk in chunks:
        if out:
            prev = out[-1]
            gap = range(prev[-1][0] + 1, chunk[0][0])
            fields = {d for _, _, d in prev if d}
            if (
                len(gap) <= MAX_STAMP_INTERRUPTION
                and all(text_lines[k] for k in gap)
                and not fields & {d for _, _, d in chunk if d}
            ):
                prev.extend(chunk)
                continue
        out.append(chunk)  # the caller's lists, not used again: extended in place
    return out


def _header_chunks(
    run: list[tuple[int, str, str]], texts: list[str]
) -> list[list[tuple[int, str, str]]]:
    """Cut a run of header lines where a new header starts.

    A header prints its number, date, status and page tags in that order, so a
    line that goes back in that order (the next document's number under a
    ``RELEASED`` stamp or a page tag), or a second number or date, opens another.
    """
    chunks: list[list[tuple[int, str, str]]] = []
    prev = -1
    for item in run:
        _, fam, detail = item
        if fam == _STATUS_WORD:
            rank = 2
        elif detail == "date":
            rank = 1
        elif detail == "number":
            rank = 0
        else:
            rank = 3
        if not chunks or rank < prev or (rank == prev and rank < 2):
            chunks.append([])
        chunks[-1].append(item)
        prev = rank
    return chunks


_STAMP_REACH = 3
"""Text lines this close to a stamp or header line are grouped with the stamps (more than
:data:`_MAX_DEBRIS_LINES` and :data:`MAX_STAMP_INTERRUPTION`)."""


def _classified(lines: _Lines, owner: _Ints) -> tuple[list[tuple[int, str, str]], _Ints]:
    """``(line, family, detail)`` of the lines outside worksheets (:meth:`_Lines.classify`),
    and apart, the text lines far from every other line outside worksheets.

    Only text lines within :data:`_STAMP_REACH` lines of a stamp or header
    line take part in grouping stamps (as debris between two of its lines,
    or as the text between two parts of one); every other text line is text
    whatever the lines around it, so it is not made into an item (a file of
    short text lines would make one per line).
    """
    lone = array("q")  # compact: a file of short text lines makes one per line
    if -1 not in owner:
        return [], lone
    classify = lines.classify
    free = range(len(owner))
    marked = [k for k in free if owner[k] < 0 and classify(k)[0] != _TEXT]
    items: list[tuple[int, str, str]] = []
    at = 0  # the first marked line not yet more than _STAMP_REACH lines behind
    for k in free:
        if owner[k] >= 0:
            continue
        while at < len(marked) and marked[at] < k - _STAMP_REACH:
            at += 1
        if at < len(marked) and marked[at] <= k + _STAMP_REACH:
            items.append((k, *classify(k)))
        else:
            lone.append(k)
    return items, lone
