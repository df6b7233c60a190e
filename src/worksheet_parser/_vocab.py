"""The forms' own vocabulary, as data.

Strategy: every word the parser knows about the printed forms lives here and
nowhere else: labels and the token type each becomes, their OCR variants,
honorifics, code legends and the letter/digit confusion pairs.  Code in other
modules reads these tables; adding a variant seen in a new release is a
one-line change here.  Nothing in this module does any work at import time
beyond building small dicts and frozensets.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from worksheet_parser._models import FormVariant
from worksheet_parser._worksheet._tokens import TokenKind

__all__ = [
    "ACTION_CODES",
    "ACTION_CODE_WORDS",
    "CHECK_BOXES",
    "CHECK_BOX_CODES",
    "CHECK_BOX_EMPTY",
    "CHECK_BOX_MARKED",
    "CHECK_BOX_OUTLINE",
    "CODE_LOOKALIKES",
    "COLON_LABELS",
    "DIGIT_TO_LETTER",
    "DIRECTIONS",
    "DISPOSITION_CODES",
    "FOOTER_PHRASES",
    "FORM_MARK",
    "HONORIFICS",
    "LABEL_FORMS",
    "LEGEND_PHRASES",
    "LEGEND_PHRASES_5_81",
    "LETTER_TO_DIGIT",
    "LINE_LABELS",
    "MONTH_NAMES",
    "OCR_FOLD",
    "OPEN_LABELS",
    "TABLE_HEAD_WORDS",
    "WHORM_CATEGORIES",
    "WORKSHEET_EVIDENCE",
    "WORKSHEET_ID_LINES",
    "WORKSHEET_TITLES",
    "Needs",
]

# --------------------------------------------------------------------------
# Labels followed by a colon and a value.  Token type -> printed spellings.
# The first spelling is the canonical one (used in repairs and rendering).
# --------------------------------------------------------------------------

COLON_LABELS: Final[dict[TokenKind, tuple[str, ...]]] = {
    TokenKind.DATE_RECEIVED: ("DATE RECEIVED",),
    TokenKind.CORRESPONDENT: ("NAME OF CORRESPONDENT",),
    TokenKind.SUBJECT: ("SUBJECT",),
    TokenKind.ROUTE_TO: ("ROUTE TO",),
    TokenKind.REFERRAL: ("REFERRAL NOTE",),
    TokenKind.COMMENTS: ("COMMENTS",),
    TokenKind.ADDITIONAL: ("ADDITIONAL CORRESPONDENTS",),
    TokenKind.MEDIA: ("MEDIA",),
    TokenKind.INDIVIDUAL: ("INDIVIDUAL CODES",),
    TokenKind.MAIL: ("MAIL USER CODES", "USER CODES"),
    # the 5/81 printed form and the records management worksheet
    TokenKind.DOCUMENT: ("NAME OF DOCUMENT",),
    TokenKind.SUBJECT_CODES: ("SUBJECT CODES",),
}
"""Colon labels (the colon is required), by token type; all form variants."""

OPEN_LABELS: Final[dict[TokenKind, tuple[str, ...]]] = {
    TokenKind.RECEIVED_YMD: (
        "DATE CORRESPONDENCE RECEIVED (YY/MM/DD)",
        "DATE CORRESPONDENCE RECEIVED",
        "RECEIVED (YY/MM/DD)",
        "DATE CORRESPONDENCE",
    ),
    TokenKind.MAIL_REPORT: ("MI MAIL REPORT",),
    TokenKind.ADDITIONAL: ("NO. OF ADDITIONAL CORRESPONDENTS",),
    TokenKind.INDIVIDUAL: ("INDIVIDUAL CODES",),
    TokenKind.MEDIA: ("MEDIA",),
    TokenKind.PRIME: ("PRIME SUBJECT CODE",),
    TokenKind.SECONDARY: ("SECONDARY SUBJECT CODES", "SECONDARY CODES"),
    TokenKind.DOCUMENT: ("NAME OF DOCUMENT",),
}
"""Labels the 5/81 and records management forms print without a colon, by token type.

