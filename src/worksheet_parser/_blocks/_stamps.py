"""Read review stamps and other release stamps.

Strategy: a review stamp is five printed lines (agency, office, ``Review
Authority:``, ``Date:``, ``Case ID:``). Each line is recognised by one
compiled, OCR-tolerant pattern per field from
:data:`_vocab.REVIEW_STAMP_LABELS` (``Revlew Authority``, ``Case lD``, a lost
colon), else by the looser ones of :data:`_vocab.REVIEW_STAMP_LOOSE`, which
find the label behind junk or another column's text (``a Review Authority:``,
``Washington, D.C. Date:``) and damaged further (``Cane 1D:``); what stands
before the label is kept as unread. The value is what follows the label up to a
tab (another column) and, within its column, up to the end of its printed shape
(``SURNAME, GIVEN``, a date, a number) when only junk follows; the rest is
unread. The agency and office lines are printed text: a damaged one
(``Classification Key va``, ``Envacy``) is compared with the known printings by
a bounded similarity ratio and read as the printing, with a ``label-repaired``
diagnostic. Dates are read as ``MM/DD/YY`` (a ``/`` read as ``1`` or ``l`` is
put back first, ``12102/98``); a reviewer without the comma the stamp prints
(``JOHNSON FRANK``) gets it back, with a diagnostic; case ids get letter/digit
repair (``O`` -> ``0``, ``l`` -> ``1``) only where the whole id is digits after
it. A release stamp (``RELEASED``, ``DECLASSIFIED PER E.O. 12958, AS AMENDED``,
``No Objection To Declassification ...``, State's ``Case No. ... Doc No. ...
Date: ...`` + ``RELEASE IN FULL``) keeps its whole text (speckle at its lines'
ends and another column after a tab are kept as unread); its kind, authority,
date and numbers are picked out of it. The digit slots of its numbers (the
groups of an ``NLC-15-96-6-3-1`` number after its prefix, a State case number
``F-2016-07743`` and document number ``C17980027`` after their letter) get the
same letter/digit repair as case ids, with a ``value-repaired`` diagnostic; a
number whose digit slots cannot be read as digits is left empty with a
``value-unreadable`` diagnostic.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from worksheet_parser import _vocab
from worksheet_parser._blocks._blocklines import debris, debris_line, review_label
from worksheet_parser._blocks._blockread import BlockReader, stripped
from worksheet_parser._caches import remembered
from worksheet_parser._dates import DateOrder
from worksheet_parser._diagnostics import DiagnosticCode, ReadContext
from worksheet_parser._models import ReleaseKind, ReleaseStamp, ReviewStamp, Span
from worksheet_parser._text._segment import Block

__all__ = ["read_release_stamp", "read_review_stamp"]

STAMP_EARLIEST = dt.date(1970, 1, 1)
"""Earliest date a review or release stamp may carry."""
STAMP_LATEST = dt.date(2049, 12, 31)
"""Latest date a review or release stamp may carry."""
SIMILARITY = 0.8
"""How close (``difflib`` ratio) a damaged agency or office line must be to a printing."""

_CLEAN_LABELS = {
    "reviewer": re.compile(r"Review Authority:\s*"),
    "date": re.compile(r"Date:\s*"),
    "case_id": re.compile(r"Case ID:\s*"),
}
_CANONICAL_LABELS = {"reviewer": "Review Authority:", "date": "Date:", "case_id": "Case ID:"}
_TO_DIGIT = str.maketrans({**_vocab.LETTER_TO_DIGIT, "b": "8"})
_ID_CHARS = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,30}")
_MAX_COMPARE = 120


@remembered("stamps.printings", 4096)
def _printing(text: str, printings: tuple[str, ...]) -> str | None:
    """The printing ``text`` is (maybe damaged), or ``None``.

    Remembered per line: a release repeats the same stamp, often with the
    same damage, and the comparison is the slowest step of reading a stamp.
    """
    if len(text) > _MAX_COMPARE:
        return None
    folded = " ".join(text.split()).lower()
    best, best_ratio = None, 0.0
    for p in printings:
        ratio = difflib.SequenceMatcher(None, folded, p.lower(), autojunk=False).ratio()
        if ratio > best_ratio:
            best, best_ratio = p, ratio
    return best if best_ratio >= SIMILARITY else None


def read_review_stamp(block: Block, ctx: ReadContext, *, span: Span | None = None) -> ReviewStamp:
    """Read a review stamp block (normalised text with offsets)."""
    r = BlockReader(ctx)
    values: dict[str, object] = {}
    for text, start, end in stripped(block.filled):
        found = review_label(text)
        if found is None:
            r.keep(
                text, start, end, code=None if debris_line(text) else DiagnosticCode.UNPLACED_TEXT
            )
            continue
        name, label_at, value_at = found
        if name in values:
            r.keep(
                text,
                start,
                end,
                code=DiagnosticCode.DUPLICATE_FIELD,
                why=f"{name} appears more than once in this stamp; the first is kept",
                field=name,
            )
            continue
        if label_at:
            _keep_beside(r, text[:label_at], start)  # another column's text, or junk
        if name in ("agency", "office"):
            values[name] = _printed_line(r, name, text[label_at:], start + label_at, end)
            continue
        label = text[label_at:value_at]
        if not _CLEAN_LABELS[name].fullmatch(label):
            r.repaired(
                DiagnosticCode.LABEL_REPAIRED,
                f"read damaged label {label.strip()!r} as {_CANONICAL_LABELS[name]!r}",
                start + label_at,
                start + label_at + len(label.rstrip()),
                name,
                label.strip(),
                _CANONICAL_LABELS[name],
            )
        rest = text[value_at:]
        cut = _value_end(name, rest)
        value = rest[:cut].strip()
        if not any(c.isalnum() for c in value):
            value = ""  # only marks (``Review Authority: ,``): the value is blank
        vstart = start + value_at + (len(rest) - len(rest.lstrip()))
        if rest[cut:].strip():
            _keep_beside(r, rest[cut:], start + value_at + cut)
        if not value:
            values[name] = None
            r.keep(text, start, end, code=None)  # a printed label with a blank value
            r.add(
                DiagnosticCode.STAMP_FIELD_MISSING,
                f"the stamp's {name} is blank",
                start,
                end,
                name,
            )
            continue
        r.mark(name, vstart, vstart + len(value))
        if name == "reviewer":
            values[name] = _reviewer(r, value, vstart)
        elif name == "date":
            values[name] = r.date(
                _date_text(r, value, vstart),
                vstart,
                DateOrder.MM_DD_YY,
                name,
                earliest=STAMP_EARLIEST,
                latest=STAMP_LATEST,
            )
        else:
            values[name] = _case_id(r, value, vstart)
    for name in ("reviewer", "date", "case_id"):
        if name not in values:
            r.add(
                DiagnosticCode.STAMP_FIELD_MISSING,
                f"the stamp has no {name} line",
                block.start,
                block.end,
                name,
            )
    return ReviewStamp(
        agency=_str(values.get("agency")),
        office=_str(values.get("office")),
        reviewer=_str(values.get("reviewer")),
        date=values.get("date") if isinstance(values.get("date"), dt.date) else None,  # type: ignore[arg-type]
        case_id=_str(values.get("case_id")),
        span=span,
        field_spans=r.spans,
        unread=r.unread.done(),
    )


_REVIEWER = re.compile(
    r"[A-Z][A-Za-z'\u2019-]{1,30}(?P<comma>,?)[ ]{1,3}[A-Z][A-Za-z'\u2019-]{1,30}"
    r"(?:[ ]{1,3}[A-Z]\.?(?![A-Za-z]))?"
)
"""A reviewer as the stamp prints one: ``SURNAME, GIVEN`` (maybe a middle initial)."""
_STAMP_DATE_VALUE = re.compile(
    r"[0-9OoIlSsB](?:[0-9OoIlSsB/,.|-]| (?=[/,.|-][0-9OoIlSsB])|(?<=[/,.|-]) (?=[0-9OoIlSsB]))"
    r"{3,10}(?<![ .,|/-])"
)
"""A stamp date's characters: digits, look-alikes and separators, a blank only beside a
separator between digits (``02 /21/96``); it ends on a digit or look-alike."""
_CASE_ID_VALUE = re.compile(r"[0-9OoIlSsBb]{3,}(?: [0-9OoIlSsBb]{1,8})?(?![0-9A-Za-z])")
_SLASH_FOR = frozenset("l1I|")
"""Characters OCR puts for the ``/`` between a stamp date's month, day and year."""


