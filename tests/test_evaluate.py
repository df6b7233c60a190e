"""Scoring parses against gold records: outcomes, matching levels, tables, the command."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, GOLD, SAMPLE
from worksheet_parser import Document, parse
from worksheet_parser.cli import main
from worksheet_parser.evaluate import (
    SET_RULES,
    Outcome,
    Report,
    SetScore,
    compare,
    evaluate_dir,
    gold_record,
    score_record,
    score_set,
)
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


SETS = DATA / "sets" / "scanned"
"""Three clean packets with gold records, one per scan level (light, medium, heavy)."""


def _gold(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SETS / f"{name}.gold.json").read_text(encoding="utf-8"))
    return data


def _outcomes(gold: Any, got: Any) -> dict[str, str]:
    return {c.path: c.outcome.value for c in score_record(gold, got)}


def _parse_as_gold(change: Callable[[str, dict[str, Any]], None]) -> Callable[[str], Any]:
    """A parse that returns each fixture's own gold record, changed by ``change``."""
    texts = {p.read_text(encoding="utf-8"): p.stem for p in SETS.glob("*.txt")}

    def parse_text(text: str) -> Any:
        name = texts[text]
        gold = _gold(name)
        change(name, gold)
        return gold

    return parse_text


class TestScoreRecordRules:
    def test_ids_codes_and_dates_fold_case_and_blanks_only(self) -> None:
        """``CO034`` matches `` co034 ``; a changed character does not."""
        gold = {"worksheets": [{"id_number": "303373", "media": "L", "direction": "INCOMING"}]}
        got = {"worksheets": [{"id_number": " 303373", "media": "l", "direction": "INCOMING."}]}
        assert _outcomes(gold, got) == {
            "worksheets": "correct",
            "worksheets[0].id_number": "correct",
            "worksheets[0].direction": "wrong",
            "worksheets[0].media": "correct",
        }

    def test_free_text_by_similarity(self) -> None:
        """A subject one letter off is right; half a subject is wrong."""
        subject = "URGES PRESIDENT TO REJECT MEETING WITH CHINESE PREMIER LI PENG"
        gold = {"worksheets": [{"subject": subject}]}
        near = {"worksheets": [{"subject": subject.replace("PENG", "PFNG")}]}
        half = {"worksheets": [{"subject": subject[:30]}]}
        assert _outcomes(gold, near)["worksheets[0].subject"] == "correct"
        assert _outcomes(gold, half)["worksheets[0].subject"] == "wrong"

    def test_code_lists_as_sets_and_titles_without_the(self) -> None:
        """Codes in any order match; ``THE HONORABLE`` matches ``HONORABLE``."""
        gold = {
            "worksheets": [
                {
                    "subject_codes": ["CO034", "HU"],
                    "correspondent": {"title": "THE HONORABLE", "name": "EDWARD M. KENNEDY"},
                }
            ]
        }
        got = {
            "worksheets": [
                {
                    "subject_codes": ["HU", "CO034"],
                    "correspondent": {"title": "HONORABLE", "name": "EDWARD M KENNEDY"},
                }
            ]
        }
        assert _outcomes(gold, got) == {
            "worksheets": "correct",
            "worksheets[0].subject_codes": "correct",
            "worksheets[0].correspondent.title": "correct",
            "worksheets[0].correspondent.name": "wrong",
        }

    def test_blanks_invented_missing(self) -> None:
        """Both blank is right; a value where the gold has none is invented; none where the
        gold has one is missing."""
        gold: dict[str, Any] = {
            "worksheets": [{"media": None, "comments": "SEE NOTE", "individual_codes": []}]
        }
        got: dict[str, Any] = {
            "worksheets": [{"media": "L", "comments": None, "individual_codes": []}]
        }
        checks = {c.path: c for c in score_record(gold, got)}
        assert checks["worksheets[0].media"].outcome is Outcome.INVENTED
        assert checks["worksheets[0].comments"].outcome is Outcome.MISSING
        assert checks["worksheets[0].individual_codes"].outcome is Outcome.BLANK
        assert checks["worksheets[0].individual_codes"].right
        assert not checks["worksheets[0].media"].right

    def test_extra_rows_are_invented_unless_partial(self) -> None:
        """Each routing row beyond the gold's is one invented check, unless the gold says
        ``routing_partial``."""
        row = {"office": "OMB", "action_code": "A"}
        got = {"worksheets": [{"routing": [row, row, row]}]}
        checks = score_record({"worksheets": [{"routing": [row]}]}, got)
        extra = [c for c in checks if c.field == "routing.extra_rows"]
        assert [c.path for c in extra] == ["worksheets[0].routing[1]", "worksheets[0].routing[2]"]
        assert all(c.outcome is Outcome.INVENTED for c in extra)
        partial = {"worksheets": [{"routing_partial": True, "routing": [row]}]}
        assert not [c for c in score_record(partial, got) if c.field == "routing.extra_rows"]

    def test_record_counts_and_release_stamps_by_key(self) -> None:
        """Counts of worksheets, stamps and letters are checks; a release stamp is found by
        its case number wherever it is."""
        gold = {
            "worksheets": [],
            "review_stamps": [{"case_id": "9301915"}],
            "letters": [],
            "release_stamps": [{"case_number": "F-2016-07743", "date": "2017-07-31"}],
        }
        got = {
            "worksheets": [{"id_number": "1"}],
            "review_stamps": [{"case_id": "9301915"}],
            "release_stamps": [{"case_number": "X"}, {"case_number": "f-2016-07743"}],
        }
        assert _outcomes(gold, got) == {
            "worksheets": "wrong",
            "release_stamps[0].case_number": "correct",
            "release_stamps[0].date": "missing",
            "review_stamps": "correct",
            "review_stamps[0].case_id": "correct",
            "letters": "correct",
        }

    def test_letter_body_joined(self) -> None:
        """A letter body scores as one text, however it is cut into paragraphs."""
        body = ["We write to you about the meeting.", "We urge you to reject it."]
        gold = {"letters": [{"body": body}]}
        got = {"letters": [{"body": [" ".join(body)]}]}
        assert _outcomes(gold, got)["letters[0].body"] == "correct"


