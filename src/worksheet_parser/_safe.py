"""Text from the input or the file system, made safe to show in a message.

Strategy: a message goes to a terminal, a log or a CI annotation; input text
and file names in it must not act there.  Control characters (C0, C1,
``DEL``; a terminal escape sequence starts with one), the Unicode controls
that reorder text on screen (bidirectional overrides and isolates), line and
paragraph separators, and lone surrogates (bytes of a file name that were not
UTF-8) are shown as Python-style escapes (``\\x1b``, ``\\u202e``, ``\\udcff``);
everything else is left as it is.
"""

from __future__ import annotations

import re

__all__ = ["shown"]

_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` with every character that could act on a terminal shown as an escape.

    >>> shown("ID# 1\\x1b[2J\\tcaf\\udce9.txt")
    'ID# 1\\\\x1b[2J\\\\x09caf\\\\udce9.txt'
    """
    return _UNSAFE.sub(_escape, text)
