"""Records kept packed: the records of a long input, stored compressed and built on access.

Strategy: a document read from a long input can hold hundreds of thousands
of records, and a record with its spans and diagnostics takes tens of
times the text it was read from.  So :func:`worksheet_parser.parse` keeps
the records of a long input (:data:`PACK_SIZE` characters or more) in
:class:`PackedRecords`: chunks of records, each pickled and compressed
(:mod:`zlib`, its fastest level) as soon as it is full, so that reading
never holds more than a chunk of finished records.  The sequence builds a
record when it is asked for (a chunk at a time, the last one kept), and
compares, hashes and pickles like the tuple it stands for.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

__all__ = ["PACK_SIZE", "PackedRecords", "RecordPacker"]

T = TypeVar("T")

PACK_SIZE = 1 << 20
"""Inputs of at least this many characters are read into packed records."""

_CHUNK_RECORDS = 256
"""Records in a chunk, at most."""
_CHUNK_TEXT = 1 << 15
"""A chunk is packed once its records were read from this many characters of text."""


class _Deflated:
    """A file that compresses what is written to it as it comes (no copy of it all)."""

    __slots__ = ("_parts", "_zip")

    def __init__(self) -> None:
        import zlib  # only long inputs are packed: not paid at import

        self._zip = zlib.compressobj(1)
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self._parts.append(self._zip.compress(data))
        return len(data)

    def getvalue(self) -> bytes:
        self._parts.append(self._zip.flush())
        return b"".join(self._parts)


def _pack(records: list[Any]) -> bytes:
    import pickle

    out = _Deflated()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    # No memo: it would hold an entry for every object of the chunk while
    # pickling (a letter of a million paragraphs doubled its size).  Records
    # hold no cycles; an object shared between two places is stored twice.
    pickler.fast = True
    pickler.dump(tuple(records))
    return out.getvalue()


def _unpack(chunk: bytes) -> tuple[Any, ...]:
    import pickle
    import zlib

    records: tuple[Any, ...] = pickle.loads(zlib.decompress(chunk))
    return records


class PackedRecords(Sequence[T], Generic[T]):
    """A read-only sequence of records kept compressed, each built when it is read.

    It is what :class:`~worksheet_parser.Document` holds in place of a tuple
    for an input of at least a mebibyte, so that a document of a long dump
    takes a few times the dump's size in memory, not tens of times.  It
    supports what a tuple does for reading: ``len``, indexing (negative
    indexes and slices too; a slice is a tuple), iteration, ``in``, and it
    equals a tuple or list holding the same records.  Reading it in order
    is cheap; each access builds a new record object (equal to the last).

    >>> from worksheet_parser import parse
    >>> doc = parse("ID# 303373\\nINCOMING\\n\\n" + "A\\n" * 600_000)  # 1.2 MB
    >>> doc.worksheets
    <1 packed records>
    >>> len(doc.worksheets), doc.worksheets[0].id_number, doc.worksheets[-1].id_number
    (1, '303373', '303373')
    >>> doc.worksheets == parse("ID# 303373\\nINCOMING\\n").worksheets
    True
    """

    __slots__ = ("_cached", "_chunks", "_length", "_starts")

    def __init__(self, chunks: Sequence[bytes] = (), counts: Iterable[int] = ()) -> None:
        self._chunks = tuple(chunks)
        starts = array("q", [0])
        for count in counts:
            starts.append(starts[-1] + count)
        if len(starts) != len(self._chunks) + 1:
            raise ValueError("one count is needed per chunk")
        self._starts = starts
        self._length = starts[-1]
        # The last chunk read, with its index: one attribute, so that threads
        # reading the same sequence never pair one chunk's index with another's records.
        self._cached: tuple[int, tuple[T, ...]] = (-1, ())

    def _chunk(self, at: int) -> tuple[T, ...]:
        cached = self._cached
        if cached[0] != at:
            cached = self._cached = (at, _unpack(self._chunks[at]))
        return cached[1]

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self._length)))
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("record index out of range")
        at = bisect.bisect_right(self._starts, index) - 1
        return self._chunk(at)[index - self._starts[at]]

    def __iter__(self) -> Iterator[T]:
        for chunk in self._chunks:
            yield from _unpack(chunk)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PackedRecords | tuple | list):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"<{self._length} packed records>"

    def __reduce__(self) -> tuple[Any, ...]:
        counts = [b - a for a, b in zip(self._starts, self._starts[1:], strict=False)]
        return PackedRecords, (self._chunks, counts)


class RecordPacker(Generic[T]):
    """Gathers records in order: in a tuple, or (``pack``) in :class:`PackedRecords`.

    Packing, a chunk is packed once full; the last record added stays
    unpacked until the next one comes, so that it can still be replaced
    (:meth:`replace_last`).
    """

    __slots__ = ("_chunks", "_counts", "_length", "_pack", "_pending", "_weight")

    def __init__(self, pack: bool) -> None:
        self._pack = pack
        self._chunks: list[bytes] = []
        self._counts: list[int] = []
        self._pending: list[T] = []
        self._weight = 0
        self._length = 0

    def __len__(self) -> int:
        return self._length

    def add(self, record: T, weight: int) -> None:
        """Add ``record``, read from ``weight`` characters of text."""
        pending = self._pending
        if self._pack and (len(pending) > _CHUNK_RECORDS or self._weight >= _CHUNK_TEXT):
            last = pending.pop()
            self._chunks.append(_pack(pending))
            self._counts.append(len(pending))
            pending.clear()
            pending.append(last)
            self._weight = 0
        pending.append(record)
        self._weight += weight
        self._length += 1

    def replace_last(self, record: T) -> None:
        """Put ``record`` in place of the last record added."""
        self._pending[-1] = record

    def done(self) -> Sequence[T]:
        """The records added: a tuple, or packed."""
        if not self._pack:
            return tuple(self._pending)
        if self._pending:
            self._chunks.append(_pack(self._pending))
            self._counts.append(len(self._pending))
            self._pending = []
        return PackedRecords(self._chunks, self._counts)
