"""Cut normalised text into blocks: worksheets first, then stamps and headers, then letters.

Strategy: :func:`segment` reads the non-blank lines (:mod:`._read_lines`),
finds the worksheets (:mod:`._worksheets`), groups the stamps and headers
among the other lines (:mod:`._stamp_groups`) and the letters among the
rest (:mod:`._letter_runs`); every other line is ``other`` text.  Blank
lines join the block of the line above (or below, beside a worksheet), so
every line of the input is in exactly one block; blocks are returned
ordered by their first line.  A long text of short lines is read thinned
(:func:`._read_lines._thinned_lines`); when the lines left out would not
all belong to one block of text (a worksheet would take them), it is read
again whole.
"""

from __future__ import annotations

import heapq
import itertools
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence

from worksheet_parser._text._segment._blocks import Block, BlockKind, _Ints
from worksheet_parser._text._segment._groups import _Group, _Groups
from worksheet_parser._text._segment._letter_runs import _letters
from worksheet_parser._text._segment._limits import MIN_LETTER_LINES
from worksheet_parser._text._segment._lines import _Lines
from worksheet_parser._text._segment._read_lines import _filled_lines, _thinned_lines
from worksheet_parser._text._segment._stamp_groups import _classified, _stamp_groups
from worksheet_parser._text._segment._worksheets import _worksheet_spans

__all__ = ["iter_blocks", "segment"]

_THIN_LINE = 16
"""Inputs whose lines are this short on average are read with :func:`_thinned_lines`."""
_THIN_SIZE = 1 << 16
"""...if they are at least this long (a short text costs little memory, whatever its shape)."""


def segment(text: str) -> list[Block]:
    """Cut normalised ``text`` into blocks covering every line exactly once, in reading order."""
    return list(iter_blocks(text))


def iter_blocks(text: str) -> Iterator[Block]:
    """:func:`segment`, each block made as it is asked for (a reader that reads each once
    holds one block at a time, not one per block of the text)."""
    if len(text) >= _THIN_SIZE and text.count("\n") * _THIN_LINE > len(text):
        blocks = _segment(text, *_thinned_lines(text))
        if blocks is not None:
            return blocks
    blocks = _segment(text, *_filled_lines(text), [])
    assert blocks is not None
    return blocks


_THINNABLE = (BlockKind.OTHER, BlockKind.LETTER)
"""The blocks that may hold lines the segmenter left out (:func:`_thinned_lines`)."""
_LETTER = _Groups.KINDS.index(BlockKind.LETTER)
"""A letter's kind code in a :class:`_Groups` table."""


