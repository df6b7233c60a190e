"""Stage 3a: classify worksheet lines into tokens.

Strategy: the grammar sees one token per line, or per label when OCR fused
several labels (or a row and a label) into one line.  One lexer serves every
form variant: its vocabulary is the union of the forms' labels, and each
piece records which variant (if any) its label is printed on only, as
evidence for form detection.  Each line is tried, in this order, as: legend
box, footer, the ``5/81`` form mark, ``ID#`` line, whole-line labels
(titles, section heads), direction, table column header, and finally
scanned for check boxes (``X I - INCOMING``) and in-line labels, which
:mod:`._labels` finds, exactly or as OCR damaged them.  Every repair is
reported.  Text between labels becomes a ``TEXT`` token, so recovery happens
at label boundaries and a value can never slide into the next field.  What a
line lexes to depends on its text alone, so recurring lines (the form's
printed text) are remembered in a bounded cache.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

import attrs
from rapidfuzz.distance import Levenshtein

from worksheet_parser import _vocab
from worksheet_parser._caches import remembered
from worksheet_parser._models import FormVariant
from worksheet_parser._worksheet._labels import (
    WORD_CACHE_SIZE,
    Label,
    Taken,
    all_short,
    any_literal,
    edit_budget,
    find_labels,
    fold_ocr,
    label_letters,
)
from worksheet_parser._worksheet._tokens import TokenKind

# The form variants the lexer's evidence names, bound once (see the kinds below).
_V_COMPUTER_PRINTED = FormVariant.COMPUTER_PRINTED
_V_FORM_5_81 = FormVariant.FORM_5_81
_V_RECORDS_MANAGEMENT = FormVariant.RECORDS_MANAGEMENT


__all__ = ["Piece", "lex_line", "lex_lines"]


@attrs.define(slots=True)
class Piece:
    """One token: a labelled field (or a line) with its value.

    Treated as immutable (copies are made with :func:`attrs.evolve`); the
    line cache keeps plain tuples, and every call makes pieces of its own.
    Not frozen only because a frozen class costs four times as much to make,
    and a worksheet makes dozens.
    """

    kind: TokenKind
    """Token type, e.g. ``SUBJECT``, ``TEXT``, ``LEGEND``."""
    start: int
    """Offset of the piece in the normalised text."""
    end: int
    """End offset of the piece in the normalised text."""
    value: str
    """The value after the label, stripped (the whole text for ``TEXT``)."""
    value_start: int
    """Offset of :attr:`value` in the normalised text."""
    line: int
    """Index of the source line within the block."""
    label: str | None = None
    """The label exactly as it stood in the input."""
    repaired_label: str | None = None
    """The canonical label, when the input's was damaged."""
    canonical: str | None = None
    """The canonical label (``O - OUTGOING``, ``NAME OF CORRESPONDENT:``), damaged or not."""
    evidence: FormVariant | None = None
    """The form variant (a :class:`~worksheet_parser.FormVariant` value) only it is printed on."""


# A check box: ``X I - INCOMING``; the box glyph (optional) before the code letter.
_BOX = re.compile(
    r"(?<!\S)(?:(?P<box>\S{1,3}?)[ \t]?)??(?P<code>[A-Za-z0-9|!])"
    r"(?:[ \t]?[-\u2013\u2014~=\u00b7\u2022*]{1,2}[ \t]?|\.[ \t]?|[ \t])"
    r"(?P<word>[A-Za-z0-9]{4,9})(?![A-Za-z0-9])"
)
_BOX_DASH = re.compile(r"[-\u2013\u2014~=\u00b7\u2022*]")
_BOX_DOT = re.compile(
    r"\.(?<=[A-Za-z0-9|!]\.)[ \t]?[A-Za-z0-9]{2,7}(?:[Nn][Gg]|[Aa][Ll]|[Ii][Aa])(?![A-Za-z0-9])"
)
"""A full stop between a box's code and its word (``1. INCOMING``); the stop first, so
that the search skips to each one."""
_WORDS = re.compile(r"[^ \t]+")
_BOX_WORD_END = re.compile(r"(?:[Nn][Gg]|[Aa][Ll])[ \t]*$")
"""A check box has a dash, a dot, a full stop or a bullet between its code and its word, or
only a blank: then only a direction's box (its word ends ``-NG`` or ``-AL``) on a short
line."""
_FORM_MARK_LINE = re.compile(r"[ \t]*" + _vocab.FORM_MARK + r"[ \t.]*")
_FORM_MARK = re.compile(_vocab.FORM_MARK)


