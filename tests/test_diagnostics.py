"""Diagnostic codes, the report readers write into, and field paths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import worksheet_parser
from worksheet_parser import DIAGNOSTIC_CODES, DiagnosticCode, Severity, parse
from worksheet_parser._diagnostics import DiagnosticLog, ReadContext, render_path
from worksheet_parser._text._normalize import normalize

DOCS = Path(__file__).resolve().parents[1] / "docs"

CLEAN_HEAD = """\
ID# 303373
INCOMING
DATE RECEIVED: JANUARY 30, 1992
NAME OF CORRESPONDENT: THE HONORABLE EDWARD M. KENNEDY
SUBJECT: URGES PRESIDENT TO REJECT MEETING WITH CHINESE PREMIER
ROUTE TO: OFFICE/AGENCY (STAFF NAME)
"""


class TestDiagnosticCode:
    def test_members_are_the_codes_table_in_order(self) -> None:
        """The enum and ``DIAGNOSTIC_CODES`` list the same codes, severities and meanings."""
        assert [m.value for m in DiagnosticCode] == list(DIAGNOSTIC_CODES)
        for member in DiagnosticCode:
            assert DIAGNOSTIC_CODES[member] == (member.severity, member.meaning)

    def test_keys_of_the_table_are_plain_strings(self) -> None:
        """``DIAGNOSTIC_CODES`` stays a table of strings (JSON, SQLite and CSV take them)."""
        assert all(type(code) is str for code in DIAGNOSTIC_CODES)

    def test_member_equals_its_string_and_is_found_by_it(self) -> None:
        """A member equals its code string and is looked up by it."""
        code: str = DiagnosticCode.JUNK_DROPPED
        assert code == "junk-dropped"
        assert DiagnosticCode("junk-dropped") is DiagnosticCode.JUNK_DROPPED
        assert f"{DiagnosticCode.JUNK_DROPPED}" == "junk-dropped"
        assert DiagnosticCode.INTERNAL_ERROR.severity is Severity.ERROR

    def test_names_follow_the_codes(self) -> None:
        """Each member's name is its code upper-cased with ``_`` for ``-``."""
        for member in DiagnosticCode:
            assert member.name == member.value.upper().replace("-", "_")

    def test_every_member_has_its_meaning_as_docstring(self) -> None:
        """Each member documents itself with its meaning."""
        for member in DiagnosticCode:
            assert member.__doc__ == member.meaning
            assert member.meaning.strip().endswith(".")

    def test_every_member_is_in_the_docs_table(self) -> None:
        """docs/model.md lists every member with its default severity."""
        table = dict(
            re.findall(
                r"^\| `([a-z-]+)` \| (info|warning|error) \|", (DOCS / "model.md").read_text(), re.M
            )
        )
        assert table == {m.value: m.severity.value for m in DiagnosticCode}

    def test_exported_publicly(self) -> None:
        """Users import the enum from the package."""
        assert "DiagnosticCode" in worksheet_parser.__all__
        assert worksheet_parser.DiagnosticCode is DiagnosticCode

    def test_diagnostics_filter_by_member_and_keep_plain_string_codes(self) -> None:
        """Parsed diagnostics are found by member, and their code stays a plain string."""
        doc = parse("ID# 303373\nDATE RECEIVED: JANUARY 3O, 1992")
        found = [d for d in doc.diagnostics if d.code == DiagnosticCode.DATE_REPAIRED]
        assert [d.field for d in found] == ["worksheets[0].date_received"]
        assert all(type(d.code) is str for d in doc.diagnostics)
        assert all(DiagnosticCode(d.code).value == d.code for d in doc.diagnostics)

    def test_report_takes_the_member(self) -> None:
        """``DiagnosticLog.add`` takes a member, stores its string and its default severity."""
        report = DiagnosticLog(normalize("some text"))
        report.add(DiagnosticCode.VALUE_REPAIRED, "why", 0, 4)
        (d,) = report
        assert type(d.code) is str
        assert d.code == "value-repaired"
        assert d.severity is Severity.INFO
        assert d.span is not None
        assert (d.span.start, d.span.end) == (0, 4)


_ADDS_AND_ROLLBACKS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(list(DiagnosticCode))),
        st.tuples(st.just("mark"), st.none()),
        st.tuples(st.just("rollback"), st.none()),
    ),
    max_size=40,
)


class TestReport:
    @given(_ADDS_AND_ROLLBACKS)
    def test_rollback_leaves_exactly_the_adds_before_the_mark(
        self, steps: list[tuple[str, DiagnosticCode | None]]
    ) -> None:
        """Any sequence of adds, marks and rollbacks (to the latest open mark)
        leaves exactly the adds made before each rolled-back mark."""
        text = "x" * 10
        report = DiagnosticLog(normalize(text))
        model: list[str] = []
        marks: list[tuple[int, int]] = []  # (report mark, length of the model then)
        for n, (step, code) in enumerate(steps):
            if step == "add":
                assert code is not None
                report.add(code, f"message {n}", n % 10, n % 10 + 1)
                model.append(f"message {n}")
            elif step == "mark":
                marks.append((report.checkpoint(), len(model)))
            elif marks:
                mark, length = marks.pop()
                assert [d.message for d in report.since(mark)] == model[length:]
                report.rollback(mark)
                del model[length:]
            assert [d.message for d in report] == model
            assert len(report) == len(model) == report.checkpoint()

    def test_amend_updates_one_diagnostic_in_place(self) -> None:
        """``amend`` changes the span, original text and path of one diagnostic only."""
        source = normalize("abc def ghi")
        report = DiagnosticLog(source)
        report.add(DiagnosticCode.UNPLACED_TEXT, "a", 0, 3, field=("letters", 0), original="abc")
        report.add(DiagnosticCode.UNPLACED_TEXT, "b", 4, 7, field=("letters", 0), original="def")
        report.amend(0, span=source.span(0, 7), original="abc def", field=("letters", 1))
        first, second = report
        assert first.span is not None
        assert (first.span.start, first.span.end) == (0, 7)
        assert (first.original, first.field, first.message) == ("abc def", "letters[1]", "a")
        assert (second.original, second.field) == ("def", "letters[0]")


