"""Stage 2: cut the normalised text into blocks, in reading order.

Strategy: one pass over the non-blank lines (blank lines are never built as
objects: they are only counted, and a block's lines are made on demand) with a
single compiled pattern per kind of evidence; the unanchored patterns are
tried only on lines holding one of the words they need.  A worksheet block
opens at an anchor (an ``ID#`` line, or the title, pulling in an ``ID#`` line
just above it) and runs on while worksheet evidence (labels, table headers,
legend, footer; a label broken by OCR digits, ``REFERRAL N0TE:``, counts once
folded) keeps turning up, across gaps of at most :data:`MAX_GAP` lines without
any (damaged lines, junk between ``THE WHITE HOUSE`` and its title).  The
continuation lines of a free-text value (``SUBJECT:``, ``COMMENTS:``, ``Name
of Document:``) right under it belong to it and do not count toward the gap,
up to :data:`MAX_CONTINUATION` of them: lines indented under the value, or in
capitals under a value in capitals (the computer-printed form).  It closes
after the footer's last line, before the next worksheet's anchor, before a
line that opens another kind of block (a stamp, an archive header, a
salutation: :data:`_vocab.WORKSHEET_STOPS`), or at its last line of evidence
(and that line's continuation lines).  A candidate without a title is refused
when a line of another kind of document (withdrawal sheet, memorandum, routing
slip) stands in or just above it.

The lines outside worksheets are then classed one by one (review stamp line,
release stamp line, archive header line, or text).  Neighbouring lines of
one family (separated by at most :data:`MAX_BLANKS` blank lines) form one
block; a review stamp needs one of its strong lines (office, ``Review
Authority``, ``Case ID``), so a letterhead naming a department is not a stamp.
A stamp line is also recognised behind junk or another column's text (a
stamp beside a letter's address is read across both), and a header or
release stamp line behind speckle.  Handwriting lines (``5m``, ``I 1 I``)
between two lines of a stamp are the stamp's, and parts of one stamp that
hold different fields, cut apart by at most :data:`MAX_STAMP_INTERRUPTION`
lines of text, are one stamp;
a run of header lines is cut where the printed order (number, date, status,
page tags) starts again, so a ``RELEASED`` stamp just above the next
document's number stays a stamp.
Runs of text lines become letters where a salutation or a closing shows one
(as OCR damages them: :mod:`._blocklines`): the letter opens up to
:data:`MAX_PRELUDE` short lines above its salutation, and runs to its
signatures, *across* stamps and page tags stamped into it (so
a letter block's lines need not be consecutive; the stamp is its own block).
Everything else becomes ``other`` blocks.  Blank lines join the block of the
line above (or below, beside a worksheet), so every line of the input is in
exactly one block; blocks are returned ordered by their first line.

Every step is linear in the number of lines: a worksheet candidate that is
refused is scanned again from the next anchor, so the scan's result from each
line of evidence is remembered, and the check for another document's marker
above a candidate counts the markers once for all candidates.  What a line's
text alone decides (whether it is an ``ID#`` line, a title, evidence, what it
is outside worksheets) is found once per text and remembered across calls in
a bounded memo: a worksheet's printed lines recur on every page.

Memory stays bounded on files of very short lines: in a long text whose
lines are short on average (:data:`_THIN_SIZE`, :data:`_THIN_LINE`), a long
run of plain lines (text that no rule treats as anything but text:
:func:`_plain`) is read as its first and last :data:`_PLAIN_REACH` lines,
further than any rule looks, and the lines left out go to the block of the
lines around them, which must be other text or a letter (its body; else,
as when a worksheet would take them, the input is read again whole).  Runs
of consecutive lines are kept as ranges, and the numbers kept per line or
per run of blank lines in compact arrays.
"""

from __future__ import annotations

import bisect
import collections
import enum
import heapq
import itertools
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from re import _constants as _sre
from re import _parser as _sre_parse
from typing import Any

import attrs

from worksheet_parser import _vocab
from worksheet_parser._blocklines import (
    closing_at,
    debris_line,
    loose_review_label,
    printed_core,
    salutation_at,
)
from worksheet_parser._caches import register
from worksheet_parser._labels import opens_with_label

__all__ = [
    "MAX_BLANKS",
    "MAX_CONTINUATION",
    "MAX_GAP",
    "MAX_PRELUDE",
    "MAX_STAMP_INTERRUPTION",
    "MIN_LETTER_LINES",
    "Block",
    "BlockKind",
    "Line",
    "segment",
    "split_lines",
]

MAX_GAP = 4
"""Non-blank lines without worksheet evidence a worksheet block may run across."""

MAX_CONTINUATION = 30
"""Continuation lines of a free-text value that do not count toward :data:`MAX_GAP`."""

MAX_BLANKS = 2
"""Blank lines that may separate two lines of one stamp or header."""

MAX_PRELUDE = 8
"""Short lines above a salutation read as letterhead, place, date and address."""

MIN_LETTER_LINES = 3
"""Non-blank lines a letter needs (a salutation or closing alone is not one)."""