A colon after them is accepted.  ``(YY/MM/DD)`` stands for the printed date
hint, read tolerantly (``(VY/MM/DD)``).  A one-word open label (``MEDIA``) is
taken only at the start of a line or column and before a value of at most
three characters, so ``Media coverage of ...`` stays text.
"""

LABEL_FORMS: Final[dict[str, FormVariant]] = {
    "DATE RECEIVED": FormVariant.COMPUTER_PRINTED,
    "MAIL USER CODES": FormVariant.COMPUTER_PRINTED,
    "THE WHITE HOUSE CORRESPONDENCE TRACKING WORKSHEET": FormVariant.COMPUTER_PRINTED,
    "THE WHITE HOUSE": FormVariant.COMPUTER_PRINTED,
    "USER CODES": FormVariant.FORM_5_81,
    "DATE CORRESPONDENCE RECEIVED (YY/MM/DD)": FormVariant.FORM_5_81,
    "DATE CORRESPONDENCE RECEIVED": FormVariant.FORM_5_81,
    "RECEIVED (YY/MM/DD)": FormVariant.FORM_5_81,
    "DATE CORRESPONDENCE": FormVariant.FORM_5_81,
    "MI MAIL REPORT": FormVariant.FORM_5_81,
    "NO. OF ADDITIONAL CORRESPONDENTS": FormVariant.FORM_5_81,
    "PRIME SUBJECT CODE": FormVariant.FORM_5_81,
    "SECONDARY SUBJECT CODES": FormVariant.FORM_5_81,
    "SECONDARY CODES": FormVariant.FORM_5_81,
    "RECORDS MANAGEMENT ONLY": FormVariant.FORM_5_81,
    "CLASSIFICATION SECTION": FormVariant.FORM_5_81,
    "RECORDS MANAGEMENT ONLY CLASSIFICATION SECTION": FormVariant.FORM_5_81,
    "PRESIDENTIAL REPLY": FormVariant.FORM_5_81,
    "NAME OF DOCUMENT": FormVariant.RECORDS_MANAGEMENT,
    "SUBJECT CODES": FormVariant.RECORDS_MANAGEMENT,
    "OFFICE OF RECORDS MANAGEMENT WORKSHEET": FormVariant.RECORDS_MANAGEMENT,
    "OFFICE OF RECORDS MANAGEMENT": FormVariant.RECORDS_MANAGEMENT,
}
"""Labels printed on one form variant only: spelling -> :class:`FormVariant`.

Form detection counts them; labels every variant prints are not listed.
"""

# --------------------------------------------------------------------------
# Labels that fill a whole line on their own (no colon).
# --------------------------------------------------------------------------

LINE_LABELS: Final[dict[TokenKind, tuple[str, ...]]] = {
    TokenKind.TITLE: (
        "THE WHITE HOUSE CORRESPONDENCE TRACKING WORKSHEET",
        "CORRESPONDENCE TRACKING WORKSHEET",
        "WHITE HOUSE CORRESPONDENCE TRACKING WORKSHEET",
    ),
    TokenKind.HOUSE: ("THE WHITE HOUSE", "WHITE HOUSE"),
    TokenKind.RM_TITLE: ("OFFICE OF RECORDS MANAGEMENT WORKSHEET", "OFFICE OF RECORDS MANAGEMENT"),
    TokenKind.CLASSIFICATION: (
        "RECORDS MANAGEMENT ONLY",
        "CLASSIFICATION SECTION",
        "RECORDS MANAGEMENT ONLY CLASSIFICATION SECTION",
    ),
    TokenKind.REPLY_HEAD: ("PRESIDENTIAL REPLY",),
}
"""Whole-line labels, by token type."""

DIRECTIONS: Final[tuple[str, ...]] = ("INCOMING", "OUTGOING", "INTERNAL")
"""The direction words printed on the computer-printed worksheet."""

FOOTER_PHRASES: Final[dict[str, FormVariant | None]] = {
    "REFER QUESTIONS AND ROUTING UPDATES TO CENTRAL REFERENCE": FormVariant.COMPUTER_PRINTED,
    "KEEP THIS WORKSHEET ATTACHED TO THE ORIGINAL INCOMING LETTER": None,
    "ALL TIMES AND SEND COMPLETED RECORD TO RECORDS MANAGEMENT": FormVariant.COMPUTER_PRINTED,
    "SEND ALL ROUTING UPDATES TO CENTRAL REFERENCE": FormVariant.FORM_5_81,
    "ALWAYS RETURN COMPLETED CORRESPONDENCE RECORD TO CENTRAL FILES": FormVariant.FORM_5_81,
    "REFER QUESTIONS ABOUT THE CORRESPONDENCE TRACKING SYSTEM": FormVariant.FORM_5_81,
}
"""Opening words of the footer lines -> the form variant printing them (``None``: both)."""

FORM_MARK: Final = r"(?<![0-9/])5\s?/\s?8\s?[1lI|](?![0-9/])"
"""The form revision mark ``5/81`` printed under the 5/81 form's footer."""

LEGEND_PHRASES: Final[tuple[str, ...]] = (
    "ACTION CODES",
    "A-APPROPRIATE ACTION",
    "C-COMMENT/RECOM",
    "D-DRAFT RESPONSE",
    "F-FURNISH FACT SHEET",
    "I-INFO COPY/NO ACT NEC",
    "R-DIRECT REPLY W/COPY",
    "S-FOR-SIGNATURE",
    "X-INTERIM REPLY",
    "A-ANSWERED",
    "B-NON-SPEC-REFERRAL",
    "C-COMPLETED",
    "S-SUSPENDED",
    "FOR OUTGOING CORRESPONDENCE",
    "TYPE RESP = INITIALS OF SIGNER",
)
"""Phrases of the code legend box."""

