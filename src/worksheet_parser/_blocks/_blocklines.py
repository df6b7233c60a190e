"""What a line of a letter or a stamp is, read through OCR debris.

Strategy: a real OCR engine puts handwriting, ticks and speckle into the
lines of a letter or stamp as short junk (``, Dear Mr. President: "e ,``,
``Sincerely, a``, ``3 uo "John P. Davis``, ``a Review Authority:``), and
damages the printed words themselves (``Dcar``, ``Sinccrely``, ``Presidcnt``).
The recognisers here look for the printed part of a line and allow junk
around it only where it is *debris*: tokens with no letter or digit, or of at
most :data:`DEBRIS_TOKEN` characters, a few of them.  Printed words are
compared with the forms' own vocabulary (:mod:`._vocab`) by edit distance
after folding OCR look-alikes onto one letter (``c``/``e``, ``1``/``l``/``i``,
``rn``/``m``, ...), with a budget that grows with the word's length and a
unique closest word required; a word that is not close to one known word is
kept as printed.  Each recogniser says where the printed part lies in the
line, so the readers can keep the debris as unread text and keep spans exact.

The signature reader's test is here too: a *typed name* is two to five words,
each a capitalised name word, an initial or a suffix (``Jr.``); handwriting
rendered as text (``OH AAS 0009``, ``(Orr tt)``, ``COTTE``) is not one.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import Levenshtein

from worksheet_parser import _vocab
from worksheet_parser._caches import remembered

__all__ = [
    "DEBRIS_TOKEN",
    "closing_at",
    "debris",
    "debris_line",
    "fold",
    "loose_review_label",
    "printed_core",
    "review_label",
    "salutation_at",
    "typed_name",
    "vocabulary_word",
]

DEBRIS_TOKEN = 4
"""Longest token (in characters) that may be junk around a printed line's words."""
_MAX_DEBRIS_TOKENS = 5
"""Junk tokens allowed on each side of a closing or a salutation."""
_MAX_CLOSING_LINE = 60
_MAX_SALUTATION_HEAD = 3
"""Junk tokens allowed before a salutation's ``Dear``."""
_MAX_SALUTATION_LINE = 90

_TOKEN = re.compile(r"\S+")
_ALNUM = re.compile(r"[^\W_]")
_FOLD_PAIRS = (("rn", "m"), ("vi", "m"), ("cl", "d"))
_FOLD_CHARS = str.maketrans(
    {
        "c": "e",
        "v": "y",
        "1": "l",
        "i": "l",
        "|": "l",
        "!": "l",
        "0": "o",
        "5": "s",
        "8": "b",
    }
)


def fold(word: str) -> str:
    """A word's comparison key: lower case, no accents, OCR look-alikes made one letter.

    >>> fold("Sinccrely"), fold("Sincerely"), fold("Président"), fold("Vir.")
    ('slneerely', 'slneerely', 'presldent', 'mr.')
    """
    w = word.lower()
    if not w.isascii():
        w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    for a, b in _FOLD_PAIRS:
        if a in w:
            w = w.replace(a, b)
    return w.translate(_FOLD_CHARS)


def _budget(length: int) -> int:
    """Edits allowed between a damaged word and a vocabulary word of ``length`` letters."""
    if length <= 2:
        return 0
    return 1 if length <= 9 else 2


def _closest(key: str, keys: dict[str, str]) -> str | None:
    """The vocabulary entry whose key is uniquely closest to ``key`` within budget."""
    exact = keys.get(key)
    if exact is not None:
        return exact
    budget = _budget(len(key))
    if budget == 0:
        return None
    best: str | None = None
    best_d = budget + 1
    tie = False
    for k, word in keys.items():
        if abs(len(k) - len(key)) > budget:
            continue
        d = Levenshtein.distance(key, k, score_cutoff=budget)
        if d < best_d:
            best, best_d, tie = word, d, False
        elif d == best_d and word != best:
            tie = True
    return None if tie else best


