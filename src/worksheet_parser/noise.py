"""Damage rendered text the way OCR engines damage scanned releases, and record every damage.

Use it to test a pipeline (or the parser) against realistic OCR noise,
knowing which fields the noise left recoverable and which it destroyed::

    import random
    from worksheet_parser import parse
    from worksheet_parser.noise import add_noise

    noisy = add_noise(document, level=2, rng=random.Random(0))
    doc = parse(noisy.text)
    noisy.effect("worksheets[0].date_received")   # None: untouched, or an Effect

With hypothesis (``pip install worksheet-parser[hypothesis]``),
:func:`noisy_text` is a strategy of :class:`NoisyText` and :func:`ocr_noise`
a strategy of :class:`OcrNoise` (a damage recipe to apply to any record).

Strategy: the record is rendered with :func:`worksheet_parser._render.layout`,
which says what each stretch of the clean text is (a printed label, a
field's value and what it holds, a column gap, printed form text).  Each
kind of damage seen in real releases (see ``forms.md``, "OCR noise seen in
real releases") picks its sites from that map: letter/digit confusions only
where they occur and can be told apart (digits of dates and numbers, letters
of long labels, the ``O`` of an honorific), broken and fused labels
(``NSCSITTERRAL NOTE:``, ``ODES:``), columns merged with tabs, values moved
to the line after their label, handwriting junk between routing rows,
spaced-out letters, blank lines added or dropped, the legend box flattened
onto one line, a review stamp repeated at the end, punctuation stripped,
whole dates smudged, stamp or date lines lost, and engines that write
everything in lower case.  On top of these come what real engines do to
photocopied, scanned pages (``forms.md``, "What a real OCR engine does to
these pages"; :data:`ENGINE_KINDS`): from level 1, stray marks fused to
labels and values (``~~~ DATE RECEIVED:``, ``| ACTION``, ``NOVEMBER 8,°
1991``, ``KENNEDY |``) and ``;``, ``.`` or nothing for a label's colon; from
level 2, spaces inserted or lost in labels (``CORRES PONDENT``,
``DATERECEIVED``), letter swaps in labels (``Casc ID:``), damaged separators
and digits (``92l07/08``, ``JULY 15; 1989``, ``PROO7``), bullet check boxes
(``8"I · INCOMING``, ``□ H - INTERNAL``), debris lines between the lines of
two fields (``I 1 I``, ``5m``, ``—_—``), damaged salutations and closings
(``Dcar``, ``Sinccrely,``), values wrapped onto the next line and ruled
blank slots read as rules (``—_—``); at level 3, routing tables read column
by column (offices, then codes, then dates, the heading before, between or
after), the 5/81 form's head read in blocks (the id before its label and on
the title's line, the date label split across the check-box lines) and
single pages in lower case.  These are drawn after the older kinds, so a
seed gives the older kinds the same damage as before (except inside a table
read by columns or a 5/81 head read in blocks, which replace it).  Every
site is taken with a probability that grows with the level (0: none, 3:
heaviest); damages never overlap (one damage per label).  Each
is kept as a :class:`Damage` with its span in the clean text, the fields
it touched and its :class:`Effect`: the field must still be read exactly
(``repairable``), read equal once case, blanks and punctuation are folded
(``folded``), may be lost but never wrong (``destroyed``: ``None`` plus a
diagnostic), or the noise added a record (``added``: a repeated stamp).
The choices come from a :class:`random.Random` or, under hypothesis, from a
tape of drawn numbers that shrinks towards no damage at all.
"""

from __future__ import annotations

import enum
import itertools
import random
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from worksheet_parser._models import (
    ArchiveHeader,
    Document,
    Letter,
    ReleaseStamp,
    ReviewStamp,
    Worksheet,
)
from worksheet_parser._render import BLOCK_SEPARATOR, Layout, Piece, layout

if TYPE_CHECKING:
    from hypothesis import strategies as st

__all__ = [
    "ENGINE_KINDS",
    "FIRST_LEVEL",
    "KINDS",
    "LEVELS",
    "Damage",
    "Effect",
    "NoisyText",
    "OcrNoise",
    "add_noise",
    "noisy_text",
    "ocr_noise",
]

T = TypeVar("T")

LEVELS = (0, 1, 2, 3)
"""Noise levels: 0 none, 1 light, 2 medium, 3 heaviest."""


class Effect(enum.StrEnum):
    """What a damage leaves of the fields it touched."""

    REPAIRABLE = "repairable"
    """The text can still be read: the field must come back exactly."""
    FOLDED = "folded"
    """Case, blanks or punctuation changed: the field must come back equal once folded."""
    DESTROYED = "destroyed"
    """The text is gone: the field may be ``None`` (with a diagnostic), never a wrong value."""
    ALTERED = "altered"
    """A field kept verbatim (a release stamp's ``text``) now holds the damaged text: any
    reading of it is right, so it is not scored."""
    ADDED = "added"
    """The noise added a record (a repeated stamp): the parsed document holds it too."""


_SEVERITY = {
    Effect.REPAIRABLE: 0,
    Effect.FOLDED: 1,
    Effect.ALTERED: 2,
    Effect.DESTROYED: 3,
    Effect.ADDED: 0,
}
_VERBATIM = re.compile(r"release_stamps\[\d+\]\.text$")


@attrs.frozen
class Damage:
    """One damage done to the clean text."""

    kind: str
    """Which kind of damage (one of :data:`KINDS`)."""
    start: int
    """Offset in the clean text where it starts."""
    end: int
    """Offset in the clean text just past what it replaced (``start`` for an insertion)."""
    fields: tuple[str, ...]
    """Paths of the fields it touched (``worksheets[0].routing[1].action_date``)."""
    effect: Effect
    """What it leaves of those fields."""
    original: str
    """The clean text it replaced."""
    replacement: str
    """What it wrote instead."""


