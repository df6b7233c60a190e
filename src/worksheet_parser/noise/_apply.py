"""Apply the damage: render a record, draw every kind in order at a level, and return
the :class:`NoisyText`; the public entry points :func:`add_noise`, :class:`OcrNoise`,
:func:`ocr_noise` and :func:`noisy_text`.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from worksheet_parser._models import (
    ArchiveHeader,
    Document,
    Letter,
    ReleaseStamp,
    ReviewStamp,
    Worksheet,
)
from worksheet_parser._outputs._render import BLOCK_SEPARATOR, Layout, layout
from worksheet_parser.noise._edits import _RATES, _Choices, _Dice, _Edit, _RandomChoices, _Tape
from worksheet_parser.noise._kinds import _ENGINE_KINDS, _KINDS, _REREAD, KINDS
from worksheet_parser.noise._records import _VERBATIM, LEVELS, Damage, Effect, NoisyText

if TYPE_CHECKING:
    from hypothesis import strategies as st

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
