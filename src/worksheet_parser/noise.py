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
everything in lower case.  Every site is taken with a probability that
grows with the level (0: none, 3: heaviest); damages never overlap.  Each
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

    A damage inside a field kept verbatim (a release stamp's ``text``) is listed twice
    over the same span: once for the other fields, once with :attr:`Effect.ALTERED`."""
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
)
"""Every kind of damage, as recorded in :attr:`Damage.kind`."""

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
    obj: Any, level: int, choices: _Choices, kinds: frozenset[str] | None = None
) -> NoisyText:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    if kinds is not None and not kinds <= set(KINDS):
        raise ValueError(f"unknown kinds of damage: {sorted(kinds - set(KINDS))}")
    doc = _as_document(obj)
    lay = layout(obj)
    dice = _Dice(choices)
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
    edits.sort(key=lambda e: (e.start, e.end))
    out: list[str] = []
    pos = 0
    for e in edits:
        out.append(lay.text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
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
    lower = _LOWER_CASE_CHANCE[level] if kinds is None else (0.5 if "lower-case" in kinds else 0)
    if dice.chance(lower):
        every = tuple(dict.fromkeys(p.field for p in lay.pieces if p.field))
        # Records the noise added (repeated stamps) are lower-cased with the rest.
        every += tuple(f for d in damages if d.effect is Effect.ADDED for f in d.fields)
        damages.append(Damage("lower-case", 0, len(lay.text), every, Effect.FOLDED, "", ""))
        text = text.lower()
    return NoisyText(doc, lay.text, text, level, tuple(damages), tuple(added))


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

    def __call__(self, obj: Any) -> NoisyText:
        """Render ``obj`` and damage it."""
        return _damage(obj, self.level, _Tape(self.tape), self.kinds)


def ocr_noise(
    *, level: int = 2, kinds: Iterable[str] | None = None, max_choices: int = 400
) -> st.SearchStrategy[OcrNoise]:
    """A hypothesis strategy of damage recipes at ``level`` (shrinking towards no damage)."""
    from hypothesis import strategies as st

    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, got {level!r}")
    allowed = None if kinds is None else frozenset(kinds)
    tapes = st.lists(st.integers(0, 999), max_size=max_choices).map(tuple)
    return tapes.map(lambda tape: OcrNoise(level, tape, allowed))


def noisy_text(
    records: Any, *, level: int = 2, kinds: Iterable[str] | None = None
) -> st.SearchStrategy[NoisyText]:
    """A hypothesis strategy of damaged renderings of ``records`` (a strategy or a record)."""
    from hypothesis import strategies as st

    source = records if isinstance(records, st.SearchStrategy) else st.just(records)
    return st.tuples(source, ocr_noise(level=level, kinds=kinds)).map(lambda p: p[1](p[0]))
