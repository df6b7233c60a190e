"""The command line on hostile or unlucky inputs.

File names of any bytes, special files and links in folders, files too large
to read, files that take too long, workers that die, form feeds and terminal
escape sequences in the text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CLEAN
from tests.test_batch import write_corpus
from worksheet_parser import Document, batch, cli, parse_bytes
from worksheet_parser.batch import SkippedInputWarning, iter_files, parse_paths

BAD_NAME = b"caf\xe9-\xff.txt"
"""A file name that is not UTF-8 (Latin-1 bytes, as an old archive's disk gives them)."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _cli(*argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the command in a process of its own (a hang fails the test instead of the run)."""
    return subprocess.run(
        [sys.executable, "-m", "worksheet_parser.cli", *argv],
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def bad_name_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "box"
    write_corpus(folder, 2)
    try:
        with open(os.path.join(os.fsencode(folder), BAD_NAME), "wb") as fh:
            fh.write(CLEAN.encode())
    except OSError:  # pragma: no cover - a file system that takes UTF-8 names only
        pytest.skip("this file system refuses names that are not UTF-8")
    return folder


class TestFileNames:
    @pytest.mark.parametrize("fmt", ["json", "jsonl"])
    def test_name_not_utf8_is_escaped_in_records(
        self, capsys: pytest.CaptureFixture[str], bad_name_folder: Path, tmp_path: Path, fmt: str
    ) -> None:
        """Every file is written; the odd name reads back as the same bytes."""
        out = tmp_path / f"out.{fmt}"
        code, _, err = run(capsys, "parse", str(bad_name_folder), "-f", fmt, "-o", str(out), "-j1")
        assert code == cli.EXIT_OK, err
        text = out.read_text(encoding="utf-8")
        assert "\\udce9" in text
        if fmt == "json":
            records = json.loads(text)  # several inputs: one JSON array
            assert isinstance(records, list)
        else:
            records = [json.loads(line) for line in text.splitlines()]
        sources = {os.fsencode(r["source"]) for r in records}
        assert os.path.join(os.fsencode(bad_name_folder), BAD_NAME) in sources
        assert len(sources) == 3

    def test_name_not_utf8_in_csv(
        self, capsys: pytest.CaptureFixture[str], bad_name_folder: Path, tmp_path: Path
    ) -> None:
        """CSV tables hold the name with its odd bytes written as escapes."""
        out = tmp_path / "t.csv"
        code, _, err = run(capsys, "parse", str(bad_name_folder), "-f", "csv", "-o", str(out))
        assert code == cli.EXIT_OK, err
        table = (tmp_path / "t.worksheets.csv").read_text(encoding="utf-8")
        assert "caf\\udce9-\\udcff.txt" in table

    def test_name_shown_safely_in_messages(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A name with a terminal escape sequence is shown escaped, not sent to the terminal."""
        path = tmp_path / "evil\x1b[2J.txt"
        path.write_text("ID# 1\nTHE WHITE HOUSE\nCORRESPONDENCE TRACKING WORKSHEET\n")
        code, out, _ = run(capsys, "check", str(path), "-q")
        assert code == cli.EXIT_FAILED
        assert "\x1b" not in out
        assert "evil\\x1b[2J.txt:1:1: " in out


class TestSpecialFiles:
    def test_fifo_in_a_folder_is_skipped(self, tmp_path: Path) -> None:
        """A FIFO named *.txt is never opened (it would block); the batch goes on."""
        write_corpus(tmp_path / "box", 2)
        os.mkfifo(tmp_path / "box" / "pipe.txt")
        done = _cli("parse", str(tmp_path / "box"), "-f", "jsonl", "-j", "1", timeout=60)
        assert done.returncode == cli.EXIT_OK, done.stderr
        assert len(done.stdout.splitlines()) == 2
        assert "pipe.txt: skipped: a FIFO" in done.stderr

    def test_symlinks_in_folders_followed_only_when_asked(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A link inside a folder is skipped with a warning, unless ``--follow-symlinks``."""
        (outside,) = write_corpus(tmp_path / "outside", 1, start=700000)
        box = tmp_path / "box"
        write_corpus(box, 1)
        (box / "link.txt").symlink_to(outside)
        (box / "loop").symlink_to(box)  # a loop: followed once, never again
        code, out, err = run(capsys, "parse", str(box), "-f", "jsonl", "-j", "1")
        assert code == cli.EXIT_OK
        assert "700000" not in out
        assert "link.txt: skipped: a symbolic link" in err
        code, out, err = run(
            capsys, "parse", str(box), "-f", "jsonl", "-j", "1", "--follow-symlinks"
        )
        assert code == cli.EXIT_OK
        assert out.count('"700000"') == 1
        assert "already searched" in err

    def test_iter_files_warns_of_what_it_skips(self, tmp_path: Path) -> None:
        """The library reports skipped paths as warnings, or to ``on_skip``."""
        write_corpus(tmp_path, 1)
        os.mkfifo(tmp_path / "pipe.txt")
        with pytest.warns(SkippedInputWarning, match="FIFO"):
            found = list(iter_files([tmp_path]))
        assert [Path(p).name for p in found] == ["packet-00000.txt"]
        told: list[tuple[str, str]] = []
        list(iter_files([tmp_path], on_skip=lambda p, r: told.append((p, r))))
        assert told == [(str(tmp_path / "pipe.txt"), told[0][1])]
        assert "FIFO" in told[0][1]


class TestSize:
    def test_size_checked_before_reading(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A sparse file over the limit is refused without being read."""
        big = tmp_path / "big.txt"
        with open(big, "wb") as fh:
            fh.truncate(1 << 30)
        code, _, err = run(capsys, "parse", str(big), "-j", "1")
        assert code == cli.EXIT_FAILED
        assert "1,073,741,824 bytes, more than the limit" in err

    def test_endless_device_is_read_up_to_the_limit(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``/dev/zero`` given by name is read to the limit and refused, not to MemoryError."""
        code, _, err = run(capsys, "parse", "/dev/zero", "-j", "1")
        assert code == cli.EXIT_FAILED
        assert "more than the limit" in err

    def test_parse_paths_checks_size_first(self, tmp_path: Path) -> None:
        """``parse_paths`` refuses a file over the limit as a read failure."""
        big = tmp_path / "big.txt"
        with open(big, "wb") as fh:
            fh.truncate(1 << 30)
        (result,) = parse_paths([big], jobs=1)
        assert not result.ok
        assert "larger than the limit" in str(result.outcome)


def _slow_on(marker: bytes) -> object:
    def slow(raw: bytes, **kwargs: object) -> Document:
        if marker in raw:
            time.sleep(60)
        return parse_bytes(raw)

    return slow


class TestTimeoutAndFaults:
    @pytest.mark.parametrize("jobs", ["1", "2"])
    def test_timeout_fails_one_file(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        jobs: str,
    ) -> None:
        """``--timeout``: a file that takes too long is reported failed; the rest is written."""
        write_corpus(tmp_path / "box", 4)
        monkeypatch.setattr(cli, "parse_bytes", _slow_on(b"ID# 400002"))
        monkeypatch.setattr(batch, "_start_method", lambda: "fork")  # workers see the patch
        out = tmp_path / "out.jsonl"
        start = time.monotonic()
        code, _, err = run(
            capsys, "parse", str(tmp_path / "box"), "-f", "jsonl", "-o", str(out),
            "-j", jobs, "--timeout", "0.5",
        )  # fmt: skip
        assert time.monotonic() - start < 30
        assert code == cli.EXIT_FAILED
        assert "packet-00002.txt: stopped after 0.5 s (the time limit)" in err
        ids = [
            json.loads(line)["worksheets"][0]["id_number"] for line in out.read_text().splitlines()
        ]
        assert ids == ["400000", "400001", "400003"]

    def test_timeout_must_be_positive(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A time limit that is not a positive number of seconds is a usage error."""
        with pytest.raises(SystemExit) as exc:
            cli.main(["parse", "--example", "--timeout", "0"])
        assert exc.value.code == cli.EXIT_USAGE

    def test_killed_worker_costs_one_file(self, tmp_path: Path) -> None:
        """A worker killed (as by the OOM killer) on one file: every other file is written."""
        paths = write_corpus(tmp_path / "box", 12)
        # A fresh interpreter (no thread of the test session's), so that the
        # workers are forked and carry the killer patched in below.
        driver = tmp_path / "driver.py"
        driver.write_text(
            "import os, signal, sys\n"
            "from worksheet_parser import cli, parse_bytes\n"
            "parent = os.getpid()\n"
            "def killer(raw, **kwargs):\n"
            "    if b'ID# 400000' in raw and os.getpid() != parent:\n"
            "        os.kill(os.getpid(), signal.SIGKILL)\n"
            "    return parse_bytes(raw, **kwargs)\n"
            "cli.parse_bytes = killer\n"
            "sys.exit(cli.main(sys.argv[1:]))\n",
            encoding="utf-8",
        )
        out = tmp_path / "out.jsonl"
        argv = ["parse", str(tmp_path / "box"), "-f", "jsonl", "-o", str(out), "-j", "2", "-q"]
        proc = subprocess.run(
            [sys.executable, str(driver), *argv],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        code, err = proc.returncode, proc.stderr
        ids = [
            json.loads(line)["worksheets"][0]["id_number"] for line in out.read_text().splitlines()
        ]
        assert ids == [str(400000 + i) for i in range(1, len(paths))]
        assert code == cli.EXIT_FAILED
        assert "packet-00000.txt: the worker process reading this file was killed" in err
        assert "SIGKILL" in err


FORM_FEED_TEXT = (
    "ID# 303373\n\x0cTHE WHITE HOUSE\n\x0c\x0cCORRESPONDENCE TRACKING WORKSHEET\n"
    "\x0c\nDATE RECEIVED: JANUARY 3X, 1992\n"
)


class TestLinesAndEscapes:
    def test_check_counts_lines_as_editors_do(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Form feeds are not line breaks: the date problem is on line 5, as an editor shows."""
        path = tmp_path / "ff.txt"
        path.write_bytes(FORM_FEED_TEXT.encode())
        code, out, _ = run(capsys, "check", str(path), "-q")
        assert code == cli.EXIT_FAILED
        assert f"{path}:5:16: date-unreadable" in out

    def test_strict_errors_escape_control_characters(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """``--strict`` errors show the input's escape sequences escaped, never raw."""
        path = tmp_path / "esc.txt"
        path.write_bytes(FORM_FEED_TEXT.replace("1992", "19\x1b]0;pwned\x07 92").encode())
        code, _, err = run(capsys, "parse", str(path), "--strict", "-j", "1")
        assert code == cli.EXIT_FAILED
        assert "\x1b" not in err
        assert "\x07" not in err
        assert "\\x1b]0;pwned\\x07" in err
        assert "5:" in err

    def test_explain_numbers_lines_as_editors_do(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """``explain`` numbers the lines as ``check`` and editors do, form feeds or not."""
        path = tmp_path / "ff.txt"
        path.write_bytes(FORM_FEED_TEXT.encode())
        code, out, _ = run(capsys, "explain", str(path))
        assert code == cli.EXIT_OK
        assert "worksheets[0]: lines 1-5" in out
        assert " 5 | DATE RECEIVED: JANUARY 3X, 1992" in out


def test_endless_standard_input_is_refused() -> None:
    """``-`` reads standard input to the size limit and one byte, then refuses it."""
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [sys.executable, "-m", "worksheet_parser.cli", "parse", "-", "-q"],
            stdin=zero,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == cli.EXIT_FAILED
    assert "<stdin>: more than the limit of 67,108,864 bytes" in done.stderr
