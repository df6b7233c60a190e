"""How fast worksheet-parser reads worksheets, against a raw line-scan floor.

Usage::

    python benchmarks/parse_speed.py [--n N] [--seed SEED] [--packets K] [--packet-docs D]
                                     [--profile]

Prints one table of throughputs:

(a) the bundled sample packet (``tests/data/kennedy-1992-01-29.txt``),
    parsed repeatedly;
(b) ``N`` (default 2,000) worksheets from a seeded generator, rendered to
    clean computer-printed text once, up front, then each parsed once,
    starting from empty line and parse caches (their hit rates are printed);
(c) the floor: one regular-expression search per line over the same texts,
    the least any line-oriented reader must do, and the parser/floor ratio;
(d) ``--packet-docs`` (default 1,000) whole release packets from
    :func:`worksheet_parser.strategies.example_documents` (every form
    variant, with archive headers, review and release stamps and letters),
    each parsed once from empty caches;

(e) with ``--against-regex``, the parser against a plain regular-expression
    extractor (``benchmarks/regex_baseline.py``: one pattern per label, one
    pass over the lines, the routing rows by one row pattern; the baseline,
    not part of the package) and the raw floor (reading the text and
    splitting it into lines), in the same run: worksheets/s and MB/s of each
    and the parser/regex ratio, best of ``--rounds`` interleaved rounds, on
    the development sets (``--dev DIR``, each sub-folder of ``*.txt``) and on
    a dump of ``--dump`` (default 10,000) generated packets;

then the split of 300 further generated worksheets over the pipeline's stages
(normalise, segment, lex, grammar, assemble), the time per packet of one file
holding 1 and ``K`` (default 1,000) sample packets, with normalise and segment
apart (the ratio shows whether time is linear in the file's size), and the
cost of ``import worksheet_parser`` in a fresh interpreter. ``--profile`` then
prints cProfile's top entries for the sample packet parsed repeatedly and for
the ``K``-packet file. The generator is a ``random.Random(seed)``, so the
texts, and so the figures, depend only on the seed and the code. Needs the
``hypothesis`` extra (for the strategies' vocabulary). Takes about 20 s."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from worksheet_parser import (
    ActionCode,
    Correspondent,
    Direction,
    DispositionCode,
    RoutingEntry,
    Worksheet,
    _vocab,
    clear_caches,
    parse,
)
from worksheet_parser import strategies as s
from worksheet_parser._diagnostics import DiagnosticLog, ReadContext
from worksheet_parser._outputs._render import render
from worksheet_parser._text._normalize import normalize
from worksheet_parser._text._segment import BlockKind, segment
from worksheet_parser._worksheet._grammar import parse_kinds, parse_pieces
from worksheet_parser._worksheet._lexer import _lex_cached, lex_lines
from worksheet_parser._worksheet._reader import read_worksheet
from worksheet_parser.strategies import _words as w

sys.path.insert(0, str(Path(__file__).resolve().parent))
import regex_baseline  # the baseline beside this script

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "kennedy-1992-01-29.txt"
FLOOR = re.compile(
    r"(?:DATE RECEIVED|NAME OF CORRESPONDENT|SUBJECT|REFERRAL NOTE|ROUTE TO|COMMENTS"
    r"|INDIVIDUAL CODES|MAIL USER CODES)\s*:|ID#|\d\d/\d\d/\d\d"
)
"""One search per line: the labels and the routing dates, as a regex-only reader would look."""


# ---------------------------------------------------------------------------
# A seeded generator of the same realistic worksheets the strategies make.
# ---------------------------------------------------------------------------


def _maybe(rng: random.Random, make: Callable[[], str], p: float = 0.5) -> str | None:
    return make() if rng.random() < p else None


def _words(rng: random.Random, vocabulary: Sequence[str], lo: int, hi: int) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(lo, hi)))


def _person(rng: random.Random) -> str:
    parts = [rng.choice(w._FIRST_NAMES)]
    if rng.random() < 0.5:
        parts.append(rng.choice(w._INITIALS) + ".")
    parts.append(rng.choice(w._LAST_NAMES))
    if rng.random() < 0.1:
        parts.append(rng.choice(w._SUFFIXES))
    return " ".join(parts)


def _correspondent(rng: random.Random) -> Correspondent:
    if rng.random() < 0.6:
        return Correspondent(rng.choice(_vocab.HONORIFICS), _person(rng))
    if rng.random() < 0.5:
        return Correspondent(None, _person(rng))
    return Correspondent(None, rng.choice(w._ORGANISATIONS))


def _subject_code(rng: random.Random) -> str:
    code = rng.choice(w._WHORM_CATEGORIES)
    if rng.random() < 0.7:
        code += f"{rng.randint(1, 199):03d}"
        if rng.random() < 0.4:
            code += f"-{rng.randint(1, 20):02d}"
    return code


def _row(rng: random.Random, received: dt.date, first: bool) -> RoutingEntry:
    codes = [c for c in ActionCode if c is not ActionCode.ORG]
    action = ActionCode.ORG if first and rng.random() < 0.7 else rng.choice(codes)
    action_date = received + dt.timedelta(days=rng.randint(0, 10)) if rng.random() < 0.9 else None
    disposition = rng.choice(list(DispositionCode)) if rng.random() < 0.7 else None
    done: dt.date | None = None
    response: str | None = None
    if disposition is not None and rng.random() < 0.8:
        done = (action_date or received) + dt.timedelta(days=rng.randint(0, 60))
        response = _maybe(rng, lambda: rng.choice(w._SIGNERS), 0.3)
    return RoutingEntry(
        office=rng.choice(w._OFFICES),
        action_code=action,
        action_date=action_date,
        response_type=response,
        disposition_code=disposition,
        disposition_date=done,
        referral_note=_maybe(rng, lambda: _words(rng, w._NOTE_WORDS, 2, 6), 0.3),
    )


def generate(rng: random.Random) -> Worksheet:
    """One realistic worksheet, drawn from ``rng``."""
    first, last = s.DEFAULT_ERA
    received = first + dt.timedelta(days=rng.randint(0, (last - first).days))
    codes = list(dict.fromkeys(_subject_code(rng) for _ in range(rng.randint(0, 3))))
    rows = tuple(_row(rng, received, i == 0) for i in range(rng.randint(1, 5)))
    return Worksheet(
        id_number=str(rng.randint(100000, 999999)),
        subject_codes=tuple(codes),
        direction=rng.choice(list(Direction)),
        date_received=received,
        correspondent=_correspondent(rng),
        subject=_words(rng, w._SUBJECT_WORDS, 3, 40),
        routing=rows,
        comments=_maybe(rng, lambda: _words(rng, w._COMMENT_WORDS, 1, 12), 0.3),
        additional_correspondents=_maybe(rng, lambda: str(rng.randint(1, 30)), 0.2),
        media=_maybe(rng, lambda: rng.choice(w._MEDIA), 0.8),
        individual_codes=tuple(str(rng.randint(1000, 9999)) for _ in range(rng.randint(0, 3))),
        mail_user_codes=tuple(rng.sample(w._MAIL_USER_CODES, rng.randint(0, 2))),
    )


# ---------------------------------------------------------------------------
# Measuring.
# ---------------------------------------------------------------------------


def _timed(fn: Callable[[], object], repeat: int = 3) -> float:
    """Best wall time of ``repeat`` runs of ``fn``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _parse_all(texts: Sequence[str]) -> None:
    for text in texts:
        parse(text)


