"""OCR damage to the sample's worksheet: recovered like the gold, or absent with a diagnostic.

Each test damages the real sample the way forms.md describes (labels, dates,
codes, merged columns, handwriting) and checks the worksheet against the
hand-annotated gold record: a repaired value equals the gold, a destroyed one
is ``None`` with a diagnostic, and no field ever takes another field's value.
"""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import CLEAN, GOLD, SAMPLE
from worksheet_parser import Document, Worksheet, parse, to_dict

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
GOLD_WS: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))["worksheets"][0]
SUBJECT_WORDS = ("URGES", "PREMIER", "TIBET")
ROW = "FREDERICK MCCLURE NSCSITTERRAL NOTE:\tORG 92/01/30\t5m A 9201,30"


def damage(*edits: tuple[str, str]) -> str:
    """The sample with each ``(old, new)`` replaced once (``old`` must be present)."""
    text = SAMPLE_TEXT
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def worksheet(text: str) -> tuple[Worksheet, Document]:
    doc = parse(text)
    assert len(doc.worksheets) == 1
    return doc.worksheets[0], doc


def gold_mismatches(ws: Worksheet, skip: frozenset[str] = frozenset()) -> list[str]:
    """Fields of the gold worksheet (first routing row included) that ``ws`` gets wrong."""
    exported = to_dict(ws)
    bad = []
    for key, value in GOLD_WS.items():
        if key in {"routing_partial", *skip}:
            continue
        if key == "routing":
            row = exported["routing"][0] if exported["routing"] else {}
            bad += [f"routing[0].{k}" for k, v in value[0].items() if row.get(k) != v]
        elif key == "correspondent":
            got = exported["correspondent"] or {}
            bad += [f"correspondent.{k}" for k, v in value.items() if got.get(k) != v]
        elif exported[key] != value:
            bad.append(key)
    return bad


def codes_for(doc: Document, field: str) -> set[str]:
    return {d.code for d in doc.diagnostics if d.field == f"worksheets[0].{field}"}


def values_text(ws: Worksheet) -> dict[str, str]:
    """Every string-valued field of the worksheet (and its routing rows), for theft checks."""
    out: dict[str, str] = {}
    for key, value in to_dict(ws).items():
        if key in {"span", "field_spans", "unread", "routing"}:
            continue
        out[key] = json.dumps(value)
    for i, row in enumerate(ws.routing):
        for key, value in to_dict(row).items():
            if key not in {"span", "field_spans"}:
                out[f"routing[{i}].{key}"] = json.dumps(value)
    return out


class TestSampleBaseline:
    def test_undamaged_sample_equals_gold(self) -> None:
        """The reference point: the sample itself matches the gold on every annotated field."""
        ws, _ = worksheet(SAMPLE_TEXT)
        assert gold_mismatches(ws) == []


class TestDamagedLabels:
    def test_name_0f_correspondent(self) -> None:
        """``NAME 0F CORRESPONDENT`` (digit zero) is read as the label; the gold is kept."""
        ws, doc = worksheet(damage(("NAME OF CORRESPONDENT", "NAME 0F CORRESPONDENT")))
        assert gold_mismatches(ws) == []
        assert "label-repaired" in codes_for(doc, "correspondent")

    def test_date_recelved(self) -> None:
        """``DATE RECElVED`` (lower-case L) is read as the label; the date is the gold's."""
        ws, doc = worksheet(damage(("DATE RECEIVED", "DATE RECElVED")))
        assert gold_mismatches(ws) == []
        assert "label-repaired" in codes_for(doc, "date_received")

    def test_honcrable_title(self) -> None:
        """The sample's ``HONCRABLE`` is repaired to ``THE HONORABLE``, the name left intact."""
        ws, doc = worksheet(SAMPLE_TEXT)
        assert ws.correspondent is not None
        assert (ws.correspondent.title, ws.correspondent.name) == (
            "THE HONORABLE",
            "EDWARD M. KENNEDY",
        )
        assert "value-repaired" in codes_for(doc, "correspondent.title")

    def test_id_with_letter_for_digit(self) -> None:
        """``lD# 3O3373`` gives ID ``303373`` with a ``value-repaired`` diagnostic."""
        ws, doc = worksheet(damage(("ID# 303373", "lD# 3O3373")))
        assert ws.id_number == "303373"
        assert "value-repaired" in codes_for(doc, "id_number")