MAX_SIGNATURES = 6
"""Lines under a closing read as signatures."""

MAX_STAMP_INTERRUPTION = 2
"""Text lines (another column's, fused) that may stand between two parts of one stamp."""

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


_Ints = Sequence[int]
"""Offsets or line numbers of lines: a list, or a compact array for many short lines."""

_Piece = tuple[int, int, int]
"""Consecutive lines of a block: (first line's number, its offset, how many lines)."""


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
    _pieces: tuple[_Piece, ...] = attrs.field(repr=False)
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
        text that the segmenter did not look at (see :func:`_thinned_lines`),
        which a letter's body may hold: each line is read once, so a letter of
        a million short lines costs no record per line.
        """
        text = self._text
        find = text.find
        blank = False
        for _number, pos, count in self._pieces:
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
            for number, start, count in self._pieces:
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
        for _number, start, count in self._pieces:
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
        for _number, pos, count in self._pieces:
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


_NON_EMPTY = re.compile(r"[^\n]+")


def _filled_lines(text: str) -> tuple[list[str], _Ints, _Ints]:
    """Texts, offsets and line numbers of the lines that are not blank."""
    texts: list[str] = []
    breaks = text.count("\n")
    if breaks * 16 < len(text):
        # Mostly long lines: one split, one loop.
        starts: list[int] = []
        numbers: list[int] = []
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


# --- cheap prefilters for the unanchored patterns ---------------------------------


def _literal_run(items: Any) -> str | None:
    """The best run of consecutive ASCII literals in one level of a parsed pattern."""
    best: str | None = None
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is _sre.LITERAL and arg < 128:
            run.append(chr(arg).upper())
            continue
        if run:
            word = "".join(run)
            score = len(word) + (2 if not word.isalpha() else 0)
            if best is None or score > len(best) + (2 if not best.isalpha() else 0):
                best = word
            run = []
    return best


def _needed(items: Any) -> list[str] | None:
    """Words (upper case) one of which every match of ``items`` contains, or ``None``."""
    word = _literal_run(items)
    if word is not None:
        return [word]
    for op, arg in items:
        if op is _sre.BRANCH:
            out: list[str] = []
            for branch in arg[1]:
                words = _needed(branch)
                if words is None:
                    break  # no word known for this step: look at the next ones
                out += words
            else:
                return out
        if op is _sre.SUBPATTERN:
            words = _needed(arg[-1])
            if words is not None:
                return words
        if op in _REPEATS and arg[0] >= 1:  # repeated at least once
            sub = arg[2]
            if len(sub) == 1 and sub[0][0] is _sre.LITERAL and sub[0][1] < 128:
                return [chr(sub[0][1]).upper() * min(arg[0], 16)]  # ``\*{4}``: ``****``
            words = _needed(sub)
            if words is not None:
                return words
    return None


_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT))


def _words(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Words one of which any line matching ``pattern`` holds (compared in upper case).

    Exact for ASCII lines only: case-insensitive matching pairs a few non-ASCII
    characters with ASCII letters (the Kelvin sign with ``k``), so a line with
    any non-ASCII character is always given to the pattern itself.
    """
    try:
        words = _needed(_sre_parse.parse(pattern, flags).data)
    except Exception:  # pragma: no cover - an unusual pattern: no prefilter
        return None
    return None if words is None else tuple(dict.fromkeys(words))