def _covers(path: str, field: str) -> bool:
    """Whether a damage of ``path`` concerns ``field`` (the same, or one inside the other)."""
    if path == field:
        return True
    return any(field.startswith(path + sep) or path.startswith(field + sep) for sep in ".[")


@attrs.frozen
class NoisyText:
    """A record's clean rendering, its damaged text, and what the damage did."""

    source: Document
    """The clean records (a single record comes as a document of one)."""
    clean: str
    """The clean rendering."""
    text: str
    """The damaged text: feed this to the parser."""
    level: int
    """The noise level."""
    damages: tuple[Damage, ...]
    """Every damage, in clean-text order (a whole-text damage such as ``lower-case`` last).

    A damage whose fields come to different effects is listed once per effect, each
    record right after the other with the same kind, span and replacement: a damage
    inside a field kept verbatim (a release stamp's ``text``) once for the other fields
    and once with :attr:`Effect.ALTERED`; a routing table read column by column once for
    the columns that can be put back together and once, :attr:`Effect.DESTROYED`, for
    those that cannot.  To replay the damage, apply such a run once."""
    added: tuple[tuple[str, Any], ...] = ()
    """``(group, record)`` the noise added at the end (a repeated stamp)."""

    @property
    def expected(self) -> Document:
        """The document a perfect reader would give: the source plus any added records."""
        doc = self.source
        for group, record in self.added:
            doc = attrs.evolve(doc, **{group: (*getattr(doc, group), record)})
        return doc

    def effect(self, field: str) -> Effect | None:
        """The strongest effect of any damage on ``field`` (a path), or ``None`` if untouched."""
        found: Effect | None = None
        for d in self.damages:
            if d.effect is Effect.ADDED:
                continue
            hit = any(_covers(path, field) for path in d.fields)
            if hit and (found is None or _SEVERITY[d.effect] > _SEVERITY[found]):
                found = d.effect
        return found

    def fields_with(self, effect: Effect) -> frozenset[str]:
        """Paths of the fields whose strongest effect is ``effect``."""
        touched = {path for d in self.damages for path in d.fields}
        return frozenset(p for p in touched if self.effect(p) is effect)


# --------------------------------------------------------------------------
# Choices


class _Choices(Protocol):
    def number(self) -> int: ...


class _RandomChoices:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def number(self) -> int:
        return self._rng.randrange(1000)


class _Tape:
    """Numbers drawn by hypothesis; past the end of the tape, no more damage."""

    def __init__(self, tape: Sequence[int]) -> None:
        self._tape = tape
        self._i = 0

    def number(self) -> int:
        if self._i >= len(self._tape):
            return 0
        self._i += 1
        return self._tape[self._i - 1] % 1000


class _Dice:
    def __init__(self, choices: _Choices) -> None:
        self.c = choices

    def chance(self, p: float) -> bool:
        """True with probability ``p``; a number of 0 (where tapes shrink to) is always False."""
        return self.c.number() >= 1000 - round(p * 1000)

    def pick(self, options: Sequence[T]) -> T:
        return options[self.c.number() % len(options)]


# --------------------------------------------------------------------------
# Kinds of damage


_RATES = {0: 0.0, 1: 0.04, 2: 0.12, 3: 0.25}
_DIGIT_LOOKALIKES = {"0": "O", "1": "l", "5": "S", "8": "B"}
_LABEL_LOOKALIKES = {"O": "0", "I": "l", "i": "l"}
_JUNK = ("5m", "SC Supe", "- 1 2 2004", "/_/_", "99005")
_FUSED_PREFIXES = ("NSCS", "OMB", "CUFF", "SC")
_SMUDGES = "?#~"


@attrs.frozen
class _Edit:
    start: int
    end: int
    replacement: str
    kind: str
    effect: Effect
    fields: tuple[str, ...]


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _block_of(lay: Layout, at: int) -> str:
    for path, start, end in lay.blocks:
        if start <= at <= end:
            return path
    return ""


def _is_computer_printed(lay: Layout, at: int) -> bool:
    block = _block_of(lay, at)
    if not block.startswith("worksheets"):
        return False
    start = next(s for p, s, _ in lay.blocks if p == block)
    return lay.text.startswith("ID#", start)


def _swap_one(
    dice: _Dice, text: str, table: dict[str, str], start: int
) -> tuple[int, int, str] | None:
    spots = [i for i, ch in enumerate(text) if ch in table]
    if not spots:
        return None
    i = dice.pick(spots)
    return start + i, start + i + 1, table[text[i]]