LEGEND_PHRASES_5_81: Final[tuple[str, ...]] = (
    "APPROPRIATE ACTION",
    "COMMENT RECOMMENDATION",
    "DRAFT RESPONSE",
    "FURNISH FACT SHEET",
    "TO BE USED AS ENCLOSURE",
    "INFO COPY ONLY",
    "DIRECT REPLY W COPY",
    "FOR SIGNATURE",
    "INTERIM REPLY",
    "ANSWERED",
    "NON SPECIAL REFERRAL",
    "COMPLETED",
    "SUSPENDED",
    "ACTION CODES",
    "DISPOSITION CODES",
    "FOR OUTGOING CORRESPONDENCE",
    "TYPE OF RESPONSE INITIALS OF SIGNER",
    "COMPLETION DATE DATE OF OUTGOING",
)
"""The 5/81 form's code legend, letters only, as a line opens (after an optional code letter)."""

TABLE_HEAD_WORDS: Final[frozenset[str]] = frozenset(
    {
        "ACTION",
        "DISPOSITION",
        "ROUTE",
        "TO",
        "TO:",
        "OFFICE/AGENCY",
        "(STAFF",
        "NAME)",
        "STAFF",
        "NAME",
        "ACT",
        "DATE",
        "CODE",
        "YY/MM/DD",
        "TYPE",
        "RESP",
        "C",
        "D",
        "COMPLETED",
        "OF",
        "RESPONSE",
        "TRACKING",
        "COMPLETION",
        "(STAFF NAME)",
    }
)
"""Words of the routing table's column headers."""

# --------------------------------------------------------------------------
# Codes.
# --------------------------------------------------------------------------

ACTION_CODES: Final[dict[str, str]] = {
    "A": "APPROPRIATE ACTION",
    "C": "COMMENT/RECOMMENDATION",
    "D": "DRAFT RESPONSE",
    "F": "FURNISH FACT SHEET TO BE USED AS ENCLOSURE",
    "I": "INFO COPY ONLY/NO ACTION NECESSARY",
    "R": "DIRECT REPLY W/COPY",
    "S": "FOR SIGNATURE",
    "X": "INTERIM REPLY",
    "ORG": "REFERRAL ORIGINATOR",
}
"""Action codes and their legend text."""

ACTION_CODE_WORDS: Final[dict[str, str]] = {"ORIGINATOR": "ORG"}
"""Words the 5/81 form prints in the action code column, and the code they mean."""

CHECK_BOXES: Final[dict[str, str]] = {
    "OUTGOING": "O",
    "INTERNAL": "H",
    "INCOMING": "I",
    "MEDIA": "X",
}
"""Check boxes of the 5/81 and records management forms: printed word -> code letter."""

CHECK_BOX_CODES: Final[dict[str, frozenset[str]]] = {
    "O": frozenset("OoQ0D"),
    "H": frozenset("Hh"),
    "I": frozenset("Iil1|!L"),
    "X": frozenset("Xx"),
}
"""What OCR makes of each check box's printed code letter."""

CHECK_BOX_EMPTY: Final[frozenset[str]] = frozenset(
    {"0", "O", "o", "D", "d", "Q", "q", "U", "u", "□", "☐", "○", "[]", "[ ]", "()", "( )", "[", "]"}
)
"""How OCR renders an empty check box."""

CHECK_BOX_MARKED: Final[frozenset[str]] = frozenset(
    {"X", "x", "8", '8"', "8'", "■", "☒", "☑", "✓", "✔", "V", "v", "K", "k", "*", "B", "%", "#"}
    | {"®", "&", "¥", "[X]", "[x]", "(X)", "(x)", 'X"', '%"', 'B"', "▪", "●", "•", "·"}
)
"""How OCR renders a ticked check box."""

CHECK_BOX_OUTLINE: Final[str] = "[](){}|"
"""The marks OCR makes of a check box's own outline, around what is inside it."""

WHORM_CATEGORIES: Final[frozenset[str]] = frozenset(
    {
        *("AG", "AR", "AT", "BE", "CA", "CM", "CO", "DI", "ED", "EX", "FA", "FE", "FG", "FI"),
        *("FO", "GI", "HE", "HI", "HO", "HS", "HU", "IM", "IN", "IS", "IT", "JL", "LA", "LE"),
        *("LG", "MA", "MC", "ME", "NR", "ND", "OS", "PA", "PE", "PL", "PP", "PQ", "PR", "PU"),
        *("RA", "RM", "SA", "SO", "SP", "ST", "TA", "TR", "UT", "VA", "WE", "WH"),
    }
)
"""The two-letter WHORM subject categories (``CO`` countries, ``HU`` human rights, ...).

A bare two-letter word is read as a subject code only where it is one of
these and the line holds codes only (a code list OCR wrapped onto the next
line); codes with digits (``CO034``) are read by their shape.
"""

DISPOSITION_CODES: Final[dict[str, str]] = {
    "A": "ANSWERED",
    "B": "NON-SPECIAL REFERRAL",
    "C": "COMPLETED",
    "S": "SUSPENDED",
}
"""Disposition codes and their legend text."""

# --------------------------------------------------------------------------
# Honorifics and titles that open a NAME OF CORRESPONDENT, longest first.
# --------------------------------------------------------------------------