def _upper(text: str) -> str | None:
    return text.upper() if text.isascii() else None


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (split at ``|`` outside groups and sets)."""
    parts: list[str] = []
    depth = start = i = 0
    in_set = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
            i += 2 if pattern.startswith("[^", i) else 1
            if pattern.startswith("]", i):
                i += 1  # a ``]`` first in a set is a character of it
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


_INDENT = (" ", "\t")
_ByWord = tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
"""Alternatives by a word they need: ``(word, patterns)``, shortest words first."""


class _AnyOf:
    """Whether a line holds a match of any of several patterns, as one joined search says.

    A search for many case-insensitive alternatives tries each of them at
    every position of the line.  For an ASCII line each alternative is
    searched alone, and only when the line holds one of the words it needs:
    each needed word is looked for once, and the alternatives that need it
    are tried when it is there.
    """

    __slots__ = ("_at_start", "_flags", "_patterns", "_split", "whole")

    def __init__(self, patterns: Sequence[str], flags: int, *, at_start: bool = False) -> None:
        self.whole = re.compile("|".join(patterns), flags)
        self._at_start = at_start
        self._patterns = tuple(patterns)
        self._flags = flags
        self._split: tuple[tuple[re.Pattern[str], ...], _ByWord] | None = None
        """The alternatives apart, made on the first search (not at import)."""

    @property
    def parts(self) -> tuple[tuple[re.Pattern[str], tuple[str, ...] | None], ...]:
        """Each alternative compiled alone, with the words one of which it needs."""
        flags = self._flags
        return tuple(
            (re.compile(alt, flags), _words(alt, flags))
            for pattern in self._patterns
            for alt in _alternatives(pattern)
        )

    def _alternatives_apart(self) -> tuple[tuple[re.Pattern[str], ...], _ByWord]:
        parts = self.parts
        always = tuple(part for part, words in parts if words is None)
        by_word: dict[str, list[re.Pattern[str]]] = {}
        for part, words in parts:
            for word in words or ():
                by_word.setdefault(word, []).append(part)
        # Shortest words first: the likeliest to be in a line (a routing row's date slashes).
        split = always, tuple((word, tuple(by_word[word])) for word in sorted(by_word, key=len))
        self._split = split
        return split

    def search(self, text: str, upper: str | None) -> bool:
        """Whether ``self.whole.search(text)`` finds a match.

        ``upper`` is the line in upper case if it is ASCII, else ``None``.
        """
        if upper is None:
            return self.whole.search(text) is not None
        if self._at_start and text[:1] not in _INDENT and self.whole.match(text) is not None:
            return True  # most worksheet lines open with their label, flush left
        always, by_word = self._split or self._alternatives_apart()
        for part in always:
            if part.search(text) is not None:
                return True
        for word, parts in by_word:
            if word in upper:
                for part in parts:
                    if part.search(text) is not None:
                        return True
        return False


_ID_ANY = _AnyOf(_vocab.WORKSHEET_ID_LINES, re.I)
_ID = _ID_ANY.whole
"""The joined ``ID#`` pattern, whose answer :data:`_ID_ANY` gives."""
_TITLE_ANY = _AnyOf(_vocab.WORKSHEET_TITLES[:-1], re.I)
_HOUSE = re.compile(_vocab.WORKSHEET_TITLES[-1], re.I)
_EVIDENCE_ANY = _AnyOf(
    _vocab.WORKSHEET_EVIDENCE + _vocab.WORKSHEET_TITLES[:-1], re.I, at_start=True
)
_FOOTER_END = re.compile(r"RECORDS\s+MANAGEMENT\.?\s*$|KEEP\s+THIS\s+WORKSHEET", re.I)
_FOOTER_LAST = re.compile(r"RECORDS\s+MANAGEMENT\.?\s*$", re.I)
_NOT_WORKSHEET_ANY = _AnyOf([_vocab.NOT_WORKSHEET_MARKERS], re.I | re.M)


_FREE_TEXT_LABEL = re.compile(
    r"^\s*(?:SUBJECT|C[O0]MMENTS|ADDITIONAL\s+CORRESPONDENTS|NAME\s+OF\s+DOCUMENT)\s*:", re.I
)
_STOPS = _AnyOf(_vocab.WORKSHEET_STOPS, re.I)
_LABEL_FOLD = str.maketrans({"0": "O", "1": "I", "l": "I", "|": "I"})
"""OCR digits (and ``l``) in a broken label, folded onto the letters they stand for."""


def _damaged_evidence(text: str) -> bool:
    """Whether ``text`` is worksheet evidence once a broken label is folded (``REFERRAL N0TE:``),
    or opens with a label as OCR damages them (``SUBJEC T:``, ``~~~ DATE RECEIVED;``)."""
    folded = text.translate(_LABEL_FOLD)
    if folded != text and _EVIDENCE_ANY.search(folded, _upper(folded)):
        return True
    return opens_with_label(text)


# What a line is to a worksheet scan.  A line of damaged evidence (a broken
# label) is evidence only when it does not open another kind of block, which
# depends on the line under it too, so it is told apart until then.
_OTHER, _ID_LINE, _TITLE_LINE, _EVIDENCE_LINE, _FOOTER_LINE, _DAMAGED_LINE = range(6)

# What is known of one line's text, found on first need (``None``: not yet; the
# upper-case form is ``False`` until found, as ``None`` means "not ASCII").
(
    _F_UPPER,
    _F_ID,
    _F_TITLE,
    _F_KIND,
    _F_STOPS,
    _F_HEADER,
    _F_CLASS,
    _F_MARKER,
    _F_FREE,
    _F_LETTER,
    _F_ANCHOR,
    _F_PLAIN,
) = range(12)
_Facts = list[Any]

_FACTS: dict[str, _Facts] = {}
"""The facts of recently seen line texts, shared by every call: a worksheet's
printed lines recur on every page, and what a line is depends on its text alone.
Facts are only ever filled in with the one value they can have, so calls in
several threads at once can at worst find a fact twice."""
_FACTS_SIZE = 4096
"""Line texts whose facts are remembered (all are forgotten when there are more)."""
_FACTS_LINE = 200
"""Longest line whose facts are remembered (a longer one is looked at afresh each time)."""
register("segmenter.line_facts", _FACTS_SIZE, _FACTS.clear, _FACTS.__len__)


def _facts(texts: list[str]) -> list[_Facts]:
    """The facts of each of ``texts``: remembered ones, or new empty ones."""
    get = _FACTS.get
    return [get(text) or _new_facts(text) for text in texts]


def _new_facts(text: str) -> _Facts:
    """Empty facts for ``text``, remembered if it is short enough."""
    f: _Facts = [False, None, None, None, None, None, None, None, None, None, None, None]
    if len(text) <= _FACTS_LINE:
        memo = _FACTS
        if len(memo) >= _FACTS_SIZE:
            memo.clear()
        memo[text] = f
    return f