_folded = remembered("letters.folded_words", 8192)(fold)
""":func:`fold` of a word of a closing line (at most :data:`_MAX_CLOSING_LINE` long), remembered."""

_WORD_KEYS = {fold(w): w for w in (*_vocab.LETTER_WORDS, *_vocab.SALUTATION_HONORIFICS)}


def vocabulary_word(word: str) -> str | None:
    """The salutation or address word that ``word`` is (maybe damaged), or ``None``.

    >>> vocabulary_word("Presidcnt"), vocabulary_word("Vir."), vocabulary_word("Bush")
    ('President', 'Mr.', None)
    """
    return None if len(word) > _MAX_WORD else _vocabulary_word(word)


_MAX_WORD = 40


@remembered("letters.vocabulary_words", 4096)
def _vocabulary_word(word: str) -> str | None:
    return _closest(fold(word), _WORD_KEYS)


def debris(token: str) -> bool:
    """Whether a token can be junk around a printed line (no letter or digit, or short).

    >>> [debris(t) for t in ("a", "uo", ":", "\u2014_\u2014", "Sincerely,", "Mr.")]
    [True, True, True, True, False, True]
    """
    return len(token) <= DEBRIS_TOKEN or _ALNUM.search(token) is None


_LETTER_RUN = re.compile(r"[^\W\d_]{5}")


def debris_line(text: str) -> bool:
    """Whether a whole line is handwriting or speckle (``I 1 I``, ``5m``, ``/_/_``, a rule).

    It is short, holds no word of five letters and few letters or digits.

    >>> [debris_line(t) for t in ("I 1 I", "5m", "/_/_", "Gy ~", "Case ID: 9301915", "ROBERT")]
    [True, True, True, True, False, False]
    """
    s = text.strip()
    if not s or len(s) > 16 or _LETTER_RUN.search(s):
        return False
    return sum(c.isalnum() for c in s) <= 6


def _tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


_CLOSING_KEYS: dict[str, str] = {}
for _c in (*_vocab.LETTER_CLOSINGS, *_vocab.LETTER_CLOSINGS_RARE):
    _CLOSING_KEYS[" ".join(fold(w) for w in _c.rstrip(",").split())] = _c
_CLOSING_WORDS = max(len(k.split()) for k in _CLOSING_KEYS)
_CLOSINGS_OF_SIZE: dict[int, dict[str, str]] = {}
for _key, _c in _CLOSING_KEYS.items():
    _CLOSINGS_OF_SIZE.setdefault(len(_key.split()), {})[_key] = _c
"""The closings' keys by their number of words: a damaged closing keeps its word count."""
_CLOSING_END = ",.;:"
_QUOTES = "\"'`\u2018\u2019\u201c\u201d\u00ab\u00bb([{|_-~\u2014\u2013*.,;:"


def closing_at(text: str) -> tuple[int, int, str] | None:
    """Where the complimentary closing lies in ``text``, and which closing it is.

    Debris may stand before it and after it (``eae _ Sincerely, : toh :``);
    the closing's words may be damaged within budget (``Sinccrely,``,
    ``Sincerelv,``); a damaged one needs its comma (or the ``.`` or ``;``
    OCR puts for it).  Returns ``(start, end, canonical)`` or ``None``.

    >>> closing_at("Sinccrely, a")
    (0, 10, 'Sincerely,')
    >>> closing_at("\u2018 mean Sincerely yours. \u2018")
    (7, 23, 'Sincerely yours,')
    >>> closing_at("Sincerity is rare.") is None
    True
    """
    if len(text) > _MAX_CLOSING_LINE:
        return None
    return _closing_at(text)


@remembered("letters.closings", 8192)
def _closing_at(text: str) -> tuple[int, int, str] | None:
    """:func:`closing_at` of a short line, remembered (closings recur on every letter)."""
    spans = _tokens(text)
    return _closing_in(text, spans, fuzzy=False) or _closing_in(text, spans, fuzzy=True)


