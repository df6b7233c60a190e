"""What the segmenter returns, and the groups of lines it builds them from.

Strategy: a :class:`Block` holds no line objects until a reader asks for
them: it keeps the normalised text, the runs of consecutive lines it covers
(blank ones included) as ``(first number, offset, count)`` pieces, and which
of the text's non-blank lines are its own (a ``range`` when consecutive, so
a long run of text costs no number per line).  Its lines, non-blank lines,
and ``(text, start)`` pairs are made from those on demand, and may be read
one at a time without keeping a record per line (a block's pieces are a
flat array: a block of text cut by a stamp on every other line has a piece
per line).  The groups of lines blocks are built from are in :mod:`._groups`.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterator, Sequence

import attrs

__all__ = ["Block", "BlockKind", "Line", "split_lines"]


class BlockKind(enum.StrEnum):
    """What a block of lines is."""

    HEADER = "header"
    WORKSHEET = "worksheet"
    REVIEW_STAMP = "review-stamp"
    RELEASE_STAMP = "release-stamp"
    LETTER = "letter"
    OTHER = "other"


@attrs.frozen(slots=True)
class Line:
    """One line of the normalised text."""

    text: str
    """The line, without its ``\\n``."""
    start: int
    """Offset of its first character in the normalised text."""
    number: int
    """0-based line index in the normalised text."""

    @property
    def end(self) -> int:
        """Offset just past the line's last character."""
        return self.start + len(self.text)


_Ints = Sequence[int]
"""Offsets or line numbers of lines: a list, or a compact array for many short lines."""

_Pieces = Sequence[int]
"""Runs of consecutive lines of a block, three numbers each: the first line's number, its
offset, and how many lines (flat and compact: a block of text cut by a stamp on every
other line has a run per line)."""


def _triples(pieces: _Pieces) -> Iterator[tuple[int, int, int]]:
    """The ``(number, offset, count)`` of each run of :data:`_Pieces`."""
    it = iter(pieces)
    return zip(it, it, it, strict=False)  # whole triples


