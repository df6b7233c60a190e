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
import gc
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, NamedTuple, TypeVar

import attrs

from worksheet_parser._api import parse, parse_bytes, parse_file
from worksheet_parser._errors import DEFAULT_MAX_SIZE, InputTooLargeError
from worksheet_parser._inputs import DEFAULT_GLOB, discover, read_limited
from worksheet_parser._models import Document
from worksheet_parser._outputs._tables import (
    ROUTING_COLUMNS,
    WORKSHEET_COLUMNS,
    packet_records,
    routing_rows,
    worksheet_rows,
)
from worksheet_parser._safe import shown
from worksheet_parser._scan._pages import is_scan

__all__ = [
    "ROUTING_COLUMNS",
    "WORKSHEET_COLUMNS",
    "Failure",
    "Result",
    "SkippedInputWarning",
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
    """``read`` (the file could not be opened or read), ``parse`` (a fault in the parser),
    ``timeout`` (it took longer than the time limit) or ``crash`` (its worker process
    died while parsing it, and again when it was retried alone)."""
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
    failure (see :func:`parse_paths`).

    A text file larger than the default ``max_size`` of
    :func:`~worksheet_parser.parse_file` is a ``read`` failure, found before
    the file is read.
    """
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
        raw = read_limited(name, DEFAULT_MAX_SIZE)
    except OSError as exc:
        return Result(name, Failure("read", exc.strerror or str(exc)))
    except InputTooLargeError as exc:
        return Result(name, Failure("read", str(exc)))
    try:
        return Result(name, parse_bytes(raw))
    except Exception as exc:
        return Result(name, Failure("parse", repr(exc)))


def _warn_skipped(path: str, reason: str) -> None:
    warnings.warn(f"{shown(path)}: {reason}", SkippedInputWarning, stacklevel=4)


class SkippedInputWarning(UserWarning):
    """A path found in a folder was skipped (a FIFO, a device, a socket, a symbolic link)."""


def iter_files(
    inputs: Iterable[str | os.PathLike[str]],
    pattern: str = DEFAULT_GLOB,
    *,
    follow_symlinks: bool = False,
    on_skip: Callable[[str, str], None] | None = None,
) -> Iterator[str]:
    """Yield the files named by ``inputs``: files as given, folders searched recursively.

    In a folder, regular files whose name matches the glob ``pattern`` (or
    one of several, separated by commas: ``"*.txt,*.pdf"``; by default every
    kind of input, text and scans, whatever the case of the name's ending:
    ``"*.txt,*.pdf,*.png,*.jpg,*.jpeg,*.tif,*.tiff"``) are yielded in a
    stable order (sorted by name, folder by folder, depth first).  What is
    not a regular file there (a FIFO, which would block the batch, a device,
    a socket) is skipped without being opened, and so are
    symbolic links unless ``follow_symlinks`` (each folder is then searched
    once, so a link loop ends).  Each skipped path is passed with the reason
    to ``on_skip(path, reason)``, or by default reported as a
    :class:`SkippedInputWarning`.  A path given in ``inputs`` is yielded as
    given, even one that does not exist, so that reading it reports the
    failure.  File names that are not UTF-8 come as :func:`os.fsdecode`
    makes them (with surrogate escapes), and can be opened as they are.
    """
    return discover(
        inputs,
        pattern,
        follow_symlinks=follow_symlinks,
        on_skip=_warn_skipped if on_skip is None else on_skip,
    )


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


class _TimeUp(BaseException):
    """Raised in the middle of ``func`` when its time is up.

    A :class:`BaseException`, as :class:`KeyboardInterrupt` is, so that no
    ``except Exception`` in the parser (which keeps one bad block from
    costing the rest) takes it for a fault of the input.
    """


def _time_up(signum: int, frame: object) -> None:
    raise _TimeUp


@attrs.frozen
class _Call:
    """``func`` for one item, with an optional time limit and a stand-in result for faults.

    ``on_fault(item, reason)`` makes the result of an item that ran out of
    time, or whose worker process died while holding it.
    """

    func: Callable[[Any], Any]
    timeout: float | None = None
    on_fault: Callable[[Any, str], Any] | None = None

    def __call__(self, item: Any) -> Any:
        if self.timeout is None or threading.current_thread() is not threading.main_thread():
            return self.func(item)
        previous = signal.signal(signal.SIGALRM, _time_up)
        try:
            signal.setitimer(signal.ITIMER_REAL, self.timeout)
            try:
                return self.func(item)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _TimeUp:
            assert self.on_fault is not None
            return self.on_fault(item, _timeout_reason(self.timeout))
        finally:
            signal.signal(signal.SIGALRM, previous)


def _timeout_reason(seconds: float) -> str:
    return f"stopped after {seconds:g} s (the time limit); the rest of the batch goes on"


def _death_reason(exitcode: int | None, retried: bool) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            how = f"was killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"was killed by signal {-exitcode}"
        if exitcode == -signal.SIGKILL:
            how += " (perhaps by the out-of-memory killer)"
    else:
        how = f"ended abruptly (exit code {exitcode})"
    again = "; retried once alone, it died again" if retried else ""
    return f"the worker process reading this file {how}{again}"


class _Slot:
    """A chunk taken from the input: where it is parsed, and its results once there.

    A worker slot keeps its ``chunk`` until the results come, so that it can
    be sent again if the worker dies; ``parts`` are the single items it was
    split into then (each retried once, alone), whose results stand for it.
    """

    __slots__ = ("chunk", "done", "parts", "payload", "retry", "worker")

    def __init__(
        self,
        worker: _Worker | None,
        done: bool = False,
        payload: Any = None,
        chunk: list[Any] | None = None,
        retry: bool = False,
    ) -> None:
        self.worker = worker
        self.done = done
        self.payload = payload
        self.chunk = chunk
        self.retry = retry
        self.parts: list[_Slot] | None = None

    def ready(self) -> bool:
        """Whether the results are all there."""
        if self.parts is not None:
            return all(part.ready() for part in self.parts)
        return self.done

    def results(self) -> list[Any]:
        """The chunk's results; or raise the exception ``func`` raised."""
        if self.parts is not None:
            return [r for part in self.parts for r in part.results()]
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


def _start_workers(
    func: Callable[[Any], Any], n: int, others: Iterable[_Worker] = ()
) -> list[_Worker]:
    """Start ``n`` workers (``others``: workers already running, whose pipes a fork inherits)."""
    method = _start_method()
    ctx = _context(method)
    forked = method == "fork"
    if forked:
        _warm()  # before forking, so that every worker starts warm
    workers: list[_Worker] = []
    running = list(others)
    mask = hasattr(signal, "pthread_sigmask")
    if mask:  # a Ctrl-C while forking waits for the fork to end, in this process
        old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        for _ in range(n):
            task_r, task_w = ctx.Pipe(duplex=False)
            result_r, result_w = ctx.Pipe(duplex=False)
            inherited = [task_w, result_r] + [
                c for w in [*running, *workers] for c in (w.tasks, w.results)
            ]
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


def _receive(workers: list[_Worker], timeout: float | None, call: _Call) -> None:
    """Take the results that have arrived (waiting up to ``timeout`` for one).

    A worker that died is replaced (see :func:`_replace`) when ``call`` can
    stand in for a result (``on_fault``); else :class:`BrokenProcessPool`.
    """
    busy = {w.results: w for w in workers if w.slots}
    if not busy:
        return
    for conn in wait(list(busy), timeout):
        w = busy[conn]  # type: ignore[index]
        try:
            payload = w.results.recv_bytes()
        except (EOFError, OSError):
            w.process.join()
            if call.on_fault is None:
                raise BrokenProcessPool(
                    f"a worker process ended abruptly (exit code {w.process.exitcode})"
                ) from None
            _replace(w, workers, call)
            continue
        slot = w.slots.popleft()
        slot.payload, slot.done, slot.chunk = payload, True, None


def _replace(dead: _Worker, workers: list[_Worker], call: _Call) -> None:
    """Start a worker in place of ``dead`` and give it the chunks ``dead`` held.

    Only the oldest chunk was being worked on: its items are sent again one
    by one, each once (the one that killed the worker cannot take the others
    with it twice); an item that was already alone on its retry gets
    ``on_fault`` instead.  The chunks queued behind it had not started: they
    go as they were.
    """
    workers.remove(dead)
    with contextlib.suppress(OSError):
        dead.tasks.close()
        dead.results.close()
    assert call.on_fault is not None
    lost = list(dead.slots)
    if not lost:
        return
    (fresh,) = _start_workers(call, 1, workers)
    workers.append(fresh)
    first, rest = lost[0], lost[1:]
    resend: list[_Slot] = []
    assert first.chunk is not None
    if first.retry and len(first.chunk) == 1:
        reason = _death_reason(dead.process.exitcode, retried=True)
        first.payload = (True, [call.on_fault(first.chunk[0], reason)])
        first.worker, first.done, first.chunk = None, True, None
    else:
        first.parts = [_Slot(fresh, chunk=[item], retry=True) for item in first.chunk]
        first.chunk = None
        resend.extend(first.parts)
    resend.extend(rest)
    for slot in resend:
        slot.worker = fresh
        fresh.tasks.send(slot.chunk)
        fresh.slots.append(slot)


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
    timeout: float | None = None,
    on_fault: Callable[[T, str], R] | None = None,
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

    ``on_fault(item, reason)`` (a module-level function too) makes the
    result of an item that could not be computed: one that ran longer than
    ``timeout`` seconds (stopped by ``SIGALRM``, so only where ``func`` runs
    in a process's main thread: called from another thread, every item goes
    to a worker process), or one whose worker process died (killed, say, by
    the out-of-memory killer) twice: once in its chunk, once retried alone.
    A dead worker is replaced, and the other items it held are computed
    again, so a fault costs one item, never the batch.  Without
    ``on_fault`` a dead worker ends the iteration with
    :class:`~concurrent.futures.process.BrokenProcessPool`.
    """
    total = len(items) if isinstance(items, Sized) else None
    return _map_items(func, items, jobs, chunksize, total, timeout, on_fault)


def _map_items(
    func: Callable[[T], R],
    items: Iterable[T],
    jobs: int | None,
    chunksize: int | None,
    total: int | None,
    timeout: float | None = None,
    on_fault: Callable[[T, str], R] | None = None,
) -> Generator[R, None, None]:
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if chunksize is not None and chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, not {chunksize}")
    if timeout is not None:
        if not timeout > 0:
            raise ValueError(f"timeout must be a positive number of seconds, not {timeout}")
        if on_fault is None:
            raise ValueError("a timeout needs on_fault, to make the result of an item stopped")
    return _map(_Call(func, timeout, on_fault), items, jobs, chunksize, total)


def _map(
    call: _Call, items: Iterable[Any], jobs: int, size: int | None, total: int | None
) -> Generator[Any, None, None]:
    # Time limits work by a signal, which only the main thread receives: from
    # any other thread, only workers compute (one at least).
    local = call.timeout is None or threading.current_thread() is threading.main_thread()
    if jobs == 1 and local:
        for item in items:
            yield call(item)
        return
    chunks = _chunks(items, size, jobs, total)
    workers = _start_workers(call, max(1, jobs - 1) if local else jobs)
    finished = False
    try:
        yield from _schedule(call, chunks, workers, jobs * WINDOW_PER_JOB, local)
        finished = True
    finally:
        _stop(workers, wait=finished)


def _schedule(
    call: _Call, chunks: Iterator[list[Any]], workers: list[_Worker], window: int, local: bool
) -> Iterator[Any]:
    """Share ``chunks`` between the workers and this process; yield the results in order.

    Each worker is kept :data:`DEPTH` chunks ahead.  This process yields the
    oldest chunk's results as soon as they are there, and otherwise computes
    the next chunk itself (if ``local``), so it is never idle and the faster
    side takes more chunks.  No more than ``window`` chunks are out at once.
    ``workers`` changes when one dies and is replaced (see :func:`_receive`).
    """
    order: collections.deque[_Slot] = collections.deque()
    more = True
    while True:
        for w in list(workers):
            while more and len(w.slots) < DEPTH and len(order) < window:
                chunk = next(chunks, None)
                if chunk is None:
                    more = False
                    break
                slot = _Slot(w, chunk=chunk)
                w.slots.append(slot)
                order.append(slot)
                try:
                    w.tasks.send(chunk)
                except OSError:  # the worker has died: seen, and handled, when receiving
                    break
        _receive(workers, 0, call)
        if order and order[0].ready():
            yield from order.popleft().results()
        elif local and more and len(order) < window:
            chunk = next(chunks, None)
            if chunk is None:
                more = False
            else:
                order.append(_Slot(None, True, _run_chunk(call, chunk)))
        elif order:
            _receive(workers, None, call)
        elif more and not local:
            continue
        else:
            return


def _fspath(path: str | os.PathLike[str]) -> str:
    return os.fspath(path)


def parse_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int | None = None,
    chunksize: int | None = None,
    timeout: float | None = None,
) -> Generator[Result, None, None]:
    """Parse many files in ``jobs`` processes; yield a :class:`Result` per path, in order.

    ``paths`` may be any iterable (a generator over a huge folder is read
    lazily).  ``jobs=None`` uses every core; ``jobs=1`` parses in this
    process.  Unreadable files and parser faults come back as
    :class:`Failure` outcomes; the iteration itself does not raise for them.
    Nor does a fault of a worker process: if one dies (killed, say, by the
    out-of-memory killer), the files it held are parsed again, each alone,
    and a file that kills its worker again is a ``crash`` failure.  A file
    that takes longer than ``timeout`` seconds to read and parse is stopped
    and is a ``timeout`` failure.
    """
    total = len(paths) if isinstance(paths, Sized) else None
    # Paths travel to the workers as strings (a pathlib path costs more to pickle).
    return _map_items(parse_path, map(_fspath, paths), jobs, chunksize, total, timeout, _path_fault)


def _path_fault(path: str, reason: str) -> Result:
    return Result(path, Failure("timeout" if "time limit" in reason else "crash", reason))
