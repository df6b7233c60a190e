"""The catalogue's SQLite schema, and the migrations that bring a database up to it.

Strategy: the schema is plain SQL, applied in numbered steps
(:data:`MIGRATIONS`); ``PRAGMA user_version`` records the last step a
database has, and opening a catalogue applies the missing steps, each in
its own transaction, so a database is always at one whole version.  A
database from a newer release (a version above :data:`SCHEMA_VERSION`) is
refused rather than written to.  Every table of parsed data hangs off
``sources`` with ``ON DELETE CASCADE``, so deleting a source row removes
everything read from it (and the full-text index follows, by triggers).

Full-text search uses FTS5 with the ``porter unicode61 remove_diacritics 2``
tokenizer (see docs/catalogue.md for why), over external-content tables
(``content="worksheets"``, ``content="letters"``), which Datasette finds by
itself and which cost no second copy of the text.
"""

from __future__ import annotations

import sqlite3
from typing import Final

__all__ = [
    "FTS_TOKENIZER",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "CatalogueVersionError",
    "migrate",
]

FTS_TOKENIZER: Final = "porter unicode61 remove_diacritics 2"
"""The FTS5 tokenizer: Unicode word breaking and case folding, accents removed, English stems."""


class CatalogueVersionError(Exception):
    """The file is not a catalogue this release can open (newer schema, or another database)."""