HONORIFICS: Final[tuple[str, ...]] = tuple(
    sorted(
        {
            "THE HONORABLE",
            "HONORABLE",
            "THE HON.",
            "HON.",
            "THE REVEREND",
            "REVEREND",
            "REV.",
            "THE MOST REVEREND",
            "HIS EXCELLENCY",
            "HER EXCELLENCY",
            "HIS HOLINESS",
            "HIS MAJESTY",
            "HER MAJESTY",
            "HIS ROYAL HIGHNESS",
            "MR. AND MRS.",
            "MR.",
            "MRS.",
            "MS.",
            "MISS",
            "DR.",
            "MESSRS.",
            "SENATOR",
            "GOVERNOR",
            "MAYOR",
            "AMBASSADOR",
            "GENERAL",
            "ADMIRAL",
            "PROFESSOR",
            "JUDGE",
            "CONGRESSMAN",
            "CONGRESSWOMAN",
            "REPRESENTATIVE",
            "SISTER",
            "FATHER",
            "RABBI",
            "BISHOP",
            "CARDINAL",
            "PRIME MINISTER",
            "PRESIDENT",
            "CAPTAIN",
            "COLONEL",
            "MAJOR",
            "SIR",
        },
        key=lambda h: (-len(h), h),
    )
)
"""Honorifics, longest first so ``THE HONORABLE`` wins over ``HONORABLE``."""

MONTH_NAMES: Final[tuple[str, ...]] = (
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
)
"""Month names as the forms print them, January first."""

# --------------------------------------------------------------------------
# OCR letter/digit confusions.  Which way to repair depends on what the field
# expects: digits in dates and ids, letters in words and labels.
# --------------------------------------------------------------------------

LETTER_TO_DIGIT: Final[dict[str, str]] = {
    "O": "0",
    "o": "0",
    "Q": "0",
    "D": "0",
    "l": "1",
    "I": "1",
    "i": "1",
    "|": "1",
    "!": "1",
    "L": "1",
    "S": "5",
    "s": "5",
    "B": "8",
    "b": "8",
    "Z": "2",
    "z": "2",
    "G": "6",
}
"""Characters OCR puts where a digit was printed, and the digit."""

DIGIT_TO_LETTER: Final[dict[str, str]] = {
    "0": "O",
    "1": "I",
    "5": "S",
    "8": "B",
    "2": "Z",
    "6": "G",
    "|": "I",
    "$": "S",
}
"""Characters OCR puts where a letter was printed, and the letter."""

CODE_LOOKALIKES: Final[dict[str, str]] = {"\u00a9": "C", "\u00a2": "C", "\u20ac": "C"}
"""Signs OCR makes of a one-letter code: the copyright, cent and euro signs for ``C``."""

OCR_FOLD: Final[dict[int, str]] = str.maketrans(DIGIT_TO_LETTER)
"""Translation table that folds an upper-cased label candidate onto letters before matching."""

# --------------------------------------------------------------------------
# Segmentation: regular expressions (case-insensitive, searched in one line)
# that open a worksheet block or show that a line belongs to one.  One entry
# per form variant feature; the segmenter joins them into single patterns.
# Each is written with the words one of which any line it matches holds, so
# that the segmenter tries it only on lines holding one (a test draws lines
# matching each pattern and checks that they do).
# --------------------------------------------------------------------------


class Needs(NamedTuple):
    """A pattern of the segmenter, with the words a line must hold for it to match."""

    pattern: str
    """The regular expression, case-insensitive, searched in one line."""
    words: tuple[str, ...]
    """Words in upper case one of which every line the pattern matches holds (in upper
    case, for an ASCII line: a case-insensitive match pairs a few other characters with
    ASCII letters)."""


WORKSHEET_ID_LINES: Final[tuple[Needs, ...]] = (
    Needs(
        r"^(?:[^A-Za-z0-9]{0,3}|[^\s][ \t])(?:[I1l|!]\s?[D0O]|ID)\s?(?:#|NO\.?)\s*"
        r"[_\-.'\"‘’“—~]{0,2}[\dOolISBZG]",
        ("#", "NO"),
    ),
    Needs(r"^\s*\d{4,}\s+[I1l|]\s?D\s?#", ("#",)),
    Needs(r"^\s*[I1l|]\s?D\s?#\s*$", ("#",)),
)
"""An ``ID#`` line (number after the label, or before it on the 5/81 form)."""

WORKSHEET_TITLES: Final[tuple[Needs, ...]] = (
    Needs(r"CORRESPONDENCE\s+TRACKING(?!\s+SYSTEM)", ("CORRESPONDENCE",)),
    Needs(r"TRACKING\s+WORKSHEET", ("WORKSHEET",)),
    Needs(r"OFFICE\s+OF\s+RECORDS\s+MANAGEMENT", ("MANAGEMENT",)),
    Needs(r"RECORDS\s+MANAGEMENT\s+WORKSHEET", ("MANAGEMENT",)),
    Needs(r"^\s*(?:THE\s+)?WHITE\s+HOUSE\s*\.?\s*$", ("HOUSE",)),
)
"""A worksheet's title lines."""

