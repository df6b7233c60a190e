"""Parse whole collections: many files, several processes, constant memory.

:func:`parse_paths` reads and parses files in several processes and yields
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

Strategy: with ``jobs=N`` the calling process is one of the N: it starts
``N - 1`` worker processes and parses too.  Paths are cut into chunks (up
to 16 paths, fewer towards the end of a list of known length, so that the
processes finish together); each worker is kept two chunks ahead, over a
pipe of its own, and the caller yields the oldest chunk's results as soon
as they are there, and otherwise parses the next chunk itself.  So the
order is stable, the faster side takes more chunks, and at most ``N * 4``
chunks are out at any time: memory does not grow with the number of
files.  Results come back pickled (the collector paused while documents are
pickled and unpickled: they make no reference cycles).  On Linux, from a
process with no other thread, workers are forked from the caller after it
has parsed a small text, so they start in milliseconds with the parser's
tables built; elsewhere they come from a ``forkserver`` that has imported
the package (or are spawned) and parse that text first.  Workers ignore
Ctrl-C: the caller handles it and stops them, as it does when the iteration
is closed early.  ``jobs=1`` parses in the calling process, without
workers.

The flat-record functions shared by every export (CSV, Parquet, Dask, Spark)
are re-exported here: :func:`packet_records`, :func:`worksheet_rows`,
:func:`routing_rows`, with :data:`WORKSHEET_COLUMNS` and
:data:`ROUTING_COLUMNS`.
"""

from __future__ import annotations

import collections
import contextlib
import fnmatch
import gc
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, NamedTuple, TypeVar

import attrs

from worksheet_parser._api import parse, parse_bytes, parse_file
from worksheet_parser._models import Document
from worksheet_parser._pages import is_scan
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
    """Read and parse one file (text, or a scan: PDF or page image), catching every
    failure (see :func:`parse_paths`)."""
    name = os.fspath(path)
    if is_scan(name):
        # A PDF or page image: its pages through their text layer or OCR.
        try:
            return Result(name, parse_file(name))
        except OSError as exc:
            return Result(name, Failure("read", exc.strerror or str(exc)))
        except Exception as exc:
            return Result(name, Failure("parse", repr(exc)))
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

    In a folder, files whose name matches the glob ``pattern`` (or one of
    several, separated by commas: ``"*.txt,*.pdf"``) are yielded
    in a stable order (sorted by name, folder by folder, depth first);
    symbolic links to folders are not followed.  A path that does not exist
    is yielded as given, so that reading it reports the failure.
    """
    patterns = [p.strip() for p in pattern.split(",") if p.strip()] or [pattern]
    for item in inputs:
        name = os.fspath(item)
        if not os.path.isdir(name):
            yield name
            continue
        for root, dirs, files in os.walk(name):
            dirs.sort()
            for file in sorted(files):
                if any(fnmatch.fnmatch(file, p) for p in patterns):
                    yield os.path.join(root, file)


# --------------------------------------------------------------------------
# Worker processes


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (unless the caller has paused it already).

    Unpickling documents does little but allocate records, which make no
    reference cycles; the collector, triggered every few hundred
    allocations, would add about a quarter to the time.
    """
    pause = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if pause:
            gc.enable()


def _dumps(obj: object) -> bytes:
    with _gc_paused():
        return pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> Any:
    with _gc_paused():
        return pickle.loads(data)


DEPTH = 2
"""Chunks queued per worker: one to work on, one ready for when it is done."""


def _warm() -> None:
    """Parse a small text, so that the tables built on first use are ready."""
    parse("ID# 1\nDATE RECEIVED: JANUARY 1, 1990")


