"""The commands over a whole corpus: ``evaluate`` (accuracy against gold files),
``catalogue`` and ``show``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from worksheet_parser.cli._common import EXIT_FAILED, EXIT_OK, _say, _usage


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
