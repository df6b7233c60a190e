"""Packets and documents: records assembled in the order releases put them; the
public strategies :func:`documents`, :func:`packets`, :func:`noisy_documents` and
the seeded corpus :func:`example_documents`.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from worksheet_parser._models import (
    Direction,
    Document,
    FormVariant,
    Packet,
)
from worksheet_parser.strategies._draw import (
    _RELEASE_ERA,
    _STAMP_ERA,
    ERAS,
    ROUTING_DAYS,
    _check_range,
    _Random,
    _Source,
    _strategy,
)
from worksheet_parser.strategies._stamps_letters import (
    _archive_header,
    _letter,
    _release_stamp,
    _review_stamp,
)
from worksheet_parser.strategies._worksheets import _worksheet, _worksheet_options

if TYPE_CHECKING:
    from worksheet_parser.noise import NoisyText


def _packet(src: _Source, worksheet: dict[str, Any]) -> list[tuple[str, Any]]:
    """The blocks of one release packet, in print order, as ``(group, record)``.

    A worksheet always opens the packet (after its archive header, if any); the
    letter was written a few days before it was received, the archive header
    carries the letter's date, review stamps come years later.
    """
    ws = _worksheet(src, **worksheet)
    received = ws.date_received
    if received is None and ws.routing:
        received = ws.routing[0].action_date
    written = received - dt.timedelta(days=src.integer(1, 20)) if received else None
    era = (written, written) if written else ERAS[ws.form]
    blocks: list[tuple[str, Any]] = []
    if src.flag():
        blocks.append(("headers", _archive_header(src, era, written)))
    blocks.append(("worksheets", ws))
    blocks.extend(
        ("review_stamps", _review_stamp(src, _STAMP_ERA)) for _ in range(src.integer(0, 2))
    )
    if src.flag():
        blocks.append(("letters", _letter(src, era, written)))
    if src.flag():
        count = src.integer(1, 2)
        blocks.extend(("release_stamps", _release_stamp(src, _RELEASE_ERA)) for _ in range(count))
    return blocks


_GROUPS = ("headers", "worksheets", "review_stamps", "letters", "release_stamps")


def _assemble(packets: Sequence[Sequence[tuple[str, Any]]]) -> Document:
    """A document of the packets' blocks, with each packet's indexes."""
    records: dict[str, list[Any]] = {g: [] for g in _GROUPS}
    groups: list[Packet] = []
    for blocks in packets:
        indexes: dict[str, list[int]] = {g: [] for g in _GROUPS}
        for group, record in blocks:
            indexes[group].append(len(records[group]))
            records[group].append(record)
        groups.append(
            Packet(
                headers=tuple(indexes["headers"]),
                worksheets=tuple(indexes["worksheets"]),
                review_stamps=tuple(indexes["review_stamps"]),
                release_stamps=tuple(indexes["release_stamps"]),
                letters=tuple(indexes["letters"]),
            )
        )
    return Document(
        worksheets=tuple(records["worksheets"]),
        review_stamps=tuple(records["review_stamps"]),
        letters=tuple(records["letters"]),
        headers=tuple(records["headers"]),
        release_stamps=tuple(records["release_stamps"]),
        packets=tuple(groups),
    )


def _document(
    src: _Source,
    *,
    min_packets: int,
    max_packets: int,
    only_worksheets: bool,
    worksheet: dict[str, Any],
) -> Document:
    count = src.integer(min_packets, max_packets)
    if only_worksheets:
        return _assemble([[("worksheets", _worksheet(src, **worksheet))] for _ in range(count)])
    return _assemble([_packet(src, worksheet) for _ in range(count)])


def documents(
    *,
    min_packets: int = 1,
    max_packets: int = 3,
    only_worksheets: bool = False,
    form: FormVariant | str | None = None,
    min_rows: int = 1,
    max_rows: int = 5,
    era: tuple[dt.date, dt.date] | None = None,
    direction: Direction | None = None,
    routing_days: int = ROUTING_DAYS,
    max_subject_words: int = 40,
) -> st.SearchStrategy[Document]:
    """Documents (OCR dumps) of ``min_packets..max_packets`` release packets.

    Each packet has a worksheet (of ``form``; any variant by default), and
    may have an archive header before it, review stamps, the letter and
    release stamps after it, with ``Document.packets`` saying which block is
    in which packet.  ``only_worksheets=True`` gives dumps of worksheets
    alone, each its own packet.  The other keywords constrain each worksheet
    as in :func:`worksheets`.
    """
    _check_range("documents(min_packets, max_packets)", min_packets, max_packets)
    options = _worksheet_options(
        form, min_rows, max_rows, era, direction, routing_days, max_subject_words
    )
    return _strategy(
        lambda src: _document(
            src,
            min_packets=min_packets,
            max_packets=max_packets,
            only_worksheets=only_worksheets,
            worksheet=options,
        )
    )


def packets(**constraints: Any) -> st.SearchStrategy[Document]:
    """Documents holding one release packet; keywords as for :func:`documents`."""
    return documents(min_packets=1, max_packets=1, **constraints)


def noisy_documents(
    *, level: int = 2, kinds: Sequence[str] | None = None, **constraints: Any
) -> st.SearchStrategy[NoisyText]:
    """Documents rendered and damaged the way OCR engines damage scans, at noise ``level``
    (0 to 3), as :class:`~worksheet_parser.noise.NoisyText` (the clean records, the
    damaged text and a record of every damage).  ``kinds`` restricts the damage (see
    :data:`worksheet_parser.noise.KINDS`; :data:`~worksheet_parser.noise.ENGINE_KINDS` is
    what real engines do to photocopied scans); other keywords as for :func:`documents`.
    Shrinks towards fewer packets and no damage."""
    from worksheet_parser.noise import noisy_text

    return noisy_text(documents(**constraints), level=level, kinds=kinds)


def example_documents(n: int, *, seed: int = 0, **constraints: Any) -> list[Document]:
    """``n`` documents drawn from a :class:`random.Random` seeded with ``seed``, without
    hypothesis's search: a fixed corpus (the same for the same seed and version).

    Keywords as for :func:`documents` (default: one packet each).

    >>> corpus = example_documents(3, seed=1)
    >>> len(corpus), corpus == example_documents(3, seed=1)
    (3, True)
    """
    defaults: dict[str, Any] = {"min_packets": 1, "max_packets": 1, "only_worksheets": False}
    defaults.update(constraints)
    sizes = {k: defaults.pop(k) for k in ("min_packets", "max_packets", "only_worksheets")}
    _check_range(
        "example_documents(min_packets, max_packets)", sizes["min_packets"], sizes["max_packets"]
    )
    options = _worksheet_options(
        defaults.pop("form", None),
        defaults.pop("min_rows", 1),
        defaults.pop("max_rows", 5),
        defaults.pop("era", None),
        defaults.pop("direction", None),
        defaults.pop("routing_days", ROUTING_DAYS),
        defaults.pop("max_subject_words", 40),
    )
    if defaults:
        raise TypeError(f"unknown constraints: {sorted(defaults)}")
    src = _Random(random.Random(seed))
    return [_document(src, worksheet=options, **sizes) for _ in range(n)]
