"""The ``catalogue`` and ``show`` commands (registered by :mod:`worksheet_parser.cli`).

Strategy: argument definitions and the commands' bodies live here, so the
main command module only names them; imports of SQLite and the page
builder happen when a command runs, never at ``--help``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from worksheet_parser._inputs import DEFAULT_GLOB
from worksheet_parser._scan._pages import is_scan

__all__ = ["add_catalogue_parser", "add_show_parser", "run_catalogue", "run_show"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def add_catalogue_parser(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    jobs_type: object,
) -> None:
    """Add ``catalogue`` to the subcommands ``sub``."""
    p = sub.add_parser(
        "catalogue",
        help="build or update a searchable SQLite catalogue (full-text search, Datasette-ready)",
        description="Parse every file under the inputs into a SQLite catalogue. Incremental: a "
        "file already catalogued with the same SHA-256 is skipped; each file is written in "
        "one transaction, so an interrupted run leaves the database consistent and the next "
        "run resumes. Also writes Datasette metadata beside the database.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="OCR text files, scans or folders")
    p.add_argument("--db", required=True, metavar="PATH", help="the catalogue (created if new)")
    p.add_argument(
        "--glob",
        default=DEFAULT_GLOB,
        metavar="PATTERN",
        help="file names to read in folders, patterns separated by commas "
        "(default: text files and scans, %(default)s)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=jobs_type,
        default=None,
        metavar="N",
        help="worker processes (default: every core)",
    )
    p.add_argument(
        "--replace", action="store_true", help="parse every file again, even unchanged ones"
    )
    p.add_argument(
        "--pages",
        metavar="DIR",
        help="also write each parsed file's provenance page into DIR, linked from the "
        "catalogue's page columns",
    )
    p.add_argument(
        "--pages-url",
        metavar="PREFIX",
        help="address the page links start with (default: DIR relative to the database); "
        "e.g. /pages/ for datasette --static pages:DIR",
    )
    p.add_argument(
        "--metadata",
        metavar="PATH",
        help="where to write the Datasette metadata (default: DB_NAME.metadata.json)",
    )
    p.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar and no summary on stderr"
    )


def add_show_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``show`` to the subcommands ``sub``."""
    p = sub.add_parser(
        "show",
        help="write a provenance page: the text with every field marked, as one HTML file",
        description="Write one self-contained HTML page for an input: its text with each "
        "field's span highlighted, the field and any repair on hover or focus, unread lines "
        "and diagnostics marked, and the parsed record beside it.",
    )
    p.add_argument("input", nargs="?", metavar="INPUT", help="an OCR text file, or - for stdin")
    p.add_argument("--example", action="store_true", help="show the bundled sample packet")
    p.add_argument(
        "-o", "--output", metavar="PATH", help="the HTML file (default: standard output)"
    )


def run_catalogue(args: argparse.Namespace) -> int:
    """Run ``worksheet-parser catalogue``."""
    from worksheet_parser.catalogue import CatalogueVersionError, build_catalogue, write_metadata

    start = time.perf_counter()

    def report_failure(path: str, error: str | None) -> None:
        if error is not None and not args.quiet:
            print(f"worksheet-parser: {path}: {error}", file=sys.stderr)

    try:
        report = build_catalogue(
            args.inputs,
            args.db,
            jobs=args.jobs,
            replace=args.replace,
            glob=args.glob,
            pages=args.pages,
            pages_url=args.pages_url,
            progress=not args.quiet and sys.stderr.isatty(),
            on_result=report_failure,
        )
        meta = write_metadata(args.db, args.metadata)
    except KeyboardInterrupt:
        print(
            "worksheet-parser: interrupted; every file written so far is in the catalogue, "
            "whole; run the same command again to go on",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    except CatalogueVersionError as exc:
        print(f"worksheet-parser: {args.db}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(f"worksheet-parser: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if not args.quiet:
        print(report.render(time.perf_counter() - start), file=sys.stderr)
        print(f"worksheet-parser: Datasette metadata in {meta}", file=sys.stderr)
    if report.files == 0:
        print("worksheet-parser: no input files found", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_FAILED if report.failed else EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    """Run ``worksheet-parser show``."""
    from worksheet_parser._examples import EXAMPLE, example_text
    from worksheet_parser._models import Document
    from worksheet_parser.provenance import provenance_html

    doc: Document | None = None
    if args.example:
        name, text = f"<example:{EXAMPLE}>", example_text()
    elif args.input in (None, ""):
        print("worksheet-parser: show needs INPUT, - or --example", file=sys.stderr)
        return EXIT_USAGE
    else:
        from worksheet_parser._api import parse_bytes

        name = "<stdin>" if args.input == "-" else args.input
        if args.input != "-" and is_scan(name):
            # The page shows the text rebuilt from the scan's pages, which its spans index.
            from worksheet_parser._scan._ocr import OcrUnavailableError
            from worksheet_parser._scan._read import parse_scan

            try:
                doc, scan = parse_scan(name)
            except (OSError, OcrUnavailableError) as exc:
                reason = exc.strerror if isinstance(exc, OSError) else None
                print(f"worksheet-parser: {name}: {reason or exc}", file=sys.stderr)
                return EXIT_FAILED
            text = scan.text
        else:
            try:
                raw = sys.stdin.buffer.read() if args.input == "-" else Path(name).read_bytes()
            except OSError as exc:
                print(f"worksheet-parser: {name}: {exc.strerror or exc}", file=sys.stderr)
                return EXIT_FAILED
            text = raw.decode("utf-8-sig", errors="replace")
            doc = parse_bytes(raw)
    page = provenance_html(text, doc, name=name)
    if args.output is None:
        sys.stdout.write(page)
        return EXIT_OK
    target = Path(args.output)
    temp = target.with_name(f".{target.name}.part")
    try:
        temp.write_text(page, encoding="utf-8")
        temp.replace(target)
    except OSError as exc:
        print(f"worksheet-parser: cannot write {args.output}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
