"""Text in the printed order, rebuilt from word boxes, with a map back to the page.

Strategy: the parser reads text laid out as the form prints it, one printed
line per line, columns at their columns.  An OCR engine's own reading order
follows blocks (a routing table column by column, a label's value in a
block of its own), but its word boxes say where every word stands.  So the
page is rebuilt from the boxes:

1. Boxes are put on the page stood upright (a page scanned sideways or
   upside down was turned before OCR) and straightened by the page's skew
   (rotated about the page's centre), so that one printed row has one
   height across the page.
2. Words are gathered into rows: a word joins the row whose centre line is
   nearest, within half a text height, unless it overlaps a word already
   there (two rows that touch stay two rows).
3. Each row is written left to right, each word at the column its left edge
   falls on, counted in character widths of the page's type (the median
   width of a letter), with one space at least between words and two where
   the gap on the page is nearly two letters or more, so table columns stay
   apart for the parser's column readers.  A gap of more than about two
   text lines between rows becomes one blank line.
4. Strokes of printed rules fused to a word's ends go (``_502720`` on its
   underline is ``502720``), and the 5/81 form's check boxes are written as
   one line, as the form prints them, with the mark found in the image
   (:func:`_check_boxes`).
5. Marks that are no text (handwriting, ticks, specks: words the engine was
   unsure of and that hold no letter or digit, or stand far in the margin)
   are not mixed into the rows: each goes on a line of its own after its
   row, where the parser keeps it among the unread lines.

Pages are joined with a form feed, as OCR engines do.  Beside the text,
:class:`WordMap` keeps every word's offsets in that text with its page, box
and confidence, so any span the parser reports can be put back on the page
(:meth:`WordMap.locate`).
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from statistics import median

import attrs

from worksheet_parser._scan._debris import ROW_DATE as _ROW_DATE
from worksheet_parser._scan._debris import head_debris, hint_debris, table_marks
from worksheet_parser._scan._pages import Box, Page, PageWord

# as worksheet_parser._scan._ocr.CELL_LINE (not imported: no OCR needed here)
CELL_LINE = (-2, 0, 0)

__all__ = ["Placed", "WordMap", "layout_text"]

_JUNK_CONF = 45.0
_SPECK = 0.35
_SMALL = 0.6
_RULES = frozenset("|[](){}!")
_SPECKS = frozenset(".,'`‘’“”\"°«»~;")
_ALONE_CONF = 50.0
_SCRAWL = 2.3
_SCRAWL_CONF = 80.0
_SURE_CONF = 80.0
_LINE_TALL = 1.3
_LONE_CONF = 35.0
_ALONE_GAP = 3.0
_PRINTED_MARKS = frozenset({"*", "-", ":", "#", "/"})
_GAP_LETTERS = 1.9
_LAYER_GAP_LETTERS = 2.6  # a text layer's boxes hug the glyphs' ink less closely
_BLANK_ROWS = 2.2
_LAYER_LINE_SPREAD = 0.5


@attrs.frozen
class Placed:
    """A word's place in the rebuilt text and on its page."""

    start: int
    """Offset of the word's first character in the rebuilt text."""
    end: int
    """Offset just past its last character."""
    page: int
    """1-based page number."""
    bbox: Box
    """Box in PDF points from the page's top-left corner."""
    conf: float
    """The engine's confidence, 0 to 100."""
    text: str
    """The word."""


