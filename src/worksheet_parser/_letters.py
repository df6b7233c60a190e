"""Read a letter block into a :class:`Letter`.

Strategy: the segmenter has already cut the letter out of the packet and
left out any stamp stamped into it (so the body runs on around the stamp).
This module walks the letter's lines once.  The salutation (``Dear ...:``)
divides the prelude from the body; in the prelude, the date line (read as a
month-name date, with OCR repair such as ``l992``) and the place line
(``WASHINGTON, DC 20510``, also spaced out as ``W A S H I N G T O N``) divide
the letterhead (above) from the inside address (below).  The body runs to the
complimentary closing (``Sincerely,``, OCR ``Sincere1y,``); paragraphs are
separated by blank lines or start at a list dash, and each is joined with
single spaces (a word broken over a line end at a hyphen is joined whole,
hyphen kept).  The lines under the closing are signatures: a line holding
several names is split only on evidence (a column break, ``and``, or names
that each carry a middle initial); a line that still looks like more than one
name is kept whole with a ``signature-unsplit`` diagnostic.  Salutations,
place lines and closings are recognised in any case (``dear mr. president:``
from an engine that writes lower case) and kept as printed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from worksheet_parser import _vocab
from worksheet_parser._blockread import BlockReader
from worksheet_parser._dates import DateOrder
from worksheet_parser._diagnostics import Collector
from worksheet_parser._models import Letter, Span
from worksheet_parser._segment import Block, closing_of

__all__ = ["read_letter", "split_signatures"]

_SALUTATION = re.compile(_vocab.LETTER_SALUTATION, re.I)
_PLACE = re.compile(_vocab.LETTER_PLACE, re.I)
# A digit, or a character OCR puts for one (the date reader repairs it).
_D = "[0-9" + re.escape("".join(sorted(_vocab.LETTER_TO_DIGIT))) + "]"
_DATE_LINE = re.compile(
    rf"^(?:[A-Za-z]{{3,9}}\.?\s{{1,3}}{_D}{{1,2}}(?:st|nd|rd|th)?,?\s{{1,3}}"
    rf"|{_D}{{1,2}}\s{{1,3}}[A-Za-z]{{3,9}}\.?,?\s{{1,3}}){_D}{{4}}$"
)
_SPACED = re.compile(r"(?<![A-Za-z])(?:[A-Za-z] ){3,}[A-Za-z](?![A-Za-z])")
_BULLET = re.compile(r"^(?:[-\u2013\u2014\u2022*]{1,3}\s)")
_WORD = re.compile(r"[A-Za-z0-9|!]+")
_FOLD = str.maketrans({"1": "l", "|": "l", "!": "l", "i": "l", "I": "l", "0": "o"})
_WORDS = {w.lower().translate(_FOLD): w for w in _vocab.LETTER_WORDS}
_CLOSING_BY_FOLD = {
    " ".join(c.lower().rstrip(",").split()).translate(_FOLD): c for c in _vocab.LETTER_CLOSINGS
}
_COLUMN_BREAK = re.compile(r"\t| {2,}|\s+(?:and|&)\s+")
_NAME_WITH_INITIAL = re.compile(
    r"[A-Z][A-Za-z'\u2019-]+ [A-Z]\. [A-Z][A-Za-z'\u2019-]+(?:,? (?:Jr|Sr)\.?|,? I{2,3}\b)?"
)
_NAME_SEPARATOR = re.compile(r"[\s,;]+")
_AFTER_INITIAL = re.compile(r"\b[A-Z]\.\s+[A-Z][A-Za-z'\u2019-]+\s+[A-Z][A-Za-z'\u2019-]+")
_SUFFIX_END = re.compile(r"(?:Jr|Sr|I{2,3}|M\.D|Ph\.D)\.?,?$")
_MAX_NAME_WORDS = 5


def _words_repaired(text: str) -> str:
    """Repair ``l``/``1``/``i`` swaps in the letter words of :data:`_vocab.LETTER_WORDS`."""

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        known = _WORDS.get(word.lower().translate(_FOLD))
        if known is None or known.lower() == word.lower():
            return word
        return known.upper() if word.isupper() else known

    return _WORD.sub(fix, text)


def _collapse_spaced(text: str) -> str:
    """Join spaced-out letters (``W A S H I N G T O N`` -> ``WASHINGTON``)."""
    return _SPACED.sub(lambda m: m.group().replace(" ", ""), text)


def split_signatures(text: str) -> tuple[list[tuple[int, int]], bool]:
    """Cut a signature line into names: ``(start, end)`` offsets, and whether one still looks fused.

    >>> line = "John F. Kerry Joseph R. Biden, Jr."
    >>> [line[a:b] for a, b in split_signatures(line)[0]]
    ['John F. Kerry', 'Joseph R. Biden, Jr.']
    >>> split_signatures("John F. Kerry Biden,")
    ([(0, 20)], True)
    """
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in _COLUMN_BREAK.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    out: list[tuple[int, int]] = []
    fused = False
    for a, b in pieces:
        piece = text[a:b]
        if not piece.strip():
            continue
        names = _names_with_initials(piece)
        if names is not None:
            out.extend((a + s, a + e) for s, e in names)
            continue
        out.append((a, b))
        fused = fused or _looks_fused(piece)
    return out, fused


def _names_with_initials(piece: str) -> list[tuple[int, int]] | None:
    """Offsets of two or more names that each carry a middle initial and fill ``piece``."""
    names: list[tuple[int, int]] = []
    pos = 0
    while pos < len(piece):
        m = _NAME_WITH_INITIAL.match(piece, pos)
        if m is None:
            return None
        names.append(m.span())
        sep = _NAME_SEPARATOR.match(piece, m.end())
        pos = m.end() if sep is None else sep.end()
        if sep is None and pos < len(piece):
            return None
    return names if len(names) >= 2 else None


def _looks_fused(piece: str) -> bool:
    """Whether one signature piece looks like more than one name run together."""
    s = piece.strip()
    if s.endswith(",") and not _SUFFIX_END.search(s):
        return True
    return bool(_AFTER_INITIAL.search(s)) or len(s.split()) > _MAX_NAME_WORDS


def read_letter(
    block: Block, diags: Collector, *, prefix: str = "", span: Span | None = None
) -> Letter:
    """Read a letter block (normalised text with offsets; stamps already left out)."""
    r = BlockReader(diags, prefix)
    # (text, start, end, follows_blank)
    parts: list[tuple[str, int, int, bool]] = []
    for line, blank in zip(block.filled, block.breaks, strict=True):
        text = line.text
        s = text.strip()
        start = line.start + len(text) - len(text.lstrip())
        parts.append((s, start, start + len(s), blank))
    sal = next((k for k, p in enumerate(parts) if _SALUTATION.match(p[0])), None)
    body_from = 0 if sal is None else sal + 1
    close = next((k for k in range(body_from, len(parts)) if closing_of(parts[k][0])), None)
    letterhead, place, date, recipient = _prelude(r, parts[: 0 if sal is None else sal])
    salutation = None
    first_body: tuple[str, int, int, bool] | None = None
    if sal is not None:
        text, start, _end, _ = parts[sal]
        m = _SALUTATION.match(text)
        assert m is not None
        r.mark("salutation", start, start + m.end())
        salutation = _repaired_text(r, "salutation", text[: m.end()], start)
        rest = text[m.end() :]
        if rest.strip():
            offset = m.end() + len(rest) - len(rest.lstrip())
            first_body = (rest.strip(), start + offset, start + offset + len(rest.strip()), True)
    body_parts = parts[body_from : len(parts) if close is None else close]
    if first_body is not None:
        body_parts.insert(0, first_body)
    body = _paragraphs(r, body_parts)
    closing = None
    signatories: list[str] = []
    if close is not None:
        text, start, end, _ = parts[close]
        r.mark("closing", start, end)
        closing = _closing(r, text, start, end)
        signatories = _signatories(r, parts[close + 1 :])
    return Letter(
        letterhead=tuple(letterhead),
        place=place,
        date=date,
        recipient=recipient,
        salutation=salutation,
        body=tuple(body),
        closing=closing,
        signatories=tuple(signatories),
        span=span,
        field_spans=r.spans,
        unread=tuple(r.unread),
    )


def _prelude(
    r: BlockReader, parts: list[tuple[str, int, int, bool]]
) -> tuple[list[str], str | None, dt.date | None, str | None]:
    """Read letterhead lines, place, date and inside address above the salutation."""
    date_k = next((k for k, p in enumerate(parts) if _DATE_LINE.match(p[0])), None)
    place_k = next(
        (k for k, p in enumerate(parts) if k != date_k and _PLACE.match(_collapse_spaced(p[0]))),
        None,
    )
    anchors = [k for k in (date_k, place_k) if k is not None]
    last_anchor = max(anchors) if anchors else -1
    letterhead: list[str] = []
    head_spans: list[tuple[int, int]] = []
    address: list[tuple[str, int, int]] = []
    place: str | None = None
    date: dt.date | None = None
    for k, (text, start, end, _) in enumerate(parts):
        if k == date_k:
            r.mark("date", start, end)
            date = r.date(text, start, DateOrder.MONTH_NAME, "date")
        elif k == place_k:
            r.mark("place", start, end)
            place = _repaired_text(r, "place", text, start, collapse=True)
        elif k < last_anchor:
            r.mark(f"letterhead[{len(letterhead)}]", start, end)
            letterhead.append(_repaired_text(r, f"letterhead[{len(letterhead)}]", text, start))
            head_spans.append((start, end))
        else:
            address.append((text, start, end))
    if head_spans:
        r.mark("letterhead", head_spans[0][0], head_spans[-1][1])
    recipient = None
    if address:
        r.mark("recipient", address[0][1], address[-1][2])
        joined = " ".join(" ".join(t.split()) for t, _, _ in address)
        recipient = _repaired_text(r, "recipient", joined, address[0][1], end=address[-1][2])
    return letterhead, place, date, recipient


def _repaired_text(
    r: BlockReader,
    field: str,
    text: str,
    start: int,
    *,
    collapse: bool = False,
    end: int | None = None,
) -> str:
    """Return ``text`` with OCR repairs of spaced letters and known words, reporting them."""
    fixed = _collapse_spaced(text) if collapse else text
    fixed = _words_repaired(fixed)
    if fixed != text:
        r.repaired(
            "value-repaired",
            f"read {text!r} as {fixed!r} (OCR damage)",
            start,
            start + len(text) if end is None else end,
            field,
            text,
            fixed,
        )
    return fixed


def _paragraphs(r: BlockReader, parts: list[tuple[str, int, int, bool]]) -> list[str]:
    """Join body lines into paragraphs (blank-line separated, or opened by a list dash)."""
    paragraphs: list[list[tuple[str, int, int, bool]]] = []
    for part in parts:
        if not paragraphs or part[3] or _BULLET.match(part[0]):
            paragraphs.append([part])
        else:
            paragraphs[-1].append(part)
    out: list[str] = []
    for i, para in enumerate(paragraphs):
        out.append(_join_lines(text for text, _, _, _ in para))
        r.mark(f"body[{i}]", para[0][1], para[-1][2])
    if paragraphs:
        r.mark("body", paragraphs[0][0][1], paragraphs[-1][-1][2])
    return out


_BROKEN_WORD = re.compile(r"(?<=[^\W\d_]-)\n(?=[^\W\d_])")
"""A line end inside a word broken at its hyphen (letters on both sides)."""


def _join_lines(lines: Iterable[str]) -> str:
    """Join a paragraph's lines with single blanks.

    A word broken over a line end at its hyphen (``pro-`` then ``democracy``)
    is joined whole, hyphen kept (``pro-democracy``): whether the hyphen was
    the word's own or only the printer's cannot be told, and keeping it
    loses nothing.  A dash standing apart (``policy -``) is not a broken word.
    """
    text = "\n".join(filter(None, (" ".join(line.split()) for line in lines)))
    if "-\n" in text:
        text = _BROKEN_WORD.sub("", text)
    return text.replace("\n", " ")


def _closing(r: BlockReader, text: str, start: int, end: int) -> str:
    """Read the complimentary closing, repairing ``Sincere1y`` and the like."""
    key = " ".join(text.lower().rstrip(",.;").split()).translate(_FOLD)
    known = _CLOSING_BY_FOLD.get(key, text)
    if known.lower() == text.lower():
        return text  # only the case differs (an engine that writes lower case): as printed
    if known != text:
        r.repaired(
            "value-repaired", f"read {text!r} as {known!r}", start, end, "closing", text, known
        )
    return known


def _signatories(r: BlockReader, parts: list[tuple[str, int, int, bool]]) -> list[str]:
    """Split the lines under the closing into names, on evidence only."""
    names: list[str] = []
    for text, start, end, _ in parts:
        pieces, fused = split_signatures(text)
        for a, b in pieces:
            name = text[a:b].strip()
            offset = start + a + len(text[a:b]) - len(text[a:b].lstrip())
            r.mark(f"signatories[{len(names)}]", offset, offset + len(name))
            names.append(name)
        if fused:
            r.diags.add(
                "signature-unsplit",
                f"{text!r} may hold more than one signature; nothing shows where to split "
                "it, so it is kept whole",
                start,
                end,
                field=r.field("signatories"),
                original=text,
            )
    if parts:
        r.mark("signatories", parts[0][1], parts[-1][2])
    return names