def _floor(texts: Sequence[str]) -> None:
    search = FLOOR.search
    for text in texts:
        for line in text.splitlines():
            search(line)


def _stages(texts: Sequence[str]) -> dict[str, float]:
    """Seconds spent in each stage over ``texts``.

    ``lex`` is the first lexing of each worksheet (lines not seen before cost
    the most; printed form lines come from the line cache), and ``grammar``
    its first parse (a worksheet whose sequence of token types was seen
    before comes from the parse cache).  ``assemble`` is what
    ``read_worksheet`` spends beyond its own cached re-lex and parse.
    """
    spent = dict.fromkeys(
        ("normalise", "segment", "lex", "grammar", "read_worksheet", "relex"), 0.0
    )
    clock = time.perf_counter
    for text in texts:
        t0 = clock()
        norm = normalize(text)
        t1 = clock()
        blocks = segment(norm.text)
        t2 = clock()
        spent["normalise"] += t1 - t0
        spent["segment"] += t2 - t1
        for block in blocks:
            if block.kind is not BlockKind.WORKSHEET:
                continue
            lines = [(line.text, line.start) for line in block.lines]
            t3 = clock()
            pieces = lex_lines(lines)
            t4 = clock()
            parse_pieces("worksheet.lark", pieces)
            t5 = clock()
            read_worksheet(lines, ReadContext(norm, DiagnosticLog(norm)))
            t6 = clock()
            # read_worksheet lexes again, now from the line cache: time that too,
            # so that assemble = read_worksheet - cached re-lex - grammar.
            lex_lines(lines)
            parse_pieces("worksheet.lark", pieces)
            t7 = clock()
            spent["lex"] += t4 - t3
            spent["grammar"] += t5 - t4
            spent["read_worksheet"] += t6 - t5
            spent["relex"] += t7 - t6
    spent["assemble"] = max(0.0, spent.pop("read_worksheet") - spent.pop("relex"))
    return spent


