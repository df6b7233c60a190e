"""A searchable catalogue of a whole collection: SQLite, full-text search, Datasette-ready.

>>> import tempfile, pathlib, sqlite3
>>> from worksheet_parser import example_text
>>> from worksheet_parser.catalogue import build_catalogue
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "kennedy.txt").write_text(example_text(), encoding="utf-8")
>>> _ = build_catalogue([folder], folder / "collection.db", jobs=1)
>>> db = sqlite3.connect(folder / "collection.db")
>>> db.execute(
...     "SELECT r.office, c.label FROM routing r JOIN action_codes c ON c.code = r.action_code"
... ).fetchall()
[('FREDERICK MCCLURE', 'ORG - Referral originator')]

Strategy: plain SQL over the standard library's :mod:`sqlite3` (nothing to
install or start): the schema is versioned with ``PRAGMA user_version`` and
migrated on opening (:mod:`._schema`); the rows of a document are computed
in worker processes (:mod:`._rows`) and written by one writer, one
transaction per file (:mod:`._store`); Datasette metadata comes from
:mod:`._metadata`; the code tables' meanings from the form's own legend
(:mod:`._codes`).  See docs/catalogue.md.
"""

from __future__ import annotations

from worksheet_parser.catalogue._codes import SUBJECT_CATEGORIES, code_label, split_subject_code
from worksheet_parser.catalogue._metadata import (
    CANNED_QUERIES,
    datasette_metadata,
    metadata_path,
    write_metadata,
)
from worksheet_parser.catalogue._rows import DocumentRows, document_rows
from worksheet_parser.catalogue._schema import (
    FTS_TOKENIZER,
    MIGRATIONS,
    SCHEMA_VERSION,
    CatalogueVersionError,
    migrate,
)
from worksheet_parser.catalogue._store import (
    BuildReport,
    Catalogue,
    build_catalogue,
    page_name,
    parser_version,
)

__all__ = [
    "CANNED_QUERIES",
    "FTS_TOKENIZER",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SUBJECT_CATEGORIES",
    "BuildReport",
    "Catalogue",
    "CatalogueVersionError",
    "DocumentRows",
    "build_catalogue",
    "code_label",
    "datasette_metadata",
    "document_rows",
    "metadata_path",
    "migrate",
    "page_name",
    "parser_version",
    "split_subject_code",
    "write_metadata",
]
