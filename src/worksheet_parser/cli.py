"""The ``worksheet-parser`` command: ``parse``, ``check``, ``explain``, ``catalogue``, ``show``.

Strategy: a thin layer of :mod:`argparse` over the public API and
:mod:`worksheet_parser.batch`.  Inputs (files, folders searched recursively
for ``--glob``, ``-`` for standard input, ``--example``) are expanded in
order; each is read, parsed and turned into its output text (or rows) in a
worker process, and the parent writes the results in input order, updates
the progress bar and counts what it saw.  A file that cannot be read, or
that the parser fails on, is reported on standard error and skipped.
``--output`` files are written under a temporary name in the same folder
and renamed into place only when the whole run succeeded, so an interrupted
run never leaves a partial file at that path.

Exit codes (see docs/cli.md):

- 0: every input was read (and, for ``check``, none has a problem);
- 1: some input could not be read or parsed, or had problems under
  ``--strict`` (``parse``) or at the reported severity (``check``), or the
  output could not be written;
- 2: bad command line (unknown option, nothing to read, CSV without ``--output``);
- 130: interrupted (Ctrl-C); 143: terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import bisect
import collections
import contextlib
import functools
import io
import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from worksheet_parser._api import parse, parse_bytes
from worksheet_parser._errors import format_problems
from worksheet_parser._examples import EXAMPLE, example_text
from worksheet_parser._export import converter, to_dict
from worksheet_parser._models import Diagnostic, Document, Severity, Span
from worksheet_parser._normalize import normalize
from worksheet_parser._pages import is_scan
from worksheet_parser._tables import (
    TABLES,
    ParquetTables,
    csv_header,
    csv_tables,
    packet_records,
    routing_rows,
    table_paths,
    worksheet_rows,
)
from worksheet_parser.batch import default_jobs, iter_files, map_items

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "main",
]

EXIT_OK = 0
"""Every input was read (and, for ``check``, none has a problem)."""
EXIT_FAILED = 1
"""Some input could not be read or parsed, had problems, or the output could not be written."""
EXIT_USAGE = 2
"""Bad command line."""
EXIT_INTERRUPTED = 130
"""Interrupted by Ctrl-C (SIGINT); no output file was written."""
EXIT_TERMINATED = 143
"""Terminated by SIGTERM; no output file was written."""

_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

Item = str | tuple[str, bytes]
"""An input: a path, or a name with the bytes already read (standard input, the example)."""


# --------------------------------------------------------------------------
# Command line


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return jobs


_DEFAULT_GLOB = "*.txt"


def _add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="OCR text files, scans (PDF, PNG, JPEG, TIFF), folders (searched "
        "recursively), or - for standard input",
    )
    p.add_argument("--example", action="store_true", help="also read the bundled sample packet")
    p.add_argument(
        "--glob",
        default=_DEFAULT_GLOB,
        metavar="PATTERN",
        help="file names to read in folders, several separated by commas (default: %(default)s)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=None,
        metavar="N",
        help="worker processes (default: every core)",
    )
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress bar and no summary on standard error",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="worksheet-parser",
        description="Read OCR'd White House correspondence tracking worksheets as data.",
        epilog="Exit codes: 0 ok; 1 an input failed or had problems; 2 bad command line; "
        "130 interrupted. See docs/cli.md.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "parse",
        help="parse inputs and write JSON, JSON Lines, CSV or Parquet",
        description="Parse inputs and write what was read. One bad file is reported and skipped.",
    )
    _add_inputs(p)
    p.add_argument(
        "-f",
        "--format",
        choices=("json", "jsonl", "csv", "parquet"),
        default="json",
        help="json: one document per input; jsonl: one line per packet; csv/parquet: a "
        "worksheets and a routing table (need --output) (default: %(default)s)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write here instead of standard output, atomically; for csv and parquet, "
        "PATH.csv becomes PATH.worksheets.csv and PATH.routing.csv",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="treat an input with warnings or errors as failed (exit 1, no record)",
    )
    p.add_argument("--compact", action="store_true", help="json: one line per document")

    c = sub.add_parser(
        "check",
        help="print diagnostics like a linter; exit 1 on warnings or errors",
        description="Print FILE:LINE:COL: CODE MESSAGE for each diagnostic at or above "
        "--severity; exit 1 when any input has one of severity warning or worse "
        "(at or above --severity), or failed.",
    )
    _add_inputs(c)
    c.add_argument(
        "--severity",
        choices=("info", "warning", "error"),
        default="warning",
        help="least severity to report (default: %(default)s; info includes every repair)",
    )

    e = sub.add_parser(
        "explain",
        help="show the normalised text with each field's span and each repair",
        description="Show the normalised text of one input, line by line, with the span of "
        "every field read and every repair or problem underneath.",
    )
    e.add_argument("input", nargs="?", metavar="INPUT", help="an OCR text file, or - for stdin")
    e.add_argument("--example", action="store_true", help="explain the bundled sample packet")

    v = sub.add_parser(
        "evaluate",
        help="score parses against hand-labelled gold records, field by field",
        description="Parse each FILE.txt under GOLD_DIR that has a FILE.gold.json beside it, "
        "compare with the gold field by field and print the per-field table (correct, wrong, "
        "missing, invented).",
    )
    v.add_argument("gold_dir", metavar="GOLD_DIR", help="folder searched for *.gold.json files")
    v.add_argument(
        "--level",
        choices=("exact", "normalised", "both"),
        default="both",
        help="matching level(s) to print (default: %(default)s)",
    )
    v.add_argument(
        "--sets",
        action="store_true",
        help="score GOLD_DIR's NNN.txt + NNN.gold.json as a set: accuracy per scan level and "
        "per field, invented values and rows (free text by similarity, code lists as sets)",
    )

    from worksheet_parser.catalogue._cli import add_catalogue_parser, add_show_parser

    add_catalogue_parser(sub, _jobs)
    add_show_parser(sub)
    return parser


# --------------------------------------------------------------------------
# Work done for each input (in a worker process)


@attrs.frozen
class _Options:
    mode: str
    """``json``, ``jsonl``, ``csv``, ``parquet`` or ``check``."""
    strict: bool = False
    indent: int | None = 2
    least: Severity = Severity.WARNING


@attrs.frozen
class _Outcome:
    name: str
    error: str | None = None
    payload: Any = None
    worksheets: int = 0
    packets: int = 0
    codes: dict[str, int] = attrs.field(factory=dict)
    problems: bool = False


def _load(item: Item) -> tuple[str, bytes]:
    if isinstance(item, tuple):
        return item
    with open(item, "rb") as fh:
        return item, fh.read()


def _read_scan(path: str) -> tuple[Document, bytes]:
    """A scan's document, and the text rebuilt from its pages (as bytes, like a text input)."""
    from worksheet_parser._scans import parse_scan

    doc, scan = parse_scan(path)
    return doc, scan.text.encode("utf-8")


