"""Read a letter block into a :class:`Letter`.

Strategy: the segmenter has already cut the letter out of the packet and
left out any stamp stamped into it (so the body runs on around the stamp).
This module walks the letter's lines once.  The salutation (``Dear ...:``)
divides the prelude from the body; in the prelude, the date line (a
month-name date, found inside junk and with damaged separators, ``= S July
17,1989 .``, ``October 16; 1990``, then read with OCR repair such as
``l992``) and the place line (``WASHINGTON, DC 20510``, also spaced out as
``W A S H I N G T O N``) divide the letterhead (above) from the inside address
(below).  The body runs to the complimentary closing; paragraphs are
separated by blank lines or start at a list dash, and each is joined with
single spaces (a word broken over a line end at a hyphen is joined whole,
hyphen kept).

The salutation and the closing are found as a real OCR engine leaves them
(:mod:`._blocklines`): behind junk (``, Dear Mr. President: "e ,``,
``Sincerely, a``), with damaged words (``Dcar``, ``D ear``, ``Presidcnt``,
``Pres ident``, ``Sinccrely``, ``Sincerely yours.``) read against the forms'
vocabulary; the junk is kept as unread text.  The lines under the closing
are signatures: where a line holds a typed name (capitalised name words,
initials, suffixes), the typed names are the signatories and the
signature's scrawl (``OH AAS 0009``) is kept as unread with a diagnostic.  A
line holding several names is split only on evidence (a column break,
``and``, or names that each carry a middle initial); a line that still looks
like more than one name is kept whole with a ``signature-unsplit``
diagnostic.  Salutations, place lines and closings are recognised in any case
(``dear mr. president:`` from an engine that writes lower case) and kept as
printed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator

from rapidfuzz.distance import Levenshtein

from worksheet_parser import _vocab
from worksheet_parser._blocks._blocklines import (
    closing_at,
    debris,
    fold,
    salutation_at,
    typed_name,
    vocabulary_word,
)
from worksheet_parser._blocks._blockread import BlockReader
from worksheet_parser._caches import remembered
from worksheet_parser._dates import DateOrder
from worksheet_parser._diagnostics import DiagnosticCode, ReadContext
from worksheet_parser._models import Letter, Span
from worksheet_parser._text._segment import MAX_LETTER_PARAGRAPHS, Block

__all__ = ["read_letter", "split_signatures"]

_PLACE = re.compile(_vocab.LETTER_PLACE, re.I)
# A digit, or a character OCR puts for one (the date reader repairs it).
_D = "[0-9" + re.escape("".join(sorted(_vocab.LETTER_TO_DIGIT))) + "]"
_DATE_IN = re.compile(
    rf"(?<![A-Za-z0-9])(?:(?P<m>[A-Za-z]{{3,9}}\.?)\s{{0,3}}(?P<d>{_D}{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>{_D}{{1,2}})\s{{1,3}}(?P<m2>[A-Za-z]{{3,9}})\.?)"
    rf"\s{{0,2}}(?P<sep>[,.;:]{{0,2}})\s{{0,3}}(?P<y>{_D}{{4}})(?![0-9])"
)
"""A month-name date somewhere in a line (``October 16; 1990``, ``July 17,1989``)."""
_MONTH_KEYS = {
    **{fold(m): m.title() for m in _vocab.MONTH_NAMES},
    **{fold(m[:3]): m.title() for m in _vocab.MONTH_NAMES},
}
_DATE_DEBRIS = 5
"""Longest token that may stand as junk beside a letter's date line."""
_MAX_DATE_DEBRIS = 5
"""Junk tokens that may stand on each side of a letter's date."""
_SPACED = re.compile(r"(?<![A-Za-z])(?:[A-Za-z] ){3,}[A-Za-z](?![A-Za-z])")
_BULLET = re.compile(r"^(?:[-\u2013\u2014\u2022*]{1,3}\s)")
_WORD = re.compile(r"[A-Za-z0-9|!]+")
_FOLD = str.maketrans({"1": "l", "|": "l", "!": "l", "i": "l", "I": "l", "0": "o"})
_WORDS = {w.lower().translate(_FOLD): w for w in _vocab.LETTER_WORDS}
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


