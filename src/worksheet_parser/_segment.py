"""Stage 2: cut the normalised text into blocks.

Strategy: one pass over the lines with a single compiled pattern per kind of
evidence.  A worksheet block opens at an anchor (an ``ID#`` line, or the
title, pulling in an ``ID#`` line just above it) and runs on while worksheet
evidence (labels, table headers, legend, footer) keeps turning up, across
gaps of at most :data:`MAX_GAP` lines without any (damaged lines, junk between
``THE WHITE HOUSE`` and its title).  It closes after the footer's last line,
before the next worksheet's anchor, or at its last line of evidence.
Everything else becomes ``other`` blocks of consecutive lines, so every line
of the input is in exactly one block.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator

import attrs

from worksheet_parser import _vocab

__all__ = ["MAX_GAP", "Block", "BlockKind", "Line", "segment", "split_lines"]

MAX_GAP = 4
"""Non-blank lines without worksheet evidence a worksheet block may run across."""


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


@attrs.frozen
class Block:
    """Consecutive lines that form one block."""

    kind: BlockKind
    """What the block is."""
    lines: tuple[Line, ...]
    """Its lines, blank ones included."""

    @property
    def start(self) -> int:
        """Offset of the block's first character."""
        return self.lines[0].start

    @property
    def end(self) -> int:
        """Offset just past the block's last character."""
        return self.lines[-1].end


def split_lines(text: str) -> list[Line]:
    """Split normalised text into :class:`Line` objects."""
    out: list[Line] = []
    start = 0
    for number, part in enumerate(text.split("\n")):
        out.append(Line(part, start, number))
        start += len(part) + 1
    return out


_ID = re.compile("|".join(_vocab.WORKSHEET_ID_LINES), re.I)
_TITLE = re.compile("|".join(_vocab.WORKSHEET_TITLES[:-1]), re.I)
_HOUSE = re.compile(_vocab.WORKSHEET_TITLES[-1], re.I)
_EVIDENCE = re.compile("|".join(_vocab.WORKSHEET_EVIDENCE + _vocab.WORKSHEET_TITLES[:-1]), re.I)
_FOOTER_END = re.compile(r"RECORDS\s+MANAGEMENT\.?\s*$|KEEP\s+THIS\s+WORKSHEET", re.I)
_FOOTER_LAST = re.compile(r"RECORDS\s+MANAGEMENT\.?\s*$", re.I)


def _worksheet_spans(lines: list[Line]) -> Iterator[tuple[int, int]]:
    """Yield ``(first, last_exclusive)`` line indexes of worksheet blocks."""
    n = len(lines)
    i = 0
    while i < n:
        text = lines[i].text
        if not (_ID.search(text) or _TITLE.search(text) or _HOUSE.match(text)):
            i += 1
            continue
        start = i
        has_id = bool(_ID.search(text))
        has_title = bool(_TITLE.search(text))
        last = i
        gap = 0
        j = i + 1
        while j < n:
            t = lines[j].text
            if not t.strip():
                j += 1
                continue
            if _ID.search(t):
                if has_id:
                    break
                has_id = True
                last, gap = j, 0
            elif _TITLE.search(t):
                if has_title and has_id:
                    break
                has_title = True
                last, gap = j, 0
            elif _EVIDENCE.search(t):
                last, gap = j, 0
                if _FOOTER_LAST.search(t) or (_FOOTER_END.search(t) and "MANAGEMENT" in t.upper()):
                    break
            else:
                gap += 1
                if gap > MAX_GAP:
                    break
            j += 1
        if has_title or (has_id and last > start):
            yield start, last + 1
            i = last + 1
        else:
            i += 1


def segment(text: str) -> list[Block]:
    """Cut normalised ``text`` into blocks covering every line exactly once."""
    lines = split_lines(text)
    blocks: list[Block] = []
    pos = 0
    for first, stop in _worksheet_spans(lines):
        if first > pos:
            blocks.append(Block(BlockKind.OTHER, tuple(lines[pos:first])))
        blocks.append(Block(BlockKind.WORKSHEET, tuple(lines[first:stop])))
        pos = stop
    if pos < len(lines):
        blocks.append(Block(BlockKind.OTHER, tuple(lines[pos:])))
    return blocks
