"""The Datasette metadata written beside a catalogue.

Strategy: one function returns the metadata as data (a ``dict``) for a
database name; it is written as JSON, which Datasette reads as its
metadata file under any name (``--metadata collection.metadata.json``; JSON
is also valid YAML).  It gives every table and column a description,
default facets, the label column of every table other tables point to (so a
facet on ``action_code`` shows ``A - Appropriate action``), the full-text
tables, and canned queries.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Final

from worksheet_parser.catalogue._schema import FTS_TOKENIZER

__all__ = ["CANNED_QUERIES", "TABLES", "datasette_metadata", "metadata_path", "write_metadata"]

_UNREADABLE = (
    "'value-unreadable', 'date-unreadable', 'date-implausible', 'code-unknown', "
    "'checkbox-unclear', 'field-missing'"
)

_LINE = "First line in the source file (1-based)."

TABLES: Final[dict[str, dict[str, Any]]] = {
    "sources": {
        "description": "One row per file catalogued: where it is, its hash, when and by which "
        "parser version it was read, and whether that worked.",
        "label_column": "path",
        "facets": ["status", "parser_version"],
        "columns": {
            "path": "The file, relative to the catalogue's folder where it lies under it.",
            "sha256": "SHA-256 of the file's bytes; an unchanged file is not read again.",
            "size": "Size of the file in bytes.",
            "parsed_at": "When the file was read (UTC).",
            "parser_version": "The worksheet-parser version that read it.",
            "status": "ok, or failed (see error).",
            "error": "Why the file could not be read or parsed.",
            "worksheets": "Number of worksheets read from the file.",
            "diagnostics": "Number of diagnostics (repairs and problems) for the file.",
            "page": "The provenance page: the text with every field marked.",
        },
    },
    "packets": {
        "description": "Release packets: a worksheet with the letter and stamps it travelled with.",
        "columns": {
            "source_id": "The file.",
            "packet": "0-based index of the packet in its file.",
            "line": _LINE,
            "end_line": "Last line in the source file.",
        },
    },
    "worksheets": {
        "description": "Correspondence tracking worksheets, one row each.",
        "label_column": "id_number",
        "facets": ["form", "direction", "prime_category"],
        "fts_table": "worksheets_fts",
        "fts_pk": "id",
        "columns": {
            "source_id": "The file the worksheet was read from.",
            "packet_id": "The release packet it belongs to.",
            "worksheet": "0-based index of the worksheet in its file.",
            "id_number": "The ID# number, digits only.",
            "form": "The printed form: computer-printed, 5/81 or records-management.",
            "direction": "INCOMING, OUTGOING or INTERNAL.",
            "date_received": "DATE RECEIVED (ISO date).",
            "prime_subject_code": "The first WHORM subject code (the prime code).",
            "prime_category": "The prime code's WHORM primary category.",
            "correspondent_title": "Honorific or office of the correspondent.",
            "correspondent_name": "The correspondent's name.",
            "subject": "SUBJECT, continuation lines joined.",
            "comments": "COMMENTS.",
            "additional_correspondents": "ADDITIONAL CORRESPONDENTS.",
            "media": "MEDIA code (L for letter).",
            "mail_user_codes": "MAIL USER CODES filled in, space-separated.",
            "routing_entries": "Rows of the routing table.",
            "repairs": "Repairs made while reading the worksheet (info diagnostics).",
            "problems": "Problems (warnings and errors): values left empty, text not placed.",
            "line": _LINE,
            "end_line": "Last line in the source file.",
            "page": "The worksheet on its provenance page.",
        },
    },
    "routing": {
        "description": "The routing table: one row per office a worksheet was routed to.",
        "facets": ["office", "action_code", "disposition_code"],
        "columns": {
            "worksheet_id": "The worksheet.",
            "row": "0-based row in the routing table.",
            "office": "OFFICE/AGENCY (STAFF NAME).",
            "action_code": "ACT CODE (see action_codes).",
            "action_date": "Date the action was assigned (ISO date).",
            "response_type": "TYPE RESP: for outgoing mail, the signer's initials.",
            "disposition_code": "Disposition code (see disposition_codes).",
            "disposition_date": "COMPLETED date (ISO date).",
            "referral_note": "REFERRAL NOTE under the row.",
            "line": _LINE,
        },
    },
    "subject_codes": {
        "description": "WHORM subject file codes, one row per code per worksheet.",
        "facets": ["category", "code"],
        "columns": {
            "worksheet_id": "The worksheet.",
            "position": "0-based position; 0 is the prime code.",
            "code": "The code as printed, e.g. CO034 or FG006-01.",
            "category": "Its primary category (see subject_categories).",
            "number": "The secondary category number, e.g. 034.",
            "subnumber": "The number after the dash, e.g. 01.",
        },
    },
    "individual_codes": {
        "description": "INDIVIDUAL CODES, one row per code per worksheet.",
        "facets": ["code"],
        "columns": {
            "worksheet_id": "The worksheet.",
            "position": "0-based position.",
            "code": "The code.",
        },
    },
    "review_stamps": {
        "description": "Agencies' FOI review stamps.",
        "facets": ["agency", "reviewer"],
        "columns": {
            "source_id": "The file.",
            "packet_id": "The release packet.",
            "stamp": "0-based index among the file's review stamps.",
            "agency": "The reviewing agency.",
            "office": "The reviewing office.",
            "reviewer": "Review Authority.",
            "date": "Review date (ISO date).",
            "case_id": "Case ID.",
            "line": _LINE,
        },
    },
    "release_stamps": {
        "description": "Other release markings: declassification, RELEASE IN FULL, RELEASED...",
        "facets": ["kind"],
        "columns": {
            "source_id": "The file.",
            "packet_id": "The release packet.",
            "stamp": "0-based index among the file's release stamps.",
            "kind": "released, declassified, no-objection, state-case, release-in-full...",
            "text": "The stamp's text as read.",
            "authority": "The authority cited.",
            "date": "A date printed in the stamp (ISO date).",
            "case_number": "A case or control number.",
            "document_number": "A document number.",
            "line": _LINE,
        },
    },
    "archive_headers": {
        "description": "The short lines an archive prints before a document.",
        "facets": ["status"],
        "columns": {
            "source_id": "The file.",
            "packet_id": "The release packet.",
            "header": "0-based index among the file's headers.",
            "document_number": "Document number.",
            "date": "Document date (ISO date).",
            "status": "Release status, e.g. RELEASED.",
            "page_tags": "Page tags, space-separated.",
            "line": _LINE,
        },
    },
    "letters": {
        "description": "Letters carried in the packets.",
        "fts_table": "letters_fts",
        "fts_pk": "id",
        "columns": {
            "source_id": "The file.",
            "packet_id": "The release packet.",
            "letter": "0-based index among the file's letters.",
            "letterhead": "Letterhead lines.",
            "place": "Place line of the letterhead.",
            "date": "The letter's date (ISO date).",
            "recipient": "The inside address.",
            "salutation": "E.g. Dear Mr. President:",
            "body": "Paragraphs, separated by blank lines.",
            "closing": "E.g. Sincerely,",
            "signatories": "Names under the closing, separated by semicolons.",
            "line": _LINE,
        },
    },
    "signatories": {
        "description": "The names under a letter's closing, one row each.",
        "facets": ["name"],
        "columns": {
            "letter_id": "The letter.",
            "position": "0-based position.",
            "name": "The name.",
        },
    },
    "diagnostics": {
        "description": "Every repair the parser made and every problem it met, with where.",
        "facets": ["code", "severity"],
        "columns": {
            "source_id": "The file.",
            "worksheet_id": "The worksheet it concerns, if any.",
            "code": "Stable diagnostic code (see diagnostic_codes).",
            "severity": "info (a sure repair), warning or error.",
            "message": "A sentence for people.",
            "field": "Dotted path of the field, e.g. worksheets[0].routing[1].action_date.",
            "line": "Line in the source file (1-based).",
            "column": "Column in the source file (1-based).",
            "start": "Offset of the first character in the file's text.",
            "end": "Offset just past the last character.",
            "original": "The text as it stood in the input.",
            "repaired": "What it was read as after repair.",
        },
    },
    "unread": {
        "description": "Text kept but read into no field: handwriting, junk, unplaced lines.",
        "columns": {
            "source_id": "The file.",
            "worksheet_id": "The worksheet it stands in, if any.",
            "block": "The block it stands in (e.g. worksheets[0]); empty outside every block.",
            "line": "Line in the source file (1-based).",
            "column": "Column in the source file (1-based).",
            "start": "Offset of the first character in the file's text.",
            "end": "Offset just past the last character.",
            "text": "The text.",
        },
    },
    "action_codes": {
        "description": "ACT CODE legend printed on the form.",
        "label_column": "label",
        "columns": {
            "code": "The code.",
            "meaning": "The legend text.",
            "label": "Code and meaning.",
        },
    },
    "disposition_codes": {
        "description": "Disposition code legend printed on the form.",
        "label_column": "label",
        "columns": {
            "code": "The code.",
            "meaning": "The legend text.",
            "label": "Code and meaning.",
        },
    },
    "subject_categories": {
        "description": "WHORM primary subject categories (name empty where not known).",
        "label_column": "label",
        "columns": {
            "code": "Two-letter category code.",
            "name": "Category name.",
            "label": "Code and name.",
        },
    },
    "diagnostic_codes": {
        "description": "Every diagnostic code, its default severity and meaning.",
        "label_column": "code",
    },
    "catalogue_info": {
        "description": "Schema version, parser version and other facts about the catalogue.",
    },
}
"""Per-table Datasette metadata: descriptions, facets, label columns, full-text tables."""

CANNED_QUERIES: Final[dict[str, dict[str, str]]] = {
    "worksheets_per_office_per_month": {
        "title": "Worksheets per office per month",
        "description": "How many worksheets were routed to each office, by month received.",
        "sql": "SELECT r.office, substr(w.date_received, 1, 7) AS month, "
        "count(DISTINCT w.id) AS worksheets\n"
        "FROM routing r JOIN worksheets w ON w.id = r.worksheet_id\n"
        "WHERE r.office IS NOT NULL AND w.date_received IS NOT NULL\n"
        "GROUP BY r.office, month ORDER BY month, worksheets DESC, r.office",
    },
    "correspondent_search": {
        "title": "Correspondent search",
        "description": "Worksheets whose correspondent has every word given (stems match).",
        "sql": "SELECT w.id, w.id_number, w.date_received, w.correspondent_title, "
        "w.correspondent_name, w.subject, w.page, s.path\n"
        "FROM worksheets_fts f JOIN worksheets w ON w.id = f.rowid "
        "JOIN sources s ON s.id = w.source_id\n"
        "WHERE worksheets_fts MATCH '{correspondent_title correspondent_name} : \"' || "
        "replace(replace(trim(:name), '\"', ''), ' ', '\" \"') || '\"'\n"
        "ORDER BY f.rank LIMIT 500",
    },
    "code_counts": {
        "title": "Code counts",
        "description": "How often each action code, disposition code and subject category occurs.",
        "sql": "SELECT 'action' AS kind, c.label, count(r.id) AS n "
        "FROM action_codes c LEFT JOIN routing r ON r.action_code = c.code GROUP BY c.code\n"
        "UNION ALL SELECT 'disposition', c.label, count(r.id) "
        "FROM disposition_codes c LEFT JOIN routing r ON r.disposition_code = c.code "
        "GROUP BY c.code\n"
        "UNION ALL SELECT 'subject category', c.label, count(s.id) "
        "FROM subject_categories c JOIN subject_codes s ON s.category = c.code GROUP BY c.code\n"
        "ORDER BY kind, n DESC",
    },
    "unreadable_fields": {
        "title": "Documents with unreadable fields",
        "description": "Files with values left empty because they could not be read, worst first.",
        "sql": "SELECT s.path, s.page, count(*) AS unreadable, "
        "group_concat(DISTINCT d.field) AS fields\n"
        "FROM diagnostics d JOIN sources s ON s.id = d.source_id\n"
        f"WHERE d.code IN ({_UNREADABLE})\n"
        "GROUP BY s.id ORDER BY unreadable DESC, s.path",
    },
    "search_everything": {
        "title": "Search worksheets and letters",
        "description": "Full-text search (FTS5 syntax) over worksheets and letters.",
        "sql": "SELECT 'worksheet' AS kind, s.path, w.id_number, "
        "snippet(worksheets_fts, -1, '[', ']', '…', 12) AS snippet, w.page\n"
        "FROM worksheets_fts JOIN worksheets w ON w.id = worksheets_fts.rowid "
        "JOIN sources s ON s.id = w.source_id WHERE worksheets_fts MATCH :q\n"
        "UNION ALL SELECT 'letter', s.path, NULL, "
        "snippet(letters_fts, -1, '[', ']', '…', 12), s.page\n"
        "FROM letters_fts JOIN letters l ON l.id = letters_fts.rowid "
        "JOIN sources s ON s.id = l.source_id WHERE letters_fts MATCH :q\n"
        "LIMIT 500",
    },
    "routed_to_office_in_month_about": {
        "title": "Routed to an office in a month, about a topic",
        "description": "Worksheets routed to offices starting with :office in :month "
        "(YYYY-MM, by action date, else date received) matching :q.",
        "sql": "SELECT DISTINCT w.id, w.id_number, w.date_received, r.office, r.action_code, "
        "w.correspondent_name, w.subject, w.page\n"
        "FROM worksheets_fts f JOIN worksheets w ON w.id = f.rowid "
        "JOIN routing r ON r.worksheet_id = w.id\n"
        "WHERE worksheets_fts MATCH :q AND r.office LIKE :office || '%'\n"
        "AND substr(coalesce(r.action_date, w.date_received), 1, 7) = :month\n"
        "ORDER BY w.date_received",
    },
}
"""Canned queries: name -> title, description and SQL (``:name`` parameters)."""


def metadata_path(db: str | os.PathLike[str]) -> Path:
    """Where the metadata of ``db`` is written by default: ``NAME.metadata.json`` beside it.

    >>> str(metadata_path("out/collection.db"))
    'out/collection.metadata.json'
    """
    path = Path(db)
    return path.with_name(f"{path.stem}.metadata.json")


def datasette_metadata(database: str) -> dict[str, Any]:
    """Return Datasette metadata for a catalogue served under the name ``database``.

    >>> meta = datasette_metadata("collection")
    >>> meta["databases"]["collection"]["tables"]["routing"]["facets"]
    ['office', 'action_code', 'disposition_code']
    """
    return {
        "title": "Correspondence tracking worksheets",
        "description": "White House correspondence tracking worksheets and the release packets "
        "they travel in, read from OCR text by worksheet-parser. Every value is traceable: "
        "each worksheet links to a page showing where on the page it was read and what "
        f"was repaired. Full-text search uses FTS5 ({FTS_TOKENIZER}).",
        "databases": {
            database: {
                "description": "A catalogue built by `worksheet-parser catalogue`.",
                "tables": TABLES,
                "queries": CANNED_QUERIES,
            }
        },
    }


def write_metadata(db: str | os.PathLike[str], path: str | os.PathLike[str] | None = None) -> Path:
    """Write the Datasette metadata for the catalogue ``db`` (see :func:`metadata_path`)."""
    target = metadata_path(db) if path is None else Path(path)
    data = datasette_metadata(Path(db).stem)
    temp = target.with_name(f".{target.name}.part")
    temp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temp, target)
    return target
