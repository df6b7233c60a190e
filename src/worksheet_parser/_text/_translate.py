"""Character translations (OCR folds, marks dropped) that are quick on ASCII text.

Strategy: ``str.translate`` looks every distinct character of its input up
in the table's dict, afresh on each call; on the short lines this package
translates by the thousand, that lookup is most of the cost.  Nearly every
line of a worksheet is ASCII, and for ASCII text the same translation is a
256-byte table that ``bytes.translate`` applies in one pass.  A
:class:`Translation` holds both: the byte table for ASCII text, the
``str`` table for the rest, and gives the same result either way (the tests
check that for any text).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["Translation"]


class Translation:
    """``text.translate(table)`` (of ``text.upper()`` when ``upper``), quick on ASCII text.

    >>> fold = Translation(str.maketrans({"0": "O", "1": "I"}), upper=True)
    >>> fold("Nam3 0f c0rr1")
    'NAM3 OF CORRI'
    >>> drop = Translation(str.maketrans("", "", " .-"))
    >>> drop("A. B-C D")
    'ABCD'
    """

    __slots__ = ("_bytes", "_delete", "_table", "_upper")

    def __init__(self, table: Mapping[int, str | int | None], *, upper: bool = False) -> None:
        self._table = dict(table)
        self._upper = upper
        mapped = bytearray(range(256))
        delete = bytearray()
        ascii_only = True
        for code in range(128):
            char = chr(code).upper() if upper else chr(code)
            new = self._table.get(ord(char), char)
            if new is None:
                delete.append(code)
                continue
            if isinstance(new, int):
                new = chr(new)
            if len(new) != 1 or not new.isascii():
                ascii_only = False  # a character becomes several, or leaves ASCII
                break
            mapped[code] = ord(new)
        self._bytes: bytes | None = bytes(mapped) if ascii_only else None
        self._delete = bytes(delete)

    def __call__(self, text: str) -> str:
        """Translate ``text``."""
        if self._bytes is not None and text.isascii():
            return text.encode("ascii").translate(self._bytes, self._delete).decode("ascii")
        return (text.upper() if self._upper else text).translate(self._table)