WORKSHEET_EVIDENCE: Final[tuple[Needs, ...]] = (
    Needs(r"DATE\s+RECEIVED", ("RECEIVED",)),
    Needs(r"NAME\s+OF\s+CORRESPONDENT", ("CORRESPONDENT",)),
    Needs(r"^\s*SUBJECT\s*:", ("SUBJECT",)),
    Needs(r"ROUTE\s+TO", ("ROUTE",)),
    Needs(r"REFERRAL\s+NOTE", ("REFERRAL",)),
    Needs(r"C[O0]MMENTS\s*:", ("MMENTS",)),
    Needs(r"ADDITIONAL\s+CORRESPONDENTS", ("CORRESPONDENTS",)),
    Needs(r"INDIVIDUAL\s+CODES", ("INDIVIDUAL",)),
    Needs(r"MAIL\s+USER\s+CODES", ("CODES",)),
    Needs(r"MEDIA\s*:", ("MEDIA",)),
    Needs(r"^\s*(?:INCOMING|OUTGOING|INTERNAL)\s*$", ("INCOMING", "OUTGOING", "INTERNAL")),
    Needs(r"OFFICE/AGENCY", ("OFFICE/AGENCY",)),
    Needs(r"YY/MM/DD", ("YY/MM/DD",)),
    Needs(r"\b\d\d/\d\d/\d\d\b", ("/",)),
    Needs(r"DISPOSITION", ("DISPOSITION",)),
    Needs(r"\*{4}", ("****",)),
    Needs(r"NOTE\s*:", ("NOTE",)),
    Needs(r"CODES\s*:", ("CODES",)),
    Needs(r"REFER\s+QUESTIONS", ("QUESTIONS",)),
    Needs(r"CENTRAL\s+REFERENCE", ("REFERENCE",)),
    # the 5/81 printed form
    Needs(r"[OHI0l1]\s?-\s?(?:OUTGOING|INTERNAL|INCOMING)", ("-",)),
    Needs(r"CORRESPONDENCE\s+RECEIVED", ("CORRESPONDENCE",)),
    Needs(r"^\s*DATE\s+CORRESPONDENCE", ("CORRESPONDENCE",)),
    Needs(r"RECEIVED\s*\(", ("RECEIVED",)),
    Needs(r"M[Il1]\s+MA[Il1]L\s+REPORT", ("REPORT",)),
    Needs(r"USER\s+CODES", ("CODES",)),
    Needs(r"TRACKING\s+DATE", ("TRACKING",)),
    Needs(r"COMPLET[Il1]ON\s+DATE", ("COMPLET",)),
    Needs(r"TYPE\s+OF\s+RESPONSE", ("RESPONSE",)),
    Needs(r"ORIGINATOR", ("ORIGINATOR",)),
    Needs(r"APPROPRIATE\s+ACTION", ("APPROPRIATE",)),
    Needs(r"INFO\s+COPY", ("INFO",)),
    Needs(r"INTERIM\s+REPLY", ("INTERIM",)),
    Needs(r"FOR\s+SIGNATURE", ("SIGNATURE",)),
    Needs(r"NON-SPECIAL\s+REFERRAL", ("NON-SPECIAL",)),
    Needs(r"INITIALS\s+OF\s+SIGNER", ("INITIALS",)),
    Needs(r"DATE\s+OF\s+OUTGOING", ("OUTGOING",)),
    Needs(r"ACTION\s+CODES", ("ACTION",)),
    Needs(r"KEEP\s+THIS\s+WORKSHEET", ("WORKSHEET",)),
    Needs(r"ROUTING\s+UPDATES", ("ROUTING",)),
    Needs(r"CENTRAL\s+FILES", ("CENTRAL",)),
    Needs(r"^\s*5\s?/\s?8[1l]\s*$", ("5",)),
    Needs(r"RECORDS\s+MANAGEMENT\s+ONLY", ("MANAGEMENT",)),
    Needs(r"CLASSIFICATION\s+SECTION", ("CLASSIFICATION",)),
    Needs(r"PRIME\s+SUBJECT", ("SUBJECT",)),
    Needs(r"SECONDARY\s+(?:SUBJECT\s+)?CODES", ("SECONDARY",)),
    Needs(r"PRESIDENTIAL\s+REPLY", ("PRESIDENTIAL",)),
    # the records management worksheet
    Needs(r"X\s?-\s?MEDIA", ("MEDIA",)),
    Needs(r"NAME\s+OF\s+DOCUMENT", ("DOCUMENT",)),
    Needs(r"SUBJECT\s+CODES", ("SUBJECT",)),
)
"""Lines that belong to a worksheet: labels, table headers, legend, footer."""

# --------------------------------------------------------------------------
# Release-packet blocks other than worksheets (archive headers, stamps,
# letters).  Regular expressions are case-insensitive unless noted, searched
# in one line, and written as runs of single character classes.
# --------------------------------------------------------------------------

