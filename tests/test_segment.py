"""Segmentation of a dump into blocks, and the nothing-lost property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from worksheet_parser import Document, parse
from worksheet_parser._text._normalize import normalize
from worksheet_parser._text._segment import (
    MAX_CONTINUATION,
    MAX_GAP,
    MAX_WORKSHEET_LINES,
    BlockKind,
    segment,
)

TEXT = SAMPLE.read_text(encoding="utf-8")
LINES = TEXT.split("\n")


def _chunk(first: int, last: int) -> str:
    """Lines ``first..last`` (1-based, inclusive) of the sample."""
    return "\n".join(LINES[first - 1 : last])


CHUNKS = {
    "header": _chunk(1, 7),
    "worksheet": _chunk(9, 35),
    "stamp": _chunk(37, 41),
    "page-tag": _chunk(43, 45),
    "letter": _chunk(47, 81),
}


def _kinds(text: str) -> list[BlockKind]:
    return [b.kind for b in segment(normalize(text).text) if any(x.text.strip() for x in b.lines)]


def _spans_of(doc: Document) -> list[tuple[int, int]]:
    spans = [(w.span.start, w.span.end) for w in doc.worksheets if w.span is not None]
    for group in (doc.review_stamps, doc.release_stamps, doc.letters, doc.headers):
        for record in group:
            spans += [(s.start, s.end) for s in record.field_spans.values()]
            spans += [(u.span.start, u.span.end) for u in record.unread]
    spans += [(u.span.start, u.span.end) for u in doc.unrecognized]
    return spans


def _assert_covered(doc: Document, text: str) -> None:
    spans = _spans_of(doc)
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if not raw.strip():
            continue
        assert any(s < end and start < e for s, e in spans), raw


class TestBlocks:
    def test_sample_blocks_in_reading_order(self) -> None:
        """The sample is header, worksheet, stamp, page tag, letter with a stamp inside it."""
        assert _kinds(TEXT) == [
            BlockKind.HEADER,
            BlockKind.WORKSHEET,
            BlockKind.REVIEW_STAMP,
            BlockKind.HEADER,
            BlockKind.LETTER,
            BlockKind.REVIEW_STAMP,
        ]

    def test_letter_skips_the_stamp_inside_it(self) -> None:
        """The letter block holds none of the second stamp's lines."""
        blocks = segment(normalize(TEXT).text)
        (letter,) = (b for b in blocks if b.kind is BlockKind.LETTER)
        texts = {line.text for line in letter.lines}
        assert "Review Authority AINSWORTH, THOMAS" not in texts
        assert "Sincerely," in texts

    def test_every_line_in_exactly_one_block(self) -> None:
        """The blocks partition the lines of the sample."""
        numbers = sorted(x.number for b in segment(normalize(TEXT).text) for x in b.lines)
        assert numbers == list(range(len(LINES)))

    def test_junk_between_house_and_title(self) -> None:
        """A junk line between THE WHITE HOUSE and its title does not split the worksheet."""
        text = (
            "ID# 303373\nTHE WHITE HOUSE\n5m SC Supe\nCORRESPONDENCE TRACKING WORKSHEET\n"
            "INCOMING\nDATE RECEIVED: JANUARY 30, 1992\n"
        )
        assert _kinds(text) == [BlockKind.WORKSHEET]


