"""The Dask path gives the same records as the single-process path, on a local cluster."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

import dask.bag as db
import pandas as pd
from distributed import Client, LocalCluster

from tests.test_batch import write_corpus
from worksheet_parser.batch import packet_records, parse_paths, routing_rows, worksheet_rows
from worksheet_parser.dask import (
    failures,
    frame,
    parse_bag,
    records,
    routing_frame,
    worksheet_frame,
)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit="1GiB",
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("dask-corpus")
    return [str(p) for p in write_corpus(folder, 12)]


@pytest.fixture(scope="module")
def single(paths: list[str]) -> list[tuple[str, Any]]:
    """What the single-process path gives: (path, document) in input order."""
    return [(r.path, r.document) for r in parse_paths(paths, jobs=1)]


class TestDaskOnLocalCluster:
    def test_records_equal_single_process_records(
        self, client: Client, paths: list[str], single: list[tuple[str, Any]]
    ) -> None:
        """A bag of paths parsed on two workers gives the same per-packet records, in order."""
        expected = [record for path, doc in single for record in packet_records(doc, path)]
        got = records(parse_bag(paths, npartitions=4)).compute()
        assert got == expected

    def test_frames_equal_single_process_tables(
        self, client: Client, paths: list[str], single: list[tuple[str, Any]]
    ) -> None:
        """The worksheets and routing data frames equal the single-process flat tables."""
        parsed = parse_bag(paths, npartitions=3).persist()
        ws = worksheet_frame(parsed).compute().reset_index(drop=True)
        rt = routing_frame(parsed).compute().reset_index(drop=True)
        expected_ws = frame([r for p, d in single for r in worksheet_rows(d, p)], "worksheets")
        expected_rt = frame([r for p, d in single for r in routing_rows(d, p)], "routing")
        pd.testing.assert_frame_equal(ws, expected_ws)
        pd.testing.assert_frame_equal(rt, expected_rt)
        assert ws["id_number"].tolist() == [str(400000 + i) for i in range(len(paths))]

    def test_bag_of_texts(
        self, client: Client, paths: list[str], single: list[tuple[str, Any]]
    ) -> None:
        """A bag of (source, text) pairs gives the same records as reading the files."""
        texts = db.from_sequence(
            [(p, Path(p).read_text(encoding="utf-8")) for p in paths], npartitions=2
        )
        expected = [record for path, doc in single for record in packet_records(doc, path)]
        assert records(parse_bag(texts)).compute() == expected

    def test_unreadable_files_are_failures(
        self, client: Client, paths: list[str], tmp_path: Path
    ) -> None:
        """A missing file is left out of the records and listed by ``failures``."""
        missing = str(tmp_path / "missing.txt")
        parsed = parse_bag([paths[0], missing], npartitions=2)
        assert len(records(parsed).compute()) == 1
        (failed,) = failures(parsed).compute()
        assert failed.path == missing
        assert failed.outcome.stage == "read"
