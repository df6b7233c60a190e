"""Stage 1: normalise the raw OCR text, keeping a map back to it.

Strategy: one linear pass over the input with a regular expression whose
alternatives each match a *run* of one kind of character (so a match can
fail half-way only after the invisible characters that follow one ASCII
letter, and backtracks no further).  Each run is copied or replaced; every
replacement is recorded as a segment of an offset map, so any position in the
normalised text maps back to a position in the caller's string.  The result
has only ``\\n`` line ends, no control or zero-width characters, NFC Unicode,
a single ``\\t`` for any blank run that held a tab (a column break), single
spaces for other Unicode spaces, and no trailing blanks on a line.  Invisible
characters inside a non-ASCII run are dropped before NFC, so a letter and its
accent compose even when OCR put a NUL between them.  Line and column numbers
count the line ends editors count (``\\r\\n``, ``\\r``, ``\\n``): a form feed
between pages is a line end for reading, not for the line numbers a user
looks up in an editor.
Applying it twice changes nothing.  ASCII text without control characters
(``\n`` aside) or blanks at a line end, which it leaves as it is, is told by
three cheap scans instead of the pattern.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
import unicodedata
from array import array
from collections.abc import Iterator, Sequence

import attrs

from worksheet_parser._models import Span

__all__ = ["Normalized", "normalize"]

_NEWLINES = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SPACES = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_INVISIBLE = "\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u200b-\u200d\u2060\ufeff"
_SURROGATES = "\ud800-\udfff"
_NON_ASCII = f"[^\\x00-\\x7f{_NEWLINES}{_SPACES}{_INVISIBLE}{_SURROGATES}]"

_EDITOR_LINE_END = re.compile(r"\r\n?|\n")
"""The line ends editors count (and :attr:`Span.line` with them)."""
_OTHER_NEWLINES = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_OTHER_LINE_END = re.compile(f"[{_OTHER_NEWLINES}]")
"""Line ends ``splitlines`` knows that editors do not count."""
_STARTS_PIECE = 1 << 16
"""Characters at least that :meth:`Normalized._starts` splits into lines at a time."""
_OTHER_SPACES = _SPACES.replace(" ", "")

# Only runs that change are matched: a lone ``\n`` and a single space between
# two words are left to the copy, so a typical line costs no match at all.
_SPECIAL = re.compile(
    rf"(?P<nl>\r\n?|[{_OTHER_NEWLINES}])"
    # a blank run that holds more than one space, or any other blank, or a
    # single space at a line end
    rf"|(?P<blank> [{_SPACES}{_INVISIBLE}]+|[{_OTHER_SPACES}{_INVISIBLE}][{_SPACES}{_INVISIBLE}]*"
    rf"| (?=[{_NEWLINES}]|\Z))"
    rf"|(?P<sur>[{_SURROGATES}]+)"
    # A non-ASCII run with the ASCII letter before it (a base for combining
    # marks) and any invisible characters inside it, so that removing them
    # cannot leave a letter and its accent uncomposed.
    rf"|(?P<uni>[\x21-\x7e]?[{_INVISIBLE}]*{_NON_ASCII}(?:{_NON_ASCII}|[{_INVISIBLE}])*)"
)
_TRIGGER = re.compile(r"[^\x20-\x7e\n\t]|\t(?![\x21-\x7e])| (?<!  ) *+(?![\x21-\x7e])")
"""Where a run of :data:`_SPECIAL` that changes can start (its ASCII letter aside).

Every character outside printable ASCII, ``\n`` and ``\t``; a tab not
followed by a printable ASCII character; and the first space of a run of
spaces that is not followed by one (a blank run, or blanks at a line end).
(A tab between two words, the columns of most OCR output, never changes: a
space before it is found as a run of its own.)  One fast scan finds them; ``_SPECIAL`` is
tried only there, and one character before, where an ASCII letter may open a
non-ASCII run.  (Spaces alone between two words never change.)  In ASCII text
the three cases are searched apart (:func:`_triggers`), each pattern opening
with a literal character that a search skips along to.
"""
_BLANK_RUN = re.compile(r" (?<!  ) *+(?![\x21-\x7e])")
"""The first space of a run of spaces that no printable ASCII character follows."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_CONTROLS = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
"""The ASCII characters that :data:`_TRIGGER` finds wherever they stand (every control
character but ``\n`` and ``\t``)."""
_TAB_AS_NEWLINE = bytes.maketrans(b"\t", b"\n")
_LAST_TAB = re.compile(r"\t(?![\x21-\x7e])")
"""A tab :data:`_TRIGGER` finds: one that no printable ASCII character follows."""