class TestDamagedRow:
    def test_0rg_action_code(self) -> None:
        """``0RG`` in the row is the action code ORG; the row still equals the gold."""
        ws, doc = worksheet(damage(("\tORG 92/01/30", "\t0RG 92/01/30")))
        assert gold_mismatches(ws) == []
        assert "value-repaired" in codes_for(doc, "routing[0].action_code")

    def test_comma_date(self) -> None:
        """``9201,30`` as the action date is read as 1992-01-30 after repair."""
        ws, doc = worksheet(damage(("ORG 92/01/30", "ORG 9201,30")))
        assert gold_mismatches(ws) == []
        assert "date-repaired" in codes_for(doc, "routing[0].action_date")

    def test_letter_o_in_date(self) -> None:
        """``92/01/3O`` (letter O) as the disposition date is read as 1992-01-30."""
        ws, doc = worksheet(damage(("A 9201,30", "A 92/01/3O")))
        assert gold_mismatches(ws) == []
        assert "date-repaired" in codes_for(doc, "routing[0].disposition_date")


class TestMergedColumns:
    def test_date_and_correspondent_on_one_line(self) -> None:
        """DATE RECEIVED and NAME OF CORRESPONDENT merged with a tab: both read as the gold."""
        ws, _ = worksheet(damage(("1992\n\nNAME OF", "1992\tNAME OF")))
        assert gold_mismatches(ws) == []

    def test_subject_and_continuation_merged_with_tab(self) -> None:
        """A subject whose continuation came after a tab is still the gold subject."""
        ws, _ = worksheet(damage(("HUMAN RIGHTS\n\nVIOLATIONS", "HUMAN RIGHTS\tVIOLATIONS")))
        assert gold_mismatches(ws) == []

    def test_direction_and_date_on_one_line(self) -> None:
        """``INCOMING`` merged with the DATE RECEIVED line keeps the direction."""
        ws, _ = worksheet(damage(("INCOMING\n\nDATE", "INCOMING\tDATE")))
        assert gold_mismatches(ws) == []


class TestAllDamageAtOnce:
    def test_garbled_copy_equals_gold(self) -> None:
        """Every repairable damage together still gives the gold worksheet."""
        text = damage(
            ("ID# 303373", "lD# 3O3373"),
            ("DATE RECEIVED", "DATE RECElVED"),
            ("1992\n\nNAME OF CORRESPONDENT", "1992\tNAME 0F CORRESPONDENT"),
            ("ORG 92/01/30\t5m A 9201,30", "0RG 9201,30\t5m A 92/01/3O"),
            ("HUMAN RIGHTS\n\nVIOLATIONS", "HUMAN RIGHTS\tVIOLATIONS"),
        )
        ws, doc = worksheet(text)
        assert gold_mismatches(ws) == []
        assert "5m" in [line.text for line in ws.unread]
        assert "internal-error" not in {d.code for d in doc.diagnostics}