def _closing_in(
    text: str, spans: list[tuple[int, int]], *, fuzzy: bool
) -> tuple[int, int, str] | None:
    """:func:`closing_at`'s search: exact words only, or damaged words within budget."""
    n = len(spans)
    for first in range(min(n, _MAX_DEBRIS_TOKENS + 1)):
        if first and not debris(text[spans[first - 1][0] : spans[first - 1][1]]):
            return None  # a word that is not junk stands before
        for size in range(1, _CLOSING_WORDS + 1):
            last = first + size - 1
            if last >= n:
                break
            a = spans[first][0]
            b = spans[last][1]
            raw = text[a:b]
            core = raw.lstrip(_QUOTES)
            a += len(raw) - len(core)
            stripped = core.rstrip(_CLOSING_END + _QUOTES)
            if not stripped or not stripped[0].isalpha():
                continue
            ends = core[len(stripped) :]
            key = " ".join(map(_folded, stripped.split()))
            if not fuzzy:
                known = _CLOSING_KEYS.get(key)
            elif ends[:1] in (",", ".", ";"):
                known = _closest(key, _CLOSINGS_OF_SIZE.get(size, {}))
            else:
                known = None
            if known is None:
                continue
            rest = spans[last + 1 :]
            if len(rest) > _MAX_DEBRIS_TOKENS or not all(debris(text[s:e]) for s, e in rest):
                continue
            if fuzzy and first and len(rest) > 2:
                continue  # a damaged closing between much junk: not sure enough
            end = a + len(stripped) + (1 if ends[:1] in (",", ".", ";") else 0)
            return a, end, known
    return None


_OPENER = re.compile(
    rf"(?:^|\s)[\"'`\u2018\u2019\u201c\u201d]?(?P<open>{_vocab.SALUTATION_OPENER})\s+(?=\S)", re.I
)
_TERMINATORS = re.compile(r"[:;]")


def salutation_at(text: str) -> tuple[int, int, str] | None:
    """Where the salutation lies in ``text`` (``Dear ...:``), and its terminator.

    Debris may stand before it (``, Dear Mr. President:``); the opening word
    may be damaged (``Dcar``, ``Deer``, ``Oear``).  The salutation ends at its
    colon (or the ``;`` OCR puts for it), else at a ``,`` or ``.`` that ends
    the line's words.  Returns ``(start, end, terminator)``: ``text[start:end]``
    is the salutation, its terminator included.

    >>> salutation_at(', Dear Mr. President: "e ,')
    (2, 21, ':')
    >>> salutation_at("Deer Mr. President.")
    (0, 19, '.')
    >>> salutation_at("Dean Acheson wrote:") is None
    True
    """
    if len(text) > _MAX_SALUTATION_LINE:
        return None
    return _salutation_at(text)


@remembered("letters.salutations", 8192)
def _salutation_at(text: str) -> tuple[int, int, str] | None:
    """:func:`salutation_at` of a short line, remembered."""
    m = _OPENER.search(text)
    if m is None:
        return None
    start = m.start("open")
    head = text[:start].split()
    if len(head) > _MAX_SALUTATION_HEAD or not all(debris(t) for t in head):
        return None
    after = text[m.end() :]
    t = _TERMINATORS.search(after)
    if t is not None:
        if t.start() == 0 or t.start() > 60:
            return None
        return start, m.end() + t.end(), t.group()
    words = after.split()
    # No colon: a comma or full stop after the last word that is not junk.
    while words and debris(words[-1]) and not words[-1].endswith((",", ".")):
        words.pop()
    if not words or len(words) > 6:
        return None
    last = words[-1]
    if last[-1] not in ",." or len(last) < 3 or vocabulary_word(last[:-1]) is None:
        return None
    end = m.end() + after.rindex(last) + len(last)
    return start, end, last[-1]


_NAME_WORD = re.compile(r"[A-Z](?:[a-z]+|'[A-Z][a-z]+|[a-z]?[A-Z][a-z]+)(?:-[A-Z][a-z]+)?,?")
_INITIAL = re.compile(r"[A-Z]\.?,?")
"""A middle initial, its dot maybe lost (an engine that strips punctuation)."""
_SUFFIX = re.compile(r"(?:Jr|Sr)\.?,?|I{2,3},?|IV,?")
_NAME_EDGE = "\"'`\u2018\u2019\u201c\u201d()[]{}|_-~\u2014\u2013*.,;:\u00ae\u00a9\u00b0"


