"""The parallel batch API: ``worksheet_parser.batch``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from worksheet_parser import Document, batch, example_text, parse_file
from worksheet_parser.batch import Failure, iter_files, map_items, parse_paths


def write_corpus(folder: Path, n: int, *, start: int = 400000) -> list[Path]:
    """Write ``n`` copies of the bundled sample packet, each with its own ID number."""
    folder.mkdir(parents=True, exist_ok=True)
    text = example_text()
    assert text.count("ID# 303373") == 1
    paths = []
    for i in range(n):
        path = folder / f"packet-{i:05d}.txt"
        path.write_text(text.replace("ID# 303373", f"ID# {start + i}"), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 24)


class TestParsePaths:
    def test_results_come_in_input_order(self, corpus: list[Path]) -> None:
        """With several workers, results follow the order the paths were given."""
        order = corpus[::-1]
        results = list(parse_paths(order, jobs=2, chunksize=3))
        assert [r.path for r in results] == [str(p) for p in order]
        ids = [r.document.worksheets[0].id_number for r in results if r.document]
        assert ids == [str(400000 + i) for i in range(len(corpus))][::-1]

    def test_same_documents_as_parse_file(self, corpus: list[Path]) -> None:
        """A worker parses a file exactly as ``parse_file`` does in this process."""
        results = list(parse_paths(corpus[:6], jobs=2, chunksize=1))
        for path, result in zip(corpus[:6], results, strict=True):
            expected = parse_file(path)
            assert result.document == expected
            assert result.document is not None
            assert result.document.diagnostics == expected.diagnostics

    def test_bad_files_are_failures_not_fatal(self, corpus: list[Path], tmp_path: Path) -> None:
        """A missing file or a folder is a read failure; the files around it still parse."""
        paths = [corpus[0], tmp_path / "missing.txt", tmp_path, corpus[1]]
        results = list(parse_paths(paths, jobs=2))
        assert [r.ok for r in results] == [True, False, False, True]
        failure = results[1].outcome
        assert isinstance(failure, Failure)
        assert failure.stage == "read"
        assert "No such file" in failure.message
        assert results[1].document is None

    def test_parser_fault_is_a_failure(
        self, corpus: list[Path], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An exception inside the parser comes back as a ``parse`` failure."""

        def broken(raw: bytes) -> Document:
            raise RuntimeError("boom")

        monkeypatch.setattr(batch, "parse_bytes", broken)
        (result,) = parse_paths(corpus[:1], jobs=1)
        assert isinstance(result.outcome, Failure)
        assert result.outcome.stage == "parse"
        assert "boom" in str(result.outcome)

    def test_paths_are_read_lazily(self, corpus: list[Path]) -> None:
        """Only a bounded window of paths is taken ahead of the results consumed."""
        taken = 0

        def paths() -> Iterator[Path]:
            nonlocal taken
            for i in range(10_000):
                taken += 1
                yield corpus[i % len(corpus)]

        results = parse_paths(paths(), jobs=2, chunksize=2)
        first = next(results)
        assert first.ok
        assert taken <= 2 * batch.WINDOW_PER_JOB * 2 + 2
        results.close()

    def test_jobs_one_runs_in_process(self, corpus: list[Path]) -> None:
        """``jobs=1`` gives the same results without a pool."""
        one = [r.document for r in parse_paths(corpus[:3], jobs=1)]
        two = [r.document for r in parse_paths(corpus[:3], jobs=2)]
        assert one == two

    @pytest.mark.parametrize("jobs", [0, -1])
    def test_jobs_must_be_positive(self, jobs: int) -> None:
        """A job count below one is refused."""
        with pytest.raises(ValueError, match="jobs"):
            map_items(str, [1], jobs=jobs)


class TestIterFiles:
    def test_folders_are_searched_recursively_in_order(self, tmp_path: Path) -> None:
        """Files matching the glob are found in sub-folders, in a stable sorted order."""
        for name in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "skip.pdf", "a0/e.txt"]:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text("x")
        found = [Path(p).relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
        assert found == ["a.txt", "b.txt", "a0/e.txt", "sub/c.txt", "sub/deeper/d.txt"]

    def test_glob_and_files_as_given(self, tmp_path: Path) -> None:
        """``pattern`` filters folder contents; files and missing paths pass through as given."""
        (tmp_path / "one.ocr").write_text("x")
        (tmp_path / "two.txt").write_text("x")
        missing = tmp_path / "missing.txt"
        found = list(iter_files([tmp_path, missing, tmp_path / "two.txt"], "*.ocr"))
        assert found == [str(tmp_path / "one.ocr"), str(missing), str(tmp_path / "two.txt")]
