"""Catalogue at scale: build a catalogue of many worksheets, then query it.

Writes a corpus of packet files into a temporary folder (documents drawn
with the public :func:`worksheet_parser.strategies.example_documents`,
rendered as clean scans: each packet a worksheet with its letter, stamps
and archive header, ``--per-file`` packets per file), then prints:

- the time to parse the corpus alone with ``parse_paths`` (the baseline,
  measured in the same run with the same ``--jobs``);
- the time to build the catalogue (parse, rows, one writer, FTS index) and
  its ratio to the baseline;
- the time of a second run over the unchanged corpus (every file skipped by
  its SHA-256);
- the database's size;
- the time of full-text queries and facet queries (median of several runs,
  as SQL, and through Datasette's JSON API when datasette is installed).

    python benchmarks/catalogue_speed.py               # 100,000 worksheets
    python benchmarks/catalogue_speed.py --n 5000      # a quick run
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from worksheet_parser import render
from worksheet_parser.batch import default_jobs, parse_paths
from worksheet_parser.catalogue import build_catalogue, datasette_metadata
from worksheet_parser.strategies import example_documents


def write_corpus(folder: Path, n: int, per_file: int, seed: int = 0) -> list[Path]:
    """Write ``n`` worksheets, ``per_file`` packets a file, into ``folder``."""
    paths: list[Path] = []
    files = -(-n // per_file)
    batch = 200
    for first in range(0, files, batch):
        count = min(batch, files - first)
        docs = example_documents(
            count, seed=seed + first, min_packets=per_file, max_packets=per_file
        )
        for i, doc in enumerate(docs):
            k = first + i
            path = folder / f"{k // 1000:03d}" / f"dump-{k:06d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render(doc), encoding="utf-8")
            paths.append(path)
    return paths


def timed(func: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    """Median wall time of ``func`` over ``repeat`` runs, and its last result."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def size(path: Path) -> int:
    return sum(
        p.stat().st_size
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if p.exists()
    )


QUERIES = {
    "fts: count of worksheets matching 'human rights'": (
        "SELECT count(*) FROM worksheets_fts WHERE worksheets_fts MATCH 'human rights'"
    ),
    "fts: top 50 by rank, joined to worksheets": (
        "SELECT w.id_number, w.subject FROM worksheets_fts JOIN worksheets w "
        "ON w.id = worksheets_fts.rowid WHERE worksheets_fts MATCH 'urge* AND china' "
        "ORDER BY rank LIMIT 50"
    ),
    "fts: letters matching 'sincerely'": (
        "SELECT count(*) FROM letters_fts WHERE letters_fts MATCH 'sincerely'"
    ),
    "facet: routing by action_code": (
        "SELECT action_code, count(*) AS n FROM routing GROUP BY action_code "
        "ORDER BY n DESC LIMIT 31"
    ),
    "facet: routing by office": (
        "SELECT office, count(*) AS n FROM routing GROUP BY office ORDER BY n DESC LIMIT 31"
    ),
    "facet: worksheets by prime category": (
        "SELECT prime_category, count(*) AS n FROM worksheets GROUP BY prime_category "
        "ORDER BY n DESC LIMIT 31"
    ),
}


def datasette_times(db: Path) -> dict[str, float]:
    """Times of a facet and a full-text search through Datasette's JSON API."""
    try:
        from datasette.app import Datasette
    except ImportError:
        return {}
    name = db.stem
    urls = {
        "datasette: /routing.json?_facet=office&_facet=action_code": (
            f"/{name}/routing.json?_facet=office&_facet=action_code&_size=0"
        ),
        "datasette: /worksheets.json?_search=human+rights": (
            f"/{name}/worksheets.json?_search=human+rights&_size=20"
        ),
    }

    async def run() -> dict[str, float]:
        out = {}
        for suggest in (True, False):
            ds = Datasette(
                [str(db)], metadata=datasette_metadata(name), settings={"suggest_facets": suggest}
            )
            out.update(await timed_urls(ds, "" if suggest else " (suggest_facets off)"))
        return out

    async def timed_urls(ds: Any, suffix: str) -> dict[str, float]:
        out = {}
        for label, url in urls.items():
            times = []
            for _ in range(3):
                start = time.perf_counter()
                response = await ds.client.get(url)
                assert response.status_code == 200, response.text[:300]
                times.append(time.perf_counter() - start)
            out[label + suffix] = statistics.median(times)
        return out

    return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="worksheets (default: %(default)s)")
    parser.add_argument("--per-file", type=int, default=10, help="packets per file (default: 10)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="processes")
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it")
    args = parser.parse_args()

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="catalogue-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        paths = write_corpus(folder / "corpus", args.n, args.per_file)
        corpus_bytes = sum(p.stat().st_size for p in paths)
        print(
            f"corpus: {args.n:,} worksheets in {len(paths):,} files "
            f"({corpus_bytes / 1e6:.0f} MB), written in {time.perf_counter() - start:.1f} s; "
            f"jobs={args.jobs}"
        )

        start = time.perf_counter()
        parsed = sum(
            len(r.document.worksheets) for r in parse_paths(paths, jobs=args.jobs) if r.document
        )
        baseline = time.perf_counter() - start
        print(f"parse only (baseline): {baseline:.1f} s, {parsed:,} worksheets")

        db = folder / "collection.db"
        if db.exists():
            db.unlink()
        start = time.perf_counter()
        report = build_catalogue([folder / "corpus"], db, jobs=args.jobs)
        build = time.perf_counter() - start
        print(
            f"build catalogue: {build:.1f} s ({report.worksheets:,} worksheets, "
            f"{report.worksheets / build:,.0f}/s); {build / baseline:.2f}x the parse alone"
        )
        start = time.perf_counter()
        again = build_catalogue([folder / "corpus"], db, jobs=args.jobs)
        print(
            f"second run, nothing changed: {time.perf_counter() - start:.1f} s "
            f"({again.skipped:,} files skipped)"
        )
        print(f"database size: {size(db) / 1e6:.1f} MB ({size(db) / corpus_bytes:.2f}x the text)")

        conn = sqlite3.connect(db)
        for label, sql in QUERIES.items():
            seconds, rows = timed(lambda sql=sql: conn.execute(sql).fetchall())
            print(f"{label}: {seconds * 1000:.1f} ms ({len(rows)} rows)")
        conn.close()
        for label, seconds in datasette_times(db).items():
            print(f"{label}: {seconds * 1000:.0f} ms")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
