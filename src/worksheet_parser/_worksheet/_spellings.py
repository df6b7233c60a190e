"""Stage 3a, label spellings: the forms' labels as the label searches read them.

Strategy: every table the searches in :mod:`._labels` need is derived here,
once, from the vocabulary's label lists (:mod:`._vocab`): the exact pattern
of every spelling, the colon-less labels by word count and size, the labels
with their blanks and marks removed by size, their edit budgets, and the
parts of each (one of which stands intact in any text within the budget) that
make the cheap tests before an edit distance.  What a label found is
(:class:`Label`), and how a candidate's letters are read (OCR digits folded
onto letters, marks dropped), are defined here too, so that every search
reads a line the same way.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

import attrs

from worksheet_parser import _vocab
from worksheet_parser._caches import remembered
from worksheet_parser._models import FormVariant
from worksheet_parser._text._translate import Translation
from worksheet_parser._worksheet._tokens import TokenKind

__all__ = [
    "CACHED_WORD",
    "WORD_CACHE_SIZE",
    "Label",
    "all_short",
    "any_literal",
    "edit_budget",
    "fold_ocr",
    "label_letters",
]

_FOLD = _vocab.OCR_FOLD
_LETTER_RUNS = re.compile(r"[A-Z]+")


_FOLD_UPPER = Translation(_FOLD, upper=True)


def fold_ocr(text: str) -> str:
    """``text`` upper-cased, with the digits and marks OCR prints for letters folded onto them."""
    return _FOLD_UPPER(text)


def label_letters(text: str, folded: str | None = None) -> str:
    """Upper-case, digits folded to letters, punctuation dropped, spaces single.

    ``folded`` is ``fold_ocr(text)`` when the caller has it already.
    """
    return " ".join(_LETTER_RUNS.findall(fold_ocr(text) if folded is None else folded))


WORD_CACHE_SIZE = 4096
"""Distinct words whose folded and letter forms are remembered (words recur across lines)."""
CACHED_WORD = 64
"""Longest word (in characters) the word caches keep: what they hold stays small."""


@remembered("labels.folded_words", WORD_CACHE_SIZE)
def _word_fold(word: str) -> str:
    return fold_ocr(word)


@remembered("labels.word_letters", WORD_CACHE_SIZE)
def _word_letters(word: str) -> str:
    return label_letters(word)


def all_short(words: Iterable[str]) -> bool:
    """Whether every word is short enough for the word caches to keep."""
    return max(map(len, words), default=0) <= CACHED_WORD


@functools.cache
def edit_budget(label: str) -> int:
    """Edits a damaged copy of ``label`` may have (labels are few: computed once each)."""
    letters = sum(c.isalpha() for c in label)
    if letters <= 5:
        return 0
    return max(1, len(label) // 6)


_DATE_HINT = "(YY/MM/DD)"
_DATE_HINT_RE = r"[ \t]*\([ \t]*[A-Z0-9]{2}[ \t]*/[ \t]*[A-Z0-9]{2}[ \t]*/[ \t]*[A-Z0-9]{2}[ \t]*\)"
_OPEN = frozenset(
    (kind, spelling) for kind, spellings in _vocab.OPEN_LABELS.items() for spelling in spellings
)
# (kind, spelling, colon optional), longest first: the first match at a position wins.
_SPELLINGS: list[tuple[TokenKind, str, bool]] = sorted(
    {
        *(
            (kind, spelling, (kind, spelling) in _OPEN)
            for kind, spellings in _vocab.COLON_LABELS.items()
            for spelling in spellings
        ),
        *((kind, spelling, True) for kind, spelling in _OPEN),
    },
    key=lambda ks: (-len(ks[1]), ks[1], not ks[2]),
)
_SPELLINGS = [
    entry
    for i, entry in enumerate(_SPELLINGS)
    if not (i and _SPELLINGS[i - 1][:2] == entry[:2])  # an open label subsumes its colon twin
]
# For fuzzy matching before a colon: (kind, spelling without the date hint).
# (A spelling with the date hint has a twin without it, so it is left out.)
_COLON_SPELLINGS: list[tuple[TokenKind, str]] = [
    (kind, spelling) for kind, spelling, _ in _SPELLINGS if _DATE_HINT not in spelling
]
# The same with what the fuzzy match needs of each: (kind, spelling, words,
# edit budget, the shortest tail that identifies the label on its own).
_COLON_FUZZY: list[tuple[TokenKind, str, int, int, int]] = [
    (
        kind,
        spelling,
        len(spelling.split()),
        edit_budget(spelling),
        max(6, (len(spelling) * 3 + 4) // 5),
    )
    for kind, spelling in _COLON_SPELLINGS
]


def _label_pattern(spelling: str, open_label: bool) -> str:
    words = spelling.replace(_DATE_HINT, "").split()
    body = r"[ \t]+".join(map(re.escape, words))
    if _DATE_HINT in spelling:
        body += _DATE_HINT_RE
    if open_label:
        return body + r"(?![A-Za-z0-9])(?:[ \t]*:)?"
    return body + r"[ \t]*:"


_EXACT_SOURCE = (
    r"(?<![A-Za-z])(?:"
    + "|".join(
        f"(?P<g{i}>{_label_pattern(spelling, open_label)})"
        for i, (_, spelling, open_label) in enumerate(_SPELLINGS)
    )
    + ")"
)
_EXACT_LABEL = re.compile(_EXACT_SOURCE, re.IGNORECASE)
"""Every label's spellings, any case; a match's group ``g<i>`` is ``_SPELLINGS[i]``."""
assert all(spelling == spelling.upper() for _, spelling, _ in _SPELLINGS)
_EXACT_UPPER = re.compile(_EXACT_SOURCE)
""":data:`_EXACT_LABEL` for an upper-cased ASCII line (the spellings are in capitals): the
same matches, without comparing each character in both cases."""
# Colon-less labels of several words, for fuzzy matching at a line or column start.
_OPEN_FUZZY: list[tuple[TokenKind, str, str, int]] = [
    (kind, spelling, letters, len(letters.split()))
    for kind, spelling, open_label in _SPELLINGS
    if open_label
    for letters in [spelling.replace(_DATE_HINT, "").replace(".", "").strip()]
    if len(letters.split()) >= 2
]
# The same by (word count, size in letters): the labels (with their place in
# the list, and edit budget) that a span of that many words and letters can be
# within budget of; the distance is at least the difference in size.
_OPEN_BY_SIZE: dict[tuple[int, int], list[tuple[int, TokenKind, str, str, int]]] = {}
for _order, (_kind, _spelling, _letters_of, _n) in enumerate(_OPEN_FUZZY):
    _edits = edit_budget(_letters_of)
    for _size in range(len(_letters_of) - _edits, len(_letters_of) + _edits + 1):
        _OPEN_BY_SIZE.setdefault((_n, _size), []).append(
            (_order, _kind, _spelling, _letters_of, _edits)
        )
del _order, _kind, _spelling, _letters_of, _n, _edits, _size
_OPEN_COUNTS = sorted({n for *_, n in _OPEN_FUZZY})

# Labels compared with blanks and marks removed (``NAME OF CORRES PONDENT`` and
# ``NAMEOF CORRESPONDENT`` are ``NAMEOFCORRESPONDENT``), by the size of that
# compact form: (kind, spelling, compact form, edit budget, words).  The
# distance is at least the difference in size, so only labels within their
# budget of a candidate's size are compared with it.
_COMPACT_BY_SIZE: dict[int, list[tuple[TokenKind, str, str, int, int]]] = {}
for _kind, _spelling in _COLON_SPELLINGS:
    _compact = "".join(_LETTER_RUNS.findall(_spelling.upper()))
    _edits = 0 if len(_compact) <= 5 else max(1, len(_compact) // 6)
    for _size in range(len(_compact) - _edits, len(_compact) + _edits + 1):
        _COMPACT_BY_SIZE.setdefault(_size, []).append(
            (_kind, _spelling, _compact, _edits, len(_spelling.split()))
        )
del _kind, _spelling, _compact, _edits, _size
_COMPACT_REACH = max(_COMPACT_BY_SIZE)
"""The most letters a compact label candidate can have."""


def _compact_parts() -> re.Pattern[str]:
    # Within ``k`` edits of a label, one of its ``k + 1`` parts stands intact.
    parts: set[str] = set()
    for entries in _COMPACT_BY_SIZE.values():
        for _, _, compact, budget, _ in entries:
            size = len(compact)
            n = budget + 1
            parts.update(compact[size * i // n : size * (i + 1) // n] for i in range(n))
    return re.compile(any_literal(parts))


def any_literal(words: Iterable[str]) -> str:
    """A pattern matching where any of ``words`` stands, its alternatives sharing prefixes.

    ``ab|ac`` becomes ``a(?:b|c)``: the search tries one first letter once,
    not once per word.  A word another word starts with stands for both (a
    match is only ever tested for, never used).
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        if "" in node:
            return ""  # a word ends here: what longer words add is not needed
        alts = [re.escape(c) + emit(node[c]) for c in sorted(node)]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(trie)


