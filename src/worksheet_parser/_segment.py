"""Stage 2: cut the normalised text into blocks, in reading order.

Strategy: one pass over the lines with a single compiled pattern per kind of
evidence.  A worksheet block opens at an anchor (an ``ID#`` line, or the
title, pulling in an ``ID#`` line just above it) and runs on while worksheet
evidence (labels, table headers, legend, footer) keeps turning up, across
gaps of at most :data:`MAX_GAP` lines without any (damaged lines, junk between
``THE WHITE HOUSE`` and its title).  It closes after the footer's last line,
before the next worksheet's anchor, or at its last line of evidence.  A
candidate without a title is refused when a line of another kind of document
(withdrawal sheet, memorandum, routing slip) stands in or just above it.

The lines outside worksheets are then classed one by one (review stamp line,
release stamp line, archive header line, or text).  Neighbouring lines of
one family (separated by at most :data:`MAX_BLANKS` blank lines) form one
block; a review stamp needs one of its strong lines (office, ``Review
Authority``, ``Case ID``), so a letterhead naming a department is not a stamp.
Runs of text lines become letters where a salutation or a closing shows one:
the letter opens up to :data:`MAX_PRELUDE` short lines above its salutation
and runs to its signatures, *across* stamps and page tags stamped into it (so
a letter block's lines need not be consecutive; the stamp is its own block).
Everything else becomes ``other`` blocks.  Blank lines join the block of the
line above (or below, beside a worksheet), so every line of the input is in
exactly one block; blocks are returned ordered by their first line.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator

import attrs

from worksheet_parser import _vocab

__all__ = [
    "MAX_BLANKS",
    "MAX_GAP",
    "MAX_PRELUDE",
    "MIN_LETTER_LINES",
    "Block",
    "BlockKind",
    "Line",
    "segment",
    "split_lines",
]

MAX_GAP = 4
"""Non-blank lines without worksheet evidence a worksheet block may run across."""

MAX_BLANKS = 2
"""Blank lines that may separate two lines of one stamp or header."""

MAX_PRELUDE = 8
"""Short lines above a salutation read as letterhead, place, date and address."""

MIN_LETTER_LINES = 3
"""Non-blank lines a letter needs (a salutation or closing alone is not one)."""

MAX_SIGNATURES = 6
"""Lines under a closing read as signatures."""

_VETO_REACH = 12
"""How far above a title-less worksheet candidate a non-worksheet marker is looked for."""


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
_NOT_WORKSHEET = re.compile(_vocab.NOT_WORKSHEET_MARKERS, re.I | re.M)


_FREE_TEXT_LABEL = re.compile(r"^\s*(?:SUBJECT|COMMENTS|ADDITIONAL\s+CORRESPONDENTS)\s*:", re.I)


def _worksheet_spans(lines: list[Line]) -> Iterator[tuple[int, int]]:
    """Yield ``(first, last_exclusive)`` line indexes of worksheet blocks."""
    n = len(lines)
    i = floor = 0
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
        trailing = -1
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
                trailing = j
                if gap > MAX_GAP:
                    break
            j += 1
        else:
            # The input ends inside the worksheet (a page cut off): a free-text
            # field's continuation lines still belong to it.
            if trailing > last and _FREE_TEXT_LABEL.search(lines[last].text):
                last = trailing
        if has_title or (has_id and last > start and not _vetoed(lines, floor, start, last)):
            yield start, last + 1
            i = floor = last + 1
        else:
            i += 1


def _vetoed(lines: list[Line], floor: int, start: int, last: int) -> bool:
    """Whether a line of another kind of document stands in or just above ``start..last``."""
    return any(
        _NOT_WORKSHEET.search(lines[k].text)
        for k in range(max(floor, start - _VETO_REACH), last + 1)
    )


# --- stamps, headers and letters ---------------------------------------------------

_REVIEW_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I)) for name, pattern in _vocab.REVIEW_STAMP_LABELS.items()
)
_REVIEW_STRONG = frozenset({"office", "reviewer", "case_id"})
_RELEASE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in _vocab.RELEASE_STAMP_LINES.items()
    if name != "released"
)
_RELEASE_OPENER = re.compile(r"^\s*DECLASSIFIED\b", re.I)
_HEADER_NUMBER = re.compile(_vocab.HEADER_DOCUMENT_NUMBER)
_HEADER_DATE = re.compile(_vocab.HEADER_DATE)
_HEADER_TAG = re.compile(_vocab.HEADER_PAGE_TAG)
_STATUS = re.compile(r"^\s*(?:" + "|".join(_vocab.HEADER_STATUSES) + r")\s*$")
_SALUTATION = re.compile(_vocab.LETTER_SALUTATION)
_STOP = re.compile(_vocab.LETTER_STOP, re.I)
_CLOSING_FOLD = str.maketrans({"1": "l", "|": "l", "!": "l", "I": "l", "i": "l", "0": "o"})
_CLOSINGS = frozenset(
    c.lower().rstrip(",").translate(_CLOSING_FOLD) for c in _vocab.LETTER_CLOSINGS
)
_MAX_CLOSING = max(len(c) for c in _vocab.LETTER_CLOSINGS) + 4
_MAX_PRELUDE_LINE = 100
_MAX_SIGNATURE_LINE = 80

# Line classes (family, detail).
_TEXT = "text"
_REVIEW = "review"
_RELEASE = "release"
_HEADER = "header"
_STATUS_WORD = "status"


def closing_of(text: str) -> bool:
    """Whether ``text`` is a complimentary closing (``Sincerely,``, OCR ``Sincere1y,``)."""
    s = text.strip()
    if not s or len(s) > _MAX_CLOSING or s[0] in "1|!":
        return False
    return " ".join(s.lower().rstrip(",.;").split()).translate(_CLOSING_FOLD) in _CLOSINGS


def _classify(text: str) -> tuple[str, str]:
    """Return (family, detail) for one non-blank line outside worksheets."""
    for name, pattern in _REVIEW_FIELDS:
        if pattern.search(text):
            return _REVIEW, name
    for name, pattern in _RELEASE_KINDS:
        if pattern.search(text):
            opener = name != "declassified" or bool(_RELEASE_OPENER.match(text))
            return _RELEASE, name if opener else ""
    if _HEADER_NUMBER.match(text) or _HEADER_DATE.match(text) or _HEADER_TAG.match(text):
        return _HEADER, "date" if _HEADER_DATE.match(text) else "tag"
    if _HEADER_NUMBER.match(text) is None and _STATUS.match(text):
        return _STATUS_WORD, text.strip()
    return _TEXT, ""


@attrs.define
class _Group:
    kind: BlockKind
    lines: list[int]
    document_start: bool = False


def _adjacent(lines: list[Line], owner: list[int], a: int, b: int) -> bool:
    """Whether only blank, unassigned lines (at most MAX_BLANKS) stand between ``a`` and ``b``."""
    if b - a - 1 > MAX_BLANKS:
        return False
    return all(owner[k] < 0 and not lines[k].text.strip() for k in range(a + 1, b))


def _runs(
    items: list[tuple[int, str, str]], lines: list[Line], owner: list[int]
) -> list[list[tuple[int, str, str]]]:
    """Split classified lines into runs of one family of neighbouring lines."""
    runs: list[list[tuple[int, str, str]]] = []
    for item in items:
        fam = item[1]
        if fam == _STATUS_WORD:
            fam = _HEADER
        if runs:
            prev = runs[-1][-1]
            pfam = _HEADER if prev[1] == _STATUS_WORD else prev[1]
            if pfam == fam and fam != _TEXT and _adjacent(lines, owner, prev[0], item[0]):
                runs[-1].append(item)
                continue
        runs.append([item])
    return runs


def _split_repeats(run: list[tuple[int, str, str]]) -> list[list[tuple[int, str, str]]]:
    """Cut a stamp run where a field (or stamp kind) that it already has turns up again."""
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
    items: list[tuple[int, str, str]], lines: list[Line], owner: list[int]
) -> tuple[list[_Group], set[int]]:
    """Group stamp and header lines; return the groups and the lines left as text."""
    groups: list[_Group] = []
    text: set[int] = set()
    for run in _runs(items, lines, owner):
        fam = run[0][1]
        if fam == _TEXT:
            text.update(i for i, _, _ in run)
        elif fam == _REVIEW:
            for chunk in _split_repeats(run):
                if any(d in _REVIEW_STRONG for _, _, d in chunk):
                    groups.append(_Group(BlockKind.REVIEW_STAMP, [i for i, _, _ in chunk]))
                else:
                    text.update(i for i, _, _ in chunk)
        elif fam == _RELEASE:
            for chunk in _split_repeats(run):
                groups.append(_Group(BlockKind.RELEASE_STAMP, [i for i, _, _ in chunk]))
        elif any(f == _HEADER for _, f, _ in run):
            doc = any(
                f == _HEADER and (d == "date" or _HEADER_NUMBER.match(lines[i].text))
                for i, f, d in run
            )
            groups.append(_Group(BlockKind.HEADER, [i for i, _, _ in run], doc))
        else:
            for i, _, word in run:
                if word == "RELEASED":
                    groups.append(_Group(BlockKind.RELEASE_STAMP, [i]))
                else:
                    text.add(i)
    return groups, text


def _prelude_start(lines: list[Line], run: list[int], lo: int, sal: int) -> int:
    """Index in ``run`` where a letter whose salutation is ``run[sal]`` opens."""
    k = sal
    while k > lo and sal - k < MAX_PRELUDE:
        if len(lines[run[k - 1]].text.strip()) > _MAX_PRELUDE_LINE:
            break
        k -= 1
    return k


def _letter_end(lines: list[Line], run: list[int], close: int) -> int:
    """Index in ``run`` of a letter's last line, given the index of its closing."""
    end = close
    k = close + 1
    while k < len(run) and k - close <= MAX_SIGNATURES:
        text = lines[run[k]].text
        if (
            run[k] - run[k - 1] - 1 > MAX_BLANKS
            or len(text.strip()) > _MAX_SIGNATURE_LINE
            or _STOP.match(text)
            or _SALUTATION.match(text)
        ):
            break
        end = k
        k += 1
    return end


