"""The SQLite catalogue: schema, incremental and safe builds, full-text search, Datasette."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from tests.conftest import SAMPLE
from tests.test_batch import write_corpus
from worksheet_parser import Document, Worksheet, cli, example_text, parse, render
from worksheet_parser.batch import worksheet_rows
from worksheet_parser.catalogue import (
    CANNED_QUERIES,
    FTS_TOKENIZER,
    MIGRATIONS,
    SCHEMA_VERSION,
    SUBJECT_CATEGORIES,
    Catalogue,
    CatalogueVersionError,
    _store,
    build_catalogue,
    datasette_metadata,
    migrate,
    write_metadata,
)
from worksheet_parser.strategies import documents

TABLES = (
    "sources",
    "packets",
    "worksheets",
    "routing",
    "subject_codes",
    "individual_codes",
    "review_stamps",
    "release_stamps",
    "archive_headers",
    "letters",
    "signatories",
    "diagnostics",
    "unread",
    "action_codes",
    "disposition_codes",
    "subject_categories",
    "diagnostic_codes",
)


def connect(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def assert_consistent(conn: sqlite3.Connection) -> None:
    """The database is whole: integrity, foreign keys, FTS indexes, per-source counts."""
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for fts in ("worksheets_fts", "letters_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
    bad = conn.execute(
        "SELECT s.path FROM sources s WHERE s.worksheets != "
        "(SELECT count(*) FROM worksheets w WHERE w.source_id = s.id) OR s.diagnostics != "
        "(SELECT count(*) FROM diagnostics d WHERE d.source_id = s.id)"
    ).fetchall()
    assert bad == []


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue of the sample packet and a few copies, with pages."""
    root = tmp_path_factory.mktemp("collection")
    (root / "box").mkdir()
    (root / "box" / "kennedy.txt").write_bytes(SAMPLE.read_bytes())
    write_corpus(root / "box" / "copies", 3)
    report = build_catalogue([root / "box"], root / "collection.db", jobs=2, pages=root / "pages")
    assert report.added == 4
    assert report.failed == 0
    write_metadata(root / "collection.db")
    return root / "collection.db"


