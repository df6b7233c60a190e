"""The machinery every kind of damage shares: the dice (a :class:`random.Random` or a
hypothesis tape), the rates per level, look-alike tables, one :class:`_Edit` and
where the lines and blocks of the rendered layout begin and end.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Protocol, TypeVar

import attrs

from worksheet_parser._outputs._render import Layout
from worksheet_parser.noise._records import Effect

T = TypeVar("T")


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