def _ocr_ahead(items: list[Item], jobs: int, quiet: bool) -> None:
    """Read the pages of every scan among ``items`` into the OCR cache, ``jobs`` at a time.

    The pages of all files share one pool and one progress bar (one step per
    page); a file that cannot be read is left for its worker to report.
    Without a cache (``WORKSHEET_PARSER_CACHE=off``) nothing is done here.
    """
    scans = [item for item in items if isinstance(item, str) and is_scan(item)]
    if not scans:
        return
    from worksheet_parser._ocr import OcrCache, OcrUnavailableError
    from worksheet_parser._pages import page_sources, read_pages

    cache = OcrCache.default()
    if cache.folder is None:
        return
    sources = []
    for path in scans:
        try:
            sources.extend(page_sources(path))
        except OcrUnavailableError:
            return
        except Exception:  # the file's own worker reports it
            continue
    bar = _progress(len(sources), quiet or not sys.stderr.isatty(), unit="page")
    try:
        read_pages(sources, jobs=jobs, cache=cache, on_page=lambda _: bar.update(1))
    except Exception:  # each file's worker reports its own failure
        pass
    finally:
        bar.close()


def _decoded(raw: bytes) -> str:
    return raw.decode("utf-8-sig", errors="replace")


def _lint_line(name: str, d: Diagnostic) -> str:
    line, column = (1, 1) if d.span is None else (d.span.line, d.span.column)
    return f"{name}:{line}:{column}: {d.code} {d.message}"


