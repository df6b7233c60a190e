"""Turning the bytes of a file into text: encodings, byte-order marks, bad bytes.

Strategy: the encoding is UTF-8 unless the caller names another or the
bytes say otherwise: a byte-order mark (UTF-8, UTF-16 or UTF-32) wins over
everything and is dropped; without one, text whose every other byte is zero
is read as UTF-16 (little- or big-endian, by where the zeros are), which is
what OCR tools on Windows write.  Bytes the encoding cannot read never stop
the reading and never vanish: each run of them becomes one U+FFFD and is
listed as a :class:`BadBytes` with its offsets in the file, so the caller
can report it where the replacement character stands.
"""

from __future__ import annotations

import codecs
import threading
from typing import Final

import attrs

__all__ = ["MAX_LISTED", "BadBytes", "Decoded", "decode", "normalize_encoding"]

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HANDLER: Final = "worksheet-parser-replace"
_RECORDS = threading.local()


def _replace_and_note(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):  # pragma: no cover - decoding only
        raise exc
    runs: list[tuple[int, int]] | None = getattr(_RECORDS, "runs", None)
    if runs is not None:
        _RECORDS.total += 1
        if len(runs) < _MAX_NOTED:
            runs.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error(_HANDLER, _replace_and_note)

_SNIFF: Final = 4096
MAX_LISTED: Final = 100
"""Runs of bad bytes listed one by one; later ones are only counted."""
_MAX_NOTED: Final = 100 * MAX_LISTED
"""Bytes looked at to tell UTF-16 without a byte-order mark."""


@attrs.frozen
class BadBytes:
    """A run of bytes the encoding could not read, replaced by one U+FFFD."""

    start: int
    """Offset of the first bad byte in the input (a byte-order mark counted)."""
    end: int
    """Offset just past the last bad byte."""
    at: int
    """Offset of the (first) replacement character in the decoded text."""
    chars: int = 1
    """How many replacement characters stand for the run (one per unreadable sequence)."""


@attrs.frozen
class Decoded:
    """Text decoded from bytes, with how it was done."""

    text: str
    encoding: str
    """The codec used (``utf-8``, ``utf-16-le``, ``latin-1``, ...)."""
    detected: str | None = None
    """Why the encoding differs from the one asked for (a byte-order mark, zero bytes)."""
    bad: tuple[BadBytes, ...] = ()
    """Runs of unreadable bytes, in order; at most :data:`MAX_LISTED`."""
    bad_total: int = 0
    """How many unreadable byte sequences there were in all (adjacent ones counted apiece)."""


def normalize_encoding(name: str) -> str:
    """Return the codec's canonical name; :class:`LookupError` if Python has no such codec."""
    return codecs.lookup(name).name


def _utf16_without_bom(raw: bytes) -> str | None:
    head = raw[:_SNIFF]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    half = len(head) // 2
    if odd.count(0) >= 0.9 * half and even.count(0) < 0.1 * half:
        return "utf-16-le"
    if even.count(0) >= 0.9 * half and odd.count(0) < 0.1 * half:
        return "utf-16-be"
    return None


def decode(raw: bytes, encoding: str | None = None) -> Decoded:
    """Decode ``raw`` as described in the module: never raises for any bytes.

    ``encoding`` is any codec name Python knows (default UTF-8).

    >>> d = decode(b"caf\\xe9 ok")
    >>> d.text, d.bad
    ('caf\\ufffd ok', (BadBytes(start=3, end=4, at=3, chars=1),))
    >>> decode(b"caf\\xe9", "latin-1").text
    'café'
    >>> decode("ID# 1".encode("utf-16")).text, decode("ID# 1".encode("utf-16")).detected
    ('ID# 1', 'byte-order mark')
    """
    asked = normalize_encoding(encoding or "utf-8")
    codec, detected, skip = asked, None, 0
    for bom, name in _BOMS:
        if raw.startswith(bom):
            codec, skip = name, len(bom)
            if normalize_encoding(name) != asked:
                detected = "byte-order mark"
            break
    else:
        if asked == "utf-8" and (guess := _utf16_without_bom(raw)) is not None:
            codec, detected = guess, "zero bytes"
    body = raw[skip:]
    try:
        return Decoded(body.decode(codec), codec, detected)
    except UnicodeDecodeError:
        pass
    # Each bad run becomes one U+FFFD; the handler notes where it was.
    runs: list[tuple[int, int]] = []
    _RECORDS.runs = runs
    _RECORDS.total = 0
    try:
        text = body.decode(codec, errors=_HANDLER)
        total: int = _RECORDS.total
    finally:
        _RECORDS.runs = None
    bad: list[BadBytes] = []
    at = 0
    previous = 0
    for start, end in runs:
        if bad and start == previous:
            last = bad[-1]
            bad[-1] = attrs.evolve(last, end=end + skip, chars=last.chars + 1)
            at += 1
            previous = end
            continue
        if len(bad) == MAX_LISTED:
            break
        at += len(body[previous:start].decode(codec, errors="replace"))
        bad.append(BadBytes(start + skip, end + skip, at))
        at += 1
        previous = end
    return Decoded(text, codec, detected, tuple(bad), total)