def _upper_of(text: str, f: _Facts) -> str | None:
    u = f[_F_UPPER]
    if u is False:
        u = f[_F_UPPER] = _upper(text)
    return u  # type: ignore[no-any-return]


def _is_id(text: str, f: _Facts) -> bool:
    v = f[_F_ID]
    if v is None:
        v = f[_F_ID] = _ID_ANY.search(text, _upper_of(text, f))
    return v  # type: ignore[no-any-return]


def _is_title(text: str, f: _Facts) -> bool:
    v = f[_F_TITLE]
    if v is None:
        v = f[_F_TITLE] = _TITLE_ANY.search(text, _upper_of(text, f))
    return v  # type: ignore[no-any-return]


def _is_anchor(text: str, f: _Facts) -> bool:
    """Whether a worksheet candidate can open at the line: ``ID#``, title, ``THE WHITE HOUSE``."""
    v = f[_F_ANCHOR]
    if v is None:
        v = f[_F_ANCHOR] = _is_id(text, f) or _is_title(text, f) or _HOUSE.match(text) is not None
    return v  # type: ignore[no-any-return]


def _is_header(text: str, f: _Facts) -> bool:
    v = f[_F_HEADER]
    if v is None:
        v = f[_F_HEADER] = _header_line(text)
    return v  # type: ignore[no-any-return]


def _line_kind(text: str, f: _Facts) -> int:
    """What a line is to a worksheet scan, from its text alone (:data:`_DAMAGED_LINE` undecided)."""
    if _is_id(text, f):
        return _ID_LINE
    if _is_title(text, f):
        return _TITLE_LINE
    upper = _upper_of(text, f)
    if _EVIDENCE_ANY.search(text, upper):
        if upper is not None and "MANAGEMENT" not in upper:
            return _EVIDENCE_LINE  # both footer patterns below need the word
        footer = _FOOTER_LAST.search(text) or (
            _FOOTER_END.search(text) and "MANAGEMENT" in text.upper()
        )
        return _FOOTER_LINE if footer else _EVIDENCE_LINE
    if _damaged_evidence(text):
        return _DAMAGED_LINE
    return _OTHER


_ANSWERS = {t: t for t in itertools.product((False, True), repeat=3)}
"""Each triple of yes and no, to keep one tuple per answer (:meth:`_Lines.free_text`)."""


class _Lines:
    """The non-blank lines, with what each is to a worksheet scan (found on first need).

    What depends on a line's text alone is kept in its facts (:func:`_facts`),
    shared with every other line of the same text; what depends on the lines
    around it too is kept here.
    """

    __slots__ = ("_stops", "facts", "kinds", "memo", "numbers", "texts")

    def __init__(self, texts: list[str], numbers: _Ints) -> None:
        self.texts = texts
        self.numbers = numbers
        n = len(texts)
        self.facts = _facts(texts)
        # -1: not known yet (a damaged label's kind depends on the line under it).
        self.kinds: list[int] = [
            -1 if (v := f[_F_KIND]) is None or v == _DAMAGED_LINE else v for f in self.facts
        ]
        self._stops: list[bool | None] = [None] * n
        # _scan's results, 4 per line (one per pair of flags): last * 4 + flags, -1 unknown
        self.memo: array[int] | None = None

    def upper(self, k: int) -> str | None:
        """Line ``k`` in upper case if it is ASCII, else ``None``."""
        return _upper_of(self.texts[k], self.facts[k])

    def is_id(self, k: int) -> bool:
        """Whether line ``k`` is an ``ID#`` line."""
        return _is_id(self.texts[k], self.facts[k])

    def is_title(self, k: int) -> bool:
        """Whether line ``k`` is a worksheet's title line."""
        return _is_title(self.texts[k], self.facts[k])

    def marker(self, k: int) -> bool:
        """Whether line ``k`` is a line of another kind of document (a memo, a routing slip)."""
        f = self.facts[k]
        v = f[_F_MARKER]
        if v is None:
            text = self.texts[k]
            v = f[_F_MARKER] = _NOT_WORKSHEET_ANY.search(text, _upper_of(text, f))
        return v  # type: ignore[no-any-return]

    def free_text(self, k: int) -> tuple[bool, bool, bool]:
        """Whether line ``k`` opens a free-text value, with no value on it, in capitals."""
        f = self.facts[k]
        v = f[_F_FREE]
        if v is None:
            text = self.texts[k]
            label = _FREE_TEXT_LABEL.match(text)
            if label is None:
                v = (False, False, False)
            else:  # one shared tuple per answer, not one per line
                v = _ANSWERS[True, not text[label.end() :].strip(), not _lower(text)]
            f[_F_FREE] = v
        return v  # type: ignore[no-any-return]

    def letter(self, k: int) -> tuple[bool, bool]:
        """Whether line ``k`` is a letter's salutation, and whether it is a closing."""
        f = self.facts[k]
        v = f[_F_LETTER]
        if v is None:
            text = self.texts[k]
            v = f[_F_LETTER] = (salutation_at(text) is not None, closing_of(text))
        return v  # type: ignore[no-any-return]

    def classify(self, k: int) -> tuple[str, str]:
        """What line ``k`` is outside worksheets: see :func:`_classify`."""
        f = self.facts[k]
        v = f[_F_CLASS]
        if v is None:
            text = self.texts[k]
            v = f[_F_CLASS] = _classify(text, _upper_of(text, f))
        return v  # type: ignore[no-any-return]

    def stops(self, k: int) -> bool:
        """Whether line ``k`` opens another kind of block (a stamp, header or letter).

        A document number or page tag line opens a header only when another
        header line follows it (a lone number may be handwriting on the form).
        """
        v = self._stops[k]
        if v is None:
            texts = self.texts
            text = texts[k]
            f = self.facts[k]
            v = f[_F_STOPS]
            if v is None:
                v = f[_F_STOPS] = _STOPS.search(text, _upper_of(text, f)) or _stamp_line(text)
            if not v and k + 1 < len(texts) and _is_header(text, f):
                near = self.numbers[k + 1] - self.numbers[k] - 1 <= MAX_BLANKS
                below = texts[k + 1]
                v = near and (
                    _is_header(below, self.facts[k + 1]) or _STATUS.match(below) is not None
                )
            self._stops[k] = v
        return v

    def kind(self, k: int) -> int:
        """What line ``k`` is to a worksheet scan."""
        v = self.kinds[k]
        if v < 0:
            f = self.facts[k]
            v = f[_F_KIND]
            if v is None:
                v = f[_F_KIND] = _line_kind(self.texts[k], f)
            if v == _DAMAGED_LINE:
                v = _OTHER if self.stops(k) else _EVIDENCE_LINE
            self.kinds[k] = v
        return v


