"""The code tables of a catalogue: what each printed code means.

Strategy: action and disposition codes take their meaning from the form's
own legend in :mod:`worksheet_parser._vocab` (the text printed in the box
of asterisks), so the catalogue and the parser never disagree; a code's
*label* is the code followed by that meaning in sentence case
(``A - Appropriate action``), which is what a facet shows.  WHORM subject
file codes (``CO034``, ``FG006-01``) open with a two-letter primary
category; :data:`SUBJECT_CATEGORIES` names the primary categories of the
White House Office of Records Management subject file.  A category the
table does not know still gets a row in the catalogue (with no name), so a
code is never refused or dropped for want of a name.
"""

from __future__ import annotations

import re
from typing import Final

from worksheet_parser._diagnostics import CODES as DIAGNOSTIC_CODES
from worksheet_parser._vocab import ACTION_CODES, DISPOSITION_CODES

__all__ = [
    "SUBJECT_CATEGORIES",
    "action_code_rows",
    "code_label",
    "diagnostic_code_rows",
    "disposition_code_rows",
    "split_subject_code",
    "subject_category_rows",
]

SUBJECT_CATEGORIES: Final[dict[str, str]] = {
    "AG": "Agriculture",
    "AR": "Arts",
    "AT": "Atomic Energy",
    "BE": "Business-Economics",
    "CA": "Civil Aviation",
    "CM": "Commodities",
    "CO": "Countries",
    "CU": "Currency-Coins",
    "DI": "Disasters",
    "ED": "Education",
    "FA": "Federal Aid",
    "FE": "Federal Government",
    "FG": "Federal Government-Organizations",
    "FI": "Finance",
    "FO": "Foreign Affairs",
    "GI": "Gifts",
    "HE": "Health",
    "HO": "Holidays",
    "HS": "Housing",
    "HU": "Human Rights",
    "IM": "Immigration-Naturalization",
    "IN": "Indian Affairs",
    "IS": "Insurance",
    "IT": "International Organizations",
    "JL": "Judicial-Legal Matters",
    "LA": "Labor-Management Relations",
    "LE": "Legislation",
    "LG": "Local Governments",
    "MA": "Medals-Awards",
    "MC": "Meetings-Conferences",
    "ME": "Messages",
    "NR": "Natural Resources",
    "ND": "National Security-Defense",
    "OS": "Outer Space",
    "PA": "Parks-Monuments",
    "PC": "Peace",
    "PE": "Personnel Management",
    "PL": "Political Affairs",
    "PP": "President (Personal)",
    "PR": "Public Relations",
    "PU": "Publications",
    "RM": "Religious Matters",
    "SO": "Social Affairs",
    "SP": "Speeches",
    "ST": "States-Territories",
    "TA": "Trade",
    "TN": "Transportation",
    "TR": "Trips",
    "UT": "Utilities",
    "WE": "Welfare",
    "WH": "White House Administration",
}
"""WHORM primary subject categories: two-letter code -> name."""

_SUBJECT_CODE = re.compile(r"^([A-Z]{2})(?:([0-9]{3})(?:-([0-9]{2}))?)?$")


def code_label(code: str, meaning: str | None) -> str:
    """Return ``CODE - Meaning`` (the meaning in sentence case), or the code alone.

    >>> code_label("A", "APPROPRIATE ACTION"), code_label("XY", None)
    ('A - Appropriate action', 'XY')
    """
    if not meaning:
        return code
    if meaning.isupper():
        meaning = meaning[0] + meaning[1:].lower()
    return f"{code} - {meaning}"


def split_subject_code(code: str) -> tuple[str | None, str | None, str | None]:
    """Split a WHORM code into (category, number, sub-number); ``None`` for what is absent.

    >>> split_subject_code("FG006-01"), split_subject_code("HU")
    (('FG', '006', '01'), ('HU', None, None))
    """
    m = _SUBJECT_CODE.match(code)
    if m is None:
        return (code[:2] if len(code) >= 2 and code[:2].isalpha() else None), None, None
    return m[1], m[2], m[3]


def action_code_rows() -> list[tuple[str, str, str]]:
    """Rows ``(code, meaning, label)`` of the action code table, as the form's legend prints."""
    return [(c, m, code_label(c, m)) for c, m in ACTION_CODES.items()]


def disposition_code_rows() -> list[tuple[str, str, str]]:
    """Rows ``(code, meaning, label)`` of the disposition code table."""
    return [(c, m, code_label(c, m)) for c, m in DISPOSITION_CODES.items()]


def subject_category_rows() -> list[tuple[str, str | None, str]]:
    """Rows ``(code, name, label)`` of the WHORM primary subject categories."""
    return [(c, n, f"{c} - {n}") for c, n in SUBJECT_CATEGORIES.items()]


def diagnostic_code_rows() -> list[tuple[str, str, str]]:
    """Rows ``(code, default severity, meaning)`` of every diagnostic code."""
    return [(c, sev.value, meaning) for c, (sev, meaning) in DIAGNOSTIC_CODES.items()]
