"""Adversarial input shapes for growth-ratio checks (tests and ``benchmarks/adversarial.py``).

Each shape is a function of a whole number ``k`` that returns a text about
``k`` times as long as ``shape(1)``: a unit repeated ``k`` times, inside a
worksheet (so the lexer and the assembler see it) or, for separators, also
outside one (the segmenter alone).  They are built from the form's own
vocabulary, so a new label or value pattern gets its shapes without edits:

- per label (every colon, colon-less, whole-line and check-box spelling):
  many on one line, separated by blanks, by tabs or with nothing between;
  its last word alone (a label's tail: ``NOTE:``); a damaged copy; one per
  line; followed by a long value;
- per value pattern (digits, OCR digits, codes, dates, names, the mail
  codes' letters in parentheses), as a long run after each label that reads
  one;
- per separator (blanks, tabs, colons, line ends of every kind, control and
  non-ASCII characters), repeated between short words;
- per kind of block outside worksheets (letters, archive headers, review and
  release stamps), one after another, and a letter of many paragraphs.

Growth is measured as the ratio of parse times at ``8k`` and ``k`` (or per
doubling): a linear stage gives about 2 per doubling.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import time
from collections.abc import Callable, Iterator

from worksheet_parser import _vocab, parse
from worksheet_parser._worksheet._grammar import _parse_kinds

__all__ = ["HEAD", "SHAPES", "TAIL", "Shape", "growth", "seconds", "timings"]

Shape = Callable[[int], str]

HEAD = "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\nINCOMING\n"
"""Enough of a worksheet for the segmenter to hand what follows to the worksheet reader."""
TAIL = "\nDATE RECEIVED: JANUARY 30, 1992\nMAIL USER CODES: (A)\n"
"""Worksheet lines after the shape, so that the worksheet does not end before it."""


def _repeat(unit: str, *, head: str = HEAD, tail: str = TAIL, per: int = 1) -> Shape:
    return lambda k: head + unit * (k * per) + tail


def _damaged(spelling: str) -> str:
    """``spelling`` with one letter changed the way OCR changes letters (E -> F, O -> 0...)."""
    swaps = {"E": "F", "O": "0", "I": "1", "S": "5", "C": "G", "A": "4", "N": "H", "R": "K"}
    for i in range(len(spelling) // 2, len(spelling)):
        if spelling[i] in swaps:
            return spelling[:i] + swaps[spelling[i]] + spelling[i + 1 :]
    return spelling[:-1] + "X"


def _label_shapes() -> dict[str, Shape]:
    shapes: dict[str, Shape] = {}
    spellings: set[str] = set()
    for table in (_vocab.COLON_LABELS, _vocab.OPEN_LABELS):
        for group in table.values():
            spellings.update(group)
    for spelling in sorted(spellings):
        label = spelling + ":"
        tail = spelling.split()[-1] + ":"
        per = max(1, 40 // len(label))  # about 40 characters per unit
        shapes[f"label {label!r} many, blank"] = _repeat(label + " ", per=per)
        shapes[f"label {label!r} many, no blank"] = _repeat(label, per=per)
        shapes[f"label {label!r} many, tab"] = _repeat(label + "\t", per=per)
        shapes[f"label {label!r} many, colon-less"] = _repeat(spelling + " ", per=per)
        shapes[f"label {label!r} tail many"] = _repeat(tail + " ", per=per)
        shapes[f"label {label!r} tail at column breaks"] = _repeat("  " + tail + " X", per=per)
        shapes[f"label {label!r} damaged many"] = _repeat(_damaged(spelling) + ": ", per=per)
        shapes[f"label {label!r} one per line"] = _repeat(label + " X\n")
        shapes[f"label {label!r} long value"] = _repeat("WORD ", head=HEAD + label + " ", per=8)
    for group in _vocab.LINE_LABELS.values():
        for spelling in group:
            shapes[f"line label {spelling!r} many"] = _repeat(spelling + " ")
            shapes[f"line label {spelling!r} one per line"] = _repeat(spelling + "\n")
    for word, code in _vocab.CHECK_BOXES.items():
        shapes[f"check box {word!r} many"] = _repeat(f"X {code} - {word} ")
        shapes[f"check box {word!r} dashes"] = _repeat(f"- {code} - ", per=4)
    shapes["'ID#' many"] = _repeat("ID# 1 ", per=6)
    shapes["'ID#' one per line"] = _repeat("ID# 303373\n")
    shapes["legend phrases"] = _repeat(" *".join(_vocab.LEGEND_PHRASES) + " ")
    shapes["footer phrases"] = _repeat(" ".join(_vocab.FOOTER_PHRASES) + " ")
    shapes["every label on one line"] = _repeat(
        " ".join(f"{s}: X" for group in _vocab.COLON_LABELS.values() for s in group) + " "
    )
    shapes["every label, tabs"] = _repeat(
        "\t".join(f"{s}: X" for group in _vocab.COLON_LABELS.values() for s in group) + "\t"
    )
    return shapes


_VALUES: dict[str, str] = {
    "digits": "1",
    "digits and blanks": "1 ",
    "OCR digits": "O",
    "OCR digits mixed": "0lI1",
    "slashes": "1/",
    "date-like": "92/01/30 ",
    "commas": "9,",
    "codes": "ORG ",
    "mail codes": "(A)",
    "open parentheses": "(",
    "name words": "HONORABLE ",
    "dashes": "-",
    "asterisks": "*",
    "hash": "#",
}
"""Value patterns: a unit repeated to make a long value."""

_VALUE_LABELS = (
    "ODES:",
    "INDIVIDUAL CODES:",
    "MAIL USER CODES:",
    "DATE RECEIVED:",
    "ID#",
    "SUBJECT CODES:",
    "MEDIA:",
    "NAME OF CORRESPONDENT:",
    "ROUTE TO:",
)


def _value_shapes() -> dict[str, Shape]:
    shapes: dict[str, Shape] = {}
    for label in _VALUE_LABELS:
        for name, unit in _VALUES.items():
            per = max(1, 40 // len(unit))
            start = HEAD + label + " "
            # A long run, then one character no value pattern takes.
            shapes[f"value {name} after {label!r}"] = _repeat(
                unit, head=start, tail="X" + TAIL, per=per
            )
    shapes["routing rows on one line"] = _repeat(
        "FREDERICK MCCLURE ORG 92/01/30 A 92/01/30 ", head=HEAD + "ROUTE TO: OFFICE/AGENCY\n"
    )
    shapes["routing rows, one per line"] = _repeat(
        "FREDERICK MCCLURE\tORG 92/01/30\tA 92/01/30\n", head=HEAD + "ROUTE TO: OFFICE/AGENCY\n"
    )
    return shapes


_SEPARATORS: dict[str, str] = {
    "blank": " ",
    "blanks": "    ",
    "tab": "\t",
    "tabs": "\t\t\t",
    "colon": ":",
    "colon blank": ": ",
    "semicolon": ";",
    "comma": ",",
    "period": ".",
    "slash": "/",
    "dash": "-",
    "parenthesis": "(",
    "LF": "\n",
    "CR": "\r",
    "CRLF": "\r\n",
    "form feed": "\x0c",
    "vertical tab": "\x0b",
    "line separator": "\u2028",
    "NUL": "\x00",
    "escape": "\x1b[31m",
    "zero-width space": "\u200b",
    "no-break space": "\u00a0",
    "combining accent": "\u0301",
    "replacement character": "\ufffd",
    "lone surrogate": "\ud800",
}
"""Separators: repeated between short words."""


def _separator_shapes() -> dict[str, Shape]:
    shapes: dict[str, Shape] = {}
    for name, sep in _SEPARATORS.items():
        per = max(1, 40 // (len(sep) + 1))
        shapes[f"separator {name}, in a worksheet"] = _repeat("A" + sep, per=per)
        shapes[f"separator {name}, alone"] = _repeat("A" + sep, head="", tail="", per=per)
        shapes[f"separator {name} only"] = _repeat(sep, head="", tail="", per=per * 2)
    return shapes


_BLOCKS: dict[str, str] = {
    "letters": "Dear Sir:\nA\nSincerely,\nJ. Doe\n\n",
    "archive headers": "01494\n1992/01/29\nRELEASED\n186B\n\n",
    "review stamps": "United States Department of State\nReview Authority: X\nCase ID: 1\n\n",
    "release stamps": "RELEASED\nA\n",
}
"""Blocks outside worksheets: one repeated after another."""


def _block_shapes() -> dict[str, Shape]:
    shapes: dict[str, Shape] = {
        f"blocks: {name}, one after another": _repeat(unit, head="", tail="")
        for name, unit in _BLOCKS.items()
    }
    shapes["blocks: a letter of one-line paragraphs"] = _repeat(
        "A\n\n", head="Dear Sir:\n", tail="Sincerely,\nJ. Doe\n"
    )
    return shapes


SHAPES: dict[str, Shape] = {
    **_label_shapes(),
    **_value_shapes(),
    **_separator_shapes(),
    **_block_shapes(),
}
"""Every adversarial shape, by name."""


def _once(text: str) -> float:
    """Processor time of one parse of ``text``, the cyclic garbage collector paused.

    The collector is run first and paused while parsing, so that a full
    collection of what earlier runs left behind never falls inside one
    measurement and not another.
    """
    enabled = gc.isenabled()
    # The grammar's parse is remembered per sequence of token kinds up to a
    # length: forgotten before each parse, so that a short sequence's repeats
    # are not cheaper than a long one's (caches of lines and words stay warm,
    # as in a long run: they hold the same few answers at every size).
    _parse_kinds.cache_clear()
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        parse(text, max_size=None)
        return time.process_time() - start
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def _settled_heap() -> Iterator[None]:
    """What is alive now is set aside from the collector (``gc.freeze``) while measuring.

    The collection run before each parse then looks at the objects earlier
    parses left behind only, not at every object of the test session: a few
    milliseconds, not tens.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def seconds(text: str, repeat: int = 3) -> float:
    """The best of ``repeat`` parse times of ``text`` (the least disturbed by other work).

    Processor time of this process, not wall-clock time: other processes on
    a busy machine then slow a measurement down less.
    """
    with _settled_heap():
        return min(_once(text) for _ in range(max(1, repeat)))


def timings(texts: list[str], repeat: int = 3) -> list[float]:
    """The best of ``repeat`` parse times of each of ``texts``, measured in rounds.

    Each round parses every text once, so a stretch of heavy load on the
    machine slows one round of all of them, not every run of one.
    """
    best = [float("inf")] * len(texts)
    with _settled_heap():
        for _ in range(max(1, repeat)):
            for i, text in enumerate(texts):
                best[i] = min(best[i], _once(text))
    return best


def growth(shape: Shape, base: int, *, doublings: int = 3, repeat: int = 3) -> list[float]:
    """Parse-time ratios per doubling of ``shape``, from ``base`` units (``doublings`` of them).

    The time of the shape with no unit at all (its worksheet lines only) is
    taken off every time first, so that a fixed cost does not hide how the
    rest grows.  Every size is measured in each of ``repeat`` rounds
    (:func:`timings`), the best kept.
    """
    fixed, *times = timings([shape(0)] + [shape(base << i) for i in range(doublings + 1)], repeat)
    times = [t - fixed for t in times]
    floor = 1e-4  # 0.1 ms: below it, differences are noise
    return [max(b, floor) / max(a, floor) for a, b in itertools.pairwise(times)]