def _value_end(name: str, rest: str) -> int:
    """Where a stamp value ends in the text after its label.

    A tab is a column break: what follows is another column (a handwritten
    mark, another block's text).  Within the column the value is its printed
    shape (a reviewer's ``SURNAME, GIVEN``, a date, a case number); junk after
    that shape (``: : E ; : .``, ``5m``) is not part of it.
    """
    cut = rest.find("\t")
    column = rest if cut < 0 else rest[:cut]
    lead = len(column) - len(column.lstrip())
    body = column.lstrip()
    pattern = {"reviewer": _REVIEWER, "date": _STAMP_DATE_VALUE, "case_id": _CASE_ID_VALUE}[name]
    m = pattern.match(body)
    if m is not None:
        tail = body[m.end() :]
        if name != "reviewer" and not tail[:1].isalnum():
            return lead + m.end()  # a date or number ends where its shape does
        if all(debris(t) for t in tail.split()):
            return lead + m.end()
    return len(column)


def _keep_beside(r: BlockReader, piece: str, start: int) -> None:
    """Keep text beside a stamp's printed line (junk, another column) as unread."""
    if piece.strip():
        off = len(piece) - len(piece.lstrip())
        text = piece.strip()
        r.keep(
            text,
            start + off,
            start + off + len(text),
            code=None if all(debris(t) for t in text.split()) else DiagnosticCode.UNPLACED_TEXT,
        )


