"""Readers for single field values: ids, codes, names, row cells.

Strategy: each reader takes the text of one value and decides, from what the
field expects (digits, codes, words), which OCR swaps it may undo.  Readers
return plain results plus the repairs they made; they never invent a value:
text they cannot read is handed back as junk for the caller to report.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from rapidfuzz.distance import Levenshtein

from worksheet_parser import _vocab
from worksheet_parser._caches import remembered

__all__ = [
    "Word",
    "cut_off_phrase",
    "is_action_code_word",
    "is_dateish",
    "looks_handwritten",
    "read_action_code",
    "read_check_box",
    "read_code_line",
    "read_digits",
    "read_disposition_code",
    "read_id_number",
    "read_subject_code",
    "repair_name",
    "short_text_cache",
    "short_text_cache2",
    "split_title",
    "split_title_ocr",
    "value_extent",
    "words",
]

_TO_DIGIT = str.maketrans(_vocab.LETTER_TO_DIGIT)
_TO_LETTER = str.maketrans(_vocab.DIGIT_TO_LETTER)
_WORD = re.compile(r"[^ \t]+")
_DIGITISH = re.compile("[0-9" + re.escape("".join(sorted(_vocab.LETTER_TO_DIGIT))) + "]+")
_SUBJECT_CODE = re.compile(r"([A-Z0-9$|]{2})([0-9A-Z|l]{3})?(-[0-9A-Z|l]{2})?")
_DATEISH = re.compile(
    r"[0-9OoQlIi|SB]{2}[/,.\-][0-9OoQlIi|SB]{1,2}[/,.\-]?[0-9OoQlIi|SB]{1,2}"
    r"|[0-9OoQlIi|SB]{4}[/,.\-][0-9OoQlIi|SB]{1,2}"
    r"|[0-9OoQlIi|SB]{6}"
    # a slash read as a digit or letter (``92l07/08``, ``87106/27``)
    r"|[0-9OoQlIi|SB]{5}[/,.\-][0-9OoQlIi|SB]{2}|[0-9OoQlIi|SB]{2}[/,.\-][0-9OoQlIi|SB]{5}"
)
_HONORIFIC_WORDS = [h.split() for h in _vocab.HONORIFICS]

SHORT_TEXT = 64
"""The longest text whose reading :func:`short_text_cache` keeps."""

_A = TypeVar("_A")
_R = TypeVar("_R")


def short_text_cache(
    name: str, maxsize: int
) -> Callable[[Callable[[str], _R]], Callable[[str], _R]]:
    """Keep the results of a pure reader of one short text (a word, a code, a date).

    At most ``maxsize`` results are kept (in the cache known as ``name``,
    see :mod:`._caches`), least recently used first out, and only for texts
    of at most :data:`SHORT_TEXT` characters, so the memory kept stays small
    whatever the input; a longer text is read afresh.
    """

    def decorate(read: Callable[[str], _R]) -> Callable[[str], _R]:
        cached = remembered(name, maxsize)(read)

        @functools.wraps(read)
        def read_short(text: str) -> _R:
            return cached(text) if len(text) <= SHORT_TEXT else read(text)

        return read_short

    return decorate


def short_text_cache2(
    name: str, maxsize: int
) -> Callable[[Callable[[str, _A], _R]], Callable[[str, _A], _R]]:
    """:func:`short_text_cache` for a reader of a text and one more (hashable) argument."""

    def decorate(read: Callable[[str, _A], _R]) -> Callable[[str, _A], _R]:
        cached = remembered(name, maxsize)(read)

        @functools.wraps(read)
        def read_short(text: str, arg: _A) -> _R:
            return cached(text, arg) if len(text) <= SHORT_TEXT else read(text, arg)

        return read_short

    return decorate


_ASCII_DIGIT = re.compile("[0-9]")


class Word(NamedTuple):
    """A blank-separated word of a value, with its offset in the normalised text.

    A named tuple: values are split into words by the thousand, and a tuple is
    the cheapest immutable record to make.
    """

    text: str
    """The word."""
    start: int
    """Offset in the normalised text."""

    @property
    def end(self) -> int:
        """Offset just past the word."""
        return self.start + len(self.text)


def words(text: str, offset: int) -> list[Word]:
    """Split ``text`` (found at ``offset``) into words: runs of anything but blanks and tabs."""
    if not (text.replace("\t", " ") if "\t" in text else text).isprintable():
        # Other white space (never printable) is part of a word here: ask the pattern.
        return [Word(m.group(), offset + m.start()) for m in _WORD.finditer(text)]
    # Only blanks and tabs separate the words: ``str.split`` cuts them apart.
    out = []
    find = text.find
    new = tuple.__new__
    pos = 0
    for w in text.split():
        pos = find(w, pos)
        out.append(new(Word, (w, offset + pos)))
        pos += len(w)
    return out


def read_digits(text: str, min_len: int = 1, max_len: int = 12) -> str | None:
    """Read a number printed in digits, undoing letter-for-digit OCR swaps."""
    if not _DIGITISH.fullmatch(text) or not any(c.isdigit() for c in text):
        return None
    digits = text.translate(_TO_DIGIT)
    if not digits.isdigit() or not min_len <= len(digits) <= max_len:
        return None
    return digits


def read_subject_code(text: str) -> str | None:
    """Read a WHORM subject code (``CO034``, ``HU``, ``FG006-01``), or ``None``.

    A code's number has three digits; a zero OCR read two or three times, as
    digits and letters mixed (``TAOO02``, ``CO0O71``, ``ITOQO67``), is read
    once, when the rest of the number is plain digits.

    >>> [read_subject_code(t) for t in ("CO034", "TAOO02", "CO0O71", "ITOQO67", "MEOO1L")]
    ['CO034', 'TA002', 'CO071', 'IT067', None]
    """
    m = _SUBJECT_CODE.fullmatch(text)
    if m is None:
        m = _SUBJECT_CODE.fullmatch(_zero_read_once(text))
    if m is None:
        return None
    letters = m.group(1).translate(_TO_LETTER)
    if not letters.isalpha() or not letters.isupper():
        return None
    number = (m.group(2) or "").translate(_TO_DIGIT)
    suffix = (m.group(3) or "").translate(_TO_DIGIT)
    if (number and not number.isdigit()) or (suffix and not suffix[1:].isdigit()):
        return None
    if suffix and not number:
        return None
    return letters + number + suffix


_ZERO_RUN = re.compile(r"[0OQ]{2,3}")


def _zero_read_once(text: str) -> str:
    """``TAOO02`` -> ``TAO02``: a run of zeros holding a letter, shortened to fit three digits."""
    head, number = text[:2], text[2:]
    extra = len(number) - 3
    if not 1 <= extra <= 2 or not head.isalpha():
        return text
    m = _ZERO_RUN.search(number)
    if (
        m is None
        or len(m.group()) <= extra
        or m.group().isdigit()
        or not (number[: m.start()] + number[m.end() :]).isdigit()
    ):
        return text
    return head + number[: m.start()] + "0" * (len(m.group()) - extra) + number[m.end() :]


def read_action_code(text: str) -> str | None:
    """Read an action code (``A C D F I R S X ORG``), undoing ``0RG``-style swaps.

    The 5/81 form prints ``ORIGINATOR`` for ``ORG``; OCR damage of one letter
    in that word (``0RIGINATOR``, ``ORlGINATOR``) is undone.

    >>> read_action_code("0RG"), read_action_code("Originator"), read_action_code("Q")
    ('ORG', 'ORG', None)
    """
    up = text.upper().rstrip(".,")
    if up in _vocab.ACTION_CODES:
        return up
    folded = up.translate(_TO_LETTER)
    if len(folded) == 3 and folded in _vocab.ACTION_CODES:
        return folded
    return _action_code_word(folded)


def _action_code_word(folded: str) -> str | None:
    if len(folded) < 8:
        return None
    for word, code in _vocab.ACTION_CODE_WORDS.items():
        if Levenshtein.distance(folded, word, score_cutoff=1) <= 1:
            return code
    return None


def is_action_code_word(text: str) -> bool:
    """Whether ``text`` is a printed action-code word such as ``ORIGINATOR``."""
    return _action_code_word(text.upper().rstrip(".,").translate(_TO_LETTER)) is not None


def read_check_box(glyph: str) -> bool | None:
    """Read what OCR made of a check box: ``True`` ticked, ``False`` empty, ``None`` unknown.

    An empty box comes out as ``0``, ``D``, ``□`` or nothing at all; a ticked
    one as ``X``, ``8"``, ``■`` and the like.  The box's own outline may come
    with it (``[x``, ``(|``, ``[_]``): what is inside the outline is read, and
    an outline with nothing inside is an empty box.

    >>> read_check_box("X"), read_check_box('8"'), read_check_box("0"), read_check_box("")
    (True, True, False, False)
    >>> read_check_box("[x"), read_check_box("(|"), read_check_box("[_]"), read_check_box("im")
    (True, False, False, None)
    """
    mark = glyph.strip()
    if not mark or mark in _vocab.CHECK_BOX_EMPTY:
        return False
    if mark in _vocab.CHECK_BOX_MARKED:
        return True
    inside = mark.strip(_vocab.CHECK_BOX_OUTLINE)
    if inside == mark:
        return None
    if not inside.strip(_vocab.CHECK_BOX_OUTLINE + "_-"):
        return False  # the outline alone: an empty box
    return read_check_box(inside)


def read_disposition_code(text: str) -> str | None:
    """Read a disposition code (``A B C S``), undoing what OCR makes of the letter.

    ``8`` is ``B``; a sign shaped like the letter (``©``, ``¢``, ``€``) is
    ``C``; the letter read twice, once small (``Cc``), is the letter.

    >>> [read_disposition_code(t) for t in ("C", "8", "\u00a9", "Cc", "CC", "Q")]
    ['C', 'B', 'C', 'C', None, None]
    """
    up = text.upper().rstrip(".,")
    if up in _vocab.DISPOSITION_CODES:
        return up
    if up == "8":
        return "B"
    look = _vocab.CODE_LOOKALIKES.get(up)
    if look is not None:
        return look
    if len(up) == 2 and up[0] == up[1] and text[0] != text[1] and up[0] in _vocab.DISPOSITION_CODES:
        return up[0]
    return None


def is_dateish(text: str) -> bool:
    """Whether a word has the shape of a ``YY/MM/DD`` date (possibly damaged)."""
    return _DATEISH.fullmatch(text) is not None and sum(c.isdigit() for c in text) >= 3


def looks_handwritten(text: str, printed_upper: bool) -> bool:
    """Whether a value looks like handwriting rendered by OCR rather than print.

    ``printed_upper`` says whether the form prints its values in capitals
    only: the computer-printed worksheet does (unless the OCR engine wrote
    everything in lower case), the typewritten 5/81 and records management
    forms do not.  Where values are capitals only, lower-case letters betray
    handwriting; on every form, so does a word mixing digits and letters.

    >>> looks_handwritten("Lyn Nofziger", printed_upper=False)
    False
    >>> looks_handwritten("SC Supe", printed_upper=True)
    True
    """
    if text.isascii():
        # The same tests, in C: every ASCII letter is cased, and ASCII digits are 0-9.
        if sum(map(str.isalpha, text)) < 2:
            return True
        if printed_upper and not text.isupper():
            return True
        if _ASCII_DIGIT.search(text) is None:
            return False
    else:
        letters = [c for c in text if c.isalpha()]
        if len(letters) < 2:
            return True
        if printed_upper and any(c.islower() for c in letters):
            return True
    return any(
        any(c.isdigit() for c in w) and any(c.isalpha() for c in w) and "/" not in w
        for w in text.split()
    )


def split_title(name: str) -> tuple[str | None, str, str | None]:
    """Split an honorific off the front of a correspondent's name.

    Returns ``(title, rest, repaired_title)``; ``repaired_title`` is set when
    the title was recognised only after repairing OCR damage (``HONCRABLE``).
    """
    tokens = name.split()
    if len(tokens) < 2:
        return None, name, None  # a title must leave a name after it
    upper = [t.upper() for t in tokens[:_HONORIFIC_MAX]]
    for h_words in _titles_opening_with(upper[0]):
        n = len(h_words)
        if n > len(tokens) - 1:
            continue
        found = upper[:n]
        if found == h_words:
            return " ".join(tokens[:n]), " ".join(tokens[n:]), None
        ok = True
        edits = 0
        for f, h in zip(found, h_words, strict=True):
            if f == h:
                continue
            if len(h) < 6:
                ok = False
                break
            d = Levenshtein.distance(f.translate(_TO_LETTER), h, score_cutoff=1)
            if d > 1:
                ok = False
                break
            edits += d
        if ok and edits:
            canonical = " ".join(h_words)
            # Keep the case the value was typed in (5/81 forms are mixed case).
            typed = " ".join(tokens[:n])
            if typed.islower():
                canonical = canonical.lower()
            elif not typed.isupper():
                canonical = " ".join(w.capitalize() for w in h_words)
            return canonical, " ".join(tokens[n:]), canonical
    return None, name, None


_HONORIFIC_MAX = max(len(h) for h in _HONORIFIC_WORDS)


@short_text_cache("fields.honorific_openings", 4096)
def _titles_opening_with(first: str) -> tuple[list[str], ...]:
    """The honorifics (as words, in :data:`_HONORIFIC_WORDS` order) whose first word
    the upper-cased word ``first`` is, or may be after repairing one OCR error."""
    return tuple(
        h_words
        for h_words in _HONORIFIC_WORDS
        if first == h_words[0]
        or (
            len(h_words[0]) >= 6
            and Levenshtein.distance(first.translate(_TO_LETTER), h_words[0], score_cutoff=1) <= 1
        )
    )


_WORD_MARKS = frozenset(".,'-&/()\"’‘“”:;!?%$#*+")
"""Marks printed inside or around the words of names and free text."""


@remembered("fields.debris_words", 4096)
def _debris_word(word: str, printed_upper: bool, name: bool) -> bool | None:
    """Whether a word at the edge of a value is debris: ``True`` surely, ``None`` maybe.

    Surely: a word of marks only (``:``, ``°``, ``|``, ``==``), a short word
    holding a mark no print has (``<2``) or a word with two (``r{!JM~-(1/``), a
    short word with lower-case letters where the form prints capitals only
    (``Otte``), a number after a name (``6``).  Maybe: a word of one or two characters (``HF``,
    ``a``), debris only beside sure debris.
    """
    alnum = sum(map(str.isalnum, word))
    if not alnum:
        return True
    odd = sum(not c.isalnum() and c not in _WORD_MARKS and c != "\ufffd" for c in word)
    if odd and (alnum <= 2 or odd >= 2):
        return True  # ``<2``, ``r{!JM~-(1/``; one odd mark in a long word may be damage
    if printed_upper and alnum <= 4 and any(c.islower() for c in word):
        return True  # a short scrawl among capitals (``ee``, ``Supe``); longer is print read small
    if name and word.strip(".,;:'-").isdigit():
        return True
    if alnum <= 2 or (len(word) <= 4 and word.isdigit()):
        return None  # a scrap, or a number (``- 1 2 2004`` is handwriting beside sure debris)
    return False


_CUT_OFF = re.compile(r"\([^()]*[ \t](?:OF|THE|AND|TO|FOR|IN|A|ON|AT|BY)", re.IGNORECASE)


def cut_off_phrase(text: str) -> bool:
    """Whether ``text`` is a phrase cut off after a bracket it opened and a function word.

    ``(STATE OF THE PROPERTY OF``: words OCR made up from a stamp or a margin,
    never the rest of a value (which closes its brackets and does not end on
    ``OF``).

    >>> cut_off_phrase("(STATE OF THE PROPERTY OF"), cut_off_phrase("(ROOM 75) OF")
    (True, False)
    """
    return _CUT_OFF.fullmatch(text.strip()) is not None


def value_extent(text: str, printed_upper: bool, *, name: bool = False) -> tuple[int, int]:
    """Where the value in ``text`` starts and ends, stray marks and debris at its edges left out.

    OCR puts debris beside a value on its line: stray ticks and marks
    (``SUSAN F. FRANK :``, ``U.S. CHAMBER OF COMMERCE |``, ``~~~``), handwriting
    read as short words (``GEORGE D. ROTH . (ee``).  Words are dropped from each
    edge while they are surely debris, and short words (``HF``, ``a``) with
    them when sure debris stands between them and the value.  ``printed_upper``
    says the form prints the value in capitals (lower-case words are then not
    print); ``name`` that the value is a name (a number after it is debris).
    Returns offsets into ``text``; ``(0, 0)`` when nothing but debris is there.

    >>> text = "SUSAN F. FRANK : ."
    >>> lo, hi = value_extent(text, True, name=True)
    >>> text[lo:hi]
    'SUSAN F. FRANK'
    >>> text = "CO-SIGNED BY 14 MEMBERS OF CONGRESS . + ee HF"
    >>> lo, hi = value_extent(text, True)
    >>> text[lo:hi]
    'CO-SIGNED BY 14 MEMBERS OF CONGRESS'
    """
    if (
        text
        and text[0] not in _EDGE_MARKS
        and text[-1] not in _EDGE_MARKS
        and text[-1] not in ",;:"
        and not text[0].isspace()
        and not text[-1].isspace()
        and _debris_word(text.rsplit(None, 1)[-1], printed_upper, name) is False
        and _debris_word(text.split(None, 1)[0], printed_upper, name) is False
    ):
        return 0, len(text)  # print at both edges: nothing to trim (the common case)
    ws = words(text, 0)
    if not ws:
        return 0, 0
    # Only the runs at the edges matter: words are judged from each end up
    # to the first that is surely print (the same answer as judging them all).
    kinds: dict[int, bool | None] = {}
    hi = len(ws)
    print_found = False
    for i in range(len(ws) - 1, -1, -1):
        kind = kinds[i] = _debris_word(ws[i].text, printed_upper, name)
        if kind is False:
            print_found = True
            break
        if kind:
            hi = i
    if not print_found and (
        True in kinds.values()
        or (
            # one number alone, or beside a word (``31``, ``TO 31`` wrapped), is print
            len(ws) >= 2
            and not any(sum(map(str.isalpha, w.text)) >= 2 for w in ws)
            and all(sum(map(str.isalnum, w.text)) <= 2 for w in ws)
            and any(_ASCII_DIGIT.search(w.text) for w in ws)
        )
    ):
        return 0, 0  # short marks and scraps only (``I 1 I``, ``5m``): handwriting
    lo = 0
    for i in range(hi):
        kind = kinds[i] if i in kinds else _debris_word(ws[i].text, printed_upper, name)
        if kind is False:
            break
        if kind:
            lo = i + 1
    if lo >= hi:
        return 0, 0
    start, end = ws[lo].start, ws[hi - 1].end
    # Marks glued to the value's edges (``‘MR.``, ``Wars"``, ``FILES|``).
    while start < end and text[start] in _EDGE_MARKS and text[start] not in _SIGNS:
        start += 1
    while end > start and (text[end - 1] in _EDGE_MARKS or text[end - 1] in ",;:"):
        end -= 1
    return (start, end) if start < end else (0, 0)


_SIGNS = frozenset("+-=")
"""Marks that may open a value as print (``-2+3``), kept at its start."""
_EDGE_MARKS = frozenset("'\"‘’“”_—–-|~°*+=^«»")
"""Marks OCR glues to the edges of a value; no value starts or ends with one."""


_CODE_EDGE = "'\"‘’“”_—–-|~°*+=^«».,:;!"
"""Marks OCR glues to a code or number (``"JL``, ``PROO7.``, ``UT-``, ``_502720``)."""


def read_id_number(text: str) -> str | None:
    """Read a worksheet ID number, stray marks glued to it left out (``_502720``, ``107753.``).

    >>> read_id_number("_5O2720"), read_id_number('983476":'), read_id_number("ID")
    ('502720', '983476', None)
    """
    core = text.strip(_CODE_EDGE.replace("|", ""))
    return read_digits(core, 3, 10) if core else None


def read_code_word(text: str, upper_case: bool = False) -> str | None:
    """Read one subject code with stray marks glued to it left out (``"JL``, ``PROO7.``).

    ``upper_case``: the engine wrote the line in lower case, so letters are
    read upper-cased; otherwise a code in lower case is read only when it
    carries digits (``co034``), never a bare word (``to``).  A code of two
    letters alone must be a WHORM category.
    """
    core = text.strip(_CODE_EDGE)
    if not core:
        return None
    if upper_case or (not core.isupper() and any(c.isdigit() for c in core[2:])):
        # a small ``o`` among the number's digits is a zero (``coo71``)
        core = core[:2].upper() + (core[2:].upper() if upper_case else core[2:].replace("o", "O"))
    code = read_subject_code(core)
    if code is not None and len(code) == 2 and code not in _vocab.WHORM_CATEGORIES:
        return None  # two letters that name no subject category (``OF``): a word, not a code
    return code


def read_code_line(
    text: str, offset: int, upper_case: bool = False
) -> tuple[list[tuple[Word, str]], list[Word]] | None:
    """Read a line of subject codes (a code list OCR wrapped under the ``ID#`` line).

    Returns the codes read (each with its word) and the words that are not
    codes, or ``None`` when the line is not a code list: it needs at least
    as many codes as other words (marks aside), and a bare two-letter code
    only counts when it is a WHORM category.

    >>> codes, junk = read_code_line("‘TAOO2 JL way", 0)
    >>> [code for _, code in codes], [w.text for w in junk]
    (['TA002', 'JL'], ['way'])
    >>> read_code_line("TO BE OR NOT", 0) is None
    True
    """
    codes: list[tuple[Word, str]] = []
    junk: list[Word] = []
    others = 0
    for w in words(text, offset):
        code = read_code_word(w.text, upper_case)
        if code is not None and (len(code) > 2 or code in _vocab.WHORM_CATEGORIES):
            codes.append((w, code))
            continue
        junk.append(w)
        if any(c.isalnum() for c in w.text):
            others += 1
    if not codes or others > len(codes):
        return None
    return codes, junk


def split_title_ocr(name: str) -> tuple[str | None, str, str | None]:
    """:func:`split_title`, with digits OCR put for letters in the title folded first.

    ``THE HON0RABLE LINDA K. LANTOS`` gives ``THE HONORABLE`` (reported as
    repaired) where :func:`split_title` alone finds no title, the folded word
    being exactly the honorific's.

    >>> split_title_ocr("THE HON0RABLE LINDA K. LANTOS")
    ('THE HONORABLE', 'LINDA K. LANTOS', 'THE HONORABLE')
    """
    title, rest, repaired = split_title(name)
    if title is not None:
        return title, rest, repaired
    tokens = name.split()
    head = tokens[:_HONORIFIC_MAX]
    mixed = [any(c.isdigit() for c in t) and any(c.isalpha() for c in t) for t in head]
    if not any(mixed):
        return title, rest, repaired
    folded = [t.translate(_TO_LETTER) if m else t for t, m in zip(head, mixed, strict=True)]
    title, rest, _ = split_title(" ".join(folded + tokens[len(head) :]))
    if title is None:
        return None, name, None
    n = len(title.split())
    if not any(mixed[:n]):
        return None, name, None  # the title found did not need the folding: not this one
    return title, " ".join(tokens[n:]), title


_INITIAL_COMMA = re.compile(r"(?<![^ ])([A-Z]),(?= [A-Za-z])")
_GLUED_DASH = re.compile(r"(?<= )[-_~—–]+(?=[A-Za-z]{2})")


def repair_name(name: str) -> str:
    """Undo OCR damage to a name's punctuation: an initial's period read as a comma
    (``KAREN M, HARRIS``), a stray dash glued before a word (``M. -HARRIS``).

    >>> repair_name("KAREN M, -HARRIS"), repair_name("SMITH, JOHN")
    ('KAREN M. HARRIS', 'SMITH, JOHN')
    """
    return _INITIAL_COMMA.sub(r"\1.", _GLUED_DASH.sub("", name))