_ID_LINE = re.compile(
    r"^(?:[^A-Za-z0-9]{0,3}|[^\s][ \t]+)(?:[I1l|!]\s?[D0O]|ID)"
    r"(?:\s?(?:#|NO\.?|N0\.?)|[ \t](?=[ \t]?[0-9]{5}))\s*",
    re.I,
)
_TITLE_IN_LINE = re.compile(
    r"(?:THE[ \t]+)?WH[I1l]TE[ \t]*HOUSE|CORRESPONDENCE[ \t]+TRACK[I1l]NG", re.I
)
"""The worksheet's title where OCR ran it onto the ID line."""
_ID_AFTER_NUMBER = re.compile(r"^\s*(\d[\dOolIS]{3,})\s+(?:[I1l|]\s?D)\s?#\s*", re.I)

_TABLE_HEAD_STRONG = frozenset(
    {
        "ACTION",
        "DISPOSITION",
        "OFFICE/AGENCY",
        "YY/MM/DD",
        "COMPLETED",
        "RESP",
        "(STAFF",
        "TRACKING",
        "COMPLETION",
    }
)
_HEAD_EVIDENCE = {
    "ACT": _V_COMPUTER_PRINTED,
    "RESP": _V_COMPUTER_PRINTED,
    "COMPLETED": _V_COMPUTER_PRINTED,
    "TRACKING": _V_FORM_5_81,
    "COMPLETION": _V_FORM_5_81,
    "RESPONSE": _V_FORM_5_81,
}
_HEAD_PAIR = re.compile(
    r"(?<![A-Za-z])[AaÀ][CcG][TtI][IiL1l|£][O0o][Nn][^A-Za-z0-9\n]{1,6}"
    r"[DdO0][Il1|i][Ss5][Pp][O0o][Ss5][Il1|i][Tt][Il1|i][O0o][Nn](?:[^A-Za-z0-9\n]{0,4}$|[ ]?\t)"
)
"""The routing table's first head line as it ends (or before a column of handwriting),
OCR look-alikes allowed."""
_SHARED_LEGEND = "FOR OUTGOING CORRESPONDENCE"  # printed in both variants' legends


# Attribute access on an enum class is slow (a metaclass hook runs): the
# kinds the lexer yields are bound once (and the form variants, above).
_K_CHECKBOX = TokenKind.CHECKBOX
_K_DIRECTION = TokenKind.DIRECTION
_K_FOOTER = TokenKind.FOOTER
_K_FORM_MARK = TokenKind.FORM_MARK
_K_ID = TokenKind.ID
_K_LEGEND = TokenKind.LEGEND
_K_MAIL_REPORT = TokenKind.MAIL_REPORT
_K_TABLE_HEAD = TokenKind.TABLE_HEAD
_K_TEXT = TokenKind.TEXT
_K_TITLE = TokenKind.TITLE