_V1: Final = f"""
CREATE TABLE catalogue_info (
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE action_codes (
    code TEXT PRIMARY KEY,
    meaning TEXT NOT NULL,
    label TEXT NOT NULL
);
CREATE TABLE disposition_codes (
    code TEXT PRIMARY KEY,
    meaning TEXT NOT NULL,
    label TEXT NOT NULL
);
CREATE TABLE subject_categories (
    code TEXT PRIMARY KEY,
    name TEXT,
    label TEXT NOT NULL
);
CREATE TABLE diagnostic_codes (
    code TEXT PRIMARY KEY,
    severity TEXT NOT NULL,
    meaning TEXT NOT NULL
);

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT,
    size INTEGER,
    parsed_at TEXT NOT NULL,
    parser_version TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    error TEXT,
    worksheets INTEGER NOT NULL DEFAULT 0,
    diagnostics INTEGER NOT NULL DEFAULT 0,
    page TEXT
);

CREATE TABLE packets (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    packet INTEGER,
    line INTEGER,
    end_line INTEGER
);
CREATE INDEX packets_source ON packets(source_id);

CREATE TABLE worksheets (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    packet_id INTEGER REFERENCES packets(id) ON DELETE CASCADE,
    worksheet INTEGER NOT NULL,
    id_number TEXT,
    form TEXT NOT NULL,
    direction TEXT,
    date_received TEXT,
    prime_subject_code TEXT,
    prime_category TEXT REFERENCES subject_categories(code),
    correspondent_title TEXT,
    correspondent_name TEXT,
    subject TEXT,
    comments TEXT,
    additional_correspondents TEXT,
    media TEXT,
    mail_user_codes TEXT,
    routing_entries INTEGER NOT NULL,
    repairs INTEGER NOT NULL,
    problems INTEGER NOT NULL,
    line INTEGER,
    end_line INTEGER,
    page TEXT
);
CREATE INDEX worksheets_source ON worksheets(source_id);
CREATE INDEX worksheets_packet ON worksheets(packet_id);
CREATE INDEX worksheets_id_number ON worksheets(id_number);
CREATE INDEX worksheets_date_received ON worksheets(date_received);
CREATE INDEX worksheets_prime_category ON worksheets(prime_category);
CREATE INDEX worksheets_correspondent_name ON worksheets(correspondent_name);

CREATE TABLE routing (
    id INTEGER PRIMARY KEY,
    worksheet_id INTEGER NOT NULL REFERENCES worksheets(id) ON DELETE CASCADE,
    row INTEGER NOT NULL,
    office TEXT,
    action_code TEXT REFERENCES action_codes(code),
    action_date TEXT,
    response_type TEXT,
    disposition_code TEXT REFERENCES disposition_codes(code),
    disposition_date TEXT,
    referral_note TEXT,
    line INTEGER
);
CREATE INDEX routing_worksheet ON routing(worksheet_id);
CREATE INDEX routing_office ON routing(office);
CREATE INDEX routing_action_code ON routing(action_code);
CREATE INDEX routing_disposition_code ON routing(disposition_code);
CREATE INDEX routing_action_date ON routing(action_date);
CREATE INDEX routing_disposition_date ON routing(disposition_date);

CREATE TABLE subject_codes (
    id INTEGER PRIMARY KEY,
    worksheet_id INTEGER NOT NULL REFERENCES worksheets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    category TEXT REFERENCES subject_categories(code),
    number TEXT,
    subnumber TEXT
);
CREATE INDEX subject_codes_worksheet ON subject_codes(worksheet_id);
CREATE INDEX subject_codes_code ON subject_codes(code);
CREATE INDEX subject_codes_category ON subject_codes(category);

CREATE TABLE individual_codes (
    id INTEGER PRIMARY KEY,
    worksheet_id INTEGER NOT NULL REFERENCES worksheets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    code TEXT NOT NULL
);
CREATE INDEX individual_codes_worksheet ON individual_codes(worksheet_id);
CREATE INDEX individual_codes_code ON individual_codes(code);

CREATE TABLE review_stamps (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    packet_id INTEGER REFERENCES packets(id) ON DELETE CASCADE,
    stamp INTEGER NOT NULL,
    agency TEXT,
    office TEXT,
    reviewer TEXT,
    date TEXT,
    case_id TEXT,
    line INTEGER
);
CREATE INDEX review_stamps_source ON review_stamps(source_id);
CREATE INDEX review_stamps_packet ON review_stamps(packet_id);
CREATE INDEX review_stamps_date ON review_stamps(date);
CREATE INDEX review_stamps_case_id ON review_stamps(case_id);

CREATE TABLE release_stamps (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    packet_id INTEGER REFERENCES packets(id) ON DELETE CASCADE,
    stamp INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT,
    authority TEXT,
    date TEXT,
    case_number TEXT,
    document_number TEXT,
    line INTEGER
);
CREATE INDEX release_stamps_source ON release_stamps(source_id);
CREATE INDEX release_stamps_packet ON release_stamps(packet_id);
CREATE INDEX release_stamps_date ON release_stamps(date);

CREATE TABLE archive_headers (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    packet_id INTEGER REFERENCES packets(id) ON DELETE CASCADE,
    header INTEGER NOT NULL,
    document_number TEXT,
    date TEXT,
    status TEXT,
    page_tags TEXT,
    line INTEGER
);
CREATE INDEX archive_headers_source ON archive_headers(source_id);
CREATE INDEX archive_headers_packet ON archive_headers(packet_id);
CREATE INDEX archive_headers_date ON archive_headers(date);
CREATE INDEX archive_headers_document_number ON archive_headers(document_number);

CREATE TABLE letters (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    packet_id INTEGER REFERENCES packets(id) ON DELETE CASCADE,
    letter INTEGER NOT NULL,
    letterhead TEXT,
    place TEXT,
    date TEXT,
    recipient TEXT,
    salutation TEXT,
    body TEXT,
    closing TEXT,
    signatories TEXT,
    line INTEGER
);
CREATE INDEX letters_source ON letters(source_id);
CREATE INDEX letters_packet ON letters(packet_id);
CREATE INDEX letters_date ON letters(date);

CREATE TABLE signatories (
    id INTEGER PRIMARY KEY,
    letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX signatories_letter ON signatories(letter_id);
CREATE INDEX signatories_name ON signatories(name);

CREATE TABLE diagnostics (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    worksheet_id INTEGER REFERENCES worksheets(id) ON DELETE CASCADE,
    code TEXT NOT NULL REFERENCES diagnostic_codes(code),
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    field TEXT,
    line INTEGER,
    "column" INTEGER,
    start INTEGER,
    "end" INTEGER,
    original TEXT,
    repaired TEXT
);
CREATE INDEX diagnostics_source ON diagnostics(source_id);
CREATE INDEX diagnostics_worksheet ON diagnostics(worksheet_id);
CREATE INDEX diagnostics_code ON diagnostics(code);
CREATE INDEX diagnostics_severity ON diagnostics(severity);

CREATE TABLE unread (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    worksheet_id INTEGER REFERENCES worksheets(id) ON DELETE CASCADE,
    block TEXT,
    line INTEGER,
    "column" INTEGER,
    start INTEGER,
    "end" INTEGER,
    text TEXT NOT NULL
);
CREATE INDEX unread_source ON unread(source_id);
CREATE INDEX unread_worksheet ON unread(worksheet_id);

CREATE VIRTUAL TABLE worksheets_fts USING fts5(
    subject, correspondent_title, correspondent_name, comments, additional_correspondents,
    content="worksheets", content_rowid="id", tokenize="{FTS_TOKENIZER}", prefix="3"
);
CREATE TRIGGER worksheets_ai AFTER INSERT ON worksheets BEGIN
    INSERT INTO worksheets_fts(rowid, subject, correspondent_title, correspondent_name,
                               comments, additional_correspondents)
    VALUES (new.id, new.subject, new.correspondent_title, new.correspondent_name,
            new.comments, new.additional_correspondents);
END;
CREATE TRIGGER worksheets_ad AFTER DELETE ON worksheets BEGIN
    INSERT INTO worksheets_fts(worksheets_fts, rowid, subject, correspondent_title,
                               correspondent_name, comments, additional_correspondents)
    VALUES ('delete', old.id, old.subject, old.correspondent_title, old.correspondent_name,
            old.comments, old.additional_correspondents);
END;

CREATE VIRTUAL TABLE letters_fts USING fts5(
    letterhead, recipient, body, signatories,
    content="letters", content_rowid="id", tokenize="{FTS_TOKENIZER}", prefix="3"
);
CREATE TRIGGER letters_ai AFTER INSERT ON letters BEGIN
    INSERT INTO letters_fts(rowid, letterhead, recipient, body, signatories)
    VALUES (new.id, new.letterhead, new.recipient, new.body, new.signatories);
END;
CREATE TRIGGER letters_ad AFTER DELETE ON letters BEGIN
    INSERT INTO letters_fts(letters_fts, rowid, letterhead, recipient, body, signatories)
    VALUES ('delete', old.id, old.letterhead, old.recipient, old.body, old.signatories);
END;
"""

