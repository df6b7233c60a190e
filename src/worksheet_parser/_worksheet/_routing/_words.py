"""What one word of a routing row can be: a code, a date, initials, an office's word, junk.

Strategy: every reader of the table asks the same few questions of the same
few words (``ORG``, ``__/__/__``, ``92/01/30``, an office's name), so the
answers are pure functions of the word, kept in small bounded caches.  A
word's *kind* (:func:`cell_kind`) decides which column it can fill; nothing
here knows about rows, lines or the table's layout.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from worksheet_parser import _vocab
from worksheet_parser._dates import DateOrder
from worksheet_parser._worksheet import _fields

_WORD_CACHE = 4096
"""Answers kept per reader of one short word or value (``ORG``, ``__/__/__``, an office's
name): they are pure, and routing rows repeat the same few on every worksheet."""
BLANK_SLOT_MARKS = "_/ .-"
BLANK_SLOT = frozenset(BLANK_SLOT_MARKS)


def blank(text: str) -> bool:
    """Whether ``text`` is only an empty printed slot's marks (``_/ .-``), or nothing."""
    return not text.strip(BLANK_SLOT_MARKS)


_FUSED_MARKS = "_-|~'\"‘’“”`.,:;*•·+»«()[]{}!?<>$°^="
_ALNUM = re.compile(r"[^\W_]")
_DROP_NAME_MARKS = str.maketrans("", "", " .,/&'()-\ufffd")
"""Marks a name may be written with (U+FFFD: a byte that could not be decoded)."""
_NAME_LEAD = "_|~'\"‘’“”`*•·+»«"
_NAME_TRAIL = "|~'\"‘’“”`:;,*•·+»«"
_FUNCTION_WORDS = frozenset({"OF", "THE", "AND", "TO", "FOR", "IN", "A", "ON", "AT", "BY"})


def stray_mark(text: str) -> bool:
    """Whether a word is only stray marks (``:``, ``.``, ``|``, ``—``), not an empty slot
    nor a sign OCR makes of a code letter (``©``, ``.¢``)."""
    return (
        _ALNUM.search(text) is None
        and not (len(text) >= 2 and blank(text))
        and text.strip(_FUSED_MARKS) not in _vocab.CODE_LOOKALIKES
    )


def is_cell_word(text: str) -> bool:
    kind = cell_kind(text, True)
    return kind in {"act-word", "code", "date"}


def has_cased(word: str) -> bool:
    return word.lower() != word.upper()


def word_core(text: str) -> str:
    """A word without the marks OCR fused to its ends (``_ORG`` -> ``ORG``, ``ROSE:`` -> ``ROSE``).

    A code or a date sheds any mark; a name keeps its full stops and brackets
    (``M.``, ``(STAFF``); an empty slot (``__/__/__``) is left whole.
    """
    if blank(text):
        return text
    cell = text.strip(_FUSED_MARKS)
    if cell and cell != text and cell in _vocab.CODE_LOOKALIKES:
        return cell  # ``.¢``: a sign, never an initial's full stop
    if cell and cell != text and is_cell_word(cell) and not (len(cell) == 1 and "." in text):
        return cell
    name = text.lstrip(_NAME_LEAD).rstrip(_NAME_TRAIL) or text
    if name.endswith(".") and sum(c.isalpha() for c in name) >= 4:
        name = name.rstrip(".")  # ``CALIO.``: a speck, not an initial's full stop
    return name


def opens_with_date(ws: Sequence[_fields.Word]) -> bool:
    return bool(ws) and cell_kind(ws[0].text, True) in DATE_KINDS


def not_a_name_word(text: str, printed_upper: bool) -> bool:
    """Whether the last word of an office cannot end a name: it belongs to the cells.

    A word without letters (``4``), a lone letter without a full stop (``E``,
    ``z``: a misread code), or, where the form prints capitals only, a short
    word with lower-case letters (``Ee``, ``ue``).
    """
    if not any(c.isalpha() for c in text):
        return True
    if len(text) == 1:
        return True
    # ``Ee`` among capitals; a longer word in small letters (``SC Supe``) is
    # handwriting across the whole office, judged as a whole
    return printed_upper and len(text) <= 2 and not text.isupper()


