"""Exceptions, all under one base that is also a :class:`ValueError`.

Strategy: lenient parsing never raises for a ``str``; it records
:class:`~worksheet_parser.Diagnostic` objects.  Strict parsing turns the
same diagnostics into one exception that lists every problem with its line,
column and a caret under the text, so one mechanism serves both modes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from worksheet_parser._models import Diagnostic
from worksheet_parser._safe import shown

__all__ = [
    "DEFAULT_MAX_SIZE",
    "InputTooLargeError",
    "NoWorksheetError",
    "WorksheetParserError",
    "WorksheetSyntaxError",
]

DEFAULT_MAX_SIZE = 64 * 1024 * 1024
"""Largest input, in characters (``str``) or bytes, parsed unless the caller allows more."""


class WorksheetParserError(ValueError):
    """Base of every exception this library raises on purpose."""


class WorksheetSyntaxError(WorksheetParserError):
    """The input has problems that strict mode does not accept.

    :attr:`problems` holds every diagnostic of severity ``warning`` or worse;
    the message shows each with its line, column and a caret under the text.
    """

    def __init__(self, problems: Sequence[Diagnostic], text: str) -> None:
        self.problems: tuple[Diagnostic, ...] = tuple(problems)
        """The diagnostics that made the input unacceptable."""
        self.text = text
        """The original input."""
        super().__init__(format_problems(self.problems, text))

    def __reduce__(self) -> tuple[type[WorksheetSyntaxError], tuple[tuple[Diagnostic, ...], str]]:
        # Rebuild from (problems, text), not from the message, so the error can be
        # pickled (process pools) and copied.
        return type(self), (self.problems, self.text)


class NoWorksheetError(WorksheetSyntaxError):
    """A worksheet was required but the input holds none."""


class InputTooLargeError(WorksheetParserError):
    """The input is larger than the ``max_size`` the caller allowed.

    Raised before any work is done, in lenient mode too: a limit a caller set
    is not a defect of the text to be recorded but a refusal to read it.
    """

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        """Size of the input (characters for ``str``, bytes for ``bytes``)."""
        self.limit = limit
        """The limit in force."""
        super().__init__(
            f"input of {size:,} is larger than the limit of {limit:,}; "
            "pass max_size=... (or None for no limit) to read it"
        )

    def __reduce__(self) -> tuple[type[InputTooLargeError], tuple[int, int]]:
        return type(self), (self.size, self.limit)


_LINE_END = re.compile(r"\r\n?|\n")
"""The same line ends as :attr:`Span.line` counts: those editors count."""


def format_problems(problems: Sequence[Diagnostic], text: str) -> str:
    """Render diagnostics as ``line:col: code message`` with context and a caret.

    Control characters from the input (a terminal escape sequence, a form
    feed) are shown escaped (see :func:`~worksheet_parser._safe.shown`), and
    the caret still stands under the text it points at.
    """
    lines = _LINE_END.split(text)
    out = [f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the input:"]
    for d in problems:
        if d.span is None:
            out.append(f"  {shown(d.code)}: {shown(d.message)}")
            continue
        out.append(f"  {d.span.line}:{d.span.column}: {shown(d.code)}: {shown(d.message)}")
        if 0 < d.span.line <= len(lines):
            source = lines[d.span.line - 1].replace("\t", " ")
            col = d.span.column - 1
            width = max(1, min(d.span.end - d.span.start, len(source) - col))
            out.append(f"    {shown(source)}")
            pad = len(shown(source[:col]))
            out.append(f"    {' ' * pad}{'^' * max(1, len(shown(source[col : col + width])))}")
    return "\n".join(out)
