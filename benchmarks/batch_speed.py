"""Batch throughput: ``parse_paths`` with one worker against two, and peak memory.

Generates a corpus of packet files in a temporary folder (copies of the
bundled sample packet, each with its own ID number), then times
:func:`worksheet_parser.batch.parse_paths` over it with ``jobs=1`` (in
process) and ``jobs=2`` (the caller and one worker process), in the same
run, consuming the results as a caller would (counting worksheets), and
prints files per second and the speed-up.  It also prints the CPU time of
this process and of the workers (``RUSAGE_CHILDREN``: the workers are
children of this process, reaped when the batch ends, where they are
forked, as on Linux), which shows the cost of the pool independently of
other load on the machine, the cost of starting and stopping the workers,
and peak resident memory (``--files 10000`` shows what a 10,000-file batch
costs).

    python benchmarks/batch_speed.py                 # 2,000 files
    python benchmarks/batch_speed.py --files 10000   # peak RSS of a bigger batch
    python benchmarks/batch_speed.py --jobs 1 2 4    # more job counts
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import attrs

from worksheet_parser import example_text
from worksheet_parser.batch import _start_method, default_jobs, parse_paths


def write_corpus(folder: Path, n: int) -> list[Path]:
    """Write ``n`` packet files (the sample with varied ID numbers) into ``folder``."""
    text = example_text()
    paths = []
    for i in range(n):
        path = folder / f"{i // 1000:03d}" / f"packet-{i:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("ID# 303373", f"ID# {400000 + i}"), encoding="utf-8")
        paths.append(path)
    return paths


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


@attrs.define
class Run:
    jobs: int
    seconds: float = 0.0
    worksheets: int = 0
    failures: int = 0
    parent_cpu: float = 0.0
    worker_cpu: float = 0.0

    @property
    def cpu(self) -> float:
        return self.parent_cpu + self.worker_cpu


def run(paths: list[Path], jobs: int) -> Run:
    """Parse every path with ``parse_paths`` in ``jobs`` processes, and measure it."""
    out = Run(jobs)
    parent, children = cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for result in parse_paths(paths, jobs=jobs):
        if result.document is None:
            out.failures += 1
        else:
            out.worksheets += len(result.document.worksheets)
    out.seconds = time.perf_counter() - start
    out.parent_cpu = cpu_seconds(resource.RUSAGE_SELF) - parent
    out.worker_cpu = cpu_seconds(resource.RUSAGE_CHILDREN) - children
    return out


def peak_rss_mib(peak: int) -> float:
    """``ru_maxrss`` in MiB (it is KiB on Linux, bytes on macOS)."""
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument(
        "--jobs", type=int, nargs="+", default=[1, 2], help="worker counts to time (default 1 2)"
    )
    args = parser.parse_args()
    print(f"cores available: {default_jobs()}")
    with tempfile.TemporaryDirectory(prefix="wp-batch-") as tmp:
        t0 = time.perf_counter()
        paths = write_corpus(Path(tmp), args.files)
        print(f"corpus: {len(paths)} files written in {time.perf_counter() - t0:.1f} s")
        # Warm the file cache and this process's parser before timing.
        run(paths[: min(50, len(paths))], 1)
        start_method = _start_method()
        runs = [run(paths, jobs) for jobs in args.jobs]
        startup = run([], max(args.jobs))
    n = len(paths)
    for r in runs:
        print(
            f"jobs={r.jobs}: {r.seconds:6.2f} s  {n / r.seconds:8.1f} files/s  "
            f"{r.worksheets / r.seconds:8.1f} worksheets/s  CPU {r.cpu:6.2f} s "
            f"(caller {r.parent_cpu:.2f}, workers {r.worker_cpu:.2f}; "
            f"{1e6 * r.cpu / n:.0f} us/file)  ({r.failures} failed)"
        )
    base = next((r for r in runs if r.jobs == 1), None)
    if base is not None:
        for r in runs:
            if r.jobs != 1:
                print(f"speed-up jobs={r.jobs} vs jobs=1: {base.seconds / r.seconds:.2f}x wall")
                ratio = r.cpu / base.cpu
                print(
                    f"  CPU time with the pool: {ratio:.2f}x the in-process CPU time "
                    f"(+{1e6 * (r.cpu - base.cpu) / n:.0f} us/file); on idle cores the wall "
                    f"speed-up would be at most about {r.jobs / ratio:.2f}x"
                )
    print(
        f"workers started by {start_method}; starting and stopping them (an empty batch, "
        f"jobs={max(args.jobs)}): {1e3 * startup.seconds:.1f} ms, CPU {1e3 * startup.cpu:.1f} ms"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average during the run: {load:.1f} on {default_jobs()} core(s)")
    own = peak_rss_mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    print(f"peak RSS, this process: {own:.0f} MiB")
    if max(args.jobs) > 1:
        worker = peak_rss_mib(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        print(f"peak RSS, largest worker: {worker:.0f} MiB (shared pages of a fork included)")


if __name__ == "__main__":
    main()