def _start_method() -> str:
    """``fork`` where it is safe, else ``forkserver``, else ``spawn``.

    Forking this process gives workers its warm parser in milliseconds, but
    only Linux forks safely, and only a process with no other thread (a
    thread could hold a lock the child would inherit locked).
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return "fork"
    if "forkserver" in methods:
        return "forkserver"
    return "spawn"  # pragma: no cover - Windows, macOS


def _context(method: str) -> multiprocessing.context.BaseContext:
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["worksheet_parser", "worksheet_parser.batch"])
    return ctx


def _read_tasks(tasks: Connection, inbox: queue.SimpleQueue[list[Any] | None]) -> None:
    """Move chunks from the pipe to ``inbox`` as they come, ``None`` at the end.

    Reading at once, whatever the worker is doing, means the parent never
    waits to send (a chunk of large items could fill the pipe while the
    worker waits to send a large result).
    """
    while True:
        try:
            chunk = tasks.recv()
        except (EOFError, OSError):
            chunk = None
        inbox.put(chunk)
        if chunk is None:
            return


def _worker(
    func: Callable[[Any], Any],
    tasks: Connection,
    results: Connection,
    inherited: list[Connection],
    forked: bool,
) -> None:
    """Run ``func`` over each chunk received on ``tasks``; send the results on ``results``."""
    # The parent handles Ctrl-C (it reaches the whole process group) and
    # stops the workers; SIGINT stayed blocked from the fork until now.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    for conn in inherited:  # the parent's ends of the pipes, so that closing them is seen
        conn.close()
    if forked:
        gc.freeze()  # the parent's objects: never scanned here, so their pages stay shared
    else:
        _warm()
    inbox: queue.SimpleQueue[list[Any] | None] = queue.SimpleQueue()
    threading.Thread(target=_read_tasks, args=(tasks, inbox), daemon=True).start()
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    writer = threading.Thread(target=_send_results, args=(results, outbox), daemon=True)
    writer.start()
    while (chunk := inbox.get()) is not None:
        outcome = _run_chunk(func, chunk)
        try:
            payload = _dumps(outcome)
        except Exception as exc:  # a result or an exception that cannot be pickled
            payload = _dumps((False, RuntimeError(repr(exc))))
        if not writer.is_alive():  # the parent has gone
            return
        outbox.put(payload)
    outbox.put(None)
    writer.join()


def _send_results(results: Connection, outbox: queue.SimpleQueue[bytes | None]) -> None:
    """Send the payloads put in ``outbox`` until ``None``.

    Sending from a thread of its own, the worker goes on with the next chunk
    while a large result waits in the pipe for the parent, which reads only
    between the chunks it parses itself.
    """
    while (payload := outbox.get()) is not None:
        try:
            results.send_bytes(payload)
        except OSError:  # the parent has gone
            return


def _run_chunk(func: Callable[[T], R], chunk: list[T]) -> tuple[bool, Any]:
    """``(True, results)``, or ``(False, exception)`` if ``func`` raised one."""
    try:
        return True, [func(item) for item in chunk]
    except Exception as exc:
        return False, exc


class _Slot:
    """A chunk taken from the input: where it is parsed, and its results once there."""

    __slots__ = ("done", "payload", "worker")

    def __init__(self, worker: _Worker | None, done: bool = False, payload: Any = None) -> None:
        self.worker = worker
        self.done = done
        self.payload = payload

    def results(self) -> list[Any]:
        """The chunk's results; or raise the exception ``func`` raised."""
        ok, value = self.payload if self.worker is None else _loads(self.payload)
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]


class _Worker:
    """A worker process, its two pipes, and the chunks sent to it, oldest first."""

    __slots__ = ("process", "results", "slots", "tasks")

    def __init__(self, process: BaseProcess, tasks: Connection, results: Connection) -> None:
        self.process = process
        self.tasks = tasks
        self.results = results
        self.slots: collections.deque[_Slot] = collections.deque()


def _start_workers(func: Callable[[Any], Any], n: int) -> list[_Worker]:
    method = _start_method()
    ctx = _context(method)
    forked = method == "fork"
    if forked:
        _warm()  # before forking, so that every worker starts warm
    workers: list[_Worker] = []
    mask = hasattr(signal, "pthread_sigmask")
    if mask:  # a Ctrl-C while forking waits for the fork to end, in this process
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        for _ in range(n):
            task_r, task_w = ctx.Pipe(duplex=False)
            result_r, result_w = ctx.Pipe(duplex=False)
            inherited = [task_w, result_r] + [c for w in workers for c in (w.tasks, w.results)]
            process = ctx.Process(  # type: ignore[attr-defined]
                target=_worker,
                args=(func, task_r, result_w, inherited if forked else [], forked),
                daemon=True,
            )
            try:
                process.start()
            except BaseException:
                task_w.close()
                result_r.close()
                raise
            finally:
                task_r.close()
                result_w.close()
            workers.append(_Worker(process, task_w, result_r))
    except BaseException:
        _stop(workers, wait=False)
        raise
    finally:
        if mask:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)
    return workers


def _stop(workers: list[_Worker], *, wait: bool) -> None:
    """Stop the workers: at the end of their queue if ``wait``, else at once."""
    for w in workers:
        if wait:
            with contextlib.suppress(OSError):
                w.tasks.send(None)
        else:
            w.process.terminate()
        w.tasks.close()
        w.results.close()
    for w in workers:
        w.process.join()


