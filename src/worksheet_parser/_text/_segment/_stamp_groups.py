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

A file may hold a stamp on every other line, so nothing here is an object
per line or per stamp: the classed lines are :class:`_Items` (a few bytes
each, worked on by index), and the stamps found go in a :class:`._groups._Groups`
table, whose groups are made one at a time as the blocks are built.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator

from worksheet_parser._blocks._blocklines import debris_line
from worksheet_parser._text._segment._blocks import BlockKind, _Ints
from worksheet_parser._text._segment._groups import _Groups
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

_FAMILIES = (_TEXT, _REVIEW, _RELEASE, _HEADER, _STATUS_WORD)
"""The families of :func:`._patterns._classify`, by their codes in :class:`_Items`."""
_T, _RV, _RL, _H, _S = range(len(_FAMILIES))
_CODES = {name: code for code, name in enumerate(_FAMILIES)}


class _Items:
    """The lines near stamps and headers, with what each is: a line's number (an index
    into the non-blank lines), family code and detail code, in compact arrays."""

    __slots__ = ("codes", "details", "fams", "lines", "names")

    def __init__(self) -> None:
        self.lines = array("i")
        self.fams = bytearray()
        self.details = array("i")
        self.names = [""]
        """Each detail by its code (``""`` is 0)."""
        self.codes = {"": 0}
        """Each detail's code (filled in by :func:`_classified`)."""

    def __len__(self) -> int:
        return len(self.lines)

    def detail(self, j: int) -> str:
        """The detail of item ``j``."""
        return self.names[self.details[j]]


def _adjacent(numbers: _Ints, a: int, b: int) -> bool:
    """Whether only blank lines (at most MAX_BLANKS) stand between non-blank lines ``a``, ``b``."""
    return b == a + 1 and numbers[b] - numbers[a] - 1 <= MAX_BLANKS


_RUN_FAMILY = bytes(_H if code == _S else code for code in range(256))
"""Families as runs see them (a status word is a header line), for ``bytes.translate``."""


def _runs(items: _Items, numbers: _Ints) -> Iterator[range]:
    """Split classified lines into runs of one family of neighbouring lines (as ranges
    of items, each made as it is asked for: a file of stamp lines has hundreds of thousands)."""
    lines = items.lines
    fams = items.fams.translate(_RUN_FAMILY)
    first = 0
    for j in range(1, len(fams)):
        fam = fams[j]
        b, a = lines[j], lines[j - 1]
        # (one family, not text, and only a few blank lines between: see _adjacent)
        if (
            fam == _T
            or fam != fams[j - 1]
            or b != a + 1
            or numbers[b] - numbers[a] > MAX_BLANKS + 1
        ):
            yield range(first, j)
            first = j
    if fams:
        yield range(first, len(fams))


_MAX_DEBRIS_LINES = 2
"""Debris lines (handwriting, ticks) between two lines of one stamp that it takes in."""


def _loose(items: _Items, j: int) -> bool:
    """Whether a classified line may be debris: text, or a lone page-tag-like mark."""
    fam = items.fams[j]
    return fam == _T or (fam == _H and items.detail(j) == "tag")


def _absorb_debris(items: _Items, texts: list[str], numbers: _Ints) -> None:
    """Give debris lines (``I 1 I``, ``5m``, a rule) between two review stamp lines to the stamp.

    Handwriting and speckle between a stamp's printed lines would otherwise
    cut the stamp in two; the stamp reader keeps such a line as unread.  A
    scrawl that looks like a page tag (``5m``) is no page tag there.
    """
    fams, lines = items.fams, items.lines
    if _RV not in fams:
        return  # no stamp: nothing to take in
    k = 1
    while k < len(items) - 1:
        if not _loose(items, k) or fams[k - 1] != _RV:
            k += 1
            continue
        stop = k
        while stop < len(items) and stop - k < _MAX_DEBRIS_LINES and _loose(items, stop):
            if not debris_line(texts[lines[stop]]):
                break
            stop += 1
        if (
            stop > k
            and stop < len(items)
            and fams[stop] == _RV
            and all(_adjacent(numbers, lines[j], lines[j + 1]) for j in range(k - 1, stop))
        ):
            for j in range(k, stop):
                fams[j] = _RV
                items.details[j] = 0
        k = stop + 1 if stop > k else k + 1


def _split_repeats(items: _Items, run: range) -> Iterator[range]:
    """Cut a stamp run where a field (or stamp kind) that it already has turns up again."""
    if len(run) == 1:
        yield run  # nothing to repeat (most runs, in a file of short stamps)
        return
    first = run.start
    seen: set[int] = set()
    for j in run:
        detail = items.details[j]
        if detail and detail in seen:
            yield range(first, j)
            first = j
            seen = set()
        if detail:
            seen.add(detail)
    yield range(first, run.stop)


