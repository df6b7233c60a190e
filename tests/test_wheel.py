"""The built wheel, installed in a fresh virtual environment, parses the sample.

A green run from the source tree alone could hide a packaging hole (a grammar
file or the bundled example left out of the wheel); this test builds the
wheel, installs it in a new venv and runs the installed command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (found,) = out.glob("worksheet_parser-*.whl")
    return found


class TestWheel:
    def test_wheel_ships_grammars_example_and_marker(self, wheel: Path) -> None:
        """The wheel holds the grammar files, the bundled sample and py.typed."""
        names = set(zipfile.ZipFile(wheel).namelist())
        grammars = {p.name for p in (ROOT / "grammars").glob("*.lark")}
        assert grammars
        for name in grammars:
            assert f"worksheet_parser/grammars/{name}" in names
        assert "worksheet_parser/examples/kennedy-1992-01-29.txt" in names
        assert "worksheet_parser/py.typed" in names

    def test_installed_wheel_parses_sample(self, wheel: Path, tmp_path: Path) -> None:
        """In a fresh venv, the installed command parses the bundled sample."""
        # The fresh venv must see only what the wheel installed.
        env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
        env_dir = tmp_path / "venv"
        venv.create(env_dir, with_pip=True)
        bindir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
        subprocess.run(
            [str(bindir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
            check=True,
            env=env,
        )
        out = subprocess.run(
            [str(bindir / "worksheet-parser"), "parse", "--example"],
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
            env=env,
        ).stdout
        record = json.loads(out)
        assert record["worksheets"][0]["id_number"] == "303373"
        where = subprocess.run(
            [
                str(bindir / "python"),
                "-c",
                "import importlib.resources as r; "
                "print(r.files('worksheet_parser') / 'grammars' / 'worksheet.lark')",
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
            env=env,
        ).stdout.strip()
        assert Path(where).is_file()
        assert str(env_dir) in where
