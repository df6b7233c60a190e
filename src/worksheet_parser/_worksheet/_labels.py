"""Stage 3a, labels: where a worksheet line's labels stand, exactly and as OCR damages them.

Strategy: labels are found exactly first, with one compiled pattern of every
form's spellings (the 5/81 form's colon-less labels such as ``Date
Correspondence Received (YY/MM/DD)`` take an optional colon).  Only where
that fails is a ``:`` (or, for a colon-less label, the start of a line or
column) examined with a length-aware edit budget over the forms' own label
list, after folding OCR digits onto letters (``0F`` -> ``OF``): labels whose
blanks OCR moved (``SUBJEC T:``, ``NAMEOF CORRESPONDENT:``), behind stray
marks (``~~~ DATE RECEIVED;``), with another mark for the colon, or cut at a
column break (``ODES:``, recognised from the label's tail).  Labels of five
letters or fewer are never fuzzy-matched.  Each search is bounded by cheap
exact tests first (a part of some label's letters where a label would
stand), so that a line of prose costs little, and every search is linear in
the line, whatever its colons and labels.  The lexer (:mod:`._lexer`) turns
what is found here into tokens; the segmenter asks :func:`opens_with_label`
of lines its own patterns do not know.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable

import attrs
from rapidfuzz.distance import Levenshtein

from worksheet_parser import _vocab
from worksheet_parser._worksheet._spellings import (
    _COLON_FUZZY,
    _COLON_SPELLINGS,
    _COLON_STAND_INS,
    _COLON_WORD_CHARS,
    _COLON_WORDS,
    _COMPACT,
    _COMPACT_BY_SIZE,
    _COMPACT_PARTS,
    _COMPACT_REACH,
    _COMPACT_WORDS,
    _DATE_HINT,
    _EXACT_LABEL,
    _EXACT_UPPER,
    _LABEL_WORD,
    _LETTER_RUNS,
    _NONBLANK,
    _OPEN,
    _OPEN_BY_SIZE,
    _OPEN_COUNTS,
    _OPEN_FUZZY,
    _SPELLINGS,
    _TRAILER,
    _VALUE_SHAPES,
    CACHED_WORD,
    WORD_CACHE_SIZE,
    Label,
    _word_fold,
    _word_letters,
    all_short,
    any_literal,
    edit_budget,
    fold_ocr,
    label_letters,
)
from worksheet_parser._worksheet._tokens import TokenKind

__all__ = [
    "WORD_CACHE_SIZE",
    "Label",
    "Taken",
    "all_short",
    "any_literal",
    "edit_budget",
    "find_labels",
    "fold_ocr",
    "label_letters",
    "opens_with_label",
]


def _repaired_at(line: str, start: int, colon: int, kind: TokenKind, spelling: str) -> Label:
    """The damaged label ``line[start : colon + 1]`` read as ``spelling``."""
    return Label(start, colon + 1, kind, line[start : colon + 1], _canonical(kind, spelling), True)


def _fuzzy_before_colon(
    line: str, colon: int, seg_start: int, words: list[tuple[int, str]]
) -> Label | None:
    """Try to read the words before ``line[colon]`` as a damaged colon label.

    ``words`` are the last (up to :data:`_COLON_WORDS`) words between
    ``seg_start`` and the colon, as ``(start, text)``, each text cut to its
    last :data:`_COLON_WORD_CHARS` characters: what is compared is then
    bounded, however long the line and however many colons it has.
    """
    if not words:
        return None
    best: tuple[int, Label] | None = None
    # Folding acts character by character: fold each word once, join per count.
    texts = [w for _, w in words]
    fold = _word_fold if all_short(texts) else fold_ocr
    folded_words = [fold(w) for w in texts]
    cands: dict[int, str] = {}
    for kind, spelling, n, budget, tail_min in _COLON_FUZZY:
        if n > len(words):
            continue
        first_pos = words[-n][0]
        cand = cands.get(n)
        if cand is None:
            cand = cands[n] = " ".join(folded_words[-n:])
        if budget and abs(len(cand) - len(spelling)) <= budget:
            d = Levenshtein.distance(cand, spelling, score_cutoff=budget)
            if d <= budget and (best is None or d < best[0]):
                best = (
                    d,
                    _repaired_at(line, first_pos, colon, kind, spelling),
                )
                continue
        # A junk prefix glued to the label, or the label cut at a column break:
        # accept when a long enough tail of the label matches exactly.
        if len(spelling) >= 8 and cand.endswith(spelling[-tail_min:]):
            k = tail_min
            while k < len(spelling) and cand.endswith(spelling[-(k + 1) :]):
                k += 1
            if (k < len(spelling) and spelling[-k - 1] == " ") or spelling[-k] == " ":
                # Whole words of the label missing (``* CORRESPONDENCE:`` in a
                # legend is not ``DATE CORRESPONDENCE``): no junk glued on.
                continue
            if best is None or best[0] > budget + 1:
                best = (
                    budget + 1,
                    _repaired_at(line, first_pos, colon, kind, spelling),
                )
    # Blanks moved by OCR (``NAME OF CORRES PONDENT:``, ``INDIVIDUALCODES:``):
    # the last words' letters, blanks removed, against each label's.
    compact = ""
    windows: list[tuple[int, str]] = []
    for n, word in enumerate(reversed(folded_words[-_COMPACT_WORDS:]), 1):
        if _LABEL_WORD.fullmatch(word) is None:
            if compact and len(word) <= 2 and not any(map(str.isalnum, word)):
                continue  # ``NAME . OF CORRESPONDENT:``: a speck between the label's words
            break  # ``(A)``, ``1210``: no label runs across it
        compact = "".join(_LETTER_RUNS.findall(word)) + compact
        if len(compact) > _COMPACT_REACH:
            break
        windows.append((n, compact))
    found = _compact_best(windows, True)
    if found is not None and (
        best is None or (found[3] <= best[0] and words[-found[0]][0] < best[1].start)
    ):
        # Read with the blanks removed, the label starts earlier (``A DDITIONAL``).
        n, kind, spelling, _ = found
        first_pos = words[-n][0]
        return Label(
            first_pos,
            colon + 1,
            kind,
            line[first_pos : colon + 1],
            _canonical(kind, spelling),
            True,
        )
    if best is not None:
        return best[1]
    # A label cut at a column break (``ODES:`` for ``INDIVIDUAL CODES:``).
    first_pos, word = words[-1]
    # A column break: a tab, the line start, or two blanks or more.
    at_break = first_pos == seg_start or line[max(seg_start, first_pos - 2) : first_pos] == "  "
    folded = fold_ocr(word)
    if at_break and len(folded) >= 4 and folded.isalpha():
        fits = [
            (kind, spelling)
            for kind, spelling in _COLON_SPELLINGS
            if len(spelling) > len(folded) + 2
            and spelling.endswith(folded)
            and kind in _VALUE_SHAPES
            and _VALUE_SHAPES[kind].match(line, colon + 1)
        ]
        if len({kind for kind, _ in fits}) == 1:
            kind, spelling = fits[-1]
            return Label(
                first_pos,
                colon + 1,
                kind,
                line[first_pos : colon + 1],
                _canonical(kind, spelling),
                True,
                weak=True,
            )
    return None


_MID_ID = re.compile(r"(?<![A-Za-z0-9])ID ?#")


_LETTER_RUN = re.compile(r"[A-Za-z]+")
_FIRST_WORDS: frozenset[str] | None = None
"""Letters of the first word of every exact label: a line with none holds no exact label."""
_firsts = [_LETTER_RUN.match(spelling.split()[0]) for _, spelling, _ in _SPELLINGS]
if all(m is not None for m in _firsts):
    _FIRST_WORDS = frozenset(m.group().upper() for m in _firsts if m is not None)
del _firsts


_LETTERS_ONLY = bytes(
    c if 0x41 <= c <= 0x5A else c - 0x20 if 0x61 <= c <= 0x7A else 0x20 for c in range(256)
)
"""An ASCII line's letters in capitals, every other character a blank (byte table)."""


