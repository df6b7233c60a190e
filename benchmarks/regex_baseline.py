"""The baseline the parser's speed is compared with: a plain regular-expression extractor.

This is what a user would write instead of using worksheet-parser: one
compiled pattern per worksheet label, one pass over the lines, the routing
rows by one row pattern, and the same fields the parser gives (ID, subject
codes, date received, correspondent, subject, routing rows with codes and
dates, comments, media, individual and mail user codes), dates made
``datetime.date`` values with ``strptime`` as the parser makes them dates.  It does no OCR
repair, keeps no spans, reads no stamps or letters and reports nothing: it is
a speed yardstick, not part of the package, and its accuracy is not measured.

Used by ``benchmarks/parse_speed.py``; ``extract(text)`` returns one dict per
worksheet found in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

ID_LINE = re.compile(r"^\s*ID\s*#\s*(?P<id>\S+)(?P<codes>.*)$")
LABELS: dict[str, re.Pattern[str]] = {
    "date_received": re.compile(r"^\s*DATE\s+RECEIVED\s*:\s*(.*)$"),
    "correspondent": re.compile(r"^\s*NAME\s+OF\s+CORRESPONDENT\s*:\s*(.*)$"),
    "subject": re.compile(r"^\s*SUBJECT\s*:\s*(.*)$"),
    "referral_note": re.compile(r"^\s*REFERRAL\s+NOTE\s*:\s*(.*)$"),
    "comments": re.compile(r"^\s*COMMENTS\s*:\s*(.*)$"),
    "route_to": re.compile(r"^\s*ROUTE\s+TO\s*:"),
}
EXTRAS = re.compile(
    r"ADDITIONAL\s+CORRESPONDENTS\s*:\s*(?P<additional>\d*)\s*"
    r"MEDIA\s*:\s*(?P<media>\w?)\s*INDIVIDUAL\s+CODES\s*:\s*(?P<individual>[\d ]*)"
)
MAIL = re.compile(r"^\s*MAIL\s+USER\s+CODES\s*:\s*(.*)$")
MAIL_CODE = re.compile(r"\(\w\)\s*([A-Z]+)")
ROW = re.compile(
    r"^(?P<office>\S.*?)\s{2,}(?P<action>[A-Z]{1,3})\s+(?P<action_date>\d\d/\d\d/\d\d)"
    r"(?:\s+(?P<resp>[A-Z]{2,4}))?"
    r"(?:\s+(?P<disp>[A-Z]|__)\s+(?P<disp_date>\d\d/\d\d/\d\d|__/__/__))?\s*$"
)
"""A routing row: office, action code and date, initials, disposition code and date."""
CONTINUATION = re.compile(r"^\s{4,}(\S.*)$")
LEGEND = re.compile(r"^\*")
TABLE_HEAD = re.compile(r"^\s+ACTION\s+DISPOSITION\s*$")


def _date(text: str | None, form: str) -> dt.date | None:
    if not text or "_" in text:
        return None
    try:
        return dt.datetime.strptime(text.strip(), form).date()
    except ValueError:
        return None


def _typed(sheet: dict[str, Any]) -> dict[str, Any]:
    """Dates as dates, the count as a number: the values the parser gives."""
    sheet["date_received"] = _date(sheet.get("date_received"), "%B %d, %Y")
    for row in sheet["routing"]:
        row["action_date"] = _date(row["action_date"], "%y/%m/%d")
        row["disp_date"] = _date(row["disp_date"], "%y/%m/%d")
    additional = sheet.get("additional")
    sheet["additional"] = int(additional) if additional else None
    return sheet


def extract(text: str) -> list[dict[str, Any]]:
    """The worksheets in ``text``, each a dict of the fields a regex can find."""
    sheets: list[dict[str, Any]] = []
    sheet: dict[str, Any] | None = None
    last: str | None = None
    for line in text.splitlines():
        m = ID_LINE.match(line)
        if m is not None:
            sheet = {"id_number": m.group("id"), "subject_codes": m.group("codes").split()}
            sheet["routing"] = []
            sheets.append(sheet)
            last = None
            continue
        if sheet is None or not line.strip() or LEGEND.match(line) or TABLE_HEAD.match(line):
            continue
        for name, pattern in LABELS.items():
            m = pattern.match(line)
            if m is not None:
                if name == "referral_note":
                    if sheet["routing"]:
                        sheet["routing"][-1]["referral_note"] = m.group(1).strip() or None
                elif name != "route_to":
                    sheet[name] = m.group(1).strip()
                last = name
                break
        else:
            m = ROW.match(line)
            if m is not None and last in ("route_to", "row", "referral_note"):
                sheet["routing"].append(m.groupdict())
                last = "row"
                continue
            m = EXTRAS.search(line)
            if m is not None:
                sheet.update(m.groupdict())
                sheet["individual"] = sheet["individual"].split()
                last = None
                continue
            m = MAIL.match(line)
            if m is not None:
                sheet["mail_user_codes"] = MAIL_CODE.findall(m.group(1))
                last = None
                continue
            m = CONTINUATION.match(line)
            if m is not None and last in ("subject", "comments", "correspondent"):
                sheet[last] += " " + m.group(1).strip()
    return [_typed(sheet) for sheet in sheets]