def _payload(options: _Options, name: str, doc: Document) -> Any:
    if options.mode == "json":
        record = {"source": name, **to_dict(doc)}
        return json.dumps(record, indent=options.indent, ensure_ascii=False) + "\n"
    if options.mode == "jsonl":
        return "".join(
            json.dumps(record, ensure_ascii=False) + "\n" for record in packet_records(doc, name)
        )
    if options.mode == "csv":
        return csv_tables(doc, name)
    if options.mode == "parquet":
        return {"worksheets": worksheet_rows(doc, name), "routing": routing_rows(doc, name)}
    least = _SEVERITY_RANK[options.least]
    return "".join(
        _lint_line(name, d) + "\n" for d in doc.diagnostics if _SEVERITY_RANK[d.severity] >= least
    )


def _work(options: _Options, item: Item) -> _Outcome:
    """Read, parse and format one input; never raises for a bad file."""
    name = item[0] if isinstance(item, tuple) else item
    scan = isinstance(item, str) and is_scan(item)
    try:
        name, raw = (name, b"") if scan else _load(item)
    except OSError as exc:
        return _Outcome(name, error=exc.strerror or str(exc))
    try:
        if scan:
            doc, raw = _read_scan(name)
        else:
            doc = parse_bytes(raw)
        codes = dict(collections.Counter(d.code for d in doc.diagnostics))
        bad = [d for d in doc.diagnostics if d.severity is not Severity.INFO]
        outcome = _Outcome(
            name, worksheets=len(doc.worksheets), packets=len(doc.packets), codes=codes
        )
        if options.mode == "check":
            least = max(_SEVERITY_RANK[options.least], _SEVERITY_RANK[Severity.WARNING])
            problems = any(_SEVERITY_RANK[d.severity] >= least for d in doc.diagnostics)
            return attrs.evolve(outcome, payload=_payload(options, name, doc), problems=problems)
        if options.strict and bad:
            message = format_problems(bad, _decoded(raw))
            return attrs.evolve(outcome, error=message, problems=True)
        return attrs.evolve(outcome, payload=_payload(options, name, doc))
    except Exception as exc:
        return _Outcome(name, error=f"the parser failed on this input ({exc!r}); skipped")


# --------------------------------------------------------------------------
# Output


class _AtomicOutput:
    """Files written under a temporary name beside their target, renamed on commit."""

    def __init__(self, targets: dict[str, Path], *, text: bool = True) -> None:
        self.targets = targets
        self.temps: dict[str, Path] = {}
        self.files: dict[str, IO[str]] = {}
        try:
            for key, target in targets.items():
                fd, temp = tempfile.mkstemp(
                    dir=target.parent, prefix=f".{target.name}.", suffix=".part"
                )
                self.temps[key] = Path(temp)
                if text:
                    self.files[key] = os.fdopen(fd, "w", encoding="utf-8", newline="")
                else:
                    os.close(fd)
        except BaseException:
            self.abort()
            raise

    def commit(self) -> None:
        """Close the files and move each into place."""
        for fh in self.files.values():
            fh.close()
        umask = os.umask(0)
        os.umask(umask)
        for key, temp in self.temps.items():
            os.chmod(temp, 0o666 & ~umask)
            os.replace(temp, self.targets[key])
        self.temps.clear()

    def abort(self) -> None:
        """Close and delete the temporary files; the targets are left as they were."""
        for fh in self.files.values():
            with contextlib.suppress(OSError):
                fh.close()
        for temp in self.temps.values():
            with contextlib.suppress(OSError):
                temp.unlink()
        self.temps.clear()


