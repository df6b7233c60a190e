"""Run ``parse`` or ``check`` over every input: expand the inputs, plan the outputs,
read scans' pages ahead, work through the inputs in worker processes and write the
results in input order.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
from pathlib import Path

import attrs

from worksheet_parser._examples import EXAMPLE, example_text
from worksheet_parser._outputs import _files as _output
from worksheet_parser._outputs._files import OutputError
from worksheet_parser._safe import shown
from worksheet_parser._scan._pages import is_scan
from worksheet_parser.batch import default_jobs, iter_files, map_items
from worksheet_parser.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    Item,
    _message,
    _progress,
    _say,
)
from worksheet_parser.cli._item import _cli, _fault, _Options, _Outcome, _read_stdin
from worksheet_parser.cli._sink import _Sink, _Summary


def _ocr_ahead(items: list[Item], jobs: int, quiet: bool) -> None:
    """Read the pages of every scan among ``items`` into the OCR cache, ``jobs`` at a time.

    The pages of all files share one pool and one progress bar (one step per
    page); a file that cannot be read is left for its worker to report.
    Without a cache (``WORKSHEET_PARSER_CACHE=off``) nothing is done here.
    """
    scans = [item for item in items if isinstance(item, str) and is_scan(item)]
    if not scans:
        return
    from worksheet_parser._scan._ocr import OcrCache, OcrUnavailableError
    from worksheet_parser._scan._pages import page_sources, read_pages

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
        work = functools.partial(_cli()._work, options)
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
