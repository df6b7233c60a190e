"""The hypothesis strategies make valid, realistic records of every kind, within constraints."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from worksheet_parser import (
    ActionCode,
    ArchiveHeader,
    Correspondent,
    Direction,
    Document,
    FormVariant,
    Letter,
    ReleaseKind,
    ReleaseStamp,
    ReviewStamp,
    RoutingEntry,
    Worksheet,
    _vocab,
    parse,
    render,
)
from worksheet_parser._worksheet._fields import read_subject_code
from worksheet_parser.noise import FIRST_LEVEL, NoisyText
from worksheet_parser.strategies import (
    DEFAULT_ERA,
    ERAS,
    RELEASE_STAMP_KINDS,
    archive_headers,
    correspondents,
    documents,
    example_documents,
    letters,
    noisy_documents,
    packets,
    release_stamps,
    review_stamps,
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

    @given(documents(min_packets=2, max_packets=2, max_rows=1, only_worksheets=True))
    def test_documents_of_worksheets(self, doc: Document) -> None:
        """``only_worksheets`` documents hold that many worksheets, each its own packet."""
        assert len(doc.worksheets) == 2
        assert all(len(ws.routing) <= 1 for ws in doc.worksheets)
        assert [p.worksheets for p in doc.packets] == [(0,), (1,)]
        assert (doc.review_stamps, doc.letters, doc.headers, doc.release_stamps) == ((),) * 4


class TestForms:
    @given(worksheets(form=FormVariant.FORM_5_81))
    def test_5_81_worksheets(self, ws: Worksheet) -> None:
        """5/81 worksheets are of the Reagan years, with typed mixed-case values."""
        assert ws.form is FormVariant.FORM_5_81
        assert ws.date_received is not None
        assert ERAS[FormVariant.FORM_5_81][0] <= ws.date_received <= dt.date(1989, 1, 20)
        assert ws.subject is not None
        assert ws.subject != ws.subject.upper()
        assert ws.additional_correspondents is None or ws.additional_correspondents.isdigit()

    @given(worksheets(form=FormVariant.RECORDS_MANAGEMENT))
    def test_records_management_worksheets(self, ws: Worksheet) -> None:
        """Records management worksheets hold only what that form prints."""
        assert ws.form is FormVariant.RECORDS_MANAGEMENT
        assert ws.direction is None
        assert ws.date_received is None
        assert ws.correspondent is None
        assert ws.mail_user_codes == ws.individual_codes == ()

    @given(worksheets(form=None))
    def test_any_form(self, ws: Worksheet) -> None:
        """``form=None`` draws any variant, each within its era."""
        assert isinstance(ws.form, FormVariant)

    def test_direction_on_records_management_raises(self) -> None:
        """The records management form has no direction to fix."""
        with pytest.raises(ValueError, match="direction"):
            worksheets(form=FormVariant.RECORDS_MANAGEMENT, direction=Direction.INCOMING)


class TestBlocks:
    @given(review_stamps())
    def test_review_stamps(self, stamp: ReviewStamp) -> None:
        """Review stamps name a known agency and office, a LAST, FIRST reviewer, a 7-digit id."""
        assert stamp.agency in _vocab.REVIEW_STAMP_AGENCIES
        assert stamp.office in _vocab.REVIEW_STAMP_OFFICES
        assert stamp.reviewer is not None
        assert re.fullmatch(r"[A-Z]+, [A-Z]+", stamp.reviewer)
        assert stamp.case_id is not None
        assert re.fullmatch(r"\d{7}", stamp.case_id)

    @given(st.sampled_from(RELEASE_STAMP_KINDS).flatmap(lambda k: release_stamps(kind=k)))
    def test_release_stamps(self, stamp: ReleaseStamp) -> None:
        """Release stamps carry the text their kind prints, with its numbers and date in it."""
        assert stamp.kind in RELEASE_STAMP_KINDS
        assert stamp.text
        for value in (stamp.authority, stamp.case_number, stamp.document_number):
            assert value is None or value in stamp.text

    @given(st.sampled_from(RELEASE_STAMP_KINDS).flatmap(lambda k: release_stamps(kind=k.value)))
    def test_release_stamps_read_back_as_a_release_kind(self, stamp: ReleaseStamp) -> None:
        """A kind given as its string draws that kind; the stamp reads back as the member."""
        (read,) = parse(render(stamp)).release_stamps
        assert type(read.kind) is ReleaseKind
        assert read.kind is stamp.kind

    def test_unknown_release_stamp_kind_raises(self) -> None:
        """A kind the strategy does not make raises ValueError."""
        with pytest.raises(ValueError, match="kind"):
            release_stamps(kind="stamped")

    @given(letters())
    def test_letters(self, letter: Letter) -> None:
        """Letters have a date, salutation, body, closing and 1..3 signatures."""
        assert letter.date is not None
        assert letter.salutation is not None
        assert letter.salutation.startswith("Dear ")
        assert 1 <= len(letter.body) <= 4
        assert letter.closing in _vocab.LETTER_CLOSINGS
        assert 1 <= len(letter.signatories) <= 3

    @given(archive_headers())
    def test_archive_headers(self, header: ArchiveHeader) -> None:
        """Headers name a document (number or date) and carry a status."""
        assert header.document_number is not None or header.date is not None
        assert header.status in _vocab.HEADER_STATUSES
        assert header.document_number is None or re.fullmatch(r"\d{5}", header.document_number)

    @given(packets())
    def test_packets(self, doc: Document) -> None:
        """A packet is a worksheet with its header, stamps and letter; the packet lists them."""
        (packet,) = doc.packets
        assert packet.worksheets == (0,)
        assert packet.review_stamps == tuple(range(len(doc.review_stamps)))
        assert packet.letters == tuple(range(len(doc.letters)))
        assert len(doc.headers) <= 1
        assert len(doc.letters) <= 1
        ws = doc.worksheets[0]
        if doc.letters and ws.date_received is not None:
            assert doc.letters[0].date is not None
            assert doc.letters[0].date < ws.date_received

    def test_example_documents_are_fixed(self) -> None:
        """The seeded corpus is the same for the same seed and differs for another."""
        assert example_documents(5, seed=7) == example_documents(5, seed=7)
        assert example_documents(5, seed=7) != example_documents(5, seed=8)
        with pytest.raises(TypeError, match="unknown"):
            example_documents(1, colour="red")


class TestNoisyDocuments:
    @given(noisy_documents(level=2, max_packets=2))
    def test_noisy_documents_are_damaged_renderings(self, noisy: NoisyText) -> None:
        """A drawn noisy document is the rendering of its records, damaged at its level by
        kinds of that level only."""
        assert noisy.level == 2
        assert noisy.clean == render(noisy.source)
        assert 1 <= len(noisy.source.packets) <= 2
        assert all(FIRST_LEVEL[d.kind] <= 2 for d in noisy.damages)

    @given(noisy_documents(level=3, kinds=["column-major", "debris"], form=FormVariant.FORM_5_81))
    def test_kinds_and_constraints_are_passed_on(self, noisy: NoisyText) -> None:
        """``kinds`` restricts the damage; the other keywords constrain the documents."""
        assert {d.kind for d in noisy.damages} <= {"column-major", "debris"}
        assert all(ws.form is FormVariant.FORM_5_81 for ws in noisy.source.worksheets)

    @given(noisy_documents(level=3, kinds=["column-major"], min_rows=2, max_packets=1))
    def test_column_major_tables_list_offices_in_order(self, noisy: NoisyText) -> None:
        """Where the strategy reads a table column by column, its offices come one per line,
        in row order, and the rows' other cells follow them."""
        for d in noisy.damages:
            ws = noisy.source.worksheets[0]
            offices = [row.office or "" for row in ws.routing]
            assert "\n".join(offices) + "\n" in d.replacement
            after = d.replacement.split("\n".join(offices), 1)[1]
            assert all(o not in after.split("\n") for o in offices if o)