def _hit_rate(info: Any) -> str:
    total = info.hits + info.misses
    return f"{info.hits / total:.0%}" if total else "no"


def _import_cost(runs: int = 7) -> tuple[float, float, float | None]:
    """Median wall seconds of ``python -c 'import worksheet_parser'`` and of ``-c pass``.

    Also the cumulative microseconds ``-X importtime`` reports for the package.
    """

    # As installed: bytecode written and used (``PYTHONDONTWRITEBYTECODE`` would
    # time the compiling of every module's source instead), the caches warm.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", "import worksheet_parser"], check=True, env=env)

    def wall(code: str) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    base, full = wall("pass"), wall("import worksheet_parser")
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import worksheet_parser"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    cumulative = None
    for line in out.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == "worksheet_parser":
            cumulative = float(parts[1]) / 1e6
    return full, base, cumulative


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="generated worksheets (default 2000)")
    ap.add_argument("--seed", type=int, default=20240129, help="generator seed")
    ap.add_argument(
        "--packets", type=int, default=1000, help="sample packets in one file (default 1000)"
    )
    ap.add_argument(
        "--packet-docs", type=int, default=1000, help="generated packets for (d) (default 1000)"
    )
    ap.add_argument("--profile", action="store_true", help="print cProfile's top entries")
    ap.add_argument(
        "--against-regex",
        action="store_true",
        help="only (e): the parser against a regex extractor and the raw floor",
    )
    ap.add_argument(
        "--dev",
        type=Path,
        default=Path(__file__).resolve().parents[2] / "shared" / "dev",
        help="folder of development sets for (e) (default ../shared/dev beside the checkout)",
    )
    ap.add_argument("--dump", type=int, default=10_000, help="generated packets for (e)")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds for (e)")
    args = ap.parse_args(argv)
    if args.against_regex:
        _against_regex(args.dev, args.dump, args.rounds, args.seed)
        return 0

    sample = SAMPLE.read_text(encoding="utf-8")
    start = time.perf_counter()
    sample_ws = len(parse(sample).worksheets)  # builds and caches the grammar
    first_parse = time.perf_counter() - start

    rng = random.Random(args.seed)
    texts = [render(generate(rng)) for _ in range(args.n)]
    lines = sum(t.count("\n") + 1 for t in texts)
    chars = sum(map(len, texts))

    reps = 200
    t_sample = _timed(lambda: _parse_all([sample] * reps))
    # (b) starts from empty line and parse caches, as a fresh process would,
    # and reads each text once: only what recurs between worksheets is reused.
    _lex_cached.cache_clear()
    parse_kinds.cache_clear()
    t_gen = _timed(lambda: _parse_all(texts), repeat=1)
    line_cache, parse_cache = _lex_cached.cache_info(), parse_kinds.cache_info()
    # (d) whole packets of every form, each text parsed once.
    packets = [render(doc) for doc in s.example_documents(args.packet_docs, seed=args.seed)]
    packet_lines = sum(t.count("\n") + 1 for t in packets)
    packet_chars = sum(map(len, packets))
    _lex_cached.cache_clear()
    parse_kinds.cache_clear()
    start = time.perf_counter()
    packet_ws = sum(len(parse(text).worksheets) for text in packets)
    t_packets = time.perf_counter() - start
    t_floor_packets = _timed(lambda: _floor(packets))
    t_floor = _timed(lambda: _floor(texts))
    t_floor_sample = _timed(lambda: _floor([sample] * reps))
    # The stage split reads 300 worksheets (b) has not seen.
    fresh = random.Random(args.seed + 1)
    stage_texts = [render(generate(fresh)) for _ in range(300)]
    stages = _stages(stage_texts)
    imported, bare, cumulative = _import_cost()

    print(f"worksheet-parser parse speed (python {sys.version.split()[0]}, seed {args.seed})")
    print(f"first parse, grammar build included: {first_parse * 1e3:8.1f} ms")
    print()
    print(f"{'input':<34}{'worksheets/s':>14}{'MB/s':>8}{'floor ws/s':>14}{'parser/floor':>14}")
    rows = [
        (
            f"(a) sample packet x{reps} ({len(sample):,} chars)",
            reps * sample_ws / t_sample,
            reps * len(sample) / t_sample / 1e6,
            reps * sample_ws / t_floor_sample,
            t_sample / t_floor_sample,
        ),
        (
            f"(b) {args.n:,} generated ({lines // args.n} lines)",
            args.n / t_gen,
            chars / t_gen / 1e6,
            args.n / t_floor,
            t_gen / t_floor,
        ),
        (
            f"(d) {len(packets):,} packets ({packet_lines // len(packets)} lines)",
            packet_ws / t_packets,
            packet_chars / t_packets / 1e6,
            packet_ws / t_floor_packets,
            t_packets / t_floor_packets,
        ),
    ]
    for name, rate, mbs, floor_rate, ratio in rows:
        print(f"{name:<34}{rate:>14,.0f}{mbs:>8.2f}{floor_rate:>14,.0f}{ratio:>13.0f}x")
    print(f"(c) floor: one regex search per line, {chars / t_floor / 1e6:.1f} MB/s on (b)")
    print(
        f"caches in (b): lines {_hit_rate(line_cache)} hits (printed form text recurs), "
        f"parses {_hit_rate(parse_cache)} hits (worksheets of the same shape)"
    )
    print()
    total = sum(stages.values())
    print(f"stages over {len(stage_texts)} generated worksheets (parse() adds packets, sorting):")
    print(f"{'stage':<12}{'us/worksheet':>14}{'share':>8}")
    for name, secs in stages.items():
        print(f"{name:<12}{secs / len(stage_texts) * 1e6:>14.0f}{secs / total:>8.0%}")
    print()
    _print_packets(sample, args.packets)
    print()
    print(f"import worksheet_parser: {(imported - bare) * 1e3:6.1f} ms over bare startup", end="")
    print(f" ({imported * 1e3:.1f} ms vs {bare * 1e3:.1f} ms, median of 7)")
    if cumulative is not None:
        print(f"-X importtime cumulative for worksheet_parser: {cumulative * 1e3:.1f} ms")
    if args.profile:
        _profile(sample, args.packets)
    return 0


