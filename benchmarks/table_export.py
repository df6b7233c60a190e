"""What the flat tables cost beside parsing: rows, CSV text and Parquet, per document.

Usage::

    python benchmarks/table_export.py [--n N] [--seed SEED] [--repeat R]

Builds ``N`` (default 300) generated release packets with
:func:`worksheet_parser.strategies.example_documents` (seeded: every form
variant, headers, stamps, letters), renders and parses each once, then times,
in this one run, on the same documents: parsing; the rows of the two original
tables (``worksheets``, ``routing``); the rows of every table
(``table_rows``); their CSV text (``csv_tables``); and the rows of every
table turned into Arrow tables with the Parquet schema, a batch per table as
``ParquetTables`` does (needs pyarrow).  Prints milliseconds per
document (best of ``R`` repeats) and each figure as a ratio of the parse
time, so the figures compare across machines.  Needs the ``hypothesis`` extra.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from worksheet_parser import parse, render
from worksheet_parser._outputs._tables import (
    TABLES,
    arrow_schema,
    csv_tables,
    routing_rows,
    table_rows,
    worksheet_rows,
)
from worksheet_parser.strategies import example_documents


def best(repeat: int, work: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts = [render(doc) for doc in example_documents(args.n, seed=args.seed)]
    docs = [parse(text) for text in texts]
    n = len(docs)

    def arrow() -> None:
        # As ParquetTables does: rows gathered per table, converted in one batch.
        import pyarrow as pa

        gathered: dict[str, list[Any]] = {name: [] for name in TABLES}
        for doc in docs:
            for name, rows in table_rows(doc, "x.txt").items():
                gathered[name].extend(rows)
        for name, rows in gathered.items():
            pa.Table.from_pylist(rows, schema=arrow_schema(TABLES[name]))

    figures = {
        "parse": best(args.repeat, lambda: [parse(t) for t in texts]),
        "rows, 2 tables": best(
            args.repeat,
            lambda: [(worksheet_rows(d, "x.txt"), routing_rows(d, "x.txt")) for d in docs],
        ),
        f"rows, {len(TABLES)} tables": best(
            args.repeat, lambda: [table_rows(d, "x.txt") for d in docs]
        ),
        f"CSV, {len(TABLES)} tables": best(
            args.repeat, lambda: [csv_tables(d, "x.txt") for d in docs]
        ),
    }
    try:
        figures[f"Arrow, {len(TABLES)} tables"] = best(args.repeat, arrow)
    except ImportError:
        print("(pyarrow not installed: no Arrow figure)")
    base = figures["parse"]
    print(f"{n} documents (seed {args.seed}), best of {args.repeat}")
    for name, seconds in figures.items():
        print(f"{name:<20} {1000 * seconds / n:8.3f} ms/doc  {seconds / base:6.3f} x parse")


if __name__ == "__main__":
    main()
