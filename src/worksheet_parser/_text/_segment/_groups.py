"""The groups of lines the segmenter builds blocks from.

Strategy: a :class:`_Group` is a block being built: its kind, its non-blank
lines, and the runs of blank lines it takes.  Until its block is built, a
group is a few numbers in compact arrays, as a file may hold a block on
every other line: a worksheet its first and last line (:mod:`._cut`), a run
of blank lines between two worksheets its bounds, and every other group
(stamps, headers, letters, other text) a row of a :class:`_Groups` table.
"""

from __future__ import annotations

import heapq
import itertools
from array import array
from collections.abc import Callable, Iterable, Iterator

import attrs

from worksheet_parser._text._segment._blocks import BlockKind


@attrs.define
class _Group:
    kind: BlockKind
    lines: array[int] | range
    """Its non-blank lines (indexes into the non-blank lines), in order: a range when
    consecutive (a long run of text makes no number per line)."""
    document_start: bool = False
    gaps: array[int] | None = None
    """Runs of blank lines it takes, in order, four numbers each: first number, stop number,
    first offset, end offset (compact: lines of text between blank lines make one each);
    ``None`` for none (most groups: an array each would cost more than the group)."""


_SORT_AT_MOST = 4096
"""Groups :meth:`_Groups.groups` orders by sorting (more are merged: no list of them)."""


class _Groups:
    """Groups other than worksheets (stamps, headers, letters, other text), a few bytes
    each: a file may hold a stamp or a short block of text on every other line.

    They are added in runs, each in the order of their first lines
    (:meth:`close_run` ends one); :meth:`groups` makes each :class:`_Group`
    when asked for, in the order of their first lines.  A group's index here
    is its number.
    """

    __slots__ = (
        "_runs",
        "bounds",
        "docs",
        "gap_before",
        "gap_last",
        "gap_values",
        "kinds",
        "lines",
    )

    KINDS = tuple(BlockKind)
    """Each kind by its code in :attr:`kinds`."""

    def __init__(self) -> None:
        self.kinds = bytearray()
        self.docs = bytearray()
        """1 for a group that opens a document (a header with a number or date)."""
        self.lines = array("i")
        self.bounds = array("i", [0])
        """Group ``s``'s lines are ``lines[bounds[s]:bounds[s + 1]]``, in order."""
        # The runs of blank lines groups take (as _Group.gaps): four numbers each in
        # ``gap_values``; each group's last run, and each run's run before it, by index
        # (-1: none), so that a file of short blocks costs no object per group.
        self.gap_values = array("q")
        self.gap_last = array("i")
        self.gap_before = array("i")
        self._runs = [0]  # where each run of groups starts

    def __len__(self) -> int:
        return len(self.kinds)

    def add(self, kind: BlockKind, lines: Iterable[int], doc: bool = False) -> None:
        """Add a group of ``kind`` made of ``lines`` (ascending, after the lines of the
        groups added before it in this run)."""
        self.kinds.append(self.KINDS.index(kind))
        self.docs.append(doc)
        self.gap_last.append(-1)
        self.lines.extend(lines)
        self.bounds.append(len(self.lines))

    def extend_last(self, lines: Iterable[int]) -> None:
        """Add ``lines`` (ascending, after its own) to the last group added."""
        self.lines.extend(lines)
        self.bounds[-1] = len(self.lines)

    def add_gap(self, s: int, gap: Iterable[int]) -> None:
        """Give group ``s`` a run of blank lines (after the runs it has): first number,
        stop number, first offset, end offset."""
        self.gap_before.append(self.gap_last[s])
        self.gap_last[s] = len(self.gap_before) - 1
        self.gap_values.extend(gap)

    def gaps_of(self, s: int) -> array[int] | None:
        """The runs of blank lines of group ``s`` (as :attr:`_Group.gaps`), if any."""
        at = self.gap_last[s]
        if at < 0:
            return None
        runs = []
        while at >= 0:
            runs.append(at)
            at = self.gap_before[at]
        values = self.gap_values
        gaps = array("q")
        for at in reversed(runs):
            gaps.extend(values[4 * at : 4 * at + 4])
        return gaps

    def close_run(self) -> None:
        """End a run of groups: the groups added later are in order among themselves."""
        self._runs.append(len(self))

    def kind(self, s: int) -> BlockKind:
        """The kind of group ``s``."""
        return self.KINDS[self.kinds[s]]

    def set_kind(self, s: int, kind: BlockKind) -> None:
        """Make group ``s`` of ``kind``."""
        self.kinds[s] = self.KINDS.index(kind)

    def count(self, s: int) -> int:
        """How many lines group ``s`` has."""
        return self.bounds[s + 1] - self.bounds[s]

    def own(self, owner: array[int], first: int = 0) -> None:
        """Write ``-2 - s`` as the owner of each line of each group ``s`` from ``first`` on."""
        lines, bounds = self.lines, self.bounds
        for s in range(first, len(self)):
            mark = -2 - s
            for k in lines[bounds[s] : bounds[s + 1]]:
                owner[k] = mark

    def marks(self, kinds: Iterable[BlockKind], size: int) -> bytearray:
        """A byte for each of ``size`` lines: 1 for a line of a group of one of ``kinds``."""
        marks = bytearray(size)
        wanted = {self.KINDS.index(kind) for kind in kinds}
        lines, bounds, codes = self.lines, self.bounds, self.kinds
        for s in range(len(self)):
            if codes[s] in wanted:
                for k in lines[bounds[s] : bounds[s + 1]]:
                    marks[k] = 1
        return marks

    def document_starts(self) -> Iterator[int]:
        """The first line of each group that opens a document, in order (all in one run)."""
        lines, bounds = self.lines, self.bounds
        return (lines[bounds[s]] for s in itertools.compress(range(len(self)), self.docs))

    def groups(self) -> Iterator[_Group]:
        """Each group with lines, made when asked for, in the order of their first lines."""
        lines, bounds, kinds, docs = self.lines, self.bounds, self.kinds, self.docs
        ends = [*self._runs[1:], len(self)]
        runs = [  # (a letter may have no lines: it makes no block)
            (s for s in range(a, b) if bounds[s + 1] > bounds[s])
            for a, b in zip(self._runs, ends, strict=True)
            if b > a
        ]
        first: Callable[[int], int] = lambda s: lines[bounds[s]]  # noqa: E731
        order: Iterable[int] = runs[0] if len(runs) == 1 else ()
        if len(runs) > 1 and len(self) <= _SORT_AT_MOST:  # (merged by their first lines)
            order = sorted(itertools.chain(*runs), key=first)
        elif len(runs) > 1:
            order = heapq.merge(*runs, key=first)
        for s in order:
            group = _Group(self.KINDS[kinds[s]], lines[bounds[s] : bounds[s + 1]], bool(docs[s]))
            group.gaps = self.gaps_of(s)
            yield group