def _lower(text: str) -> bool:
    """Whether ``text`` holds a lower-case letter."""
    return text != text.upper()


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


# --- stamps, headers and letters ---------------------------------------------------

_REVIEW_FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I)) for name, pattern in _vocab.REVIEW_STAMP_LABELS.items()
)
_REVIEW_ANY = re.compile("|".join(f"(?P<{name}>{p.pattern})" for name, p in _REVIEW_FIELDS), re.I)
"""The review stamp lines in one pattern: each is anchored at the line's start, so the
first (in order) that matches there is the one the line is."""
_REVIEW_ANCHORED = all(
    p.groups == 0 and all(alt.startswith("^") for alt in _alternatives(p.pattern))
    for _, p in _REVIEW_FIELDS
)
_REVIEW_STRONG = frozenset({"office", "reviewer", "case_id"})
_RELEASE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in _vocab.RELEASE_STAMP_LINES.items()
    if name != "released"
)
_RELEASE_ANY = tuple(_AnyOf([p.pattern], re.I) for _, p in _RELEASE_KINDS)
_RELEASE_OPENER = re.compile(r"^\s*DECLASSIFIED\b", re.I)
_HEADER_NUMBER = re.compile(_vocab.HEADER_DOCUMENT_NUMBER)
_HEADER_DATE = re.compile(_vocab.HEADER_DATE)
_HEADER_TAG = re.compile(_vocab.HEADER_PAGE_TAG)
_HEADER_ANY = re.compile(
    f"(?:{_vocab.HEADER_DOCUMENT_NUMBER})|(?:{_vocab.HEADER_DATE})|(?:{_vocab.HEADER_PAGE_TAG})"
)
"""Matches where any of the number, date and page tag lines does."""
_HEADER_FIRST = frozenset("0123456789OoIlSsBb|")
"""The characters a number, date or page tag line can open with, after its indent."""
_STATUS = re.compile(r"^\s*(?:" + "|".join(_vocab.HEADER_STATUSES) + r")\s*$", re.I)
_SALUTATION = re.compile(_vocab.LETTER_SALUTATION, re.I)
MIN_NUMBER_DIGITS = 3
"""Real digits an archive header's five-character document number needs (``47O82``)."""
_STOP = re.compile(_vocab.LETTER_STOP, re.I)
_MAX_PRELUDE_LINE = 100
_MAX_SIGNATURE_LINE = 80

# Line classes (family, detail).
_TEXT = "text"
_REVIEW = "review"
_RELEASE = "release"
_HEADER = "header"
_STATUS_WORD = "status"


def _header_line(text: str) -> bool:
    """Whether ``text`` is an archive header's number, date or page tag line."""
    if text.lstrip()[:1] not in _HEADER_FIRST or _HEADER_ANY.match(text) is None:
        return False  # none of the three (one search instead of three)
    return bool(number_line(text) or _HEADER_DATE.match(text) or _HEADER_TAG.match(text))


def number_line(text: str) -> bool:
    """Whether ``text`` is an archive header's document number line (``01494``, ``47O82``)."""
    if _HEADER_NUMBER.match(text) is None:
        return False
    return sum(c.isdigit() for c in text) >= MIN_NUMBER_DIGITS


def closing_of(text: str) -> bool:
    """Whether ``text`` is a complimentary closing (``Sincerely,``, OCR ``Sinccrely, a``)."""
    return closing_at(text.strip()) is not None


