"""A dump of 1,000 generated packets splits into exactly the packets it was made of."""

from __future__ import annotations

import random

import pytest

from worksheet_parser import Document, FormVariant, parse, render
from worksheet_parser.noise import add_noise
from worksheet_parser.strategies import example_documents

N = 1000


def _packet_documents(doc: Document) -> list[Document]:
    """One Document per packet of ``doc``, holding that packet's records."""
    return [
        Document(
            worksheets=tuple(doc.worksheets[i] for i in p.worksheets),
            review_stamps=tuple(doc.review_stamps[i] for i in p.review_stamps),
            letters=tuple(doc.letters[i] for i in p.letters),
            headers=tuple(doc.headers[i] for i in p.headers),
            release_stamps=tuple(doc.release_stamps[i] for i in p.release_stamps),
        )
        for p in doc.packets
    ]


def _records(doc: Document) -> Document:
    return Document(
        worksheets=doc.worksheets,
        review_stamps=doc.review_stamps,
        letters=doc.letters,
        headers=doc.headers,
        release_stamps=doc.release_stamps,
    )


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    return example_documents(N, seed=7)


class TestThousandPackets:
    def test_corpus_has_every_form_and_block(self, corpus: list[Document]) -> None:
        """The generated corpus mixes all three forms, stamps, letters and headers."""
        forms = {ws.form for d in corpus for ws in d.worksheets}
        assert forms == set(FormVariant)
        assert all(
            sum(len(getattr(d, kind)) for d in corpus) > 0
            for kind in ("letters", "review_stamps", "headers", "release_stamps")
        )

    def test_clean_dump_splits_into_its_packets(self, corpus: list[Document]) -> None:
        """Parsing the concatenated renders gives back each packet, record for record."""
        parsed = parse("\n\n\n".join(render(d) for d in corpus))
        assert len(parsed.packets) == N
        assert _packet_documents(parsed) == [_records(d) for d in corpus]

    def test_noisy_dump_keeps_its_packet_count(self, corpus: list[Document]) -> None:
        """OCR damage (broken labels, tabs, junk, blank lines, repeated stamps) does not
        merge or split packets."""
        rng = random.Random(11)
        kinds = ("label-broken", "tabs", "junk", "blank-lines", "stamp-repeated")
        text = "\n\n\n".join(add_noise(d, level=2, rng=rng, kinds=kinds).text for d in corpus)
        parsed = parse(text)
        assert len(parsed.packets) == N
        assert len(parsed.worksheets) == sum(len(d.worksheets) for d in corpus)
