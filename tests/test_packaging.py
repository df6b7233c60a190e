"""The package says what it is: version, entry points, addresses; its sdist runs its tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
from importlib import metadata
from pathlib import Path

import pytest

import worksheet_parser
from worksheet_parser import cli

ROOT = Path(__file__).resolve().parents[1]


class TestVersion:
    def test_dunder_version_is_the_metadata_version(self) -> None:
        assert worksheet_parser.__version__ == metadata.version("worksheet-parser")

    def test_version_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            cli.main(["--version"])
        assert info.value.code == 0
        assert capsys.readouterr().out == f"worksheet-parser {worksheet_parser.__version__}\n"

    def test_python_dash_m(self) -> None:
        """``python -m worksheet_parser`` is the command."""
        proc = subprocess.run(
            [sys.executable, "-m", "worksheet_parser", "--version"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        assert proc.stdout.strip() == f"worksheet-parser {worksheet_parser.__version__}"


class TestMetadata:
    def test_project_urls(self) -> None:
        urls = dict(
            entry.split(", ", 1)
            for entry in metadata.metadata("worksheet-parser").get_all("Project-URL") or []
        )
        assert {"Documentation", "Source", "Issues", "Changelog"} <= set(urls)
        assert all(url.startswith("https://") for url in urls.values())

    def test_help_points_to_the_docs_and_the_command_help(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--help`` names the documentation site and ``COMMAND --help``; no repository path."""
        with pytest.raises(SystemExit):
            cli.main(["--help"])
        out = " ".join(capsys.readouterr().out.split())
        docs = dict(
            entry.split(", ", 1)
            for entry in metadata.metadata("worksheet-parser").get_all("Project-URL") or []
        )["Documentation"]
        assert f"Documentation: {docs}" in cli._epilog()
        assert "'worksheet-parser COMMAND --help'" in cli._epilog()
        assert "Documentation: https://" in out
        assert "COMMAND --help" in out
        assert "docs/cli.md" not in out


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(out)],
        check=True,
        cwd=ROOT,
        capture_output=True,
        timeout=300,
    )
    (archive,) = out.glob("worksheet_parser-*.tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(out / "unpacked", filter="data")
    (root,) = (out / "unpacked").iterdir()
    return root


class TestSdist:
    def test_sdist_has_what_the_tests_need(self, sdist: Path) -> None:
        for name in ("conftest.py", "pyproject.toml", "mkdocs.yml", "README.md", "grammars"):
            assert (sdist / name).exists(), name
        assert (sdist / "tests" / "conftest.py").is_file()
        assert (sdist / "tests" / "data" / "kennedy-1992-01-29.txt").is_file()

    def test_tests_run_from_the_sdist(self, sdist: Path) -> None:
        """Part of the suite, and the README's examples, pass from the unpacked sdist's
        own sources (the root conftest.py is what runs the README through Sybil)."""
        env = {**os.environ, "PYTHONPATH": str(sdist / "src")}
        where = subprocess.run(
            [sys.executable, "-c", "import worksheet_parser; print(worksheet_parser.__file__)"],
            capture_output=True,
            text=True,
            check=True,
            cwd=sdist,
            env=env,
        ).stdout
        assert Path(where.strip()).is_relative_to(sdist)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-v",
                "-p",
                "no:randomly",
                "tests/test_api.py",
                "tests/test_cli_output.py::TestRefusedTargets",
                "README.md",
            ],
            capture_output=True,
            text=True,
            cwd=sdist,
            env=env,
            timeout=600,
            check=False,
        )
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        summary = proc.stdout.strip().splitlines()[-1]
        assert " passed" in summary
        assert "failed" not in summary
        assert int(summary.split(" passed")[0].split("=")[-1].split()[-1]) >= 30
        assert "README.md::line:" in proc.stdout  # the README's examples ran
        assert "test_symlink_is_never_written_through PASSED" in proc.stdout


class TestDocsSite:
    def test_every_guide_is_in_the_site(self) -> None:
        """Each page in docs/ is in the site's navigation, and the navigation names no other."""
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        nav = config[config.index("\nnav:") : config.index("\ntheme:")]
        listed = re.findall(r"^  - [^:]+: ([\w./-]+\.md)$", nav, re.M)
        assert sorted(listed) == sorted(p.name for p in (ROOT / "docs").glob("*.md"))

    def test_docs_extra_builds_the_site(self) -> None:
        """The ``docs`` extra names what ``mkdocs.yml`` uses, and CI builds it strictly."""
        extras = metadata.metadata("worksheet-parser").get_all("Provides-Extra") or []
        assert "docs" in extras
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
        assert 'pip install --quiet ".[docs]"' in ci
        assert "mkdocs build --strict" in ci