class TestNotWorksheets:
    def test_withdrawal_sheet(self) -> None:
        """A withdrawal sheet listing an ID# and a subject is no worksheet."""
        text = (
            "Ronald Reagan Presidential Library\nWITHDRAWAL SHEET\n"
            "Collection Name: WHORM Subject File    Withdrawer: RBW 5/12/2010\n"
            "File Folder: CO034 (303373)    FOIA: F05-012\n"
            "ID# 303373\nSUBJECT: LETTER RE CHINA\nCOMMENTS: B1\n"
        )
        assert parse(text).worksheets == ()

    def test_memorandum(self) -> None:
        """A memorandum on White House paper with an ID# and SUBJECT: is no worksheet."""
        text = (
            "THE WHITE HOUSE\nWASHINGTON\nMEMORANDUM FOR BRENT SCOWCROFT\n"
            "FROM: NICHOLAS ROSTOW\nID# 303373\nSUBJECT: Letter from Senator Kennedy\n"
            "COMMENTS: none\n"
        )
        assert parse(text).worksheets == ()

    def test_routing_slip(self) -> None:
        """An NSC routing slip with ROUTE TO and an ID# is no worksheet."""
        text = (
            "NATIONAL SECURITY COUNCIL\nROUTING SLIP\nID# 9200731\n"
            "ROUTE TO: EXECUTIVE SECRETARY\nACTION\nCOMMENTS: for signature\n"
        )
        assert parse(text).worksheets == ()

    def test_real_worksheet_after_a_memo_is_kept(self) -> None:
        """A titled worksheet right after a memo is still a worksheet."""
        text = "MEMORANDUM FOR THE FILE\n\n" + CHUNKS["worksheet"]
        assert len(parse(text).worksheets) == 1


_FORM_5_81_END = (
    "ID # 271543\nWHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n"
    "Subject: Requests a photograph of the President\n5/81\nRECORDS MANAGEMENT ONLY\n"
    "Prime Subject Code: PR007\tSecondary Codes: FG001 HU\nPRESIDENTIAL REPLY\n"
)
_RM = (
    "OFFICE OF RECORDS MANAGEMENT WORKSHEET\nID # 339211\n"
    "Name of Document: Photograph of the President\nSubject Codes:\n"
)
_STAMP = (
    "Department of State\nOffice of FOI, Privacy, & Classification Review\n"
    "Review Authority: MILLER, DAVID\nDate: 08/07/93\nCase ID: 7564858\n"
)


def _worksheet_lines(text: str) -> list[str]:
    blocks = segment(normalize(text).text)
    (ws,) = (b for b in blocks if b.kind is BlockKind.WORKSHEET)
    return [x.text for x in ws.filled]


