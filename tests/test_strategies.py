"""The hypothesis strategies make valid, realistic records within their constraints."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worksheet_parser import (
    ActionCode,
    Correspondent,
    Direction,
    Document,
    RoutingEntry,
    Worksheet,
    _vocab,
)
from worksheet_parser._fields import read_subject_code
from worksheet_parser.strategies import (
    DEFAULT_ERA,
    correspondents,
    documents,
    routing_entries,
    subject_codes,
    worksheets,
)

SUBJECT_CODE = re.compile(r"[A-Z]{2}(?:\d{3}(?:-\d{2})?)?")
NARROW_ERA = (dt.date(1995, 3, 1), dt.date(1995, 3, 31))
DAY_AND_ROW = st.dates(dt.date(1989, 1, 1), dt.date(2001, 12, 31)).flatmap(
    lambda day: st.tuples(st.just(day), routing_entries(after=day, within_days=30))
)


def _routing_dates(ws: Worksheet) -> list[dt.date]:
    return [
        d for row in ws.routing for d in (row.action_date, row.disposition_date) if d is not None
    ]


class TestWorksheets:
    @given(worksheets())
    def test_date_received_in_default_era(self, ws: Worksheet) -> None:
        """``DATE RECEIVED`` falls in 1989..2001 by default."""
        assert ws.date_received is not None
        assert DEFAULT_ERA[0] <= ws.date_received <= DEFAULT_ERA[1]
        assert (dt.date(1989, 1, 1), dt.date(2001, 12, 31)) == DEFAULT_ERA

    @given(worksheets(era=NARROW_ERA, routing_days=10))
    def test_era_and_routing_days_constrain_dates(self, ws: Worksheet) -> None:
        """``era`` bounds DATE RECEIVED; routing dates fall within ``routing_days`` after it."""
        assert ws.date_received is not None
        assert NARROW_ERA[0] <= ws.date_received <= NARROW_ERA[1]
        for day in _routing_dates(ws):
            assert ws.date_received <= day <= ws.date_received + dt.timedelta(days=10)

    @given(worksheets())
    def test_routing_dates_not_before_received(self, ws: Worksheet) -> None:
        """Routing dates fall 0..120 days after DATE RECEIVED; completion is not before action."""
        assert ws.date_received is not None
        for day in _routing_dates(ws):
            assert ws.date_received <= day <= ws.date_received + dt.timedelta(days=120)
        for row in ws.routing:
            if row.action_date is not None and row.disposition_date is not None:
                assert row.action_date <= row.disposition_date

    @given(worksheets(min_rows=2, max_rows=3))
    def test_row_count_and_codes(self, ws: Worksheet) -> None:
        """Rows number ``min_rows..max_rows``, each with office and action code; ORG only first."""
        assert 2 <= len(ws.routing) <= 3
        for i, row in enumerate(ws.routing):
            assert row.office
            assert isinstance(row.action_code, ActionCode)
            assert i == 0 or row.action_code is not ActionCode.ORG
            if row.response_type is not None:
                assert row.disposition_code is not None
                assert row.disposition_date is not None

    @given(worksheets(min_rows=0, max_rows=0))
    def test_no_rows(self, ws: Worksheet) -> None:
        """``max_rows=0`` gives an empty routing table."""
        assert ws.routing == ()

    @given(worksheets())
    def test_field_shapes(self, ws: Worksheet) -> None:
        """ID, subject codes, subject, individual codes and media have the form's shapes."""
        assert ws.id_number is not None
        assert ws.id_number.isdigit()
        assert len(set(ws.subject_codes)) == len(ws.subject_codes)
        for code in ws.subject_codes:
            assert SUBJECT_CODE.fullmatch(code)
            assert read_subject_code(code) == code
        assert ws.subject is not None
        assert 3 <= len(ws.subject.split()) <= 40
        assert ws.subject == " ".join(ws.subject.split()) == ws.subject.upper()
        assert all(re.fullmatch(r"\d{4}", code) for code in ws.individual_codes)
        assert ws.media is None or re.fullmatch(r"[A-Z]", ws.media)
        assert isinstance(ws.direction, Direction)

    @given(worksheets(direction=Direction.OUTGOING))
    def test_direction_constraint(self, ws: Worksheet) -> None:
        """``direction`` fixes the direction of every worksheet."""
        assert ws.direction is Direction.OUTGOING

    @pytest.mark.parametrize(
        "constraints",
        [
            {"min_rows": 3, "max_rows": 2},
            {"min_rows": -1},
            {"era": (dt.date(2000, 1, 1), dt.date(1999, 1, 1))},
            {"routing_days": -1},
        ],
    )
    def test_bad_constraints_raise(self, constraints: dict[str, object]) -> None:
        """Contradictory constraints raise ValueError when the strategy is built."""
        with pytest.raises(ValueError, match=r"min|era|routing_days"):
            worksheets(**constraints)  # type: ignore[arg-type]


class TestParts:
    @given(correspondents())
    def test_correspondents(self, c: Correspondent) -> None:
        """A correspondent always has a name; a title is one of the parser's honorifics."""
        assert c.name
        assert c.name == c.name.upper()
        assert c.title is None or c.title in _vocab.HONORIFICS

    @given(subject_codes())
    def test_subject_codes(self, code: str) -> None:
        """Subject codes have the WHORM shape and read back as themselves."""
        assert SUBJECT_CODE.fullmatch(code)
        assert read_subject_code(code) == code

    @given(DAY_AND_ROW)
    def test_routing_entries_after(self, pair: tuple[dt.date, RoutingEntry]) -> None:
        """A row's dates fall within ``within_days`` after ``after``."""
        day, row = pair
        for d in (row.action_date, row.disposition_date):
            assert d is None or day <= d <= day + dt.timedelta(days=30)

    @given(documents(min_worksheets=2, max_worksheets=2, max_rows=1))
    def test_documents(self, doc: Document) -> None:
        """Documents hold the asked number of worksheets, each in its own packet."""
        assert len(doc.worksheets) == 2
        assert all(len(ws.routing) <= 1 for ws in doc.worksheets)
        assert [p.worksheets for p in doc.packets] == [(0,), (1,)]