@attrs.frozen
class WordMap:
    """Every word of a rebuilt text, in text order, with where it is on the page."""

    words: tuple[Placed, ...]
    _starts: list[int] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_starts", [w.start for w in self.words])

    def within(self, start: int, end: int) -> list[Placed]:
        """The words that overlap the text from ``start`` to ``end`` (none for an empty span)."""
        if end <= start:
            return []
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        found = []
        while i < len(self.words) and self.words[i].start < end:
            w = self.words[i]
            if w.end > start:
                found.append(w)
            i += 1
        return found

    def locate(self, start: int, end: int) -> tuple[int, Box] | None:
        """The page and the box (union of word boxes) of a text span, or ``None``.

        A span over two pages is placed on the first; an empty span, or one
        over white space only, has no place (``None``).
        """
        words = self.within(start, end)
        if not words:
            return None
        page = words[0].page
        boxes = [w.bbox for w in words if w.page == page]
        return page, (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


_RULE_HEAD = "_—–~|-"
_RULE_TAIL = "_—–~|"
_QUOTES = "‘’“”\"'`"
_STROKES = "{}[]()|!_—–~"
_EDGE_MARKS = _STROKES + ".,:;-" + _QUOTES


def clean_word(text: str) -> str:
    """A word without the strokes of a printed rule or box edge fused to its ends.

    ``_502720`` (an id on its underline), ``—-HU``, ``|ACTION``: the stroke
    goes, the word stays; a word of strokes alone (an empty ``__/__/__``
    slot) is kept as it is.  A speck read as a quote before a word in
    capitals (``‘NOVEMBER``) goes too.
    """
    if not any(ch.isalnum() for ch in text):
        return text
    core = text.strip(_EDGE_MARKS)
    if len(core) == 2 and core[0].isupper() and core[1] == core[0].lower():
        # One code letter read twice (``Cc``, ``Ss}``, ``Pp.``): no word is spelt so.
        head, _, tail = text.partition(core)
        return head.strip(_STROKES) + core[0] + tail.strip(_STROKES)
    text = text.lstrip(_RULE_HEAD).rstrip(_RULE_TAIL) or text
    letters = [ch for ch in text if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        # Form values are typed in capitals: a quote before one is a speck.
        text = text.lstrip(_QUOTES) or text
        if len(text) >= 4 and text.endswith("-") and text[-2].isalnum():
            text = text[:-1]  # and so is a dash after its last letter (``MEDIA:L-``)
    return text


def _straight(word: PageWord, page: Page) -> Box:
    """The word's box on the page stood upright (:attr:`Page.turn`) and straightened
    (its centre turned by the skew, its size kept)."""
    box = word.bbox
    width, height = page.width, page.height
    if page.turn:
        from worksheet_parser._scan._ocr import turn_box

        box = turn_box(box, page.turn, (width, height))
        if page.turn in (90, 270):
            width, height = height, width
    x0, y0, x1, y1 = box
    if not page.skew:
        return box
    cx, cy = width / 2, height / 2
    mx, my = (x0 + x1) / 2 - cx, (y0 + y1) / 2 - cy
    rad = math.radians(-page.skew)
    nx = cx + mx * math.cos(rad) - my * math.sin(rad)
    ny = cy + mx * math.sin(rad) + my * math.cos(rad)
    # The box on the page holds the word turned by the skew: the word's own box is
    # smaller (a wide word turned by a few degrees spans several lines' height).
    big_w, big_h = x1 - x0, y1 - y0
    cos, sin = math.cos(rad), abs(math.sin(rad))
    det = cos * cos - sin * sin
    own_w = (big_w * cos - big_h * sin) / det if det > 0.5 else big_w
    own_h = (big_h * cos - big_w * sin) / det if det > 0.5 else big_h
    hw = max(own_w, big_w * 0.5) / 2
    hh = max(own_h, big_h * 0.25, min(big_h, 1.0)) / 2
    return (nx - hw, ny - hh, nx + hw, ny + hh)


def _upper_word(text: str) -> bool:
    """A word of capitals (a printed label or a typed value), punctuation aside."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _is_mark(box: Box, word: PageWord, height: float, line_tall: float = 0.0) -> bool:
    """A word that is no text: a speck or rule far lower than the type (or an
    unsure capital or digit far lower than it), a scrawl far taller than it
    (a signature, initials) that the engine was unsure of, or an unsure
    reading without a letter or digit.  ``line_tall`` is the height of the
    words read surely on the word's engine line: as tall as they are, the
    word is not a scrawl (their boxes all caught the rule under the line)."""
    tall = box[3] - box[1]
    letters = sum(ch.isalnum() for ch in word.text)
    if tall < _SPECK * height:
        return True
    if tall > _SCRAWL * height and word.conf < _SCRAWL_CONF and tall > _LINE_TALL * line_tall:
        # A scrawl, unless a long word read fairly surely (a typed word whose box
        # caught the signature above it).
        typed = letters >= 6 and (
            word.conf >= _ALONE_CONF or (word.conf >= 20 and _upper_word(word.text))
        )
        return not typed
    has_alnum = letters > 0
    if not has_alnum and tall < _SMALL * height and word.text not in _PRINTED_MARKS:
        return True
    if letters == 1 and word.conf < _ALONE_CONF and tall < _SMALL * height:
        # One capital or digit, unsure and far lower than the type: a speck read as one.
        ch = next(ch for ch in word.text if ch.isalnum())
        if ch.isupper() or ch.isdigit():
            return True
    if set(word.text) <= _RULES:
        return True  # a stroke of a table's ruling (``|``, ``[``), not text
    if set(word.text) <= _SPECKS:
        return True  # a dot or a tick alone is a speck: no word on these pages is one
    return not has_alnum and word.conf < _JUNK_CONF and word.text not in _PRINTED_MARKS


@attrs.define
class _LineOfWords:
    top: float
    bottom: float
    items: list[tuple[Box, PageWord]] = attrs.field(factory=list)

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2

    def overlaps(self, box: Box, word: PageWord) -> bool:
        """True when ``box`` overlaps a word of this row read on another engine line."""
        return any(
            b[0] < box[2] - 0.5
            and box[0] < b[2] - 0.5
            and not (w.line == word.line and word.line[0] > 0)
            for b, w in self.items
        )


_STAMP_WORDS = (
    "department",
    "privacy",
    "classification",
    "authority",
    "review",
    "foi,",
)


def _stamp_seed(word: PageWord) -> bool:
    from rapidfuzz import fuzz

    low = word.text.lower().strip("[](|")
    return len(low) >= 4 and any(fuzz.ratio(low, key) >= 80 for key in _STAMP_WORDS)


def _stamp_region(items: list[tuple[Box, PageWord]], height: float) -> Box | None:
    """The box of a review stamp printed over the page, found by its printed words.

    A stamp is a small box of five lines (agency, office, reviewer, date,
    case id) in a type of its own, often beside or over the page's text.
    Its left edge is the leftmost of at least three stamp words standing
    within a few lines of one another; it runs to the right of the page
    and from its first line to two lines below the last stamp word (the
    date and case lines).
    """
    seeds = sorted((b for b, w in items if _stamp_seed(w)), key=lambda b: b[1])
    best: list[Box] = []
    for i, first in enumerate(seeds):
        group = [b for b in seeds[i:] if b[1] - first[1] <= 5 * height]
        if len(group) > len(best):
            best = group
    if len(best) < 3:
        return None
    left = min(b[0] for b in best) - 4
    top = min(b[1] for b in best) - 3
    bottom = max(b[3] for b in best) + 2.6 * height
    return (left, top, 1e9, bottom)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(box: Box, region: Box) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return region[0] <= cx <= region[2] and region[1] <= cy <= region[3]


def _unsure_alone(
    row: list[tuple[Box, PageWord]], i: int, letter: float, layer: bool = False
) -> bool:
    """An unsure word standing apart in its row, in lower case or without
    letters and digits: handwriting beside the typed text.  A text layer
    says nothing of how sure its words are (``layer``): there a word
    standing apart so, without a capital, is taken for handwriting (alone in
    its row, only a word of three letters or digits at most)."""
    box, word = row[i]
    if word.conf >= _ALONE_CONF and not layer:
        return False
    if layer and any(ch.isupper() for ch in word.text):
        return False
    if layer and len(row) == 1:
        return sum(ch.isalnum() for ch in word.text) <= 3  # a short scrawl on its own
    if any(ch.isalnum() for ch in word.text) and not any(ch.islower() for ch in word.text):
        return False
    if len(word.text) == 2 and word.text[0].isupper() and word.text[1] == word.text[0].lower():
        return False  # a code letter read twice (``Cc``, ``Ss``)
    if _code_cell(row, i):
        return False
    if len(row) == 1:
        short = sum(ch.isalnum() for ch in word.text) <= 3
        return word.conf < _LONE_CONF and (short or box[3] - box[1] > _SCRAWL * letter)
    before = i == 0 or box[0] - row[i - 1][0][2] > _ALONE_GAP * letter
    after = i == len(row) - 1 or row[i + 1][0][0] - box[2] > _ALONE_GAP * letter
    return before and after and i > 0


def _one_letter(text: str) -> bool:
    """One letter, or one read twice (``Ss``), with at most a stroke beside it."""
    core = text.strip(_EDGE_MARKS)
    return (len(core) == 1 and core.isalpha()) or (
        len(core) == 2 and core[0].isupper() and core[1] == core[0].lower()
    )


_SAME_SHAPE = frozenset("copsuvwxz")


def _code_case(row: list[tuple[Box, PageWord]], i: int) -> tuple[Box, PageWord]:
    """A code cell read as a lower-case letter shaped like its capital (``p``, ``c``)
    written as the capital: the forms print and type codes in capitals."""
    box, word = row[i]
    if len(word.text) == 1 and word.text in _SAME_SHAPE and _code_cell(row, i):
        return box, attrs.evolve(word, text=word.text.upper())
    return box, word


_CODE_GAP = 6.0


def _damaged_codes(
    row: list[tuple[Box, PageWord]], letter: float
) -> tuple[list[tuple[Box, PageWord]], list[tuple[Box, PageWord]]]:
    """A routing row's code cells read with marks fused to them (``#F``, ``.c``), or
    read as no code at all (``Vig``, ``[FP``): the code letter with the marks
    taken off, or the word set apart.

    The cell is the short word (three letters or digits at most) standing just
    left of a date of the table (``#F   89/07/21``), apart from the words before
    it.  Left there, a word that is no code makes the parser lose the whole
    row, its office too; set apart, the row is read without its code.  Returns
    the row's words and those set apart.
    """
    from worksheet_parser._vocab import ACTION_CODES, DISPOSITION_CODES

    codes = ACTION_CODES.keys() | DISPOSITION_CODES.keys()
    kept: list[tuple[Box, PageWord]] = []
    apart: list[tuple[Box, PageWord]] = []
    for i, (box, word) in enumerate(row):
        nxt = row[i + 1] if i + 1 < len(row) else None
        cell = (
            i > 0
            and nxt is not None
            and _ROW_DATE.match(nxt[1].text.strip(_EDGE_MARKS + "*°"))
            and nxt[0][0] - box[2] <= _CODE_GAP * letter
            and box[0] - row[i - 1][0][2] >= 2 * letter
            and 0 < sum(ch.isalnum() for ch in word.text) <= 3
        )
        text = clean_word(word.text)
        if not cell or text.upper() in codes:
            kept.append((box, word))
            continue
        core = "".join(ch for ch in text if ch.isalnum())
        capitals = [ch for ch in core if ch.isupper()]
        if core.upper() in codes and (core.isupper() or core in _SAME_SHAPE):
            kept.append((box, attrs.evolve(word, text=core.upper())))
        elif len(capitals) == 1 and capitals[0] in codes and core.isalpha():
            kept.append((box, word))  # a code letter beside a speck (``cS``, ``Cl``)
        else:
            apart.append((box, word))
    return kept, apart


def _code_cell(row: list[tuple[Box, PageWord]], i: int) -> bool:
    """A short word that may be a code: a routing row's code cell (its first letter is
    a code letter, and a date of the table stands on its right in the row: ``c
    95/02/19``), or one letter right after the ``Media:`` label."""
    from worksheet_parser._vocab import ACTION_CODES, DISPOSITION_CODES

    text = row[i][1].text
    if i > 0 and row[i - 1][1].text.upper().rstrip(":") == "MEDIA" and _one_letter(text):
        return True  # the media code after its label (``Media:  p``)
    letters = "".join(ch for ch in text if ch.isalpha())
    if len(text) > 3 or not text[:1].isalpha() or len(letters) > 2:
        return False
    if len(letters) == 2 and not (letters[0].isupper() and letters[1] == letters[0].lower()):
        return False  # one letter, or one read twice (``Ss}``)
    if letters[0].upper() not in ACTION_CODES and letters[0].upper() not in DISPOSITION_CODES:
        return False
    return any(_ROW_DATE.search(w.text) for _, w in row[i + 1 : i + 3])


_FUSED_LETTER = re.compile(r"[^A-Za-z]*[A-Za-z1|]?\s*[-–—=~]+(?=[A-Za-z]{5})")
_LETTERS = {"OUTGOING": "O", "INTERNAL": "H", "INCOMING": "I"}


def _check_boxes(
    items: list[tuple[Box, PageWord]], height: float
) -> tuple[list[tuple[Box, PageWord]], list[tuple[Box, PageWord]], _LineOfWords | None]:
    """The 5/81 form's check boxes as one printed line, matched by position.

    The options stand one under another, each after its box and letter;
    OCR reads the empty boxes as junk (``ie``, ``fal``, ``[-]``) and the
    letters as ``|.`` or ``H-``, and often misses the mark.  The mark is
    found in the image (:func:`worksheet_parser._scan._ocr.box_marks`, a word
    ``X`` on :data:`~worksheet_parser._scan._ocr.MARK_LINE`).  Each option is
    written as the form prints it, ``X I - INCOMING`` for the marked one and
    ``H - INTERNAL`` for the others, all on one line at the last option's
    height (so that the ``Date Correspondence / Received`` label printed beside
    the options is not cut from its date by that line).  Returns the items
    left, the junk taken from the box column, and that line (``None`` when
    there are no check boxes).
    """
    from worksheet_parser._scan._ocr import MARK_LINE, _stack, type_height

    stack = _stack([(w.text, b) for b, w in items])
    if not stack:
        return items, [], None
    h = type_height(stack)
    left = min(b[0] for _, b in stack)
    option_boxes = {b for _, b in stack}
    taken: set[int] = set()
    junk: list[tuple[Box, PageWord]] = []
    row = _LineOfWords(stack[-1][1][1], stack[-1][1][3])
    for option, obox in stack:
        cy = (obox[1] + obox[3]) / 2
        for i, (b, w) in enumerate(items):
            if i in taken or b in option_boxes:
                continue
            if abs((b[1] + b[3]) / 2 - cy) > 0.9 * max(h, height) or b[0] < left - 7 * h:
                continue
            if w.line == MARK_LINE:
                row.items.append((b, w))
                taken.add(i)
            elif b[2] <= obox[0] + 1:
                junk.append((b, w))
                taken.add(i)
        x = obox[0]
        letter = PageWord(_LETTERS[option], (x - 2.4 * h, obox[1], x - 1.6 * h, obox[3]), 100.0)
        dash = PageWord("-", (x - 1.2 * h, obox[1], x - 0.6 * h, obox[3]), 100.0)
        word = next(w for b, w in items if b == obox)
        fused = _FUSED_LETTER.match(word.text)
        if fused:  # the option's letter and dash read into its word (``1-INcomING``)
            word = attrs.evolve(word, text=word.text[fused.end() :])
        row.items.extend([(letter.bbox, letter), (dash.bbox, dash), (obox, word)])
    rest = [it for i, it in enumerate(items) if i not in taken and it[0] not in option_boxes]
    return rest, junk, row


def _anchored(
    items: list[tuple[Box, PageWord]], height: float, layer: bool = False
) -> list[tuple[Box, PageWord]]:
    """Boxes moved onto the middle of the engine's own line, at most a text height tall.

    A box that caught a rule, a box edge or a stroke of handwriting is taller
    than its word, and its middle is off its row; the engine's line (its
    block, paragraph and line numbers) knows which row the word is on.  So
    each box keeps its x extent, and is centred on the median middle of the
    words of its engine line, with no more than the page's text height.

    A text layer's line (``layer``) is one the engine wrote on one baseline,
    and the engine sometimes joins words of two printed rows into one line (a
    routing row's dates with the ``Referral Note`` under its office): when
    its words' middles, straightened, lie more than half a text height apart,
    the line is not one row, and its words keep their own places.
    """
    middles: dict[tuple[int, int, int], list[float]] = {}
    for box, word in items:
        if word.line[0] > 0:
            middles.setdefault(word.line, []).append((box[1] + box[3]) / 2)
    centre = {
        key: median(values)
        for key, values in middles.items()
        if not layer or max(values) - min(values) <= _LAYER_LINE_SPREAD * height
    }
    out = []
    for box, word in items:
        cy = centre.get(word.line, (box[1] + box[3]) / 2)
        half = min(box[3] - box[1], height) / 2
        out.append(((box[0], cy - half, box[2], cy + half), word))
    return out


def _rows(items: list[tuple[Box, PageWord]], height: float) -> list[_LineOfWords]:
    rows: list[_LineOfWords] = []
    for box, word in sorted(items, key=lambda it: ((it[0][1] + it[0][3]) / 2, it[0][0])):
        cy = (box[1] + box[3]) / 2
        best: _LineOfWords | None = None
        for row in rows[-6:]:
            near = abs(row.centre - cy) <= height * 0.5 and not row.overlaps(box, word)
            if near and (best is None or abs(row.centre - cy) < abs(best.centre - cy)):
                best = row
        if best is None:
            best = _LineOfWords(box[1], box[3])
            rows.append(best)
        else:
            n = len(best.items)
            best.top = (best.top * n + box[1]) / (n + 1)
            best.bottom = (best.bottom * n + box[3]) / (n + 1)
        best.items.append((box, word))
    rows.sort(key=lambda r: r.centre)
    for row in rows:
        row.items.sort(key=lambda it: it[0][0])
    return rows


def _metrics(items: list[tuple[Box, PageWord]]) -> tuple[float, float, float]:
    """(letter width, text height, left margin) of a page's words."""
    widths = [(b[2] - b[0]) / len(w.text) for b, w in items if len(w.text) >= 3 and w.conf >= 60]
    heights = [b[3] - b[1] for b, w in items if w.conf >= 60 and any(c.isalnum() for c in w.text)]
    letter = median(widths) if widths else 6.0
    height = median(heights) if heights else 10.0
    lefts = sorted(b[0] for b, _ in items)
    left = lefts[min(len(lefts) - 1, len(lefts) // 50)] if lefts else 0.0
    return max(letter, 1.0), max(height, 1.0), left


_TITLE_WORDS = ("WHITE", "CORRESPONDENCE")
_TITLE_GAP = 5.0


def _title_after_gap(items: list[tuple[Box, PageWord]], n: int, letter: float) -> bool:
    """True when the form's printed title starts at word ``n``, far right of the words
    before it (the 5/81 form prints ``ID #`` and its number on the title's line): the
    title then starts a line of its own, as the parser expects."""
    from rapidfuzz import fuzz

    box, word = items[n]
    if box[0] - items[n - 1][0][2] < _TITLE_GAP * letter:
        return False
    text = word.text.upper()
    return any(fuzz.ratio(text, t) >= 80 for t in _TITLE_WORDS) and n + 1 < len(items)


_ID_LABEL = re.compile(r"[I1l|][D0O]#?$|[I1l|][D0O]#")


def _pitch(box: Box, text: str) -> float:
    """A word's letter width: its width over its letters, a mark of punctuation
    counting for less than a letter (``M.`` is narrower than two letters)."""
    size = sum(1.0 if ch.isalnum() else 0.4 for ch in text)
    return (box[2] - box[0]) / max(1.0, size)


def _write_rows(
    rows: list[_LineOfWords], letter: float, height: float, left: float, gap: float = _GAP_LETTERS
) -> list[list[tuple[int, PageWord]]]:
    lines: list[list[tuple[int, PageWord]]] = []
    previous: float | None = None
    for row in rows:
        if not row.items:
            continue
        if previous is not None and row.centre - previous > _BLANK_ROWS * height * 1.6:
            lines.append([])
        previous = row.centre
        line: list[tuple[int, PageWord]] = []
        end_col, end_x, end_letter = 0, None, letter
        for n, (box, word) in enumerate(row.items):
            if line and end_x is not None and _title_after_gap(row.items, n, letter):
                lines.append(line)
                line, end_col, end_x = [], 0, None
            col = max(0, round((box[0] - left) / letter))
            if n == 0 and _ID_LABEL.match(word.text):
                col = 0  # the ID line starts the form at its margin, however it was placed
            own = _pitch(box, word.text)
            if line and end_x is not None:
                # Type sizes differ on one page (printed labels, typed values): a gap
                # is measured in letters of the words on either side of it.
                local = max(letter, min(own, end_letter) if len(word.text) > 1 else end_letter)
                col = max(col, end_col + 2) if box[0] - end_x > gap * local else end_col + 1
            line.append((col, word))
            end_col, end_x = col + len(word.text), box[2]
            end_letter = own if len(word.text) > 1 else letter
        lines.append(line)
    return lines


def _page_lines(page: Page) -> tuple[list[list[tuple[int, PageWord]]], list[PageWord]]:
    """The page's lines, each a list of (column, word) (an empty list is a
    blank line), and the marks set apart.  A review stamp's lines follow the
    page's own, as a block of their own."""
    items = [(_straight(w, page), w) for w in page.words if w.text.strip()]
    if not items:
        return [], []
    letter, height, left = _metrics(items)
    sure: dict[tuple[int, int, int], list[float]] = {}
    for box, word in items:
        if word.line[0] > 0 and word.conf >= _SURE_CONF and len(word.text) >= 3:
            sure.setdefault(word.line, []).append(box[3] - box[1])
    tall = {line: max(values) for line, values in sure.items()}
    mark = [_is_mark(box, word, height, tall.get(word.line, 0.0)) for box, word in items]
    cells = [box for box, word in items if word.line == CELL_LINE]
    for n, (box, word) in enumerate(items):
        # A reading where a code was read again alone (unsure, or damaged) is the
        # engine's guess at it (through the table's rules): set apart, not read twice.
        if cells and word.line != CELL_LINE:
            mark[n] = mark[n] or any(_overlap(box, cell) for cell in cells)
    marks = [it for it, m in zip(items, mark, strict=True) if m]
    text_items = [it for it, m in zip(items, mark, strict=True) if not m]
    text_items, box_junk, boxes = _check_boxes(text_items, height)
    marks.extend(box_junk)
    stamps: list[list[tuple[Box, PageWord]]] = []
    while (region := _stamp_region(text_items, height)) is not None:
        # A word on the engine's line of a word of the stamp is of the stamp too
        # (``Case`` beside ``ID: 9516225`` on the stamp's last line, just below it).
        stamp_lines = {w.line for b, w in text_items if _inside(b, region) and w.line[0] > 0}
        within = [
            _inside(b, region) or (w.line in stamp_lines and b[0] >= region[0])
            for b, w in text_items
        ]
        stamps.append([it for it, inside in zip(text_items, within, strict=True) if inside])
        text_items = [it for it, inside in zip(text_items, within, strict=True) if not inside]
    stamps.sort(key=lambda items: min(b[1] for b, _ in items) if items else 0.0)
    layer = page.source == "text-layer"
    rows = _rows(_anchored(text_items, height, layer), height)
    if boxes is not None:
        rows.append(boxes)
        rows.sort(key=lambda r: r.centre)
    for row in rows:
        alone = {i for i in range(len(row.items)) if _unsure_alone(row.items, i, letter, layer)}
        marks.extend(row.items[i] for i in sorted(alone))
        row.items = [it for i, it in enumerate(row.items) if i not in alone]
        row.items = [_code_case(row.items, i) for i in range(len(row.items))]
        row.items, damaged = _damaged_codes(row.items, letter)
        marks.extend(damaged)
    floor = None if boxes is None else max(b[2] for b, _ in boxes.items)
    debris_found = [
        *head_debris(rows, letter),
        *hint_debris(rows, letter, floor),
        *table_marks(rows, letter),
    ]
    for row, debris in debris_found:
        marks.extend(debris)
        row.items = [it for it in row.items if it not in debris]
    gap = _LAYER_GAP_LETTERS if page.source == "text-layer" else _GAP_LETTERS
    lines = _write_rows(rows, letter, height, left, gap)
    for stamp in stamps:
        if not stamp:
            continue
        stamp_left = min(b[0] for b, _ in stamp)
        lines.extend([[], [], []])
        stamp_height = median([b[3] - b[1] for b, _ in stamp])
        stamp_rows = _rows(_anchored(stamp, stamp_height), stamp_height)
        lines.extend(_write_rows(stamp_rows, letter, height, stamp_left, gap))
        lines.extend([[], [], []])
    marks.sort(key=lambda it: ((it[0][1] + it[0][3]) / 2, it[0][0]))
    return lines, [word for _, word in marks]


MARKS_SEPARATOR = "\n\n\n\n"
"""Before the lines of marks set apart: more blank lines than any block spans."""


def layout_text(pages: Sequence[Page]) -> tuple[str, WordMap]:
    """The text of ``pages`` in printed order, and where each of its words is.

    Marks set apart from the rows (see the module's strategy) follow the last
    page, after :data:`MARKS_SEPARATOR`, one line per page.
    """
    parts: list[str] = []
    placed: list[Placed] = []
    size = 0

    def put(text: str, word: PageWord | None = None, page: int = 0) -> None:
        nonlocal size
        if word is not None:
            placed.append(Placed(size, size + len(text), page, word.bbox, word.conf, text))
        parts.append(text)
        size += len(text)

    set_apart: list[tuple[int, list[PageWord]]] = []
    for n, page in enumerate(pages):
        if n:
            put("\f")
        lines, marks = _page_lines(page)
        if marks:
            set_apart.append((page.number, marks))
        for line in lines:
            cursor = 0
            for col, word in line:
                put(" " * max(0, col - cursor))
                cursor = max(cursor, col)
                text = clean_word(word.text)
                put(text, word, page.number)
                cursor += len(text)
            put("\n")
    if set_apart:
        put(MARKS_SEPARATOR)
        for number, marks in set_apart:
            for i, word in enumerate(marks):
                if i:
                    put(" ")
                put(word.text, word, number)
            put("\n")
    return "".join(parts), WordMap(tuple(placed))
