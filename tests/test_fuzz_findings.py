"""Replays the fuzz seeds and every input the fuzzer ever found as regression tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.invariants import check_bytes

FUZZ = Path(__file__).parent / "fuzz"
CASES = sorted([*(FUZZ / "seeds").iterdir(), *(FUZZ / "findings").iterdir()])


@pytest.mark.parametrize("path", [p for p in CASES if p.is_file()], ids=lambda p: p.name)
def test_fuzz_case_keeps_the_contract(path: Path) -> None:
    """The input parses, spans stay inside it, nothing internal fails, the export round-trips."""
    doc = check_bytes(path.read_bytes())
    if path.parent.name == "seeds":
        assert doc.worksheets