def _raw_floor(texts: Sequence[str]) -> int:
    """Read each text into lines: the least any reader does."""
    return sum(len(text.splitlines()) for text in texts)


def _parse_count(texts: Sequence[str]) -> int:
    return sum(len(parse(text).worksheets) for text in texts)


def _regex_count(texts: Sequence[str]) -> int:
    return sum(len(regex_baseline.extract(text)) for text in texts)


def _against_regex(dev: Path, dump: int, rounds: int, seed: int) -> None:
    """(e): the parser, the regex baseline and the raw floor on the same texts, interleaved."""
    corpora: list[tuple[str, list[str]]] = []
    for folder in sorted(p for p in dev.glob("*") if p.is_dir()) if dev.is_dir() else ():
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
        if texts:
            corpora.append((f"dev {folder.name} ({len(texts)} files)", texts))
    if dump:
        docs = s.example_documents(dump, seed=seed)
        corpora.append((f"dump of {dump:,} packets (one file)", ["\n".join(map(render, docs))]))
    print(f"(e) parser vs regex extractor vs raw floor, best of {rounds} interleaved rounds")
    head = f"{'input':<36}{'reader':<8}{'ws/s':>10}{'MB/s':>8}{'parser/regex':>14}"
    print(head)
    for name, texts in corpora:
        size = sum(len(t.encode("utf-8")) for t in texts)
        best = {"parser": float("inf"), "regex": float("inf"), "floor": float("inf")}
        counts: dict[str, int] = {}
        readers = {"parser": _parse_count, "regex": _regex_count, "floor": _raw_floor}
        for _ in range(rounds):
            for reader, fn in readers.items():
                clear_caches()  # every reader starts cold
                start = time.perf_counter()
                counts[reader] = fn(texts)
                best[reader] = min(best[reader], time.perf_counter() - start)
        worksheets = counts["parser"]
        for reader in readers:
            rate = worksheets / best[reader]
            ratio = f"{best['regex'] / best['parser']:>13.2f}x" if reader == "parser" else ""
            mbs = size / best[reader] / 1e6
            print(f"{name:<36}{reader:<8}{rate:>10,.0f}{mbs:>8.2f}{ratio}")
        name = ""
    print("ws/s counts the worksheets the parser finds, for all three readers;")
    print("parser/regex is the parser's throughput over the regex extractor's (goal: >= 1.5)")