class TestScoreSet:
    def test_clean_set_scores_full_marks_per_level(self) -> None:
        """Clean renderings of the fixture set read right at every scan level."""
        score = score_set(SETS)
        assert (score.name, score.docs, score.crashes) == ("scanned", 3, 0)
        assert sorted(score.levels) == ["heavy", "light", "medium"]
        assert score.total.accuracy == 1.0
        assert score.total.checks == sum(t.checks for t in score.levels.values()) > 90
        assert (score.invented_values, score.invented_rows) == (0, 0)

    def test_misses_counted_per_field_and_level(self) -> None:
        """A parse that loses one value and invents a row is scored at that document's scan
        level; the other documents stay right."""

        def damage(name: str, gold: dict[str, Any]) -> None:
            if name == "000":
                assert gold["worksheets"][0]["id_number"]
                gold["worksheets"][0]["id_number"] = None
                gold["worksheets"][0]["routing"].append({"office": "OMB"})

        score = score_set(SETS, _parse_as_gold(damage))
        assert score.fields["worksheet.id_number"].missing == 1
        assert (score.invented_values, score.invented_rows) == (0, 1)
        assert (score.levels["light"].missing, score.levels["light"].invented) == (1, 1)
        assert score.levels["medium"].accuracy == score.levels["heavy"].accuracy == 1.0
        assert score.total.checks - score.total.right == 2
        assert [m.split()[:2] for m in score.misses] == [
            ["000.txt", "worksheets[0].id_number:"],
            ["000.txt", f"worksheets[0].routing[{len(_gold('000')['worksheets'][0]['routing'])}]:"],
        ]

    def test_crash_is_counted_and_scored_empty(self) -> None:
        """A parse that raises is a crash, scored as an empty document, and the run goes on."""

        def boom(text: str) -> Document:
            raise RuntimeError("boom")

        score = score_set(SETS, boom)
        assert (score.docs, score.crashes) == (3, 3)
        assert score.fields["worksheets.count"].wrong == 3
        assert any("crash: RuntimeError: boom" in m for m in score.misses)

    def test_invented_values_count(self) -> None:
        """Values where the gold has none are counted as invented values, at their level."""
        filled: list[str] = []

        def invent(name: str, gold: dict[str, Any]) -> None:
            ws = gold["worksheets"][0]
            for key, rule in SET_RULES["worksheet"]:
                if "." not in key and ws.get(key) in (None, []):
                    ws[key] = ["X"] if rule == "set" else "X"
                    filled.append(name)

        score = score_set(SETS, _parse_as_gold(invent))
        assert filled
        assert score.invented_values == len(filled)
        assert sum(t.invented for t in score.levels.values()) == len(filled)

    def test_merge_adds_sets(self) -> None:
        """Two sets merged count every document and check of both."""
        one = score_set(SETS)
        both = SetScore("both")
        both.merge(one)
        both.merge(score_set(SETS))
        assert (both.docs, both.total.checks) == (6, 2 * one.total.checks)
        assert "field accuracy 100.0%" in both.summary()

    def test_command_prints_levels_and_invented(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``worksheet-parser evaluate --sets DIR`` prints the summary, one line per scan level
        and one per field."""
        assert main(["evaluate", "--sets", str(SETS)]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[0].startswith("scanned: field accuracy 100.0%")
        assert "invented values 0" in out[0]
        assert [line.split()[1] for line in out if line.strip().startswith("level")] == [
            "light",
            "medium",
            "heavy",
        ]
        assert any(line.strip().startswith("worksheet.subject ") for line in out)

    def test_benchmark_prints_each_set_and_the_total(self) -> None:
        """``benchmarks/accuracy.py --sets A B`` prints each set's summary, levels and fields,
        then the total over both."""
        script = Path(__file__).resolve().parents[1] / "benchmarks" / "accuracy.py"
        out = subprocess.run(
            [sys.executable, str(script), "--sets", str(SETS), str(SETS), "--misses", "1"],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        ).stdout.splitlines()
        summaries = [line for line in out if "field accuracy" in line]
        assert [s.split(":")[0] for s in summaries] == ["scanned", "scanned", "all sets"]
        assert "over 6 docs" in summaries[-1]
        assert sum(line.strip().startswith("level ") for line in out) == 6
        assert any(line.strip().startswith("routing.office ") for line in out)
