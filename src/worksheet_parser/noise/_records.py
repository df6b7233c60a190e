"""What the noise produces: :class:`NoisyText`, its :class:`Damage` records and their
:class:`Effect` on the fields they touch; and :data:`LEVELS`.
"""

from __future__ import annotations

import enum
import re
from typing import Any

import attrs

from worksheet_parser._models import Document

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