class TestBlockBoundaries:
    """A worksheet block ends where another kind of block begins."""

    def test_review_stamp_right_under_a_5_81_worksheet(self) -> None:
        """No blank line between PRESIDENTIAL REPLY and the stamp: the stamp is still its own
        block, and its ``Date: 08/07/93`` line (worksheet-like evidence) is not the form's."""
        text = _FORM_5_81_END + _STAMP
        assert _worksheet_lines(text)[-1] == "PRESIDENTIAL REPLY"
        doc = parse(text)
        assert doc.worksheets[0].unread == ()
        assert doc.review_stamps[0].case_id == "7564858"
        assert doc.review_stamps[0].agency == "Department of State"

    def test_stamp_without_its_agency_line_still_stops(self) -> None:
        """With the agency line lost, the office line ends the worksheet."""
        text = _FORM_5_81_END + _STAMP.split("\n", 1)[1]
        assert _worksheet_lines(text)[-1] == "PRESIDENTIAL REPLY"

    def test_review_stamp_under_records_management_comments(self) -> None:
        """The stamp's lines are not read as the comments' continuation."""
        text = _RM + "Comments: Original filed\n" + _STAMP
        assert _worksheet_lines(text)[-1] == "Comments: Original filed"
        doc = parse(text)
        assert doc.worksheets[0].comments == "Original filed"
        assert doc.review_stamps[0].reviewer == "MILLER, DAVID"

    def test_wrapped_comments_before_a_letter(self) -> None:
        """The indented second line of the final Comments stays in the worksheet; the letter
        below (letterhead, place, salutation) does not."""
        text = (
            _RM + "Comments: Copy sent to the photo office\n"
            "          for review\n\n\n\nUnited States Senate\n\nWASHINGTON, DC 20510\n\n"
            "Dear Mr. President:\n\nWe write to you.\n\nSincerely,\n\nEdward M. Kennedy\n"
        )
        assert _worksheet_lines(text)[-1] == "          for review"
        doc = parse(text)
        assert doc.worksheets[0].comments == "Copy sent to the photo office for review"
        assert doc.letters[0].letterhead == ("United States Senate",)

    @pytest.mark.parametrize(
        "opener",
        [
            "DECLASSIFIED PER E.O. 12958, AS AMENDED",
            "No Objection To Declassification 2008/04/28 : NLC-15-96-6-3-1",
            "Case No. F-2016-07743 Doc No. C17980027 Date: 07/31/2O17",
            "RELEASE IN FULL",
            "RELEASED",
            "1992/01/29",
            "Dear Mr. President:",
            "dear mr. president:",
            "Review Authority: MILLER, DAVID",
            "Case ID: 7564858",
        ],
    )
    def test_line_opening_another_block_stops_a_worksheet(self, opener: str) -> None:
        """Within MAX_GAP, a stamp, header or salutation line ends the worksheet before it, and
        the evidence-like line after it (``Date: 08/07/93``) stays out of the worksheet too."""
        text = _RM + "Comments: Original filed\n" + opener + "\nDate: 08/07/93\n"
        assert _worksheet_lines(text)[-1] == "Comments: Original filed"

    def test_header_run_stops_a_worksheet(self) -> None:
        """A document number followed by a status (the next packet's header) is no comment."""
        text = _RM + "Comments:\n\n80367\n\nEXCISED\n\n242H\n"
        assert _worksheet_lines(text)[-1] == "Comments:"
        assert parse(text).headers[0].document_number == "80367"

    def test_lone_number_under_a_referral_note_is_junk(self) -> None:
        """Handwriting read as ``99005`` inside the routing table keeps the worksheet whole."""
        text = (
            "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n"
            "ROUTE TO: OFFICE/AGENCY (STAFF NAME)\nNSC  R  92/01/30\n   REFERRAL NOTE:\n"
            "99005\nOMB  C  92/02/01\n   REFERRAL NOTE:\nCOMMENTS: NONE\n"
        )
        assert _worksheet_lines(text)[-1] == "COMMENTS: NONE"

    def test_agency_named_in_an_indented_subject_line(self) -> None:
        """An indented continuation naming an agency is the subject's, not a stamp."""
        text = (
            "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n"
            "SUBJECT: FORWARDS A LETTER TO THE\n         DEPARTMENT OF STATE\nCOMMENTS: NONE\n"
        )
        ws = parse(text).worksheets[0]
        assert (ws.subject, ws.comments) == ("FORWARDS A LETTER TO THE DEPARTMENT OF STATE", "NONE")

    def test_broken_labels_are_evidence(self) -> None:
        """``REFERRAL N0TE:`` (OCR 0 for O) keeps counting as a worksheet line, so broken labels
        and junk together do not cut the worksheet."""
        text = (
            "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n"
            "ROUTE TO: OFFICE/AGENCY (STAFF NAME)\nNSC  R  __/__/__\n   REFERRAL N0TE: X\n"
            "99005\nOMB  S  __/__/__\n   REFERRAL N0TE:\nCUFF  A  __/__/__\n   REFERRAL N0TE:\n"
            "COMMENTS: NONE\n"
        )
        assert _worksheet_lines(text)[-1] == "COMMENTS: NONE"

    def test_released_under_a_letter_before_the_next_header(self) -> None:
        """A ``RELEASED`` stamp two blank lines above the next document's header is a stamp,
        not the status of that header."""
        text = "We write.\n\nSincerely,\n\nJohn Smith\n\nRELEASED\n\n\n04511\n\n1992/12/29\n"
        doc = parse(text)
        assert [s.kind for s in doc.release_stamps] == ["released"]
        assert (doc.headers[0].document_number, doc.headers[0].status) == ("04511", None)


