"""Collection exports: per-packet JSON records, flat tables, CSV safety, Parquet, the schema."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given

from worksheet_parser import Document, example_text, from_dict, parse, to_dict
from worksheet_parser._outputs._tables import (
    ROUTING_COLUMNS,
    TABLES,
    WORKSHEET_COLUMNS,
    csv_cells,
    csv_header,
    neutralize,
    packet_documents,
    packet_records,
    routing_rows,
    table_paths,
    worksheet_rows,
    write_csv_tables,
)
from worksheet_parser.schema import build_schema, load_schema
from worksheet_parser.strategies import documents

jsonschema = pytest.importorskip("jsonschema")

SAMPLE = example_text()
TWO_PACKETS = SAMPLE + "\n\n" + SAMPLE.replace("ID# 303373", "ID# 303999")

FORMULAS = """\
ID# 412345
THE WHITE HOUSE
CORRESPONDENCE TRACKING WORKSHEET
OUTGOING
DATE RECEIVED: MARCH 3, 1990
NAME OF CORRESPONDENT: =HYPERLINK("http://example.invalid","open me")
SUBJECT: -2+3 REQUESTS A PHOTOGRAPH
ROUTE TO: OFFICE/AGENCY (STAFF NAME)
PRESIDENTIAL CORRESPONDENCE  A 90/03/05  GB A 90/03/20
REFERRAL NOTE:
MEDIA:L INDIVIDUAL CODES: 1210
"""
"""A worksheet whose values would run as spreadsheet formulas if written as they are."""


def _without_descriptions(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_descriptions(v) for k, v in value.items() if k != "description"}
    if isinstance(value, list):
        return [_without_descriptions(v) for v in value]
    return value


@pytest.fixture(scope="module")
def sample_doc() -> Document:
    return parse(SAMPLE)


@pytest.fixture(scope="module")
def two_packets() -> Document:
    doc = parse(TWO_PACKETS)
    if len(doc.packets) != 2:  # pragma: no cover - depends on the packet reader
        pytest.skip("the packet reader does not split the doubled sample into two packets")
    return doc


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = load_schema()
    cls = jsonschema.Draft202012Validator
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


class TestPacketRecords:
    def test_one_record_per_packet(self, two_packets: Document) -> None:
        """Each packet becomes one record holding only its own worksheet."""
        records = packet_records(two_packets, "two.txt")
        assert [(r["source"], r["packet"]) for r in records] == [("two.txt", 0), ("two.txt", 1)]
        assert [[ws["id_number"] for ws in r["worksheets"]] for r in records] == [
            ["303373"],
            ["303999"],
        ]

    def test_record_round_trips_through_from_dict(self, two_packets: Document) -> None:
        """A JSON Lines record read back with ``from_dict`` equals the packet's document."""
        for (_, part), record in zip(
            packet_documents(two_packets), packet_records(two_packets, "two.txt"), strict=True
        ):
            back = from_dict(json.loads(json.dumps(record)), Document)
            assert back == part
            assert back.diagnostics == part.diagnostics
            assert back.worksheets[0].field_spans == part.worksheets[0].field_spans

    def test_nothing_is_lost_across_packets(self, two_packets: Document) -> None:
        """Every block and diagnostic of the document is in exactly one packet's record."""
        parts = [part for _, part in packet_documents(two_packets)]
        assert sum(len(p.worksheets) for p in parts) == len(two_packets.worksheets)
        assert sum(len(p.letters) for p in parts) == len(two_packets.letters)
        assert sum(len(p.diagnostics) for p in parts) == len(two_packets.diagnostics)

    def test_field_paths_are_renumbered_within_the_packet(self, two_packets: Document) -> None:
        """In the second packet's record, ``worksheets[0]`` names that packet's worksheet."""
        _, second = packet_documents(two_packets)[1]
        fields = [d.field for d in second.diagnostics if d.field]
        assert fields
        assert not any(f.startswith("worksheets[1]") for f in fields)
        assert any(f.startswith("worksheets[0]") for f in fields)
        assert second.packets[0].worksheets == (0,)

    def test_spans_still_index_the_source_file(self, two_packets: Document) -> None:
        """Spans in a packet record are offsets in the whole input file, as in the document."""
        _, second = packet_documents(two_packets)[1]
        span = second.worksheets[0].field_spans["id_number"]
        assert span.slice(TWO_PACKETS) == "303999"

    def test_document_without_packets_is_one_record(self, sample_doc: Document) -> None:
        """With no packets, the record is the whole document, with ``packet`` null."""
        doc = attrs.evolve(sample_doc, packets=())
        (record,) = packet_records(doc, None)
        assert record["packet"] is None
        assert record["source"] is None
        assert from_dict(record, Document) == doc

    def test_block_outside_every_packet_is_kept(self, two_packets: Document) -> None:
        """A worksheet no packet lists still lands in a record (the packet before it)."""
        first, second = two_packets.packets
        doc = attrs.evolve(two_packets, packets=(first, attrs.evolve(second, worksheets=())))
        ids = [[ws.id_number for ws in part.worksheets] for _, part in packet_documents(doc)]
        assert ids == [["303373"], ["303999"]]