MIGRATIONS: list[str] = [_V1]
"""SQL scripts; script ``i`` takes a database from version ``i`` to ``i + 1``."""

SCHEMA_VERSION: Final = len(MIGRATIONS)
"""The schema version this release writes (``PRAGMA user_version``)."""


def _user_tables(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, migrations: list[str] | None = None) -> int:
    """Bring the database on ``conn`` (in autocommit mode) up to the newest schema version.

    Each missing step runs in a transaction of its own with the version
    bump, so an interrupted migration leaves the previous version intact.
    Returns the version reached; raises :class:`CatalogueVersionError` for
    a database of a newer version, or a non-empty database that is not a
    catalogue.
    """
    steps = MIGRATIONS if migrations is None else migrations
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(steps):
        raise CatalogueVersionError(
            f"the catalogue has schema version {version}; this release knows up to "
            f"{len(steps)}: upgrade worksheet-parser to open it"
        )
    if version == 0 and _user_tables(conn):
        raise CatalogueVersionError("the database has tables but is not a worksheet catalogue")
    for number in range(version, len(steps)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(steps[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
            conn.execute("COMMIT")
        except BaseException:
            # Ctrl-C can arrive just after COMMIT returned: then there is nothing to undo.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return len(steps)


def _statements(script: str) -> list[str]:
    """Split a script into complete statements (``executescript`` would commit)."""
    statements: list[str] = []
    current = ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \t\r\n;"):
                statements.append(current.strip())
            current = ""
    if current.strip(" \t\r\n;"):
        statements.append(current.strip())
    return statements
