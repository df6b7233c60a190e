"""Parse time grows linearly on every adversarial shape (no input stalls a run).

For each shape of ``tests/adversarial.py`` (per label, per value pattern, per
separator) the text is parsed at 1x, 2x, 4x and 8x a base size, and the time
at 8x must be at most ``2.5 ** 3`` times the time at 1x: 2.5 per doubling
on average, where a linear stage gives 2 and a quadratic one 4.  These are
ratios of processor times measured in the same run (best of three), not
wall-clock bounds; a ratio over the bound is measured again once, more
carefully, before the test fails, so a busy machine does not fail it.
``benchmarks/adversarial.py`` prints every ratio per doubling at a larger
size.
"""

from __future__ import annotations

import pytest

from tests.adversarial import SHAPES, Shape, growth
from worksheet_parser import parse

BASE_CHARS = 2000
"""Characters at 1x: large enough that a quadratic stage dominates by 8x."""
PER_DOUBLING = 2.5
BOUND = PER_DOUBLING**3


def _base(shape: Shape) -> int:
    unit = max(1, len(shape(1)) - len(shape(0)))
    return max(1, BASE_CHARS // unit)


def _overall(shape: Shape, repeat: int) -> float:
    base = _base(shape)
    ratios = growth(shape, base, repeat=repeat)
    total = 1.0
    for r in ratios:
        total *= r
    return total


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_growth_is_linear(name: str) -> None:
    """Eight times the input takes at most 2.5 ** 3 times as long (quadratic: 64)."""
    shape = SHAPES[name]
    ratio = _overall(shape, repeat=3)
    if ratio > BOUND:  # measure again, more carefully, before failing
        ratio = min(ratio, _overall(shape, repeat=7))
    assert ratio <= BOUND, f"{name}: 8x the input took {ratio:.1f}x the time"


def test_shapes_cover_the_named_stalls() -> None:
    """The shapes that once stalled a run are in the family."""
    assert "label 'REFERRAL NOTE:' tail many" in SHAPES  # many ``NOTE: `` on one line
    assert "value digits after 'ODES:'" in SHAPES  # ``ODES:`` then a long run of digits
    assert "every label on one line" in SHAPES  # many labels on one line


def test_shapes_are_read_as_worksheets() -> None:
    """A shape inside a worksheet reaches the worksheet reader (not only the segmenter)."""
    doc = parse(SHAPES["label 'REFERRAL NOTE:' tail many"](50))
    assert len(doc.worksheets) == 1
    assert doc.worksheets[0].id_number == "303373"