def damaged_code(text: str) -> str | None:
    """An action code OCR doubled or dressed in a small letter (``Ss``, ``Cc``, ``cS``), or None.

    Only asked of the word in the action code's place, right before its date.
    """
    if len(text) == 2 and text.isalpha():
        up = text.upper()
        if up[0] == up[1]:
            return read_action_code(up[0])
        capitals = [c for c in text if c.isupper()]
        if len(capitals) == 1:
            return read_action_code(capitals[0])
    return None


@_fields.short_text_cache("routing.debris", _WORD_CACHE)
def debris(text: str) -> bool:
    """Whether an office-position text is debris rather than an office's name.

    No word of two letters or more (``I 1 I``), marks no name is written
    with (``v-~~c``), more bare numbers than
    words, brackets that do not close, or a phrase cut off after a function
    word (``(STATE OF THE PROPERTY OF``).
    """
    words = text.split()
    bare = text.translate(_DROP_NAME_MARKS)
    if not bare.isalnum():
        return True  # ``v-~~c``: marks no name is written with
    if not bare.isalpha():
        if not any(sum(c.isalpha() for c in w) >= 2 for w in words):
            return True
        if sum(w.isdigit() for w in words) * 2 > len(words):
            return True  # mostly bare numbers (``2 20 0 7 CO 20 7``): a stamp or a scrawl
    elif not any(len(w) >= 2 and sum(c.isalpha() for c in w) >= 2 for w in words):
        return True
    if ("(" in text or ")" in text) and text.count("(") != text.count(")"):
        return True
    return len(words) > 1 and words[-1].upper() in _FUNCTION_WORDS


def letters_upper(text: str) -> str:
    return "".join(c for c in text.upper() if c.isalpha() or c == "/")


_HEAD_WORDS = frozenset(letters_upper(w) for w in _vocab.TABLE_HEAD_WORDS) - {""}
_LONG_HEAD_WORDS = tuple(w for w in _HEAD_WORDS if len(w) >= 5)


@_fields.short_text_cache("routing.head_words", _WORD_CACHE)
def head_word(text: str) -> bool:
    """Whether a word is one of the routing table's printed column heads, OCR damage allowed."""
    word = letters_upper(text)
    if not word:
        return False
    if word in _HEAD_WORDS or (("YY" in word or "MM" in word) and "/" in word):
        return True
    if len(word) < 5:
        return False
    edits = 3 if len(word) >= 8 else 2
    return any(
        Levenshtein.distance(word, head, score_cutoff=edits) <= edits for head in _LONG_HEAD_WORDS
    )


def column_class(text: str, printed_upper: bool) -> str | None:
    kind = cell_kind(text, printed_upper)
    if kind in {"act-word", "code"}:
        return "code"
    if kind in {"date", "smudge"}:
        return "date"
    if kind == "word":
        return "initials"
    return None


read_action_code = _fields.short_text_cache("routing.action_codes", _WORD_CACHE)(
    _fields.read_action_code
)
read_disposition_code = _fields.short_text_cache("routing.disposition_codes", _WORD_CACHE)(
    _fields.read_disposition_code
)
is_action_code_word = _fields.short_text_cache("routing.action_code_words", _WORD_CACHE)(
    _fields.is_action_code_word
)
looks_handwritten = _fields.short_text_cache2("routing.handwriting", _WORD_CACHE)(
    _fields.looks_handwritten
)