class TestDestroyed:
    def test_date_received_handwriting(self) -> None:
        """Handwriting junk for DATE RECEIVED: ``None``, ``date-unreadable``, the rest intact."""
        ws, doc = worksheet(damage(("JANUARY 30, 1992", "5m - 1 2")))
        assert ws.date_received is None
        (diag,) = (d for d in doc.diagnostics if d.field == "worksheets[0].date_received")
        assert diag.code == "date-unreadable"
        assert diag.original == "5m - 1 2"
        assert diag.span is not None
        assert diag.span.line == 15
        assert gold_mismatches(ws, frozenset({"date_received"})) == []

    def test_date_received_letter_o_in_day_not_guessed(self) -> None:
        """``JANUARY 3O, 1992``: never 3 January (dateutil's fuzzy mode); 30th or nothing."""
        ws, doc = worksheet(damage(("JANUARY 30, 1992", "JANUARY 3O, 1992")))
        assert ws.date_received is None or ws.date_received.isoformat() == "1992-01-30"
        assert codes_for(doc, "date_received") & {"date-repaired", "date-unreadable"}

    def test_routing_date_implausible(self) -> None:
        """A routing date five years off is left empty with ``date-implausible``."""
        ws, doc = worksheet(damage(("ORG 92/01/30", "ORG 97/01/30")))
        row = ws.routing[0]
        assert row.action_date is None
        assert row.action_code is not None
        assert row.action_code.value == "ORG"
        assert "date-implausible" in codes_for(doc, "routing[0].action_date")
        assert row.disposition_date is not None
        assert row.disposition_date.isoformat() == "1992-01-30"

    def test_subject_label_destroyed(self) -> None:
        """Without its label the subject is ``None`` (``field-missing``); its text stays unread
        and goes into no other field."""
        ws, doc = worksheet(damage(("SUBJECT:", "SU8J#CT;")))
        assert ws.subject is None
        assert "field-missing" in codes_for(doc, "subject")
        for field, value in values_text(ws).items():
            for word in SUBJECT_WORDS:
                assert word not in value, field
        assert any("URGES" in line.text for line in ws.unread)
        assert gold_mismatches(ws, frozenset({"subject"})) == []

    def test_subject_label_destroyed_no_blank_line(self) -> None:
        """Same, with the subject line right under the correspondent: the name does not grow."""
        ws, _ = worksheet(damage(("KENNEDY\n\nSUBJECT:", "KENNEDY\nSU8J#CT;")))
        assert ws.correspondent is not None
        assert ws.correspondent.name == "EDWARD M. KENNEDY"
        assert ws.subject is None

    def test_subject_label_destroyed_merged_with_correspondent(self) -> None:
        """With a destroyed SUBJECT label merged (tab) onto the correspondent's line, the
        subject text does not end up in the correspondent."""
        ws, _ = worksheet(damage(("KENNEDY\n\nSUBJECT:", "KENNEDY\tSU8J#CT;")))
        assert ws.correspondent is not None
        assert ws.correspondent.name == "EDWARD M. KENNEDY"
        assert ws.subject is None

    def test_correspondent_label_destroyed(self) -> None:
        """Without its label the correspondent is ``None``; the name goes into no other field."""
        ws, doc = worksheet(damage(("NAME OF CORRESPONDENT:", "N#M# 0; C#RR#SP#N:")))
        assert ws.correspondent is None
        assert "field-missing" in codes_for(doc, "correspondent")
        for field, value in values_text(ws).items():
            assert "KENNEDY" not in value, field
        assert gold_mismatches(ws, frozenset({"correspondent"})) == []

    def test_date_label_destroyed(self) -> None:
        """Without its label DATE RECEIVED is ``None``; the date goes into no other field."""
        ws, doc = worksheet(damage(("DATE RECEIVED:", "D#T# R#C#;")))
        assert ws.date_received is None
        assert "field-missing" in codes_for(doc, "date_received")
        for field, value in values_text(ws).items():
            assert "JANUARY" not in value, field
        assert gold_mismatches(ws, frozenset({"date_received"})) == []

    def test_unreadable_action_date_does_not_shift_disposition(self) -> None:
        """An unreadable action date leaves the disposition code and date in their columns."""
        ws, _ = worksheet(damage(("ORG 92/01/30", "ORG 9?/0x/3_")))
        row = ws.routing[0]
        assert row.action_date is None
        assert row.disposition_code is not None
        assert row.disposition_code.value == "A"
        assert row.disposition_date is not None
        assert row.disposition_date.isoformat() == "1992-01-30"
        assert row.action_code is None or row.action_code.value == "ORG"

    def test_date_value_on_next_line(self) -> None:
        """``DATE RECEIVED:`` with the date on the following line still reads the date."""
        ws, _ = worksheet(damage(("DATE RECEIVED: JANUARY", "DATE RECEIVED:\nJANUARY")))
        assert gold_mismatches(ws) == []


