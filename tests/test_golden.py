"""The real sample packet against its hand-annotated record."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import GOLD, SAMPLE, assert_matches_gold
from worksheet_parser import Document, parse, to_dict

GOLD_RECORD: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_doc() -> Document:
    return parse(SAMPLE.read_text(encoding="utf-8"))


class TestWorksheetGold:
    def test_worksheet_fields_equal_gold(self, sample_doc: Document) -> None:
        """Every annotated worksheet and routing field of the sample comes out as annotated."""
        exported = to_dict(sample_doc)
        for i, gold_ws in enumerate(GOLD_RECORD["worksheets"]):
            assert_matches_gold(gold_ws, exported["worksheets"][i], f"worksheets[{i}]")

    def test_one_worksheet_found(self, sample_doc: Document) -> None:
        """The packet holds exactly one worksheet."""
        assert len(sample_doc.worksheets) == 1

    def test_routing_rows_hold_no_junk(self, sample_doc: Document) -> None:
        """Handwriting junk (5m, SC Supe, - 1 2 2004) never becomes a value."""
        text = json.dumps(to_dict(sample_doc.worksheets[0].routing))
        for junk in ("5m", "SC Supe", "2004", "/_/_", "99005"):
            assert junk not in text

    def test_junk_is_reported_and_kept(self, sample_doc: Document) -> None:
        """Text kept out of values is in the worksheet's unread lines, with a diagnostic."""
        unread = " ".join(line.text for line in sample_doc.worksheets[0].unread)
        for junk in ("5m", "SC Supe", "- 1 2 2004"):
            assert junk in unread
        codes = {d.code for d in sample_doc.diagnostics}
        assert {"junk-dropped", "label-repaired", "date-repaired", "value-repaired"} <= codes

    def test_spans_point_at_their_text(self, sample_doc: Document) -> None:
        """Each field span slices the original text the value was read from."""
        raw = SAMPLE.read_text(encoding="utf-8")
        ws = sample_doc.worksheets[0]
        assert ws.field_spans["id_number"].slice(raw) == "303373"
        assert ws.field_spans["date_received"].slice(raw) == "JANUARY 30, 1992"
        row = ws.routing[0]
        assert row.field_spans["office"].slice(raw) == "FREDERICK MCCLURE"
        assert row.field_spans["disposition_date"].slice(raw) == "9201,30"
        assert (
            row.field_spans["disposition_date"].line,
            row.field_spans["disposition_date"].column,
        ) == (25, 56)


class TestCliGold:
    def test_cli_json_equals_gold(self) -> None:
        """``worksheet-parser parse FILE`` prints JSON whose worksheet fields equal the gold."""
        out = subprocess.run(
            [sys.executable, "-m", "worksheet_parser.cli", "parse", str(SAMPLE)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        record = json.loads(out)
        assert record["source"] == str(SAMPLE)
        assert_matches_gold(GOLD_RECORD["worksheets"][0], record["worksheets"][0], "worksheets[0]")

    def test_cli_example_is_the_sample(self) -> None:
        """``--example`` parses the bundled copy of the sample."""
        out = subprocess.run(
            [sys.executable, "-m", "worksheet_parser.cli", "parse", "--example"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert json.loads(out)["worksheets"][0]["id_number"] == "303373"