def _confusions(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Letter/digit confusions where the reader can tell them apart."""
    for p in lay.pieces:
        text = lay.text[p.start : p.end]
        if p.role == "value" and p.expects in ("digits", "date") and dice.chance(rate):
            swap = _swap_one(dice, text, _DIGIT_LOOKALIKES, p.start)
            if swap is not None:
                yield _Edit(*swap, "confusion", Effect.REPAIRABLE, lay.fields(swap[0], swap[1]))
        elif p.role == "label" and _letters(text) > 5 and dice.chance(rate):
            swap = _swap_one(dice, text, _LABEL_LOOKALIKES, p.start)
            if swap is not None:
                yield _Edit(*swap, "label-broken", Effect.REPAIRABLE, (p.field or "",))
        elif (
            p.role == "value"
            and p.expects == "honorific"
            and text.upper().startswith(("THE HONORABLE", "HONORABLE"))
            and dice.chance(rate)
        ):
            at = p.start + text.upper().index("HONORABLE") + 3
            c = "C" if lay.text[at] == "O" else "c"
            yield _Edit(at, at + 1, c, "confusion", Effect.REPAIRABLE, (p.field or "",))


def _fused_labels(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """``NSCSITTERRAL NOTE:`` for ``REFERRAL NOTE:``; ``ODES:`` for ``INDIVIDUAL CODES:``."""
    for p in lay.pieces:
        if p.role != "label":
            continue
        text = lay.text[p.start : p.end]
        if text == "REFERRAL NOTE:" and dice.chance(rate):
            junk = dice.pick(_FUSED_PREFIXES) + "ITTE"
            yield _Edit(
                p.start, p.start + 4, junk, "label-fused", Effect.REPAIRABLE, (p.field or "",)
            )
        elif text == "INDIVIDUAL CODES:" and dice.chance(rate):
            yield _Edit(
                p.start, p.start + 12, "", "label-fused", Effect.REPAIRABLE, (p.field or "",)
            )


def _tabs(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Columns merged: a gap of blanks read as one tab."""
    for p in lay.pieces:
        blanks = p.role == "gap" and p.end - p.start >= 2 and " " in lay.text[p.start : p.end]
        if blanks and dice.chance(rate):
            yield _Edit(p.start, p.end, "\t", "tabs", Effect.REPAIRABLE, ())


_SPLIT_LABELS = frozenset(
    {
        "DATE RECEIVED:",
        "NAME OF CORRESPONDENT:",
        "SUBJECT:",
        "COMMENTS:",
        "Name of Correspondent:",
        "Date Correspondence Received (YY/MM/DD)",
        "Subject:",
        "Comments:",
        "Name of Document:",
    }
)


def _splits(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A label on one line and its value on the next."""
    for p in lay.pieces:
        if p.role != "label" or lay.text[p.start : p.end] not in _SPLIT_LABELS:
            continue
        if p.start != _line_start(lay.text, p.start) or lay.text[p.end : p.end + 1] != " ":
            continue
        if p.end + 1 < len(lay.text) and lay.text[p.end + 1] != "\n" and dice.chance(rate):
            yield _Edit(p.end, p.end + 1, "\n", "split", Effect.REPAIRABLE, (p.field or "",))


def _junk(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Handwriting read as junk, on a line of its own under a referral note."""
    for p in lay.pieces:
        if p.role == "label" and lay.text[p.start : p.end] == "REFERRAL NOTE:":
            end = _line_end(lay.text, p.end)
            if end < len(lay.text) and dice.chance(rate):
                yield _Edit(end, end, "\n" + dice.pick(_JUNK), "junk", Effect.REPAIRABLE, ())


def _spaced(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """``W A S H I N G T O N``."""
    for p in lay.pieces:
        if (
            p.expects == "place"
            and lay.text.startswith("WASHINGTON", p.start)
            and dice.chance(rate)
        ):
            word = lay.text[p.start : p.start + 10]
            yield _Edit(
                p.start, p.start + 10, " ".join(word), "spaced", Effect.REPAIRABLE, (p.field or "",)
            )


def _blank_lines(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Blank lines added between blocks and between a worksheet's lines, dropped in headers."""
    text = lay.text
    at = text.find(BLOCK_SEPARATOR)
    while at >= 0:
        if dice.chance(rate):
            yield _Edit(
                at, at, "\n" * (1 + dice.pick((0, 1, 2))), "blank-lines", Effect.REPAIRABLE, ()
            )
        at = text.find(BLOCK_SEPARATOR, at + len(BLOCK_SEPARATOR))
    for path, start, end in lay.blocks:
        if path.startswith("worksheets"):
            for i in range(start, end):
                if text[i] == "\n" and text[i + 1 : i + 2] != "\n" and dice.chance(rate / 2):
                    yield _Edit(i, i, "\n", "blank-lines", Effect.REPAIRABLE, ())
        elif path.startswith("headers"):
            for i in range(start, end - 1):
                if text[i : i + 2] == "\n\n" and dice.chance(rate):
                    yield _Edit(i, i + 1, "", "blank-lines", Effect.REPAIRABLE, ())


def _legend(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """The asterisk legend box flattened onto one line."""
    rows = [p for p in lay.pieces if p.role == "printed" and lay.text.startswith("*", p.start)]
    boxes: list[list[Piece]] = []
    for p in rows:
        if boxes and lay.text[boxes[-1][-1].end : p.start] == "\n":
            boxes[-1].append(p)
        else:
            boxes.append([p])
    for box in boxes:
        if len(box) > 1 and dice.chance(rate * 2):
            for a in box[:-1]:
                yield _Edit(a.end, a.end + 1, " ", "legend-flattened", Effect.REPAIRABLE, ())


def _punctuation(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Punctuation lost from names (``EDWARD M KENNEDY``, ``MILLER ROBERT``)."""
    for p in lay.pieces:
        if p.role == "value" and p.expects == "name":
            text = lay.text[p.start : p.end]
            stripped = text.replace(".", "").replace(",", "")
            if stripped != text and stripped and dice.chance(rate):
                yield _Edit(
                    p.start, p.end, stripped, "punctuation", Effect.FOLDED, (p.field or "",)
                )


def _smudges(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A numeric date smudged past reading (``9?/0#/30``)."""
    for p in lay.pieces:
        text = lay.text[p.start : p.end]
        if p.role == "value" and p.expects == "date" and "/" in text and dice.chance(rate / 3):
            digits = [i for i, ch in enumerate(text) if ch.isdigit()]
            chars = list(text)
            for i in digits[1::2]:
                chars[i] = dice.pick(_SMUDGES)
            yield _Edit(
                p.start,
                p.end,
                "".join(chars),
                "smudge",
                Effect.DESTROYED,
                lay.fields(p.start, p.end),
            )


_LOSABLE = ("Date:", "Case ID:", "DATE RECEIVED:")


def _lost_lines(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A stamp's date or case id line, or the ``DATE RECEIVED`` line, lost entirely."""
    for p in lay.pieces:
        if p.role == "label" and lay.text[p.start : p.end] in _LOSABLE and dice.chance(rate / 3):
            if p.start != _line_start(lay.text, p.start):
                continue
            end = _line_end(lay.text, p.start)
            if end < len(lay.text):
                end += 1
            elif p.start > 0:
                yield _Edit(p.start - 1, end, "", "line-lost", Effect.DESTROYED, (p.field or "",))
                continue
            yield _Edit(p.start, end, "", "line-lost", Effect.DESTROYED, (p.field or "",))


# --------------------------------------------------------------------------
# What real engines do to photocopied, scanned pages (forms.md, "What a real
# OCR engine does to these pages").  Drawn after the kinds above, so a seed
# gives the same damage of those kinds as before they existed.

_MARKS_BEFORE = ("~~~ ", "| ", ". ", "' ", "_ ", "; ", "* ")
_MARKS_AFTER = (" |", " :", " '", " ;", " _", " ~")
_DEGREE = "°"


def _stray_marks(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Marks fused to labels and values: ``~~~ DATE RECEIVED:``, ``| ACTION``, ``NOVEMBER 8,°
    1991``, a value followed by `` |``."""
    text = lay.text
    for p in lay.pieces:
        piece = text[p.start : p.end]
        fields = (p.field,) if p.field else ()
        at_start = p.start == _line_start(text, p.start)
        if p.role in ("label", "printed") and at_start and piece[:1].isalpha():
            if dice.chance(rate):
                mark = dice.pick(_MARKS_BEFORE)
                yield _Edit(p.start, p.start, mark, "stray-mark", Effect.REPAIRABLE, fields)
        elif p.role == "value" and p.expects == "date" and ", " in piece:
            if dice.chance(rate):
                at = p.start + piece.index(", ") + 1
                yield _Edit(at, at, _DEGREE, "stray-mark", Effect.REPAIRABLE, fields)
        elif (
            p.role == "value"
            and p.expects in ("date", "digits", "code", "name")
            and p.end == _line_end(text, p.end)
            and _block_of(lay, p.start).startswith(("worksheets", "review_stamps"))
            and dice.chance(rate)
        ):
            mark = dice.pick(_MARKS_AFTER)
            yield _Edit(p.end, p.end, mark, "stray-mark", Effect.REPAIRABLE, fields)


def _colons(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """``;`` or ``.`` or nothing for a label's colon (``DATE RECEIVED;``)."""
    for p in lay.pieces:
        piece = lay.text[p.start : p.end]
        labelled = p.role == "label" and piece.endswith(":") and _letters(piece) > 5
        if labelled and dice.chance(rate):
            mark = dice.pick((";", ".", ""))
            field = (p.field,) if p.field else ()
            yield _Edit(p.end - 1, p.end, mark, "colon", Effect.REPAIRABLE, field)


def _label_spacing(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Spaces inserted or lost inside labels: ``NAME OF CORRES PONDENT:``, ``SUBJEC T:``,
    ``DATERECEIVED:``."""
    for p in lay.pieces:
        piece = lay.text[p.start : p.end]
        if p.role != "label" or _letters(piece) <= 5 or not dice.chance(rate):
            continue
        field = (p.field,) if p.field else ()
        spaces = [i for i, ch in enumerate(piece) if ch == " "]
        words = list(re.finditer(r"[A-Za-z]{4,}", piece))
        if spaces and dice.chance(0.4):
            at = p.start + dice.pick(spaces)
            yield _Edit(at, at + 1, "", "label-spacing", Effect.REPAIRABLE, field)
        elif words:
            word = dice.pick(words)
            at = p.start + word.start() + 1 + dice.pick(range(len(word.group()) - 1))
            yield _Edit(at, at, " ", "label-spacing", Effect.REPAIRABLE, field)


_SWAPS = {"e": "c", "E": "F", "a": "o", "R": "K", "c": "e"}


def _label_swaps(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A letter swapped for a look-alike in a label: ``Casc ID:``, ``Rcview Authority:``."""
    for p in lay.pieces:
        piece = lay.text[p.start : p.end]
        if p.role == "label" and _letters(piece) > 5 and dice.chance(rate):
            swap = _swap_one(dice, piece, _SWAPS, p.start)
            if swap is not None:
                field = (p.field,) if p.field else ()
                yield _Edit(*swap, "label-swap", Effect.REPAIRABLE, field)


_SLASH_DAMAGE = ("l", ",", ".", "|")
_COMMA_DAMAGE = (";", ".", "")
_CODE = re.compile(r"[A-Z]{2}\d{3}")


def _separators(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Damaged separators and digits in dates and codes: ``92l07/08``, ``JULY 15; 1989``,
    ``PROO7`` for ``PR007``."""
    for p in lay.pieces:
        if p.role != "value" or not dice.chance(rate):
            continue
        piece = lay.text[p.start : p.end]
        fields = lay.fields(p.start, p.end)
        if p.expects == "date" and "/" in piece:
            at = p.start + dice.pick([i for i, ch in enumerate(piece) if ch == "/"])
            mark = dice.pick(_SLASH_DAMAGE)
            yield _Edit(at, at + 1, mark, "separator", Effect.REPAIRABLE, fields)
        elif p.expects == "date" and ", " in piece:
            at = p.start + piece.index(", ")
            mark = dice.pick(_COMMA_DAMAGE)
            yield _Edit(at, at + 1, mark, "separator", Effect.REPAIRABLE, fields)
        elif p.expects == "code" and _CODE.match(piece) and "0" in piece[2:5]:
            at = p.start + 2 + dice.pick([i for i, ch in enumerate(piece[2:5]) if ch == "0"])
            yield _Edit(at, at + 1, "O", "separator", Effect.REPAIRABLE, fields)


_TICKS = ('8"', "■", "·", "•", "X")
_EMPTIES = ("0", "D", "□", "0 0")
_BOX_SEPARATORS = ("-", "·", "•", "")


def _boxes(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Check boxes as engines read them: ``8"I · INCOMING``, ``• I - INCOMING``, ``□ O -
    OUTGOING``, the mark fused with the box letter, the separator changed or lost."""
    pieces = lay.pieces
    for k, p in enumerate(pieces):
        if p.role != "mark" or k + 1 >= len(pieces) or not dice.chance(rate * 3):
            continue
        box = pieces[k + 1]
        label = lay.text[box.start : box.end]
        if not re.match(r"[A-Z] - ", label) or lay.text[p.end : box.start] != " ":
            continue
        ticked = box.role == "value"
        mark = dice.pick(_TICKS if ticked else _EMPTIES)
        fused = ticked and dice.chance(0.5)
        sep = dice.pick(_BOX_SEPARATORS)
        new = mark + ("" if fused else " ") + label[0] + (f" {sep} " if sep else " ")
        field = (p.field,) if p.field else ()
        yield _Edit(p.start, box.start + 4, new, "bullet-box", Effect.REPAIRABLE, field)


_DEBRIS = ("I 1 I", "5m", "—_—", "'", "Gy ~", "|", "/_/_", "~ ~", "1 I", "_")


def _debris(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Handwriting and rules read as short junk lines (``I 1 I``, ``5m``, ``—_—``, a tick)
    between two lines of different fields: between routing rows, inside a review stamp,
    between a closing and the typed name below it."""
    text = lay.text
    pieces = [p for p in lay.pieces if p.role != "gap"]
    for k in range(1, len(pieces)):
        before, p = pieces[k - 1], pieces[k]
        block = _block_of(lay, p.start)
        if not block.startswith(("worksheets", "review_stamps", "letters")):
            continue
        if p.start != _line_start(text, p.start) or p.start == 0 or text[p.start - 1] != "\n":
            continue
        if _block_of(lay, before.start) != block:
            continue
        if before.role == "printed" and p.role == "printed":
            continue  # inside the form's own text (title, legend, footer)
        new_field = p.field is None or before.field is None or p.field != before.field
        if new_field and dice.chance(rate / 2):
            junk = dice.pick(_DEBRIS) + "\n"
            yield _Edit(p.start, p.start, junk, "debris", Effect.REPAIRABLE, ())


def _letter_words(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """Damaged salutations and closings: ``Dcar Mr. President:``, ``Sinccrely,``,
    ``Sincerely yours.``."""
    for p in lay.pieces:
        if p.field is None or p.role != "value" or not dice.chance(rate * 2):
            continue
        piece = lay.text[p.start : p.end]
        if p.field.endswith(".salutation") and piece in ("Dear", "My"):
            at = p.start + piece.index(piece[1])
            new = {"e": "c", "y": "v"}[piece[1]]
            yield _Edit(at, at + 1, new, "letter-words", Effect.REPAIRABLE, (p.field,))
        elif p.field.endswith(".closing") and piece.endswith(","):
            if "e" in piece and dice.chance(0.5):
                at = p.start + piece.rindex("e")
                yield _Edit(at, at + 1, "c", "letter-words", Effect.REPAIRABLE, (p.field,))
            else:
                yield _Edit(p.end - 1, p.end, ".", "letter-words", Effect.REPAIRABLE, (p.field,))


def _wrapped_values(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A value wrapped onto the next line: a long name, a list of subject codes or
    individual codes."""
    text = lay.text
    pieces = [p for p in lay.pieces if p.role == "value" and p.field is not None]
    for before, p in itertools.pairwise(pieces):
        field = p.field or ""
        if not field.startswith("worksheets") or ".routing" in field:
            continue
        same = before.field == p.field or (
            ".correspondent" in field and ".correspondent" in (before.field or "")
        )
        if not same or p.expects not in ("name", "code", "digits", "honorific"):
            continue
        if text[before.end : p.start] == " " and dice.chance(rate):
            fields = (before.field or "", field) if before.field != field else (field,)
            yield _Edit(before.end, p.start, "\n", "wrapped", Effect.REPAIRABLE, fields)


_HEAD_PLACES = ("before", "between", "after")
_COLUMNS = (
    "office",
    "action_code",
    "action_date",
    "response_type",
    "disposition_code",
    "disposition_date",
)


def _column_major(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A routing table read column by column: every office, then every action code, every
    date..., then the referral notes, with the heading lines before, between or after.

    A column that has a cell (a value or the form's blank slot) in every row can be put
    back together: its fields are repairable.  A column printed in some rows only (an
    empty response type, a 5/81 row without a disposition) cannot: which row a value
    belongs to is lost, so those fields are destroyed (never to be put in a wrong row)."""
    text = lay.text
    for table in lay.tables:
        if len(table.rows) < 2 or not dice.chance(min(1.0, rate * 2)):
            continue
        place = dice.pick(_HEAD_PLACES)
        head = [text[s:e] for s, e in table.head]
        lines: list[str] = head[:] if place == "before" else []
        repairable: list[str] = []
        destroyed: list[str] = []
        for column in _COLUMNS:
            cells = [c for row in table.rows for c in row if c.column == column]
            lines.extend(text[c.start : c.end] for c in cells)
            held = [c.field for c in cells if c.field]
            (repairable if len(cells) == len(table.rows) else destroyed).extend(held)
            if column == "office" and place == "between":
                lines.extend(head)
        notes = [c for row in table.rows for c in row if c.column == "referral_note"]
        lines.extend(text[c.start : c.end] for c in notes)
        repairable.extend(c.field for c in notes if c.field)
        if place == "after":
            lines.extend(head)
        new = "\n".join(lines) + "\n"
        yield _Edit(
            table.start, table.end, new, "column-major", Effect.REPAIRABLE, tuple(repairable)
        )
        if destroyed:
            yield _Edit(
                table.start, table.end, new, "column-major", Effect.DESTROYED, tuple(destroyed)
            )


_RULES = ("—_—", "_", "—", "__/_/__", "_ _/_ _", "— —")


def _blank_slots(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """A routing table's ruled blank slots (``__``, ``__/__/__``) read as rules: ``—_—``."""
    for p in lay.pieces:
        slot = p.role == "printed" and lay.text[p.start : p.end] in ("__", "__/__/__")
        if slot and dice.chance(rate):
            rule = dice.pick(_RULES)
            yield _Edit(p.start, p.end, rule, "blank-slot", Effect.REPAIRABLE, ())


_FORM_TITLE = ("WHITE HOUSE", "CORRESPONDENCE TRACKING WORKSHEET")
_DATE_LABEL_5_81 = "Date Correspondence Received (YY/MM/DD)"
_LAYOUT_TICKS = ("X", "[x]", '8"', "■", "•")
_LAYOUT_EMPTIES = ("0", "D", "□", "[_]")


def _box_layout(dice: _Dice, lay: Layout, rate: float) -> Iterable[_Edit]:
    """The 5/81 form's head as engines read it: the id (often before its label) and the
    title on one line, each check box on a line of its own (or the first on the title's
    line), the date label split across the check-box lines (``O - OUTGOING Date
    Correspondence`` / ``H - INTERNAL Received (YY/MM/DD) 85/11/05`` / ``I -
    INCOMING``)."""
    text = lay.text
    for path, start, end in lay.blocks:
        if not path.startswith("worksheets") or not text.startswith("ID #", start):
            continue
        rows = text[start:end].split("\n")[:5]
        if len(rows) < 5 or tuple(rows[1:3]) != _FORM_TITLE:
            continue
        boxes = rows[3].split("\t")
        if len(boxes) != 3 or not rows[4].startswith(_DATE_LABEL_5_81):
            continue
        if not dice.chance(min(1.0, rate * 2)):
            continue
        number = rows[0].removeprefix("ID #").strip()
        title = " ".join(_FORM_TITLE)
        head = f"{number} ID {title}" if number and dice.chance(0.5) else f"{rows[0]} {title}"
        marked = []
        for box in boxes:
            mark, rest = box.split(" ", 1)
            marks = _LAYOUT_TICKS if mark == "X" else _LAYOUT_EMPTIES
            marked.append(f"{dice.pick(marks)} {rest}")
        value = rows[4][len(_DATE_LABEL_5_81) :]
        if dice.chance(0.3):
            # The first box on the id and title's line.
            lines = [
                f"{head} {marked[0]}",
                f"{marked[1]} Date Correspondence",
                f"{marked[2]} Received (YY/MM/DD){value}",
            ]
        else:
            lines = [
                head,
                f"{marked[0]} Date Correspondence",
                f"{marked[1]} Received (YY/MM/DD){value}",
                marked[2],
            ]
        region = start + len("\n".join(rows))
        fields = lay.fields(start, region)
        yield _Edit(start, region, "\n".join(lines), "box-layout", Effect.REPAIRABLE, fields)


_Kind = Callable[[_Dice, Layout, float], Iterable[_Edit]]

_KINDS: dict[str, tuple[int, _Kind]] = {
    # kind: (first level it appears at, generator)
    "confusion": (1, _confusions),
    "tabs": (1, _tabs),
    "blank-lines": (1, _blank_lines),
    "junk": (1, _junk),
    "label-fused": (2, _fused_labels),
    "split": (2, _splits),
    "spaced": (2, _spaced),
    "legend-flattened": (2, _legend),
    "punctuation": (2, _punctuation),
    "smudge": (2, _smudges),
    "line-lost": (3, _lost_lines),
}

_ENGINE_KINDS: dict[str, tuple[int, _Kind]] = {
    # kind: (first level it appears at, generator); drawn after the kinds above.
    "stray-mark": (1, _stray_marks),
    "colon": (1, _colons),
    "label-spacing": (2, _label_spacing),
    "label-swap": (2, _label_swaps),
    "separator": (2, _separators),
    "bullet-box": (2, _boxes),
    "debris": (2, _debris),
    "letter-words": (2, _letter_words),
    "wrapped": (2, _wrapped_values),
    "blank-slot": (2, _blank_slots),
    "column-major": (3, _column_major),
    "box-layout": (3, _box_layout),
}

_REREAD = frozenset({"column-major", "box-layout"})
"""Kinds that read a whole region anew: damage drawn inside it before is not made."""

KINDS: tuple[str, ...] = (
    "confusion",
    "label-broken",
    "label-fused",
    "tabs",
    "split",
    "junk",
    "spaced",
    "blank-lines",
    "legend-flattened",
    "stamp-repeated",
    "punctuation",
    "smudge",
    "line-lost",
    "lower-case",
    "stray-mark",
    "colon",
    "label-spacing",
    "label-swap",
    "separator",
    "bullet-box",
    "debris",
    "letter-words",
    "wrapped",
    "column-major",
    "page-lower-case",
    "blank-slot",
    "box-layout",
)
"""Every kind of damage, as recorded in :attr:`Damage.kind`."""

FIRST_LEVEL: dict[str, int] = {
    **{kind: first for kind, (first, _) in _KINDS.items()},
    "label-broken": 1,
    "stamp-repeated": 2,
    "lower-case": 3,
    **{kind: first for kind, (first, _) in _ENGINE_KINDS.items()},
    "page-lower-case": 3,
}
"""The lowest noise level at which each kind of damage is drawn."""

ENGINE_KINDS: tuple[str, ...] = (*_ENGINE_KINDS, "page-lower-case")
"""The kinds of damage real OCR engines make on photocopied, scanned pages, beyond the
older noisy-dump kinds: stray marks, colons, spacing and letter swaps in labels,
separators, bullet check boxes, debris lines, damaged salutations and closings, wrapped
values, blank slots read as rules, tables read column by column, the 5/81 head read in
blocks, pages in lower case."""

_LOWER_CASE_CHANCE = {0: 0.0, 1: 0.0, 2: 0.0, 3: 0.15}
_REPEAT_CHANCE = {0: 0.0, 1: 0.0, 2: 0.3, 3: 0.5}


def _as_document(obj: Any) -> Document:
    if isinstance(obj, Document):
        return obj
    groups = {
        Worksheet: "worksheets",
        ReviewStamp: "review_stamps",
        ReleaseStamp: "release_stamps",
        Letter: "letters",
        ArchiveHeader: "headers",
    }
    group = groups.get(type(obj))
    if group is None:
        raise TypeError(f"cannot add noise to a {type(obj).__name__}")
    return Document(**{group: (obj,)})


def _damage(
    obj: Any,
    level: int,
    choices: _Choices,
    kinds: frozenset[str] | None = None,
    engine_choices: _Choices | None = None,
) -> NoisyText:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    if kinds is not None and not kinds <= set(KINDS):
        raise ValueError(f"unknown kinds of damage: {sorted(kinds - set(KINDS))}")
    doc = _as_document(obj)
    lay = layout(obj)
    dice = _Dice(choices)
    # The engine kinds draw from a stream of their own when given one (a hypothesis
    # tape), so a short tape spent on the older kinds still leaves them choices.
    engine_dice = dice if engine_choices is None else _Dice(engine_choices)
    rate = _RATES[level]

    def wanted(kind: str, first: int) -> bool:
        return level >= first if kinds is None else kind in kinds

    edits: list[_Edit] = []
    for kind, (first, make) in _KINDS.items():
        # A kind asked for explicitly is drawn at least at the light rate.
        if not (wanted(kind, first) or (kind == "confusion" and wanted("label-broken", 1))):
            continue
        kind_rate = rate if kinds is None else max(rate, _RATES[2])
        for edit in make(dice, lay, kind_rate):
            if kinds is not None and edit.kind not in kinds:
                continue
            if any(_overlap(edit, e) for e in edits):
                continue
            edits.append(edit)
    added: list[tuple[str, Any]] = []
    text_end = len(lay.text)
    repeat = _REPEAT_CHANCE[level] if kinds is None else (0.5 if "stamp-repeated" in kinds else 0)
    if doc.review_stamps and dice.chance(repeat):
        index = dice.pick(range(len(doc.review_stamps)))
        path = f"review_stamps[{index}]"
        start, end = next((s, e) for p, s, e in lay.blocks if p == path)
        copy = BLOCK_SEPARATOR + lay.text[start:end]
        added.append(("review_stamps", doc.review_stamps[index]))
        fields = (f"review_stamps[{len(doc.review_stamps)}]",)
        edits.append(_Edit(text_end, text_end, copy, "stamp-repeated", Effect.ADDED, fields))
    lower = _LOWER_CASE_CHANCE[level] if kinds is None else (0.5 if "lower-case" in kinds else 0)
    lowered = dice.chance(lower)
    for kind, (first, make) in _ENGINE_KINDS.items():
        if not wanted(kind, first):
            continue
        kind_rate = rate if kinds is None else max(rate, _RATES[2])
        for edit in make(engine_dice, lay, kind_rate):
            if edit.kind in _REREAD:
                # The region is read anew: damage drawn inside it is not made.
                edits = [e for e in edits if e.kind == edit.kind or not _overlap(edit, e)]
                edits.append(edit)
            elif not any(_overlap(edit, e) for e in edits) and not _second_in_label(
                lay, edit, edits
            ):
                edits.append(edit)
    page = _RATES[level] / 2 if kinds is None else (0.5 if "page-lower-case" in kinds else 0)
    if level >= 3 or kinds is not None:
        for _path, start, end in lay.blocks:
            if engine_dice.chance(page) and not lowered:
                edits = _lower_block(lay, edits, start, end)
    edits.sort(key=lambda e: (e.start, e.end))
    out: list[str] = []
    pos = 0
    applied: tuple[str, int, int, str] | None = None
    for e in edits:
        if (e.kind, e.start, e.end, e.replacement) == applied:
            continue  # a second record of the same damage, for fields of another effect
        out.append(lay.text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
        applied = (e.kind, e.start, e.end, e.replacement)
    out.append(lay.text[pos:])
    text = "".join(out)
    damages: list[Damage] = []
    for e in edits:
        original = lay.text[e.start : e.end]
        verbatim = tuple(f for f in e.fields if _VERBATIM.search(f))
        # A field kept verbatim holds whatever text is printed: damage inside it,
        # even a smudge that destroys a date, alters it; it cannot destroy it.
        if verbatim and e.effect in (Effect.REPAIRABLE, Effect.FOLDED, Effect.DESTROYED):
            rest = tuple(f for f in e.fields if f not in verbatim)
            damages.append(Damage(e.kind, e.start, e.end, rest, e.effect, original, e.replacement))
            damages.append(
                Damage(e.kind, e.start, e.end, verbatim, Effect.ALTERED, original, e.replacement)
            )
        else:
            damages.append(
                Damage(e.kind, e.start, e.end, e.fields, e.effect, original, e.replacement)
            )
    if lowered:
        every = tuple(dict.fromkeys(p.field for p in lay.pieces if p.field))
        # Records the noise added (repeated stamps) are lower-cased with the rest.
        every += tuple(f for d in damages if d.effect is Effect.ADDED for f in d.fields)
        damages.append(Damage("lower-case", 0, len(lay.text), every, Effect.FOLDED, "", ""))
        text = text.lower()
    return NoisyText(doc, lay.text, text, level, tuple(damages), tuple(added))


_LABEL_KINDS = frozenset({"stray-mark", "colon", "label-spacing", "label-swap"})


def _second_in_label(lay: Layout, edit: _Edit, edits: Sequence[_Edit]) -> bool:
    """Whether ``edit`` damages a label that another damage has already touched (one damage
    per label, so the label stays recognisable)."""
    if edit.kind not in _LABEL_KINDS:
        return False
    for p in lay.pieces:
        if p.role == "label" and p.start <= edit.start <= p.end:
            return any(p.start <= e.start <= p.end or p.start <= e.end - 1 < p.end for e in edits)
    return False


def _lower_block(lay: Layout, edits: list[_Edit], start: int, end: int) -> list[_Edit]:
    """A page (a block) read in lower case: every stretch of it, damaged or not."""
    out: list[_Edit] = []
    pos = start
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if start <= e.start and e.end <= end and e.effect is not Effect.ADDED:
            low = e.replacement.lower()
            if low != e.replacement:
                effect = Effect.FOLDED if e.effect is Effect.REPAIRABLE else e.effect
                e = attrs.evolve(e, replacement=low, effect=effect)
            if e.start > pos:
                out.extend(_lowered(lay, pos, e.start))
            pos = max(pos, e.end)
        elif e.start < end and e.end > start:
            # A damage across the block's edge: lower-case up to it and go on after it.
            if e.start > pos:
                out.extend(_lowered(lay, pos, e.start))
            pos = max(pos, e.end)
        out.append(e)
    if pos < end:
        out.extend(_lowered(lay, pos, end))
    return out


def _lowered(lay: Layout, start: int, end: int) -> Iterable[_Edit]:
    stretch = lay.text[start:end]
    if stretch.lower() != stretch:
        fields = lay.fields(start, end)
        yield _Edit(start, end, stretch.lower(), "page-lower-case", Effect.FOLDED, fields)


def _overlap(a: _Edit, b: _Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def add_noise(
    obj: Any,
    *,
    level: int = 2,
    rng: random.Random | None = None,
    kinds: Iterable[str] | None = None,
) -> NoisyText:
    """Render ``obj`` (a record or a :class:`Document`) and damage it like OCR, at ``level``.

    ``rng`` makes the choices (default: ``random.Random(0)``); ``kinds``
    restricts the damage to those of :data:`KINDS` (each then drawn at least
    at the medium rate, whatever the level).  No hypothesis needed.

    >>> import random
    >>> from worksheet_parser import parse
    >>> from worksheet_parser.strategies import example_documents
    >>> doc = example_documents(1, seed=4)[0]
    >>> noisy = add_noise(doc, level=3, rng=random.Random(4))
    >>> noisy.text != noisy.clean, len(noisy.damages) > 0
    (True, True)
    """
    return _damage(
        obj,
        level,
        _RandomChoices(rng if rng is not None else random.Random(0)),
        None if kinds is None else frozenset(kinds),
    )


@attrs.frozen
class OcrNoise:
    """A damage recipe drawn by :func:`ocr_noise`: call it on a record to damage its rendering."""

    level: int
    """The noise level."""
    tape: tuple[int, ...]
    """The drawn numbers that make every choice."""
    kinds: frozenset[str] | None = None
    """The kinds of damage allowed (``None``: those of the level)."""
    engine_tape: tuple[int, ...] = ()
    """The drawn numbers that make the choices of the kinds of :data:`ENGINE_KINDS`
    (empty: they draw from ``tape`` after the other kinds)."""

    def __call__(self, obj: Any) -> NoisyText:
        """Render ``obj`` and damage it."""
        engine = _Tape(self.engine_tape) if self.engine_tape else None
        return _damage(obj, self.level, _Tape(self.tape), self.kinds, engine)


def ocr_noise(
    *, level: int = 2, kinds: Iterable[str] | None = None, max_choices: int = 400
) -> st.SearchStrategy[OcrNoise]:
    """A hypothesis strategy of damage recipes at ``level`` (shrinking towards no damage)."""
    from hypothesis import strategies as st

    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    allowed = None if kinds is None else frozenset(kinds)
    tapes = st.lists(st.integers(0, 999), max_size=max_choices).map(tuple)
    return st.tuples(tapes, tapes).map(lambda t: OcrNoise(level, t[0], allowed, t[1]))


def noisy_text(
    records: Any, *, level: int = 2, kinds: Iterable[str] | None = None
) -> st.SearchStrategy[NoisyText]:
    """A hypothesis strategy of damaged renderings of ``records`` (a strategy or a record)."""
    from hypothesis import strategies as st

    source = records if isinstance(records, st.SearchStrategy) else st.just(records)
    return st.tuples(source, ocr_noise(level=level, kinds=kinds)).map(lambda p: p[1](p[0]))
