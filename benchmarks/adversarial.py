"""Growth of parse time on adversarial shapes: the ratio per doubling of the input.

For every shape in ``tests/adversarial.py`` (per label, per value pattern,
per separator), parse it at 1x, 2x, 4x and 8x a base size and print the
ratio of the times per doubling (processor time, less the time of the
shape's surrounding worksheet lines alone).  A stage linear in its input
gives about 2.0; the goal is none above 2.5.  Not a test: figures for people
(``tests/test_adversarial.py`` asserts the ratios at a smaller size).

Each time is the best of ``--repeat`` rounds, a round parsing every size of
the shape once (so a burst of load on a shared machine slows all sizes of a
round alike), with the garbage collector run before and paused during each
parse.  The base size is doubled until the 1x time is at least ``--min-ms``
(a measurement of a fraction of a millisecond is mostly noise).

    python benchmarks/adversarial.py [--size 8000] [--match TEXT] [--slow-only] [--repeat 5]

A measurement that takes over ``--give-up`` seconds ends that shape (its
last ratio is printed, marked ``stopped``).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.adversarial import SHAPES, seconds, timings

GOAL = 2.5


def main() -> int:
    """Print the growth ratios; exit 1 when one is above the goal."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=8000, help="characters at 1x (default 8000)")
    ap.add_argument("--match", default="", help="only shapes whose name contains this")
    ap.add_argument("--slow-only", action="store_true", help="print only shapes above the goal")
    ap.add_argument("--give-up", type=float, default=10.0, help="seconds (default 10)")
    ap.add_argument("--repeat", type=int, default=5, help="rounds, best kept (default 5)")
    ap.add_argument("--min-ms", type=float, default=2.0, help="least 1x time (default 2 ms)")
    args = ap.parse_args()
    start = time.perf_counter()
    worst: tuple[float, str] = (0.0, "")
    over = 0
    shapes = {name: shape for name, shape in SHAPES.items() if args.match in name}
    print(f"{'shape':<62} {'1x ms':>8} {'x2':>5} {'x4':>5} {'x8':>5}")
    for name, shape in shapes.items():
        unit = max(1, len(shape(1)) - len(shape(0)))
        base = max(1, args.size // unit)
        fixed = seconds(shape(0), args.repeat)  # the surrounding worksheet's lines alone
        while seconds(shape(base), 1) - fixed < args.min_ms / 1000 and base * unit < 64 * args.size:
            base *= 2
        texts = [shape(0)]
        stopped = False
        for i in range(4):  # one first round, larger sizes only while they stay fast
            texts.append(shape(base << i))
            if seconds(texts[-1], 1) > args.give_up:
                stopped = True
                break
        fixed, *times = timings(texts, args.repeat if not stopped else 1)
        times = [t - fixed for t in times]
        floor = 1e-4  # 0.1 ms: below it, differences are noise
        ratios = [max(b, floor) / max(a, floor) for a, b in itertools.pairwise(times)]
        top = max(ratios, default=0.0)
        worst = max(worst, (top, name))
        over += top > GOAL
        if args.slow_only and top <= GOAL:
            continue
        cells = " ".join(f"{r:5.2f}" for r in ratios)
        flag = (" stopped" if stopped else "") + ("  <-- above goal" if top > GOAL else "")
        print(f"{name[:62]:<62} {times[0] * 1000:8.2f} {cells}{flag}")
    print(
        f"\n{len(shapes)} shapes, {over} above {GOAL} per doubling; worst {worst[0]:.2f} "
        f"({worst[1]}); {time.perf_counter() - start:.0f} s"
    )
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