class TestSchema:
    def test_every_table_and_the_version(self, built: Path) -> None:
        """The catalogue has every documented table and records its schema version."""
        conn = connect(built)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert set(TABLES) <= names
        assert {"worksheets_fts", "letters_fts"} <= names
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        info = dict(conn.execute("SELECT key, value FROM catalogue_info"))
        assert info["schema_version"] == str(SCHEMA_VERSION)
        assert info["fts_tokenizer"] == FTS_TOKENIZER

    def test_indexes_on_the_columns_people_filter_by(self, built: Path) -> None:
        """id number, office, subject code and the dates are indexed."""
        conn = connect(built)
        indexed = {
            (table, col[2])
            for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            for (_, index, *_) in conn.execute(f"PRAGMA index_list('{table}')")
            for col in conn.execute(f"PRAGMA index_info('{index}')")
        }
        for wanted in [
            ("worksheets", "id_number"),
            ("worksheets", "date_received"),
            ("routing", "office"),
            ("routing", "action_date"),
            ("routing", "disposition_date"),
            ("subject_codes", "code"),
            ("subject_codes", "category"),
            ("review_stamps", "date"),
            ("letters", "date"),
        ]:
            assert wanted in indexed, wanted

    def test_foreign_keys_tie_rows_to_their_source(self, built: Path) -> None:
        """Routing rows point at worksheets, worksheets at sources, codes at code tables."""
        conn = connect(built)
        fks = {
            (table, row[3], row[2])
            for table in TABLES
            for row in conn.execute(f"PRAGMA foreign_key_list('{table}')")
        }
        assert ("routing", "worksheet_id", "worksheets") in fks
        assert ("routing", "action_code", "action_codes") in fks
        assert ("routing", "disposition_code", "disposition_codes") in fks
        assert ("worksheets", "source_id", "sources") in fks
        assert ("subject_codes", "category", "subject_categories") in fks
        assert ("signatories", "letter_id", "letters") in fks
        assert ("diagnostics", "code", "diagnostic_codes") in fks
        assert_consistent(conn)

    def test_code_tables_print_the_forms_meanings(self, built: Path) -> None:
        """A facet shows ``A - Appropriate action``, not ``A``: every code has its label."""
        conn = connect(built)
        actions = dict(conn.execute("SELECT code, label FROM action_codes"))
        assert actions["A"] == "A - Appropriate action"
        assert actions["I"] == "I - Info copy only/no action necessary"
        assert set(actions) == {"A", "C", "D", "F", "I", "R", "S", "X", "ORG"}
        dispositions = dict(conn.execute("SELECT code, label FROM disposition_codes"))
        assert dispositions == {
            "A": "A - Answered",
            "B": "B - Non-special referral",
            "C": "C - Completed",
            "S": "S - Suspended",
        }
        categories = dict(conn.execute("SELECT code, label FROM subject_categories"))
        assert categories["CO"] == "CO - Countries"
        assert categories["FG"] == "FG - Federal Government-Organizations"
        assert categories["HU"] == "HU - Human Rights"
        assert set(SUBJECT_CATEGORIES) <= set(categories)

    def test_unknown_subject_category_is_kept_with_no_name(self, tmp_path: Path) -> None:
        """A category the table does not name still gets its row: the code is never dropped."""
        text = render(Worksheet(id_number="1", subject_codes=("QQ001",)))
        with Catalogue(tmp_path / "c.db") as cat:
            cat.add_document("a.txt", parse(text))
            conn = cat.connection
            assert conn.execute("SELECT code, category FROM subject_codes").fetchall() == [
                ("QQ001", "QQ")
            ]
            assert conn.execute(
                "SELECT name, label FROM subject_categories WHERE code = 'QQ'"
            ).fetchall() == [(None, "QQ")]

    def test_the_sample_packet_in_every_table(self, built: Path) -> None:
        """Stamps, letters, headers, signatories, diagnostics and unread text have rows."""
        conn = connect(built)
        (sid,) = conn.execute("SELECT id FROM sources WHERE path = 'box/kennedy.txt'").fetchone()
        assert conn.execute(
            "SELECT id_number, date_received, correspondent_title, correspondent_name "
            "FROM worksheets WHERE source_id = ?",
            (sid,),
        ).fetchall() == [("303373", "1992-01-30", "THE HONORABLE", "EDWARD M. KENNEDY")]
        assert conn.execute(
            "SELECT r.office, r.action_code, r.disposition_code, r.disposition_date "
            "FROM routing r JOIN worksheets w ON w.id = r.worksheet_id WHERE w.source_id = ?",
            (sid,),
        ).fetchall() == [("FREDERICK MCCLURE", "ORG", "A", "1992-01-30")]
        assert conn.execute(
            "SELECT reviewer, date, case_id FROM review_stamps WHERE source_id = ? ORDER BY stamp",
            (sid,),
        ).fetchall()[0] == ("MILLER, ROBERT", "1995-03-22", "9301915")
        assert count(conn, "letters") == 4
        assert conn.execute(
            "SELECT original, repaired FROM diagnostics WHERE source_id = ? AND code = ?",
            (sid, "value-repaired"),
        ).fetchall() == [("THE HONCRABLE", "THE HONORABLE")]
        unread = [r[0] for r in conn.execute("SELECT text FROM unread WHERE source_id = ?", (sid,))]
        assert "5m" in unread
        assert "SC Supe" in unread
        doc = parse(example_text())
        assert conn.execute(
            "SELECT count(*) FROM diagnostics WHERE source_id = ?", (sid,)
        ).fetchone()[0] == len(doc.diagnostics)

    def test_migrations_run_once_each_in_order(self, tmp_path: Path) -> None:
        """A database is brought up one whole version at a time; data survives each step."""
        db = tmp_path / "c.db"
        with Catalogue(db) as cat:
            cat.add_document("a.txt", parse(example_text()))
        extra = [*MIGRATIONS, "ALTER TABLE sources ADD COLUMN note TEXT;"]
        conn = sqlite3.connect(db, isolation_level=None)
        assert migrate(conn, extra) == len(extra)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(extra)
        assert conn.execute("SELECT path, note FROM sources").fetchall() == [("a.txt", None)]
        assert migrate(conn, extra) == len(extra)  # nothing left to do: no error
        conn.close()

    def test_a_failed_migration_leaves_the_previous_version(self, tmp_path: Path) -> None:
        db = tmp_path / "c.db"
        Catalogue(db).close()
        conn = sqlite3.connect(db, isolation_level=None)
        broken = [*MIGRATIONS, "ALTER TABLE sources ADD COLUMN x TEXT; SELECT * FROM nowhere;"]
        with pytest.raises(sqlite3.OperationalError):
            migrate(conn, broken)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        columns = [r[1] for r in conn.execute("PRAGMA table_info('sources')")]
        assert "x" not in columns
        conn.close()

    def test_newer_or_foreign_databases_are_refused(self, tmp_path: Path) -> None:
        """A catalogue from a newer release, or another database, is not written to."""
        newer = tmp_path / "newer.db"
        conn = sqlite3.connect(newer)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.close()
        with pytest.raises(CatalogueVersionError, match="upgrade"):
            Catalogue(newer)
        other = tmp_path / "other.db"
        conn = sqlite3.connect(other)
        conn.execute("CREATE TABLE mine (x)")
        conn.commit()
        conn.close()
        with pytest.raises(CatalogueVersionError, match="not a worksheet catalogue"):
            Catalogue(other)
        assert sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall() == [
            ("mine",)
        ]