class TestFlatRows:
    def test_worksheet_row_has_every_column(self, sample_doc: Document) -> None:
        """A worksheet row has exactly the documented columns, with the sample's values."""
        (row,) = worksheet_rows(sample_doc, "k.txt")
        assert list(row) == [name for name, _ in WORKSHEET_COLUMNS]
        assert row["id_number"] == "303373"
        assert row["date_received"] == dt.date(1992, 1, 30)
        assert row["individual_codes"] == ["1210", "1220"]
        assert row["routing_entries"] == 1
        assert "- 1 2 2004" in row["unread"]

    def test_routing_rows_join_their_worksheet(self, two_packets: Document) -> None:
        """Routing rows carry source, packet, worksheet and id_number of their worksheet."""
        keys = {
            (r["source"], r["packet"], r["worksheet"], r["id_number"])
            for r in worksheet_rows(two_packets, "two.txt")
        }
        routing = routing_rows(two_packets, "two.txt")
        assert [r["id_number"] for r in routing] == ["303373", "303999"]
        for r in routing:
            assert list(r) == [name for name, _ in ROUTING_COLUMNS]
            assert (r["source"], r["packet"], r["worksheet"], r["id_number"]) in keys
        assert routing[1]["packet"] == 1
        assert routing[0]["disposition_date"] == dt.date(1992, 1, 30)

    def test_table_paths(self) -> None:
        """``out.csv`` names ``out.worksheets.csv``, ``out.routing.csv``, ... one per table."""
        paths = table_paths(Path("dir") / "out.csv")
        assert paths == {name: Path("dir") / f"out.{name}.csv" for name in TABLES}
        assert list(paths)[:2] == ["worksheets", "routing"]


