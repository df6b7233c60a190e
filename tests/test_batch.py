"""The parallel batch API: ``worksheet_parser.batch``."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import threading
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from worksheet_parser import Document, batch, example_text, parse_bytes, parse_file
from worksheet_parser.batch import Failure, iter_files, map_items, parse_paths
from worksheet_parser.noise import add_noise
from worksheet_parser.strategies import example_documents


def write_corpus(folder: Path, n: int, *, start: int = 400000) -> list[Path]:
    """Write ``n`` copies of the bundled sample packet, each with its own ID number."""
    folder.mkdir(parents=True, exist_ok=True)
    text = example_text()
    assert text.count("ID# 303373") == 1
    paths = []
    for i in range(n):
        path = folder / f"packet-{i:05d}.txt"
        path.write_text(text.replace("ID# 303373", f"ID# {start + i}"), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 24)


class TestParsePaths:
    def test_results_come_in_input_order(self, corpus: list[Path]) -> None:
        """With several workers, results follow the order the paths were given."""
        order = corpus[::-1]
        results = list(parse_paths(order, jobs=2, chunksize=3))
        assert [r.path for r in results] == [str(p) for p in order]
        ids = [r.document.worksheets[0].id_number for r in results if r.document]
        assert ids == [str(400000 + i) for i in range(len(corpus))][::-1]

    def test_same_documents_as_parse_file(self, corpus: list[Path]) -> None:
        """A worker parses a file exactly as ``parse_file`` does in this process."""
        results = list(parse_paths(corpus[:6], jobs=2, chunksize=1))
        for path, result in zip(corpus[:6], results, strict=True):
            expected = parse_file(path)
            assert result.document == expected
            assert result.document is not None
            assert result.document.diagnostics == expected.diagnostics

    def test_bad_files_are_failures_not_fatal(self, corpus: list[Path], tmp_path: Path) -> None:
        """A missing file or a folder is a read failure; the files around it still parse."""
        paths = [corpus[0], tmp_path / "missing.txt", tmp_path, corpus[1]]
        results = list(parse_paths(paths, jobs=2))
        assert [r.ok for r in results] == [True, False, False, True]
        failure = results[1].outcome
        assert isinstance(failure, Failure)
        assert failure.stage == "read"
        assert "No such file" in failure.message
        assert results[1].document is None

    def test_parser_fault_is_a_failure(
        self, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An exception inside the parser comes back as a ``parse`` failure."""

        def broken(raw: bytes) -> Document:
            raise RuntimeError("boom")

        monkeypatch.setattr(batch, "parse_bytes", broken)
        (result,) = parse_paths(corpus[:1], jobs=1)
        assert isinstance(result.outcome, Failure)
        assert result.outcome.stage == "parse"
        assert "boom" in str(result.outcome)

    def test_paths_are_read_lazily(self, corpus: list[Path]) -> None:
        """Only a bounded window of paths is taken ahead of the results consumed."""
        taken = 0

        def paths() -> Iterator[Path]:
            nonlocal taken
            for i in range(10_000):
                taken += 1
                yield corpus[i % len(corpus)]

        results = parse_paths(paths(), jobs=2, chunksize=2)
        first = next(results)
        assert first.ok
        assert taken <= 2 * batch.WINDOW_PER_JOB * 2 + 2
        results.close()

    def test_jobs_one_runs_in_process(self, corpus: list[Path]) -> None:
        """``jobs=1`` gives the same results without a pool."""
        one = [r.document for r in parse_paths(corpus[:3], jobs=1)]
        two = [r.document for r in parse_paths(corpus[:3], jobs=2)]
        assert one == two

    @pytest.mark.parametrize("jobs", [0, -1])
    def test_jobs_must_be_positive(self, jobs: int) -> None:
        """A job count below one is refused."""
        with pytest.raises(ValueError, match="jobs"):
            map_items(str, [1], jobs=jobs)


def _pid_after_a_pause(item: int) -> tuple[int, int]:
    """The item and the process that saw it, slowly enough that every process gets some."""
    time.sleep(0.005)
    return item, os.getpid()


def _fail_on_three(item: int) -> int:
    if item == 3:
        raise ValueError("three")
    return item


def _exit_in_a_worker(item: tuple[int, int]) -> int:
    """End the process abruptly on item 0 unless it is the calling process."""
    parent, n = item
    if n == 0 and os.getpid() != parent:
        os._exit(3)
    time.sleep(0.05)
    return n


