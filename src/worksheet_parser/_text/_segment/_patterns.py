"""What a line's text alone says to the segmenter: the patterns, and the line classes.

Strategy: one compiled pattern (or quick-filtered set of patterns,
:class:`._prefilter._AnyOf`) per kind of evidence, built from the forms'
vocabulary (:mod:`worksheet_parser._vocab`).  For a worksheet scan a line is
an ``ID#`` line, a title, evidence (a label, a table header, the legend, the
footer; a label broken by OCR digits counts once folded), a line that opens
another kind of block (:data:`_STOPS`), or none of these.  Outside worksheets
:func:`_classify` says which family a line is of (review stamp, release
stamp, archive header, status word, text) and which field or kind it holds,
also behind junk or another column's text.  Nothing here looks at the lines
around a line: that is :mod:`._lines`.
"""

from __future__ import annotations

import re

from worksheet_parser import _vocab
from worksheet_parser._blocks._blocklines import closing_at, loose_review_label, printed_core
from worksheet_parser._text._segment._prefilter import _alternatives, _AnyOf, _upper
from worksheet_parser._worksheet._labels import opens_with_label

__all__ = ["MIN_NUMBER_DIGITS", "closing_of", "number_line"]

# --- a worksheet scan ---------------------------------------------------------------

_ID_ANY = _AnyOf(_vocab.WORKSHEET_ID_LINES, re.I)
_TITLE_ANY = _AnyOf(_vocab.WORKSHEET_TITLES[:-1], re.I)
_HOUSE = re.compile(_vocab.WORKSHEET_TITLES[-1].pattern, re.I)
_EVIDENCE_ANY = _AnyOf(
    _vocab.WORKSHEET_EVIDENCE + _vocab.WORKSHEET_TITLES[:-1], re.I, at_start=True
)
_FOOTER_END = re.compile(r"RECORDS\s+MANAGEMENT\.?\s*$|KEEP\s+THIS\s+WORKSHEET", re.I)
_FOOTER_LAST = re.compile(r"RECORDS\s+MANAGEMENT\.?\s*$", re.I)
_NOT_WORKSHEET_ANY = _AnyOf(_vocab.NOT_WORKSHEET_MARKERS, re.I | re.M)


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


def _lower(text: str) -> bool:
    """Whether ``text`` holds a lower-case letter."""
    return text != text.upper()


# --- stamps and archive headers ------------------------------------------------------

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
_RELEASE_ANY = tuple(_AnyOf(_vocab.RELEASE_STAMP_PARTS[name], re.I) for name, _ in _RELEASE_KINDS)
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
MIN_NUMBER_DIGITS = 3
"""Real digits an archive header's five-character document number needs (``47O82``)."""

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