class TestIncremental:
    def test_unchanged_files_are_skipped_changed_ones_replaced(self, tmp_path: Path) -> None:
        """Same sha256: skipped; changed file: its rows replaced, not duplicated."""
        paths = write_corpus(tmp_path / "in", 4)
        db = tmp_path / "c.db"
        first = build_catalogue([tmp_path / "in"], db, jobs=1)
        assert (first.added, first.skipped, first.worksheets) == (4, 0, 4)
        again = build_catalogue([tmp_path / "in"], db, jobs=2)
        assert (again.added, again.updated, again.skipped, again.worksheets) == (0, 0, 4, 0)
        paths[1].write_text(example_text().replace("ID# 303373", "ID# 999999"), encoding="utf-8")
        changed = build_catalogue([tmp_path / "in"], db, jobs=2)
        assert (changed.updated, changed.skipped) == (1, 3)
        conn = connect(db)
        ids = sorted(r[0] for r in conn.execute("SELECT id_number FROM worksheets"))
        assert ids == ["400000", "400002", "400003", "999999"]
        assert count(conn, "sources") == 4
        assert_consistent(conn)

    def test_replace_parses_everything_again(self, tmp_path: Path) -> None:
        write_corpus(tmp_path / "in", 3)
        db = tmp_path / "c.db"
        build_catalogue([tmp_path / "in"], db, jobs=1)
        before = connect(db).execute("SELECT count(*), max(id) FROM routing").fetchone()
        report = build_catalogue([tmp_path / "in"], db, jobs=1, replace=True)
        assert (report.updated, report.skipped) == (3, 0)
        after = connect(db).execute("SELECT count(*), max(id) FROM routing").fetchone()
        assert after[0] == before[0]
        assert after[1] > before[1]  # rows were written anew
        assert_consistent(connect(db))

    def test_unreadable_files_are_recorded_as_failed_and_retried(self, tmp_path: Path) -> None:
        folder = tmp_path / "in"
        write_corpus(folder, 1)
        bad = folder / "bad.txt"  # not there yet: reading it fails
        db = tmp_path / "c.db"
        report = build_catalogue([folder / "packet-00000.txt", bad], db, jobs=1)
        assert report.failed == 1
        assert report.failures[0][0] == str(bad)
        rows = (
            connect(db).execute("SELECT path, status, error FROM sources ORDER BY path").fetchall()
        )
        assert rows[0][:2] == ("in/bad.txt", "failed")
        assert "read error" in rows[0][2]
        assert rows[1][:2] == ("in/packet-00000.txt", "ok")
        bad.write_text(example_text(), encoding="utf-8")
        retry = build_catalogue([folder], db, jobs=1)
        assert (retry.updated, retry.skipped, retry.failed) == (1, 1, 0)

    def test_a_failure_while_writing_leaves_earlier_sources_whole(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """One transaction per source: an error in the middle of a source rolls it back."""
        write_corpus(tmp_path / "in", 5)
        db = tmp_path / "c.db"
        real = _store.Catalogue._insert_rows
        calls = []

        def failing(self: Any, source_id: int | None, rows: Any) -> None:
            calls.append(source_id)
            real(self, source_id, rows)
            if len(calls) == 3:  # after the third source's rows are in, before its commit
                raise KeyboardInterrupt

        monkeypatch.setattr(_store.Catalogue, "_insert_rows", failing)
        with pytest.raises(KeyboardInterrupt):
            build_catalogue([tmp_path / "in"], db, jobs=1)
        conn = connect(db)
        assert count(conn, "sources") == 2
        assert count(conn, "worksheets") == 2
        assert_consistent(conn)
        monkeypatch.setattr(_store.Catalogue, "_insert_rows", real)
        resumed = build_catalogue([tmp_path / "in"], db, jobs=1)
        assert (resumed.skipped, resumed.added) == (2, 3)
        assert count(connect(db), "worksheets") == 5

    def test_a_killed_run_leaves_a_consistent_database_and_resumes(self, tmp_path: Path) -> None:
        """``kill -9`` in the middle of a run: the database opens whole, the next run finishes."""
        write_corpus(tmp_path / "in", 400)
        db = tmp_path / "c.db"
        proc = subprocess.Popen(
            [sys.executable, "-m", "worksheet_parser.cli", "catalogue", str(tmp_path / "in"),
             "--db", str(db), "--jobs", "2", "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        done = 0
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            if db.exists():
                try:
                    with contextlib.closing(sqlite3.connect(db, timeout=5)) as probe:
                        done = probe.execute("SELECT count(*) FROM sources").fetchone()[0]
                except sqlite3.OperationalError:
                    continue  # the schema is being created
                if done >= 20:
                    break
        assert proc.poll() is None, "the run ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        conn = connect(db)
        assert_consistent(conn)
        stopped_at = count(conn, "sources")
        assert 20 <= stopped_at < 400
        assert count(conn, "worksheets") == stopped_at
        conn.close()
        resumed = build_catalogue([tmp_path / "in"], db, jobs=2)
        assert resumed.skipped == stopped_at
        assert resumed.added == 400 - stopped_at
        conn = connect(db)
        assert count(conn, "worksheets") == 400
        assert_consistent(conn)

    def test_ctrl_c_stops_cleanly_and_says_how_to_go_on(self, tmp_path: Path) -> None:
        """Ctrl-C: exit 130, the files written so far are whole, the next run goes on."""
        write_corpus(tmp_path / "in", 300)
        db = tmp_path / "c.db"
        proc = subprocess.Popen(
            [sys.executable, "-m", "worksheet_parser.cli", "catalogue", str(tmp_path / "in"),
             "--db", str(db), "--jobs", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            try:
                with contextlib.closing(sqlite3.connect(db, timeout=5)) as probe:
                    if probe.execute("SELECT count(*) FROM sources").fetchone()[0] >= 10:
                        break
            except sqlite3.OperationalError:
                continue
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == cli.EXIT_INTERRUPTED, err
        assert "run the same command again" in err
        conn = connect(db)
        assert_consistent(conn)
        written = count(conn, "sources")
        conn.close()
        assert 10 <= written < 300
        assert build_catalogue([tmp_path / "in"], db, jobs=2).skipped == written

    def test_asking_for_pages_later_writes_the_missing_ones(self, tmp_path: Path) -> None:
        write_corpus(tmp_path / "in", 2)
        db = tmp_path / "c.db"
        build_catalogue([tmp_path / "in"], db, jobs=1)
        report = build_catalogue([tmp_path / "in"], db, jobs=1, pages=tmp_path / "pages")
        assert report.updated == 2
        pages = [r[0] for r in connect(db).execute("SELECT page FROM sources")]
        assert all(p is not None and (tmp_path / p).is_file() for p in pages)
        assert build_catalogue([tmp_path / "in"], db, jobs=1, pages=tmp_path / "pages").skipped == 2

    def test_cli_builds_and_writes_metadata(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        write_corpus(tmp_path / "in", 2)
        db = tmp_path / "out" / "c.db"
        db.parent.mkdir()
        code = cli.main(["catalogue", str(tmp_path / "in"), "--db", str(db), "--jobs", "1"])
        err = capsys.readouterr().err
        assert code == cli.EXIT_OK
        assert "2 added" in err
        meta = json.loads((tmp_path / "out" / "c.metadata.json").read_text())
        assert set(meta["databases"]) == {"c"}
        code = cli.main(["catalogue", str(tmp_path / "in"), "--db", str(db), "--jobs", "1"])
        assert code == cli.EXIT_OK
        assert "2 unchanged" in capsys.readouterr().err

    def test_pages_are_linked_from_each_worksheet(self, built: Path) -> None:
        """Every worksheet row links to its provenance page, at the worksheet's anchor."""
        conn = connect(built)
        rows = conn.execute(
            "SELECT w.page, s.page, w.worksheet FROM worksheets w JOIN sources s "
            "ON s.id = w.source_id"
        ).fetchall()
        assert rows
        for ws_page, source_page, index in rows:
            assert ws_page == f"{source_page}#worksheets-{index}"
            page = built.parent / source_page
            assert f'id="worksheets-{index}"' in page.read_text(encoding="utf-8")


class TestFullText:
    def test_stems_and_case_match(self, built: Path) -> None:
        """``urge`` finds ``URGES``; ``tibet`` finds ``TIBET``; letters' bodies are indexed."""
        conn = connect(built)
        hits = conn.execute(
            "SELECT count(*) FROM worksheets_fts WHERE worksheets_fts MATCH 'urge AND tibet'"
        ).fetchone()[0]
        assert hits == 4
        (name,) = conn.execute(
            "SELECT w.correspondent_name FROM worksheets_fts JOIN worksheets w "
            "ON w.id = worksheets_fts.rowid WHERE worksheets_fts MATCH 'correspondent_name:kennedy'"
            " LIMIT 1"
        ).fetchone()
        assert name == "EDWARD M. KENNEDY"
        letters = conn.execute(
            "SELECT count(*) FROM letters_fts WHERE letters_fts MATCH 'signatories:kerry'"
        ).fetchone()[0]
        assert letters == 4

    def test_deleting_a_source_removes_it_from_the_index(self, tmp_path: Path) -> None:
        with Catalogue(tmp_path / "c.db") as cat:
            cat.add_document("a.txt", parse(example_text()))
            cat.add_document("a.txt", parse(example_text().replace("TIBET", "NEPAL")))
            conn = cat.connection
            match = "SELECT count(*) FROM worksheets_fts WHERE worksheets_fts MATCH ?"
            assert conn.execute(match, ("tibet",)).fetchone()[0] == 0
            assert conn.execute(match, ("nepal",)).fetchone()[0] == 1
            conn.execute("DELETE FROM sources")
            assert conn.execute(match, ("nepal",)).fetchone()[0] == 0
            assert count(conn, "routing") == count(conn, "letters") == 0


@settings(max_examples=25)
@given(documents(max_packets=2))
def test_nothing_is_lost_and_writing_twice_changes_nothing(doc: Document) -> None:
    """Every block, row, code, diagnostic and unread line of a parse has a row, once."""
    text = render(doc)
    parsed = parse(text)
    with Catalogue(":memory:") as cat:
        for _ in range(2):  # idempotent: the second write replaces the first
            cat.add_document("doc.txt", parsed, text=text)
        conn = cat.connection
        expected = {
            "worksheets": len(parsed.worksheets),
            "routing": sum(len(w.routing) for w in parsed.worksheets),
            "subject_codes": sum(len(w.subject_codes) for w in parsed.worksheets),
            "individual_codes": sum(len(w.individual_codes) for w in parsed.worksheets),
            "review_stamps": len(parsed.review_stamps),
            "release_stamps": len(parsed.release_stamps),
            "archive_headers": len(parsed.headers),
            "letters": len(parsed.letters),
            "signatories": sum(len(x.signatories) for x in parsed.letters),
            "diagnostics": len(parsed.diagnostics),
            "packets": len(parsed.packets),
            "unread": len(parsed.unrecognized)
            + sum(
                len(b.unread)
                for kind in ("worksheets", "headers", "review_stamps", "release_stamps", "letters")
                for b in getattr(parsed, kind)
            ),
        }
        assert {table: count(conn, table) for table in expected} == expected
        rows = conn.execute(
            "SELECT id_number, date_received, subject FROM worksheets ORDER BY worksheet"
        ).fetchall()
        assert rows == [
            (w.id_number, w.date_received and w.date_received.isoformat(), w.subject)
            for w in parsed.worksheets
        ]
        flat = worksheet_rows(parsed, "doc.txt")
        counts = conn.execute("SELECT repairs, problems FROM worksheets ORDER BY worksheet")
        assert counts.fetchall() == [(r["repairs"], r["problems"]) for r in flat]
        codes = [r[0] for r in conn.execute("SELECT code FROM subject_codes ORDER BY id")]
        assert codes == [c for w in parsed.worksheets for c in w.subject_codes]
        assert_consistent(conn)


class TestDatasette:
    def test_metadata_describes_every_table_and_column(self, built: Path) -> None:
        meta = datasette_metadata("collection")["databases"]["collection"]
        conn = connect(built)
        for table in TABLES:
            assert meta["tables"][table]["description"]
        for table in ("sources", "worksheets", "routing", "diagnostics", "letters"):
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info('{table}')")} - {"id"}
            assert set(meta["tables"][table]["columns"]) == columns, table
        assert set(meta["queries"]) == set(CANNED_QUERIES)
        for name, query in CANNED_QUERIES.items():  # every canned query is valid SQL
            params = {p: "x" for p in ("q", "name", "office", "month") if f":{p}" in query["sql"]}
            conn.execute(query["sql"], params).fetchall(), name

    def test_facet_and_full_text_through_the_json_api(self, built: Path) -> None:
        """Datasette's own client: a facet shows the code's meaning; ``_search`` finds text."""
        datasette_app = pytest.importorskip("datasette.app")
        meta = json.loads(built.with_name("collection.metadata.json").read_text())

        async def run() -> list[Any]:
            ds = datasette_app.Datasette([str(built)], metadata=meta)
            facet = await ds.client.get(
                "/collection/routing.json?_facet=disposition_code&_shape=objects"
            )
            search = await ds.client.get(
                "/collection/worksheets.json?_search=tibet+urge&_shape=objects"
            )
            letters = await ds.client.get("/collection/letters.json?_search=kerry&_shape=objects")
            canned = await ds.client.get(
                "/collection/correspondent_search.json?name=Kennedy+Edward&_shape=objects"
            )
            return [r.json() for r in (facet, search, letters, canned)]

        facet, search, letters, canned = asyncio.run(run())
        results = facet["facet_results"]["disposition_code"]["results"]
        assert [(r["value"], r["label"], r["count"]) for r in results] == [("A", "A - Answered", 4)]
        assert sorted(r["id_number"] for r in search["rows"]) == [
            "303373",
            "400000",
            "400001",
            "400002",
        ]
        assert len(letters["rows"]) == 4
        assert {r["correspondent_name"] for r in canned["rows"]} == {"EDWARD M. KENNEDY"}
        assert all(r["page"].endswith("#worksheets-0") for r in canned["rows"])