@pytest.fixture(scope="module")
def varied_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Damaged renderings of generated packets: diagnostics, letters, stamps, unread text."""
    folder = tmp_path_factory.mktemp("varied")
    paths = []
    for i, doc in enumerate(example_documents(40, seed=7)):
        path = folder / f"doc-{i:03d}.txt"
        path.write_text(add_noise(doc, level=3, rng=random.Random(i)).text, encoding="utf-8")
        paths.append(path)
    return paths


class TestWorkers:
    def test_documents_identical_to_jobs_one(self, varied_corpus: list[Path]) -> None:
        """Documents that crossed from a worker equal those parsed here, spans and all."""
        one = [repr(r) for r in parse_paths(varied_corpus, jobs=1)]
        two = [repr(r) for r in parse_paths(varied_corpus, jobs=2, chunksize=1)]
        three = [repr(r) for r in parse_paths(varied_corpus, jobs=3, chunksize=4)]
        assert two == one
        assert three == one
        assert any("Diagnostic(" in text for text in one)
        assert any("TextLine(" in text for text in one)

    def test_caller_and_workers_share_the_work(self) -> None:
        """With ``jobs=2`` one worker and the calling process both compute chunks, in order."""
        results = list(map_items(_pid_after_a_pause, range(40), jobs=2, chunksize=2))
        assert [item for item, _ in results] == list(range(40))
        pids = {pid for _, pid in results}
        assert os.getpid() in pids
        assert len(pids) == 2

    def test_exception_in_a_worker_comes_in_order(self) -> None:
        """An exception raised by ``func`` ends the iteration where its item stands."""
        seen: list[int] = []
        results = map_items(_fail_on_three, range(8), jobs=2, chunksize=1)
        with pytest.raises(ValueError, match="three"):
            seen.extend(results)
        assert seen == [0, 1, 2]

    def test_a_worker_dying_is_reported(self) -> None:
        """A worker that ends abruptly ends the iteration with ``BrokenProcessPool``."""
        items = [(os.getpid(), n) for n in range(6)]
        with pytest.raises(BrokenProcessPool):
            list(map_items(_exit_in_a_worker, items, jobs=2, chunksize=1))
        assert not multiprocessing.active_children()

    def test_closing_early_stops_the_workers(self, corpus: list[Path]) -> None:
        """Leaving the loop (``close()``, or Ctrl-C in it) stops every worker at once."""
        results = parse_paths(corpus * 20, jobs=3, chunksize=1)
        assert next(results).ok
        assert len(multiprocessing.active_children()) == 2
        results.close()
        assert not multiprocessing.active_children()

    def test_interrupt_while_consuming(self, corpus: list[Path]) -> None:
        """A ``KeyboardInterrupt`` raised in the caller's loop leaves no worker behind."""
        with pytest.raises(KeyboardInterrupt):  # noqa: PT012 - raised from the loop body
            for _ in parse_paths(corpus * 20, jobs=2, chunksize=1):
                raise KeyboardInterrupt
        assert not multiprocessing.active_children()

    def test_workers_ignore_sigint(self) -> None:
        """Ctrl-C reaches the whole process group; workers leave it to the caller."""
        import signal

        results = map_items(_pid_after_a_pause, range(200), jobs=2, chunksize=1)
        next(results)
        (worker,) = multiprocessing.active_children()
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGINT)
        rest = list(results)
        assert [item for item, _ in rest] == list(range(1, 200))
        assert worker.pid in {pid for _, pid in rest}

    def test_forkserver_when_another_thread_runs(
        self, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A process with other threads does not fork its workers; they still parse alike."""
        stop = threading.Event()
        thread = threading.Thread(target=stop.wait)
        thread.start()
        try:
            assert batch._start_method() in ("forkserver", "spawn")
            two = [r.document for r in parse_paths(corpus[:6], jobs=2, chunksize=1)]
        finally:
            stop.set()
            thread.join()
        assert two == [parse_file(p) for p in corpus[:6]]
        assert batch._start_method() == "fork"

    def test_chunks_shrink_towards_the_end(self) -> None:
        """A list of known length ends in small chunks, so the processes finish together."""
        sizes = [len(c) for c in batch._chunks(range(300), None, 2, 300)]
        assert sum(sizes) == 300
        assert sizes[0] == batch.DEFAULT_CHUNKSIZE
        assert sizes[-1] == 1
        assert sizes == sorted(sizes, reverse=True)
        assert {len(c) for c in batch._chunks(iter(range(50)), None, 2, None)} == {16, 2}


class TestIterFiles:
    def test_folders_are_searched_recursively_in_order(self, tmp_path: Path) -> None:
        """Files of every kind of input (text, PDF, page images; the ending in any case) are
        found in sub-folders, in a stable sorted order; other files are not."""
        names = ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "skip.doc", "a0/e.txt"]
        names += ["scan.pdf", "sub/page.PNG", "sub/f.jpeg", "g.tif", "notes.md"]
        for name in names:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text("x")
        found = [Path(p).relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
        assert found == [
            "a.txt",
            "b.txt",
            "g.tif",
            "scan.pdf",
            "a0/e.txt",
            "sub/c.txt",
            "sub/f.jpeg",
            "sub/page.PNG",
            "sub/deeper/d.txt",
        ]
        txt = [Path(p).name for p in iter_files([tmp_path], "*.txt")]
        assert txt == ["a.txt", "b.txt", "e.txt", "c.txt", "d.txt"]

    def test_glob_and_files_as_given(self, tmp_path: Path) -> None:
        """``pattern`` filters folder contents; files and missing paths pass through as given."""
        (tmp_path / "one.ocr").write_text("x")
        (tmp_path / "two.txt").write_text("x")
        missing = tmp_path / "missing.txt"
        found = list(iter_files([tmp_path, missing, tmp_path / "two.txt"], "*.ocr"))
        assert found == [str(tmp_path / "one.ocr"), str(missing), str(tmp_path / "two.txt")]


def _kill_in_a_worker(item: tuple[int, int, str]) -> str:
    """SIGKILL the process on item 0 (as the out-of-memory killer would), unless it is the caller.

    With a marker path, only the first time (the marker remembers it).
    """
    parent, n, marker = item
    if n == 0 and os.getpid() != parent and (not marker or not os.path.exists(marker)):
        if marker:
            Path(marker).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return f"done {n}"


def _fault(item: tuple[int, int, str], reason: str) -> str:
    return f"fault {item[1]}: {reason}"


def _sleep_on_three(n: int) -> str:
    if n == 3:
        time.sleep(30)
    return f"done {n}"


def _sleep_fault(n: int, reason: str) -> str:
    return f"fault {n}: {reason}"


class TestFaults:
    def test_a_killed_worker_costs_only_its_item(self) -> None:
        """Item 0 kills its worker each time: retried once, then reported; the rest is done."""
        items = [(os.getpid(), n, "") for n in range(20)]
        results = list(map_items(_kill_in_a_worker, items, jobs=2, chunksize=4, on_fault=_fault))
        assert results[1:] == [f"done {n}" for n in range(1, 20)]
        assert results[0].startswith("fault 0: the worker process reading this file was killed")
        assert "SIGKILL" in results[0]
        assert "retried once" in results[0]
        assert not multiprocessing.active_children()

    def test_a_worker_killed_once_is_replaced_and_the_item_retried(self, tmp_path: Path) -> None:
        """A worker killed once (not by its item's fault) costs nothing: the retry succeeds."""
        marker = str(tmp_path / "killed-once")
        items = [(os.getpid(), n, marker) for n in range(12)]
        results = list(map_items(_kill_in_a_worker, items, jobs=3, chunksize=3, on_fault=_fault))
        assert results == [f"done {n}" for n in range(12)]
        assert os.path.exists(marker)

    def test_parse_paths_survives_a_killed_worker(
        self, corpus: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file whose worker is killed twice is a ``crash`` failure; every other file parses."""
        poison = tmp_path / "poison.txt"
        poison.write_bytes(b"KILL ME\n")
        parent = os.getpid()
        real = parse_bytes

        def killer(raw: bytes) -> Document:
            if raw.startswith(b"KILL") and os.getpid() != parent:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(raw)

        monkeypatch.setattr(batch, "parse_bytes", killer)
        # Workers forked from this process run the patched parser (a forkserver's would not).
        monkeypatch.setattr(batch, "_start_method", lambda: "fork")
        paths = [poison, *corpus[:9]]
        results = list(parse_paths(paths, jobs=2, chunksize=3))
        assert [r.path for r in results] == [str(p) for p in paths]
        assert all(r.ok for r in results[1:])
        failure = results[0].outcome
        assert isinstance(failure, Failure)
        assert failure.stage == "crash"
        assert "SIGKILL" in failure.message

    @pytest.mark.parametrize("jobs", [1, 2])
    def test_timeout_stops_one_item(self, jobs: int) -> None:
        """An item over the time limit is stopped and reported; the others are done."""
        start = time.monotonic()
        results = list(
            map_items(
                _sleep_on_three,
                range(8),
                jobs=jobs,
                chunksize=2,
                timeout=0.5,
                on_fault=_sleep_fault,
            )
        )
        assert time.monotonic() - start < 20
        assert results[3].startswith("fault 3: stopped after 0.5 s")
        assert [r for i, r in enumerate(results) if i != 3] == [
            f"done {n}" for n in range(8) if n != 3
        ]

    def test_parse_paths_timeout_is_a_failure(
        self, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``parse_paths(timeout=...)``: a file that takes too long is a ``timeout`` failure."""
        real = parse_bytes

        def slow(raw: bytes) -> Document:
            if b"400001" in raw:
                time.sleep(30)
            return real(raw)

        monkeypatch.setattr(batch, "parse_bytes", slow)
        results = list(parse_paths(corpus[:4], jobs=1, timeout=0.5))
        assert [r.ok for r in results] == [True, False, True, True]
        failure = results[1].outcome
        assert isinstance(failure, Failure)
        assert failure.stage == "timeout"
        assert "0.5 s" in failure.message

    def test_timeout_from_another_thread_uses_workers(self) -> None:
        """Called from a thread (no signals there), items with a time limit go to workers."""
        out: list[str] = []

        def run() -> None:
            out.extend(
                map_items(_sleep_on_three, range(6), jobs=1, timeout=0.5, on_fault=_sleep_fault)
            )

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(60)
        assert out[3].startswith("fault 3: stopped after 0.5 s")
        assert len(out) == 6

    def test_timeout_needs_on_fault(self) -> None:
        """A time limit without a way to report a stopped item is refused."""
        with pytest.raises(ValueError, match="on_fault"):
            map_items(str, [1], timeout=1.0)
        with pytest.raises(ValueError, match="positive"):
            map_items(str, [1], timeout=0, on_fault=_sleep_fault)