def _exact_labels(line: str) -> Iterable[re.Match[str]]:
    """The exact labels on ``line``, where ``_EXACT_LABEL.finditer`` finds them (a match may be
    of the line in capitals: its places and group are the same)."""
    if _FIRST_WORDS is None:
        return _EXACT_LABEL.finditer(line)
    if not line.isascii():  # upper-casing may change lengths: scan the whole line
        if _FIRST_WORDS.isdisjoint(_LETTER_RUN.findall(line.upper())):
            return ()
        return _EXACT_LABEL.finditer(line)
    # A label starts a run of letters (none before it), and that run is its
    # first word's letters: the line's runs of letters are its words once
    # every other character is a blank.
    letters = line.encode("ascii").translate(_LETTERS_ONLY).decode("ascii")
    firsts = _FIRST_WORDS.intersection(letters.split())
    if not firsts:
        return ()
    starts: list[int] = []
    size = len(letters)
    for word in firsts:
        at = letters.find(word)
        while at != -1:
            end = at + len(word)
            if (at == 0 or letters[at - 1] == " ") and (end == size or letters[end] == " "):
                starts.append(at)
            at = letters.find(word, end)  # a run that is the word cannot overlap this one
    starts.sort()
    # Try the pattern only there, left to right, going on after each match as
    # ``finditer`` would.
    upper = line.upper()
    found: list[re.Match[str]] = []
    resume = 0
    for at in starts:
        if at >= resume:
            label = _EXACT_UPPER.match(upper, at)  # ASCII: the same length, the same places
            if label is not None:
                found.append(label)
                resume = label.end()
    return found


