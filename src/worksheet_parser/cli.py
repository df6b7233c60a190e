"""The ``worksheet-parser`` command: ``parse``, ``check``, ``explain``, ``catalogue``, ``show``.

Strategy: a thin layer of :mod:`argparse` over the public API and
:mod:`worksheet_parser.batch`.  Inputs (files, folders searched recursively
for ``--glob``, ``-`` for standard input, ``--example``) are expanded in
order; each is read, parsed and turned into its output text (or rows) in a
worker process, and the parent writes the results in input order, updates
the progress bar and counts what it saw.  A file that cannot be read, or
that the parser fails on, is reported on standard error and skipped.
Output files go through :mod:`worksheet_parser._output`: each target is
checked (a regular file that is not an input, or a new path) and its
temporary file created before any input is parsed, and renamed into place
only when the whole run succeeded.  ``--output-dir`` writes one file per
input the same way, as each is done, so a run can be resumed with
``--skip-existing``.  ``check`` filters and renders diagnostics with
:mod:`worksheet_parser._lint`.

Exit codes (see docs/cli.md):

- 0: every input was read (and, for ``check``, none has a problem);
- 1: some input could not be read or parsed, or had problems under
  ``--strict`` (``parse``) or at the reported severity (``check``), or an
  output was refused or could not be written;
- 2: bad command line (unknown option, nothing to read, CSV without
  ``--output``, an unknown encoding or diagnostic code, a bad
  ``[tool.worksheet-parser]`` table);
- 129: hung up (SIGHUP); 130: interrupted (Ctrl-C); 143: terminated (SIGTERM).
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
import threading
import time
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import IO, Any

import attrs

from worksheet_parser import _lint, _output
from worksheet_parser._api import parse, parse_bytes
from worksheet_parser._decode import decode, normalize_encoding
from worksheet_parser._errors import DEFAULT_MAX_SIZE, InputTooLargeError, format_problems
from worksheet_parser._examples import EXAMPLE, example_text
from worksheet_parser._export import converter, to_dict
from worksheet_parser._inputs import DEFAULT_GLOB, read_limited, record_name
from worksheet_parser._models import Document, Severity, Span
from worksheet_parser._normalize import normalize
from worksheet_parser._output import STDOUT, AtomicFiles, OutputError
from worksheet_parser._pages import is_scan
from worksheet_parser._safe import shown
from worksheet_parser._tables import (
    TABLES,
    ParquetTables,
    csv_header,
    csv_tables,
    packet_records,
    table_paths,
    table_rows,
)
from worksheet_parser._version import docs_url, version
from worksheet_parser.batch import default_jobs, iter_files, map_items

__all__ = [
    "EXIT_FAILED",
    "EXIT_HANGUP",
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
EXIT_HANGUP = 129
"""Hung up (SIGHUP: the terminal went away); no output file was written."""

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


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not seconds > 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return seconds


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
        default=None,
        metavar="PATTERN",
        help="file names to read in folders, several separated by commas (default: every "
        "kind of input: *.txt,*.pdf,*.png,*.jpg,*.jpeg,*.tif,*.tiff, in any case)",
    )
    p.add_argument(
        "--encoding",
        default=None,
        metavar="NAME",
        help="encoding of the inputs, any Python codec name (default: utf-8; a byte-order "
        "mark or the zero bytes of UTF-16 are recognised; bad bytes are replaced and reported)",
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
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="stop reading a file after this long and report it as failed (default: no limit)",
    )
    p.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="in folders, follow symbolic links (default: skip them with a warning)",
    )


def _epilog() -> str:
    url = docs_url()
    where = f" Documentation: {url}" if url else ""
    return (
        "Exit codes: 0 ok; 1 an input failed, had problems or was refused; 2 bad command "
        "line; 129 hung up; 130 interrupted; 143 terminated. "
        f"Run 'worksheet-parser COMMAND --help' for a command's options.{where}"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="worksheet-parser",
        description="Read OCR'd White House correspondence tracking worksheets as data.",
        epilog=_epilog(),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
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
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write here instead of standard output (- for standard output), atomically; "
        "never through a link or over an input; for csv and parquet, PATH.csv becomes "
        "PATH.worksheets.csv, PATH.routing.csv and one file per other table",
    )
    where.add_argument(
        "--output-dir",
        metavar="DIR",
        help="json/jsonl: write one file per input under DIR, mirroring the input folders "
        "(a.txt gives DIR/a.txt.json), each as soon as it is done",
    )
    p.add_argument(
        "--skip-existing",
        action="store_true",
        help="with --output-dir: leave out inputs whose result is already there (resume)",
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
        default=None,
        help="least severity to report (default: warning; info includes every repair)",
    )
    c.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="report only these diagnostic codes (comma-separated; repeatable)",
    )
    c.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="never report these diagnostic codes (comma-separated; repeatable)",
    )
    c.add_argument(
        "--output-format",
        choices=_lint.FORMATS,
        default=None,
        help="text (FILE:LINE:COL: CODE MESSAGE), json (one array), github (workflow "
        "annotations) or sarif (SARIF 2.1.0) (default: text)",
    )
    c.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) on any warning or error reported, whatever --severity shows",
    )

    e = sub.add_parser(
        "explain",
        help="show the normalised text with each field's span and each repair",
        description="Show the normalised text of one input, line by line, with the span of "
        "every field read and every repair or problem underneath.",
    )
    e.add_argument(
        "input",
        nargs="?",
        metavar="INPUT",
        help="an OCR text file, a scan (PDF, PNG, JPEG, TIFF: explained over the text "
        "rebuilt from its pages), or - for stdin",
    )
    e.add_argument("--example", action="store_true", help="explain the bundled sample packet")
    e.add_argument("--encoding", default=None, metavar="NAME", help="encoding of INPUT")

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
    encoding: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()


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
    return item, read_limited(item, DEFAULT_MAX_SIZE)


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


def _payload(options: _Options, name: str, doc: Document) -> Any:
    # A file name that is not UTF-8 stands in JSON with its bytes as ``\udcXX``
    # escapes (which read back as the same name); in CSV and Parquet as that text.
    if options.mode == "json":
        record = {"source": name, **to_dict(doc)}
        return _json_safe(json.dumps(record, indent=options.indent, ensure_ascii=False) + "\n")
    if options.mode == "jsonl":
        return _json_safe(
            "".join(
                json.dumps(record, ensure_ascii=False) + "\n"
                for record in packet_records(doc, name)
            )
        )
    name = record_name(name)
    if options.mode == "csv":
        return csv_tables(doc, name)
    return table_rows(doc, name)


def _check(options: _Options, name: str, doc: Document) -> _Outcome:
    diagnostics = list(doc.diagnostics)
    empty = _lint.no_block(doc)
    if empty is not None:
        diagnostics.insert(0, empty)
    codes = dict(collections.Counter(d.code for d in diagnostics))
    found = _lint.findings(
        name, diagnostics, least=options.least, select=options.select, ignore=options.ignore
    )
    if options.strict:
        strict = _lint.findings(
            name, diagnostics, least=Severity.WARNING, select=options.select, ignore=options.ignore
        )
        problems = _lint.fails(strict)
    else:
        problems = _lint.fails(found)
    return _Outcome(
        name,
        payload=found,
        worksheets=len(doc.worksheets),
        packets=len(doc.packets),
        codes=codes,
        problems=problems,
    )


def _read_stdin() -> bytes:
    """Standard input, up to the size limit and one byte more (never an endless stream)."""
    return sys.stdin.buffer.read(DEFAULT_MAX_SIZE + 1)


def _too_large(size: int) -> str:
    if size == DEFAULT_MAX_SIZE + 1:  # a stream, read up to the limit and one byte
        return f"more than the limit of {DEFAULT_MAX_SIZE:,} bytes; not read further"
    return f"{size:,} bytes, more than the limit of {DEFAULT_MAX_SIZE:,}"


def _json_safe(text: str) -> str:
    """JSON text with any lone surrogate (from a file name) written as a ``\\u`` escape."""
    return record_name(text)


def _fault(item: Item, reason: str) -> _Outcome:
    """The outcome of an input stopped by ``--timeout`` or whose worker process died."""
    return _Outcome(item[0] if isinstance(item, tuple) else item, error=reason)


def _work(options: _Options, item: Item) -> _Outcome:
    """Read, parse and format one input; never raises for a bad file."""
    name = item[0] if isinstance(item, tuple) else item
    scan = isinstance(item, str) and is_scan(item)
    try:
        name, raw = (name, b"") if scan else _load(item)
    except OSError as exc:
        return _Outcome(name, error=exc.strerror or str(exc))
    except InputTooLargeError as exc:
        return _Outcome(name, error=_too_large(exc.size))
    if len(raw) > DEFAULT_MAX_SIZE:  # standard input, read to the limit and one byte
        return _Outcome(name, error=_too_large(len(raw)))
    try:
        if scan:
            doc, raw = _read_scan(name)
        else:
            doc = parse_bytes(raw, encoding=options.encoding)
        if options.mode == "check":
            return _check(options, name, doc)
        codes = dict(collections.Counter(d.code for d in doc.diagnostics))
        bad = [d for d in doc.diagnostics if d.severity is not Severity.INFO]
        outcome = _Outcome(
            name, worksheets=len(doc.worksheets), packets=len(doc.packets), codes=codes
        )
        if options.strict and bad:
            message = format_problems(bad, decode(raw, options.encoding).text)
            return attrs.evolve(outcome, error=message, problems=True)
        return attrs.evolve(outcome, payload=_payload(options, name, doc))
    except Exception as exc:
        return _Outcome(name, error=f"the parser failed on this input ({exc!r}); skipped")


# --------------------------------------------------------------------------
# Output


class _Sink:
    """Where results go, for one output format.

    ``array`` wraps ``json`` documents in one JSON array; ``check`` findings
    are rendered in ``lint_format`` (``json`` and ``sarif`` once, at the end).
    Files are created (and so checked) here, before any input is parsed.
    """

    def __init__(
        self,
        fmt: str,
        output: str | None,
        *,
        inputs: AbstractSet[_output.FileId] = frozenset(),
        array: bool = False,
        lint_format: str = "text",
    ) -> None:
        self.fmt = fmt
        self.array = array
        self.lint_format = lint_format
        self.count = 0
        self.findings: list[_lint.Finding] = []
        self.atomic: AtomicFiles | None = None
        self.parquet: ParquetTables | None = None
        self.stream: IO[str] | None = None
        self.tables: dict[str, IO[str]] = {}
        try:
            if fmt in ("csv", "parquet"):
                assert output is not None
                self.atomic = AtomicFiles(table_paths(output), inputs=inputs, text=fmt == "csv")
                if fmt == "csv":
                    self.tables = self.atomic.files
                    for name, columns in TABLES.items():
                        self.tables[name].write(csv_header(columns))
                else:
                    self.parquet = ParquetTables(self.atomic.temps)
            elif output is not None and output != STDOUT:
                self.atomic = AtomicFiles({"out": Path(output)}, inputs=inputs)
                self.stream = self.atomic.files["out"]
            else:
                self.stream = sys.stdout
            if self.array and self.stream is not None:
                self.stream.write("[\n")
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
        elif self.fmt == "check":
            if self.lint_format in ("json", "sarif"):
                self.findings.extend(payload)
            elif payload:
                assert self.stream is not None
                render = _lint.render_github if self.lint_format == "github" else _lint.render_text
                self.stream.write(render(payload))
        else:
            assert self.stream is not None
            if self.array:
                if self.count:
                    self.stream.write(",\n")
                payload = payload.rstrip("\n")
            self.stream.write(payload)
        self.count += 1

    def commit(self) -> None:
        if self.stream is not None:
            if self.array:
                self.stream.write("\n]\n" if self.count else "]\n")
            if self.lint_format == "json":
                self.stream.write(_lint.render_json(self.findings))
            elif self.lint_format == "sarif":
                self.stream.write(_lint.render_sarif(self.findings, version=version()))
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
    skipped: int = 0
    per_file: bool = False
    """Results are files of their own (``--output-dir``): count those done."""
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

        done = self.files - self.failed - self.problems
        problems = f", {self.problems} with problems" if self.problems else ""
        counts = f"{self.failed} failed{problems}"
        if self.per_file:
            counts = f"{done} done, {self.skipped} skipped, {counts}"
        head = (
            f"worksheet-parser: {plural(self.files + self.skipped, 'file')} ({counts}), "
            f"{plural(self.worksheets, 'worksheet')} in {plural(self.packets, 'packet')}, "
            f"{seconds:.1f} s"
        )
        if not self.codes:
            return head + "; no diagnostics"
        codes = ", ".join(f"{code} {n}" for code, n in sorted(self.codes.items()))
        return f"{head}\n  diagnostics: {codes}"


def _inputs(args: argparse.Namespace) -> list[tuple[Item, str]]:
    """Every input, with the name of its result under ``--output-dir``."""
    items: list[tuple[Item, str]] = []
    if args.example:
        items.append(((f"<example:{EXAMPLE}>", example_text().encode("utf-8")), EXAMPLE))
    stdin: bytes | None = None
    for given in args.inputs:
        if given == "-":
            if stdin is None:
                stdin = _read_stdin()
            items.append((("<stdin>", stdin), "stdin"))
            continue
        base = os.path.dirname(os.path.normpath(given))
        for path in iter_files(
            [given], args.glob, follow_symlinks=args.follow_symlinks, on_skip=_skipped
        ):
            items.append((path, os.path.relpath(path, base or os.curdir)))
    return items


def _skipped(path: str, reason: str) -> None:
    print(f"worksheet-parser: {shown(path)}: skipped: {reason}", file=sys.stderr)


def _message(text: str) -> str:
    """A message with whatever came from the input or a file name escaped, line by line."""
    return "\n".join(shown(line) for line in text.split("\n"))


def _progress(total: int, disable: bool, unit: str = "file") -> Any:
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[misc]
        # No monitor thread: the bar is updated once per file anyway, and a
        # process with a second thread cannot fork its workers safely.
        monitor_interval = 0

    return Bar(total=total, disable=disable, unit=unit, file=sys.stderr, dynamic_ncols=True)


def _say(message: str) -> None:
    print(f"worksheet-parser: {message}", file=sys.stderr)


def _run(
    args: argparse.Namespace,
    options: _Options,
    fmt: str,
    output: str | None = None,
    lint_format: str = "text",
) -> int:
    start = time.perf_counter()
    named = _inputs(args)
    if not named:
        _say("nothing to read (give INPUT, - or --example)")
        return EXIT_USAGE
    items = [item for item, _ in named]
    paths = [item for item in items if isinstance(item, str)]
    summary = _Summary()
    out_dir: _output.OutputDir | None = None
    targets: dict[int, Path] = {}
    if getattr(args, "output_dir", None):
        try:
            out_dir = _output.OutputDir(Path(args.output_dir), inputs=_output.file_ids(paths))
            targets, refused = out_dir.plan(
                [rel for _, rel in named], suffix=f".{fmt}", skip_existing=args.skip_existing
            )
        except OutputError as exc:
            _say(f"cannot write: {exc}")
            return EXIT_FAILED
        for i, reason in refused.items():
            summary.add(_Outcome(_shown(items[i]), error=reason))
            _say(f"{_shown(items[i])}: {reason}")
        summary.skipped = len(named) - len(targets) - len(refused)
        summary.per_file = True
        order = sorted(targets)
        items = [items[i] for i in order]
        targets = {n: targets[i] for n, i in enumerate(order)}
        sink: _Sink | None = None
    else:
        array = fmt == "json" and (len(items) > 1 or any(os.path.isdir(x) for x in args.inputs))
        try:
            sink = _Sink(
                fmt,
                output,
                inputs=_output.file_ids(paths),
                array=array,
                lint_format=lint_format,
            )
        except OutputError as exc:
            _say(f"cannot write: {exc}")
            return EXIT_FAILED
        except OSError as exc:
            _say(f"cannot write {shown(str(output))}: {exc.strerror or exc}")
            return EXIT_FAILED
    jobs = min(args.jobs or default_jobs(), max(1, len(items)))
    try:
        # Scans' pages are read (and their OCR cached) first, all files' pages in one pool.
        _ocr_ahead(items, args.jobs or default_jobs(), args.quiet)
        bar = _progress(len(items), args.quiet or not sys.stderr.isatty())
    except BaseException:
        if sink is not None:
            sink.abort()
        raise
    try:
        work = functools.partial(_work, options)
        outcomes = (
            map_items(work, items, jobs=jobs, timeout=args.timeout, on_fault=_fault)
            if items
            else ()
        )
        for n, outcome in enumerate(outcomes):
            if out_dir is not None and outcome.payload:
                try:
                    out_dir.write(targets[n], outcome.payload)
                except (OutputError, OSError) as exc:
                    why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                    outcome = attrs.evolve(outcome, payload=None, error=f"not written: {why}")
            summary.add(outcome)
            if outcome.error is not None:
                bar.clear()
                _say(f"{shown(outcome.name)}: {_message(outcome.error)}")
            if sink is not None and (outcome.payload or fmt == "check"):
                sink.write(outcome.payload or [])
            bar.update(1)
        if sink is not None:
            sink.commit()
    except OSError as exc:
        if sink is not None:
            sink.abort()
        bar.close()
        if isinstance(exc, BrokenPipeError):
            raise
        _say(f"cannot write output: {exc}")
        return EXIT_FAILED
    except BaseException:
        if sink is not None:
            sink.abort()
        bar.close()
        raise
    bar.close()
    if not args.quiet:
        print(summary.render(time.perf_counter() - start), file=sys.stderr)
    return EXIT_FAILED if summary.failed or summary.problems else EXIT_OK


def _shown(item: Item) -> str:
    return item[0] if isinstance(item, tuple) else item


def _usage(message: str) -> int:
    _say(message)
    return EXIT_USAGE


def _encoding(args: argparse.Namespace, config: dict[str, Any]) -> str | None:
    name: str | None = args.encoding or config.get("encoding")
    if name is None:
        return None
    try:
        return normalize_encoding(name)
    except LookupError:
        raise _lint.ConfigError(f"unknown encoding {name!r}") from None


def _cmd_parse(args: argparse.Namespace, config: dict[str, Any]) -> int:
    if args.format in ("csv", "parquet") and (not args.output or args.output == STDOUT):
        return _usage(f"--format {args.format} writes several tables; give --output PATH (not -)")
    if args.skip_existing and not args.output_dir:
        return _usage("--skip-existing goes with --output-dir")
    if args.output_dir and args.format not in ("json", "jsonl"):
        return _usage("--output-dir writes json or jsonl, one file per input")
    if args.format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            return _usage("--format parquet needs pyarrow: pip install worksheet-parser[parquet]")
    options = _Options(
        args.format,
        strict=args.strict,
        indent=None if args.compact else 2,
        encoding=_encoding(args, config),
    )
    return _run(args, options, args.format, args.output)


def _cmd_check(args: argparse.Namespace, config: dict[str, Any]) -> int:
    select = _lint.split_codes(args.select)
    if select is None and "select" in config:
        select = list(config["select"])
    ignore = _lint.split_codes(args.ignore)
    if ignore is None:
        ignore = list(config.get("ignore", ()))
    if select is not None:
        _lint.check_codes(select, "--select")
    _lint.check_codes(ignore, "--ignore")
    lint_format = args.output_format or config.get("output-format", "text")
    if lint_format not in _lint.FORMATS:
        raise _lint.ConfigError(f"output-format must be one of {', '.join(_lint.FORMATS)}")
    severity = args.severity or config.get("severity", "warning")
    try:
        least = Severity(severity)
    except ValueError:
        raise _lint.ConfigError(f"unknown severity {severity!r}") from None
    options = _Options(
        "check",
        strict=args.strict,
        least=least,
        encoding=_encoding(args, config),
        select=None if select is None else tuple(select),
        ignore=tuple(ignore),
    )
    return _run(args, options, "check", lint_format=lint_format)


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


def _explain(name: str, text: str, doc: Document | None = None) -> str:
    """Return the annotated listing of ``text`` (see ``worksheet-parser explain``)."""
    if doc is None:
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
                s, _ = to_norm(block.span.start, block.span.end)
                last, _ = norm.position(max(block.span.start, block.span.end - 1))
                blocks.append((s, f"{path}: lines {block.span.line}-{last}"))
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
        f"{shown(name)}: {len(doc.worksheets)} worksheet(s), {len(doc.packets)} packet(s), "
        f"{len(doc.diagnostics)} diagnostic(s); text after normalisation, tabs shown as →",
    ]
    for ln, line in enumerate(lines):
        if not line and ln == len(lines) - 1:
            break
        for label in block_at.get(ln, ()):
            out.append(f"{gutter} ── {label} ──")
        # Numbered as editors number the file's lines (a line the normaliser
        # split off at a form feed shares its editor line's number).
        number = norm.span(starts[ln], starts[ln]).line
        out.append(f"{number:>{width}} | {line.replace(chr(9), '→')}")
        for col, size, label in sorted(by_line.get(ln, ())):
            out.append(f"{gutter} {' ' * col}{'^' * size} {label}")
    spanless = [d for d in doc.diagnostics if d.span is None]
    for d in spanless:
        out.append(f"(whole input) {d.code} ({d.severity.value}): {d.message}")
    return "\n".join(out) + "\n"


def _cmd_explain(args: argparse.Namespace, config: dict[str, Any]) -> int:
    encoding = _encoding(args, config)
    doc: Document | None = None
    if args.example:
        name, text = f"<example:{EXAMPLE}>", example_text()
    elif args.input and args.input != "-" and is_scan(args.input):
        # A scan is explained over the text rebuilt from its pages, which its spans index.
        from worksheet_parser._ocr import OcrUnavailableError

        name = args.input
        try:
            doc, raw = _read_scan(name)
        except OSError as exc:
            _say(f"{shown(name)}: {exc.strerror or exc}")
            return EXIT_FAILED
        except OcrUnavailableError as exc:
            _say(f"{shown(name)}: {exc}")
            return EXIT_FAILED
        text = raw.decode("utf-8")
    elif args.input:
        name = "<stdin>" if args.input == "-" else args.input
        try:
            raw = _read_stdin() if args.input == "-" else read_limited(name, DEFAULT_MAX_SIZE)
        except (OSError, InputTooLargeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else None
            _say(f"{shown(name)}: {reason or exc}")
            return EXIT_FAILED
        if len(raw) > DEFAULT_MAX_SIZE:
            _say(f"{shown(name)}: {_too_large(len(raw))}")
            return EXIT_FAILED
        # The document of the bytes, so that encoding diagnostics are shown too.
        text = decode(raw, encoding).text
        doc = parse_bytes(raw, encoding=encoding, max_size=None)
    else:
        return _usage("explain needs INPUT, - or --example")
    listing = _explain(name, text, doc)
    try:
        sys.stdout.write(listing)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _say(f"cannot write the listing: {exc.strerror or exc}")
        return EXIT_FAILED
    return EXIT_OK


def _cmd_evaluate(args: argparse.Namespace, config: dict[str, Any]) -> int:
    from worksheet_parser.evaluate import LEVELS, evaluate_dir

    if not Path(args.gold_dir).is_dir():
        return _usage(f"{args.gold_dir}: not a folder")
    if args.sets:
        from worksheet_parser.evaluate import score_set

        score = score_set(args.gold_dir)
        sys.stdout.write(score.table() + "\n")
        return EXIT_FAILED if score.crashes or not score.docs else EXIT_OK
    report, problems = evaluate_dir(args.gold_dir)
    for problem in problems:
        _say(problem)
    levels = LEVELS if args.level == "both" else (args.level,)
    sys.stdout.write("\n\n".join(report.table(level) for level in levels) + "\n")
    if not any(report.total(level).scored for level in levels):
        _say(f"{args.gold_dir}: no field was scored (no FILE.txt with a FILE.gold.json)")
        return EXIT_FAILED
    return EXIT_FAILED if problems else EXIT_OK


def _cmd_catalogue(args: argparse.Namespace, config: dict[str, Any]) -> int:
    from worksheet_parser.catalogue._cli import run_catalogue

    return run_catalogue(args)


def _cmd_show(args: argparse.Namespace, config: dict[str, Any]) -> int:
    from worksheet_parser.catalogue._cli import run_show

    return run_show(args)


# --------------------------------------------------------------------------
# main


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`SystemExit`, so temporary files are cleaned up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    codes = {signal.SIGTERM: EXIT_TERMINATED, signal.SIGHUP: EXIT_HANGUP}

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(codes.get(signal.Signals(signum), EXIT_TERMINATED))

    previous = {signum: signal.signal(signum, handler) for signum in codes}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def _stdout_for(command: str) -> None:
    """Standard output always valid: UTF-8 for data, visible escapes for listings."""
    if not isinstance(sys.stdout, io.TextIOWrapper):
        return
    if command in ("parse", "check", "show"):
        # JSON, JSON Lines, annotations, SARIF and HTML are UTF-8 whatever the locale
        # says; a lone surrogate (from a file name that is not UTF-8) is
        # written as the escape ``\udcff``, which is still valid JSON.
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
    else:
        sys.stdout.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    commands = {
        "parse": _cmd_parse,
        "check": _cmd_check,
        "explain": _cmd_explain,
        "evaluate": _cmd_evaluate,
        "catalogue": _cmd_catalogue,
        "show": _cmd_show,
    }
    try:
        config, _ = _lint.load_config()
        if getattr(args, "glob", "") is None:
            args.glob = config.get("glob", DEFAULT_GLOB)
        _stdout_for(args.command)
        with _sigterm_as_exit():
            code: int = commands[args.command](args, config)
    except _lint.ConfigError as exc:
        _say(str(exc))
        return EXIT_USAGE
    except OutputError as exc:
        _say(f"cannot write: {exc}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _say("interrupted; no output file was written")
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
