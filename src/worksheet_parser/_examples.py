"""The sample release packet bundled with the package.

Strategy: one real OCR'd FOIA release (worksheet 303373, two State
Department review stamps, the senators' letter) ships inside the wheel, for
the ``--example`` switch, the documentation and quick experiments.
"""

from __future__ import annotations

__all__ = ["EXAMPLE", "example_text"]

EXAMPLE = "kennedy-1992-01-29.txt"
"""File name of the bundled sample packet."""


def example_text() -> str:
    """Return the bundled sample release packet, exactly as the OCR engine produced it.

    >>> example_text().splitlines()[8]
    'ID# 303373'
    """
    import importlib.resources

    resource = importlib.resources.files("worksheet_parser") / "examples" / EXAMPLE
    return resource.read_text(encoding="utf-8")