def _find_boxes(line: str) -> list[Label]:
    """Check boxes on the line: ``X I - INCOMING``, ``0 O - OUTGOING``, ``8" H - INTERNAL``."""
    boxes: list[Label] = []
    if (
        _BOX_DASH.search(line) is None
        and (len(line) > 40 or _BOX_WORD_END.search(line) is None)
        and ("." not in line or _BOX_DOT.search(line) is None)
    ):
        return boxes
    for m in _BOX.finditer(line):
        folded = fold_ocr(m.group("word"))
        word = next(
            (
                w
                for w in _vocab.CHECK_BOXES
                if Levenshtein.distance(folded, w, score_cutoff=len(w) // 8) <= len(w) // 8
            ),
            None,
        )
        if word is None:
            continue
        code = _vocab.CHECK_BOXES[word]
        box, code_found = m.group("box"), m.group("code")
        start = m.start()
        if not line[m.end("code") : m.start("word")].strip() and (
            word == "MEDIA" or code_found not in _vocab.CHECK_BOX_CODES[code]
        ):
            continue  # no dash: only a direction word after its own code letter is a box
        if code_found not in _vocab.CHECK_BOX_CODES[code]:
            if box is not None:
                continue
            box, code_found = code_found, ""  # the mark stands where the code letter was lost
        canonical = f"{code} - {word}"
        found_start = m.start("code")
        found = line[found_start : m.end()]
        repaired = code_found != code or m.group("word") != word
        if repaired and code_found.upper() == code and m.group("word").upper() == word:
            repaired = False  # a lower-case engine, not damage
        boxes.append(Label(start, m.end(), _K_CHECKBOX, found, canonical, repaired, box=box or ""))
    return boxes


_ANY_LEGEND = re.compile(any_literal(_vocab.LEGEND_PHRASES[1:]))


def _key(phrase: str) -> str:
    """A part of ``phrase`` rare in other text: its first mark, else all of it."""
    return next((c for c in phrase if not c.isalpha() and c != " "), phrase)


_LEGEND_KEYS = tuple(dict.fromkeys(map(_key, _vocab.LEGEND_PHRASES[1:])))
"""No legend phrase is in a line that holds none of these (each is part of one)."""


def _pieces(phrase: str, count: int) -> tuple[str, ...]:
    """``phrase`` cut into ``count`` contiguous parts of near-equal length."""
    size = len(phrase)
    return tuple(phrase[size * i // count : size * (i + 1) // count] for i in range(count))


# (phrase, length, edit budget, parts, evidence).  A text within ``budget``
# edits of the phrase holds at least one of its ``budget + 1`` parts intact
# (each edit touches at most one part): a cheap test before the distance.
_LEGEND_5_81: list[tuple[str, int, int, tuple[str, ...], FormVariant | None]] = [
    (
        phrase,
        len(phrase),
        len(phrase) // 12,
        _pieces(phrase, len(phrase) // 12 + 1),
        None if phrase == _SHARED_LEGEND else _V_FORM_5_81,
    )
    for phrase in _vocab.LEGEND_PHRASES_5_81
]
# Some part (or, where no edit is allowed, the whole phrase) of some phrase
# must occur near the line's start for any of them to match.
_LEGEND_5_81_REACH = max(size for _, size, *_ in _LEGEND_5_81)
_ANY_LEGEND_PART = re.compile(
    any_literal(
        part
        for phrase, _, budget, parts, _ in _LEGEND_5_81
        for part in (parts if budget else (phrase,))
    )
)


def _legend(
    line: str, letters: str | None = None, folded: str | None = None
) -> tuple[bool, FormVariant | None]:
    """Whether the line belongs to a code legend, and the variant only it is printed on."""
    stripped = line.lstrip()
    stars = line.count("*")
    if stars >= 4 or (stars >= 2 and stripped.startswith("*")):
        return True, _V_COMPUTER_PRINTED
    # One star before words is a legend line only if a legend phrase is in it
    # (below): ``* TRADING STATUS FOR CHINA`` is a value's line behind a stray mark.
    if folded is None:
        folded = fold_ocr(line)
    for key in _LEGEND_KEYS:
        if key in folded:
            if _ANY_LEGEND.search(folded) is not None:
                phrase = next(p for p in _vocab.LEGEND_PHRASES[1:] if p in folded)
                return True, None if phrase == _SHARED_LEGEND else _V_COMPUTER_PRINTED
            break
    if letters is None:
        letters = label_letters(line)
    # A one-letter code before a word (``A APPROPRIATE ACTION``) is left out.
    if len(letters) >= 4 and letters[1] == " " and letters[3] != " ":
        letters = letters[2:]
    if _ANY_LEGEND_PART.search(letters, 0, _LEGEND_5_81_REACH) is None:
        return False, None
    for phrase, size, budget, parts, evidence in _LEGEND_5_81:
        head = letters[:size]
        if head == phrase:
            return True, evidence
        if not budget or len(head) < size - budget:
            continue
        for part in parts:
            if part in head:
                if Levenshtein.distance(head, phrase, score_cutoff=budget) <= budget:
                    return True, evidence
                break
    return False, None


_WRAPPED_PHRASE = 36
"""Fewest letters of a printed phrase's first part that stand for it on a line of their own
(the phrase wrapped at a narrower width than the form's)."""


def _fuzzy_prefix(letters: str, phrases: Iterable[str]) -> str | None:
    """The phrase ``letters`` opens with (OCR damage allowed), or whose first part they are.

    A line may hold the whole phrase and more, or, where the text was wrapped
    narrower than the form, only its first :data:`_WRAPPED_PHRASE` letters or
    more (``KEEP THIS WORKSHEET ATTACHED TO THE ORIGINAL``).
    """
    for phrase in phrases:
        head = letters[: len(phrase)]
        if len(head) >= len(phrase) - 2:
            target = phrase
        elif (
            len(head) >= _WRAPPED_PHRASE
            and head == letters
            and head[0] == phrase[0]  # a cheap first test: wrapped lines are rare
        ):
            target = phrase[: len(head)]
        else:
            continue
        budget = len(target) // 6
        if Levenshtein.distance(head, target, score_cutoff=budget) <= budget:
            return phrase
    return None


def _footer_evidence(line: str, letters: str, phrase: str) -> FormVariant | None:
    if _FORM_MARK.search(line):
        return _V_FORM_5_81
    for other, variant in _vocab.FOOTER_PHRASES.items():
        if variant is not None and other in letters:
            return variant
    if "AT ALL TIMES" in letters:
        return _V_COMPUTER_PRINTED
    return _vocab.FOOTER_PHRASES[phrase]


def _whole_line(letters: str, spellings: Iterable[str]) -> str | None:
    size = len(letters)
    for s in spellings:
        budget = edit_budget(s)
        # The distance is at least the difference in length.
        if abs(size - len(s)) <= budget and (
            Levenshtein.distance(letters, s, score_cutoff=budget) <= budget
        ):
            return s
    return None


@remembered("lexer.near_head_words", WORD_CACHE_SIZE)
def _near_strong(word: str) -> bool:
    """``word`` is a strong table-head word, or a long word one edit from one."""
    return word in _TABLE_HEAD_STRONG or (
        len(word) >= 6
        and any(
            Levenshtein.distance(word, strong, score_cutoff=1) <= 1 for strong in _TABLE_HEAD_STRONG
        )
    )


@remembered("lexer.head_words", WORD_CACHE_SIZE)
def _head_word(word: str) -> bool:
    if word in _vocab.TABLE_HEAD_WORDS:
        return True
    return len(word) >= 6 and any(
        Levenshtein.distance(word, strong, score_cutoff=1) <= 1 for strong in _TABLE_HEAD_STRONG
    )


_IS_HEAD_WORD = _vocab.TABLE_HEAD_WORDS.__contains__
_LONG_ENOUGH = (6).__le__  # 6 <= n: a word long enough to be matched loosely


_MARKS_ONLY = re.compile(r"[^A-Za-z0-9/()]+")
"""A word of marks only (``-``, ``°``): specks between a head line's words, not words."""


def _table_head(line: str, folded: str | None = None) -> tuple[bool, FormVariant | None]:
    """Whether the line is a routing table column header, and the variant its words show."""
    if folded is None:
        folded = fold_ocr(line)
    words = folded.replace(":", " ").split()
    head, evidence = _head_line(line, folded, words)
    if head or len(words) < 3:
        return head, evidence
    # Specks between the heads (``ACTION’ -  ° DISPOSITION``) are not words: the
    # heads' first line is looked at again without them.
    if "ACTION" not in folded and "POSIT" not in folded:
        return False, None
    kept = [w for w in words if not _MARKS_ONLY.fullmatch(w)]
    if len(kept) == len(words):
        return False, None
    return _head_line(line, folded, kept)


def _head_line(line: str, folded: str, words: list[str]) -> tuple[bool, FormVariant | None]:
    if not words:
        return False, None
    if len(words) > 2 and "POSIT" in folded and _HEAD_PAIR.search(line) is not None:
        # The heads' first line (``ACTION DISPOSITION``) behind stray marks and
        # handwriting: ``. ; ; ACTION DISPOSITION``, ``1 ie ACTION . DISPOSITION``.
        return True, None
    if len(words) > 1:
        # Fuzzy matches are only tried for long words: bound the count first
        # (head words, plus words long enough to be one loosely).
        weight = sum(map(_IS_HEAD_WORD, words)) + sum(map(_LONG_ENOUGH, map(len, words)))
        if weight * 10 < len(words) * 6:
            return False, None
    head_word: Callable[[str], bool] = _head_word
    near_strong: Callable[[str], bool] = _near_strong
    if not all_short(words):  # the caches keep short words only
        head_word = _head_word.__wrapped__
        near_strong = _near_strong.__wrapped__
    if len(words) == 1:
        w = words[0]
        strong = len(w) >= 6 and head_word(w) and w not in {"COMPLETED"}
        known = int(strong)
    else:
        strong = any(map(near_strong, words))  # the rarer answer first
        known = sum(map(head_word, words)) if strong else 0
    if not (strong and known * 10 >= len(words) * 6):
        return False, None
    evidence = {_HEAD_EVIDENCE[w] for w in words if w in _HEAD_EVIDENCE}
    return True, evidence.pop() if len(evidence) == 1 else None


_DIRECTION_MARKS = ".,'\"*~_:;\u2018\u2019\u201c\u201d"
_DIRECTION_HEAD = re.compile(
    f"[ \\t{re.escape(_DIRECTION_MARKS)}]*"
    f"[A-Za-z]{{7,9}}[{re.escape(_DIRECTION_MARKS)}]*(?=[ \\t]|$)"
)
"""A word of a direction's length opening the line, behind marks only (never a check box's
outline or a letter), marks after it allowed."""


def _direction_then_debris(line: str, end: int) -> int | None:
    """Where the direction word ends, on a line of a direction word and debris after it.

    Only marks (no box outline, no letter) may stand before the word; after
    it, only marks and scraps of three characters or fewer (``INCOMING - oe``,
    ``. OUTGOING ; ACS te ay ; :``), and at least one of them.
    """
    m = _DIRECTION_HEAD.match(line, 0, end)
    if m is None:
        return None
    rest = line[m.end() : end].split()
    if not rest or not all(len(w) <= 3 or not any(c.isalnum() for c in w) for w in rest):
        return None
    if (
        _whole_line(label_letters(m.group().strip(" \t" + _DIRECTION_MARKS)), _vocab.DIRECTIONS)
        is None
    ):
        return None
    return m.end()


def _piece(
    kind: TokenKind,
    line: str,
    offset: int,
    index: int,
    lo: int,
    hi: int,
    value_lo: int,
    label: Label | None = None,
    evidence: FormVariant | None = None,
) -> Piece:
    raw = line[value_lo:hi]
    value = raw.strip(" \t")
    value_start = offset + value_lo + (len(raw) - len(raw.lstrip(" \t")))
    return Piece(
        kind=kind,
        start=offset + lo,
        end=offset + hi,
        value=value,
        value_start=value_start,
        line=index,
        label=None if label is None else label.found,
        repaired_label=None if label is None or not label.repaired else label.canonical,
        canonical=None if label is None else label.canonical,
        evidence=evidence if label is None else label.evidence,
    )


def _whole(
    kind: TokenKind, line: str, offset: int, index: int, end: int, evidence: FormVariant | None
) -> Piece:
    return _piece(kind, line, offset, index, 0, end, 0, evidence=evidence)


_LINE_LABEL_REACH = 60
"""Longest line (in letters) read as a whole-line label."""
# For each length of a line's letters, the whole-line labels within their
# edit budget of that length (the distance is at least the difference in
# length), in the order they are tried.
_LINE_LABELS_BY_SIZE: list[list[tuple[TokenKind, str, int]]] = [
    [
        (kind, spelling, edit_budget(spelling))
        for kind, spellings in _vocab.LINE_LABELS.items()
        for spelling in spellings
        if abs(size - len(spelling)) <= edit_budget(spelling)
    ]
    for size in range(_LINE_LABEL_REACH + 1)
]

_FOOTER_MIN = min(_WRAPPED_PHRASE, min(map(len, _vocab.FOOTER_PHRASES)) - 2)
"""Fewest letters a footer line can have (see ``_fuzzy_prefix``)."""

LINE_CACHE_SIZE = 8192
"""Distinct lines whose lexing is remembered (printed form text repeats on every page)."""
CACHED_LINE = 256
"""Longest line (in characters) the line cache keeps: what it holds stays small."""


def lex_line(line: str, offset: int, index: int) -> list[Piece]:
    """Turn one non-blank normalised line (starting at ``offset``) into pieces."""
    rows = _lex_cached(line) if len(line) <= CACHED_LINE else _rows(line)
    return [
        Piece(kind, start + offset, end + offset, value, at + offset, index, lb, fixed, canon, ev)
        for kind, start, end, value, at, lb, fixed, canon, ev in rows
    ]


_PieceFields = tuple[
    TokenKind, int, int, str, int, str | None, str | None, str | None, FormVariant | None
]
"""A piece's fields but its line, with offsets from the start of the line."""


def _rows(line: str) -> tuple[_PieceFields, ...]:
    return tuple(
        (
            p.kind,
            p.start,
            p.end,
            p.value,
            p.value_start,
            p.label,
            p.repaired_label,
            p.canonical,
            p.evidence,
        )
        for p in _lex_line(line, 0, 0)
    )


@remembered("lexer.lines", LINE_CACHE_SIZE)
def _lex_cached(line: str) -> tuple[_PieceFields, ...]:
    # Lexing depends on the line's text alone, so a line seen before (the
    # form's own printed lines recur on every worksheet) costs a dict lookup;
    # plain tuples are kept, and each call makes pieces of its own.
    return _rows(line)


def _lex_line(line: str, offset: int, index: int) -> Iterator[Piece]:
    end = len(line.rstrip())
    folded = fold_ocr(line)
    letters = label_letters(line, folded)
    legend, evidence = _legend(line, letters, folded)
    if legend:
        yield _whole(_K_LEGEND, line, offset, index, end, evidence)
        return
    phrase = _fuzzy_prefix(letters, _vocab.FOOTER_PHRASES) if len(letters) >= _FOOTER_MIN else None
    if phrase is not None:
        yield _whole(_K_FOOTER, line, offset, index, end, _footer_evidence(line, letters, phrase))
        return
    if _FORM_MARK_LINE.fullmatch(line):
        yield _whole(_K_FORM_MARK, line, offset, index, end, _V_FORM_5_81)
        return
    m = _ID_LINE.match(line) or _ID_AFTER_NUMBER.match(line)
    if m is not None:
        # The title OCR ran onto the ID line (``ID# 502720 WHITE HOUSE ...``) ends its value.
        title = _TITLE_IN_LINE.search(line, m.end(), end)
        stop = end if title is None else len(line[: title.start()].rstrip())
        if m.re is _ID_AFTER_NUMBER:
            yield Piece(
                _K_ID,
                offset,
                offset + stop,
                m.group(1) + " " + line[m.end() : stop].strip(),
                offset + m.start(1),
                index,
                label=m.group(0),
            )
        else:
            # Labels OCR fused onto the ID line end its value.
            later = [lb for lb in find_labels(line[:stop]) if lb.start >= m.end()]
            hi = later[0].start if later else stop
            yield _piece(_K_ID, line, offset, index, 0, hi, m.end())
            for i, label in enumerate(later):
                lo = later[i + 1].start if i + 1 < len(later) else stop
                yield _piece(label.kind, line, offset, index, label.start, lo, label.end, label)
        if title is not None:
            rest = label_letters(line[title.start() : end])
            spelling = _whole_line(rest, _vocab.LINE_LABELS[_K_TITLE])
            evidence = None if spelling is None else _vocab.LABEL_FORMS.get(spelling)
            yield _piece(_K_TITLE, line, offset, index, title.start(), end, end, evidence=evidence)
        return
    if len(letters) <= _LINE_LABEL_REACH:
        for kind, spelling, budget in _LINE_LABELS_BY_SIZE[len(letters)]:
            if Levenshtein.distance(letters, spelling, score_cutoff=budget) <= budget:
                yield _piece(
                    kind,
                    line,
                    offset,
                    index,
                    0,
                    end,
                    end,
                    evidence=_vocab.LABEL_FORMS.get(spelling),
                )
                return
        if len(letters) <= 10 and _whole_line(letters, _vocab.DIRECTIONS):
            yield _whole(_K_DIRECTION, line, offset, index, end, _V_COMPUTER_PRINTED)
            return
        word_end = _direction_then_debris(line, end) if len(letters) <= 24 else None
        if word_end is not None:
            # ``INCOMING , . j _``: the printed direction, then specks OCR read
            # as marks and scraps (kept apart, as unread text).
            yield _piece(
                _K_DIRECTION,
                line,
                offset,
                index,
                0,
                word_end,
                0,
                evidence=_V_COMPUTER_PRINTED,
            )
            yield _piece(_K_TEXT, line, offset, index, word_end, end, word_end)
            return
    head, evidence = _table_head(line, folded)
    if head:
        yield _whole(_K_TABLE_HEAD, line, offset, index, end, evidence)
        return
    yield from _lex_labels(line, offset, index, end)


def _lex_labels(line: str, offset: int, index: int, end: int) -> Iterator[Piece]:
    boxes = _find_boxes(line)
    labels = find_labels(line)  # in order of their starts
    if boxes:
        taken = Taken(boxes)
        labels = sorted(
            [*boxes, *(lb for lb in labels if not taken.overlaps(lb.start, lb.end))],
            key=lambda lb: lb.start,
        )
    if not labels:
        yield _piece(_K_TEXT, line, offset, index, 0, end, 0)
        return
    before = line[: labels[0].start]
    if labels[0].kind == _K_MAIL_REPORT and len(before.strip()) <= 3:
        labels[0] = attrs.evolve(labels[0], start=0)  # the report's check box
    elif before.strip():
        # A direction word OCR ran into the next label (``INCOMING<tab>DATE RECEIVED:``).
        letters = label_letters(before)
        if 0 < len(letters) <= 10 and _whole_line(letters, _vocab.DIRECTIONS):
            hi = len(before.rstrip())
            yield _piece(_K_DIRECTION, line, offset, index, 0, hi, 0, evidence=_V_COMPUTER_PRINTED)
        else:
            yield _piece(_K_TEXT, line, offset, index, 0, labels[0].start, 0)
    for i, label in enumerate(labels):
        hi = labels[i + 1].start if i + 1 < len(labels) else end
        if label.kind != _K_CHECKBOX:
            yield _piece(label.kind, line, offset, index, label.start, hi, label.end, label)
            continue
        box = label.box or ""
        box_at = label.start if box else label.end
        piece = _piece(_K_CHECKBOX, line, offset, index, label.start, label.end, box_at, label)
        yield attrs.evolve(piece, value=box)
        if line[label.end : hi].strip():
            yield _piece(_K_TEXT, line, offset, index, label.end, hi, label.end)


def lex_lines(lines: list[tuple[str, int]]) -> list[Piece]:
    """Lex a block's lines, each given as ``(text, offset in normalised text)``."""
    pieces: list[Piece] = []
    for index, (text, offset) in enumerate(lines):
        if text.strip():
            pieces.extend(lex_line(text, offset, index))
    return pieces