class Taken:
    """The spans of labels found on a line, to ask what they cover.

    A line holds a few labels: they are looked through one by one.  Past
    :data:`_FEW_LABELS` (a line of many labels, as only hostile input has),
    the spans are sorted once and each question takes logarithmic time.
    """

    __slots__ = ("ends", "spans", "starts")

    def __init__(self, labels: Iterable[Label]) -> None:
        spans = [(lb.start, lb.end) for lb in labels]
        if len(spans) <= _FEW_LABELS:
            self.spans: list[tuple[int, int]] | None = spans
            return
        self.spans = None
        spans.sort()
        self.starts = [s for s, _ in spans]
        self.ends = list(itertools.accumulate((e for _, e in spans), max))
        """The furthest end of the labels up to each one."""

    def covers(self, pos: int) -> bool:
        """Whether a label holds ``pos``."""
        if self.spans is not None:
            return any(s <= pos < e for s, e in self.spans)
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.ends[i] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a label overlaps ``[start, end)``."""
        if self.spans is not None:
            return any(s < end and start < e for s, e in self.spans)
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start


_FEW_LABELS = 8
"""Most labels :class:`Taken` looks through one by one."""


def _column_start(line: str, pos: int) -> bool:
    """Whether only blanks stand between the start of ``pos``'s column (a tab or the line's
    start) and ``pos`` (looking back over the blanks only, not the whole column)."""
    while pos > 0 and line[pos - 1] == " ":
        pos -= 1
    return pos == 0 or line[pos - 1] == "\t"


def find_labels(line: str) -> list[Label]:
    labels: list[Label] = []
    covered_to = 0
    next_tab = -1  # the end of the column of the last open label looked at
    for m in _exact_labels(line):
        kind, spelling, open_label = _SPELLINGS[int((m.lastgroup or "g0")[1:])]
        # Fuzzy labels may sit between exact ones.
        labels.extend(_fuzzy_between(line, covered_to, m.start()))
        found = line[m.start() : m.end()]  # the line's own case (``m`` may be of its capitals)
        label = Label(
            m.start(),
            m.end(),
            kind,
            found,
            _canonical(kind, spelling),
            False,
            colon=found.endswith(":"),
        )
        if open_label and _column_start(line, m.start()):
            # A damaged longer label may start with a clean shorter one: ``Date
            # Correspondence Recelved`` is more than ``Date Correspondence``.
            if next_tab < m.start():
                next_tab = _segment_end(line, m.start())
            longer = _open_at(line, m.start(), next_tab)
            if longer is not None and longer.kind == kind and longer.end > label.end:
                label = longer
        labels.append(label)
        covered_to = label.end
    labels.extend(_fuzzy_between(line, covered_to, len(line)))
    labels.extend(_fuzzy_open(line, labels))
    # ``ID#`` fused into a line after other labels ends the value before it.
    if "#" in line:
        taken = Taken(labels)
        for m in _MID_ID.finditer(line):
            if not taken.overlaps(m.start(), m.end()):
                labels.append(Label(m.start(), m.end(), TokenKind.ID, m.group(), "ID#", False))
    labels.sort(key=lambda lb: lb.start)
    ends = [lb.start for lb in itertools.islice(labels, 1, None)]  # where each value may end
    ends.append(len(line))
    kept = [lb for lb, hi in zip(labels, ends, strict=False) if _keep_open(line, lb, hi)]
    for i, lb in enumerate(kept):
        # A mark OCR printed for the colon, or beside it (``INDIVIDUAL CODES;``,
        # ``CORRESPONDENT :.``), belongs to the label, not to its value.
        end = lb.end
        while end < len(line) and line[end] in " \t":
            end += 1
        mark = end
        while end < len(line) and line[end] in _COLON_STAND_INS:
            end += 1
        if end > mark and (end == len(line) or line[end] in " \t"):
            nxt = kept[i + 1].start if i + 1 < len(kept) else len(line)
            if end <= nxt:
                found = line[lb.start : end]
                repaired = lb.repaired or not (line[mark:end] == ":" and ":" not in lb.found)
                kept[i] = attrs.evolve(lb, end=end, colon=True, found=found, repaired=repaired)
    if kept and line[: kept[0].start].strip() and not line[: kept[0].start].strip(_STRAY):
        # Stray marks before the line's first label (``~~~ DATE RECEIVED:``) are
        # part of what was read as the label, not a value of their own.
        first = kept[0]
        kept[0] = attrs.evolve(first, start=0, found=line[: first.end], repaired=True)
    return kept


def _segment_end(line: str, pos: int) -> int:
    tab = line.find("\t", pos)
    return tab if tab != -1 else len(line)


def _canonical(kind: TokenKind, spelling: str) -> str:
    if (kind, spelling) in _OPEN:
        return spelling
    return spelling + ":"


def _keep_open(line: str, label: Label, hi: int) -> bool:
    """A one-word label without a colon (``Media L``) needs a short value and a column start.

    ``hi`` is where the next label starts (or the line's end).
    """
    if label.colon or " " in label.canonical.strip():
        return True
    if not _column_start(line, label.start):
        return False
    tab = line.find("\t", label.end, hi)
    value = line[label.end : tab if tab != -1 else hi].strip()
    return len(value) <= 3


def _fuzzy_open(line: str, found: list[Label]) -> list[Label]:
    """Damaged labels at a line or column start.

    Colon-less labels (``Date Correspondence Recelved``), and labels whose
    blanks OCR moved (``SUBJEC T;``, ``DATERECEIVED``), behind stray marks
    (``~~~ DATE RECEIVED;``) or with a mark other than the colon after them.
    """
    out: list[Label] = []
    taken = Taken(found) if found else None
    seg_start = 0
    while seg_start != -1 and seg_start < len(line):
        nxt = line.find("\t", seg_start)
        seg_end = nxt if nxt != -1 else len(line)
        word = _NOT_BLANK.search(line, seg_start, seg_end)
        start = seg_end if word is None else word.start()
        if start < seg_end and (taken is None or not taken.covers(start)):
            letters = _first_letters(line, start, seg_end)
            label = None
            # Each search runs only where some part of its labels' letters is
            # among the segment's first letters (the same test as each makes).
            if letters is None or _OPEN_PARTS.search(letters, 0, _OPEN_REACH) is not None:
                label = _open_words(line, start, seg_end)
            if label is None and (
                letters is None or _COMPACT_PARTS.search(letters, 0, _COMPACT_HEAD) is not None
            ):
                label = _compact_at(line, start, seg_end)
            if label is not None and (taken is None or not taken.overlaps(label.start, label.end)):
                out.append(label)
        seg_start = nxt + 1 if nxt != -1 else -1
    return out


_NOT_BLANK = re.compile("[^ ]")


def _any_value(value: str) -> bool:
    return True


_MONTHS = frozenset(name[:3] for name in _vocab.MONTH_NAMES)


def _month_first(value: str) -> bool:
    """Whether ``value`` is empty or opens with a month name (``JULY 15``, ``15 July``)."""
    heads = [w[:3].upper() for w in value.split()[:2]]
    return not heads or any(h in _MONTHS for h in heads)


_NO_MARK_VALUE: dict[TokenKind, Callable[[str], bool]] = {
    TokenKind.DATE_RECEIVED: _month_first,
    TokenKind.INDIVIDUAL: lambda value: (
        _VALUE_SHAPES[TokenKind.INDIVIDUAL].match(value) is not None or not value.strip()
    ),
    TokenKind.MAIL: lambda value: (
        _VALUE_SHAPES[TokenKind.MAIL].match(value) is not None or not value.strip()
    ),
}
"""What must follow a label read without a colon, by kind: the start of its value (or nothing)."""

_STRAY_REACH = 8
"""Most characters of stray marks (``~~~``, ``| :``) read past before a label at a line start."""


def _compact_best(
    cands: Iterable[tuple[int, str]], marked: bool
) -> tuple[int, TokenKind, str, int] | None:
    """The label that candidates ``(words, compact letters)`` read as: ``(words, kind,
    spelling, distance)``; the nearest label wins, then the longest.

    With a colon (or a mark standing for it) after the words, a label may be
    its edit budget away; without one, only labels of several words are
    taken, at most one edit away, so a line of prose stays prose.
    """
    best: tuple[int, TokenKind, str, int] | None = None
    best_key = (-1, 0)
    for n, cand in cands:
        for kind, spelling, compact, budget, n_words in _COMPACT_BY_SIZE.get(len(cand), ()):
            if marked:
                limit = budget
            elif n_words >= 2:
                limit = min(1, budget)
            else:
                continue
            d = Levenshtein.distance(cand, compact, score_cutoff=limit)
            if d > limit:
                continue
            key = (-d, len(compact))
            if best is None or key > best_key:
                best, best_key = (n, kind, spelling, d), key
    return best


def _compact_at(line: str, start: int, end: int) -> Label | None:
    """A label at ``start`` read with its blanks and marks removed (``NAMEOF CORRES PONDENT``).

    Stray marks before it (``~~~``) are passed over; after it stands a colon,
    a mark OCR printed for one (``;`` ``.`` ``,`` ``)`` ``!``), or nothing.
    """
    at = start
    reach = min(end, start + _STRAY_REACH)
    while at < reach and not line[at].isalnum():
        at += 1
    if at >= end or not line[at].isalpha():
        return None
    head = line[at : min(end, at + _COMPACT_REACH + _STRAY_REACH)]
    if _COMPACT_PARTS.search(_COMPACT(head)) is None:
        return None  # no part of any label in the line's first letters
    spans = [m.span() for m in itertools.islice(_WORDS.finditer(line, at, end), _COMPACT_WORDS)]
    texts = [line[a:b] for a, b in spans]
    letters_of = _word_letters if all_short(texts) else label_letters
    compact = ""
    best: tuple[tuple[int, int], Label] | None = None
    for i, word in enumerate(texts):
        # The word's own letters end where its trailing marks start.
        stem = word.rstrip(_COLON_STAND_INS)
        if _LABEL_WORD.fullmatch(stem) is None:
            break  # a word of marks, ``(A)``: no label runs across it
        letters = letters_of(stem).replace(" ", "")
        compact += letters
        if len(compact) > _COMPACT_REACH:
            break
        mark_at = spans[i][0] + len(stem)
        marked = stem != word
        if not marked and i + 1 < len(texts) and texts[i + 1] in _COLON_STAND_INS:
            marked, mark_at = True, spans[i + 1][0]
        found_label = _compact_best(((i + 1, compact),), marked)
        if found_label is None:
            if marked:
                break  # a mark ends the words a label can be
            continue
        _, kind, spelling, d = found_label
        key = (-d, len(spelling))
        if best is not None and key <= best[0]:
            continue
        label_end = mark_at
        if marked:
            label_end = mark_at + 1
            while label_end < end and line[label_end] in _COLON_STAND_INS:
                label_end += 1
        if not marked and not _NO_MARK_VALUE.get(kind, _any_value)(line[label_end:end]):
            continue  # no colon, and what follows is not this field's value: prose
        # Stray marks before the label are part of what was read as it.
        found = line[start:label_end]
        canonical = _canonical(kind, spelling)
        repaired = found.rstrip().upper() != canonical.upper()
        best = (key, Label(start, label_end, kind, found, canonical, repaired, colon=marked))
        if marked:
            break
    return None if best is None else best[1]


_WORDS = re.compile(r"[^ \t]+")


_MAX_OPEN_WORDS = max((n for *_, n in _OPEN_FUZZY), default=0)
_OPEN_SPAN = 512
"""A segment up to this long is split at once (cheaper than finding words one by one)."""


def _open_parts() -> tuple[re.Pattern[str], int]:
    # A candidate within ``k`` edits of a label is, blanks left out, within ``k``
    # edits of the label's letters run together: one of their ``k + 1`` parts
    # stands intact in the candidate's letters (see :func:`_compact_parts`).
    parts: set[str] = set()
    reach = 0
    for _, _, letters, _ in _OPEN_FUZZY:
        budget = edit_budget(letters)
        compact = letters.replace(" ", "")
        size, n = len(compact), budget + 1
        parts.update(compact[size * i // n : size * (i + 1) // n] for i in range(n))
        reach = max(reach, len(letters) + budget)
    return re.compile(any_literal(parts)), reach


_OPEN_PARTS, _OPEN_REACH = _open_parts()
"""Some part of an open label's letters must be among a segment's first letters (no more
than :data:`_OPEN_REACH` of them) for the label to open the segment."""


_LETTERS_WINDOW = 160
"""Characters of a segment whose letters are looked at before any fuzzy label search."""
_COMPACT_HEAD = _COMPACT_REACH + 2 * _STRAY_REACH
"""Most letters of a segment's start that :func:`_compact_at`'s own quick test reads (its
head, and the stray marks before it that fold onto letters)."""


def _first_letters(line: str, start: int, end: int) -> str | None:
    """The letters ``line[start:end]`` opens with, blanks and marks left out, OCR digits
    folded: as many as the quick tests before the fuzzy label searches read, or ``None``
    when they are not all at hand (a line that is not ASCII, or a long run of marks)."""
    if not line.isascii():
        return None  # non-ASCII letters are dropped here, but split words there
    hi = min(end, start + _LETTERS_WINDOW)
    letters = _COMPACT(line[start:hi])
    if hi < end and len(letters) < max(_OPEN_REACH, _COMPACT_HEAD):
        return None
    return letters


def _open_at(line: str, start: int, end: int) -> Label | None:
    """A colon-less label of several words opening ``line[start:end]`` (a segment with no tab)."""
    letters = _first_letters(line, start, end)
    if letters is not None and _OPEN_PARTS.search(letters, 0, _OPEN_REACH) is None:
        return None
    return _open_words(line, start, end)


def _open_words(line: str, start: int, end: int) -> Label | None:
    # The segment holds no tab: its words are what blanks separate.
    if end - start <= _OPEN_SPAN:
        texts = list(itertools.islice(filter(None, line[start:end].split(" ")), _MAX_OPEN_WORDS))
    else:  # a long segment: read no more words than needed
        first = itertools.islice(_WORDS.finditer(line, start, end), _MAX_OPEN_WORDS)
        texts = [m.group() for m in first]
    if len(texts) < 2:  # every label here has two words or more
        return None
    # Only blanks separate the words, so the letters of the first n words are
    # their own letters joined: sizes first, strings only when a size fits.
    letters_of = _word_letters if max(map(len, texts)) <= CACHED_WORD else label_letters
    word_letters = [letters_of(w) for w in texts]
    sizes: list[int] = []
    size = 0
    for letters in word_letters:
        if letters:
            size += len(letters) + (1 if size else 0)
        sizes.append(size)
    fitting = [
        (entry, n)
        for n in _OPEN_COUNTS
        if n <= len(texts)
        for entry in _OPEN_BY_SIZE.get((n, sizes[n - 1]), ())
    ]
    if not fitting:
        return None
    fitting.sort()  # longest label first, as listed
    cands: dict[int, str] = {}
    misses: set[tuple[int, str]] = set()  # labels of the same letters are compared once
    for (_, kind, spelling, letters, budget), n in fitting:
        if (n, letters) in misses:
            continue
        cand = cands.get(n)
        if cand is None:
            cand = cands[n] = " ".join(filter(None, word_letters[:n]))
        d = Levenshtein.distance(cand, letters, score_cutoff=budget)
        if d > budget:
            misses.add((n, letters))
            continue
        words = itertools.islice(_WORDS.finditer(line, start, end), n)
        label_end = list(words)[-1].end()
        trailer = _TRAILER.match(line, label_end)
        if trailer is not None:
            label_end = trailer.end()
        found = line[start:label_end]
        repaired = d > 0 or (_DATE_HINT in spelling and _DATE_HINT not in fold_ocr(found))
        return Label(
            start, label_end, kind, found, spelling, repaired, colon=found.rstrip().endswith(":")
        )
    return None


def _fuzzy_between(line: str, lo: int, hi: int) -> list[Label]:
    """Damaged colon labels in ``line[lo:hi]``, left to right.

    The words of the range are found once; for each colon only the last few
    words before it (within its column, after the last label found) are
    looked at, so the time is linear in the range, whatever its colons.
    """
    found: list[Label] = []
    pos = line.find(":", lo, hi)
    if pos == -1:
        return found
    spans = [m.span() for m in _NONBLANK.finditer(line, lo, hi)]
    starts = [s for s, _ in spans]
    floor = lo
    tab = line.rfind("\t", lo, pos)  # the last tab before the colon
    while pos != -1:
        later_tab = line.rfind("\t", tab + 1, pos)
        if later_tab != -1:
            tab = later_tab
        seg_start = max(floor, tab + 1)
        # The words (cut at ``seg_start`` and at the colon) nearest before it.
        words: list[tuple[int, str]] = []
        i = bisect.bisect_left(starts, pos) - 1
        while i >= 0 and len(words) < _COLON_WORDS:
            start, end = spans[i]
            start, end = max(start, seg_start), min(end, pos)
            if end <= seg_start:
                break
            if start < end:
                words.append((start, line[max(start, end - _COLON_WORD_CHARS) : end]))
            i -= 1
        words.reverse()
        label = _fuzzy_before_colon(line, pos, seg_start, words)
        if label is not None:
            # Marks OCR printed beside the colon (``CORRESPONDENT :.``) are not the value's.
            end = label.end
            while end < hi and line[end] in _COLON_STAND_INS:
                end += 1
            if end != label.end:
                label = attrs.evolve(label, end=end)
            found.append(label)
            floor = label.end
        pos = line.find(":", pos + 1, hi)
    return found


_LABEL_REACH = 48
"""How far into a line the colon of a label opening it can stand."""


def opens_with_label(line: str) -> bool:
    """Whether ``line`` opens with a worksheet label, damaged as OCR damages them.

    Blanks moved (``SUBJEC T:``, ``NAMEOF CORRESPONDENT:``), letters misread
    (``DATE RECEIVFD:``), stray marks before it, a mark other than a colon
    after it: what the lexer reads as a label at a line's start.  The
    segmenter asks this of lines its own patterns do not know, so that a
    worksheet whose labels OCR damaged is not closed early.
    """
    start = len(line) - len(line.lstrip(" \t"))
    head = line[start : start + _COMPACT_REACH + 2 * _STRAY_REACH]
    if _COMPACT_PARTS.search(_COMPACT(head)) is None:
        return False  # no part of any label's letters where a label would stand
    tab = line.find("\t", start)
    end = tab if tab != -1 else len(line)
    if _compact_at(line, start, end) is not None:
        return True
    colon = line.find(":", start, min(end, start + _LABEL_REACH))
    if colon == -1:
        return False
    spans = [m.span() for m in _NONBLANK.finditer(line, start, colon)][-_COLON_WORDS:]
    words = [(a, line[max(a, b - _COLON_WORD_CHARS) : b]) for a, b in spans]
    label = _fuzzy_before_colon(line, colon, start, words)
    return label is not None and not line[start : label.start].strip(_STRAY)


_STRAY = " \t~|.,:;*-_=+'\"‘’“”°"
"""Marks OCR scatters before a label at a line's start."""
