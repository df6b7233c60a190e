"""Export to JSON-ready data and back: ``to_dict``, ``from_dict``, ``to_json``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest

from tests.conftest import SAMPLE
from worksheet_parser import (
    ActionCode,
    ArchiveHeader,
    Correspondent,
    Diagnostic,
    Direction,
    DispositionCode,
    Document,
    FormVariant,
    Letter,
    Packet,
    ReleaseStamp,
    ReviewStamp,
    RoutingEntry,
    Severity,
    Span,
    TextLine,
    Worksheet,
    from_dict,
    parse,
    to_dict,
    to_json,
)

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample_doc() -> Document:
    return parse(SAMPLE_TEXT)


def _span(start: int) -> Span:
    return Span(start, start + 3, 1, start + 1)


FULL = Document(
    worksheets=(
        Worksheet(
            id_number="303373",
            subject_codes=("CO034", "FG006-01"),
            direction=Direction.OUTGOING,
            date_received=dt.date(1989, 2, 3),
            correspondent=Correspondent("THE HONORABLE", "JOSÉ MARTÍ", raw="THE HONCRABLE JOSÉ"),
            subject="X",
            routing=(
                RoutingEntry(
                    office="NSC/S",
                    action_code=ActionCode.I,
                    action_date=dt.date(1989, 2, 4),
                    response_type="GB",
                    disposition_code=DispositionCode.S,
                    disposition_date=dt.date(1990, 1, 1),
                    referral_note="SEE NOTE",
                    span=_span(1),
                    field_spans={"office": _span(2)},
                ),
            ),
            comments="C",
            additional_correspondents="2",
            media="L",
            individual_codes=("1210",),
            mail_user_codes=("PRES",),
            form=FormVariant.FORM_5_81,
            span=_span(0),
            field_spans={"id_number": _span(4), "subject": _span(7)},
            unread=(TextLine("5m", _span(9)),),
        ),
    ),
    review_stamps=(
        ReviewStamp(
            "United States Department of State",
            "Office of FOI",
            "MILLER, ROBERT",
            dt.date(1995, 3, 22),
            "9301915",
            span=_span(10),
            field_spans={"date": _span(11)},
        ),
    ),
    letters=(
        Letter(
            letterhead=("United States Senate",),
            place="WASHINGTON, DC 20510",
            date=dt.date(1992, 1, 29),
            recipient="The Honorable George Bush",
            salutation="Dear Mr. President:",
            body=("One.", "Two."),
            closing="Sincerely,",
            signatories=("John F. Kerry",),
            span=_span(12),
        ),
    ),
    headers=(ArchiveHeader("01494", dt.date(1992, 1, 29), "RELEASED", ("186B",), _span(13)),),
    release_stamps=(
        ReleaseStamp(
            "no-objection",
            "No Objection To Declassification 2008/04/28 : NLC-15-96-6-3-1",
            date=dt.date(2008, 4, 28),
            case_number="NLC-15-96-6-3-1",
        ),
    ),
    packets=(Packet(headers=(0,), worksheets=(0,), letters=(0,), span=_span(14)),),
    unrecognized=(TextLine("RELEASED", _span(15)),),
    diagnostics=(
        Diagnostic(
            "date-repaired",
            Severity.INFO,
            "m",
            _span(16),
            "worksheets[0].routing[0].action_date",
            "9201,30",
            "92/01/30",
        ),
        Diagnostic("no-worksheet", Severity.ERROR, "none"),
    ),
)
"""A document using every record type, enum and optional field."""


def _check_keys(value: Any, data: Any, path: str) -> None:
    """Walk a record and its export together, checking keys against attribute names."""
    if attrs.has(type(value)):
        assert isinstance(data, dict), path
        names = [f.name for f in attrs.fields(type(value))]
        assert list(data) == names, path
        for name in names:
            _check_keys(getattr(value, name), data[name], f"{path}.{name}")
    elif isinstance(value, tuple):
        assert isinstance(data, list), path
        for i, (v, d) in enumerate(zip(value, data, strict=True)):
            _check_keys(v, d, f"{path}[{i}]")
    elif isinstance(value, dict):
        assert isinstance(data, dict), path
        assert list(data) == list(value), path
        for k in value:
            _check_keys(value[k], data[k], f"{path}[{k!r}]")


def _everything(record: Any) -> Any:
    """The record as nested plain data including spans and diagnostics (unlike ``==``)."""
    return attrs.asdict(record, recurse=True)


class TestRoundTrip:
    def test_sample_round_trip(self, sample_doc: Document) -> None:
        """``from_dict(to_dict(doc)) == doc`` for the sample packet."""
        assert from_dict(to_dict(sample_doc)) == sample_doc

    def test_sample_round_trip_keeps_spans_and_diagnostics(self, sample_doc: Document) -> None:
        """The round trip also keeps what equality ignores: spans, unread text, diagnostics."""
        back = from_dict(to_dict(sample_doc))
        assert _everything(back) == _everything(sample_doc)

    def test_full_document_round_trip(self) -> None:
        """Every record type, enum member kind and optional field survives the round trip."""
        back = from_dict(to_dict(FULL))
        assert back == FULL
        assert _everything(back) == _everything(FULL)

    def test_round_trip_through_json_text(self, sample_doc: Document) -> None:
        """Data read back from the JSON string rebuilds the same document."""
        assert from_dict(json.loads(to_json(sample_doc))) == sample_doc

    def test_single_record_round_trip(self, sample_doc: Document) -> None:
        """``from_dict`` rebuilds a single record when given its class."""
        ws = sample_doc.worksheets[0]
        assert from_dict(to_dict(ws), Worksheet) == ws
        row = ws.routing[0]
        assert from_dict(to_dict(row), RoutingEntry) == row


class TestShape:
    def test_keys_equal_attribute_names(self, sample_doc: Document) -> None:
        """Every key of the sample's export is the attribute's name, in attribute order."""
        _check_keys(sample_doc, to_dict(sample_doc), "doc")

    def test_keys_equal_attribute_names_every_record(self) -> None:
        """Keys equal attribute names for every record type."""
        _check_keys(FULL, to_dict(FULL), "doc")

    def test_dates_are_iso_strings(self, sample_doc: Document) -> None:
        """Dates export as ``YYYY-MM-DD`` strings."""
        ws = to_dict(sample_doc)["worksheets"][0]
        assert ws["date_received"] == "1992-01-30"
        assert ws["routing"][0]["action_date"] == "1992-01-30"
        assert ws["routing"][0]["disposition_date"] == "1992-01-30"
        assert to_dict(FULL)["review_stamps"][0]["date"] == "1995-03-22"

    def test_enums_are_printed_codes(self, sample_doc: Document) -> None:
        """Enums export as the code printed on the form, as plain ``str``."""
        ws = to_dict(sample_doc)["worksheets"][0]
        row = ws["routing"][0]
        assert (ws["direction"], row["action_code"], row["disposition_code"]) == (
            "INCOMING",
            "ORG",
            "A",
        )
        assert type(ws["direction"]) is str
        assert type(row["action_code"]) is str
        full = to_dict(FULL)
        assert full["worksheets"][0]["form"] == "5/81"
        assert full["diagnostics"][0]["severity"] == "info"

    def test_missing_values_are_null(self, sample_doc: Document) -> None:
        """Fields left empty export as ``None`` (JSON ``null``), not dropped."""
        ws = to_dict(sample_doc)["worksheets"][0]
        assert ws["comments"] is None
        assert ws["routing"][0]["response_type"] is None
        assert to_dict(FULL)["diagnostics"][1]["span"] is None


class TestJson:
    def test_to_json_is_valid_json_equal_to_dict(self, sample_doc: Document) -> None:
        """``to_json`` is valid JSON holding exactly ``to_dict``'s data."""
        assert json.loads(to_json(sample_doc)) == to_dict(sample_doc)

    def test_to_json_keeps_non_ascii_and_indent(self) -> None:
        """Non-ASCII names are written as UTF-8 characters; ``indent=None`` gives one line."""
        text = to_json(FULL, indent=None)
        assert "JOSÉ MARTÍ" in text
        assert "\n" not in text
        assert json.loads(text) == to_dict(FULL)

    def test_document_methods_match_functions(self, sample_doc: Document) -> None:
        """``Document.to_dict``/``to_json`` give what the module functions give."""
        assert sample_doc.to_dict() == to_dict(sample_doc)
        assert sample_doc.to_json(indent=None) == to_json(sample_doc, indent=None)


class TestPickle:
    def test_document_round_trips_through_pickle_with_spans(self) -> None:
        """Records cross process boundaries intact: values, spans, diagnostics and packets."""
        import pickle

        from worksheet_parser import example_text, parse

        doc = parse(example_text())
        again = pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
        assert again == doc
        assert again.diagnostics == doc.diagnostics
        assert again.unrecognized == doc.unrecognized
        assert again.packets == doc.packets
        assert again.worksheets[0].field_spans == doc.worksheets[0].field_spans
        assert [line.span for line in again.unrecognized] == [
            line.span for line in doc.unrecognized
        ]