def typed_name(text: str, *, lower_page: bool = False) -> tuple[int, int] | None:
    """Where the typed name in a signature line lies, or ``None`` if the line holds none.

    See :func:`_typed_name`; only short lines' answers are remembered.
    """
    if len(text) > _MAX_REMEMBERED:
        return _typed_name(text, lower_page)
    return _remembered_typed_name(text, lower_page)


def _typed_name(text: str, lower_page: bool) -> tuple[int, int] | None:
    """Where the typed name in a signature line lies, or ``None`` if the line holds none.

    A typed name is two to five words, each a capitalised name word
    (``O'Neill``, ``McClure``), an initial (``P.``, or ``P`` where the dot
    was lost) or a suffix (``Jr.``),
    with two name words at least, not all of them words of a title
    (``United States Senator``); debris tokens may stand around it
    (``3 uo "John P. Davis``).  On a page an engine wrote in lower case
    (``lower_page``) the words are compared as title case.

    >>> line = '3 uo \u201cJohn P. Davis \u00ae .'
    >>> a, b = _typed_name(line, False); line[a:b]
    'John P. Davis'
    >>> _typed_name("OH AAS 0009", False) is None, _typed_name("(Orr tt)", False) is None
    (True, True)
    """
    spans = _tokens(text)
    words: list[tuple[int, int, str]] = []
    for s, e in spans:
        raw = text[s:e]
        core = raw.strip(_NAME_EDGE)
        if core and (len(core) == 1 or core in ("Jr", "Sr")):
            tail = raw[raw.index(core) + len(core) :]
            core += "." if tail.startswith(".") else ""
        if not core:
            words.append((s, e, ""))
            continue
        cs = s + raw.index(core[0])
        words.append((cs, cs + len(core), core))
    best: tuple[int, int] | None = None
    i = 0
    while i < len(words):
        j = i
        names = 0
        while j < len(words) and j - i < 5:
            w = words[j][2]
            probe = w.title() if lower_page else w
            if _NAME_WORD.fullmatch(probe) and len(w.rstrip(",")) >= 2:
                names += 1
            elif not (_INITIAL.fullmatch(probe) or _SUFFIX.fullmatch(w)) or j == i:
                break
            j += 1
        if names >= 2 and all(
            w[2].rstrip(",").title() in _vocab.SIGNATURE_TITLE_WORDS for w in words[i:j]
        ):
            names = 0  # ``United States Senator``: the signer's title, not a name
        if names >= 2:
            span = (words[i][0], words[j - 1][1])
            before = [text[s:e] for s, e, _ in words[:i]]
            after = [text[s:e] for s, e, _ in words[j:]]
            if (
                all(debris(t) for t in before + after)
                and len(before) <= _MAX_DEBRIS_TOKENS
                and len(after) <= _MAX_DEBRIS_TOKENS
            ):
                best = span
                break
        i += 1
    return best


_remembered_typed_name = remembered("letters.typed_names", 4096)(_typed_name)


_REVIEW_STRICT = tuple(
    (name, re.compile(pattern, re.I)) for name, pattern in _vocab.REVIEW_STAMP_LABELS.items()
)
_REVIEW_LOOSE = tuple(
    (name, re.compile(pattern)) for name, pattern in _vocab.REVIEW_STAMP_LOOSE.items()
)
_LOOSE_HINTS = ("vacy", "Class", "Aut", "Date", "Cas", "Cac", "Cae", "Can", "Ca5", "Dep")
"""Text one of which every line :data:`_REVIEW_LOOSE` matches holds (a cheap test first)."""