def _reviewer(r: BlockReader, value: str, start: int) -> str:
    """Read a reviewer; a lost comma in ``SURNAME GIVEN`` is put back (the stamp prints one)."""
    m = _REVIEWER.fullmatch(value)
    if m is None or m["comma"] or not value.isupper():
        return value
    surname, given = value.split(None, 1)
    fixed = f"{surname}, {given}"
    r.repaired(
        DiagnosticCode.VALUE_REPAIRED,
        f"read reviewer {value!r} as {fixed!r} (the stamp prints SURNAME, GIVEN)",
        start,
        start + len(value),
        "reviewer",
        value,
        fixed,
    )
    return fixed


def _date_text(r: BlockReader, value: str, start: int) -> str:
    """A stamp date with the ``/`` OCR read as ``l`` or ``1`` put back (``11l11/96``)."""
    if len(value) == 8 and value[2] in _SLASH_FOR and value[5] == "/":
        return f"{value[:2]}/{value[3:]}"
    if len(value) == 8 and value[5] in _SLASH_FOR and value[2] == "/":
        return f"{value[:5]}/{value[6:]}"
    return value


def _stamp_number(
    r: BlockReader, field: str, value: str, start: int, skip: int, *, prefix: int = 0
) -> str | None:
    """Read a release stamp number whose digit slots may hold OCR look-alikes.

    ``value`` is cut at ``-``; its first ``skip`` groups (a prefix such as
    ``NLC`` or ``F``) and the first ``prefix`` characters of the rest are kept
    as printed, and the other characters are digits: look-alike letters there
    are repaired when the real digits outnumber them, else the number is
    unreadable (``None``).  A group that is not all digits once repaired (an
    ``F96`` in another library's scheme) is kept as printed.
    """
    groups = value.split("-")
    fixed_groups: list[str] = []
    swapped = total = 0
    for i, group in enumerate(groups):
        if i < skip:
            fixed_groups.append(group)
            continue
        head, digits = (group[:prefix], group[prefix:]) if i == skip else ("", group)
        fixed = digits.translate(_TO_DIGIT)
        if not (fixed.isascii() and fixed.isdigit()):
            fixed_groups.append(group)
            continue
        swapped += sum(1 for a, b in zip(digits, fixed, strict=True) if a != b)
        total += len(fixed)
        fixed_groups.append(head + fixed)
    repaired = "-".join(fixed_groups)
    if repaired == value:
        return value
    if swapped * 2 > total:
        r.add(
            DiagnosticCode.VALUE_UNREADABLE,
            f"could not read {value!r} as a stamp number: too few of its digits are digits",
            start,
            start + len(value),
            field,
            original=value,
        )
        return None
    r.repaired(
        DiagnosticCode.VALUE_REPAIRED,
        f"read {value!r} as {repaired!r} (OCR letter/digit swap)",
        start,
        start + len(value),
        field,
        value,
        repaired,
    )
    return repaired


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _printed_line(r: BlockReader, name: str, text: str, start: int, end: int) -> str:
    """Read an agency or office line, repairing it to a known printing when close."""
    printings = _vocab.REVIEW_STAMP_AGENCIES if name == "agency" else _vocab.REVIEW_STAMP_OFFICES
    r.mark(name, start, end)
    if text in printings:
        return text
    known = _printing(text, printings)
    if known is None:
        return " ".join(text.split())
    if known != text:
        r.repaired(
            DiagnosticCode.LABEL_REPAIRED,
            f"read the damaged printed {name} line {text!r} as {known!r}",
            start,
            end,
            name,
            text,
            known,
        )
    return known


