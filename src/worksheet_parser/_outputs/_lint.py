"""What ``worksheet-parser check`` reports, and in which format.

Strategy: ``check`` works like a linter.  The diagnostics of each input are
filtered (least severity, ``--select`` and ``--ignore`` of codes), to which
``check`` adds one rule of its own: an input in which no block at all was
recognised (an empty file, a page of prose) gets a ``no-block`` warning.
Each kept diagnostic becomes a :class:`Finding`, a plain record that every
output format renders: ``text`` (``FILE:LINE:COL: CODE MESSAGE``), ``json``
(one array for the whole run), ``github`` (workflow-command annotations,
shown on the lines of a pull request) and ``sarif`` (SARIF 2.1.0, read by
code-scanning tools).  Defaults can be set in a ``[tool.worksheet-parser]``
table of ``pyproject.toml``, found in the working folder or the nearest
folder above it; the command line overrides them.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from worksheet_parser._diagnostics import CODES, DiagnosticCode
from worksheet_parser._models import Diagnostic, Document, Severity
from worksheet_parser._safe import shown

__all__ = [
    "CONFIG_KEYS",
    "FORMATS",
    "ConfigError",
    "Finding",
    "check_codes",
    "fails",
    "findings",
    "load_config",
    "no_block",
    "render_github",
    "render_json",
    "render_sarif",
    "render_text",
    "split_codes",
]

FORMATS: Final = ("text", "json", "github", "sarif")
"""Output formats of ``check``."""

CONFIG_KEYS: Final = {
    "select": list,
    "ignore": list,
    "severity": str,
    "output-format": str,
    "glob": str,
    "encoding": str,
}
"""Keys allowed in ``[tool.worksheet-parser]`` and the type of their values."""

RANK: Final = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class ConfigError(ValueError):
    """A ``[tool.worksheet-parser]`` table or a ``--select``/``--ignore`` list that is wrong."""


@attrs.frozen
class Finding:
    """One diagnostic as ``check`` reports it."""

    file: str
    line: int
    column: int
    code: str
    severity: str
    message: str
    end_line: int | None = None
    end_column: int | None = None


def load_config(start: Path | None = None) -> tuple[dict[str, Any], Path | None]:
    """Return the ``[tool.worksheet-parser]`` table of the nearest ``pyproject.toml``.

    Looks in ``start`` (the working folder by default) and each folder
    above it; returns ``({}, None)`` when none has a ``pyproject.toml``.
    Unknown keys, values of the wrong type and unknown codes raise
    :class:`ConfigError`.
    """
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            break
    else:
        return {}, None
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    table = data.get("tool", {}).get("worksheet-parser", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.worksheet-parser] must be a table")
    for key, value in table.items():
        kind = CONFIG_KEYS.get(key)
        if kind is None:
            known = ", ".join(sorted(CONFIG_KEYS))
            raise ConfigError(f"{path}: unknown key {key!r} in [tool.worksheet-parser] ({known})")
        if not isinstance(value, kind) or (
            kind is list and not all(isinstance(v, str) for v in value)
        ):
            raise ConfigError(f"{path}: [tool.worksheet-parser] {key} must be a {kind.__name__}")
    for key in ("select", "ignore"):
        if key in table:
            check_codes(table[key], f"{path}: [tool.worksheet-parser] {key}")
    return table, path


def check_codes(codes: Iterable[str], where: str) -> list[str]:
    """Return ``codes`` as a list; :class:`ConfigError` if one is not a diagnostic code."""
    codes = list(codes)
    unknown = [c for c in codes if c not in CODES]
    if unknown:
        raise ConfigError(f"{where}: unknown diagnostic code(s): {', '.join(unknown)}")
    return codes


def split_codes(values: Sequence[str] | None) -> list[str] | None:
    """Codes given on the command line, comma-separated or repeated."""
    if values is None:
        return None
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


def no_block(doc: Document) -> Diagnostic | None:
    """Return a ``no-block`` warning when ``doc`` holds no block at all."""
    if doc.worksheets or doc.review_stamps or doc.letters or doc.headers or doc.release_stamps:
        return None
    runs = doc.unrecognized  # a record per run of lines: count the lines
    lines = sum(1 for run in runs for line in run.text.split("\n") if line and not line.isspace())
    what = "the input is empty" if not lines else f"{lines} line(s) of text"
    return Diagnostic(
        code=DiagnosticCode.NO_BLOCK.value,
        severity=DiagnosticCode.NO_BLOCK.severity,
        message=f"no worksheet, stamp, letter or header was recognised ({what})",
    )


def findings(
    name: str,
    diagnostics: Iterable[Diagnostic],
    *,
    least: Severity = Severity.WARNING,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
) -> list[Finding]:
    """Return the diagnostics ``check`` shows for one input, as findings."""
    chosen = None if select is None else frozenset(select)
    skipped = frozenset(ignore)
    out: list[Finding] = []
    for d in diagnostics:
        if RANK[d.severity] < RANK[least] or d.code in skipped:
            continue
        if chosen is not None and d.code not in chosen:
            continue
        line, column = (1, 1) if d.span is None else (d.span.line, d.span.column)
        out.append(Finding(name, line, column, d.code, d.severity.value, d.message))
    return out


def fails(found: Iterable[Finding], least: Severity = Severity.WARNING) -> bool:
    """Whether any finding is at least ``least`` severe."""
    return any(RANK[Severity(f.severity)] >= RANK[least] for f in found)


def render_text(found: Iterable[Finding]) -> str:
    """``FILE:LINE:COL: CODE MESSAGE``, one line each."""
    return "".join(
        f"{shown(f.file)}:{f.line}:{f.column}: {f.code} {shown(f.message)}\n" for f in found
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(found: Iterable[Finding]) -> str:
    """GitHub Actions workflow commands: one ``::warning file=...`` annotation each."""
    level = {"info": "notice", "warning": "warning", "error": "error"}
    return "".join(
        f"::{level[f.severity]} file={_escape_property(shown(f.file))},line={f.line},"
        f"col={f.column},title={_escape_property(f.code)}::{_escape_data(shown(f.message))}\n"
        for f in found
    )


def render_json(found: Iterable[Finding]) -> str:
    """One JSON array of the findings."""
    return json.dumps([attrs.asdict(f) for f in found], ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    if path.startswith("<"):
        return path
    return Path(path).as_posix() if not os.path.isabs(path) else Path(path).as_uri()


def render_sarif(
    found: Iterable[Finding], *, version: str, rules: Mapping[str, Any] = CODES
) -> str:
    """One SARIF 2.1.0 log with a run of ``worksheet-parser``."""
    level = {"info": "note", "warning": "warning", "error": "error"}
    codes = sorted(rules)
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": codes.index(f.code) if f.code in rules else None,
            "level": level[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.file)},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
        }
        for f in found
    ]
    for r in results:
        if r["ruleIndex"] is None:
            del r["ruleIndex"]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "worksheet-parser",
                        "version": version,
                        "rules": [
                            {
                                "id": code,
                                "shortDescription": {"text": rules[code][1]},
                                "defaultConfiguration": {
                                    "level": level[rules[code][0].value],
                                },
                            }
                            for code in codes
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
