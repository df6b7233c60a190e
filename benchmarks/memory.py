"""Peak memory (RSS) of a parse as a multiple of the input's size, per input shape.

Each shape is parsed in a fresh process; the figure is the growth of the
process's peak resident set during ``parse_bytes`` divided by the input's
size in bytes (the goal: under 20).  Not a test: figures for people.

    python benchmarks/memory.py [--mb 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys

HEAD = b"ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\nINCOMING\n"

SHAPES: dict[str, str] = {
    "typical dump (the sample repeated)": "sample",
    "short lines of one letter": "A",
    "short lines of two words": "AB",
    "short lines of one word": "word",
    "short lines in a worksheet": "ws",
    "label lines in a worksheet": "wslabel",
    "ID# lines": "id",
    "ID# lines between blank lines": "idb",
    "blank lines": "blank",
    "a letter of short lines (`A`)": "letter",
    "review stamp lines between text lines": "stamps",
    "`RELEASED` between text lines": "released",
    "`RELEASED` on every line": "released1",
    "document numbers (`01494`)": "numbers",
    "document numbers and text lines": "numbers2",
    "`NOTE: ` lines (a blank to trim)": "note",
    "tiny worksheets between blank lines": "tiny",
    "archive headers one after another": "headers",
    "short letters one after another": "letters",
    "a letter of one-line paragraphs": "paragraphs",
    "routing rows": "routing",
    "two labels in turn in a worksheet": "labels2",
    "a label and a continuation line": "continued",
}

_CHILD = r"""
import resource, sys, time
from worksheet_parser import example_text, parse_bytes
def peak_rss():
    # The process's own peak (getrusage's also counts the parent's at the fork, on Linux).
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
shape, n = sys.argv[1], int(sys.argv[2])
HEAD = {head!r}
units = {{"A": b"A\n", "AB": b"A B\n", "word": b"HELLO\n", "id": b"ID# 1\n", "blank": b"\n"}}
units.update(released1=b"RELEASED\n", numbers=b"01494\n", numbers2=b"01494\n1/29/92\n")
units["note"] = b"NOTE: \n"
units["tiny"] = b"ID# 303373\n\nSUBJECT: X\n\n"
units["idb"] = b"ID# 1\n\n"
if shape == "ws":
    raw = HEAD + b"A\n" * (n // 2)
elif shape == "wslabel":
    raw = HEAD + b"SUBJECT: X\n" * (n // 11)
elif shape == "letter":
    head = b"United States Senate\n\nJanuary 29, 1992\n\nDear Mr. President:\n\n"
    raw = head + b"A\n" * (n // 2) + b"\nSincerely,\n\nJohn F. Kerry\n"
elif shape == "stamps":
    raw = b"Case ID: 9301915\nA\n" * (n // 19)
elif shape == "released":
    raw = b"RELEASED\nA\n" * (n // 11)
elif shape == "headers":
    unit = b"George Bush Presidential Library\nCollection: WHORM Subject File\nID# 1\n\n"
    raw = unit * (n // len(unit))
elif shape == "letters":
    unit = b"Dear Mr. President:\nA\nSincerely,\nJohn Smith\n"
    raw = unit * (n // len(unit))
elif shape == "paragraphs":
    head = b"United States Senate\n\nDear Mr. President:\n\n"
    raw = head + b"A B C.\n\n" * (n // 8) + b"Sincerely,\n\nJohn F. Kerry\n"
elif shape == "routing":
    raw = HEAD + b"ROUTE TO: OFFICE/AGENCY (STAFF NAME)\n"
    raw += b"FREDERICK MCCLURE ORG 92/01/30 A 92/01/30\n" * (n // 42)
elif shape == "labels2":
    raw = HEAD + b"SUBJECT: X\nCOMMENTS: Y\n" * (n // 23)
elif shape == "continued":
    raw = HEAD + b"SUBJECT: X\n  Y\n" * (n // 16)
elif shape == "sample":
    t = example_text().encode()
    raw = (t + b"\n") * (n // len(t))
else:
    raw = units[shape] * (n // len(units[shape]))
parse_bytes(b"ID# 1")
base = peak_rss()
start = time.perf_counter()
doc = parse_bytes(raw, max_size=None)
seconds = time.perf_counter() - start
peak = peak_rss()
print(len(raw), peak - base, seconds)
"""


def main() -> int:
    """Print the peak memory ratio per shape."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="input size in MB (default 2)")
    args = ap.parse_args()
    child = _CHILD.format(head=HEAD)
    print(f"{'shape':<38} {'size':>8} {'peak RSS':>10} {'x size':>7} {'s':>6}")
    for name, shape in SHAPES.items():
        out = subprocess.run(
            [sys.executable, "-c", child, shape, str(int(args.mb * 1_000_000))],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        size, grew, seconds = int(out[0]), int(out[1]), float(out[2])
        print(
            f"{name:<38} {size / 1e6:6.1f}MB {grew / 1e6:8.0f}MB {grew / size:7.0f} {seconds:6.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