class TestLongFreeText:
    """Continuation lines of a free-text value do not count toward MAX_GAP."""

    @pytest.mark.parametrize("lines", [5, 8, 20])
    def test_long_indented_subject(self, lines: int) -> None:
        """A subject wrapped onto many indented lines is read whole."""
        text = (
            "ID# 317937\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\nINCOMING\n"
            "SUBJECT: URGES PRESIDENT\n" + "         TO ACT\n" * lines + "COMMENTS: NONE\n"
        )
        ws = parse(text).worksheets[0]
        assert (ws.subject, ws.comments) == ("URGES PRESIDENT" + " TO ACT" * lines, "NONE")

    def test_unindented_capitals_on_the_computer_printed_form(self) -> None:
        """OCR that lost the indentation (and added blank lines) still continues the subject
        when the line is in the form's capitals."""
        text = (
            "ID# 317937\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\nINCOMING\n"
            "SUBJECT: URGES PRESIDENT\n" + "\nTO ACT\n" * 6 + "COMMENTS: NONE\n"
        )
        ws = parse(text).worksheets[0]
        assert (ws.subject, ws.comments) == ("URGES PRESIDENT" + " TO ACT" * 6, "NONE")

    def test_value_under_a_label_alone(self) -> None:
        """``Name of Document:`` alone, its value on the next line, then indented lines."""
        text = (
            "OFFICE OF RECORDS MANAGEMENT WORKSHEET\nID # 339211\nName of Document:\n"
            "Photograph of the President\n"
            + "          with the scouts\n" * 5
            + "Subject Codes: PR007\n"
        )
        ws = parse(text).worksheets[0]
        assert ws.subject == "Photograph of the President" + " with the scouts" * 5
        assert ws.subject_codes == ("PR007",)

    def test_mixed_case_lines_on_the_computer_printed_form_count(self) -> None:
        """Lower-case lines under a capitals subject are handwriting: they count toward
        MAX_GAP, so the worksheet ends at its subject."""
        text = (
            "ID# 317937\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n"
            "SUBJECT: URGES PRESIDENT\n" + "some notes here\n" * 6 + "COMMENTS: NONE\n"
        )
        assert _worksheet_lines(text)[-1] == "SUBJECT: URGES PRESIDENT"

    def test_runaway_continuation_is_bounded(self) -> None:
        """Indented lines under a SUBJECT stop being the subject's after MAX_CONTINUATION (then
        MAX_GAP more), so a page of indented text does not run on into a far worksheet line."""
        filler = "         SOME TEXT\n" * (MAX_CONTINUATION + MAX_GAP + 5)
        text = (
            "ID# 317937\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n"
            "SUBJECT: URGES PRESIDENT\n" + filler + "COMMENTS: NONE\n"
        )
        lines = _worksheet_lines(text)
        assert "COMMENTS: NONE" not in lines
        assert len(lines) == 4 + MAX_CONTINUATION


_LINE = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60)
_PIECE = st.one_of(st.sampled_from(sorted(CHUNKS.values())), _LINE)


class TestNothingLost:
    @given(st.lists(_PIECE, max_size=10), st.sampled_from(["\n", "\n\n", "\n\n\n"]))
    def test_every_line_is_covered(self, pieces: list[str], sep: str) -> None:
        """Every non-blank line of a dump is in a field, an unread line or unrecognized."""
        text = sep.join(pieces)
        _assert_covered(parse(text), text)

    @given(st.lists(_PIECE, max_size=10))
    def test_blocks_partition_the_lines(self, pieces: list[str]) -> None:
        """Every line of a generated dump is in exactly one block."""
        norm = normalize("\n".join(pieces)).text
        numbers = sorted(x.number for b in segment(norm) for x in b.lines)
        assert numbers == list(range(norm.count("\n") + 1))


# -- long runs of plain lines ----------------------------------------------------

_PLAIN_LINES = ("A", "A B", "HELLO", "x", "it is so", "   C", "\tD", "")
_MARKED_LINES = (
    *SAMPLE.read_text(encoding="utf-8").split("\n"),
    "Dear Sir:",
    "Sincerely,",
    "John Doe",
    "ID# 303373",
    "01494",
    "1992/01/30",
    "RELEASED",
    "Review Authority: X",
    "Case ID: 9301915",
    "SUBJECT: HELLO",
    "MEMORANDUM",
    "United States Department of State",
)


