"""The ``worksheet-parser`` command.

Strategy: a thin layer of :mod:`argparse` over the public API.  Exit codes:
0 success; 1 some input could not be read (missing file, or ``--strict`` and
the input has problems); 2 bad command line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from worksheet_parser._api import parse, parse_bytes
from worksheet_parser._errors import WorksheetSyntaxError
from worksheet_parser._examples import EXAMPLE, example_text
from worksheet_parser._export import to_dict

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="worksheet-parser",
        description="Read OCR'd White House correspondence tracking worksheets as data.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse files (or - for stdin) and print JSON")
    p.add_argument("files", nargs="*", help="OCR text files; - reads standard input")
    p.add_argument("--example", action="store_true", help="parse the bundled sample packet")
    p.add_argument(
        "--strict", action="store_true", help="fail (exit 1) when an input has warnings or errors"
    )
    p.add_argument("--compact", action="store_true", help="one line of JSON per input")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    inputs: list[tuple[str, bytes | str]] = []
    if args.example:
        inputs.append((f"<example:{EXAMPLE}>", example_text()))
    for name in args.files:
        if name == "-":
            inputs.append(("<stdin>", sys.stdin.buffer.read()))
            continue
        try:
            with open(name, "rb") as fh:
                inputs.append((name, fh.read()))
        except OSError as exc:
            print(f"worksheet-parser: {name}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    if not inputs:
        print("worksheet-parser: nothing to parse (give FILE, - or --example)", file=sys.stderr)
        return 2
    status = 0
    indent = None if args.compact else 2
    for name, data in inputs:
        try:
            doc = (
                parse(data, strict=args.strict)
                if isinstance(data, str)
                else parse_bytes(data, strict=args.strict)
            )
        except WorksheetSyntaxError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            status = 1
            continue
        record = {"source": name, **to_dict(doc)}
        sys.stdout.write(json.dumps(record, indent=indent, ensure_ascii=False) + "\n")
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
