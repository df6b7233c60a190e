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

import time

import pytest

from tests.adversarial import SHAPES, Shape, growth
from worksheet_parser import _vocab, parse
from worksheet_parser._text._normalize import normalize
from worksheet_parser._text._segment import BlockKind, segment
from worksheet_parser._worksheet._labels import find_labels

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


def test_many_letters_one_after_another_grow_linearly() -> None:
    """Thousands of short letters in a row: eight times as many take at most 2.5 ** 3 times
    as long (each salutation and closing was looked for from the run's first line: 16,000
    letters took 15 s, 4,000 under 1 s)."""
    shape = SHAPES["blocks: letters, one after another"]
    total = 1.0
    for r in growth(shape, 1000, repeat=2):
        total *= r
    assert total <= BOUND, f"8x the letters took {total:.1f}x the time"


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


def test_shapes_inside_a_worksheet_reach_its_reader() -> None:
    """Shapes of one long line are read as a worksheet's lines (not left to the segmenter)."""
    for name, shape in SHAPES.items():
        if not name.startswith(("label", "value", "every label", "check box")):
            continue
        if "one per line" in name:
            continue
        text = normalize(shape(40)).text
        middle = len(text) // 2
        blocks = segment(text)
        assert any(b.kind is BlockKind.WORKSHEET and b.start <= middle < b.end for b in blocks), (
            name
        )


def _lexing_seconds(line: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        find_labels(line)
        best = min(best, time.process_time() - start)
    return best


def test_many_labels_on_one_line_are_found_in_linear_time() -> None:
    """Labels on one long line: finding them grows linearly (it once copied a list per label).

    The label finder alone, at 25 kB to 200 kB, where copying the labels
    found so far for each label was quadratic (2.4 MB took 43 s).
    """
    unit = " ".join(f"{s}: X" for group in _vocab.COLON_LABELS.values() for s in group) + " "
    k = 25_000 // len(unit)

    def ratio(repeat: int) -> float:
        return _lexing_seconds(unit * 8 * k, repeat) / _lexing_seconds(unit * k, repeat)

    measured = ratio(3)
    if measured > BOUND:
        measured = min(measured, ratio(7))
    assert measured <= BOUND