class _Sink:
    """Where results go, for one output format."""

    def __init__(self, fmt: str, output: str | None) -> None:
        self.fmt = fmt
        self.atomic: _AtomicOutput | None = None
        self.parquet: ParquetTables | None = None
        self.stream: IO[str] | None = None
        self.tables: dict[str, IO[str]] = {}
        try:
            if fmt in ("csv", "parquet"):
                assert output is not None
                self.atomic = _AtomicOutput(table_paths(output), text=fmt == "csv")
                if fmt == "csv":
                    self.tables = self.atomic.files
                    for name, columns in TABLES.items():
                        self.tables[name].write(csv_header(columns))
                else:
                    self.parquet = ParquetTables(self.atomic.temps)
            elif output is not None:
                self.atomic = _AtomicOutput({"out": Path(output)})
                self.stream = self.atomic.files["out"]
            else:
                self.stream = sys.stdout
        except BaseException:
            self.abort()
            raise

    def write(self, payload: Any) -> None:
        if self.parquet is not None:
            for table, rows in payload.items():
                self.parquet.add_rows(table, rows)
        elif self.tables:
            for table, text in payload.items():
                self.tables[table].write(text)
        else:
            assert self.stream is not None
            self.stream.write(payload)

    def commit(self) -> None:
        if self.parquet is not None:
            self.parquet.close()
            self.parquet = None
        if self.atomic is not None:
            self.atomic.commit()
        elif self.stream is not None:
            self.stream.flush()

    def abort(self) -> None:
        if self.parquet is not None:
            with contextlib.suppress(Exception):
                self.parquet.close()
            self.parquet = None
        if self.atomic is not None:
            self.atomic.abort()


# --------------------------------------------------------------------------
# Running a batch


@attrs.define
class _Summary:
    files: int = 0
    failed: int = 0
    problems: int = 0
    worksheets: int = 0
    packets: int = 0
    codes: collections.Counter[str] = attrs.field(factory=collections.Counter)

    def add(self, outcome: _Outcome) -> None:
        self.files += 1
        self.worksheets += outcome.worksheets
        self.packets += outcome.packets
        self.codes.update(outcome.codes)
        if outcome.problems:
            self.problems += 1
        elif outcome.error is not None:
            self.failed += 1

    def render(self, seconds: float) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        head = (
            f"worksheet-parser: {plural(self.files, 'file')} ({self.failed} failed"
            f"{f', {self.problems} with problems' if self.problems else ''}), "
            f"{plural(self.worksheets, 'worksheet')} in {plural(self.packets, 'packet')}, "
            f"{seconds:.1f} s"
        )
        if not self.codes:
            return head + "; no diagnostics"
        codes = ", ".join(f"{code} {n}" for code, n in sorted(self.codes.items()))
        return f"{head}\n  diagnostics: {codes}"


def _inputs(args: argparse.Namespace) -> list[Item]:
    items: list[Item] = []
    if args.example:
        items.append((f"<example:{EXAMPLE}>", example_text().encode("utf-8")))
    stdin: bytes | None = None
    for given in args.inputs:
        if given == "-":
            if stdin is None:
                stdin = sys.stdin.buffer.read()
            items.append(("<stdin>", stdin))
        else:
            items.extend(iter_files([given], args.glob))
    return items


def _progress(total: int, disable: bool, unit: str = "file") -> Any:
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[misc]
        # No monitor thread: the bar is updated once per file anyway, and a
        # process with a second thread cannot fork its workers safely.
        monitor_interval = 0

    return Bar(total=total, disable=disable, unit=unit, file=sys.stderr, dynamic_ncols=True)


