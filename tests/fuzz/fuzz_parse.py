"""Coverage-guided fuzzing of the parser with atheris.

Run for a minute (what CI does)::

    python tests/fuzz/fuzz_parse.py -max_total_time=60 NEW_CORPUS_DIR tests/fuzz/seeds

Any input that breaks the contract in ``invariants.py`` is written by
libFuzzer as ``crash-*``; copy it into ``tests/fuzz/findings/`` so that
``tests/test_fuzz_findings.py`` replays it forever after.

A slow input is a finding too: each input has a time budget (processor
time) of :data:`BUDGET_BASE` seconds plus :data:`BUDGET_PER_KB` per kB, far
above what a linear parse needs (a few milliseconds per kB), so an input
over it has found a stage whose time grows faster than its input.
(libFuzzer's own ``-timeout`` stays as the hard stop for a hang.)
"""

from __future__ import annotations

import sys
import time

import atheris

with atheris.instrument_imports():
    from invariants import check_bytes  # type: ignore[import-not-found]

    import worksheet_parser  # noqa: F401


BUDGET_BASE = 0.5
"""Seconds any input may take (the first inputs also build the grammar's tables)."""
BUDGET_PER_KB = 0.05
"""Seconds more per kB of input: about 50 times a typical parse."""


class SlowInputError(AssertionError):
    """An input took longer than its time budget."""


def test_one_input(data: bytes) -> None:
    """The fuzz target: any bytes, through the whole pipeline and the export, in time."""
    start = time.process_time()
    check_bytes(data)
    spent = time.process_time() - start
    budget = BUDGET_BASE + BUDGET_PER_KB * len(data) / 1024
    if spent > budget:
        raise SlowInputError(f"{len(data)} bytes took {spent:.2f} s (budget {budget:.2f} s)")


def main() -> None:
    """Start libFuzzer with the command-line arguments."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