__all__ += [
    "HEADER_DATE",
    "HEADER_DOCUMENT_NUMBER",
    "HEADER_PAGE_TAG",
    "HEADER_STATUSES",
    "LETTER_CLOSINGS",
    "LETTER_CLOSINGS_RARE",
    "LETTER_PLACE",
    "LETTER_SALUTATION",
    "LETTER_STOP",
    "LETTER_WORDS",
    "NOT_WORKSHEET_MARKERS",
    "RELEASE_STAMP_LINES",
    "RELEASE_STAMP_PARTS",
    "REVIEW_STAMP_AGENCIES",
    "REVIEW_STAMP_LABELS",
    "REVIEW_STAMP_LOOSE",
    "REVIEW_STAMP_OFFICES",
    "REVIEW_STAMP_PREFIX",
    "SALUTATION_HONORIFICS",
    "SALUTATION_OPENER",
    "SIGNATURE_TITLE_WORDS",
    "WORKSHEET_STOPS",
]

HEADER_DOCUMENT_NUMBER: Final = r"^\s*[0-9OoIlSsBb]{5}\s*$"
"""An archive header's document number line (DNSA style, e.g. ``01494``), OCR look-alikes
allowed (``47O82``); the readers take it only when at least three of its characters are
digits, and repair the look-alikes."""

HEADER_DATE: Final = (
    r"^\s*[12lI|][0-9OoIlSsBb?#~]{3}\s?/\s?[0-9OoIlSsBb?#~]{2}\s?/\s?[0-9OoIlSsBb?#~]{2}\s*$"
)
"""An archive header's ``YYYY/MM/DD`` date line, OCR look-alikes allowed (``l992/O1/29``);
a smudged one (``19?2/0#/29``) is still the date line, read as unreadable."""

HEADER_PAGE_TAG: Final = r"^\s*(?:[0-9]{5,7}\s+)?[0-9]{1,4}[A-Za-z]\s*$"
"""A page tag line: ``186B``, or ``303375 186E`` (a number, then the tag); ``186b`` from an
engine that writes lower case."""

HEADER_STATUSES: Final[tuple[str, ...]] = ("RELEASED", "EXCISED", "DENIED", "WITHHELD")
"""Release statuses an archive header prints on a line of their own (matched in any case)."""

REVIEW_STAMP_AGENCIES: Final[tuple[str, ...]] = (
    "United States Department of State",
    "Department of State",
    "Central Intelligence Agency",
    "National Security Council",
    "Department of Defense",
)
"""Agencies whose FOI review stamps are read; first spelling of each is canonical."""

REVIEW_STAMP_OFFICES: Final[tuple[str, ...]] = (
    "Office of FOI, Privacy, & Classification Review",
    "Office of FOI, Privacy and Classification Review",
)
"""Printed office lines of review stamps (matched fuzzily against OCR damage)."""

REVIEW_STAMP_LABELS: Final[dict[str, str]] = {
    "agency": r"^\s*(?:U\s?n[il1|]ted\s+States\s+)?(?:Department|Dept\.?)\s+of\s+[A-Za-z]{3,}\s*$"
    r"|^\s*Central\s+Intell[il1]gence\s+Agency\s*$|^\s*National\s+Security\s+Counc[il1]l\s*$",
    "office": r"^\s*Off[il1]ce\s+of\s+FO[Il1|]\b"
    r"|^\s*Off[il1]ce\s+of\b.{0,40}Class[il1]f[il1]cat[il1]on",
    "reviewer": r"^\s*Re[vy][il1|]e[wv]\s*Author[il1|]ty\b\s*[:;.]?\s*",
    "date": r"^\s*Date\s*[:;.]?\s*(?=[0-9OolIS])",
    "case_id": r"^\s*Case\s*[Il1|]\s?[Dd]\b\s*[:;.]?\s*",
}
"""Review stamp lines, by the field each holds; a match's end is where the value starts."""

REVIEW_STAMP_LOOSE: Final[dict[str, str]] = {
    "agency": r"(?:^|\s)[Uu]\s?n[il1|]ted\s+States\s+(?:Department|Dept\.?)\s+of\s+"
    r"[A-Z][a-z]{2,}\b",
    "office": r"(?:Pr|Pl|En)[il1|]?vacy[.,]?\s{0,2}&\s{0,2}Class"
    r"|&\s{0,2}Class[il1|]f[il1|]cat[il1|]on\s+(?:Re|Key)",
    "reviewer": r"(?:^|\s)(?:R\S{1,6}\s{1,3})?['\u2018\u2019\"]?"
    r"Aut[hn]or[il1|!]t[yv]\b\s*[:;.,]?\s*",
    "date": r"(?:^|\s)Date\s*[:;.,]?\s*"
    r"(?=[0-9OolIS]{1,2}\s?[/,.l|1]\s?[0-9OolIS]{1,2}|[0-9OolIS]{4},[0-9OolIS]{2}\b)",
    "case_id": r"(?:^|\s)Ca[sn5]?[ce]\s{0,2}[Il1|{\[(!]?[DdC]\b\s*[:;.,>]?\s*"
    r"(?=[0-9OoIlSsBb]{5})",
}
"""Review stamp lines as a real OCR engine leaves them: junk or another column's text
before the label (``a Review Authority:``, ``Washington, D.C. Date: 05/11/96``, ``[ united
States Department of State``), a damaged
label (``Review Autnority``, ``Case {D:``, ``Cane 1D:``, ``Case (D>``), and the office
line's first words lost (``sie one hes Privacy, & Classification Review``).  Searched
anywhere in a line (in print case) after :data:`REVIEW_STAMP_LABELS` failed; a match's end
is where the value starts."""

