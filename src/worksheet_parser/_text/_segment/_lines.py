"""What each non-blank line is to the segmenter, found on first need and remembered.

Strategy: what a line's text alone decides (:mod:`._patterns`: whether it is
an ``ID#`` line, a title, evidence, what it is outside worksheets) is kept in
the line's *facts*, a short list filled in on first need and remembered
across calls in a bounded memo (:data:`_FACTS`): a worksheet's printed lines
recur on every page.  :class:`_Lines` holds the non-blank lines of one text
with their facts, and what depends on the lines around a line too (a damaged
label is evidence only when it does not open another kind of block, which
the line under it may decide).
"""

from __future__ import annotations

import itertools
from array import array
from typing import Any

from worksheet_parser._blocks._blocklines import salutation_at
from worksheet_parser._caches import register
from worksheet_parser._text._segment._blocks import _Ints
from worksheet_parser._text._segment._limits import MAX_BLANKS
from worksheet_parser._text._segment._patterns import (
    _DAMAGED_LINE,
    _EVIDENCE_ANY,
    _EVIDENCE_LINE,
    _FOOTER_END,
    _FOOTER_LAST,
    _FOOTER_LINE,
    _FREE_TEXT_LABEL,
    _HOUSE,
    _ID_ANY,
    _ID_LINE,
    _NOT_WORKSHEET_ANY,
    _OTHER,
    _STATUS,
    _STOPS,
    _TITLE_ANY,
    _TITLE_LINE,
    _classify,
    _damaged_evidence,
    _header_line,
    _lower,
    _stamp_line,
    closing_of,
)
from worksheet_parser._text._segment._prefilter import _upper

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
        # One byte per line each (a file of short lines has millions).
        self.kinds = array(
            "b", [-1 if (v := f[_F_KIND]) is None or v == _DAMAGED_LINE else v for f in self.facts]
        )
        self._stops = bytearray(n)  # 0: not known yet, 1: no, 2: yes
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
        known = self._stops[k]
        if known:
            return known == 2
        texts = self.texts
        text = texts[k]
        f = self.facts[k]
        v = f[_F_STOPS]
        if v is None:
            v = f[_F_STOPS] = _STOPS.search(text, _upper_of(text, f)) or _stamp_line(text)
        if not v and k + 1 < len(texts) and _is_header(text, f):
            near = self.numbers[k + 1] - self.numbers[k] - 1 <= MAX_BLANKS
            below = texts[k + 1]
            v = near and (_is_header(below, self.facts[k + 1]) or _STATUS.match(below) is not None)
        self._stops[k] = 2 if v else 1
        return bool(v)

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