@_fields.short_text_cache2("routing.cell_kinds", _WORD_CACHE)
def cell_kind(text: str, printed_upper: bool) -> str:
    """What a word of a routing row can be: a code, a date, initials, junk..."""
    if _CLEAN_DATE.fullmatch(text):
        # ``92/01/30``: the checks below would say so too, as no code reads as
        # eight characters of digits and slashes; dates are the words a cache
        # sees once, so they are worth the shortcut.
        return "date"
    if _fields.is_action_code_word(text):
        return "act-word"
    if _fields.read_action_code(text) or _fields.read_disposition_code(text):
        return "code"
    if _fields.is_dateish(text):
        return "date"
    if blank(text) and len(text) >= 2:
        return "blank"
    digits = sum(c.isdigit() for c in text)
    if digits >= 2 and ("/" in text or digits * 2 >= len(text)) and len(text) >= 5:
        return "smudge"  # a date the OCR damaged beyond repair: read, reported as unreadable
    if text.isalpha() and len(text) <= 4 and (text.isupper() or not printed_upper):
        return "word"
    return "junk"


_CLEAN_DATE = re.compile(r"[0-9]{2}/[0-9]{2}/[0-9]{2}", re.ASCII)
"""A routing date as printed, undamaged."""

DATE_KINDS = frozenset({"date", "smudge", "blank"})
"""Cell kinds that fill a date column (a smudge is reported unreadable, a blank is empty)."""
CODE_CELL_KINDS = frozenset({"code", "act-word"})


def word_start(w: _fields.Word) -> int:
    return w.start


OPENING_KINDS = frozenset({"act-word", "code", "date", "blank", "smudge"})


def _opens_cells(w: _fields.Word) -> bool:
    text = w.text
    kind = cell_kind(text, True)
    return kind in OPENING_KINDS or (kind == "word" and len(text) <= 3)


def first_cell(ws: Sequence[_fields.Word], text: str) -> int:
    """Index of the first word of the row's code/date cells.

    Where the row keeps its column breaks (tabs, or two blanks or more), the
    office ends at the first break followed by a word that can open the cells.
    Otherwise the cells start at the first action code followed by a date, or
    at the first date.
    """
    if ws:
        end = ws[0].end
        for i in range(1, len(ws)):
            w = ws[i]
            start = w.start
            # a column break (a tab, or two blanks or more) before a word that can open the cells
            if (start - end >= 2 or "\t" in text[end:start]) and _opens_cells(w):
                return min(i, _first_code_or_date(ws[:i]))
            end = start + len(w.text)
    return _first_code_or_date(ws)


@_fields.short_text_cache("routing.cell_traits", _WORD_CACHE)
def _cell_traits(text: str) -> tuple[bool, bool, bool, bool]:
    """Of one word: (it opens the cells by itself: an action-code word or a date,
    it reads as an action code, it can follow one: a date or a blank slot, it is
    a blank slot)."""
    dateish = _fields.is_dateish(text)
    empty = blank(text)
    return (
        _fields.is_action_code_word(text) or dateish,
        bool(_fields.read_action_code(text)),
        dateish or empty,
        empty,
    )


def _first_code_or_date(ws: Sequence[_fields.Word]) -> int:
    traits = [_cell_traits(w.text) for w in ws]
    last = len(traits) - 1
    for i, (opens, code, _, _) in enumerate(traits):
        if opens or (code and i < last and traits[i + 1][2]):
            return i
    # no cells: the row is an office on its own, unless it ends in a blank slot
    for i, t in enumerate(traits):
        if t[3]:
            return i
    return len(ws)


@_fields.short_text_cache2("routing.offices", _WORD_CACHE)
def office_text_ok(text: str, printed_upper: bool) -> bool:
    if len(text) > 48 or len(text.split()) > 8:
        return False
    return not _fields.looks_handwritten(text, printed_upper)


def quiet_date(text: str) -> dt.date | None:
    """A routing date read without reporting anything (for placing cells only)."""
    from worksheet_parser._dates import read_date

    reading = read_date(text, DateOrder.YY_MM_DD)
    return reading.value
