"""Parse whole collections: many files, several processes, constant memory.

:func:`parse_paths` reads and parses files in worker processes and yields
one :class:`Result` per path, in the order the paths were given, holding
either the :class:`~worksheet_parser.Document` or a :class:`Failure` (a file
that cannot be read, or a fault in the parser): one bad file never stops the
batch.

>>> from worksheet_parser.batch import parse_paths
>>> import pathlib, tempfile
>>> from worksheet_parser import example_text
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text(example_text(), encoding="utf-8")
>>> paths = [folder / "a.txt", folder / "missing.txt"]
>>> [(pathlib.Path(r.path).name, r.ok) for r in parse_paths(paths, jobs=1)]
[('a.txt', True), ('missing.txt', False)]

Strategy: paths are cut into chunks (up to 16 paths), and at most ``jobs * 4`` chunks are
in flight in a :class:`concurrent.futures.ProcessPoolExecutor` at any time;
results are yielded as the oldest chunk completes, so the order is stable and
memory does not grow with the number of files.  Workers are forked from a
server process that has imported the package once (``forkserver`` where the
platform has it), ignore Ctrl-C (the parent handles it and cancels what is
queued), and parse one small text at start so lazily built tables are ready.
``jobs=1`` parses in the calling process, without a pool.

The flat-record functions shared by every export (CSV, Parquet, Dask, Spark)
are re-exported here: :func:`packet_records`, :func:`worksheet_rows`,
:func:`routing_rows`, with :data:`WORKSHEET_COLUMNS` and
:data:`ROUTING_COLUMNS`.
"""

from __future__ import annotations

import collections
import concurrent.futures
import fnmatch
import multiprocessing
import os
import signal
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from itertools import islice
from typing import NamedTuple, TypeVar

import attrs

from worksheet_parser._api import parse, parse_bytes
from worksheet_parser._models import Document
from worksheet_parser._tables import (
    ROUTING_COLUMNS,
    WORKSHEET_COLUMNS,
    packet_records,
    routing_rows,
    worksheet_rows,
)

__all__ = [
    "ROUTING_COLUMNS",
    "WORKSHEET_COLUMNS",
    "Failure",
    "Result",
    "default_jobs",
    "iter_files",
    "map_items",
    "packet_records",
    "parse_path",
    "parse_paths",
    "routing_rows",
    "worksheet_rows",
]

T = TypeVar("T")
R = TypeVar("R")

WINDOW_PER_JOB = 4
"""Chunks in flight per worker process: enough to keep workers busy, few enough to bound memory."""

DEFAULT_CHUNKSIZE = 16
"""Most files sent to a worker at once by default (fewer for short lists, to share them out)."""


@attrs.frozen
class Failure:
    """Why a file gave no document."""

    stage: str
    """``read`` (the file could not be opened or read) or ``parse`` (a fault in the parser)."""
    message: str
    """What went wrong, for people."""

    def __str__(self) -> str:
        return f"{self.stage} error: {self.message}"


class Result(NamedTuple):
    """One input file and what came of it: a document, or a failure."""

    path: str
    """The path as given (as a ``str``)."""
    outcome: Document | Failure
    """The parsed document, or why there is none."""

    @property
    def ok(self) -> bool:
        """Whether the file was read and parsed."""
        return isinstance(self.outcome, Document)

    @property
    def document(self) -> Document | None:
        """The document, or ``None`` for a failure."""
        return self.outcome if isinstance(self.outcome, Document) else None


def default_jobs() -> int:
    """Return the number of CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def parse_path(path: str | os.PathLike[str]) -> Result:
    """Read and parse one file, catching every failure (see :func:`parse_paths`)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        return Result(name, Failure("read", exc.strerror or str(exc)))
    try:
        return Result(name, parse_bytes(raw))
    except Exception as exc:
        return Result(name, Failure("parse", repr(exc)))


def iter_files(inputs: Iterable[str | os.PathLike[str]], pattern: str = "*.txt") -> Iterator[str]:
    """Yield the files named by ``inputs``: files as given, folders searched recursively.

    In a folder, files whose name matches the glob ``pattern`` are yielded
    in a stable order (sorted by name, folder by folder, depth first);
    symbolic links to folders are not followed.  A path that does not exist
    is yielded as given, so that reading it reports the failure.
    """
    for item in inputs:
        name = os.fspath(item)
        if not os.path.isdir(name):
            yield name
            continue
        for root, dirs, files in os.walk(name):
            dirs.sort()
            for file in sorted(files):
                if fnmatch.fnmatch(file, pattern):
                    yield os.path.join(root, file)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["worksheet_parser", "worksheet_parser.batch"])
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover - Windows, old macOS


def _worker_start() -> None:
    # The parent handles Ctrl-C (it reaches the whole process group) and
    # cancels the queue; a worker finishing its chunk is harmless.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parse("ID# 1\nDATE RECEIVED: JANUARY 1, 1990")


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def map_items(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int | None = None,
    chunksize: int | None = None,
) -> Generator[R, None, None]:
    """Yield ``func(item)`` for every item, in input order, computed in ``jobs`` processes.

    ``func`` must be a module-level function (it is pickled by name) and
    should not raise: an exception ends the iteration.  At most
    ``jobs * 4`` chunks of ``chunksize`` items (by default up to 16, fewer
    for a short list) are in flight, so memory stays
    bounded however many items there are.  ``jobs=1`` runs in this process;
    ``None`` means every core.  Closing the generator early (``close()``)
    cancels what is queued and stops the workers.
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if chunksize is not None:
        size = chunksize
    elif isinstance(items, Sized):
        size = max(1, min(DEFAULT_CHUNKSIZE, len(items) // (jobs * WINDOW_PER_JOB)))
    else:
        size = DEFAULT_CHUNKSIZE
    if size < 1:
        raise ValueError(f"chunksize must be at least 1, not {size}")
    return _map(func, items, jobs, size)


def _map(
    func: Callable[[T], R], items: Iterable[T], jobs: int, size: int
) -> Generator[R, None, None]:
    if jobs == 1:
        for item in items:
            yield func(item)
        return
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=_worker_start
    )
    pending: collections.deque[concurrent.futures.Future[list[R]]] = collections.deque()
    try:
        chunks = _chunks(items, size)
        for chunk in islice(chunks, jobs * WINDOW_PER_JOB):
            pending.append(pool.submit(_run_chunk, func, chunk))
        while pending:
            results = pending.popleft().result()
            for chunk in islice(chunks, 1):
                pending.append(pool.submit(_run_chunk, func, chunk))
            yield from results
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def parse_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    chunksize: int | None = None,
) -> Generator[Result, None, None]:
    """Parse many files in ``jobs`` processes; yield a :class:`Result` per path, in order.

    ``paths`` may be any iterable (a generator over a huge folder is read
    lazily).  ``jobs=None`` uses every core; ``jobs=1`` parses in this
    process.  Unreadable files and parser faults come back as
    :class:`Failure` outcomes; the iteration itself does not raise for them.
    """
    return map_items(parse_path, paths, jobs=jobs, chunksize=chunksize)
