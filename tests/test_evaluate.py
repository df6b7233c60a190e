"""Scoring parses against gold records: outcomes, matching levels, tables, the command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, GOLD, SAMPLE
from worksheet_parser import parse
from worksheet_parser.cli import main
from worksheet_parser.evaluate import Outcome, Report, compare, evaluate_dir, gold_record
from worksheet_parser.strategies import example_documents

SAMPLE_DOC = parse(SAMPLE.read_text(encoding="utf-8"))


def _by_path(gold: Any, data: Any, **kw: Any) -> dict[str, str]:
    return {r.path: r.exact.value for r in compare(gold, data, **kw)}


class TestCompare:
    def test_sample_equals_its_gold(self) -> None:
        """The sample's parse matches every field of its hand-labelled gold."""
        gold = json.loads(GOLD.read_text(encoding="utf-8"))
        results = compare(gold, SAMPLE_DOC)
        assert results
        assert {r.exact for r in results} <= {Outcome.CORRECT, Outcome.BLANK}

    def test_outcomes(self) -> None:
        """Correct, wrong, missing, invented and blank are told apart; absent keys not scored."""
        gold = {"worksheets": [{"id_number": "1", "subject": "A", "media": "L", "comments": None}]}
        got = {"worksheets": [{"id_number": "1", "subject": "B", "media": None, "comments": "X"}]}
        assert _by_path(gold, got) == {
            "worksheets[0].id_number": "correct",
            "worksheets[0].subject": "wrong",
            "worksheets[0].media": "missing",
            "worksheets[0].comments": "invented",
        }
        assert _by_path({"worksheets": [{}]}, got) == {}

    def test_extra_records_and_partial_routing(self) -> None:
        """Extra parsed records are invented; with ``routing_partial`` extra rows are not."""
        row = {"office": "OMB", "action_code": "A"}
        got = {"worksheets": [{"routing": [row, row]}, {"id_number": "2"}]}
        gold = {"worksheets": [{"routing": [row]}]}
        outcomes = _by_path(gold, got)
        assert outcomes["worksheets[0].routing[1].office"] == "invented"
        assert outcomes["worksheets[1].id_number"] == "invented"
        partial = {"worksheets": [{"routing_partial": True, "routing": [row]}]}
        assert "worksheets[0].routing[1].office" not in _by_path(partial, got)

    def test_normalised_level_folds_case_blanks_and_punctuation(self) -> None:
        """``EDWARD M. KENNEDY`` and ``edward  m kennedy`` match once normalised only."""
        gold = {"worksheets": [{"correspondent": {"name": "EDWARD M. KENNEDY"}}]}
        got = {"worksheets": [{"correspondent": {"name": "edward  m kennedy"}}]}
        (result,) = compare(gold, got)
        assert (result.exact, result.normalised) == (Outcome.WRONG, Outcome.CORRECT)
        assert result.field == "worksheets.correspondent.name"

    def test_destroyed_and_skipped_fields(self) -> None:
        """A destroyed field left empty is lost, not missing; a skipped field is not scored."""
        gold = {"review_stamps": [{"date": "1995-03-22", "case_id": "9301915"}]}
        got = {"review_stamps": [{"date": None, "case_id": "9301915"}]}
        outcomes = _by_path(gold, got, destroyed=["review_stamps[0].date"])
        assert outcomes["review_stamps[0].date"] == "lost"
        assert _by_path(gold, got, skip=["review_stamps[0]"]) == {}

    def test_gold_record_of_a_document_matches_itself(self) -> None:
        """A generated document scores 100% against its own gold record."""
        report = Report()
        for doc in example_documents(5, seed=2):
            report.add(compare(gold_record(doc), doc))
        assert report.accuracy("exact") == 1.0
        assert report.total().invented == 0


class TestReport:
    def test_table(self) -> None:
        """The table has a row per scored field and a total, with counts and accuracy."""
        report = Report()
        report.add(compare({"worksheets": [{"id_number": "1", "media": "L"}]}, SAMPLE_DOC))
        table = report.table("exact")
        assert "worksheets.id_number" in table
        assert table.splitlines()[-1].split()[:5] == ["TOTAL", "2", "0", "1", "1"]
        assert report.accuracy() == 0.0


class TestCommand:
    def test_evaluate_the_test_data(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``worksheet-parser evaluate tests/data`` prints both tables at 100%."""
        assert main(["evaluate", str(DATA)]) == 0
        out = capsys.readouterr().out
        assert "[exact]" in out
        assert "[normalised]" in out
        assert out.count("TOTAL") == 2
        assert "100.00%" in out.splitlines()[-1]

    def test_gold_without_text_fails(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A gold file without its text is reported and the exit code is 1."""
        (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
        assert main(["evaluate", str(tmp_path), "--level", "exact"]) == 1
        assert "a.gold.json" in capsys.readouterr().err

    def test_evaluate_dir(self) -> None:
        """The library function gives the same report as the command."""
        report, problems = evaluate_dir(DATA)
        assert problems == []
        assert report.accuracy("normalised") == 1.0