def _run(args: argparse.Namespace, options: _Options, sink_args: tuple[str, str | None]) -> int:
    start = time.perf_counter()
    items = _inputs(args)
    if not items:
        print("worksheet-parser: nothing to read (give INPUT, - or --example)", file=sys.stderr)
        return EXIT_USAGE
    _ocr_ahead(items, args.jobs or default_jobs(), args.quiet)
    jobs = min(args.jobs or default_jobs(), len(items))
    summary = _Summary()
    try:
        sink = _Sink(*sink_args)
    except OSError as exc:
        print(f"worksheet-parser: cannot write {sink_args[1]}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        bar = _progress(len(items), args.quiet or not sys.stderr.isatty())
    except BaseException:
        sink.abort()
        raise
    try:
        for outcome in map_items(functools.partial(_work, options), items, jobs=jobs):
            summary.add(outcome)
            if outcome.error is not None:
                bar.clear()
                print(f"worksheet-parser: {outcome.name}: {outcome.error}", file=sys.stderr)
            if outcome.payload:
                sink.write(outcome.payload)
            bar.update(1)
        sink.commit()
    except OSError as exc:
        sink.abort()
        bar.close()
        if isinstance(exc, BrokenPipeError):
            raise
        print(f"worksheet-parser: cannot write output: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BaseException:
        sink.abort()
        bar.close()
        raise
    bar.close()
    if not args.quiet:
        print(summary.render(time.perf_counter() - start), file=sys.stderr)
    return EXIT_FAILED if summary.failed or summary.problems else EXIT_OK


def _cmd_parse(args: argparse.Namespace) -> int:
    if args.format in ("csv", "parquet") and not args.output:
        print(
            f"worksheet-parser: --format {args.format} writes two tables; give --output PATH",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            print(
                "worksheet-parser: --format parquet needs pyarrow: "
                "pip install worksheet-parser[parquet]",
                file=sys.stderr,
            )
            return EXIT_USAGE
    options = _Options(args.format, strict=args.strict, indent=None if args.compact else 2)
    return _run(args, options, (args.format, args.output))


def _cmd_check(args: argparse.Namespace) -> int:
    options = _Options("check", least=Severity(args.severity))
    return _run(args, options, ("check", None))


# --------------------------------------------------------------------------
# explain


def _show(value: Any) -> str:
    if attrs.has(type(value)):
        data = {
            k: v
            for k, v in converter.unstructure(value).items()
            if k not in {"raw", "span", "field_spans", "unread"} and v not in (None, [], "")
        }
        text = json.dumps(data, ensure_ascii=False)
    else:
        text = json.dumps(converter.unstructure(value), ensure_ascii=False)
    return text if len(text) <= 72 else text[:71] + "…"


def _field_value(block: Any, name: str) -> Any:
    base, _, index = name.partition("[")
    value: Any = getattr(block, base, None)
    if index and value is not None:
        with contextlib.suppress(IndexError, TypeError, ValueError):
            value = value[int(index.rstrip("]"))]
    return value


@attrs.frozen
class _Note:
    start: int
    end: int
    label: str


def _explain(name: str, text: str) -> str:
    """Return the annotated listing of ``text`` (see ``worksheet-parser explain``)."""
    doc = parse(text)
    norm = normalize(text)
    origin = [norm.to_original(i) for i in range(len(norm.text) + 1)]

    def to_norm(start: int, end: int) -> tuple[int, int]:
        s = max(0, bisect.bisect_right(origin, start) - 1)
        e = max(s, bisect.bisect_left(origin, end))
        return s, e

    notes: list[_Note] = []
    blocks: list[tuple[int, str]] = []

    def note(span: Span | None, label: str) -> None:
        if span is not None:
            notes.append(_Note(*to_norm(span.start, span.end), label))

    kinds = ("headers", "worksheets", "review_stamps", "release_stamps", "letters")
    for kind in kinds:
        for i, block in enumerate(getattr(doc, kind)):
            path = f"{kind}[{i}]"
            if block.span is not None:
                s, e = to_norm(block.span.start, block.span.end)
                last = norm.text.count("\n", 0, max(s, e - 1)) + 1
                blocks.append((s, f"{path}: lines {norm.text.count(chr(10), 0, s) + 1}-{last}"))
            for field, span in block.field_spans.items():
                note(span, f"{path}.{field} = {_show(_field_value(block, field))}")
            for r, entry in enumerate(getattr(block, "routing", ())):
                for field, span in entry.field_spans.items():
                    note(span, f"{path}.routing[{r}].{field} = {_show(_field_value(entry, field))}")
    for d in doc.diagnostics:
        if d.original is not None and d.repaired is not None:
            what = f"{d.original!r} -> {d.repaired!r}"
        elif d.original is not None and d.original not in d.message:
            what = f"{d.original!r}: {d.message}"
        else:
            what = d.message
        note(d.span, f"{d.code} ({d.severity.value}): {what}")

    lines = norm.text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    by_line: dict[int, list[tuple[int, int, str]]] = collections.defaultdict(list)
    for n in notes:
        first = bisect.bisect_right(starts, n.start) - 1
        last = bisect.bisect_right(starts, max(n.start, n.end - 1)) - 1
        for ln in range(first, last + 1):
            col = max(n.start, starts[ln]) - starts[ln]
            end = min(n.end, starts[ln] + len(lines[ln])) - starts[ln]
            if ln != first and end <= col:
                continue
            label = n.label if ln == first else "(continued)"
            by_line[ln].append((col, max(1, end - col), label))
    block_at: dict[int, list[str]] = collections.defaultdict(list)
    for s, label in blocks:
        block_at[bisect.bisect_right(starts, s) - 1].append(label)

    width = len(str(len(lines)))
    gutter = " " * width + " |"
    out = [
        f"{name}: {len(doc.worksheets)} worksheet(s), {len(doc.packets)} packet(s), "
        f"{len(doc.diagnostics)} diagnostic(s); text after normalisation, tabs shown as →",
    ]
    for ln, line in enumerate(lines):
        if not line and ln == len(lines) - 1:
            break
        for label in block_at.get(ln, ()):
            out.append(f"{gutter} ── {label} ──")
        out.append(f"{ln + 1:>{width}} | {line.replace(chr(9), '→')}")
        for col, size, label in sorted(by_line.get(ln, ())):
            out.append(f"{gutter} {' ' * col}{'^' * size} {label}")
    spanless = [d for d in doc.diagnostics if d.span is None]
    for d in spanless:
        out.append(f"(whole input) {d.code} ({d.severity.value}): {d.message}")
    return "\n".join(out) + "\n"


def _cmd_explain(args: argparse.Namespace) -> int:
    if args.example:
        name, text = f"<example:{EXAMPLE}>", example_text()
    elif args.input == "-":
        name, text = "<stdin>", _decoded(sys.stdin.buffer.read())
    elif args.input:
        name = args.input
        try:
            text = _decoded(Path(name).read_bytes())
        except OSError as exc:
            print(f"worksheet-parser: {name}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_FAILED
    else:
        print("worksheet-parser: explain needs INPUT, - or --example", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(_explain(name, text))
    return EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from worksheet_parser.evaluate import LEVELS, evaluate_dir

    if not Path(args.gold_dir).is_dir():
        print(f"worksheet-parser: {args.gold_dir}: not a folder", file=sys.stderr)
        return EXIT_USAGE
    if args.sets:
        from worksheet_parser.evaluate import score_set

        score = score_set(args.gold_dir)
        sys.stdout.write(score.table() + "\n")
        return EXIT_FAILED if score.crashes or not score.docs else EXIT_OK
    report, problems = evaluate_dir(args.gold_dir)
    for problem in problems:
        print(f"worksheet-parser: {problem}", file=sys.stderr)
    levels = LEVELS if args.level == "both" else (args.level,)
    sys.stdout.write("\n\n".join(report.table(level) for level in levels) + "\n")
    return EXIT_FAILED if problems else EXIT_OK


def _cmd_catalogue(args: argparse.Namespace) -> int:
    from worksheet_parser.catalogue._cli import run_catalogue

    return run_catalogue(args)


def _cmd_show(args: argparse.Namespace) -> int:
    from worksheet_parser.catalogue._cli import run_show

    return run_show(args)


# --------------------------------------------------------------------------
# main


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """Turn SIGTERM into :class:`SystemExit`, so temporary files are cleaned up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(EXIT_TERMINATED)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")
    commands = {
        "parse": _cmd_parse,
        "check": _cmd_check,
        "explain": _cmd_explain,
        "evaluate": _cmd_evaluate,
        "catalogue": _cmd_catalogue,
        "show": _cmd_show,
    }
    try:
        with _sigterm_as_exit():
            code: int = commands[args.command](args)
    except KeyboardInterrupt:
        print("worksheet-parser: interrupted; no output file was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
