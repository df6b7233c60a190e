"""Batch throughput: ``parse_paths`` with one worker against two, and peak memory.

Generates a corpus of packet files in a temporary folder (copies of the
bundled sample packet, each with its own ID number), then times
:func:`worksheet_parser.batch.parse_paths` over it with ``jobs=1`` (in
process) and ``jobs=2`` (two worker processes), consuming the results as a
caller would (counting worksheets), and prints files per second and the
speed-up.  The peak resident memory of this process and of its workers
(``resource.getrusage``, each worker reporting its own) is printed at the
end, so ``--files 10000`` shows what a 10,000-file batch costs.  Each file
goes through :func:`~worksheet_parser.batch.parse_path` and back to this
process as ``parse_paths`` sends it, plus the worker's CPU time and peak
memory; the CPU figures show the pool's overhead independently of other
load on the machine.

    python benchmarks/batch_speed.py                 # 2,000 files
    python benchmarks/batch_speed.py --files 10000   # peak RSS of a bigger batch
    python benchmarks/batch_speed.py --jobs 1 2 4    # more worker counts
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
from worksheet_parser.batch import Result, default_jobs, map_items, parse_path


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


def parse_and_measure(path: Path) -> tuple[Result, int, float, int]:
    """Parse one file as ``parse_paths`` does; add this process's id, CPU seconds and peak RSS."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return parse_path(path), os.getpid(), usage.ru_utime + usage.ru_stime, usage.ru_maxrss


@attrs.define
class Run:
    jobs: int
    seconds: float = 0.0
    worksheets: int = 0
    failures: int = 0
    cpu: dict[int, float] = attrs.field(factory=dict)
    peak: dict[int, int] = attrs.field(factory=dict)


def run(paths: list[Path], jobs: int) -> Run:
    """Parse every path in ``jobs`` processes, as ``parse_paths`` does, and measure it."""
    out = Run(jobs)
    before = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    for result, pid, cpu, peak in map_items(parse_and_measure, paths, jobs=jobs):
        if result.document is None:
            out.failures += 1
        else:
            out.worksheets += len(result.document.worksheets)
        out.cpu[pid] = cpu
        out.peak[pid] = peak
    out.seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    parent = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if jobs == 1:
        out.cpu = {os.getpid(): parent}
    else:
        out.cpu[os.getpid()] = parent
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
        runs = [run(paths, jobs) for jobs in args.jobs]
    for r in runs:
        print(
            f"jobs={r.jobs}: {r.seconds:6.2f} s  {len(paths) / r.seconds:8.1f} files/s  "
            f"{r.worksheets / r.seconds:8.1f} worksheets/s  CPU {sum(r.cpu.values()):6.2f} s "
            f"in {len(r.cpu)} process(es)  ({r.failures} failed)"
        )
    base = next((r for r in runs if r.jobs == 1), None)
    if base is not None:
        for r in runs:
            if r.jobs != 1:
                print(f"speed-up jobs={r.jobs} vs jobs=1: {base.seconds / r.seconds:.2f}x wall")
                ratio = sum(r.cpu.values()) / sum(base.cpu.values())
                print(
                    f"  CPU time with the pool: {ratio:.2f}x the in-process CPU time "
                    f"(parent {r.cpu[os.getpid()]:.2f} s); on idle cores the wall speed-up "
                    f"would be at most about {r.jobs / ratio:.2f}x"
                )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average during the run: {load:.1f} on {default_jobs()} core(s)")
    own = peak_rss_mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    print(f"peak RSS, this process: {own:.0f} MiB")
    worker_peaks = [p for r in runs if r.jobs > 1 for pid, p in r.peak.items()]
    if worker_peaks:
        print(f"peak RSS, largest worker: {peak_rss_mib(max(worker_peaks)):.0f} MiB")


if __name__ == "__main__":
    main()
