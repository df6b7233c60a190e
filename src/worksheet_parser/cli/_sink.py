"""Where the results of ``parse`` and ``check`` go, for each output format, written
atomically; and the summary of a run.
"""

from __future__ import annotations

import collections
import contextlib
import sys
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import IO, Any

import attrs

from worksheet_parser._outputs import _files as _output
from worksheet_parser._outputs import _lint
from worksheet_parser._outputs._files import STDOUT, AtomicFiles
from worksheet_parser._outputs._tables import (
    TABLES,
    ParquetTables,
    csv_header,
    table_paths,
)
from worksheet_parser._version import version
from worksheet_parser.cli._item import _Outcome


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