@st.composite
def _runs_of_plain_lines(draw: st.DrawFn) -> str:
    """Blocks of every kind with runs of plain lines (some far longer than any rule's reach)
    between them."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            n = draw(st.sampled_from([1, 5, 60, 129, 200, 400]))
            unit = draw(st.lists(st.sampled_from(_PLAIN_LINES), min_size=1, max_size=4))
            lines.extend(unit[i % len(unit)] for i in range(n))
        else:
            lines.extend(draw(st.lists(st.sampled_from(_MARKED_LINES), min_size=1, max_size=20)))
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n"]))


class TestPlainRuns:
    @given(_runs_of_plain_lines())
    def test_thinning_changes_nothing(self, text: str) -> None:
        """Reading only the ends of long runs of plain lines gives the same document, spans,
        unread text and diagnostics as reading every line."""
        from worksheet_parser._text._segment import _cut

        saved = _cut._THIN_LINE, _cut._THIN_SIZE
        try:
            _cut._THIN_LINE = 0  # never thinned
            every = parse(text).to_json()
            _cut._THIN_LINE, _cut._THIN_SIZE = 1 << 30, 0  # always thinned
            thinned = parse(text).to_json()
        finally:
            _cut._THIN_LINE, _cut._THIN_SIZE = saved
        assert thinned == every

    def test_a_long_run_is_thinned(self) -> None:
        """A million short lines are read as the two ends of their run, and the block made of
        them still covers every line."""
        from worksheet_parser._text._segment._read_lines import _PLAIN_REACH, _thinned_lines

        text = "A\nB\n\n" * 500_000
        texts, _, numbers, cuts = _thinned_lines(text)
        assert len(texts) == 2 * _PLAIN_REACH
        assert cuts == [_PLAIN_REACH]
        assert numbers[-1] == text.count("\n") - 2
        (block,) = segment(text)
        assert block.kind is BlockKind.OTHER
        assert list(block.runs()) == [(0, len(text) - 2)]

    @given(_runs_of_plain_lines())
    def test_lines_read_from_the_text_are_the_filled_lines(self, text: str) -> None:
        """A block's non-blank lines read from its text (as the letter reader reads them)
        are its filled lines, each with whether a blank line of the block stands before it;
        its lines read one at a time are its lines."""
        from worksheet_parser._text._segment import _cut

        saved = _cut._THIN_LINE
        try:
            _cut._THIN_LINE = 0  # every line looked at
            blocks = segment(normalize(text).text)
        finally:
            _cut._THIN_LINE = saved
        for block in blocks:
            got = list(block.filled_with_breaks())
            assert [(text, start) for text, start, _ in got] == [
                (x.text, x.start) for x in block.filled
            ]
            blank, expected = False, []
            for x in block.lines:
                if x.text.strip():
                    expected.append(blank)
                    blank = False
                else:
                    blank = True
            assert [b for _, _, b in got] == expected
            assert list(block.iter_texts_and_starts()) == block.texts_and_starts()

    def test_a_long_letter_body_is_thinned(self) -> None:
        """The middle of a letter's long body of short lines is not looked at by the segmenter,
        and the letter still reads every line of it, in its paragraphs, as when every line
        is looked at."""
        from worksheet_parser._text._segment import _cut
        from worksheet_parser._text._segment._read_lines import _PLAIN_REACH, _thinned_lines

        # 1,991 paragraphs (a body is read up to MAX_LETTER_PARAGRAPHS), 66 kB of short lines.
        body = "A B\nit is so\nA B\nit is so\n\nHELLO\n" * 1990
        text = "Dear Sir:\n" + body + "\nSincerely,\n\nJohn Doe\n"
        assert len(_thinned_lines(text)[0]) < 4 * _PLAIN_REACH
        assert len(text) >= _cut._THIN_SIZE
        (block,) = segment(text)
        assert block.kind is BlockKind.LETTER
        doc = parse(text)
        (letter,) = doc.letters
        two = "A B it is so A B it is so"
        assert letter.body == (two, *[f"HELLO {two}"] * 1989, "HELLO")
        assert not doc.diagnostics
        assert letter.signatories == ("John Doe",)
        saved = _cut._THIN_LINE
        try:
            _cut._THIN_LINE = 0  # every line looked at
            assert parse(text).to_json() == doc.to_json()
        finally:
            _cut._THIN_LINE = saved


WS_HEAD = "ID# 303373\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\nINCOMING\n"


@given(
    st.lists(st.sampled_from(["SUBJECT: X", "", "  Y", "COMMENTS: NONE"]), min_size=2, max_size=40),
    st.data(),
)
def test_a_split_block_keeps_every_line_once(body: list[str], data: st.DataObject) -> None:
    """Splitting a worksheet block after any of its lines gives its first lines as a
    worksheet block and the rest as an unrecognized one: no line lost or doubled."""
    text = normalize(WS_HEAD + "\n".join(body)).text
    (block,) = (b for b in segment(text) if b.kind is BlockKind.WORKSHEET)
    total = block.line_count()
    if total < 2:
        return
    cut = data.draw(st.integers(1, total - 1))
    head, rest = block.split(cut)
    assert (head.kind, rest.kind) == (BlockKind.WORKSHEET, BlockKind.OTHER)
    assert head.line_count() == cut
    assert rest.line_count() == total - cut
    assert head.texts_and_starts() + rest.texts_and_starts() == block.texts_and_starts()
    assert list(head.filled) + list(rest.filled) == list(block.filled)
    in_runs = [line for a, b in rest.runs() for line in text[a:b].split("\n") if line.strip()]
    assert in_runs == [line.text for line in rest.filled]


def test_a_worksheet_longer_than_any_printed_one_is_read_up_to_the_limit() -> None:
    """A worksheet block of more than MAX_WORKSHEET_LINES lines (a damaged dump, or text
    made to stall the reader) is read up to that line; the rest is one unrecognized run,
    reported once with its span, and the text after it is still read."""
    body = "SUBJECT: X\nCOMMENTS: NONE\n" * (MAX_WORKSHEET_LINES // 2 + 100)
    text = WS_HEAD + body + "\nDear Mr. President:\nThank you.\nSincerely,\nJohn Smith\n"
    doc = parse(text)
    (worksheet,) = doc.worksheets
    assert worksheet.subject == "X"
    assert worksheet.comments == "NONE"
    assert worksheet.span is not None
    assert worksheet.span.line == 1
    (too_long,) = [d for d in doc.diagnostics if d.code == "block-too-long"]
    assert too_long.field == "worksheets[0]"
    assert too_long.span is not None
    assert too_long.span.line == MAX_WORKSHEET_LINES + 1
    (run,) = doc.unrecognized
    assert run.span == too_long.span
    assert text[run.span.start : run.span.end] == run.text
    assert run.text.startswith(text.split("\n")[MAX_WORKSHEET_LINES])
    assert run.text.endswith("COMMENTS: NONE")
    assert worksheet.span.end < run.span.start
    assert [letter.signatories for letter in doc.letters] == [("John Smith",)]


class TestCompactGroups:
    """Stamps, headers, letters and other text are kept in a compact table while the text
    is cut (a file may hold one on every other line), and made into blocks one at a time."""

    @given(_runs_of_plain_lines())
    def test_merged_order_is_the_sorted_order(self, text: str) -> None:
        """The blocks come out the same, in the same order, whether the table's groups are
        put in order by sorting (a few) or by merging its runs (many)."""
        from worksheet_parser._text._segment import _groups

        norm = normalize(text).text
        saved = _groups._SORT_AT_MOST
        try:
            _groups._SORT_AT_MOST = 0  # always merged
            merged = segment(norm)
            _groups._SORT_AT_MOST = 1 << 30  # always sorted
            ordered = segment(norm)
        finally:
            _groups._SORT_AT_MOST = saved
        assert merged == ordered
        assert [b.start for b in merged] == sorted(b.start for b in merged)

    def test_a_stamp_on_every_other_line(self) -> None:
        """Thousands of stamps between text lines are each a block of their own, in reading
        order, and the text lines between them one block of other text (stamps land
        anywhere on a page of text)."""
        text = "Case ID: 9301915\nA\nRELEASED\nB\n" * 3000
        blocks = segment(text)
        kinds = [b.kind for b in blocks]
        assert kinds.count(BlockKind.REVIEW_STAMP) == 3000
        assert kinds.count(BlockKind.RELEASE_STAMP) == 3000
        assert [b.start for b in blocks] == sorted(b.start for b in blocks)
        (other,) = [b for b in blocks if b.kind is BlockKind.OTHER]
        assert [line.text for line in other.filled] == ["A", "B"] * 3000