def _case_id(r: BlockReader, value: str, start: int) -> str | None:
    """Read a case id, repairing letter/digit swaps when it is a number."""
    compact = value.replace(" ", "")
    fixed = compact.translate(_TO_DIGIT)
    if fixed.isascii() and fixed.isdigit():
        swapped = sum(1 for a, b in zip(compact, fixed, strict=True) if a != b)
        if swapped * 2 <= len(fixed):
            if fixed != value:
                r.repaired(
                    DiagnosticCode.VALUE_REPAIRED,
                    f"read case id {value!r} as {fixed!r} (OCR letter/digit swap)",
                    start,
                    start + len(value),
                    "case_id",
                    value,
                    fixed,
                )
            return fixed
    if _ID_CHARS.fullmatch(value):
        return value
    r.add(
        DiagnosticCode.VALUE_UNREADABLE,
        f"could not read {value!r} as a case id",
        start,
        start + len(value),
        "case_id",
        original=value,
    )
    return None


# --- release stamps ---------------------------------------------------------------

_RELEASE_IN_KIND = "release-in"
"""``RELEASE IN FULL`` or ``RELEASE IN PART``: the kind is decided by the words after it."""
_KINDS: tuple[tuple[ReleaseKind | str, re.Pattern[str]], ...] = (
    (ReleaseKind.STATE_CASE, re.compile(_vocab.RELEASE_STAMP_LINES["state-case"], re.I)),
    (ReleaseKind.NO_OBJECTION, re.compile(_vocab.RELEASE_STAMP_LINES["no-objection"], re.I)),
    (
        ReleaseKind.APPROVED_FOR_RELEASE,
        re.compile(_vocab.RELEASE_STAMP_LINES["approved-for-release"], re.I),
    ),
    (ReleaseKind.DECLASSIFIED, re.compile(r"^\s*DECLASSIFIED\b", re.I)),
    (_RELEASE_IN_KIND, re.compile(_vocab.RELEASE_STAMP_LINES["release-in"], re.I)),
    (ReleaseKind.DECLASSIFIED, re.compile(_vocab.RELEASE_STAMP_LINES["declassified"], re.I)),
    (ReleaseKind.RELEASED, re.compile(_vocab.RELEASE_STAMP_LINES["released"], re.I)),
)
_STATE_CASE = re.compile(
    r"\bCase\s+No\.?\s*(?P<v>[A-Z]-[0-9OoIlSsBb]{4}-[0-9OoIlSsBb]{1,20})(?![0-9A-Za-z])", re.I
)
_DOC_NO = re.compile(r"\bDoc\s+No\.?\s*(?P<v>[A-Z][0-9OoIlSsBb]{5,12})(?![0-9A-Za-z])", re.I)
_STAMP_DATE = re.compile(
    r"\bDate\s*:?\s*(?P<v>[0-9OoIlSsB?#~]{1,2}/[0-9OoIlSsB?#~]{1,2}/[0-9OoIlSsB?#~]{2,4})"
    r"(?![0-9A-Za-z])",
    re.I,
)
_YMD = r"[0-9OoIlSsB?#~]{4}/[0-9OoIlSsB?#~]{2}/[0-9OoIlSsB?#~]{2}"
_NO_OBJECTION = re.compile(
    rf"Declassification(?:\s+in\s+(?:Full|Part))?\s*(?P<d>{_YMD})?\s*:?\s*"
    r"(?P<v>NL[A-Z]-[0-9A-Z-]{1,40})?",
    re.I,
)
_APPROVED = re.compile(
    rf"Approved\s+For\s+Release\s*(?P<d>{_YMD})?\s*:?\s*(?P<v>CIA-RDP[0-9A-Z]{{1,30}}-[0-9A-Z]{{1,4}})?",
    re.I,
)
"""The CIA's ``Approved For Release 2005/01/13 : CIA-RDP88B00443R001404090133-0``."""
_AUTHORITY = re.compile(
    r"\b(?:PER|Authority:?)\s+(?P<v>(?:E\.?\s?O\.?\s*1[0-9]{4}|NL[A-Z]-)[^\n]{0,60})", re.I
)
_RELEASE_IN = re.compile(r"RELEASE\s+IN\s+(?P<v>FULL|PART)", re.I)