def _clean_ascii(text: str) -> bool:
    """Whether ``text`` is ASCII in which :data:`_TRIGGER` finds nothing.

    In ASCII text it finds a control character other than ``\n`` and ``\t``, a
    tab or a run of spaces followed by ``\n``, a control character or the end.
    Byte scans say the same without trying the pattern at every position: the
    control characters are dropped from a copy in which a tab reads as ``\n``
    (a copy as long as the text has none, and in it a space before ``\n`` is
    one before ``\n`` or ``\t``), and tabs are looked at only in a text that
    has one.
    """
    if not text.isascii():
        return False
    data = text.encode("ascii")
    blanks = data.translate(_TAB_AS_NEWLINE, _CONTROLS)
    return (
        len(blanks) == len(data)
        and b" \n" not in blanks
        and not text.endswith(" ")
        and ("\t" not in text or _LAST_TAB.search(text) is None)
    )


@attrs.frozen
class Normalized:
    """Normalised text plus the offset map back to the original string."""

    text: str
    """The normalised text."""
    original: str
    """The caller's text, untouched."""
    # The offset map, one entry per segment (compact arrays: a pathological
    # input can have a segment every few characters).
    _norm_starts: Sequence[int] = ()
    _orig_starts: Sequence[int] = ()
    _orig_lengths: Sequence[int] = ()
    _is_copy: Sequence[int] = ()
    _line_starts: Sequence[int] | None = attrs.field(init=False, eq=False, default=None)

    def _starts(self) -> Sequence[int]:
        """Offsets in :attr:`original` where its lines start (computed on first use)."""
        starts = self._line_starts
        if starts is None:
            # Lines as editors count them: ``\r\n``, ``\r`` and ``\n`` end a line
            # (so CR-only input has lines too); a form feed, a vertical tab or a
            # Unicode line separator does not, though the normaliser makes it a
            # line end for reading.
            original = self.original
            ends = original.count("\n") + original.count("\r")
            if ends * 16 < len(original) and _OTHER_LINE_END.search(original) is None:
                # Only ``\r`` and ``\n`` in it: ``splitlines`` cuts where editors do,
                # a piece of text at a time (each ending with a line end: no string
                # per line of the whole text).  A list: lines of 16 characters or
                # more, whose offsets cost little beside them, and are read faster.
                cut = [0]
                at = 0
                while at < len(original):
                    m = _EDITOR_LINE_END.search(original, at + _STARTS_PIECE)
                    end = len(original) if m is None else m.end()
                    lengths = map(len, original[at:end].splitlines(True))
                    cut.extend(itertools.islice(itertools.accumulate(lengths, initial=at), 1, None))
                    at = end
                if original and original[-1] not in "\r\n":
                    cut.pop()  # the last line has no line end: nothing starts after it
                starts = cut
            else:
                # A compact array: a file of a million short lines has a million.
                starts = array("i" if len(original) < 1 << 31 else "q", [0])
                starts.extend(m.end() for m in _EDITOR_LINE_END.finditer(original))
            object.__setattr__(self, "_line_starts", starts)
        return starts

    def to_original(self, index: int) -> int:
        """Map a start position in :attr:`text` to one in :attr:`original`."""
        if not self._norm_starts:
            return index
        if index >= len(self.text):
            return len(self.original)
        i = bisect.bisect_right(self._norm_starts, index) - 1
        offset = index - self._norm_starts[i]
        if self._is_copy[i]:
            return self._orig_starts[i] + offset
        return self._orig_starts[i] + min(offset, self._orig_lengths[i])

    def to_original_end(self, index: int) -> int:
        """Map an end position (exclusive) in :attr:`text` to one in :attr:`original`."""
        if not self._norm_starts:
            return index
        if index <= 0:
            return 0
        i = bisect.bisect_right(self._norm_starts, index - 1) - 1
        if self._is_copy[i]:
            return self._orig_starts[i] + (index - self._norm_starts[i])
        return self._orig_starts[i] + self._orig_lengths[i]

    def position(self, original_index: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of an offset in :attr:`original`."""
        starts = self._line_starts if self._line_starts is not None else self._starts()
        line = bisect.bisect_right(starts, original_index)
        return line, original_index - starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        """Return the :class:`Span` in the original text of ``text[start:end]``."""
        if self._norm_starts:
            o_start = self.to_original(start)
            o_end = max(o_start, self.to_original_end(end)) if end > start else o_start
        else:
            o_start = start
            o_end = end if end > start else start
        starts = self._line_starts if self._line_starts is not None else self._starts()
        line = bisect.bisect_right(starts, o_start)
        return Span(o_start, o_end, line, o_start - starts[line - 1] + 1)


def _blank(run: str, trailing: bool) -> str:
    if trailing:
        return ""
    kept = _INVISIBLE_RE.sub("", run)
    if "\t" in kept:
        return "\t"
    return " " * len(kept)


def _triggers(text: str) -> Iterator[int]:
    """Where :data:`_TRIGGER` matches in ``text``, in order (a match never holds another)."""
    if not text.isascii():
        return (m.start() for m in _TRIGGER.finditer(text))
    scans = [(m.start() for m in _BLANK_RUN.finditer(text))]
    if "\t" in text:
        scans.append(m.start() for m in _LAST_TAB.finditer(text))
    if len(text.encode("ascii").translate(None, _CONTROLS)) != len(text):
        scans.append(m.start() for m in _CONTROL.finditer(text))
    return heapq.merge(*scans)


_JOIN_EVERY = 4096
"""Pieces of normalised text :func:`normalize` holds before joining them."""


def normalize(text: str) -> Normalized:
    """Normalise OCR text (line ends, Unicode, blanks) and keep an offset map.

    >>> n = normalize("ID#\\t 303373  \\r\\nINCOMING")
    >>> n.text
    'ID#\\t303373\\nINCOMING'
    >>> n.original[n.to_original(n.text.index("INCOMING")):]
    'INCOMING'
    """
    if _clean_ascii(text):
        return Normalized(text, text)  # as below when no trigger is found
    # The normalised text is joined a few thousand pieces at a time (``done``): a
    # file of short lines with a trailing blank each has two pieces a line.
    done: list[str] = []
    out: list[str] = []
    # Offsets in four bytes when they fit (NFC makes a run at most three times longer).
    code = "i" if len(text) * 3 < 1 << 31 else "q"
    norm_starts = array(code)
    orig_starts = array(code)
    orig_lengths = array(code)
    is_copy = bytearray()  # 1: a copied segment, 0: a replaced run
    n_pos = 0
    last = 0
    length = len(text)
    special = _SPECIAL.match

    def copy(upto: int) -> None:
        nonlocal n_pos
        if upto > last:
            norm_starts.append(n_pos)
            orig_starts.append(last)
            orig_lengths.append(upto - last)
            is_copy.append(1)
            out.append(text[last:upto])
            n_pos += upto - last

    # The matches are those of ``_SPECIAL.finditer(text)``: a run can only
    # start at a trigger, or (a non-ASCII run) at the ASCII character before
    # one when no earlier run took that character.
    pos = 0
    for at in _triggers(text):
        if at < pos:
            continue  # inside a run already replaced
        m = None
        if at > pos and "\x21" <= text[at - 1] <= "\x7e":
            m = special(text, at - 1)
        if m is None:
            m = special(text, at)
        if m is None:
            pos = at + 1
            continue
        start, end = m.span()
        pos = end
        run = m.group()
        kind = m.lastgroup
        if kind == "nl":
            new = "\n"
        elif kind == "blank":
            trailing = end >= length or text[end] in _NEWLINES
            new = _blank(run, trailing)
        elif kind == "sur":
            new = "\ufffd" * len(run)
        else:
            new = unicodedata.normalize("NFC", _INVISIBLE_RE.sub("", run))
        if new == run:
            continue
        copy(start)
        norm_starts.append(n_pos)
        orig_starts.append(start)
        orig_lengths.append(end - start)
        is_copy.append(0)
        out.append(new)
        n_pos += len(new)
        last = end
        if len(out) >= _JOIN_EVERY:
            done.append("".join(out))
            out.clear()
    copy(length)
    done.append("".join(out))
    normalized = "".join(done)
    del done
    if normalized == text:
        return Normalized(text, text)
    return Normalized(
        normalized,
        text,
        norm_starts,
        orig_starts,
        orig_lengths,
        is_copy,
    )
