"""The command line is safe with a user's files: what it writes, where, and when it refuses."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from tests.test_batch import write_corpus
from worksheet_parser import cli
from worksheet_parser._outputs import _files as _output


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every input the command parses, in order (empty when it refused before parsing)."""
    seen: list[Any] = []
    real = cli._work

    def work(options: Any, item: Any) -> Any:
        seen.append(item)
        return real(options, item)

    monkeypatch.setattr(cli, "_work", work)
    return seen


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "in.txt"
    shutil.copyfile(SAMPLE, path)
    return path


class TestRefusedTargets:
    def test_symlink_is_never_written_through(
        self, capsys: pytest.CaptureFixture[str], sample: Path, counted: list[Any]
    ) -> None:
        """``-o LINK``: refused before parsing, exit 1; the link and what it points to unchanged."""
        victim = sample.parent / "victim.txt"
        victim.write_text("keep me\n")
        link = sample.parent / "out.json"
        link.symlink_to(victim)
        code, out, err = run(capsys, "parse", str(sample), "-o", str(link), "-q")
        assert code == cli.EXIT_FAILED
        assert "symbolic link" in err
        assert link.is_symlink()
        assert victim.read_text() == "keep me\n"
        assert counted == []
        assert out == ""

    def test_fifo_is_refused_without_blocking(
        self, capsys: pytest.CaptureFixture[str], sample: Path, counted: list[Any]
    ) -> None:
        """``-o FIFO`` is refused at once (it is never opened, so the run cannot hang)."""
        fifo = sample.parent / "out.json"
        os.mkfifo(fifo)
        code, _, err = run(capsys, "parse", str(sample), "-o", str(fifo), "-q")
        assert code == cli.EXIT_FAILED
        assert "FIFO" in err
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert counted == []

    def test_an_input_is_never_overwritten(
        self, capsys: pytest.CaptureFixture[str], sample: Path, counted: list[Any]
    ) -> None:
        """``-o`` naming an input, a hard link to it, or an input found in a folder: refused."""
        before = sample.read_bytes()
        hard = sample.parent / "hard.json"
        os.link(sample, hard)
        for target, source in ((sample, sample), (hard, sample), (sample, sample.parent)):
            code, _, err = run(capsys, "parse", str(source), "-o", str(target), "-q")
            assert code == cli.EXIT_FAILED
            assert "one of the inputs" in err
        assert sample.read_bytes() == before
        assert counted == []

    def test_csv_table_over_an_input_is_refused(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A derived table name (``out.routing.csv``) that is an input is refused too."""
        data = tmp_path / "out.routing.csv"
        shutil.copyfile(SAMPLE, data)
        code, _, err = run(
            capsys, "parse", str(data), "-f", "csv", "-o", str(tmp_path / "out.csv"), "-q"
        )
        assert code == cli.EXIT_FAILED
        assert "one of the inputs" in err
        assert data.read_bytes() == SAMPLE.read_bytes()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.routing.csv"]

    def test_existing_folder_refused_before_parsing(
        self, capsys: pytest.CaptureFixture[str], sample: Path, counted: list[Any]
    ) -> None:
        """``-o FOLDER`` fails at once, not after the whole batch was parsed."""
        folder = sample.parent / "results"
        folder.mkdir()
        code, _, err = run(capsys, "parse", str(sample), "-o", str(folder), "-q")
        assert code == cli.EXIT_FAILED
        assert "is a folder" in err
        assert counted == []
        assert list(folder.iterdir()) == []

    def test_missing_folder_refused_before_parsing(
        self, capsys: pytest.CaptureFixture[str], sample: Path, counted: list[Any]
    ) -> None:
        code, _, err = run(capsys, "parse", str(sample), "-o", str(sample.parent / "no/x.json"))
        assert code == cli.EXIT_FAILED
        assert "no/x.json" in err
        assert counted == []


def _read_only_mount(path: Path) -> Any:
    """A ``preexec_fn`` that makes ``path`` a read-only bind mount in a mount namespace of
    the child's own: a file system the superuser cannot write either."""
    target = os.fsencode(path)

    def enter() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        clone_newns, ms_rdonly, ms_remount, ms_bind = 0x20000, 1, 32, 4096
        ms_rec, ms_private = 16384, 1 << 18
        # Each step only once the one before it worked: the first puts the
        # process in a namespace of its own, so nothing outside it changes.
        if (
            libc.unshare(clone_newns) != 0
            or libc.mount(None, b"/", None, ms_rec | ms_private, None) != 0
            or libc.mount(target, target, None, ms_bind, None) != 0
            or libc.mount(None, target, None, ms_remount | ms_bind | ms_rdonly, None) != 0
        ):
            raise OSError(ctypes.get_errno(), "cannot make a read-only mount")

    return enter


class TestReadOnlyFolder:
    def test_read_only_folder_refused_before_parsing(self, tmp_path: Path) -> None:
        """``-o`` in a folder that cannot be written: refused at once, exit 1, nothing left.

        The superuser may write in any folder whatever its permission bits, so
        a ``chmod 555`` folder proves nothing when the tests run as root.
        Here the folder is a read-only bind mount, made in a mount namespace
        of the command's own process (as root); as another user, plain
        ``chmod 555``.  Either way the refusal comes from really trying to
        create the file, as it would for any user.
        """
        out_dir = tmp_path / "ro"
        out_dir.mkdir()
        target = out_dir / "out.json"
        options: dict[str, Any] = {}
        if os.geteuid() == 0:
            options["preexec_fn"] = _read_only_mount(out_dir)
        else:  # pragma: no cover - the suite runs as root in CI
            out_dir.chmod(0o555)
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "worksheet_parser", "parse", "--example", "-o", str(target)],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
                **options,
            )
        except subprocess.SubprocessError as exc:  # pragma: no cover - no mount namespaces
            pytest.skip(f"cannot make a read-only folder here: {exc}")
        finally:
            out_dir.chmod(0o755)
        assert proc.returncode == cli.EXIT_FAILED, proc.stderr
        assert f"{target}: cannot create a file in {out_dir}" in proc.stderr
        assert "Read-only file system" in proc.stderr or "Permission denied" in proc.stderr
        assert "Traceback" not in proc.stderr
        assert "worksheet" not in proc.stderr.split("cannot create")[1]  # nothing was parsed
        assert list(out_dir.iterdir()) == []

    def test_refusal_comes_from_creating_the_file(
        self, capsys: pytest.CaptureFixture[str], sample: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Whatever ``os.access`` would say, a folder that will not take the file is refused."""

        def read_only(*args: Any, **kwargs: Any) -> Any:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("worksheet_parser._outputs._files.tempfile.mkstemp", read_only)
        code, _, err = run(capsys, "parse", str(sample), "-o", str(sample.parent / "o.json"))
        assert code == cli.EXIT_FAILED
        assert "cannot create a file" in err


class TestWhatIsWritten:
    def test_dash_is_standard_output(
        self,
        capsys: pytest.CaptureFixture[str],
        sample: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """``-o -`` writes to standard output and creates no file named ``-``."""
        monkeypatch.chdir(sample.parent)
        code, out, _ = run(capsys, "parse", str(sample), "-o", "-", "-q")
        assert code == cli.EXIT_OK
        assert json.loads(out)["worksheets"][0]["id_number"] == "303373"
        assert not (sample.parent / "-").exists()

    def test_tables_to_dash_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "parse", "--example", "-f", "csv", "-o", "-")
        assert code == cli.EXIT_USAGE
        assert "--output PATH" in err

    def test_replaced_file_keeps_its_permissions(
        self, capsys: pytest.CaptureFixture[str], sample: Path
    ) -> None:
        """A 0600 output stays 0600 when a run replaces it (a new file gets 0666 less umask)."""
        target = sample.parent / "private.json"
        target.write_text("old\n")
        target.chmod(0o600)
        code, _, _ = run(capsys, "parse", str(sample), "-o", str(target), "-q")
        assert code == cli.EXIT_OK
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert json.loads(target.read_text())["source"] == str(sample)

    def test_several_inputs_make_one_json_document(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """``-f json`` with several inputs (or a folder) is one JSON array; one file, one object."""
        write_corpus(tmp_path / "box", 3)
        code, out, _ = run(capsys, "parse", str(tmp_path / "box"), "-q", "-j", "1")
        assert code == cli.EXIT_OK
        records = json.loads(out)
        assert [r["worksheets"][0]["id_number"] for r in records] == ["400000", "400001", "400002"]
        one = str(tmp_path / "box" / "packet-00000.txt")
        _, out, _ = run(capsys, "parse", one, one, "-q", "--compact")
        assert len(json.loads(out)) == 2
        _, out, _ = run(capsys, "parse", one, "-q")
        assert json.loads(out)["source"] == one

    def test_all_inputs_failing_still_gives_valid_json(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        code, out, _ = run(capsys, "parse", str(tmp_path / "a"), str(tmp_path / "b"), "-q")
        assert code == cli.EXIT_FAILED
        assert json.loads(out) == []


def _start(argv: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "worksheet_parser", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


class TestInterrupted:
    @pytest.mark.parametrize(
        ("signum", "expected"),
        [
            (signal.SIGINT, cli.EXIT_INTERRUPTED),
            (signal.SIGTERM, cli.EXIT_TERMINATED),
            (signal.SIGHUP, cli.EXIT_HANGUP),
        ],
    )
    def test_signal_leaves_old_output_and_no_temporary_file(
        self, tmp_path: Path, signum: int, expected: int
    ) -> None:
        """Ctrl-C, SIGTERM or SIGHUP mid-run: the earlier output is untouched, no ``.part``
        file is left."""
        write_corpus(tmp_path / "in", 300)
        out = tmp_path / "out"
        out.mkdir()
        target = out / "all.jsonl"
        target.write_text("previous run\n")
        proc = _start(["parse", str(tmp_path / "in"), "-f", "jsonl", "-o", str(target), "-j", "1"])
        deadline = time.monotonic() + 60
        while len(list(out.iterdir())) < 2 and proc.poll() is None:
            assert time.monotonic() < deadline, "the run never started writing"
            time.sleep(0.01)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
        if target.read_text() != "previous run\n":  # pragma: no cover - a loaded machine
            # The run wrote its output before the signal came (the test was not
            # scheduled in time): there was nothing left to interrupt.
            assert list(out.glob("*.part")) == []
            pytest.skip("the run finished before it could be interrupted")
        assert proc.returncode == expected, err
        assert b"Traceback" not in err
        assert [p.name for p in out.iterdir()] == ["all.jsonl"]
        assert target.read_text() == "previous run\n"


class TestOutputDir:
    def test_one_result_per_input_mirroring_the_tree(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """``--output-dir`` writes DIR/<input folder>/<sub>/<name>.json, one per input."""
        write_corpus(tmp_path / "scans" / "box1", 2)
        write_corpus(tmp_path / "scans" / "box2", 1, start=500000)
        out = tmp_path / "results"
        code, _, err = run(capsys, "parse", str(tmp_path / "scans"), "--output-dir", str(out))
        assert code == cli.EXIT_OK
        files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
        assert files == [
            "scans/box1/packet-00000.txt.json",
            "scans/box1/packet-00001.txt.json",
            "scans/box2/packet-00000.txt.json",
        ]
        record = json.loads((out / files[2]).read_text())
        assert record["worksheets"][0]["id_number"] == "500000"
        assert "(3 done, 0 skipped, 0 failed)" in err

    def test_skip_existing_resumes(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, counted: list[Any]
    ) -> None:
        """A second run with ``--skip-existing`` parses only what has no result yet."""
        write_corpus(tmp_path / "in", 4)
        out = tmp_path / "out"
        # One process: the counting stand-in for ``_work`` cannot be sent to workers.
        argv = ("parse", str(tmp_path / "in"), "--output-dir", str(out), "-f", "jsonl", "-j", "1")
        run(capsys, *argv)
        (out / "in" / "packet-00001.txt.jsonl").unlink()
        counted.clear()
        code, _, err = run(capsys, *argv, "--skip-existing")
        assert code == cli.EXIT_OK
        assert [Path(str(p)).name for p in counted] == ["packet-00001.txt"]
        assert "4 files (1 done, 3 skipped, 0 failed)" in err
        assert len(list((out / "in").iterdir())) == 4

    def test_interrupted_run_resumes_where_it_stopped(self, tmp_path: Path) -> None:
        """Killed mid-run: every result there is complete, none half-written; a resume ends it."""
        write_corpus(tmp_path / "in", 200)
        out = tmp_path / "out"
        argv = ["parse", str(tmp_path / "in"), "--output-dir", str(out), "-j", "1"]
        proc = _start(argv)
        deadline = time.monotonic() + 60
        while proc.poll() is None and len(list(out.rglob("*.json"))) < 5:
            assert time.monotonic() < deadline, "the run never started writing"
            time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=60)
        if len(list(out.rglob("*.json"))) == 200:  # pragma: no cover - a loaded machine
            pytest.skip("the run finished before it could be interrupted")
        assert proc.returncode == cli.EXIT_INTERRUPTED
        done = sorted(out.rglob("*.json"))
        assert 0 < len(done) < 200
        assert list(out.rglob("*.part")) == []
        for path in done:
            json.loads(path.read_text())
        resume = subprocess.run(
            [sys.executable, "-m", "worksheet_parser", *argv, "--skip-existing"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert resume.returncode == cli.EXIT_OK, resume.stderr
        assert f"({200 - len(done)} done, {len(done)} skipped, 0 failed)" in resume.stderr
        assert len(list(out.rglob("*.json"))) == 200

    def test_symlink_inside_the_folder_cannot_lead_out(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A folder in DIR that is a link elsewhere is not written through; other inputs are."""
        write_corpus(tmp_path / "in" / "a", 1)
        write_corpus(tmp_path / "in" / "b", 1, start=500000)
        out = tmp_path / "out"
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        (out / "in").mkdir(parents=True)
        (out / "in" / "a").symlink_to(elsewhere)
        code, _, err = run(capsys, "parse", str(tmp_path / "in"), "--output-dir", str(out), "-q")
        assert code == cli.EXIT_FAILED
        assert "leads out of" in err
        assert list(elsewhere.iterdir()) == []
        assert (out / "in" / "b" / "packet-00000.txt.json").is_file()

    def test_stdin_and_example_get_fixed_names(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        code, _, _ = run(capsys, "parse", "--example", "--output-dir", str(tmp_path / "o"), "-q")
        assert code == cli.EXIT_OK
        assert [p.name for p in (tmp_path / "o").iterdir()] == ["kennedy-1992-01-29.txt.json"]

    def test_output_dir_that_is_a_file_is_refused(
        self, capsys: pytest.CaptureFixture[str], sample: Path, counted: list[Any]
    ) -> None:
        code, _, err = run(capsys, "parse", str(sample), "--output-dir", str(sample))
        assert code == cli.EXIT_FAILED
        assert "not a folder" in err
        assert counted == []

    def test_options_that_go_together(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run(capsys, "parse", "--example", "--skip-existing")[0] == cli.EXIT_USAGE
        argv = ("parse", "--example", "--output-dir", "x", "-f", "csv")
        assert run(capsys, *argv)[0] == cli.EXIT_USAGE

    @given(st.text(max_size=40))
    def test_safe_names_never_leave_the_folder(self, relative: str) -> None:
        """Whatever a relative name holds, the result path stays inside the folder."""
        root = Path("/out")
        parts = _output.safe_parts(relative)
        path = root.joinpath(*parts)
        assert parts
        assert all(p not in ("", ".", "..") and "/" not in p for p in parts)
        assert os.path.normpath(path).startswith("/out/")
        assert not any(ord(c) < 32 for c in "".join(parts))
