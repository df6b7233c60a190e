"""Time and memory on pathological inputs, against a typical packet dump.

Prints, for each input: its size, milliseconds per MB, the ratio to the
typical dump's ms/MB (the goal: none above 20), and the peak memory traced
during the parse as a multiple of the input's size.  Not a test: figures
for people.

    python benchmarks/pathological.py [--scale 1.0]
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable

from worksheet_parser import example_text, parse, parse_bytes

LABELS = (
    "ID# 1 DATE RECEIVED: X NAME OF CORRESPONDENT: Y SUBJECT: Z ROUTE TO: REFERRAL NOTE: "
    "COMMENTS: ADDITIONAL CORRESPONDENTS: MEDIA: INDIVIDUAL CODES: MAIL USER CODES: "
)
HEAD = "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n"


def cases(scale: float) -> dict[str, str | bytes]:
    """The inputs of the reliability page, scaled."""
    sample = example_text()
    mb = int(1_000_000 * scale)
    return {
        "typical dump (sample x N)": (sample + "\n") * max(1, mb // len(sample)),
        "empty file": "",
        "10 MB on one line": ("A B C DATE: " * (10 * mb // 12)),
        "a million blank lines": "\n" * mb,
        "100,000 REFERRAL NOTE: lines": HEAD
        + "ROUTE TO: OFFICE/AGENCY\n"
        + "REFERRAL NOTE:\n" * int(100_000 * scale),
        "legend of 50,000 asterisks": HEAD + "*" * int(50_000 * scale) + "\n",
        "every label on one line": (LABELS * 20 + "\n") * int(300 * scale),
        "binary garbage": bytes((i * 7919) % 256 for i in range(mb)),
        "NUL bytes": "\x00" * mb,
        "lone surrogates": ("\ud800x\udfff " * (mb // 5)),
        "mixed encodings": (sample.encode() + "Ré".encode("latin-1")) * max(1, mb // len(sample)),
        "CRLF line ends": sample.replace("\n", "\r\n") * max(1, mb // len(sample)),
        "CR-only line ends": sample.replace("\n", "\r") * max(1, mb // len(sample)),
        "packet cut mid-field": (sample[: sample.index("TIBET")] + "\n") * max(1, mb // 700),
    }


def measure(fn: Callable[[], object]) -> tuple[float, int]:
    """Seconds for one call, and peak traced memory in bytes (separate run)."""
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    """Print the table."""
    args = argparse.ArgumentParser(description=__doc__)
    args.add_argument("--scale", type=float, default=1.0)
    scale = args.parse_args().scale
    rows = []
    typical = None
    for name, data in cases(scale).items():
        size = len(data)
        if isinstance(data, bytes):
            seconds, peak = measure(lambda d=data: parse_bytes(d))  # type: ignore[misc]
        else:
            seconds, peak = measure(lambda d=data: parse(d))  # type: ignore[misc]
        ms_per_mb = seconds * 1000 / max(size / 1e6, 1e-6) if size else 0.0
        if typical is None:
            typical = ms_per_mb
        rows.append((name, size, seconds, ms_per_mb, peak))
    head = ("input", "size", "ms", "ms/MB", "x typical", "peak/size")
    print(f"{head[0]:32s} " + " ".join(f"{h:>9s}" for h in head[1:]))
    worst = 0.0
    for name, size, seconds, ms_per_mb, peak in rows:
        ratio = ms_per_mb / typical if typical and size else 0.0
        worst = max(worst, ratio)
        mem = peak / size if size else 0.0
        print(
            f"{name:32s} {size:11,d} {seconds * 1000:9.1f} {ms_per_mb:9.1f} {ratio:9.2f} {mem:9.1f}"
        )
    print(f"\nworst ratio to typical ms/MB: {worst:.2f} (goal: <= 20)")


if __name__ == "__main__":
    main()
