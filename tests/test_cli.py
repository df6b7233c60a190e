"""The ``worksheet-parser`` command: parse, check, explain, outputs and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CLEAN
from tests.test_batch import write_corpus
from worksheet_parser import Document, cli, example_text, from_dict, parse_bytes
from worksheet_parser._outputs._tables import ROUTING_COLUMNS, WORKSHEET_COLUMNS
from worksheet_parser.schema import load_schema

"""A worksheet without damage: nothing in it warrants a warning."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("collection")
    write_corpus(root / "box1", 3)
    write_corpus(root / "box2" / "folder", 2, start=500000)
    (root / "box2" / "notes.doc").write_text("not OCR text")
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class TestParseFormats:
    def test_json_is_one_document_per_input(
        self, capsys: pytest.CaptureFixture[str], folder: Path
    ) -> None:
        """``parse FILE`` prints the document as JSON, with its source, as before."""
        path = str(folder / "box1" / "packet-00000.txt")
        code, out, _ = run(capsys, "parse", path, "--jobs", "1")
        assert code == cli.EXIT_OK
        record = json.loads(out)
        assert record["source"] == path
        assert record["worksheets"][0]["id_number"] == "400000"

    def test_jsonl_is_one_record_per_packet(
        self, capsys: pytest.CaptureFixture[str], folder: Path
    ) -> None:
        """JSON Lines: a line per packet, in input order, that round-trips and validates."""
        jsonschema = pytest.importorskip("jsonschema")
        code, out, _ = run(capsys, "parse", str(folder), "--format", "jsonl", "--jobs", "2")
        assert code == cli.EXIT_OK
        records = [json.loads(line) for line in out.splitlines()]
        ids = [r["worksheets"][0]["id_number"] for r in records]
        assert ids == ["400000", "400001", "400002", "500000", "500001"]
        assert all(r["packet"] == 0 for r in records)
        validator = jsonschema.Draft202012Validator(load_schema())
        for record in records:
            validator.validate(record)
            doc = from_dict(record, Document)
            assert doc.worksheets[0].id_number == record["worksheets"][0]["id_number"]

    def test_csv_writes_two_tables(
        self, capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
    ) -> None:
        """``--format csv --output out.csv`` writes out.worksheets.csv and out.routing.csv."""
        out_path = tmp_path / "out.csv"
        code, out, err = run(
            capsys, "parse", str(folder), "-f", "csv", "-o", str(out_path), "-j", "2"
        )
        assert code == cli.EXIT_OK
        assert out == ""
        assert not out_path.exists()
        with open(tmp_path / "out.worksheets.csv", newline="", encoding="utf-8") as fh:
            worksheets = list(csv.DictReader(fh))
        with open(tmp_path / "out.routing.csv", newline="", encoding="utf-8") as fh:
            routing = list(csv.DictReader(fh))
        assert list(worksheets[0]) == [name for name, _ in WORKSHEET_COLUMNS]
        assert list(routing[0]) == [name for name, _ in ROUTING_COLUMNS]
        assert len(worksheets) == len(routing) == 5
        assert worksheets[0]["date_received"] == "1992-01-30"
        keys = {(w["source"], w["packet"], w["id_number"]) for w in worksheets}
        assert {(r["source"], r["packet"], r["id_number"]) for r in routing} == keys
        assert "5 files (0 failed)" in err

    def test_csv_cells_never_start_a_formula(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A value like ``=HYPERLINK(...)`` is written behind an apostrophe."""
        source = tmp_path / "formula.txt"
        source.write_text(CLEAN.replace("THE HONORABLE EDWARD M. KENNEDY", "=HYPERLINK(1)"))
        code, _, _ = run(capsys, "parse", str(source), "-f", "csv", "-o", str(tmp_path / "t.csv"))
        assert code == cli.EXIT_OK
        text = (tmp_path / "t.worksheets.csv").read_text(encoding="utf-8")
        assert "'=HYPERLINK(1)" in text
        for row in csv.reader(io.StringIO(text)):
            assert not any(cell[:1] in {"=", "+", "-", "@"} for cell in row)

    def test_parquet_writes_two_tables(
        self, capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
    ) -> None:
        """``--format parquet`` writes the same two tables as Parquet files."""
        pq = pytest.importorskip("pyarrow.parquet")
        code, _, _ = run(
            capsys, "parse", str(folder), "-f", "parquet", "-o", str(tmp_path / "t.pq")
        )
        assert code == cli.EXIT_OK
        table = pq.read_table(tmp_path / "t.worksheets.pq")
        assert table.num_rows == 5
        assert table.column_names == [name for name, _ in WORKSHEET_COLUMNS]
        assert pq.read_table(tmp_path / "t.routing.pq").num_rows == 5

    def test_table_formats_need_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        """CSV cannot go to standard output: exit code 2."""
        code, _, err = run(capsys, "parse", "--example", "-f", "csv")
        assert code == cli.EXIT_USAGE
        assert "--output" in err

    def test_stdin_and_example(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``-`` reads standard input; ``--example`` reads the bundled sample."""
        stdin = io.TextIOWrapper(io.BytesIO(CLEAN.encode("utf-8")))
        monkeypatch.setattr(sys, "stdin", stdin)
        code, out, _ = run(capsys, "parse", "--example", "-", "-f", "jsonl")
        assert code == cli.EXIT_OK
        sources = [json.loads(line)["source"] for line in out.splitlines()]
        assert sources == ["<example:kennedy-1992-01-29.txt>", "<stdin>"]


class TestFailuresAndExitCodes:
    def test_bad_file_is_reported_and_skipped(
        self, capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
    ) -> None:
        """A missing file is reported on stderr; the others are written; exit code 1."""
        good = str(folder / "box1" / "packet-00001.txt")
        missing = str(tmp_path / "missing.txt")
        code, out, err = run(capsys, "parse", missing, good, "-f", "jsonl")
        assert code == cli.EXIT_FAILED
        assert f"{missing}: No such file" in err
        assert [json.loads(line)["source"] for line in out.splitlines()] == [good]
        assert "2 files (1 failed)" in err

    def test_parser_fault_is_reported_and_skipped(
        self, capsys: pytest.CaptureFixture[str], folder: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An exception in the parser fails that file only."""
        calls = iter([RuntimeError("boom"), None])

        real = parse_bytes

        def flaky(raw: bytes, **options: Any) -> Document:
            problem = next(calls)
            if problem is not None:
                raise problem
            return real(raw, **options)

        monkeypatch.setattr("worksheet_parser.cli.parse_bytes", flaky)
        first, second = (str(folder / "box1" / f"packet-0000{i}.txt") for i in (0, 1))
        code, out, err = run(capsys, "parse", first, second, "-f", "jsonl", "-j", "1")
        assert f"{first}: the parser failed on this input (RuntimeError('boom'))" in err
        assert code == cli.EXIT_FAILED
        assert [json.loads(line)["source"] for line in out.splitlines()] == [second]

    def test_strict_fails_inputs_with_problems(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--strict``: the sample's warnings fail it, with line, column and caret."""
        code, out, err = run(capsys, "parse", "--example", "--strict")
        assert code == cli.EXIT_FAILED
        assert out == ""
        assert "junk-dropped" in err
        assert "^" in err

    def test_nothing_to_read_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """No inputs: exit code 2."""
        code, _, _ = run(capsys, "parse")
        assert code == cli.EXIT_USAGE

    @pytest.mark.parametrize("jobs", ["0", "two"])
    def test_bad_jobs_is_a_usage_error(self, capsys: pytest.CaptureFixture[str], jobs: str) -> None:
        """``--jobs`` takes a whole number of at least 1."""
        with pytest.raises(SystemExit) as info:
            cli.main(["parse", "--example", "--jobs", jobs])
        assert info.value.code == cli.EXIT_USAGE


class TestProgressAndSummary:
    def test_no_progress_bar_when_not_a_terminal(
        self, capsys: pytest.CaptureFixture[str], folder: Path
    ) -> None:
        """Off a terminal, stderr holds only the summary: files, worksheets, codes, seconds."""
        code, _, err = run(capsys, "parse", str(folder), "-f", "jsonl")
        assert code == cli.EXIT_OK
        assert "\r" not in err
        assert re.search(r"5 files \(0 failed\), 5 worksheets in 5 packets, [\d.]+ s", err)
        assert "junk-dropped 25" in err

    def test_quiet_prints_nothing_on_stderr(
        self, capsys: pytest.CaptureFixture[str], folder: Path
    ) -> None:
        """``--quiet``: no progress, no summary."""
        code, _, err = run(capsys, "parse", str(folder), "-f", "jsonl", "--quiet")
        assert code == cli.EXIT_OK
        assert err == ""

    def test_progress_bar_on_a_terminal(
        self,
        capsys: pytest.CaptureFixture[str],
        folder: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """On a terminal, a progress bar counts the files."""
        monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
        code, _, err = run(capsys, "parse", str(folder), "-f", "jsonl", "-j", "1")
        assert code == cli.EXIT_OK
        assert "5/5" in err

    def test_progress_bar_starts_no_thread(self) -> None:
        """The bar runs no monitor thread, so ``--jobs`` workers can be forked warm.

        Checked in a fresh interpreter, where no earlier bar has started one.
        """
        code = (
            "import threading\n"
            "from worksheet_parser import cli\n"
            "bar = cli._progress(3, disable=False)\n"
            "bar.update(1)\n"
            "print(threading.active_count())\n"
            "bar.close()\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.strip() == "1"


class TestAtomicOutput:
    def test_interrupted_run_leaves_no_output(
        self,
        capsys: pytest.CaptureFixture[str],
        folder: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Ctrl-C mid-run: exit 130, the old output untouched, no temporary file left."""
        target = tmp_path / "out.jsonl"
        target.write_text("previous run\n")
        real = cli._work
        seen = 0

        def interrupt_on_third(options: Any, item: Any) -> Any:
            nonlocal seen
            seen += 1
            if seen == 3:
                raise KeyboardInterrupt
            return real(options, item)

        monkeypatch.setattr(cli, "_work", interrupt_on_third)
        code, _, err = run(
            capsys, "parse", str(folder), "-f", "jsonl", "-o", str(target), "-j", "1"
        )
        assert code == cli.EXIT_INTERRUPTED
        assert "interrupted" in err
        assert target.read_text() == "previous run\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]

    def test_killed_process_leaves_no_partial_tables(self, tmp_path: Path) -> None:
        """SIGTERM during a CSV run: exit 143, neither table exists, temporary files removed."""
        write_corpus(tmp_path / "in", 300)
        out = tmp_path / "out" / "all.csv"
        out.parent.mkdir()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "worksheet_parser.cli",
                "parse",
                str(tmp_path / "in"),
                "-f",
                "csv",
                "-o",
                str(out),
                "-j",
                "1",
                "-q",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while not any(out.parent.iterdir()) and proc.poll() is None:
            assert time.monotonic() < deadline, "the run never started writing"
            time.sleep(0.02)
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
        if proc.returncode == cli.EXIT_OK:  # pragma: no cover - finished before the signal
            pytest.skip("the run finished before it could be interrupted")
        assert proc.returncode == cli.EXIT_TERMINATED
        assert list(out.parent.iterdir()) == []

    def test_output_file_has_usual_permissions(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """The renamed file is readable by others as a normally created file is."""
        target = tmp_path / "doc.json"
        code, _, _ = run(capsys, "parse", "--example", "-o", str(target))
        assert code == cli.EXIT_OK
        umask = os.umask(0)
        os.umask(umask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask
        assert json.loads(target.read_text(encoding="utf-8"))["worksheets"][0]["id_number"]


class TestCheck:
    def test_prints_diagnostics_like_a_linter(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """``check`` prints FILE:LINE:COL: CODE message and exits 1 on warnings."""
        path = tmp_path / "sample.txt"
        path.write_text(example_text(), encoding="utf-8")
        code, out, _ = run(capsys, "check", str(path))
        assert code == cli.EXIT_FAILED
        lines = out.splitlines()
        assert lines
        for line in lines:
            assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: [a-z-]+ \S", line), line
        assert f"{path}:26:22: junk-dropped '- 1 2 2004'" in out
        assert "value-repaired" not in out

    def test_severity_info_shows_repairs(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """``--severity info`` adds the repairs."""
        path = tmp_path / "sample.txt"
        path.write_text(example_text(), encoding="utf-8")
        _, out, _ = run(capsys, "check", str(path), "--severity", "info")
        assert f"{path}:17:24: value-repaired" in out

    def test_clean_input_passes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A clean worksheet: no output, exit 0."""
        path = tmp_path / "clean.txt"
        path.write_text(CLEAN, encoding="utf-8")
        code, out, _ = run(capsys, "check", str(path))
        assert code == cli.EXIT_OK
        assert out == ""


class TestExplain:
    def test_shows_spans_and_repairs_under_the_text(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each line is listed; carets under it mark each field read and each repair."""
        code, out, _ = run(capsys, "explain", "--example")
        assert code == cli.EXIT_OK
        lines = out.splitlines()
        i = lines.index("17 | NAME OF CORRESPONDENT: THE HONCRABLE EDWARD M. KENNEDY")
        below = lines[i + 1 : i + 3]
        column = len("17 | NAME OF CORRESPONDENT: ")
        assert all(line.index("^") == column for line in below)
        assert any("value-repaired (info): 'THE HONCRABLE' -> 'THE HONORABLE'" in x for x in below)
        assert any('worksheets[0].correspondent = {"title": "THE HONORABLE"' in x for x in below)
        assert any('worksheets[0].routing[0].disposition_date = "1992-01-30"' in x for x in lines)
        assert any("── worksheets[0]: lines 9-" in x for x in lines)

    def test_missing_file_exits_1(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An unreadable file: a message and exit code 1."""
        code, _, err = run(capsys, "explain", str(tmp_path / "missing.txt"))
        assert code == cli.EXIT_FAILED
        assert "missing.txt" in err