_MAX_SPECKLED = 80
"""Longest line looked at for a header or release stamp line behind speckle."""


def _stamp_line(text: str) -> bool:
    """Whether ``text`` is a review stamp's office, reviewer or case id line behind junk.

    Such a line ends a worksheet as :data:`_vocab.WORKSHEET_STOPS` do; a
    stamp's ``Date:`` line alone does not (worksheets print dates too).
    """
    found = loose_review_label(text)
    return found is not None and found[0] in _REVIEW_STRONG


def _classify(
    text: str, upper: str | bool | None = False, *, trimmed: bool = False
) -> tuple[str, str]:
    """Return (family, detail) for one non-blank line outside worksheets.

    ``upper`` is the line in upper case when it is ASCII (``None`` when not;
    ``False``: not known yet); ``trimmed``: the line is already a printed
    core (:func:`printed_core`), not to be trimmed again.
    """
    if _REVIEW_ANCHORED:
        m = _REVIEW_ANY.match(text)
        if m is not None:
            return _REVIEW, m.lastgroup or ""
    else:  # pragma: no cover - a vocabulary line that is not anchored
        for name, pattern in _REVIEW_FIELDS:
            if pattern.search(text):
                return _REVIEW, name
    if upper is False:
        upper = _upper(text)
    for (name, _), found in zip(_RELEASE_KINDS, _RELEASE_ANY, strict=True):
        if found.search(text, upper):  # type: ignore[arg-type]
            opener = name != "declassified" or bool(_RELEASE_OPENER.match(text))
            return _RELEASE, name if opener else ""
    if _header_line(text):
        if _HEADER_DATE.match(text):
            return _HEADER, "date"
        return _HEADER, "number" if number_line(text) else "tag"
    if _STATUS.match(text):
        return _STATUS_WORD, text.strip()
    loose = loose_review_label(text)
    if loose is not None:  # junk or another column before the label, or a damaged label
        return _REVIEW, loose[0]
    plain = text[:2].isalnum() and text[-2:].isalnum() and "\t" not in text
    a, b = (0, len(text)) if plain or trimmed or len(text) > _MAX_SPECKLED else printed_core(text)
    if b > a and (a, b) != (0, len(text)):
        # Speckle or another column beside a header or release stamp line.
        family, detail = _classify(text[a:b], trimmed=True)
        if family in (_HEADER, _STATUS_WORD, _RELEASE):
            return family, detail
    return _TEXT, ""


@attrs.define
class _Group:
    kind: BlockKind
    lines: list[int] | range
    """Its non-blank lines (indexes into the non-blank lines): a range when consecutive (a
    long run of text makes no number per line)."""
    document_start: bool = False
    gaps: array[int] = attrs.Factory(lambda: array("q"))
    """Runs of blank lines it takes, in order, four numbers each: first number, stop number,
    first offset, end offset (compact: lines of text between blank lines make one each)."""


def _adjacent(numbers: _Ints, a: int, b: int) -> bool:
    """Whether only blank lines (at most MAX_BLANKS) stand between non-blank lines ``a``, ``b``."""
    return b == a + 1 and numbers[b] - numbers[a] - 1 <= MAX_BLANKS


def _runs(items: list[tuple[int, str, str]], numbers: _Ints) -> list[list[tuple[int, str, str]]]:
    """Split classified lines into runs of one family of neighbouring lines."""
    runs: list[list[tuple[int, str, str]]] = []
    for item in items:
        fam = item[1]
        if fam == _STATUS_WORD:
            fam = _HEADER
        if runs:
            prev = runs[-1][-1]
            pfam = _HEADER if prev[1] == _STATUS_WORD else prev[1]
            if pfam == fam and fam != _TEXT and _adjacent(numbers, prev[0], item[0]):
                runs[-1].append(item)
                continue
        runs.append([item])
    return runs


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
) -> tuple[list[_Group], set[int]]:
    """Group stamp and header lines; return the groups and the lines left as text."""
    groups: list[_Group] = []
    text: set[int] = set()
    reviews: list[list[tuple[int, str, str]]] = []
    items = _absorb_debris(items, texts, numbers)
    for run in _runs(items, numbers):
        fam = run[0][1]
        if fam == _TEXT:
            text.update(i for i, _, _ in run)
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
                        text.add(i)
    for chunk in _join_fragments(reviews, {i for i, f, _ in items if f == _TEXT}):
        if any(d in _REVIEW_STRONG for _, _, d in chunk):
            groups.append(_Group(BlockKind.REVIEW_STAMP, [i for i, _, _ in chunk]))
        else:
            text.update(i for i, _, _ in chunk)
    return groups, text


def _join_fragments(
    chunks: list[list[tuple[int, str, str]]], text_lines: set[int]
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
                and all(k in text_lines for k in gap)
                and not fields & {d for _, _, d in chunk if d}
            ):
                prev.extend(chunk)
                continue
        out.append(list(chunk))
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