def _parts(block: Block) -> Iterator[tuple[str, int, int, bool]]:
    """``(text, start, end, follows_blank)`` of each non-blank line, blanks at both ends
    removed."""
    for text, start, blank in block.filled_with_breaks():
        s = text.strip()
        start += len(text) - len(text.lstrip())
        yield s, start, start + len(s), blank


_KEPT_LETTER = 1 << 16
"""Letters up to this long (in characters) have their lines kept while read."""


def read_letter(block: Block, ctx: ReadContext, *, span: Span | None = None) -> Letter:
    """Read a letter block (normalised text with offsets; stamps already left out).

    The lines are read twice, once to find the salutation and the closing and
    once to read them, and a long letter's are never all kept (a short one's
    are, read once): the body is joined into paragraphs as it is read, so a
    letter of a million short lines costs its paragraphs, not a record per
    line.
    """
    r = BlockReader(ctx)
    kept = list(_parts(block)) if block.end - block.start <= _KEPT_LETTER else None
    sal: int | None = None
    close: int | None = None  # the first closing after the salutation (or anywhere, without)
    first_close: int | None = None
    for k, (text, _, _, _) in enumerate(_parts(block) if kept is None else kept):
        if sal is None:
            if salutation_at(text) is not None:
                sal = k
            elif first_close is None and closing_at(text) is not None:
                first_close = k
        elif closing_at(text) is not None:
            close = k
            break
    if sal is None:
        close = first_close
    body_from = 0 if sal is None else sal + 1
    parts = _parts(block) if kept is None else iter(kept)
    prelude = [next(parts) for _ in range(0 if sal is None else sal)]
    letterhead, place, date, recipient = _prelude(r, prelude)
    del prelude
    salutation = None
    first_body: tuple[str, int, int, bool] | None = None
    if sal is not None:
        text, start, _end, _ = next(parts)
        salutation, first_body = _salutation(r, text, start)
    body_parts: Iterator[tuple[str, int, int, bool]] = itertools.islice(
        parts, None if close is None else close - body_from
    )
    if first_body is not None:
        body_parts = itertools.chain((first_body,), body_parts)
    paragraphs = _Paragraphs(r)
    for part in body_parts:
        paragraphs.add(part)
    body = paragraphs.done()
    closing = None
    signatories: list[str] = []
    if close is not None:
        text, start, _end, _ = next(parts)
        closing = _closing(r, text, start)
        signatories = _signatories(r, list(parts), lower_page=not paragraphs.upper)
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
        unread=r.unread.done(),
    )


def _keep_debris(r: BlockReader, text: str, start: int, a: int, b: int) -> None:
    """Keep the junk around a printed line's words (``text[:a]``, ``text[b:]``) as unread."""
    _keep_range(r, text, start, 0, a)
    _keep_range(r, text, start, b, len(text))


def _keep_range(r: BlockReader, text: str, start: int, lo: int, hi: int) -> None:
    """Keep ``text[lo:hi]`` (junk beside a printed line's words) as unread, if not blank."""
    piece = text[lo:hi]
    if piece.strip():
        off = lo + len(piece) - len(piece.lstrip())
        r.keep(
            piece.strip(),
            start + off,
            start + off + len(piece.strip()),
            why="marks beside a printed line of the letter (handwriting or speckle); "
            "kept as unread",
        )


def _salutation(
    r: BlockReader, text: str, start: int
) -> tuple[str, tuple[str, int, int, bool] | None]:
    """Read the salutation on a line; return it and any body text after it on the line."""
    found = salutation_at(text)
    assert found is not None
    a, b, _term = found
    r.mark("salutation", start + a, start + b)
    printed = text[a:b]
    value = _salutation_repaired(printed)
    if value != printed:
        r.repaired(
            DiagnosticCode.VALUE_REPAIRED,
            f"read {printed!r} as {value!r} (OCR damage)",
            start + a,
            start + b,
            "salutation",
            printed,
            value,
        )
    rest = text[b:]
    tokens = rest.split()
    if len(tokens) <= _MAX_TRAILING_DEBRIS and all(debris(t) for t in tokens):
        _keep_debris(r, text, start, a, b)  # junk before and after it
        return value, None
    _keep_debris(r, text, start, a, len(text))  # junk before it
    offset = b + len(rest) - len(rest.lstrip())
    body = rest.strip()
    return value, (body, start + offset, start + offset + len(body), True)