_COMPACT_TABLE = {
    **{ord(c): None for c in map(chr, range(128)) if not c.isalpha()},
    **{ord(k): v for k, v in _vocab.DIGIT_TO_LETTER.items()},
}
"""Folds OCR digits onto letters and drops every other ASCII mark and blank, in one pass."""
_COMPACT = Translation(_COMPACT_TABLE, upper=True)
"""Upper-cases a text, then translates it by :data:`_COMPACT_TABLE`."""
_COMPACT_PARTS = _compact_parts()
"""Some part of a label's letters must be in a line's first letters for any label to be there."""
_COMPACT_WORDS = 6
"""The most words a label is looked for in (``NAME OF CORRES PONDENT`` has four)."""
_COLON_STAND_INS = ":;.,)!"
"""What OCR prints for a label's colon: the colon, or a mark it lost its dots to."""
_LABEL_WORD = re.compile(r"[A-Za-z0-9|$!](?:[A-Za-z0-9|$!]|-(?=[A-Za-z0-9|$!]))*\.?")
"""A word that can be part of a label (OCR digits for letters allowed), folded or not; a
hyphen may stand for a blank (``DATE-RECEIVED``)."""
_TRAILER = re.compile(r"(?:" + _DATE_HINT_RE + r")?(?:[ \t]*:)?", re.IGNORECASE)
# Value shapes that settle which label a truncated one (``ODES:``) was.
# Tried with ``match(line, pos)`` (anchored where the value starts); each
# repeat is possessive and none can take what follows it, so a long value
# that fails is read once, not once per split (``ODES: 1111...1X``).
_VALUE_SHAPES: dict[TokenKind, re.Pattern[str]] = {
    TokenKind.INDIVIDUAL: re.compile(r"[\sOolI]*+\d[\s\dOolI]*+$"),
    TokenKind.MAIL: re.compile(r"\s*+\("),
}


@attrs.frozen(slots=True)
class Label:
    start: int
    end: int
    kind: TokenKind
    found: str
    canonical: str
    repaired: bool
    box: str | None = None
    colon: bool = True
    weak: bool = False
    """Recognised from a fragment only (``ODES:``): no evidence of the form variant."""

    @property
    def evidence(self) -> FormVariant | None:
        if self.weak:
            return None
        if self.kind == TokenKind.CHECKBOX:
            return (
                FormVariant.RECORDS_MANAGEMENT
                if self.canonical.endswith("MEDIA")
                else FormVariant.FORM_5_81
            )
        return _vocab.LABEL_FORMS.get(self.canonical.rstrip(":"))


_COLON_WORDS = max(n for _, _, n, _, _ in _COLON_FUZZY)
"""Most words a colon label has: no more words before a colon are compared."""
_COLON_WORD_CHARS = max(len(s) + b for _, s, _, b, _ in _COLON_FUZZY) + 1
"""Characters of a word before a colon that are compared: a longer word can only
be a junk prefix (too long to be within the edit budget of any label), of which
only the tail a label may end with matters."""
_NONBLANK = re.compile(r"\S+")