REVIEW_STAMP_PREFIX = 60
"""Most characters of another column's text or junk a loose stamp line may have before its
label."""

RELEASE_STAMP_PARTS: Final[dict[str, tuple[Needs, ...]]] = {
    "state-case": (Needs(r"\bCase\s+No\.?\s*[A-Z]-[0-9OoIlSsBb]{4}-[0-9OoIlSsBb]+", ("CASE",)),),
    "release-in": (Needs(r"^\s*RELEASE\s+IN\s+(?:FULL|PART)\b", ("RELEASE",)),),
    "no-objection": (Needs(r"\bNo\s+Objection\s+To\s+Declassification\b", ("DECLASSIFICATION",)),),
    "approved-for-release": (
        Needs(r"\bApproved\s+For\s+Release\s*[12lI][0-9OoIlSsB]{3}\s?/", ("APPROVED",)),
    ),
    "declassified": (
        Needs(r"^\s*DECLASSIFIED\b", ("DECLASSIFIED",)),
        Needs(r"\bE\.?\s?O\.?\s*1[0-9]{4}\b", ("1",)),
        Needs(r"\bNARA,?\s+Date\b", ("NARA",)),
        Needs(r"^\s*Authority\s*:?\s*NL[A-Z]-", ("AUTHORITY",)),
        Needs(r"^\s*BY\s.{0,30}\bNARA\b", ("NARA",)),
    ),
    "released": (Needs(r"^\s*RELEASED\s*$", ("RELEASED",)),),
}
"""Lines of release stamps, by the kind of stamp they start or belong to, each kind as
its alternatives with the words they need (see :data:`RELEASE_STAMP_LINES`)."""

RELEASE_STAMP_LINES: Final[dict[str, str]] = {
    name: "|".join(part.pattern for part in parts) for name, parts in RELEASE_STAMP_PARTS.items()
}
"""Lines of release stamps, by the kind of stamp they start or belong to (numbers may hold
OCR look-alikes, ``F-2O16-07743``: the reader repairs them).  ``approved-for-release`` is
the CIA's ``Approved For Release 2005/01/13 : CIA-RDP88B00443R001404090133-0``."""

LETTER_SALUTATION: Final = r"^\s*(?:My\s+)?[DO]ear\s[^:;\n]{1,60}?[:;,]"
"""A letter's salutation, ``Dear Mr. President:``; the match ends at its colon or comma.

Matched in any case (``dear mr. president:`` from an engine that writes lower case)."""

SALUTATION_OPENER: Final = r"(?:My\s+)?[DO0Q] ?[eco] ?[aoeu] ?[rt]"
"""The opening word of a salutation as OCR leaves it (``Dear``, ``Dcar``, ``Deer``,
``Oear``, ``D ear``), matched in any case; ``Dean`` and ``Near`` are not it."""

SALUTATION_HONORIFICS: Final[tuple[str, ...]] = (
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Sir",
    "Madam",
    "Senator",
    "Representative",
    "General",
    "Colleague",
    "Colleagues",
)
"""Words of salutations besides :data:`LETTER_WORDS` that OCR damage is repaired in."""

SIGNATURE_TITLE_WORDS: Final[frozenset[str]] = frozenset(
    {
        "United",
        "States",
        "Senator",
        "Senate",
        "Member",
        "Members",
        "Congress",
        "Representative",
        "Chairman",
        "Chairwoman",
        "Ranking",
        "Minority",
        "Majority",
        "Leader",
        "Whip",
        "Speaker",
        "Committee",
        "Subcommittee",
        "Secretary",
        "Director",
        "Executive",
        "President",
        "Vice",
        "Governor",
        "Ambassador",
        "Commander",
        "National",
        "General",
        "Counsel",
        "Chief",
        "Staff",
        "Assistant",
        "Deputy",
        "Special",
        "House",
        "Representatives",
    }
)
"""Words of the title typed under a signer's name (``United States Senator``): a line of
only these is the signer's title, not another signatory."""

LETTER_CLOSINGS: Final[tuple[str, ...]] = (
    "Sincerely,",
    "Sincerely yours,",
    "Yours sincerely,",
    "Respectfully,",
    "Respectfully yours,",
    "Very truly yours,",
    "Yours truly,",
    "Cordially,",
    "With best regards,",
    "Best regards,",
    "Warm regards,",
    "With warm regards,",
)
"""Complimentary closings, canonical spelling (OCR ``1``/``l`` swaps are repaired)."""

LETTER_CLOSINGS_RARE: Final[tuple[str, ...]] = (
    "Best wishes,",
    "With best wishes,",
    "Kind regards,",
    "Regards,",
    "Faithfully yours,",
    "Yours faithfully,",
    "Respectfully submitted,",
    "Very sincerely yours,",
)
"""Closings seen less often: recognised as :data:`LETTER_CLOSINGS` are, but not drawn by the
strategies (whose corpus stays as it was)."""

