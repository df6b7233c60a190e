"""The package's version and documentation address, read from its installed metadata.

Strategy: ``pyproject.toml`` is the one place where the version and the
project's addresses are written; the installed metadata carries them, and
this module reads them on demand (never at ``import worksheet_parser``,
which stays fast: ``worksheet_parser.__version__`` is looked up lazily).
"""

from __future__ import annotations

import functools
from importlib import metadata

__all__ = ["DISTRIBUTION", "docs_url", "version"]

DISTRIBUTION = "worksheet-parser"
"""The name the package is installed under."""


@functools.cache
def version() -> str:
    """Return the installed version (``0+unknown`` when the package is not installed)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


@functools.cache
def docs_url() -> str | None:
    """Return the ``Documentation`` project URL of the installed package, if any."""
    try:
        urls = metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "documentation":
            return str(url).strip()
    return None