_MAX_TRAILING_DEBRIS = 5
_THREE_LETTERS = re.compile(r"[^\W\d_]{3}")
"""Three letters in a row: a signature line without them (``5m``, ``I 1 I``) holds no name."""
_OPENER = re.compile(rf"\s*(?:{_vocab.SALUTATION_OPENER})\s+", re.I)


def _styled(word: str, known: str) -> str:
    """``known`` in the case style of the printed ``word`` (an engine may write lower case)."""
    if word.islower():
        return known.lower()
    if word.isupper() and len(word) > 1:
        return known.upper()
    return known


def _salutation_repaired(printed: str) -> str:
    """A salutation with its damaged words read from the vocabulary (``Dcar Mr. Presidcnt;``).

    The opening word becomes ``Dear``, words close to one salutation word are
    read as it (a word broken by a space, ``Pres ident``, is joined first),
    other words (names) are kept as printed, and a ``;`` or ``.`` that OCR
    put for the colon becomes ``:``.
    """
    term = printed[-1]
    opener = _OPENER.match(printed)
    assert opener is not None
    words = printed[opener.end() : -1].split()
    out = opener.group().split()
    my = out[:1] if out[0].lower() == "my" and len(out) > 1 else []
    dear = out[len(my) :]
    if len(dear) != 1 or dear[0].lower() != "dear":  # ``Dcar``, ``D ear``: the word is ``Dear``
        out = [*my, "dear" if opener.group().islower() else "Dear"]
    k = 0
    while k < len(words):
        word = words[k]
        known = vocabulary_word(word)
        if known is None and k + 1 < len(words) and vocabulary_word(words[k + 1]) is None:
            joined = vocabulary_word(word + words[k + 1])
            if joined is not None:
                out.append(_styled(word + words[k + 1], joined))
                k += 2
                continue
        out.append(word if known is None else _styled(word, known))
        k += 1
    if term in ";.":
        term = ":"
    return " ".join(out) + term


def _prelude(
    r: BlockReader, parts: list[tuple[str, int, int, bool]]
) -> tuple[list[str], str | None, dt.date | None, str | None]:
    """Read letterhead lines, place, date and inside address above the salutation."""
    dates = [_date_in(p[0]) for p in parts]
    date_k = next((k for k, d in enumerate(dates) if d is not None), None)
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
            found = dates[k]
            assert found is not None
            a, b, clean = found
            r.mark("date", start + a, start + b)
            _keep_debris(r, text, start, a, b)
            if clean != text[a:b]:
                r.repaired(
                    DiagnosticCode.DATE_REPAIRED,
                    f"read the date {text[a:b]!r} as {clean!r} (damaged separators)",
                    start + a,
                    start + b,
                    "date",
                    text[a:b],
                    clean,
                )
            date = r.date(clean, start + a, DateOrder.MONTH_NAME, "date")
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


def _date_in(text: str) -> tuple[int, int, str] | None:
    """:func:`_find_date` of a prelude line; short lines' answers are remembered."""
    return _find_date(text) if len(text) > _MAX_REMEMBERED else _remembered_date(text)


_MAX_REMEMBERED = 120


