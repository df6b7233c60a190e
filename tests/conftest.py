"""Shared test set-up: hypothesis profiles and paths to the bundled data."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "kennedy-1992-01-29.txt"
GOLD = DATA / "kennedy-1992-01-29.gold.json"

CLEAN = """\
ID# 303373

THE WHITE HOUSE
CORRESPONDENCE TRACKING WORKSHEET

INCOMING

DATE RECEIVED: JANUARY 30, 1992

NAME OF CORRESPONDENT: THE HONORABLE EDWARD M. KENNEDY

SUBJECT: URGES PRESIDENT TO REJECT MEETING WITH CHINESE PREMIER

ROUTE TO: OFFICE/AGENCY (STAFF NAME)
FREDERICK MCCLURE\tORG 92/01/30\tA 92/01/30
REFERRAL NOTE:

MEDIA:L\tINDIVIDUAL CODES: 1210 1220
MAIL USER CODES: (A) (B) (C)
"""
"""A clean computer-printed worksheet with one routing row (tabs between its columns)."""


def assert_matches_gold(expected: Any, actual: Any, path: str = "") -> None:
    """Every key present in the gold equals the exported value.

    Lists of records must have the gold's length, except a ``routing`` table
    whose record says ``routing_partial: true``: then only the rows listed
    are asserted (the rest is handwriting the OCR destroyed).
    """
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        partial = bool(expected.get("routing_partial"))
        for key, value in expected.items():
            if key in {"note", "routing_partial"}:
                continue
            assert key in actual, f"{path}.{key} missing from the export"
            where = f"{path}.{key}" if path else key
            if key == "routing" and partial:
                assert len(actual[key]) >= len(value), where
                for i, row in enumerate(value):
                    assert_matches_gold(row, actual[key][i], f"{where}[{i}]")
            else:
                assert_matches_gold(value, actual[key], where)
    elif isinstance(expected, list) and expected and isinstance(expected[0], dict):
        assert isinstance(actual, list), path
        assert len(actual) == len(expected), path
        for i, item in enumerate(expected):
            assert_matches_gold(item, actual[i], f"{path}[{i}]")
    else:
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"