class TestCsv:
    @pytest.mark.parametrize(
        ("cell", "safe"),
        [
            ("- 1 2 2004", "'- 1 2 2004"),
            ("=1+1", "'=1+1"),
            ("+CMD", "'+CMD"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("303373", "303373"),
            ("A-1", "A-1"),
            ("", ""),
        ],
    )
    def test_formula_cells_are_neutralised(self, cell: str, safe: str) -> None:
        """Cells a spreadsheet would run as a formula get a leading apostrophe; others are kept."""
        assert neutralize(cell) == safe

    def test_no_written_cell_starts_a_formula(self) -> None:
        """Values beginning with = or - reach the CSV only behind an apostrophe."""
        doc = parse(FORMULAS)
        assert doc.worksheets[0].correspondent is not None
        assert (doc.worksheets[0].correspondent.name or "").startswith("=")
        files = {"worksheets": io.StringIO(newline=""), "routing": io.StringIO(newline="")}
        write_csv_tables([(doc, "-odd name.txt")], files)
        rows = list(csv.DictReader(io.StringIO(files["worksheets"].getvalue())))
        assert rows[0]["correspondent_name"].startswith("'=HYPERLINK(")
        assert rows[0]["subject"] == "'-2+3 REQUESTS A PHOTOGRAPH"
        assert rows[0]["source"] == "'-odd name.txt"
        for text in (files["worksheets"].getvalue(), files["routing"].getvalue()):
            for record in csv.reader(io.StringIO(text)):
                assert not any(cell[:1] in {"=", "+", "-", "@", "\t", "\r"} for cell in record)

    def test_cells_of_the_sample(self, sample_doc: Document) -> None:
        """Dates are ISO, empty values are empty cells, numbers are plain."""
        (row,) = routing_rows(sample_doc, "k.txt")
        cells = dict(
            zip([n for n, _ in ROUTING_COLUMNS], csv_cells(row, ROUTING_COLUMNS), strict=True)
        )
        assert cells["action_date"] == "1992-01-30"
        assert cells["response_type"] == ""
        assert cells["row"] == "0"

    def test_header_is_the_column_names(self) -> None:
        """The header line lists the stable column names in order."""
        assert csv_header(ROUTING_COLUMNS).strip() == ",".join(n for n, _ in ROUTING_COLUMNS)


class TestDocumentedColumns:
    @pytest.mark.parametrize(
        ("heading", "columns"),
        [
            ("Worksheets (", WORKSHEET_COLUMNS),
            ("Routing entries (", ROUTING_COLUMNS),
            *((f"(`*.{name}.csv`)", columns) for name, columns in list(TABLES.items())[2:]),
        ],
    )
    def test_collections_guide_lists_every_column(
        self, heading: str, columns: tuple[tuple[str, str], ...]
    ) -> None:
        """docs/collections.md lists each table's columns, in order, with their types."""
        text = (Path(__file__).resolve().parents[1] / "docs" / "collections.md").read_text()
        section = text[text.index(heading) :]
        section = section[: section.index("\n\n", section.index("|---"))]
        names = {"str": "text", "int": "integer", "date": "date", "list": "list"}
        listed = re.findall(r"^\| `([a-z_]+)` \| (\w+) \|", section, re.M)
        assert listed == [(name, names[kind]) for name, kind in columns]


class TestParquet:
    def test_tables_read_back_typed(self, tmp_path: Path, two_packets: Document) -> None:
        """Parquet tables hold the flat rows with date and integer types."""
        pq = pytest.importorskip("pyarrow.parquet")
        from worksheet_parser._outputs._tables import ParquetTables

        paths = table_paths(tmp_path / "out.parquet")
        with ParquetTables(paths, row_group_size=1) as tables:
            tables.add(two_packets, "two.txt")
        worksheets = pq.read_table(paths["worksheets"])
        assert worksheets.column_names == [n for n, _ in WORKSHEET_COLUMNS]
        assert worksheets.to_pylist() == worksheet_rows(two_packets, "two.txt")
        routing = pq.read_table(paths["routing"])
        assert str(routing.schema.field("action_date").type) == "date32[day]"
        assert routing.to_pylist() == routing_rows(two_packets, "two.txt")


class TestSchema:
    def test_shipped_schema_matches_the_models(self) -> None:
        """The schema file equals what the models give (else: python -m worksheet_parser.schema)."""
        assert _without_descriptions(load_schema()) == _without_descriptions(build_schema())

    def test_schema_is_valid_json_schema(self) -> None:
        """The shipped file is a valid draft 2020-12 schema."""
        jsonschema.Draft202012Validator.check_schema(load_schema())

    def test_schema_is_in_the_package(self) -> None:
        """The schema lives inside the package folder, so the wheel ships it."""
        import worksheet_parser

        folder = Path(worksheet_parser.__file__).parent
        assert (folder / "schema" / "record.schema.json").is_file()

    def test_real_records_validate(self, two_packets: Document, validator: Any) -> None:
        """Per-packet records and whole-document records of real output validate."""
        for record in packet_records(two_packets, "two.txt"):
            validator.validate(json.loads(json.dumps(record)))
        validator.validate({"source": "two.txt", **to_dict(two_packets)})
        validator.validate(packet_records(parse(FORMULAS), None)[0])

    def test_schema_rejects_what_we_never_write(self, sample_doc: Document, validator: Any) -> None:
        """Unknown keys, wrong dates and unknown codes are invalid."""
        good = packet_records(sample_doc, "k.txt")[0]
        assert validator.is_valid(good)
        bad_key = {**good, "extra": 1}
        bad_date = json.loads(json.dumps(good))
        bad_date["worksheets"][0]["date_received"] = "30 January 1992"
        bad_code = json.loads(json.dumps(good))
        bad_code["worksheets"][0]["routing"][0]["action_code"] = "Q"
        for bad in (bad_key, bad_date, bad_code):
            assert not validator.is_valid(bad)

    @given(documents())
    def test_generated_documents_validate(self, doc: Document) -> None:
        """Records of generated documents validate, one per packet, and round-trip."""
        cls = jsonschema.Draft202012Validator
        validator = cls(load_schema(), format_checker=cls.FORMAT_CHECKER)
        records = packet_records(doc, "generated")
        assert len(records) == len(doc.packets)
        back: list[Any] = []
        for record in records:
            validator.validate(record)
            back.extend(from_dict(record, Document).worksheets)
        assert tuple(back) == doc.worksheets
