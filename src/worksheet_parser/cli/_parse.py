"""The ``parse`` and ``check`` commands: their options and configuration, checked, and
handed to the run.
"""

from __future__ import annotations

import argparse
from typing import Any

from worksheet_parser._models import Severity
from worksheet_parser._outputs import _lint
from worksheet_parser._outputs._files import STDOUT
from worksheet_parser._text._decode import normalize_encoding
from worksheet_parser.cli._common import _usage
from worksheet_parser.cli._item import _Options
from worksheet_parser.cli._run import _run


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