_NAMES = st.sampled_from(
    ["worksheets", "letters", "routing", "action_date", "subject", "correspondent.name"]
)
_PATHS = st.lists(st.one_of(_NAMES, st.integers(0, 120)), max_size=6).filter(
    lambda p: not p or isinstance(p[0], str)
)
_BLOCKS = st.sampled_from(["worksheets", "headers", "review_stamps", "release_stamps", "letters"])
_FIELDS = st.sampled_from(["date", "subject", "case_id", "action_code", "correspondent.name"])


class TestFieldPaths:
    def test_renders_the_dotted_form(self) -> None:
        """A tuple path renders as the dotted path users see."""
        assert (
            render_path(("worksheets", 0, "routing", 1, "action_date"))
            == "worksheets[0].routing[1].action_date"
        )
        assert render_path(("headers", 3, "page_tags[0]")) == "headers[3].page_tags[0]"
        assert render_path(()) == ""

    @given(_BLOCKS, st.integers(0, 500), st.none() | st.integers(0, 40), st.none() | _FIELDS)
    def test_rendering_matches_the_string_form(
        self, block: str, n: int, row: int | None, name: str | None
    ) -> None:
        """A drawn path renders as the string the readers glued together before."""
        prefix = f"{block}[{n}]."
        path: tuple[str | int, ...] = (block, n)
        if row is None:
            old = prefix + (name or "form")
            path += (name or "form",)
        else:
            old = f"{prefix}routing[{row}]" + ("" if name is None else f".{name}")
            path += ("routing", row) + (() if name is None else (name,))
        assert render_path(path) == old

    @given(_PATHS, _PATHS)
    def test_rendering_a_prefixed_path_extends_the_prefix(
        self, head: list[str | int], tail: list[str | int]
    ) -> None:
        """A block's path and a field path under it render as prefix + "." + field."""
        if not head or not tail:
            return
        assert (
            render_path((*head, *tail)) == f"{render_path(tuple(head))}.{render_path(tuple(tail))}"
        )


class TestReadContext:
    def test_a_block_reader_reports_under_its_blocks_path(self) -> None:
        """A reader given a context names its fields under the context's path."""
        from worksheet_parser._blocks._headers import read_header
        from worksheet_parser._text._segment import BlockKind, segment

        source = normalize("0I494\nl992/01/29\nRELEASED\n")
        report = DiagnosticLog(source)
        (block,) = [b for b in segment(source.text) if b.kind is BlockKind.HEADER]
        header = read_header(block, ReadContext(source, report, ("headers", 7)))
        assert header.document_number == "01494"
        assert [(d.code, d.field) for d in report] == [
            ("value-repaired", "headers[7].document_number"),
            ("date-repaired", "headers[7].date"),
        ]

    def test_a_failing_reader_is_rolled_back(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A reader that fails after reporting leaves only an ``internal-error``;
        its block's lines are kept, and the next block is read as usual."""
        from worksheet_parser import _api
        from worksheet_parser._text._segment import BlockKind

        def failing(block: object, ctx: ReadContext, **_: object) -> None:
            ctx.report.add(DiagnosticCode.VALUE_REPAIRED, "half-way", 0, 1, field=ctx.path)
            raise RuntimeError("boom")

        monkeypatch.setitem(_api._READERS, BlockKind.HEADER, ("headers", failing))
        doc = parse(
            "0I494\nl992/01/29\nRELEASED\n\n" + "ID# 303373\nDATE RECEIVED: JANUARY 3O, 1992"
        )
        assert [d.code for d in doc.diagnostics if d.code != "field-missing"] == [
            "internal-error",
            "date-repaired",
        ]
        assert doc.headers == ()
        assert "0I494" in doc.unrecognized[0].text
        assert doc.worksheets[0].id_number == "303373"


class TestRoutingPaths:
    def test_rows_left_out_renumber_the_paths_after_them(self) -> None:
        """A row that reads as no entry is reported on ``routing``; the rows after
        it are reported on their entries' indexes, as returned."""
        head = CLEAN_HEAD
        table = (
            "OMB\tA 92/03/12\nREFERRAL NOTE:\nee) = a EE\nREFERRAL NOTE:\n"
            "NSC\tD 92/O3/14 ##\nREFERRAL NOTE:\n"
        )
        doc = parse(head + table + "\nMEDIA:L\tINDIVIDUAL CODES: 1210\n")
        ws = doc.worksheets[0]
        assert [r.office for r in ws.routing] == ["OMB", "NSC"]
        fields = {(d.code, d.original): d.field for d in doc.diagnostics}
        assert fields[("date-repaired", "92/O3/14")] == "worksheets[0].routing[1].action_date"
        assert fields[("junk-dropped", "##")] == "worksheets[0].routing[1]"
        assert fields[("junk-dropped", "EE")] == "worksheets[0].routing"