def _print_packets(sample: str, packets: int) -> None:
    """Microseconds per sample packet in files of 1 and ``packets`` packets."""
    print(f"sample packets in one file ({len(sample):,} chars each):")
    print(f"{'file':<20}{'parse us':>10}{'normalise':>11}{'segment':>9}{'vs 1':>7}")
    first = None
    for k in (1, packets):
        text = (sample + "\n") * k
        norm = normalize(text).text
        texts = [text] * max(1, 200 // k)
        t_parse = _timed(partial(_parse_all, texts)) / len(texts) / k
        t_norm = _timed(partial(normalize, text)) / k
        t_seg = _timed(partial(segment, norm)) / k
        first = first or t_parse
        print(
            f"{k:>6,} packet{'s' if k > 1 else ' '}      {t_parse * 1e6:>10.0f}"
            f"{t_norm * 1e6:>11.0f}{t_seg * 1e6:>9.0f}{t_parse / first:>6.2f}x"
        )


def _profile(sample: str, packets: int, top: int = 15) -> None:
    """Print cProfile's top entries (by own time) for the sample and a long file."""
    import cProfile
    import pstats

    dump = (sample + "\n") * packets
    for title, code in (
        ("sample packet x200", lambda: _parse_all([sample] * 200)),
        (f"one file of {packets:,} sample packets", lambda: parse(dump)),
    ):
        profiler = cProfile.Profile()
        profiler.runcall(code)
        print(f"\nprofile: {title}, top {top} by own time")
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(top)


if __name__ == "__main__":
    raise SystemExit(main())