def _find_date(text: str) -> tuple[int, int, str] | None:
    """Where a letter's date lies in a prelude line, and its text with clean separators.

    The month word must be one (maybe damaged: ``Octobcr``); junk may stand
    around the date (``= S July 17,1989 .``), and a damaged separator
    (``16; 1990``, ``21,. 1997``, ``19,1992``) is read as ``, ``.
    """
    for m in _DATE_IN.finditer(text):
        month_word = m["m"] or m["m2"]
        if month_word.lower() in ("the", "and", "for", "suite", "room", "box", "route"):
            continue
        if _closest_month(month_word) is None:
            continue
        before, after = text[: m.start()].split(), text[m.end() :].split()
        if not all(len(t) <= _DATE_DEBRIS or debris(t) for t in before + after):
            continue
        if len(before) > _MAX_DATE_DEBRIS or len(after) > _MAX_DATE_DEBRIS:
            continue
        day = m["d"] or m["d2"]
        sep = m["sep"]
        raw = m.group()
        if m["m"]:
            clean = f"{month_word} {day}, {m['y']}"
            if " ".join(raw.split()).replace(f"{day}{sep}", f"{day}, ") == clean:
                clean = raw  # only blanks differ, or a lost comma: as printed
        else:
            clean = raw if sep in ("", ",") else f"{day} {m['m2']}, {m['y']}"
        return m.start(), m.end(), clean
    return None


_remembered_date = remembered("letters.dates", 4096)(_find_date)


def _closest_month(word: str) -> str | None:
    key = fold(word.rstrip("."))
    found = _MONTH_KEYS.get(key)
    if found is not None or len(key) < 5:
        return found
    best = [v for k, v in _MONTH_KEYS.items() if len(k) > 3 and Levenshtein.distance(k, key) <= 1]
    return best[0] if len(set(best)) == 1 else None


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
            DiagnosticCode.VALUE_REPAIRED,
            f"read {text!r} as {fixed!r} (OCR damage)",
            start,
            start + len(text) if end is None else end,
            field,
            text,
            fixed,
        )
    return fixed


class _Paragraphs:
    """The body's lines joined into paragraphs as they come (blank-line separated, or opened
    by a list dash): each paragraph's text is made of its lines' words, never of the lines
    themselves kept, and its span is marked."""

    __slots__ = (
        "chunks",
        "first",
        "last",
        "lines",
        "out",
        "over",
        "over_end",
        "r",
        "start",
        "upper",
    )

    _CHUNK = 4096
    """Lines of a paragraph joined at a time (a long paragraph keeps strings, not lines)."""

    def __init__(self, r: BlockReader) -> None:
        self.r = r
        self.out: list[str] = []
        self.lines: list[str] = []  # the open paragraph's lines not yet joined, words respaced
        self.chunks: list[str] = []  # ... and its lines joined so far, a chunk of them a string
        self.start = self.first = self.last = -1  # the open paragraph's and the body's offsets
        self.upper = False  # whether any body line holds an upper-case letter
        self.over = self.over_end = -1  # the body past MAX_LETTER_PARAGRAPHS paragraphs

    def add(self, part: tuple[str, int, int, bool]) -> None:
        """Take the next body line ``(text, start, end, follows_blank)``."""
        text, start, end, blank = part
        if self.over >= 0:
            self.over_end = end
            return
        if self.start < 0 or blank or _BULLET.match(text):
            self._close()
            if len(self.out) >= MAX_LETTER_PARAGRAPHS:
                self.over, self.over_end = start, end
                return
            self.start = start
            if self.first < 0:
                self.first = start
        line = " ".join(text.split())
        if line:
            lines = self.lines
            lines.append(line)
            if len(lines) >= self._CHUNK:
                self.chunks.append("\n".join(lines))
                lines.clear()
        self.last = end
        if not self.upper:
            self.upper = any(c.isupper() for c in text)

    def _close(self) -> None:
        if self.start < 0:
            return
        if self.lines:
            self.chunks.append("\n".join(self.lines))
            self.lines.clear()
        self.out.append(_joined("\n".join(self.chunks)))
        self.chunks.clear()
        self.r.mark(f"body[{len(self.out) - 1}]", self.start, self.last)
        self.start = -1

    def done(self) -> list[str]:
        """The paragraphs (the last one ended), the body's span marked."""
        self._close()
        if self.out:
            self.r.mark("body", self.first, self.last)
        if self.over >= 0:
            self.r.keep(
                self.r.ctx.text[self.over : self.over_end],
                self.over,
                self.over_end,
                code=DiagnosticCode.BLOCK_TOO_LONG,
                why=f"the letter's body runs over {MAX_LETTER_PARAGRAPHS} paragraphs, more than "
                "any letter's; the rest of it is kept as unread",
                field="body",
            )
        return self.out