def read_release_stamp(block: Block, ctx: ReadContext, *, span: Span | None = None) -> ReleaseStamp:
    """Read a release stamp block (normalised text with offsets)."""
    r = BlockReader(ctx)
    parts = []
    for line, first, _ in stripped(block.filled):
        text, start = r.printed(line, first)
        parts.append((text, start, start + len(text)))
    kind: ReleaseKind | str = ReleaseKind.OTHER
    for name, pattern in _KINDS:
        if any(pattern.search(t) for t, _, _ in parts):
            kind = name
            break
    authority = date = case_number = document_number = None
    release_in: str | None = None
    for text, start, _end in parts:
        if case_number is None and (m := _STATE_CASE.search(text)):
            r.mark("case_number", start + m.start("v"), start + m.end("v"))
            case_number = _stamp_number(r, "case_number", m["v"], start + m.start("v"), 1)
        if document_number is None and (m := _DOC_NO.search(text)):
            r.mark("document_number", start + m.start("v"), start + m.end("v"))
            document_number = _stamp_number(
                r, "document_number", m["v"], start + m.start("v"), 0, prefix=1
            )
        if date is None and (m := _STAMP_DATE.search(text)):
            r.mark("date", start + m.start("v"), start + m.end("v"))
            date = r.date(
                m["v"],
                start + m.start("v"),
                DateOrder.MM_DD_YY,
                "date",
                earliest=STAMP_EARLIEST,
                latest=STAMP_LATEST,
            )
        if "classification" in (low := text.lower()) or "release" in low:
            m2 = _NO_OBJECTION.search(text) or _APPROVED.search(text)
            if m2 is not None and m2["d"] and date is None:
                r.mark("date", start + m2.start("d"), start + m2.end("d"))
                date = r.date(
                    m2["d"],
                    start + m2.start("d"),
                    DateOrder.YYYY_MM_DD,
                    "date",
                    earliest=STAMP_EARLIEST,
                    latest=STAMP_LATEST,
                )
            if m2 is not None and m2["v"] and case_number is None:
                r.mark("case_number", start + m2.start("v"), start + m2.end("v"))
                skip = 2 if m2["v"].upper().startswith("CIA") else 1  # ``CIA-RDP...`` as printed
                case_number = _stamp_number(r, "case_number", m2["v"], start + m2.start("v"), skip)
        if authority is None and (m := _AUTHORITY.search(text)):
            authority = m["v"].strip()
            r.mark("authority", start + m.start("v"), start + m.start("v") + len(authority))
        if release_in is None and (m := _RELEASE_IN.search(text)):
            release_in = m["v"].upper()
    if kind == _RELEASE_IN_KIND:
        kind = ReleaseKind.RELEASE_IN_PART if release_in == "PART" else ReleaseKind.RELEASE_IN_FULL
    if parts:
        r.mark("text", parts[0][1], parts[-1][2])
    return ReleaseStamp(
        kind=kind,
        text="\n".join(t for t, _, _ in parts),
        authority=authority,
        date=date,
        case_number=case_number,
        document_number=document_number,
        span=span,
        field_spans=r.spans,
        unread=r.unread.done(),
    )