def _receive(workers: list[_Worker], timeout: float | None) -> None:
    """Take the results that have arrived (waiting up to ``timeout`` for one)."""
    busy = {w.results: w for w in workers if w.slots}
    if not busy:
        return
    for conn in wait(list(busy), timeout):
        w = busy[conn]  # type: ignore[index]
        try:
            payload = w.results.recv_bytes()
        except (EOFError, OSError):
            raise BrokenProcessPool(
                f"a worker process ended abruptly (exit code {w.process.exitcode})"
            ) from None
        slot = w.slots.popleft()
        slot.payload, slot.done = payload, True


def _chunks(
    items: Iterable[T], size: int | None, jobs: int, total: int | None
) -> Iterator[list[T]]:
    """Cut ``items`` into chunks of ``size``.

    With no ``size``, chunks hold up to :data:`DEFAULT_CHUNKSIZE` items, and
    when the ``total`` number of items is known they shrink towards the end
    (to share the last items out evenly rather than leave one process
    finishing a big chunk while the others wait).
    """
    it = iter(items)
    while True:
        n = DEFAULT_CHUNKSIZE if size is None else size
        if size is None and total is not None:
            n = max(1, min(n, total // (jobs * WINDOW_PER_JOB)))
        chunk = list(islice(it, n))
        if not chunk:
            return
        if total is not None:
            total -= len(chunk)
        yield chunk


def map_items(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int | None = None,
    chunksize: int | None = None,
) -> Generator[R, None, None]:
    """Yield ``func(item)`` for every item, in input order, computed in ``jobs`` processes.

    The calling process is one of the ``jobs``: it starts ``jobs - 1``
    workers and computes chunks itself while it waits for theirs.  ``func``
    must be a module-level function (it is pickled by name where workers are
    not forked) and should not raise: an exception ends the iteration.  At
    most ``jobs * 4`` chunks of ``chunksize`` items (by default up to 16,
    fewer for a short list and towards the end of a list) are in flight, so
    memory stays bounded however many items there are.  ``jobs=1`` runs in
    this process; ``None`` means every core.  Closing the generator early
    (``close()``) stops the workers.
    """
    total = len(items) if isinstance(items, Sized) else None
    return _map_items(func, items, jobs, chunksize, total)


def _map_items(
    func: Callable[[T], R],
    items: Iterable[T],
    jobs: int | None,
    chunksize: int | None,
    total: int | None,
) -> Generator[R, None, None]:
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if chunksize is not None and chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, not {chunksize}")
    return _map(func, items, jobs, chunksize, total)


def _map(
    func: Callable[[T], R], items: Iterable[T], jobs: int, size: int | None, total: int | None
) -> Generator[R, None, None]:
    if jobs == 1:
        for item in items:
            yield func(item)
        return
    chunks = _chunks(items, size, jobs, total)
    workers = _start_workers(func, jobs - 1)
    finished = False
    try:
        yield from _schedule(func, chunks, workers, jobs * WINDOW_PER_JOB)
        finished = True
    finally:
        _stop(workers, wait=finished)


def _schedule(
    func: Callable[[T], R], chunks: Iterator[list[T]], workers: list[_Worker], window: int
) -> Iterator[R]:
    """Share ``chunks`` between the workers and this process; yield the results in order.

    Each worker is kept :data:`DEPTH` chunks ahead.  This process yields the
    oldest chunk's results as soon as they are there, and otherwise computes
    the next chunk itself, so it is never idle and the faster side takes
    more chunks.  No more than ``window`` chunks are out at once.
    """
    order: collections.deque[_Slot] = collections.deque()
    more = True
    while True:
        for w in workers:
            while more and len(w.slots) < DEPTH and len(order) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    more = False
                    break
                slot = _Slot(w)
                w.tasks.send(chunk)
                w.slots.append(slot)
                order.append(slot)
        _receive(workers, 0)
        if order and order[0].done:
            yield from order.popleft().results()
        elif more and len(order) < window:
            chunk = next(chunks, None)
            if chunk is None:
                more = False
            else:
                order.append(_Slot(None, True, _run_chunk(func, chunk)))
        elif order:
            _receive(workers, None)
        else:
            return


def _fspath(path: str | os.PathLike[str]) -> str:
    return os.fspath(path)


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
    total = len(paths) if isinstance(paths, Sized) else None
    # Paths travel to the workers as strings (a pathlib path costs more to pickle).
    return _map_items(parse_path, map(_fspath, paths), jobs, chunksize, total)
