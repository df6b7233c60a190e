"""Stage 3a: classify worksheet lines into tokens, repairing damaged labels.

Strategy: the grammar sees one token per line, or per label when OCR fused
several labels (or a row and a label) into one line.  Each line is tried, in
this order, as: legend box, footer, title, direction, ``ID#`` line, table
column header, and finally scanned for colon labels.  Labels are found
exactly first (one compiled pattern); only where that fails is a ``:``
examined with a length-aware edit budget over the form's own label list,
after folding OCR digits onto letters (``0F`` -> ``OF``).  Labels of five
letters or fewer are never fuzzy-matched.  A junk prefix glued onto a label
(``NSCSITTERRAL NOTE:``) and a label cut at a column break (``ODES:``) are
recognised from the label's tail.  Every repair is reported.  Text between
labels becomes a ``TEXT`` token, so recovery happens at label boundaries and
a value can never slide into the next field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs
from rapidfuzz.distance import Levenshtein

from worksheet_parser import _vocab

__all__ = ["Piece", "lex_lines"]


@attrs.frozen(slots=True)
class Piece:
    """One token: a labelled field (or a line) with its value."""

    kind: str
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


_FOLD = _vocab.OCR_FOLD
_WORD_GAP = re.compile(r"[ \t]+")
_NON_LETTER = re.compile(r"[^A-Z ]+")
_SPACES = re.compile(r" {2,}")


def _fold(text: str) -> str:
    return text.upper().translate(_FOLD)


def _letters(text: str) -> str:
    """Upper-case, digits folded to letters, punctuation dropped, spaces single."""
    return _SPACES.sub(" ", _NON_LETTER.sub(" ", _fold(text))).strip()


def _budget(label: str) -> int:
    letters = sum(c.isalpha() for c in label)
    if letters <= 5:
        return 0
    return max(1, len(label) // 6)


_COLON_SPELLINGS: list[tuple[str, str]] = sorted(
    ((kind, spelling) for kind, spellings in _vocab.COLON_LABELS.items() for spelling in spellings),
    key=lambda ks: -len(ks[1]),
)
_EXACT_LABEL = re.compile(
    r"(?<![A-Za-z])(?:"
    + "|".join(
        "(?P<{}_{}>{})".format(kind, i, r"[ \t]+".join(map(re.escape, spelling.split())))
        for i, (kind, spelling) in enumerate(_COLON_SPELLINGS)
    )
    + r")[ \t]*:",
    re.IGNORECASE,
)
_MAX_LABEL_WORDS = max(len(s.split()) for _, s in _COLON_SPELLINGS)

# Value shapes that settle which label a truncated one (``ODES:``) was.
_VALUE_SHAPES: dict[str, re.Pattern[str]] = {
    "INDIVIDUAL": re.compile(r"^[\s\dOolI]*\d[\s\dOolI]*$"),
    "MAIL": re.compile(r"^\s*\("),
}

_ID_LINE = re.compile(r"^[^A-Za-z0-9]{0,3}(?:[I1l|!]\s?[D0O]|ID)\s?(?:#|NO\.?|N0\.?)\s*", re.I)
_ID_AFTER_NUMBER = re.compile(r"^\s*(\d[\dOolIS]{3,})\s+(?:[I1l|]\s?D)\s?#\s*", re.I)
_STARS = re.compile(r"\*")

_TABLE_HEAD_STRONG = frozenset(
    {"ACTION", "DISPOSITION", "OFFICE/AGENCY", "YY/MM/DD", "COMPLETED", "RESP", "(STAFF"}
)


@attrs.frozen(slots=True)
class _Label:
    start: int
    end: int
    kind: str
    found: str
    canonical: str
    repaired: bool


def _fuzzy_before_colon(line: str, colon: int, floor: int) -> _Label | None:
    """Try to read the words before ``line[colon]`` as a damaged colon label."""
    seg_start = max(floor, line.rfind("\t", 0, colon) + 1)
    pre = line[seg_start:colon].rstrip()
    if not pre:
        return None
    words = [(m.start() + seg_start, m.group()) for m in re.finditer(r"\S+", pre)]
    if not words:
        return None
    best: tuple[int, _Label] | None = None
    for kind, spelling in _COLON_SPELLINGS:
        n = len(spelling.split())
        if n > len(words):
            continue
        first_pos = words[-n][0]
        cand = _fold(" ".join(w for _, w in words[-n:]))
        budget = _budget(spelling)
        if budget:
            d = Levenshtein.distance(cand, spelling, score_cutoff=budget)
            if d <= budget and (best is None or d < best[0]):
                best = (
                    d,
                    _Label(
                        first_pos,
                        colon + 1,
                        kind,
                        line[first_pos : colon + 1],
                        spelling + ":",
                        True,
                    ),
                )
                continue
        # A junk prefix glued to the label, or the label cut at a column break:
        # accept when a long enough tail of the label matches exactly.
        tail_min = max(6, (len(spelling) * 3 + 4) // 5)
        if len(spelling) >= 8 and cand.endswith(spelling[-tail_min:]):
            k = tail_min
            while k < len(spelling) and cand.endswith(spelling[-(k + 1) :]):
                k += 1
            if best is None or best[0] > budget + 1:
                best = (
                    budget + 1,
                    _Label(
                        first_pos,
                        colon + 1,
                        kind,
                        line[first_pos : colon + 1],
                        spelling + ":",
                        True,
                    ),
                )
    if best is not None:
        return best[1]
    # A label cut at a column break (``ODES:`` for ``INDIVIDUAL CODES:``).
    first_pos, word = words[-1]
    at_break = first_pos == seg_start
    folded = _fold(word)
    if at_break and len(folded) >= 4 and folded.isalpha():
        value = line[colon + 1 :]
        fits = [
            (kind, spelling)
            for kind, spelling in _COLON_SPELLINGS
            if len(spelling) > len(folded) + 2
            and spelling.endswith(folded)
            and kind in _VALUE_SHAPES
            and _VALUE_SHAPES[kind].match(value)
        ]
        if len(fits) == 1:
            kind, spelling = fits[0]
            return _Label(
                first_pos, colon + 1, kind, line[first_pos : colon + 1], spelling + ":", True
            )
    return None


def _find_labels(line: str) -> list[_Label]:
    labels: list[_Label] = []
    covered_to = 0
    for m in _EXACT_LABEL.finditer(line):
        group = m.lastgroup or ""
        kind = group.rsplit("_", 1)[0]
        # Fuzzy labels may sit between exact ones.
        labels.extend(_fuzzy_between(line, covered_to, m.start()))
        found = m.group()
        canonical = _vocab.COLON_LABELS[kind][0] + ":"
        labels.append(_Label(m.start(), m.end(), kind, found, canonical, False))
        covered_to = m.end()
    labels.extend(_fuzzy_between(line, covered_to, len(line)))
    return labels


def _fuzzy_between(line: str, lo: int, hi: int) -> list[_Label]:
    found: list[_Label] = []
    pos = line.find(":", lo, hi)
    floor = lo
    while pos != -1:
        label = _fuzzy_before_colon(line, pos, floor)
        if label is not None:
            found.append(label)
            floor = label.end
        pos = line.find(":", pos + 1, hi)
    return found


def _is_legend(line: str) -> bool:
    stripped = line.lstrip()
    if stripped.startswith("*") or len(_STARS.findall(line)) >= 4:
        return True
    folded = _fold(line)
    return any(p in folded for p in _vocab.LEGEND_PHRASES[1:])


def _fuzzy_prefix(letters: str, phrases: tuple[str, ...]) -> bool:
    for phrase in phrases:
        head = letters[: len(phrase)]
        if (
            len(head) >= len(phrase) - 2
            and Levenshtein.distance(head, phrase, score_cutoff=len(phrase) // 6)
            <= len(phrase) // 6
        ):
            return True
    return False


def _whole_line(letters: str, spellings: tuple[str, ...]) -> bool:
    return any(
        Levenshtein.distance(letters, s, score_cutoff=_budget(s)) <= _budget(s) for s in spellings
    )


def _is_table_head(line: str) -> bool:
    words = _fold(line).replace(":", " ").split()
    if len(words) < 2:
        return False
    known = sum(w in _vocab.TABLE_HEAD_WORDS for w in words)
    strong = any(w in _TABLE_HEAD_STRONG for w in words)
    return strong and known * 10 >= len(words) * 6


def _piece(
    kind: str,
    line: str,
    offset: int,
    index: int,
    lo: int,
    hi: int,
    value_lo: int,
    label: _Label | None = None,
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
    )


def lex_line(line: str, offset: int, index: int) -> Iterator[Piece]:
    """Turn one non-blank normalised line (starting at ``offset``) into pieces."""
    end = len(line.rstrip())
    if _is_legend(line):
        yield _piece("LEGEND", line, offset, index, 0, end, 0)
        return
    letters = _letters(line)
    if _fuzzy_prefix(letters, _vocab.FOOTER_PHRASES):
        yield _piece("FOOTER", line, offset, index, 0, end, 0)
        return
    if len(letters) <= 60:
        for kind, spellings in _vocab.LINE_LABELS.items():
            if _whole_line(letters, spellings):
                yield _piece(kind, line, offset, index, 0, end, end)
                return
        if len(letters) <= 10 and _whole_line(letters, _vocab.DIRECTIONS):
            yield _piece("DIRECTION", line, offset, index, 0, end, 0)
            return
    m = _ID_LINE.match(line) or _ID_AFTER_NUMBER.match(line)
    if m is not None:
        if m.re is _ID_AFTER_NUMBER:
            yield Piece(
                "ID",
                offset,
                offset + end,
                m.group(1) + " " + line[m.end() : end].strip(),
                offset + m.start(1),
                index,
                label=m.group(0),
            )
        else:
            yield _piece("ID", line, offset, index, 0, end, m.end())
        return
    if _is_table_head(line):
        yield _piece("TABLE_HEAD", line, offset, index, 0, end, 0)
        return
    labels = _find_labels(line)
    if not labels:
        yield _piece("TEXT", line, offset, index, 0, end, 0)
        return
    if line[: labels[0].start].strip():
        yield _piece("TEXT", line, offset, index, 0, labels[0].start, 0)
    for i, label in enumerate(labels):
        hi = labels[i + 1].start if i + 1 < len(labels) else end
        yield _piece(label.kind, line, offset, index, label.start, hi, label.end, label)


def lex_lines(lines: list[tuple[str, int]]) -> list[Piece]:
    """Lex a block's lines, each given as ``(text, offset in normalised text)``."""
    pieces: list[Piece] = []
    for index, (text, offset) in enumerate(lines):
        if text.strip():
            pieces.extend(lex_line(text, offset, index))
    return pieces
