"""Building a catalogue: parse in many processes, write from one.

Strategy: the writer reads the ``path -> sha256`` of every source already
in the database, then hands ``(path, known hash)`` to
:func:`worksheet_parser.batch.map_items`; each worker reads the file,
hashes it, and only when the hash differs (or ``--replace``) parses it and
turns the document into rows (:func:`~worksheet_parser.catalogue._rows.document_rows`),
writing its provenance page too when asked.  The calling process is the
only writer: it takes results in input order and writes each source in one
transaction (its old rows deleted, by cascade, then the new ones
inserted), so a run stopped at any moment (Ctrl-C, ``kill -9``, a full
disk) leaves every source either as it was or wholly replaced, and the next
run takes up where it stopped, skipping what is already there.  The
database is in WAL mode with ``synchronous=NORMAL``: a commit is atomic and
durable against a crash of the process, and cheap enough for one per file.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from worksheet_parser._api import parse_bytes
from worksheet_parser._inputs import DEFAULT_GLOB
from worksheet_parser._models import Document
from worksheet_parser._scan._pages import is_scan
from worksheet_parser.batch import default_jobs, iter_files, map_items
from worksheet_parser.catalogue._codes import (
    action_code_rows,
    diagnostic_code_rows,
    disposition_code_rows,
    subject_category_rows,
)
from worksheet_parser.catalogue._rows import DocumentRows, document_rows
from worksheet_parser.catalogue._schema import FTS_TOKENIZER, SCHEMA_VERSION, migrate

__all__ = ["BuildReport", "Catalogue", "build_catalogue", "parser_version"]


def parser_version() -> str:
    """The installed worksheet-parser version (recorded with every source)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("worksheet-parser")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------
# The work done per file (in a worker process)


@attrs.frozen
class _StoreOptions:
    replace: bool = False
    pages: str | None = None
    """Folder to write provenance pages into, or ``None`` for no pages."""
    pages_url: str | None = None
    """What a page's file name is appended to in the catalogue's ``page`` columns."""


@attrs.frozen
class _Loaded:
    path: str
    """The path as stored in the catalogue."""
    file: str
    """The path the file was read from."""
    skipped: bool = False
    sha256: str | None = None
    size: int | None = None
    error: str | None = None
    rows: DocumentRows | None = None
    page: str | None = None


def page_name(path: str) -> str:
    """The file name of a source's provenance page: readable, and unique per path.

    >>> page_name("box 1/packet-00001.txt")
    'packet-00001-4b8df81172.html'
    """
    stem = Path(path).stem or "source"
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in stem)[:60]
    digest = hashlib.sha1(path.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]
    return f"{safe}-{digest}.html"


def _write_page(folder: str, name: str, html_text: str) -> None:
    target = os.path.join(folder, name)
    temp = f"{target}.{os.getpid()}.part"
    with open(temp, "w", encoding="utf-8") as fh:
        fh.write(html_text)
    os.replace(temp, target)