def _text_runs(text_lines: list[int], owner: list[int]) -> list[list[int]]:
    """Runs of text lines not interrupted by any other block's line."""
    runs: list[list[int]] = []
    for i in text_lines:
        if runs and all(owner[k] < 0 for k in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _letters(
    lines: list[Line], text_lines: list[int], owner: list[int], groups: list[_Group]
) -> list[_Group]:
    """Find letters among the text lines; return the new groups (letters and other text)."""
    out: list[_Group] = []
    open_letter: _Group | None = None
    prev_end = -1
    breakers = sorted(
        (g.lines[0], g.lines[-1])
        for g in groups
        if g.kind is BlockKind.WORKSHEET or g.document_start
    )
    b = 0
    for run in _text_runs(text_lines, owner):
        # A worksheet or a new document's header between two runs ends an open letter.
        while b < len(breakers) and breakers[b][0] < run[0]:
            if breakers[b][0] > prev_end:
                open_letter = None
            b += 1
        prev_end = run[-1]
        salutations = [k for k, i in enumerate(run) if _SALUTATION.match(lines[i].text)]
        closings = [k for k, i in enumerate(run) if closing_of(lines[i].text)]
        pos = 0
        while pos < len(run):
            sal = next((k for k in salutations if k >= pos), None)
            close = next((k for k in closings if k >= pos), None)
            if open_letter is not None and sal is not None and (close is None or sal < close):
                open_letter = None  # a new letter starts before the open one closes
            if open_letter is None:
                if sal is not None and (close is None or sal < close):
                    first = _prelude_start(lines, run, pos, sal)
                    # the salutation itself must not reopen the search
                    close = next((k for k in closings if k > sal), None)
                elif close is not None:
                    first = pos
                else:
                    out.append(_Group(BlockKind.OTHER, run[pos:]))
                    break
                if first > pos:
                    out.append(_Group(BlockKind.OTHER, run[pos:first]))
                open_letter = _Group(BlockKind.LETTER, [])
                out.append(open_letter)
                pos = first
                if sal is not None:
                    later = next((k for k in salutations if k > sal), None)
                    if later is not None and (close is None or later < close):
                        open_letter.lines.extend(run[pos:later])
                        open_letter = None
                        pos = later
                        continue
            stop = len(run) - 1 if close is None else _letter_end(lines, run, close)
            open_letter.lines.extend(run[pos : stop + 1])
            if close is not None:
                open_letter = None
            pos = stop + 1
    return out


def segment(text: str) -> list[Block]:
    """Cut normalised ``text`` into blocks covering every line exactly once, in reading order."""
    lines = split_lines(text)
    n = len(lines)
    owner = [-1] * n
    groups: list[_Group] = []
    for first, stop in _worksheet_spans(lines):
        groups.append(_Group(BlockKind.WORKSHEET, list(range(first, stop))))
        for k in range(first, stop):
            owner[k] = len(groups) - 1
    items = [
        (k, *_classify(lines[k].text)) for k in range(n) if owner[k] < 0 and lines[k].text.strip()
    ]
    stamps, text_set = _stamp_groups(items, lines, owner)
    for g in stamps:
        groups.append(g)
        for k in g.lines:
            owner[k] = len(groups) - 1
    text_lines = sorted(text_set)
    for g in _letters(lines, text_lines, owner, groups):
        if g.kind is BlockKind.LETTER and len(g.lines) < MIN_LETTER_LINES:
            g.kind = BlockKind.OTHER  # a salutation and a closing alone carry no letter
        if g.lines:
            groups.append(g)
    for gi, g in enumerate(groups):
        for k in g.lines:
            owner[k] = gi
    _place_blanks(lines, owner, groups)
    groups = [g for g in groups if g.lines]
    groups.sort(key=lambda g: g.lines[0])
    return [Block(g.kind, tuple(lines[k] for k in sorted(g.lines))) for g in groups]


def _place_blanks(lines: list[Line], owner: list[int], groups: list[_Group]) -> None:
    """Give each unowned (blank) line to the block above it, or below it beside a worksheet."""
    n = len(lines)
    nxt = [-1] * (n + 1)
    for k in range(n - 1, -1, -1):
        nxt[k] = owner[k] if owner[k] >= 0 else nxt[k + 1]
    prev = -1
    blank_group = -1
    for k in range(n):
        if owner[k] >= 0:
            prev = owner[k]
            blank_group = -1
            continue
        if prev >= 0 and groups[prev].kind is not BlockKind.WORKSHEET:
            target = prev
        elif nxt[k] >= 0 and groups[nxt[k]].kind is not BlockKind.WORKSHEET:
            target = nxt[k]
        else:
            if blank_group < 0:
                groups.append(_Group(BlockKind.OTHER, []))
                blank_group = len(groups) - 1
            target = blank_group
        groups[target].lines.append(k)