def _extend(group: _Group, lines: Iterable[int]) -> None:
    """Add ``lines`` to a group made with a list of lines (a letter)."""
    assert isinstance(group.lines, list)
    group.lines.extend(lines)


def _text_runs(text_lines: Iterable[int], stamped: set[int]) -> list[list[int] | range]:
    """Runs of text lines not interrupted by any other block's line but a stamp's.

    Every non-blank line belongs to some block, so two text lines are in one
    run when no non-blank line stands between them, or only lines of stamps
    (``stamped``): a stamp lands anywhere on a letter's page, between its
    letterhead and its salutation too.  A run of consecutive lines is a
    ``range`` (a long run of text costs no number per line).
    """
    runs: list[list[int] | range] = []
    lo = hi = -1  # the open run's last consecutive lines, range(lo, hi) ...
    joined: list[int] | None = None  # ... after these (lines before a stamp's)
    for i in text_lines:  # ascending
        if i == hi:
            hi += 1
            continue
        if hi >= 0:
            if all(k in stamped for k in range(hi, i)):
                if joined is None:
                    joined = []
                joined.extend(range(lo, hi))
                lo, hi = i, i + 1
                continue
            runs.append(range(lo, hi) if joined is None else [*joined, *range(lo, hi)])
            joined = None
        lo, hi = i, i + 1
    if hi >= 0:
        runs.append(range(lo, hi) if joined is None else [*joined, *range(lo, hi)])
    return runs


def _at_or_after(ascending: list[int], k: int) -> int | None:
    """The first of ``ascending`` that is at least ``k``, if any."""
    i = bisect.bisect_left(ascending, k)
    return ascending[i] if i < len(ascending) else None


def _letters(lines: _Lines, text_lines: Iterable[int], groups: list[_Group]) -> list[_Group]:
    """Find letters among the text lines; return the new groups (letters and other text)."""
    texts = lines.texts
    numbers = lines.numbers
    out: list[_Group] = []
    open_letter: _Group | None = None
    prev_end = -1
    breakers = sorted(
        (g.lines[0], g.lines[-1])
        for g in groups
        if g.kind is BlockKind.WORKSHEET or g.document_start
    )
    b = 0
    letter = lines.letter
    stamped = {
        k
        for g in groups
        if g.kind in (BlockKind.REVIEW_STAMP, BlockKind.RELEASE_STAMP)
        for k in g.lines
    }
    for run in _text_runs(text_lines, stamped):
        # A worksheet or a new document's header between two runs ends an open letter.
        while b < len(breakers) and breakers[b][0] < run[0]:
            if breakers[b][0] > prev_end:
                open_letter = None
            b += 1
        prev_end = run[-1]
        salutations = [k for k, i in enumerate(run) if letter(i)[0]]
        closings = [k for k, i in enumerate(run) if letter(i)[1]]
        pos = 0
        while pos < len(run):
            # (searched by bisection: a run of many short letters stays linear)
            sal = _at_or_after(salutations, pos)
            close = _at_or_after(closings, pos)
            if open_letter is not None and sal is not None and (close is None or sal < close):
                open_letter = None  # a new letter starts before the open one closes
            if open_letter is None:
                if sal is not None and (close is None or sal < close):
                    first = _prelude_start(texts, run, pos, sal)
                    # the salutation itself must not reopen the search
                    close = _at_or_after(closings, sal + 1)
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
                    later = _at_or_after(salutations, sal + 1)
                    if later is not None and (close is None or later < close):
                        _extend(open_letter, run[pos:later])
                        open_letter = None
                        pos = later
                        continue
            stop = len(run) - 1 if close is None else _letter_end(texts, numbers, run, close)
            _extend(open_letter, run[pos : stop + 1])
            if close is not None:
                open_letter = None
            pos = stop + 1
    return out


_PLAIN_REACH = 64
"""Plain lines kept at each end of a long run of them (see :func:`_thinned_lines`).

More than any rule of the segmenter looks across: a worksheet's free-text
continuation lines and gap (:data:`MAX_CONTINUATION` + :data:`MAX_GAP`), the
markers above a worksheet candidate, a letter's prelude and signatures, a
stamp's debris and interruptions."""
_THIN_LINE = 16
"""Inputs whose lines are this short on average are read with :func:`_thinned_lines`."""
_THIN_SIZE = 1 << 16
"""...if they are at least this long (a short text costs little memory, whatever its shape)."""


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


def segment(text: str) -> list[Block]:
    """Cut normalised ``text`` into blocks covering every line exactly once, in reading order."""
    if len(text) >= _THIN_SIZE and text.count("\n") * _THIN_LINE > len(text):
        blocks = _segment(text, *_thinned_lines(text))
        if blocks is not None:
            return blocks
    blocks = _segment(text, *_filled_lines(text), [])
    assert blocks is not None
    return blocks


_STAMP_REACH = 3
"""Text lines this close to a stamp or header line are grouped with the stamps (more than
:data:`_MAX_DEBRIS_LINES` and :data:`MAX_STAMP_INTERRUPTION`)."""


def _classified(lines: _Lines, owner: list[int]) -> tuple[list[tuple[int, str, str]], _Ints]:
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


