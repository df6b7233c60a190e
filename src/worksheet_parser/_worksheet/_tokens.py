"""The kinds of line token the worksheet lexer yields: the grammars' terminals.

Strategy: the lexer (:mod:`worksheet_parser._worksheet._lexer`) turns each worksheet
line, or each label of a line OCR fused, into one piece of a
:class:`TokenKind`; the grammars (``grammars/shared.lark``) declare the same
names as their terminals, and the vocabulary tables (:mod:`._vocab`) list
each kind's printed spellings.  The kinds are named here once; a test keeps
the grammars' declared terminals equal to this enum.  Members are strings
(``TokenKind.SUBJECT == "SUBJECT"``), so the grammar and the caches keyed on
sequences of kinds see the names they always did.
"""

from __future__ import annotations

import enum

__all__ = ["TokenKind"]


class TokenKind(enum.StrEnum):
    """What one line token of a worksheet is: a printed label with its value, or text."""

    ID = "ID"
    """The ``ID#`` label and what follows it on its line (number, subject codes)."""
    HOUSE = "HOUSE"
    """``THE WHITE HOUSE`` on a line of its own."""
    TITLE = "TITLE"
    """The title, ``CORRESPONDENCE TRACKING WORKSHEET``."""
    CORRESPONDENT = "CORRESPONDENT"
    """``NAME OF CORRESPONDENT:`` and its value."""
    SUBJECT = "SUBJECT"
    """``SUBJECT:`` and its value (continued on the lines below)."""
    ROUTE_TO = "ROUTE_TO"
    """``ROUTE TO:``, the head of the routing table."""
    TABLE_HEAD = "TABLE_HEAD"
    """A line of the routing table's column heads (``ACTION``, ``CODE YY/MM/DD``...)."""
    REFERRAL = "REFERRAL"
    """``REFERRAL NOTE:`` under a routing row."""
    COMMENTS = "COMMENTS"
    """``COMMENTS:`` and its value."""
    MEDIA = "MEDIA"
    """``MEDIA:`` and its one-letter code."""
    INDIVIDUAL = "INDIVIDUAL"
    """``INDIVIDUAL CODES:`` and its codes."""
    ADDITIONAL = "ADDITIONAL"
    """``ADDITIONAL CORRESPONDENTS:`` (5/81: ``No. of Additional Correspondents``)."""
    MAIL = "MAIL"
    """``MAIL USER CODES:`` (5/81: ``User Codes:``) and its slots."""
    LEGEND = "LEGEND"
    """A line of the printed action and disposition code legend."""
    FOOTER = "FOOTER"
    """A line of the printed footer (``REFER QUESTIONS ...``, ``KEEP THIS WORKSHEET ...``)."""
    TEXT = "TEXT"
    """A line, or the part of a line, that holds no label: it belongs to what precedes it."""
    DIRECTION = "DIRECTION"
    """The computer-printed form's bare direction line (``INCOMING``, ``OUTGOING``...)."""
    DATE_RECEIVED = "DATE_RECEIVED"
    """``DATE RECEIVED:`` and its date (month written out)."""
    CHECKBOX = "CHECKBOX"
    """A check box and its printed words (5/81: ``[X] I - INCOMING``; ``X - MEDIA``)."""
    RECEIVED_YMD = "RECEIVED_YMD"
    """The 5/81 form's ``Date Correspondence Received (YY/MM/DD)`` and its date."""
    MAIL_REPORT = "MAIL_REPORT"
    """The 5/81 form's ``MI Mail Report`` check box."""
    FORM_MARK = "FORM_MARK"
    """The 5/81 form's revision mark, ``5/81``."""
    CLASSIFICATION = "CLASSIFICATION"
    """The 5/81 form's ``RECORDS MANAGEMENT ONLY`` / ``CLASSIFICATION SECTION`` heads."""
    PRIME = "PRIME"
    """The 5/81 form's ``Prime Subject Code`` and its code."""
    SECONDARY = "SECONDARY"
    """The 5/81 form's ``Secondary Codes`` and its codes."""
    REPLY_HEAD = "REPLY_HEAD"
    """The 5/81 form's ``PRESIDENTIAL REPLY`` section head."""
    RM_TITLE = "RM_TITLE"
    """The records management worksheet's title, ``OFFICE OF RECORDS MANAGEMENT``."""
    DOCUMENT = "DOCUMENT"
    """The records management worksheet's ``NAME OF DOCUMENT`` (its subject)."""
    SUBJECT_CODES = "SUBJECT_CODES"
    """The records management worksheet's ``SUBJECT CODES`` and its codes."""