@attrs.frozen(slots=True)
class Block:
    """The lines that form one block (a letter's need not be consecutive)."""

    kind: BlockKind
    """What the block is."""
    start: int
    """Offset of the block's first character."""
    end: int
    """Offset just past the block's last character."""
    _text: str = attrs.field(repr=False, eq=False)
    _pieces: _Pieces = attrs.field(repr=False)
    _source: tuple[list[str], _Ints, _Ints] = attrs.field(repr=False, eq=False)
    """The texts, offsets and numbers of the text's non-blank lines."""
    _own: Sequence[int] = attrs.field(repr=False)
    """Which of them are the block's, in order (a range when consecutive)."""
    _filled: tuple[Line, ...] | None = attrs.field(default=None, init=False, repr=False, eq=False)
    _lines: tuple[Line, ...] | None = attrs.field(default=None, init=False, repr=False, eq=False)

    @property
    def filled(self) -> tuple[Line, ...]:
        """Its non-blank lines, in order (made on first use)."""
        filled = self._filled
        if filled is None:
            texts, starts, numbers = self._source
            filled = tuple(Line(texts[k], starts[k], numbers[k]) for k in self._own)
            object.__setattr__(self, "_filled", filled)
        return filled

    @property
    def breaks(self) -> tuple[bool, ...]:
        """For each of :attr:`filled`: whether a blank line of the block stands before it
        (found from the text each time: readers take it with the lines, from
        :meth:`filled_with_breaks`)."""
        return tuple(blank for _, _, blank in self.filled_with_breaks())

    def filled_texts_and_starts(self) -> Iterator[tuple[str, int]]:
        """``(text, start)`` of each of :attr:`filled`, without making (or keeping) a :class:`Line`.

        For a block read line by line once (unrecognized text), where a
        record per line would only add to the peak memory.
        """
        if self._filled is not None:
            return ((line.text, line.start) for line in self._filled)
        texts, starts, _ = self._source
        return ((texts[k], starts[k]) for k in self._own)

    def filled_with_breaks(self) -> Iterator[tuple[str, int, bool]]:
        """``(text, start, blank_before)`` of each non-blank line, as :attr:`filled` and
        :attr:`breaks` give them, read from the text as needed (no :class:`Line` made).

        Unlike :attr:`filled`, this includes the lines of a long run of plain
        text that the segmenter did not look at (see :func:`._read_lines._thinned_lines`),
        which a letter's body may hold: each line is read once, so a letter of
        a million short lines costs no record per line.
        """
        text = self._text
        find = text.find
        blank = False
        for _number, pos, count in _triples(self._pieces):
            for _ in range(count):
                stop = find("\n", pos)
                if stop < 0:
                    stop = len(text)
                line = text[pos:stop]
                if line and not line.isspace():
                    yield line, pos, blank
                    blank = False
                else:
                    blank = True
                pos = stop + 1

    def line_count(self) -> int:
        """How many lines it covers, blank ones included."""
        return sum(self._pieces[2::3])

    def split(self, lines: int) -> tuple[Block, Block]:
        """Its first ``lines`` lines as a block of its kind, and the rest as an ``OTHER`` block.

        For a block of consecutive lines (a worksheet's) longer than ``lines``.
        """
        number, start, count = self._pieces
        if not 0 < lines < count:
            raise ValueError(f"cannot split a block of {count} lines after line {lines}")
        text = self._text
        cut = start
        for _ in range(lines):
            cut = text.index("\n", cut) + 1
        texts, starts, _ = self._source
        own = self._own
        # Non-blank lines before the cut are the head's (``own`` is in order).
        k = bisect.bisect_left(own, cut, key=starts.__getitem__)
        head_own, rest_own = own[:k], own[k:]
        head_end = starts[head_own[-1]] + len(texts[head_own[-1]]) if head_own else start
        head = Block(
            self.kind, self.start, head_end, text, (number, start, lines), self._source, head_own
        )
        rest = Block(
            BlockKind.OTHER,
            cut,
            self.end,
            text,
            (number + lines, cut, count - lines),
            self._source,
            rest_own,
        )
        return head, rest

    def filled_bounds(self) -> tuple[int, int] | None:
        """Offsets from the start of its first non-blank line to the end of its last one."""
        own = self._own
        if not own:
            return None
        texts, starts, _ = self._source
        return starts[own[0]], starts[own[-1]] + len(texts[own[-1]])

    def runs(self) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of each run of consecutive non-blank lines of the block.

        Two of its non-blank lines are in one run when no other non-blank line
        of the text stands between them (blank lines may); a run goes from the
        first character of its first line to the last of its last, so a
        block read as a whole (unrecognized text) costs one record per run
        however short its lines.
        """
        texts, starts, _ = self._source
        own = self._own
        if not own:
            return
        first = prev = own[0]
        for k in own[1:]:
            if k != prev + 1:
                yield starts[first], starts[prev] + len(texts[prev])
                first = k
            prev = k
        yield starts[first], starts[prev] + len(texts[prev])

    @property
    def lines(self) -> tuple[Line, ...]:
        """Its lines, blank ones included (made on first use)."""
        lines = self._lines
        if lines is None:
            made: list[Line] = []
            text = self._text
            for number, start, count in _triples(self._pieces):
                for k in range(number, number + count):
                    stop = text.find("\n", start)
                    if stop < 0:
                        stop = len(text)
                    made.append(Line(text[start:stop], start, k))
                    start = stop + 1
            lines = tuple(made)
            object.__setattr__(self, "_lines", lines)
        return lines

    def texts_and_starts(self) -> list[tuple[str, int]]:
        """``(text, start)`` of each of its lines, blank ones included (no :class:`Line` made)."""
        if self._lines is not None:
            return [(line.text, line.start) for line in self._lines]
        out: list[tuple[str, int]] = []
        text = self._text
        for _number, start, count in _triples(self._pieces):
            stop = start
            for _ in range(count):
                stop = text.find("\n", stop)
                if stop < 0:
                    stop = len(text)
                    break
                stop += 1
            else:
                stop -= 1
            for part in text[start:stop].split("\n"):
                out.append((part, start))
                start += len(part) + 1
        return out

    def iter_texts_and_starts(self) -> Iterator[tuple[str, int]]:
        """:meth:`texts_and_starts` one line at a time (nothing kept per line)."""
        if self._lines is not None:
            yield from ((line.text, line.start) for line in self._lines)
            return
        text = self._text
        find = text.find
        for _number, pos, count in _triples(self._pieces):
            for _ in range(count):
                stop = find("\n", pos)
                if stop < 0:
                    stop = len(text)
                yield text[pos:stop], pos
                pos = stop + 1


def split_lines(text: str) -> list[Line]:
    """Split normalised text into :class:`Line` objects."""
    out: list[Line] = []
    start = 0
    for number, part in enumerate(text.split("\n")):
        out.append(Line(part, start, number))
        start += len(part) + 1
    return out