_THINNABLE = (BlockKind.OTHER, BlockKind.LETTER)
"""The blocks that may hold lines the segmenter left out (:func:`_thinned_lines`)."""


def _segment(
    text: str, texts: list[str], starts: _Ints, numbers: _Ints, cuts: list[int]
) -> list[Block] | None:
    """:func:`segment` of the lines given; ``None`` when lines left out at ``cuts`` would
    not all belong to one block of other text (a letter's body, say)."""
    m = len(texts)
    lines = _Lines(texts, numbers)
    owner = [-1] * m
    groups: list[_Group] = []
    for first, last in _worksheet_spans(lines):
        groups.append(_Group(BlockKind.WORKSHEET, range(first, last + 1)))
        owner[first : last + 1] = [len(groups) - 1] * (last + 1 - first)
    items, lone = _classified(lines, owner)
    stamps, text_set = _stamp_groups(items, texts, numbers)
    groups.extend(stamps)
    text_lines: Iterable[int] = lone
    if text_set:
        text_lines = heapq.merge(sorted(text_set), lone) if lone else sorted(text_set)
    for g in _letters(lines, text_lines, groups):
        if g.kind is BlockKind.LETTER and len(g.lines) < MIN_LETTER_LINES:
            g.kind = BlockKind.OTHER  # a salutation and a closing alone carry no letter
        if g.lines:
            groups.append(g)
    for gi, g in enumerate(groups):
        if g.kind is not BlockKind.WORKSHEET:  # a worksheet's lines have their owner
            for k in g.lines:
                owner[k] = gi
    for k in cuts:
        # The lines left out before line k are the block's around them; they
        # are placed with the blank lines, as the gap in its line numbers.
        # A letter's body takes them too (a contiguous part of a run of text lines).
        if owner[k] != owner[k - 1] or groups[owner[k]].kind not in _THINNABLE:
            return None
    _place_blanks(text, texts, starts, numbers, owner, groups)
    blocks = [_block(g, text, texts, starts, numbers) for g in groups if g.lines or g.gaps]
    blocks.sort(key=lambda b: b._pieces[0][0])
    return blocks


def _place_blanks(
    text: str,
    texts: list[str],
    starts: _Ints,
    numbers: _Ints,
    owner: list[int],
    groups: list[_Group],
) -> None:
    """Give each run of blank lines outside worksheets to the block above it.

    Or to the block below it, beside a worksheet; or to a block of its own.
    """
    m = len(texts)
    total = text.count("\n") + 1
    worksheet = BlockKind.WORKSHEET
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
        if prev >= 0 and prev == nxt and groups[prev].kind is worksheet:
            continue  # blank lines inside a worksheet are its own
        first = numbers[k - 1] + 1 if k > 0 else 0
        stop = numbers[k] if k < m else total
        if stop <= first:
            continue
        if prev >= 0 and groups[prev].kind is not worksheet:
            target = groups[prev]
        elif nxt >= 0 and groups[nxt].kind is not worksheet:
            target = groups[nxt]
        else:
            target = _Group(BlockKind.OTHER, [])
            groups.append(target)
        offset = starts[k - 1] + len(texts[k - 1]) + 1 if k > 0 else 0
        end = starts[k] - 1 if k < m else len(text)
        target.gaps.extend((first, stop, offset, end))


def _block(g: _Group, text: str, texts: list[str], starts: _Ints, numbers: _Ints) -> Block:
    """Build the :class:`Block` of a group."""
    source = (texts, starts, numbers)
    if g.kind is BlockKind.WORKSHEET:
        # A worksheet's lines are consecutive non-blank lines, in order.
        first, last = g.lines[0], g.lines[-1]
        piece = (numbers[first], starts[first], numbers[last] - numbers[first] + 1)
        return Block(
            g.kind,
            starts[first],
            starts[last] + len(texts[last]),
            text,
            (piece,),
            source,
            g.lines if isinstance(g.lines, range) else tuple(g.lines),
        )
    own = g.lines if isinstance(g.lines, range) else sorted(g.lines)
    gaps = g.gaps  # in order (placed in order of their lines)
    pieces: list[_Piece] = []
    gi = 0
    end = -1

    def add(first: int, offset: int, count: int) -> None:
        # Lines that follow the last piece's lines join it: a run of lines is one piece.
        if pieces:
            last = pieces[-1]
            if last[0] + last[2] == first:
                pieces[-1] = (last[0], last[1], last[2] + count)
                return
        pieces.append((first, offset, count))

    for k in own:
        while gi < len(gaps) and gaps[gi] < numbers[k]:
            first, stop, offset, end = gaps[gi : gi + 4]
            add(first, offset, stop - first)
            gi += 4
        add(numbers[k], starts[k], 1)
        end = starts[k] + len(texts[k])
    for at in range(gi, len(gaps), 4):
        first, stop, offset, end = gaps[at : at + 4]
        add(first, offset, stop - first)
    return Block(
        g.kind,
        pieces[0][1],
        end,
        text,
        tuple(pieces),
        source,
        own if isinstance(own, range) else tuple(own),
    )