_BROKEN_WORD = re.compile(r"(?<=[^\W\d_]-)\n(?=[^\W\d_])")
"""A line end inside a word broken at its hyphen (letters on both sides)."""


def _joined(text: str) -> str:
    """A paragraph's lines (``\\n``-separated, blanks respaced) joined by single blanks.

    A word broken over a line end at its hyphen (``pro-`` then ``democracy``)
    is joined whole, hyphen kept (``pro-democracy``): whether the hyphen was
    the word's own or only the printer's cannot be told, and keeping it
    loses nothing.  A dash standing apart (``policy -``) is not a broken word.
    """
    if "-\n" in text:
        text = _BROKEN_WORD.sub("", text)
    return text.replace("\n", " ")


def _closing(r: BlockReader, text: str, start: int) -> str:
    """Read the complimentary closing, repairing ``Sinccrely`` and the like.

    Junk around it on the line (``Sincerely, a``) is kept as unread.
    """
    found = closing_at(text)
    assert found is not None
    a, b, known = found
    printed = text[a:b]
    r.mark("closing", start + a, start + b)
    _keep_debris(r, text, start, a, b)
    if known.lower() == printed.lower():
        return printed  # only the case differs (an engine that writes lower case): as printed
    if printed.islower() and known.lower().rstrip(",") == printed.lower().rstrip(",.;"):
        return printed  # a lower-case page whose comma OCR misread: keep its case
    r.repaired(
        DiagnosticCode.VALUE_REPAIRED,
        f"read {printed!r} as {known!r}",
        start + a,
        start + b,
        "closing",
        printed,
        known,
    )
    return known


def _signatories(
    r: BlockReader, parts: list[tuple[str, int, int, bool]], *, lower_page: bool
) -> list[str]:
    """Read the names under the closing: the typed names, not the handwriting above them.

    Each line is first split into names on evidence only (a column break,
    ``and``, names that each carry an initial).  Where any piece holds a
    typed name (:func:`typed_name`), the typed names are the signatories and
    every other line (a signature's scrawl, a tick) is kept as unread with a
    diagnostic; junk around a typed name on its line is kept as unread too.
    Where no line holds a typed name, every line with three letters in a row
    is a signatory, as printed (``Bob``); a tick or a rule is not.
    """
    lines = [(text, start, end, split_signatures(text)[0]) for text, start, end, _ in parts]
    typed = {
        (k, a): t
        for k, (text, _, _, pieces) in enumerate(lines)
        for a, b in pieces
        if (t := typed_name(text[a:b], lower_page=lower_page)) is not None
    }
    names: list[str] = []
    for k, (text, start, end, pieces) in enumerate(lines):
        fused = False
        for a, b in pieces:
            piece = text[a:b]
            lo, hi = a + len(piece) - len(piece.lstrip()), a + len(piece.rstrip())
            t = typed.get((k, a))
            if typed and t is None:
                r.keep(
                    text[lo:hi],
                    start + lo,
                    start + hi,
                    why="this line under the closing is not a typed name (a signature's "
                    "scrawl, handwriting, the signer's title); it is kept as unread",
                )
                continue
            if t is not None and not _looks_fused(piece[t[0] : t[1]]):
                _keep_range(r, text, start, lo, a + t[0])
                _keep_range(r, text, start, a + t[1], hi)
                lo, hi = a + t[0], a + t[1]
            elif _THREE_LETTERS.search(text[lo:hi]) is None:
                r.keep(text[lo:hi], start + lo, start + hi)  # a tick, a rule: no name
                continue
            else:
                fused = fused or _looks_fused(text[lo:hi])
            r.mark(f"signatories[{len(names)}]", start + lo, start + hi)
            names.append(text[lo:hi])
        if fused:
            r.add(
                DiagnosticCode.SIGNATURE_UNSPLIT,
                f"{text!r} may hold more than one signature; nothing shows where to split "
                "it, so it is kept whole",
                start,
                end,
                "signatories",
                original=text,
            )
    if parts:
        r.mark("signatories", parts[0][1], parts[-1][2])
    return names
