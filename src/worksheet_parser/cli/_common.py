"""What every command shares: the exit codes, what an input is, and how messages and
the progress bar reach standard error.
"""

from __future__ import annotations

import sys
from typing import Any

from worksheet_parser._models import Severity
from worksheet_parser._safe import shown

EXIT_OK = 0
"""Every input was read (and, for ``check``, none has a problem)."""
EXIT_FAILED = 1
"""Some input could not be read or parsed, had problems, or the output could not be written."""
EXIT_USAGE = 2
"""Bad command line."""
EXIT_INTERRUPTED = 130
"""Interrupted by Ctrl-C (SIGINT); no output file was written."""
EXIT_TERMINATED = 143
"""Terminated by SIGTERM; no output file was written."""
EXIT_HANGUP = 129
"""Hung up (SIGHUP: the terminal went away); no output file was written."""

_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

Item = str | tuple[str, bytes]
"""An input: a path, or a name with the bytes already read (standard input, the example)."""


def _message(text: str) -> str:
    """A message with whatever came from the input or a file name escaped, line by line."""
    return "\n".join(shown(line) for line in text.split("\n"))


def _progress(total: int, disable: bool, unit: str = "file") -> Any:
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[misc]
        # No monitor thread: the bar is updated once per file anyway, and a
        # process with a second thread cannot fork its workers safely.
        monitor_interval = 0

    return Bar(total=total, disable=disable, unit=unit, file=sys.stderr, dynamic_ncols=True)


def _say(message: str) -> None:
    print(f"worksheet-parser: {message}", file=sys.stderr)


def _usage(message: str) -> int:
    _say(message)
    return EXIT_USAGE
