"""A table for every kind of record, the same from the command line and from Dask."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings

from tests.conftest import SAMPLE
from worksheet_parser import Document, cli, example_text, parse
from worksheet_parser._outputs._tables import (
    TABLES,
    arrow_schema,
    subject_code_rows,
    table_rows,
)
from worksheet_parser.strategies import documents

SUBJECTS = """\
ID# 303373
INCOMING
DATE RECEIVED: JANUARY 30, 1992
SUBJECT CODES: CO034-01 FG006 HU
"""


@pytest.fixture(scope="module")
def sample_doc() -> Document:
    return parse(example_text())


class TestRows:
    def test_every_table_has_its_columns(self, sample_doc: Document) -> None:
        """Each row has exactly its table's columns; every table starts with source, packet."""
        for name, rows in table_rows(sample_doc, "k.txt").items():
            columns = [c for c, _ in TABLES[name]]
            assert columns[:2] == ["source", "packet"]
            for row in rows:
                assert list(row) == columns

    def test_sample_blocks_are_all_there(self, sample_doc: Document) -> None:
        rows = table_rows(sample_doc, "k.txt")
        assert len(rows["review_stamps"]) == len(sample_doc.review_stamps) == 2
        assert rows["review_stamps"][0]["date"] == dt.date(1995, 3, 22)
        assert rows["letters"][0]["letterhead"] == ["United States Senate"]
        assert rows["headers"][0]["page_tags"] == ["186B"]
        assert len(rows["diagnostics"]) == len(sample_doc.diagnostics)
        assert {r["code"] for r in rows["diagnostics"]} >= {"junk-dropped", "value-repaired"}

    def test_subject_codes_join_their_worksheet(self) -> None:
        doc = parse(SUBJECTS)
        rows = subject_code_rows(doc, "s.txt")
        assert doc.worksheets[0].subject_codes == ("CO034-01", "FG006", "HU")
        assert [(r["position"], r["code"], r["prime"]) for r in rows] == [
            (0, "CO034-01", "CO"),
            (1, "FG006", "FG"),
            (2, "HU", "HU"),
        ]
        assert {(r["source"], r["worksheet"], r["id_number"]) for r in rows} == {
            ("s.txt", 0, "303373")
        }


class TestFromTheCommandLine:
    def test_csv_writes_every_table(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """``-f csv -o out.csv`` writes one file per table, lists space-separated."""
        code = cli.main(["parse", str(SAMPLE), "-f", "csv", "-o", str(tmp_path / "out.csv"), "-q"])
        capsys.readouterr()
        assert code == cli.EXIT_OK
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            f"out.{name}.csv" for name in TABLES
        )
        with open(tmp_path / "out.worksheets.csv", newline="", encoding="utf-8") as fh:
            (ws,) = csv.DictReader(fh)
        assert ws["individual_codes"] == "1210 1220"
        with open(tmp_path / "out.diagnostics.csv", newline="", encoding="utf-8") as fh:
            diagnostics = list(csv.DictReader(fh))
        assert any(d["code"] == "junk-dropped" and d["line"] == "26" for d in diagnostics)

    def test_parquet_has_list_and_date_types(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Parquet: code lists are ``list<string>``, dates ``date32``, for every table."""
        pq = pytest.importorskip("pyarrow.parquet")
        out = tmp_path / "out.parquet"
        code = cli.main(["parse", str(SAMPLE), "-f", "parquet", "-o", str(out), "-q"])
        capsys.readouterr()
        assert code == cli.EXIT_OK
        worksheets = pq.read_table(tmp_path / "out.worksheets.parquet")
        assert str(worksheets.schema.field("individual_codes").type) == "list<element: string>"
        assert worksheets.column("individual_codes").to_pylist() == [["1210", "1220"]]
        assert str(worksheets.schema.field("date_received").type) == "date32[day]"
        for name, columns in TABLES.items():
            table = pq.read_table(tmp_path / f"out.{name}.parquet")
            assert table.schema.equals(arrow_schema(columns)), name


class TestDask:
    def test_dask_parquet_has_the_command_line_schema(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Every table written by Dask's ``to_parquet`` has the command's Parquet schema."""
        pytest.importorskip("dask.dataframe")
        pq = pytest.importorskip("pyarrow.parquet")
        import dask

        from worksheet_parser.dask import parse_bag, table_frame

        assert cli.main(["parse", str(SAMPLE), "-f", "parquet", "-o", str(tmp_path / "c.pq")]) == 0
        capsys.readouterr()
        parsed = parse_bag([str(SAMPLE)], npartitions=1)
        with dask.config.set(scheduler="sync"):
            for name in TABLES:
                table_frame(parsed, name).to_parquet(tmp_path / f"dask-{name}", write_index=False)
                from_dask = pq.read_table(tmp_path / f"dask-{name}").schema
                from_cli = pq.read_table(tmp_path / f"c.{name}.pq").schema
                assert from_dask.remove_metadata().equals(from_cli.remove_metadata()), name

    def test_dask_dates_are_dates(self) -> None:
        pytest.importorskip("dask.dataframe")
        import dask

        from worksheet_parser.dask import parse_bag, worksheet_frame

        with dask.config.set(scheduler="sync"):
            frame = worksheet_frame(parse_bag([str(SAMPLE)], npartitions=1)).compute()
        assert frame["date_received"].tolist() == [dt.date(1992, 1, 30)]
        assert frame["individual_codes"].tolist() == [["1210", "1220"]]


class TestEveryDocument:
    @settings(max_examples=60)
    @given(documents())
    def test_tables_hold_every_block_and_diagnostic(self, doc: Document) -> None:
        """Any document: each table has a row per record, typed as its Parquet schema says."""
        pa = pytest.importorskip("pyarrow")
        rows = table_rows(doc, "x.txt")
        assert len(rows["worksheets"]) == len(doc.worksheets)
        assert len(rows["routing"]) == sum(len(ws.routing) for ws in doc.worksheets)
        assert len(rows["subject_codes"]) == sum(len(ws.subject_codes) for ws in doc.worksheets)
        assert len(rows["review_stamps"]) == len(doc.review_stamps)
        assert len(rows["release_stamps"]) == len(doc.release_stamps)
        assert len(rows["letters"]) == len(doc.letters)
        assert len(rows["headers"]) == len(doc.headers)
        assert [r["code"] for r in rows["diagnostics"]] == [d.code for d in doc.diagnostics]
        for name, table in rows.items():
            arrow = pa.Table.from_pylist(table, schema=arrow_schema(TABLES[name]))
            assert arrow.to_pylist() == table
