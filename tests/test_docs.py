"""The documentation stays in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

import worksheet_parser
from worksheet_parser import DIAGNOSTIC_CODES

DOCS = Path(__file__).resolve().parents[1] / "docs"


class TestDiagnosticTable:
    def test_every_code_is_documented_with_its_severity(self) -> None:
        """docs/model.md lists every diagnostic code with its default severity."""
        table = dict(
            re.findall(
                r"^\| `([a-z-]+)` \| (info|warning|error) \|", (DOCS / "model.md").read_text(), re.M
            )
        )
        expected = {code: sev.value for code, (sev, _) in DIAGNOSTIC_CODES.items()}
        assert table == expected


class TestPublicNames:
    def test_every_public_name_has_a_docstring(self) -> None:
        """Every name in ``__all__`` is documented."""
        missing = [
            name
            for name in worksheet_parser.__all__
            if not isinstance(getattr(worksheet_parser, name), dict)
            and not (getattr(worksheet_parser, name).__doc__ or "").strip()
        ]
        assert missing == []
