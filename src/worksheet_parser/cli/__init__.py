"""The ``worksheet-parser`` command: ``parse``, ``check``, ``explain``, ``catalogue``, ``show``.

Strategy: a thin layer of :mod:`argparse` over the public API and
:mod:`worksheet_parser.batch`.  Inputs (files, folders searched recursively
for ``--glob``, ``-`` for standard input, ``--example``) are expanded in
order; each is read, parsed and turned into its output text (or rows) in a
worker process, and the parent writes the results in input order, updates
the progress bar and counts what it saw.  A file that cannot be read, or
that the parser fails on, is reported on standard error and skipped.
Output files go through :mod:`worksheet_parser._outputs._files`: each target is
checked (a regular file that is not an input, or a new path) and its
temporary file created before any input is parsed, and renamed into place
only when the whole run succeeded.  ``--output-dir`` writes one file per
input the same way, as each is done, so a run can be resumed with
``--skip-existing``.  ``check`` filters and renders diagnostics with
:mod:`worksheet_parser._outputs._lint`.

Exit codes (see docs/cli.md):

- 0: every input was read (and, for ``check``, none has a problem);
- 1: some input could not be read or parsed, or had problems under
  ``--strict`` (``parse``) or at the reported severity (``check``), or an
  output was refused or could not be written;
- 2: bad command line (unknown option, nothing to read, CSV without
  ``--output``, an unknown encoding or diagnostic code, a bad
  ``[tool.worksheet-parser]`` table);
- 129: hung up (SIGHUP); 130: interrupted (Ctrl-C); 143: terminated (SIGTERM).
"""

from __future__ import annotations

from worksheet_parser._api import parse_bytes as parse_bytes
from worksheet_parser.cli._arguments import _epilog as _epilog
from worksheet_parser.cli._common import (
    EXIT_FAILED,
    EXIT_HANGUP,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
)
from worksheet_parser.cli._common import Item as Item
from worksheet_parser.cli._common import _progress as _progress
from worksheet_parser.cli._item import _work as _work
from worksheet_parser.cli._main import main

# ``parse_bytes`` and ``_work`` are looked up on this module when they are
# used (see ``_item._cli``), so that they can be replaced here (a fault
# injected into the parser or the worker); ``_epilog`` and ``_progress`` stay
# importable from here as before.

__all__ = [
    "EXIT_FAILED",
    "EXIT_HANGUP",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_TERMINATED",
    "EXIT_USAGE",
    "main",
]
