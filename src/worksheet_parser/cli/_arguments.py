"""The command line: the :mod:`argparse` parser of every command and the options they
share (inputs, ``--glob``, ``--jobs``, ``--timeout``, encodings).
"""

from __future__ import annotations

import argparse

from worksheet_parser._outputs import _lint
from worksheet_parser._version import docs_url, version


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