TABLE = """\
ID# 303373
THE WHITE HOUSE
CORRESPONDENCE TRACKING WORKSHEET
INCOMING
DATE RECEIVED: JANUARY 30, 1992
NAME OF CORRESPONDENT: THE HONORABLE EDWARD M. KENNEDY
SUBJECT: URGES PRESIDENT TO REJECT MEETING
\tACTION\tDISPOSITION
ROUTE TO: OFFICE/AGENCY (STAFF NAME)\tACT DATE CODE YY/MM/DD\tTYPE RESP C COMPLETED D YY/MM/DD
{first}\tORG 92/01/30\tA 92/01/30
REFERRAL NOTE:
CAROL MCCAIN\tA 92/01/31\tC 92/02/10
REFERRAL NOTE:
MEDIA:L\tINDIVIDUAL CODES: 1210 1220
"""
"""A two-row routing table; ``{first}`` is the first row's office."""


class TestRoutingRows:
    def test_two_rows_read(self) -> None:
        """Both rows of an undamaged table are read, each with its own office and codes."""
        ws, _ = worksheet(TABLE.format(first="FREDERICK MCCLURE"))
        assert [(r.office, r.action_code, r.disposition_code) for r in ws.routing] == [
            ("FREDERICK MCCLURE", "ORG", "A"),
            ("CAROL MCCAIN", "A", "C"),
        ]

    def test_missing_office_not_pulled_from_next_row(self) -> None:
        """A row whose office is missing keeps ``office=None``; the next row keeps its own."""
        ws, _ = worksheet(TABLE.format(first=""))
        assert len(ws.routing) == 2
        first, second = ws.routing
        assert first.office is None
        assert (first.action_code, first.disposition_code) == ("ORG", "A")
        assert second.office == "CAROL MCCAIN"
        assert (second.action_code, second.disposition_code) == ("A", "C")
        assert second.action_date is not None
        assert second.action_date.isoformat() == "1992-01-31"

    def test_junk_office_is_not_an_office(self) -> None:
        """Handwriting where the office was printed (``SC Supe``) is unread, not an office."""
        ws, doc = worksheet(TABLE.format(first="SC Supe"))
        assert ws.routing[0].office is None
        assert "SC Supe" in [line.text for line in ws.unread]
        assert "junk-dropped" in codes_for(doc, "routing[0].office")
        assert ws.routing[1].office == "CAROL MCCAIN"


class TestRoutingPaths:
    def test_paths_name_the_entries_as_returned(self) -> None:
        """A junk line read as no row does not shift the paths of the rows after it.

        ``SC Supe`` stands where a row could; it is dropped, and its diagnostic
        names the table.  The ``OMB`` row is ``routing[1]`` in the worksheet,
        and so in its diagnostic.
        """
        text = CLEAN.replace("REFERRAL NOTE:\n", "REFERRAL NOTE:\nSC Supe\nOMB\tR 79/01/30\n")
        doc = parse(text)
        routing = doc.worksheets[0].routing
        assert [r.office for r in routing] == ["FREDERICK MCCLURE", "OMB"]
        fields = {d.code: d.field for d in doc.diagnostics}
        assert fields["junk-dropped"] == "worksheets[0].routing"
        assert fields["date-implausible"] == "worksheets[0].routing[1].action_date"