def _load(options: _StoreOptions, item: tuple[str, str, str | None]) -> _Loaded:
    """Read, hash and (if new or changed) parse one file; never raises for a bad file."""
    stored, file, known = item
    try:
        with open(file, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        return _Loaded(stored, file, error=f"read error: {exc.strerror or exc}")
    sha = hashlib.sha256(raw).hexdigest()
    if sha == known and not options.replace:
        return _Loaded(stored, file, skipped=True, sha256=sha)
    try:
        if is_scan(file):
            # A scan is read as ``parse`` reads it: its spans index the text rebuilt
            # from its pages, which the rows and the provenance page then show.
            from worksheet_parser._scan._read import parse_scan

            doc, scan = parse_scan(file)
            text = scan.text
        else:
            doc = parse_bytes(raw)
            text = raw.decode("utf-8-sig", errors="replace")
        page = None
        if options.pages is not None:
            from worksheet_parser.provenance import provenance_html

            name = page_name(stored)
            _write_page(options.pages, name, provenance_html(text, doc, name=stored))
            page = (options.pages_url or "") + name
        rows = document_rows(doc, text, page)
    except Exception as exc:
        return _Loaded(stored, file, sha256=sha, size=len(raw), error=f"parse error: {exc!r}")
    return _Loaded(stored, file, sha256=sha, size=len(raw), rows=rows, page=page)


# --------------------------------------------------------------------------
# The writer


_INSERT = {
    "packets": "INSERT INTO packets (source_id, packet, line, end_line) VALUES (?, ?, ?, ?)",
    "worksheets": "INSERT INTO worksheets (source_id, packet_id, worksheet, id_number, form, "
    "direction, date_received, prime_subject_code, prime_category, correspondent_title, "
    "correspondent_name, subject, comments, additional_correspondents, media, mail_user_codes, "
    "routing_entries, repairs, problems, line, end_line, page) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "routing": "INSERT INTO routing (worksheet_id, row, office, action_code, action_date, "
    "response_type, disposition_code, disposition_date, referral_note, line) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "subject_codes": "INSERT INTO subject_codes (worksheet_id, position, code, category, number, "
    "subnumber) VALUES (?, ?, ?, ?, ?, ?)",
    "individual_codes": "INSERT INTO individual_codes (worksheet_id, position, code) "
    "VALUES (?, ?, ?)",
    "review_stamps": "INSERT INTO review_stamps (source_id, packet_id, stamp, agency, office, "
    "reviewer, date, case_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "release_stamps": "INSERT INTO release_stamps (source_id, packet_id, stamp, kind, text, "
    "authority, date, case_number, document_number, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "archive_headers": "INSERT INTO archive_headers (source_id, packet_id, header, "
    "document_number, date, status, page_tags, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "letters": "INSERT INTO letters (source_id, packet_id, letter, letterhead, place, date, "
    "recipient, salutation, body, closing, signatories, line) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "signatories": "INSERT INTO signatories (letter_id, position, name) VALUES (?, ?, ?)",
    "diagnostics": "INSERT INTO diagnostics (source_id, worksheet_id, code, severity, message, "
    'field, line, "column", start, "end", original, repaired) '
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "unread": 'INSERT INTO unread (source_id, worksheet_id, block, line, "column", start, "end", '
    "text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
}


class Catalogue:
    """An open catalogue database: created or migrated on opening, written one source at a time.

    >>> import tempfile, pathlib
    >>> from worksheet_parser import example_text, parse
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "c.db"
    >>> with Catalogue(db) as cat:
    ...     cat.add_document("kennedy.txt", parse(example_text()), sha256="0" * 64)
    ...     cat.connection.execute("SELECT id_number FROM worksheets").fetchall()
    [('303373',)]
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.connection = sqlite3.connect(self.path, isolation_level=None)
        try:
            conn = self.connection
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn)
            self._fill_code_tables()
        except BaseException:
            self.connection.close()
            raise

    def _fill_code_tables(self) -> None:
        conn = self.connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table, rows in (
                ("action_codes", action_code_rows()),
                ("disposition_codes", disposition_code_rows()),
            ):
                conn.executemany(
                    f"INSERT INTO {table} (code, meaning, label) VALUES (?, ?, ?) "
                    "ON CONFLICT(code) DO UPDATE SET meaning = excluded.meaning, "
                    "label = excluded.label",
                    rows,
                )
            conn.executemany(
                "INSERT INTO subject_categories (code, name, label) VALUES (?, ?, ?) "
                "ON CONFLICT(code) DO UPDATE SET name = excluded.name, label = excluded.label",
                subject_category_rows(),
            )
            conn.executemany(
                "INSERT INTO diagnostic_codes (code, severity, meaning) VALUES (?, ?, ?) "
                "ON CONFLICT(code) DO UPDATE SET severity = excluded.severity, "
                "meaning = excluded.meaning",
                diagnostic_code_rows(),
            )
            info = {
                "schema_version": str(SCHEMA_VERSION),
                "parser_version": parser_version(),
                "fts_tokenizer": FTS_TOKENIZER,
            }
            conn.execute(
                "INSERT OR IGNORE INTO catalogue_info (key, value) VALUES ('created_at', ?)",
                (_now(),),
            )
            conn.executemany(
                "INSERT OR REPLACE INTO catalogue_info (key, value) VALUES (?, ?)", info.items()
            )
            conn.execute("COMMIT")
        except BaseException:
            # Ctrl-C can arrive just after COMMIT returned: then there is nothing to undo.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def known(self, *, with_pages: bool = False) -> dict[str, str | None]:
        """Every source in the catalogue: stored path -> sha256 (``None`` if it was unreadable).

        With ``with_pages``, a source read without a provenance page counts as
        unknown (``None``), so that asking for pages writes the missing ones.
        """
        if with_pages:
            sql = "SELECT path, CASE WHEN page IS NULL THEN NULL ELSE sha256 END FROM sources"
        else:
            sql = "SELECT path, sha256 FROM sources"
        return dict(self.connection.execute(sql))

    def close(self) -> None:
        """Close the database (the WAL is checkpointed into the main file)."""
        self.connection.close()

    def __enter__(self) -> Catalogue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_document(
        self,
        path: str,
        doc: Document,
        *,
        sha256: str | None = None,
        size: int | None = None,
        text: str | None = None,
        page: str | None = None,
    ) -> None:
        """Write one parsed document as the source ``path`` (replacing any source of that path)."""
        self._write(
            _Loaded(path, path, sha256=sha256, size=size, rows=document_rows(doc, text, page))
        )

    def _write(self, loaded: _Loaded) -> None:
        """Replace the source ``loaded.path`` with what was read from it, in one transaction."""
        conn = self.connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM sources WHERE path = ?", (loaded.path,))
            rows = loaded.rows
            ok = rows is not None
            source_id = conn.execute(
                "INSERT INTO sources (path, sha256, size, parsed_at, parser_version, status, "
                "error, worksheets, diagnostics, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    loaded.path,
                    loaded.sha256,
                    loaded.size,
                    _now(),
                    parser_version(),
                    "ok" if ok else "failed",
                    loaded.error,
                    0 if rows is None else len(rows.worksheets),
                    0 if rows is None else len(rows.diagnostics),
                    loaded.page,
                ),
            ).lastrowid
            if rows is not None:
                self._insert_rows(source_id, rows)
            conn.execute("COMMIT")
        except BaseException:
            # Ctrl-C can arrive just after COMMIT returned: then there is nothing to undo.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _insert_rows(self, source_id: int | None, rows: DocumentRows) -> None:
        conn = self.connection
        if rows.categories:
            conn.executemany(
                "INSERT OR IGNORE INTO subject_categories (code, name, label) VALUES (?, NULL, ?)",
                [(c, c) for c in sorted(rows.categories)],
            )
        packet_ids = [
            conn.execute(_INSERT["packets"], (source_id, *values)).lastrowid
            for values in rows.packets
        ]

        def packet(index: int | None) -> int | None:
            return None if index is None else packet_ids[index]

        ws_ids = [
            conn.execute(_INSERT["worksheets"], (source_id, packet(p), *values)).lastrowid
            for p, values in rows.worksheets
        ]

        def worksheet(index: int | None) -> int | None:
            return None if index is None else ws_ids[index]

        for table in ("routing", "subject_codes", "individual_codes"):
            conn.executemany(
                _INSERT[table], [(ws_ids[i], *values) for i, values in getattr(rows, table)]
            )
        for table in ("review_stamps", "release_stamps", "archive_headers"):
            conn.executemany(
                _INSERT[table],
                [(source_id, packet(p), *values) for p, values in getattr(rows, table)],
            )
        letter_ids = [
            conn.execute(_INSERT["letters"], (source_id, packet(p), *values)).lastrowid
            for p, values in rows.letters
        ]
        conn.executemany(
            _INSERT["signatories"], [(letter_ids[i], *values) for i, values in rows.signatories]
        )
        for table in ("diagnostics", "unread"):
            conn.executemany(
                _INSERT[table],
                [(source_id, worksheet(w), *values) for w, values in getattr(rows, table)],
            )


# --------------------------------------------------------------------------
# A whole run


@attrs.define
class BuildReport:
    """What a catalogue run did."""

    files: int = 0
    """Files seen."""
    added: int = 0
    """Files read for the first time."""
    updated: int = 0
    """Files read again: changed since the last run, or ``replace``."""
    skipped: int = 0
    """Files already in the catalogue with the same sha256."""
    failed: int = 0
    """Files that could not be read or parsed (recorded with status ``failed``)."""
    worksheets: int = 0
    """Worksheets written in this run."""
    failures: list[tuple[str, str]] = attrs.field(factory=list)
    """``(path, error)`` of each failed file."""

    def render(self, seconds: float) -> str:
        """One line for people."""
        return (
            f"worksheet-parser: {self.files} files: {self.added} added, {self.updated} updated, "
            f"{self.skipped} unchanged, {self.failed} failed; {self.worksheets} worksheets "
            f"written; {seconds:.1f} s"
        )


def _stored_path(file: str, root: Path) -> str:
    """The path recorded for ``file``: relative to the catalogue's folder where possible."""
    absolute = os.path.abspath(file)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # pragma: no cover - another drive on Windows
        return Path(absolute).as_posix()
    return Path(rel).as_posix()


def build_catalogue(
    inputs: Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    replace: bool = False,
    glob: str = DEFAULT_GLOB,
    pages: str | os.PathLike[str] | None = None,
    pages_url: str | None = None,
    progress: bool = False,
    on_result: Callable[[str, str | None], None] | None = None,
) -> BuildReport:
    """Add the files named by ``inputs`` (files, or folders searched for ``glob``) to ``db``.

    Folders are searched for text files and scans by default, as ``parse``
    searches them; a scan (PDF or page images) is read as
    :func:`~worksheet_parser.parse_file` reads it.

    A file already catalogued with the same sha256 is skipped (unless
    ``replace``); a new or changed file is parsed (in ``jobs`` processes)
    and written in one transaction.  With ``pages``, a provenance page is
    written for each file parsed, into that folder, and linked from the
    ``page`` columns (as ``pages_url`` + file name; by default the path of
    the page relative to the database's folder).  ``on_result(path, error)``
    is called after each file is written.  Returns what was done.

    >>> import tempfile, pathlib
    >>> from worksheet_parser import example_text
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text(example_text(), encoding="utf-8")
    >>> report = build_catalogue([folder], folder / "c.db", jobs=1)
    >>> report.added, report.worksheets
    (1, 1)
    >>> build_catalogue([folder], folder / "c.db", jobs=1).skipped
    1
    """
    db_path = Path(db)
    root = db_path.resolve().parent
    files = list(iter_files(inputs, glob))
    pages_dir = None
    if pages is not None:
        pages_dir = os.path.abspath(pages)
        os.makedirs(pages_dir, exist_ok=True)
        if pages_url is None:
            pages_url = _stored_path(pages_dir, root).rstrip("/") + "/"
    options = _StoreOptions(replace=replace, pages=pages_dir, pages_url=pages_url)
    report = BuildReport()
    with Catalogue(db_path) as cat:
        known = cat.known(with_pages=pages_dir is not None)
        items = []
        for file in files:
            stored = _stored_path(file, root)
            items.append((stored, file, known.get(stored)))
        bar = _progress(len(items), not progress)
        try:
            for loaded in _results(options, items, jobs):
                report.files += 1
                if loaded.skipped:
                    report.skipped += 1
                else:
                    cat._write(loaded)
                    if loaded.error is not None:
                        report.failed += 1
                        report.failures.append((loaded.file, loaded.error))
                    elif loaded.path in known:
                        report.updated += 1
                    else:
                        report.added += 1
                    if loaded.rows is not None:
                        report.worksheets += len(loaded.rows.worksheets)
                    if on_result is not None:
                        on_result(loaded.file, loaded.error)
                bar.update(1)
        finally:
            bar.close()
    return report


def _results(
    options: _StoreOptions, items: list[tuple[str, str, str | None]], jobs: int | None
) -> Iterator[_Loaded]:
    if not items:
        return iter(())
    n = min(jobs or default_jobs(), len(items))
    return map_items(functools.partial(_load, options), items, jobs=n)


def _progress(total: int, disable: bool) -> Any:
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[misc]
        # No monitor thread: a process with a second thread cannot fork workers safely.
        monitor_interval = 0

    return Bar(total=total, disable=disable, unit="file", file=sys.stderr, dynamic_ncols=True)