def loose_review_label(text: str) -> tuple[str, int, int] | None:
    """A review stamp line behind junk or another column, or with a damaged label.

    Returns ``(field, label_start, value_start)``: the label starts at
    ``label_start`` (what stands before it is another column's text or junk),
    the value at ``value_start``.  For the printed office line both are where
    its recognised words start.

    >>> loose_review_label("a Review Autnority: AINSWORTH, THOMAS")
    ('reviewer', 2, 20)
    >>> loose_review_label("Washington, D.C. Date: 05/11/96 j :")
    ('date', 17, 23)
    >>> loose_review_label("We will review the authority of the office.") is None
    True
    """
    if len(text) > _MAX_STAMP_LINE or not any(h in text for h in _LOOSE_HINTS):
        return None
    return _remembered_loose_review_label(text)


_MAX_REMEMBERED = 200
"""Longest line whose reading is remembered (a longer one is looked at afresh)."""
_MAX_STAMP_LINE = _vocab.REVIEW_STAMP_PREFIX + 100
"""Longest line read as a stamp line behind another column: the other column's text, the
label, the value and some junk after it."""


def _loose_review_label(text: str) -> tuple[str, int, int] | None:
    for name, pattern in _REVIEW_LOOSE:
        m = pattern.search(text)
        if m is None:
            continue
        label = m.start() + (len(m.group()) - len(m.group().lstrip()))
        if label > _vocab.REVIEW_STAMP_PREFIX:
            continue
        return name, label, (label if name in ("agency", "office") else m.end())
    return None


_remembered_loose_review_label = remembered("stamps.loose_labels", 8192)(_loose_review_label)


def review_label(text: str) -> tuple[str, int, int] | None:
    """Which review stamp line ``text`` is, as printed or as OCR damaged it.

    Returns ``(field, label_start, value_start)`` as :func:`loose_review_label`
    does; for the agency and office lines the value is the whole line.

    >>> review_label("Case ID: 9301915")
    ('case_id', 0, 9)
    >>> review_label(". . Case ID; 9232726")
    ('case_id', 4, 13)
    """
    for name, pattern in _REVIEW_STRICT:
        m = pattern.search(text)
        if m is not None:
            label = len(text) - len(text.lstrip())
            return name, label, (label if name in ("agency", "office") else m.end())
    return loose_review_label(text)


_MAX_EDGE_MARKS = 3
"""Mark tokens stripped from each end of a short printed line."""


_PLAIN_EDGES = re.compile(r"[^\W_]{2}.*[^\W_]{2}|[^\W_]{2,3}", re.S)
"""A line that opens and ends with two letters or digits: no speckle at its ends."""


def _mark(token: str) -> bool:
    """A token that is no printed word: no letter or digit, or a single character."""
    return len(token) == 1 or _ALNUM.search(token) is None


def printed_core(text: str) -> tuple[int, int]:
    """Where the printed part of a short stamp or header line lies: ``(start, end)``.

    What follows a tab is another column (a handwritten mark, another
    block's text), and up to :data:`_MAX_EDGE_MARKS` tokens of marks or single
    characters at either end are speckle (``01494 ;``, ``. E DECLASSIFIED .``).

    >>> line = "RELEASED\\tSC Supe"
    >>> a, b = printed_core(line); line[a:b]
    'RELEASED'
    >>> line = ". 1992/01/29 :"
    >>> a, b = printed_core(line); line[a:b]
    '1992/01/29'
    """
    end = len(text)
    tab = text.find("\t")
    if tab < 0 and _PLAIN_EDGES.fullmatch(text) is not None:
        return 0, end  # the common case: a word at each end, no column break
    if tab > 0 and text[:tab].strip():
        end = tab
    spans = _tokens(text[:end])
    if not spans:
        return 0, 0
    first, last = 0, len(spans) - 1
    while first < last and first < _MAX_EDGE_MARKS and _mark(text[slice(*spans[first])]):
        first += 1
    while (
        last > first
        and len(spans) - 1 - last < _MAX_EDGE_MARKS
        and _mark(text[slice(*spans[last])])
    ):
        last -= 1
    return spans[first][0], spans[last][1]
