"""Coverage-guided fuzzing of the parser with atheris.

Run for a minute (what CI does)::

    python tests/fuzz/fuzz_parse.py -max_total_time=60 NEW_CORPUS_DIR tests/fuzz/seeds

Any input that breaks the contract in ``invariants.py`` is written by
libFuzzer as ``crash-*``; copy it into ``tests/fuzz/findings/`` so that
``tests/test_fuzz_findings.py`` replays it forever after.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from invariants import check_bytes  # type: ignore[import-not-found]

    import worksheet_parser  # noqa: F401


def test_one_input(data: bytes) -> None:
    """The fuzz target: any bytes, through the whole pipeline and the export."""
    check_bytes(data)


def main() -> None:
    """Start libFuzzer with the command-line arguments."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
