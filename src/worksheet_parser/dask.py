"""Parse a collection on a Dask cluster: bags of records, data frames of tables.

Needs the optional extra: ``pip install worksheet-parser[dask]``.

>>> from worksheet_parser import example_text
>>> from worksheet_parser.dask import parse_bag, records, worksheet_frame
>>> import dask, dask.bag as db
>>> texts = db.from_sequence([("a.txt", example_text())])
>>> parsed = parse_bag(texts)
>>> with dask.config.set(scheduler="sync"):
...     [r["worksheets"][0]["id_number"] for r in records(parsed).compute()]
...     worksheet_frame(parsed).compute()["date_received"].tolist()
['303373']
[datetime.date(1992, 1, 30)]

Strategy: Dask does the scheduling; this module only maps the functions the
single-process path uses over a bag.  :func:`parse_bag` turns paths (read on
the workers) or a bag of texts into a bag of
:class:`worksheet_parser.batch.Result`, exactly what
:func:`worksheet_parser.batch.parse_paths` yields; :func:`records` maps
:func:`~worksheet_parser.batch.packet_records` over it (one JSON-ready
record per packet), and :func:`table_frame` (with :func:`worksheet_frame`
and :func:`routing_frame` for the two main tables) builds each partition's
:class:`pandas.DataFrame` with :func:`frame` from the same row functions
the command line uses, so the columns and their Arrow types are those of
the CSV and Parquet tables: written with ``to_parquet``, a frame has the
schema of the command's Parquet file.  Failed files are left out of records and tables;
:func:`failures` lists them.  Persist the parsed bag (``parsed.persist()``)
when you build several outputs from it, or each will parse again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

try:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from dask import delayed
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "worksheet_parser.dask needs dask and pandas, optional dependencies: "
        "pip install worksheet-parser[dask]"
    ) from exc

from worksheet_parser._api import parse, parse_bytes
from worksheet_parser._outputs._tables import ROWS, TABLES, ColumnType, arrow_schema, packet_records
from worksheet_parser.batch import Failure, Result, parse_path

__all__ = [
    "failures",
    "frame",
    "parse_bag",
    "parse_text",
    "records",
    "routing_frame",
    "table_frame",
    "worksheet_frame",
]


def _dtype(kind: ColumnType) -> Any:
    """The pandas dtype of a column type: Arrow-backed, as the Parquet files are."""
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "date": pa.date32()}
    return pd.ArrowDtype(types.get(kind) or pa.list_(pa.string()))


def parse_text(item: str | bytes | tuple[str | None, str | bytes]) -> Result:
    """Parse one text, or a ``(source, text)`` pair; bytes are decoded as by ``parse_bytes``.

    The :class:`~worksheet_parser.batch.Result`'s ``path`` is the source
    (``""`` for a text given without one); a fault in the parser comes back
    as a :class:`~worksheet_parser.batch.Failure`.
    """
    source, text = item if isinstance(item, tuple) else (None, item)
    name = source or ""
    try:
        doc = parse(text) if isinstance(text, str) else parse_bytes(text)
    except Exception as exc:
        return Result(name, Failure("parse", repr(exc)))
    return Result(name, doc)


def parse_bag(
    source: db.Bag | Iterable[str | os.PathLike[str]],
    *,
    npartitions: int | None = None,
) -> db.Bag:
    """Return a bag of :class:`~worksheet_parser.batch.Result`, one per input.

    ``source`` is either a :class:`dask.bag.Bag` of texts (``str`` or
    ``bytes``) or of ``(source, text)`` pairs, parsed where they are; or
    paths, read and parsed on the workers (``npartitions`` chooses how many
    tasks, by default about 100).
    """
    if isinstance(source, db.Bag):
        return source.map(parse_text)
    paths = [os.fspath(p) for p in source]
    if npartitions is None:
        npartitions = max(1, min(len(paths), 100))
    return db.from_sequence(paths, npartitions=npartitions).map(parse_path)


def _records(result: Result) -> list[dict[str, Any]]:
    doc = result.document
    return [] if doc is None else packet_records(doc, result.path or None)


def records(parsed: db.Bag) -> db.Bag:
    """Return a bag of JSON-ready records, one per packet (see ``batch.packet_records``)."""
    return parsed.map(_records).flatten()


def failures(parsed: db.Bag) -> db.Bag:
    """Return the bag of results that are failures (unreadable files, parser faults)."""
    return parsed.filter(lambda r: not r.ok)


def frame(rows: Sequence[dict[str, Any]], table: str) -> pd.DataFrame:
    """Return flat rows of ``table`` (a name in ``TABLES``) as a typed data frame.

    Columns are Arrow-backed (:class:`pandas.ArrowDtype`) with the types of
    the Parquet tables: text ``string``, counts and indexes ``int64``, dates
    ``date32`` (values are :class:`datetime.date`), code lists
    ``list<string>``; null where a value was not read.  The columns are
    those of the CSV tables, in order.
    """
    import pyarrow as pa

    arrow = pa.Table.from_pylist(list(rows), schema=arrow_schema(TABLES[table]))
    return arrow.to_pandas(types_mapper=pd.ArrowDtype)


def _partition(results: list[Result], table: str) -> pd.DataFrame:
    make = ROWS[table]
    rows = [
        row for r in results if (doc := r.document) is not None for row in make(doc, r.path or None)
    ]
    return frame(rows, table)


def table_frame(parsed: db.Bag, table: str) -> dd.DataFrame:
    """Return one flat table (a name in ``TABLES``: ``worksheets``, ``routing``,
    ``subject_codes``, ``review_stamps``, ``release_stamps``, ``letters``,
    ``headers``, ``diagnostics``) as a Dask data frame, typed as by :func:`frame`."""
    if table not in TABLES:
        raise KeyError(f"no table {table!r}; the tables are {', '.join(TABLES)}")
    parts = [delayed(_partition)(part, table) for part in parsed.to_delayed()]
    return dd.from_delayed(parts, meta=frame([], table), verify_meta=True)


def worksheet_frame(parsed: db.Bag) -> dd.DataFrame:
    """Return the worksheets table (the CSV's columns) as a Dask data frame."""
    return table_frame(parsed, "worksheets")


def routing_frame(parsed: db.Bag) -> dd.DataFrame:
    """Return the routing table (the CSV's columns) as a Dask data frame."""
    return table_frame(parsed, "routing")
