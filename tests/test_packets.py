"""The sample packet's stamps, letter and packets against the gold; the blocks docs page."""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest

from tests.conftest import GOLD, SAMPLE, assert_matches_gold
from worksheet_parser import Document, Packet, parse, to_dict
from worksheet_parser._models import RecordKind

GOLD_RECORD: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
RAW = SAMPLE.read_text(encoding="utf-8")
DOCS = Path(__file__).resolve().parents[1] / "docs" / "blocks.md"


@pytest.fixture(scope="module")
def sample_doc() -> Document:
    return parse(RAW)


class TestGold:
    def test_review_stamps_equal_gold(self, sample_doc: Document) -> None:
        """Both review stamps of the sample come out as annotated."""
        exported = to_dict(sample_doc)
        assert_matches_gold(
            GOLD_RECORD["review_stamps"], exported["review_stamps"], "review_stamps"
        )

    def test_letter_equals_gold(self, sample_doc: Document) -> None:
        """The letter's date, salutation, closing and every body paragraph are as annotated."""
        exported = to_dict(sample_doc)
        assert_matches_gold(GOLD_RECORD["letters"], exported["letters"], "letters")

    def test_letter_body_holds_no_stamp_line(self, sample_doc: Document) -> None:
        """No line of either review stamp is inside a body paragraph."""
        body = "\n".join(sample_doc.letters[0].body)
        for stamp in sample_doc.review_stamps:
            assert stamp.span is not None
            for line in stamp.span.slice(RAW).splitlines():
                assert line.strip() not in body

    def test_stamp_spans_point_at_values(self, sample_doc: Document) -> None:
        """Stamp field spans slice the text the values were read from."""
        second = sample_doc.review_stamps[1]
        assert second.field_spans["reviewer"].slice(RAW) == "AINSWORTH, THOMAS"
        assert second.field_spans["case_id"].slice(RAW) == "9001915"
        assert second.field_spans["date"].line == 70

    def test_headers(self, sample_doc: Document) -> None:
        """The archive header and the page tag of the letter's page are read."""
        first, page = sample_doc.headers
        assert (first.document_number, first.status, first.page_tags) == (
            "01494",
            "RELEASED",
            ("186B",),
        )
        assert first.date is not None
        assert first.date.isoformat() == "1992-01-29"
        assert page.page_tags == ("303375 186E",)
        assert page.document_number is None

    def test_nothing_unrecognized(self, sample_doc: Document) -> None:
        """Every line of the sample is read into some block."""
        assert sample_doc.unrecognized == ()


class TestPackets:
    def test_one_packet_holds_everything(self, sample_doc: Document) -> None:
        """Worksheet 303373 travels with both stamps, both headers and the letter."""
        (packet,) = sample_doc.packets
        assert packet.worksheets == (0,)
        assert packet.review_stamps == (0, 1)
        assert packet.letters == (0,)
        assert packet.headers == (0, 1)

    def test_two_packets_in_a_dump(self) -> None:
        """A dump of two packets gives two packets, each with its own letter."""
        doc = parse(RAW + "\n\n" + RAW)
        assert len(doc.packets) == 2
        assert [p.letters for p in doc.packets] == [(0,), (1,)]
        assert [p.worksheets for p in doc.packets] == [(0,), (1,)]

    def test_repeated_stamp_opens_no_packet(self) -> None:
        """A stamp repeated at the bottom of the page stays in the same packet."""
        stamp = "\n".join(RAW.split("\n")[36:41])
        doc = parse(RAW + "\n\n" + stamp)
        assert len(doc.packets) == 1
        assert doc.packets[0].review_stamps == (0, 1, 2)


def _doc_examples() -> str:
    """The ``>>>`` examples of the python fences in docs/blocks.md, as one doctest text."""
    fences = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    return "\n".join(fences)


class TestBlocksPage:
    def test_examples_run(self) -> None:
        """Every example on docs/blocks.md gives the output written under it."""
        test = doctest.DocTestParser().get_doctest(_doc_examples(), {}, "blocks.md", str(DOCS), 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        runner.run(test)
        assert runner.summarize(verbose=False).failed == 0
        assert runner.summarize(verbose=False).attempted > 10


def test_record_kinds_are_the_documents_record_tuples() -> None:
    """``RecordKind`` names exactly the document's tuples of records, in their order,
    and a packet holds an index tuple for each."""
    records = [
        f.name
        for f in attrs.fields(Document)
        if f.name not in {"packets", "unrecognized", "diagnostics"}
    ]
    assert [kind.value for kind in RecordKind] == records
    packet_fields = {f.name for f in attrs.fields(Packet)} - {"span"}
    assert {kind.value for kind in RecordKind} == packet_fields
