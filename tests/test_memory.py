"""Peak memory stays under 20 times the input's size on files of very short lines.

Each input is parsed in a fresh interpreter, so what earlier tests left in
memory cannot hide or inflate the figure: the child builds the input, warms
the parser up on a small text, takes its peak resident set as the baseline,
parses, and reports how much the peak grew.  A memory bound, not a time one
(``benchmarks/memory.py`` prints the figures for more shapes).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

pytest.importorskip("resource")  # POSIX only

SIZE = 2_000_000
"""Bytes of input: large enough that a cost per line dwarfs the interpreter's own noise."""
BOUND = 20

_CHILD = r"""
import resource, sys
from worksheet_parser import parse_bytes
unit, head, size = sys.argv[1].encode(), sys.argv[2].encode(), int(sys.argv[3])
raw = head + unit * ((size - len(head)) // len(unit))
parse_bytes(head + unit * 100)
scale = 1 if sys.platform == "darwin" else 1024
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
doc = parse_bytes(raw, max_size=None)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
runs = [*doc.unrecognized, *(line for ws in doc.worksheets for line in ws.unread)]
kept = sum(len("".join(run.text.split())) for run in runs)
want = len(b"".join(raw[len(head):].split()))
print(len(raw), peak - base, want - kept)
"""

HEAD = "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\nINCOMING\n"


@pytest.mark.parametrize(
    ("unit", "head"),
    [
        ("A\n", ""),
        ("A\n\n", ""),
        ("A B\n", ""),
        ("HELLO\n", ""),
        ("A\n", HEAD),
    ],
    ids=["one letter", "one letter, blank lines", "two words", "one word", "in a worksheet"],
)
def test_short_lines_stay_under_twenty_times_their_size(unit: str, head: str) -> None:
    """Parsing 2 MB of lines of one to six characters grows the peak resident memory by less
    than 20 times the input's size (it was 94 to 250 times: a record per line), and every
    line is still kept."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, unit, head, str(SIZE)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout.split()
    size, grew, missing = int(out[0]), int(out[1]), int(out[2])
    assert missing == 0  # every line kept, as unrecognized or unread text
    assert grew < BOUND * size, f"peak grew by {grew / size:.0f}x the input's size"
