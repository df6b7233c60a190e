"""Encodings, ``check`` as a linter, ``evaluate`` and ``explain`` at their edges."""

from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CLEAN, SAMPLE
from worksheet_parser import cli, parse_bytes
from worksheet_parser._text._decode import MAX_LISTED, decode


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


LATIN = CLEAN.replace("EDWARD M. KENNEDY", "JOSÉ MUÑOZ").encode("latin-1")


class TestEncodings:
    def test_encoding_option_reads_latin1(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """``--encoding latin-1`` reads the accents; no diagnostic about bytes."""
        path = tmp_path / "latin.txt"
        path.write_bytes(LATIN)
        code, out, _ = run(capsys, "parse", str(path), "--encoding", "latin-1", "-q")
        assert code == cli.EXIT_OK
        record = json.loads(out)
        assert record["worksheets"][0]["correspondent"]["name"] == "JOSÉ MUÑOZ"
        assert not [d for d in record["diagnostics"] if d["code"] == "decode-error"]

    def test_undecodable_bytes_are_visible_and_reported(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Read as UTF-8, each bad byte shows as U+FFFD and is reported with its offset."""
        path = tmp_path / "latin.txt"
        path.write_bytes(LATIN)
        code, out, _ = run(capsys, "parse", str(path), "-q")
        assert code == cli.EXIT_OK
        record = json.loads(out)
        assert record["worksheets"][0]["correspondent"]["name"] == "JOS\ufffd MU\ufffdOZ"
        errors = [d for d in record["diagnostics"] if d["code"] == "decode-error"]
        offsets = [LATIN.index(b"\xc9"), LATIN.index(b"\xd1")]
        assert [e["message"].split(" are ")[0] for e in errors] == [
            f"bytes {o}..{o + 1}" for o in offsets
        ]
        text = LATIN.decode("utf-8", errors="replace")
        assert [e["span"]["start"] for e in errors] == [
            i for i, c in enumerate(text) if c == "\ufffd"
        ]

    @pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
    def test_byte_order_mark_and_utf16_are_recognised(self, codec: str) -> None:
        """UTF-16 with or without a byte-order mark, UTF-32 and UTF-8 with a BOM read alike."""
        doc = parse_bytes(CLEAN.encode(codec))
        assert doc.worksheets[0].correspondent is not None
        assert doc.worksheets[0].correspondent.name == "EDWARD M. KENNEDY"
        assert not [d for d in doc.diagnostics if d.code == "decode-error"]
        detected = [d for d in doc.diagnostics if d.code == "encoding-detected"]
        assert len(detected) == (0 if codec == "utf-8-sig" else 1)

    def test_explain_shows_bad_bytes_and_reads_the_encoding(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "latin.txt"
        path.write_bytes(LATIN)
        code, out, _ = run(capsys, "explain", str(path))
        assert code == cli.EXIT_OK
        assert "decode-error (warning): bytes " in out
        _, out, _ = run(capsys, "explain", str(path), "--encoding", "latin-1")
        assert '"name": "JOSÉ MUÑOZ"' in out
        assert "decode-error" not in out

    def test_unknown_encoding_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "parse", "--example", "--encoding", "klingon")
        assert code == cli.EXIT_USAGE
        assert "unknown encoding 'klingon'" in err

    def test_many_bad_runs_are_counted_not_all_listed(self) -> None:
        raw = b"ID# 1\n" + b"a\xff" * (MAX_LISTED + 50)
        doc = parse_bytes(raw)
        errors = [d for d in doc.diagnostics if d.code == "decode-error"]
        assert len(errors) == MAX_LISTED
        assert "50 later unreadable sequence(s)" in errors[-1].message

    @given(st.binary(max_size=300), st.sampled_from([None, "utf-8", "latin-1", "utf-16-le"]))
    def test_decoding_is_total_and_loses_nothing(self, raw: bytes, encoding: str | None) -> None:
        """Any bytes decode; every listed bad run stands as U+FFFD at its offset, and is bad."""
        decoded = decode(raw, encoding)
        listed = sum(b.chars for b in decoded.bad)
        assert listed <= decoded.bad_total
        for bad in decoded.bad:
            assert decoded.text[bad.at : bad.at + bad.chars] == "\ufffd" * bad.chars
            with pytest.raises(UnicodeDecodeError):
                raw[bad.start : bad.end].decode(decoded.encoding)
        if not decoded.bad_total:
            skip = next(
                (
                    len(b)
                    for b in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
                    if decoded.detected == "byte-order mark" and raw.startswith(b)
                ),
                0,
            )
            if decoded.encoding.startswith("utf-32"):
                skip = 4 if decoded.detected == "byte-order mark" else 0
            assert decoded.text.encode(decoded.encoding) == raw[skip:] or (
                encoding is None and raw.startswith(codecs.BOM_UTF8)
            )

    def test_stdout_is_utf8_json_whatever_the_locale(self, tmp_path: Path) -> None:
        """On an ASCII terminal or pipe, JSON output is still valid UTF-8: never ``?``."""
        path = tmp_path / "latin.txt"
        path.write_bytes(LATIN)
        env = {**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C", "PYTHONUTF8": "0"}
        proc = subprocess.run(
            [sys.executable, "-m", "worksheet_parser", "parse", str(path), "--encoding", "cp1252"],
            capture_output=True,
            env=env,
            check=False,
            timeout=120,
        )
        assert proc.returncode == cli.EXIT_OK, proc.stderr
        record = json.loads(proc.stdout.decode("utf-8"))
        assert record["worksheets"][0]["correspondent"]["name"] == "JOSÉ MUÑOZ"
        assert b"JOS?" not in proc.stdout


class TestCheckRules:
    @pytest.mark.parametrize(
        ("text", "why"),
        [("", "the input is empty"), ("Dear Sir,\nThank you for your letter.\n", "2 line(s)")],
    )
    def test_no_recognisable_block_is_a_warning(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, why: str
    ) -> None:
        """An empty file or a page of prose fails ``check`` with a ``no-block`` warning."""
        path = tmp_path / "page.txt"
        path.write_text(text)
        code, out, _ = run(capsys, "check", str(path), "-q")
        assert code == cli.EXIT_FAILED
        assert out.startswith(f"{path}:1:1: no-block ")
        assert why in out

    def test_select_and_ignore(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--select`` keeps only the codes named; ``--ignore`` drops codes; exit follows."""
        _, out, _ = run(capsys, "check", "--example", "-q", "--select", "signature-unsplit")
        assert [line.split(": ")[1].split()[0] for line in out.splitlines()] == [
            "signature-unsplit"
        ]
        argv = ["check", "--example", "-q", "--ignore", "junk-dropped,unplaced-text"]
        code, out, _ = run(capsys, *argv, "--ignore", "signature-unsplit")
        assert (code, out) == (cli.EXIT_OK, "")

    def test_unknown_code_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "check", "--example", "--select", "junk-droped")
        assert code == cli.EXIT_USAGE
        assert "junk-droped" in err

    def test_configuration_in_pyproject(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``[tool.worksheet-parser]`` in the nearest pyproject.toml sets defaults; options win."""
        (tmp_path / "pyproject.toml").write_text(
            '[tool.worksheet-parser]\nignore = ["junk-dropped"]\noutput-format = "github"\n'
        )
        (tmp_path / "sub").mkdir()
        monkeypatch.chdir(tmp_path / "sub")
        _, out, _ = run(capsys, "check", "--example", "-q")
        assert out
        assert all(line.startswith("::warning file=") for line in out.splitlines())
        assert "junk-dropped" not in out
        _, out, _ = run(capsys, "check", "--example", "-q", "--ignore", "unplaced-text")
        assert "title=junk-dropped" in out
        assert "unplaced-text" not in out

    def test_bad_configuration_is_a_usage_error(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        (tmp_path / "pyproject.toml").write_text('[tool.worksheet-parser]\nselct = ["x"]\n')
        monkeypatch.chdir(tmp_path)
        code, _, err = run(capsys, "check", "--example")
        assert code == cli.EXIT_USAGE
        assert "unknown key 'selct'" in err

    def test_strict_fails_on_warnings_whatever_is_shown(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--severity error`` shows no warning (exit 0); ``--strict`` still fails on them."""
        assert run(capsys, "check", "--example", "-q", "--severity", "error")[:2] == (0, "")
        code, out, _ = run(capsys, "check", "--example", "-q", "--severity", "error", "--strict")
        assert (code, out) == (cli.EXIT_FAILED, "")

    def test_the_sample_fails_strict_for_its_real_problems_only(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The bundled packet's warnings are the handwriting the OCR destroyed (junk kept
        out of the routing table), one merged OCR line, and two signatures run together:
        nothing else."""
        code, out, _ = run(capsys, "check", "--example", "--strict", "-q")
        assert code == cli.EXIT_FAILED
        codes = [line.split(": ")[1].split()[0] for line in out.splitlines()]
        assert set(codes) == {"junk-dropped", "unplaced-text", "signature-unsplit"}


class TestCheckFormats:
    def test_json_is_one_document(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "empty.txt"
        path.write_text("")
        code, out, _ = run(capsys, "check", "--example", str(path), "-q", "--output-format", "json")
        assert code == cli.EXIT_FAILED
        found = json.loads(out)
        assert {f["file"] for f in found} == {"<example:kennedy-1992-01-29.txt>", str(path)}
        assert {"file", "line", "column", "code", "severity", "message"} <= set(found[0])

    def test_github_annotations(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "check", "--example", "-q", "--output-format", "github")
        lines = out.splitlines()
        assert lines
        pattern = r"^::(warning|error|notice) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::\S"
        assert all(re.match(pattern, line) for line in lines), lines
        assert "file=<example%3Akennedy-1992-01-29.txt>,line=26,col=22,title=junk-dropped" in out

    def test_sarif(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A SARIF 2.1.0 log: one run, a rule per code, results with their locations."""
        _, out, _ = run(capsys, "check", "--example", "-q", "--output-format", "sarif")
        log = json.loads(out)
        assert log["version"] == "2.1.0"
        (run_,) = log["runs"]
        rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
        assert "junk-dropped" in rules
        first = run_["results"][0]
        assert rules[first["ruleIndex"]] == first["ruleId"]
        region = first["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (25, 51)


class TestEvaluateAndExplain:
    def test_evaluate_with_nothing_scored_fails(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A folder without gold records scores 0 fields: no 100%, exit 1."""
        code, out, err = run(capsys, "evaluate", str(tmp_path))
        assert code == cli.EXIT_FAILED
        assert "100.00%" not in out
        assert "no field was scored" in err

    def test_explain_cannot_write_is_a_message(self) -> None:
        """``explain`` to a full device: one line on standard error, exit 1, no traceback."""
        if not os.path.exists("/dev/full"):  # pragma: no cover - Linux has it
            pytest.skip("no /dev/full")
        with open("/dev/full", "w") as full:
            proc = subprocess.run(
                [sys.executable, "-m", "worksheet_parser", "explain", str(SAMPLE)],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
                timeout=120,
            )
        assert proc.returncode == cli.EXIT_FAILED
        assert "cannot write the listing" in proc.stderr
        assert "Traceback" not in proc.stderr


class TestRenderers:
    @given(st.text(), st.text(), st.sampled_from(["info", "warning", "error"]))
    def test_one_annotation_per_finding_whatever_the_text(
        self, file: str, message: str, severity: str
    ) -> None:
        """A GitHub annotation is always one line; SARIF and JSON always parse."""
        from worksheet_parser._outputs._lint import (
            Finding,
            render_github,
            render_json,
            render_sarif,
        )

        finding = Finding(file or "x", 3, 4, "junk-dropped", severity, message)
        github = render_github([finding])
        assert github.endswith("\n")
        assert github.count("\n") == 1
        assert "\r" not in github
        assert json.loads(render_json([finding]))[0]["message"] == message
        sarif = json.loads(render_sarif([finding], version="1"))
        assert sarif["runs"][0]["results"][0]["message"]["text"] == message