def _segment(
    text: str, texts: list[str], starts: _Ints, numbers: _Ints, cuts: list[int]
) -> Iterator[Block] | None:
    """:func:`segment` of the lines given; ``None`` when lines left out at ``cuts`` would
    not all belong to one block of other text (a letter's body, say)."""
    m = len(texts)
    lines = _Lines(texts, numbers)
    # The owner of each line: a worksheet's index (0 or more), another group's
    # ``-2 - index`` in ``table``, -1 for none yet.  Four bytes a line: a file of
    # short lines has millions.
    owner = array("i", [-1]) * m
    spans = array("i")  # the first and last line of each worksheet
    for first, last in _worksheet_spans(lines):
        owner[first : last + 1] = array("i", [len(spans) // 2]) * (last + 1 - first)
        spans.extend((first, last))
    items, lone = _classified(lines, owner)
    table, text_flags = _stamp_groups(items, texts, numbers)  # the stamps and headers
    del items
    table.own(owner)
    text_lines: Iterable[int] = lone
    if 1 in text_flags:  # the text lines near stamps, in order
        near = itertools.compress(range(m), text_flags)
        text_lines = heapq.merge(near, lone) if lone else near
    # A worksheet or a new document's header ends an open letter: their first lines, in order.
    breakers = array("i", heapq.merge(spans[::2], table.document_starts()))
    stamped = table.marks((BlockKind.REVIEW_STAMP, BlockKind.RELEASE_STAMP), m)
    table.close_run()
    texts_from = len(table)
    _letters(lines, text_lines, breakers, stamped, table)  # letters and other text
    del stamped, breakers
    for s in range(texts_from, len(table)):
        if table.kinds[s] == _LETTER and table.count(s) < MIN_LETTER_LINES:
            table.set_kind(s, BlockKind.OTHER)  # a salutation and a closing alone carry no letter
    table.own(owner, texts_from)
    del text_flags
    for k in cuts:
        # The lines left out before line k are the block's around them; they
        # are placed with the blank lines, as the gap in its line numbers.
        # A letter's body takes them too (a contiguous part of a run of text lines).
        if owner[k] != owner[k - 1] or _kind(owner[k], table) not in _THINNABLE:
            return None
    blanks = _place_blanks(text, texts, starts, numbers, owner, table)
    del owner
    worksheets = (
        _Group(BlockKind.WORKSHEET, range(spans[at], spans[at + 1] + 1))
        for at in range(0, len(spans), 2)
    )
    alone = (
        _Group(BlockKind.OTHER, array("i"), gaps=blanks[at : at + 4])
        for at in range(0, len(blanks), 4)
    )
    ordered: Iterator[_Group] = worksheets
    if blanks:
        ordered = _merged(ordered, alone, numbers)
    if len(table):
        ordered = _merged(ordered, table.groups(), numbers)
    return (_block(g, text, texts, starts, numbers) for g in ordered)


def _merged(a: Iterator[_Group], b: Iterator[_Group], numbers: _Ints) -> Iterator[_Group]:
    """The groups of ``a`` and ``b`` (each in order of their first lines) in that order."""
    x, y = next(a, None), next(b, None)
    kx = _first_number(x, numbers) if x is not None else 0
    ky = _first_number(y, numbers) if y is not None else 0
    while x is not None and y is not None:
        if kx < ky:  # (no two groups open on one line)
            yield x
            x = next(a, None)
            kx = _first_number(x, numbers) if x is not None else 0
        else:
            yield y
            y = next(b, None)
            ky = _first_number(y, numbers) if y is not None else 0
    if x is not None:
        yield x
        yield from a
    if y is not None:
        yield y
        yield from b


def _kind(owner: int, table: _Groups) -> BlockKind:
    """The kind of the block of a line owned by ``owner`` (see :func:`_segment`; not -1)."""
    return BlockKind.WORKSHEET if owner >= 0 else table.kind(-2 - owner)


def _first_number(g: _Group, numbers: _Ints) -> int:
    """The number of the first line of a group's block (a blank one, maybe)."""
    lines = g.lines
    first = sys.maxsize
    if lines:
        first = numbers[lines[0]]  # in order
    if g.kind is not BlockKind.WORKSHEET and g.gaps:
        first = min(first, g.gaps[0])
    return first


def _place_blanks(
    text: str,
    texts: list[str],
    starts: _Ints,
    numbers: _Ints,
    owner: _Ints,
    table: _Groups,
) -> array[int]:
    """Give each run of blank lines outside worksheets to the block above it.

    Or to the block below it, beside a worksheet (a gap of that group in
    ``table``); or to a block of its own: those are returned, four numbers
    each (first number, stop number, first offset, end offset), in order.
    Only the runs not under a line of a block of text are written down:
    the run under such a line is that block's, and :func:`_block` adds it
    from the line numbers, so a file of short lines between blank lines
    costs no record per run.
    """
    m = len(texts)
    total = text.count("\n") + 1
    alone = array("q")
    # Blank lines stand only before line 0, after the last line, and between
    # two non-blank lines whose numbers are not consecutive.
    places: Iterable[int] = (0,)
    if not m or numbers[-1] - numbers[0] != m - 1:  # unless the non-blank lines are consecutive
        between = (k for k, (a, b) in enumerate(itertools.pairwise(numbers), 1) if b - a > 1)
        places = itertools.chain(places, between)
    if m:
        places = itertools.chain(places, (m,))
    for k in places:
        prev = owner[k - 1] if k > 0 else -1
        nxt = owner[k] if k < m else -1
        if prev >= 0 and prev == nxt:
            continue  # blank lines inside a worksheet are its own
        first = numbers[k - 1] + 1 if k > 0 else 0
        stop = numbers[k] if k < m else total
        if stop <= first:
            continue
        if prev < -1:  # (a worksheet's lines have owners of 0 or more: see _segment)
            continue  # the lines after a line of text are its block's: _block adds them
        offset = starts[k - 1] + len(texts[k - 1]) + 1 if k > 0 else 0
        end = starts[k] - 1 if k < m else len(text)
        if nxt < -1:
            table.add_gap(-2 - nxt, (first, stop, offset, end))
        else:
            alone.extend((first, stop, offset, end))
    return alone


def _consecutive(own: Sequence[int]) -> Iterator[tuple[int, int]]:
    """The first and last of each run of consecutive numbers in ``own`` (in order)."""
    if isinstance(own, range):
        if own:
            yield own[0], own[-1]
        return
    if not own:
        return
    first = prev = own[0]
    for k in itertools.islice(own, 1, None):
        if k != prev + 1:
            yield first, prev
            first = k
        prev = k
    yield first, prev


def _block(g: _Group, text: str, texts: list[str], starts: _Ints, numbers: _Ints) -> Block:
    """Build the :class:`Block` of a group."""
    source = (texts, starts, numbers)
    own = g.lines  # in order
    if g.kind is BlockKind.WORKSHEET:
        # A worksheet's lines are consecutive non-blank lines, in order.
        first, last = own[0], own[-1]
        return Block(
            g.kind,
            starts[first],
            starts[last] + len(texts[last]),
            text,
            (numbers[first], starts[first], numbers[last] - numbers[first] + 1),
            source,
            own,
        )
    gaps: _Ints = g.gaps or ()  # in order (placed in order of their lines)
    pieces = array("q")  # (first number, offset, count) of each run of lines
    gi = 0
    end = -1

    def add(first: int, offset: int, count: int) -> None:
        # Lines that follow the last piece's lines join it: a run of lines is one piece.
        if pieces and pieces[-3] + pieces[-1] == first:
            pieces[-1] += count
        else:
            pieces.extend((first, offset, count))

    m = len(texts)
    for a, b in _consecutive(own):
        while gi < len(gaps) and gaps[gi] < numbers[a]:
            first, stop, offset, end = gaps[gi : gi + 4]
            add(first, offset, stop - first)
            gi += 4
        # Lines a..b, and the blank (or left-out) lines under each, up to the next
        # non-blank line, are the block's (see _place_blanks): one piece.
        if b + 1 < m:
            stop, next_start = numbers[b + 1], starts[b + 1]
        else:
            stop, next_start = text.count("\n") + 1, len(text) + 1
        add(numbers[a], starts[a], stop - numbers[a])
        last = numbers[b]
        end = next_start - 1 if stop > last + 1 else starts[b] + len(texts[b])
    for at in range(gi, len(gaps), 4):
        first, stop, offset, end = gaps[at : at + 4]
        add(first, offset, stop - first)
    return Block(g.kind, pieces[1], end, text, pieces, source, own)