def _stamp_groups(items: _Items, texts: list[str], numbers: _Ints) -> tuple[_Groups, bytearray]:
    """Group stamp and header lines; return the groups, and a byte per line: 1 for the
    lines of ``items`` left as text (no bytes when there are no items)."""
    stamps = _Groups()
    if not len(items):
        return stamps, bytearray()
    plain = bytearray(len(texts))  # the text lines among the items
    lines = items.lines
    _absorb_debris(items, texts, numbers)
    for j in range(len(items)):
        if items.fams[j] == _T:
            plain[lines[j]] = 1
    text = bytearray(plain)  # and the lines of stamps that are no stamps
    reviews = array("i")  # the first and last item of each run of review stamp lines
    for run in _runs(items, numbers):
        fam = items.fams[run.start]
        if fam == _T:
            continue  # marked
        if fam == _RV:
            reviews.extend((run.start, run.stop))  # grouped below
            continue
        if fam == _RL:
            for chunk in _split_repeats(items, run):
                stamps.add(BlockKind.RELEASE_STAMP, lines[chunk.start : chunk.stop])
            continue
        for chunk in _header_chunks(items, run):
            fams = items.fams[chunk.start : chunk.stop]
            if _H in fams:
                doc = any(
                    fams[j - chunk.start] == _H and items.detail(j) in ("date", "number")
                    for j in chunk
                )
                stamps.add(BlockKind.HEADER, lines[chunk.start : chunk.stop], doc)
                continue
            for j in chunk:
                if items.detail(j).upper() == "RELEASED":
                    stamps.add(BlockKind.RELEASE_STAMP, (lines[j],))
                else:
                    text[lines[j]] = 1
    stamps.close_run()
    chunks = (
        chunk
        for at in range(0, len(reviews), 2)
        for chunk in _split_repeats(items, range(reviews[at], reviews[at + 1]))
    )
    for parts in _join_fragments(items, chunks, plain):
        if any(items.detail(j) in _REVIEW_STRONG for part in parts for j in part):
            stamps.add(BlockKind.REVIEW_STAMP, (lines[j] for part in parts for j in part))
        else:
            for part in parts:
                for j in part:
                    text[lines[j]] = 1
    return stamps, text


def _join_fragments(
    items: _Items, chunks: Iterable[range], text_lines: bytearray
) -> Iterator[list[range]]:
    """Join parts of one review stamp that a few lines of other text cut apart.

    On a page where a stamp sits beside a letter's address, OCR reads some
    lines across both, and those are the letter's (``The White House corey
    amoty. AINSWORTH``): the stamp's lines above and below them are still one
    stamp when they hold different fields and at most
    :data:`MAX_STAMP_INTERRUPTION` text lines stand between them.  Each
    stamp is given as its parts (ranges of items), as soon as the next
    chunk shows it is whole.
    """
    lines, details = items.lines, items.details
    parts: list[range] = []
    fields: set[int] = set()
    for chunk in chunks:
        mine = {details[j] for j in chunk} - {0}
        if parts:
            gap = range(lines[parts[-1][-1]] + 1, lines[chunk.start])
            if (
                len(gap) <= MAX_STAMP_INTERRUPTION
                and all(text_lines[k] for k in gap)
                and not fields & mine
            ):
                parts.append(chunk)
                fields |= mine
                continue
            yield parts
        parts, fields = [chunk], mine
    if parts:
        yield parts


def _header_chunks(items: _Items, run: range) -> Iterator[range]:
    """Cut a run of header lines where a new header starts.

    A header prints its number, date, status and page tags in that order, so a
    line that goes back in that order (the next document's number under a
    ``RELEASED`` stamp or a page tag), or a second number or date, opens another.
    """
    first = run.start
    prev = -1
    for j in run:
        detail = items.detail(j)
        if items.fams[j] == _S:
            rank = 2
        elif detail == "date":
            rank = 1
        elif detail == "number":
            rank = 0
        else:
            rank = 3
        if j > run.start and (rank < prev or (rank == prev and rank < 2)):
            yield range(first, j)
            first = j
        prev = rank
    yield range(first, run.stop)


_STAMP_REACH = 3
"""Text lines this close to a stamp or header line are grouped with the stamps (more than
:data:`_MAX_DEBRIS_LINES` and :data:`MAX_STAMP_INTERRUPTION`)."""


def _classified(lines: _Lines, owner: _Ints) -> tuple[_Items, _Ints]:
    """The lines outside worksheets near a stamp or header line, classed
    (:meth:`_Lines.classify`), and apart, the other lines outside worksheets (text).

    Only text lines within :data:`_STAMP_REACH` lines of a stamp or header
    line take part in grouping stamps (as debris between two of its lines,
    or as the text between two parts of one); every other text line is text
    whatever the lines around it, so it is not made into an item (a file of
    short text lines would make one per line).
    """
    items = _Items()
    lone = array("q")  # compact: a file of short text lines makes one per line
    if -1 not in owner:
        return items, lone
    classify = lines.classify
    free = range(len(owner))
    add_line, add_fam, add_detail = items.lines.append, items.fams.append, items.details.append
    codes, names = items.codes, items.names
    marked = array("i", (k for k in free if owner[k] < 0 and classify(k)[0] != _TEXT))
    at = 0  # the first marked line not yet more than _STAMP_REACH lines behind
    for k in free:
        if owner[k] >= 0:
            continue
        while at < len(marked) and marked[at] < k - _STAMP_REACH:
            at += 1
        if at < len(marked) and marked[at] <= k + _STAMP_REACH:
            fam, detail = classify(k)
            code = codes.get(detail)
            if code is None:
                code = codes[detail] = len(names)
                names.append(detail)
            add_line(k)
            add_fam(_CODES[fam])
            add_detail(code)
        else:
            lone.append(k)
    return items, lone
