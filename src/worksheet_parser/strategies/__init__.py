"""Hypothesis strategies for valid, realistic records: worksheets, stamps, letters, packets.

Use them to property-test code that consumes this library's records, or the
parser itself through ``render``::

    from hypothesis import given
    from worksheet_parser import parse, render
    from worksheet_parser.strategies import documents

    @given(documents())
    def test_round_trip(doc):
        assert parse(render(doc)) == doc

Needs the optional extra: ``pip install worksheet-parser[hypothesis]``.

Strategy: every record is built by one generator function that asks a
*source* for its choices (pick one of these, a whole number in this range,
yes or no).  Under hypothesis the source is the ``draw`` of a composite
strategy, so every choice is a simple strategy (``sampled_from``,
``integers``, ``booleans``) and failures shrink to the first name in each
list, few rows, short texts, no optional field and dates on the earliest
day; :func:`example_documents` drives the same generators from a seeded
:class:`random.Random`, for a fixed corpus without hypothesis's search (the
accuracy benchmark).  The values come from the forms' world: honorifics from
the parser's own vocabulary, White House offices and staff, WHORM subject
categories, subject-line words; capitals on the computer-printed worksheet,
typed mixed case on the 5/81 and records management forms.  Dates that
depend on each other (routing dates on or after ``DATE RECEIVED``, a
completion on or after its action, a letter a few days before it was
received, a review years later) are drawn as day offsets, which shrink to
zero.  Each form variant has its own era (the years it was in use).
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "worksheet_parser.strategies needs hypothesis, an optional dependency: "
        "pip install worksheet-parser[hypothesis]"
    ) from exc

# isort: off
# One import a line, in the order the names are documented (docs/api.md).
from worksheet_parser.strategies._draw import DEFAULT_ERA
from worksheet_parser.strategies._draw import ERAS
from worksheet_parser.strategies._draw import ROUTING_DAYS
from worksheet_parser.strategies._stamps_letters import RELEASE_STAMP_KINDS
from worksheet_parser.strategies._worksheets import subject_codes
from worksheet_parser.strategies._worksheets import correspondents
from worksheet_parser.strategies._worksheets import offices
from worksheet_parser.strategies._worksheets import subjects
from worksheet_parser.strategies._routing import routing_entries
from worksheet_parser.strategies._worksheets import worksheets
from worksheet_parser.strategies._stamps_letters import review_stamps
from worksheet_parser.strategies._stamps_letters import release_stamps
from worksheet_parser.strategies._stamps_letters import letters
from worksheet_parser.strategies._stamps_letters import archive_headers
from worksheet_parser.strategies._documents import documents
from worksheet_parser.strategies._documents import packets
from worksheet_parser.strategies._documents import noisy_documents
from worksheet_parser.strategies._documents import example_documents
# isort: on

__all__ = [
    "DEFAULT_ERA",
    "ERAS",
    "RELEASE_STAMP_KINDS",
    "ROUTING_DAYS",
    "archive_headers",
    "correspondents",
    "documents",
    "example_documents",
    "letters",
    "noisy_documents",
    "offices",
    "packets",
    "release_stamps",
    "review_stamps",
    "routing_entries",
    "subject_codes",
    "subjects",
    "worksheets",
]