LETTER_PLACE: Final = (
    r"^\s*(?:W\s?A\s?S\s?H\s?I\s?N\s?G\s?T\s?O\s?N|Washington)\b"
    r"|^\s*[A-Za-z][A-Za-z .]{1,30},\s*[A-Z]\.?\s?[A-Z]\.?\s+[0-9]{5}(?:-[0-9]{4})?\s*$"
)
"""The place line of a letterhead (``WASHINGTON, DC 20510``, ``W A S H I N G T O N``);
matched in any case."""

LETTER_STOP: Final = r"^\s*(?:cc|bcc|Enclosures?|Encl?\.|Attachments?)\s*:"
"""Lines that follow a letter's signatures and are not part of the letter."""

LETTER_WORDS: Final[tuple[str, ...]] = (
    "President",
    "Vice",
    "Secretary",
    "Senator",
    "Governor",
    "Speaker",
    "Ambassador",
    "Chairman",
    "Honorable",
    "Madam",
    "Congressman",
)
"""Words of salutations and addresses whose ``l``/``1``/``i`` OCR swaps are repaired."""

NOT_WORKSHEET_MARKERS: Final[tuple[Needs, ...]] = (
    Needs(r"WITHDRAWAL\s+SHEET", ("WITHDRAWAL",)),
    Needs(r"WITHDRAWER", ("WITHDRAWER",)),
    Needs(r"^\s*MEMORANDUM\b", ("MEMORANDUM",)),
    Needs(r"MEMORANDUM\s+FOR\b", ("MEMORANDUM",)),
    Needs(r"ROUTING\s+SLIP", ("ROUTING",)),
    Needs(r"^\s*TRANSMITTAL\b", ("TRANSMITTAL",)),
    Needs(r"RESTRICTION\s+CODES", ("RESTRICTION",)),
    Needs(r"DOCUMENT\s+NO\.?\s+AND\s+TYPE", ("DOCUMENT",)),
)
"""Lines of documents that are not worksheets (withdrawal sheets, memos, routing slips)."""

WORKSHEET_STOPS: Final[tuple[Needs, ...]] = (
    # review stamps: the agency line (flush left: a wrapped subject may name an agency),
    # the office, Review Authority and Case ID lines
    Needs(
        r"^(?:U\s?n[il1|]ted\s+States\s+)?(?:Department|Dept\.?)\s+of\s+[A-Za-z]{3,}\s*$",
        ("DEP",),
    ),
    Needs(r"^Central\s+Intell[il1]gence\s+Agency\s*$", ("CENTRAL",)),
    Needs(r"^National\s+Security\s+Counc[il1]l\s*$", ("NATIONAL",)),
    Needs(r"^\s*Off[il1]ce\s+of\s+FO[Il1|]\b", ("OFF",)),
    Needs(r"^\s*Re[vy][il1|]e[wv]\s*Author[il1|]ty\b", ("AUTHOR",)),
    Needs(r"^\s*Case\s*[Il1|]\s?[Dd]\b\s*[:;.]?\s*[0-9OoIlSsBb]", ("CASE",)),
    # release stamps
    Needs(r"^\s*DECLASSIFIED\b", ("DECLASSIFIED",)),
    Needs(r"\bNo\s+Objection\s+To\s+Declassification\b", ("DECLASSIFICATION",)),
    Needs(r"\bCase\s+No\.?\s*[A-Z]-[0-9OoIlSsBb]{4}-", ("CASE",)),
    Needs(r"^\s*RELEASE\s+IN\s+(?:FULL|PART)\b", ("RELEASE",)),
    Needs(r"^\s*Authority\s*:?\s*NL[A-Z]-", ("AUTHORITY",)),
    Needs(r"\bNARA,?\s+Date\b", ("NARA",)),
    # archive headers: the date line and a status line (flush left)
    Needs(r"^\s*[12lI|][0-9OoIlSsBb]{3}\s?/\s?[0-9OoIlSsBb]{2}\s?/\s?[0-9OoIlSsBb]{2}\s*$", ("/",)),
    Needs(
        r"^(?:RELEASED|EXCISED|DENIED|WITHHELD)\s*$",
        ("RELEASED", "EXCISED", "DENIED", "WITHHELD"),
    ),
    # letters: the salutation and a ``City, ST 12345`` place line (flush left)
    Needs(r"^(?:My\s+)?[DO]ear\s[^:;\n]{1,60}?[:;,]", ("EAR",)),
    Needs(r"^[A-Za-z][A-Za-z .]{1,30},\s*[A-Z]\.?\s?[A-Z]\.?\s+[0-9]{5}(?:-[0-9]{4})?\s*$", (",",)),
)
"""Lines that open another kind of block and so end a worksheet block (case-insensitive).

A worksheet runs across a few lines without evidence (damage, handwriting),
but never across one of these: a review or release stamp, an archive header or
a letter printed under the worksheet starts there.  Patterns that a wrapped
worksheet value could match (an agency, a status word, a salutation) are
taken flush left only, as stamps and letters print them.
"""
